"""The check command's formats on our own fixtures: text, GitHub annotations and summary, SARIF, --only."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_tree
from fixtures import SPECS
from test_cli import UNFILLED_PLAN

SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture
def project(tmp_path):
    write_tree(
        tmp_path,
        {
            **SPECS,
            "specs/001-kite-rental/plan.md": UNFILLED_PLAN,
            "specs/001-kite-rental/research.md": "# Research\n\nSee [gone](gone.md), 50%, a:b.\n",
        },
    )
    return tmp_path


def run(project, *args, env=None):
    command = [sys.executable, "-m", "spec_portfolio", "check", *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120, env=env)


def test_github_annotations(project):
    result = run(project, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    gate = next(line for line in lines if "is BLOCKED" in line)
    assert gate.startswith("::error file=specs/001-kite-rental/plan.md,line=12,")
    assert ",title=spec-portfolio gate::" in gate
    clarification = next(line for line in lines if "which database keeps rentals" in line)
    assert clarification.startswith("::error file=specs/001-kite-rental/plan.md,line=7,col=")
    assert ",title=spec-portfolio clarification::" in clarification
    broken = next(line for line in lines if "gone.md" in line)
    assert broken.startswith(
        "::warning file=specs/001-kite-rental/research.md,line=3,title=spec-portfolio input::"
    )
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_github_step_summary(project, tmp_path_factory):
    summary = tmp_path_factory.mktemp("gh") / "summary.md"
    summary.write_text("previous step\n")
    env = {**__import__("os").environ, "GITHUB_STEP_SUMMARY": str(summary)}
    run(project, "--format", "github", env=env)
    text = summary.read_text()
    assert text.startswith("previous step\n## Spec portfolio")  # appended, not replaced
    assert "| Feature | Title | Status | Unfilled | To clarify | Gates | Tasks |" in text
    assert "| 001-kite-rental | Kite rental | Approved |" in text and "| 1 | BLOCKED |" in text


def test_sarif_is_valid_and_has_one_rule_per_kind(project):
    result = run(project, "--format", "sarif", "--fail-on", "never")
    assert result.returncode == 0
    log = json.loads(result.stdout)
    run_ = log["runs"][0]
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert len(rules) == len(set(rules)) and {"placeholder", "clarification", "gate", "input"} <= set(rules)
    for result_ in run_["results"]:
        assert rules[result_["ruleIndex"]] == result_["ruleId"]
        assert result_["level"] in ("error", "warning", "note")
    gate = next(r for r in run_["results"] if r["ruleId"] == "gate")
    location = gate["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "specs/001-kite-rental/plan.md"
    assert location["region"]["startLine"] == 12


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason="../shared/schemas is not present")
def test_sarif_validates_against_the_sarif_2_1_0_schema(project):
    jsonschema = pytest.importorskip("jsonschema")
    log = json.loads(run(project, "--format", "sarif", "--fail-on", "never").stdout)
    schema = json.loads(SARIF_SCHEMA.read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []


def test_only_limits_findings_but_reads_the_whole_portfolio(project):
    result = run(project, "--format", "json", "--only", "specs/001-kite-rental/research.md")
    assert result.returncode == 0  # the only finding there is a warning
    report = json.loads(result.stdout)
    assert {f["path"] for f in report["findings"]} == {"specs/001-kite-rental/research.md"}
    assert len(report["features"]) == 5  # features still come from the whole portfolio
    folder = json.loads(run(project, "--format", "json", "--only", "specs/001-kite-rental").stdout)
    assert {f["path"] for f in folder["findings"]} == {
        "specs/001-kite-rental/plan.md",
        "specs/001-kite-rental/research.md",
    }


def test_text_format(project):
    result = run(project)
    assert result.returncode == 1
    assert "001-kite-rental Kite rental: Approved, in progress, tasks 1/2," in result.stdout
    assert "BLOCKED" in result.stdout
    assert "specs/001-kite-rental/plan.md:7:" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour when not a terminal
