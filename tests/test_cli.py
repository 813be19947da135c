"""The `spec-portfolio check` command, run as a real process over a small portfolio."""

import json
import subprocess
import sys

from conftest import write_tree
from fixtures import SPECS


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "spec_portfolio", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_check_json_lists_features_epics_and_findings(tmp_path):
    write_tree(tmp_path, {**SPECS, "specs/001-kite-rental/research.md": "# R\n\n[x](missing.md)\n"})
    result = run("check", "--format", "json", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema_version"] == 1
    features = {f["id"]: f for f in report["features"]}
    assert set(features) == {
        "001-kite-rental", "002-wind-alerts", "20260301-120000-board-sizing", "FLEET-1-GPS", "FLEET-1-DOCK",
    }  # fmt: skip
    assert features["001-kite-rental"]["title"] == "Kite rental"
    assert features["001-kite-rental"]["path"] == "specs/001-kite-rental"
    assert features["001-kite-rental"]["status"] == "approved"
    assert features["001-kite-rental"]["status_text"] == "Approved"
    assert features["001-kite-rental"]["epic"] is None
    assert features["FLEET-1-GPS"]["epic"] == "FLEET-1"
    assert features["001-kite-rental"]["tasks"] == {"done": 1, "total": 2}
    assert features["001-kite-rental"]["lifecycle"] == "in progress"
    assert features["001-kite-rental"]["placeholders"] == 0
    assert [e["id"] for e in report["epics"]] == ["FLEET-1", "SHOP-3"]
    assert report["epics"][0]["features"] == ["FLEET-1-DOCK", "FLEET-1-GPS"]
    assert {"path": "specs/20260301-120000-board-sizing", "line": None, "end_line": None, "column": None,
            "kind": "input", "severity": "info", "message": "has no spec.md"} in report["findings"]  # fmt: skip
    assert [f for f in report["findings"] if f["severity"] != "info"] == [
        {
            "path": "specs/001-kite-rental/research.md",
            "line": 3,
            "end_line": None,
            "column": None,
            "kind": "input",
            "severity": "warning",
            "message": "links to 'missing.md', which does not exist",
        }
    ]


def test_exit_codes(tmp_path):
    write_tree(tmp_path, {**SPECS, "specs/001-kite-rental/research.md": "[x](missing.md)\n"})
    assert run("check", cwd=tmp_path).returncode == 0  # default threshold: error
    failed = run("check", "--fail-on", "warning", cwd=tmp_path)
    assert failed.returncode == 1
    assert "specs/001-kite-rental/research.md:1: warning [input] links to 'missing.md'" in failed.stdout
    assert run("check", "--format", "yaml", cwd=tmp_path).returncode == 2


def test_roots_come_from_mkdocs_yml(tmp_path):
    write_tree(
        tmp_path,
        {
            "mkdocs.yml": """
                site_name: x
                markdown_extensions:
                  - pymdownx.superfences:
                      custom_fences:
                        - name: mermaid
                          format: !!python/name:pymdownx.superfences.fence_code_format
                plugins:
                  - spec-portfolio:
                      roots: [apps/web/specs]
                """,
            "apps/web/specs/001-login/spec.md": "# Feature Specification: Login\n",
            "specs/002-ignored/spec.md": "# Feature Specification: Ignored\n",
        },
    )
    report = json.loads(run("check", "--format", "json", cwd=tmp_path).stdout)
    assert [f["id"] for f in report["features"]] == ["001-login"]


def test_broken_mkdocs_yml_is_a_usage_error_naming_the_file(tmp_path):
    write_tree(tmp_path, {"mkdocs.yml": "plugins: [\n"})
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "mkdocs.yml" in result.stderr


UNFILLED_PLAN = """
# Implementation Plan: [FEATURE]

**Branch**: `[###-feature-name]` | **Date**: [DATE] | **Spec**: [link]

## Technical Context

**Storage**: [NEEDS CLARIFICATION: which database keeps rentals?]

## Constitution Check

- [x] **Privacy**: rentals are private
- [ ] **Simplicity**: FAIL, adds a queue
- **Testing**: [OK / NEEDS REVIEW – reason]
"""


def test_check_json_counts_placeholders_and_gates(tmp_path):
    write_tree(tmp_path, {**SPECS, "specs/001-kite-rental/plan.md": UNFILLED_PLAN})
    result = run("check", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1  # errors exist and the default threshold is error
    report = json.loads(result.stdout)
    feature = next(f for f in report["features"] if f["id"] == "001-kite-rental")
    assert feature["clarifications"] == 1
    assert feature["placeholders"] >= 6
    assert feature["gates"] == {"passed": 2, "failed": 1, "pending": 1, "justified": 0, "state": "blocked"}
    plan = [f for f in report["findings"] if f["path"] == "specs/001-kite-rental/plan.md"]
    clarification = next(f for f in plan if f["kind"] == "clarification")
    assert clarification["line"] == 7
    assert clarification["severity"] == "error"
    assert "which database keeps rentals?" in clarification["message"]
    gate = next(f for f in plan if f["kind"] == "gate")
    assert gate["line"] == 12
    assert {"path", "line", "end_line", "column", "kind", "severity", "message"} == set(gate)
    assert run("check", "--fail-on", "never", cwd=tmp_path).returncode == 0


def test_fail_on_comes_from_mkdocs_yml_unless_given(tmp_path):
    write_tree(
        tmp_path,
        {
            **SPECS,
            "specs/001-kite-rental/research.md": "[x](missing.md)\n",
            "mkdocs.yml": "site_name: x\nplugins:\n  - spec-portfolio:\n      fail_on: warning\n",
        },
    )
    assert run("check", cwd=tmp_path).returncode == 1  # the warning fails, as it fails the build
    assert run("check", "--fail-on", "never", cwd=tmp_path).returncode == 0  # the command line wins


def test_unknown_options_are_findings_of_check(tmp_path):
    write_tree(
        tmp_path,
        {**SPECS, "mkdocs.yml": "site_name: x\nplugins:\n  - spec-portfolio:\n      nav_titel: Specs\n"},
    )
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # a warning, under the default --fail-on error
    assert (
        "mkdocs.yml:4: warning [input] spec-portfolio option 'nav_titel' is not an option of the plugin "
        "(did you mean 'nav_title'?); ignored"
    ) in result.stdout
    assert run("check", "--fail-on", "warning", cwd=tmp_path).returncode == 1


def test_check_says_which_roots_it_read(tmp_path):
    write_tree(tmp_path, {**SPECS, "apps/web/specs/001-login/spec.md": "# Feature Specification: Login\n"})
    text = run("check", cwd=tmp_path)
    assert "roots read: specs/, plans/, apps/web/specs/ (found: no roots configured)" in text.stderr
    assert "roots read" not in text.stdout  # the report alone
    report = run("check", "--format", "json", cwd=tmp_path)
    assert "roots read: specs/, plans/, apps/web/specs/" in report.stderr
    assert "apps/web/specs/001-login" in {f["path"] for f in json.loads(report.stdout)["features"]}


def test_found_roots_reach_the_terminal_without_escape_sequences(tmp_path):
    write_tree(tmp_path, {"apps/a\x1b[2Jb\x07/specs/001-x/spec.md": "# Feature Specification: X\n"})
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "roots read: apps/ab/specs/ (found: no roots configured)" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    empty = tmp_path / "e\x1b]0;title\x07mpty"
    empty.mkdir()
    nothing = run("check", str(empty), cwd=tmp_path)
    assert nothing.returncode == 2
    assert "no feature found in" in nothing.stderr
    assert "\x1b" not in nothing.stderr and "\x07" not in nothing.stderr
