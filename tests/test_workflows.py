"""Our GitHub workflows: valid against GitHub's workflow schema, and clean under zizmor. Offline.

check-jsonschema ships the workflow schema inside its package (`--builtin-schema`), and
`zizmor --offline` skips the audits that would ask GitHub; both run here in a sandbox without network.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import REPO

BIN = Path(sys.executable).parent
WORKFLOWS = REPO / ".github" / "workflows"
OURS = ["ci.yml", "pages.yml"]


def check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    command = [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def zizmor(target: Path) -> subprocess.CompletedProcess[str]:
    # --offline: no GitHub API, no network. The repository's zizmor.yml, if any, is found from `target`.
    command = [str(BIN / "zizmor"), "--offline", "--min-severity", "medium", "--format", "plain", str(target)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=REPO)


def test_both_workflows_exist():
    assert sorted(p.name for p in WORKFLOWS.glob("*.yml")) == sorted(OURS)


@pytest.mark.parametrize("name", OURS)
def test_workflow_is_valid_against_githubs_schema(name):
    result = check_jsonschema(WORKFLOWS / name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_the_schema_check_rejects_an_invalid_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  test:\n    steps:\n      - run: true\n", encoding="utf-8")
    result = check_jsonschema(broken)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "runs-on" in result.stdout + result.stderr


def test_zizmor_reports_no_finding_at_medium_severity_or_above():
    result = zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout, result.stdout + result.stderr


def test_zizmor_catches_a_template_injection(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "bad.yml").write_text(
        textwrap.dedent(
            """\
            on: pull_request_target
            permissions: {}
            jobs:
              greet:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${{ github.event.pull_request.title }}"
            """
        ),
        encoding="utf-8",
    )
    result = zizmor(workflows)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "template-injection" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("name", OURS)
def test_every_action_is_pinned_to_a_commit_with_its_version(name):
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    uses = [line.split("uses:", 1)[1].strip() for line in text.splitlines() if "uses:" in line]
    assert uses
    for ref in uses:
        _action, _, rest = ref.partition("@")
        sha, _, comment = rest.partition(" # ")
        assert len(sha) == 40 and all(c in "0123456789abcdef" for c in sha), ref
        assert comment.startswith("v") and comment.count(".") == 2, ref


def test_pages_deploys_with_least_privilege():
    workflow = yaml.safe_load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"]
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"


@pytest.mark.parametrize("name", OURS)
def test_checkout_keeps_no_credentials_and_caches_are_keyed_on_pyproject(name):
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    by_action = {step["uses"].split("@")[0]: step for step in steps if "uses" in step}
    assert by_action["actions/checkout"]["with"]["persist-credentials"] is False
    python = by_action["actions/setup-python"]["with"]
    assert python["cache"] == "pip" and python["cache-dependency-path"] == "pyproject.toml"
    cache = by_action["actions/cache"]["with"]
    assert cache["path"] == "~/.cache/spec-portfolio"
    assert "hashFiles('pyproject.toml', 'plugins/spec_portfolio/mermaid.py')" in cache["key"]
    runs = [step["run"] for step in steps if "run" in step]
    assert ".venv/bin/spec-portfolio fetch-mermaid" in runs
    assert "bash scripts/site.sh build" in runs
    assert not any("${{" in run for run in runs), "no expressions inside run:"


def _snippets(tmp_path: Path) -> dict[str, Path]:
    """The files docs/deploy.md gives to copy (```yaml title="PATH" blocks), written under tmp_path."""
    text = (REPO / "docs" / "deploy.md").read_text(encoding="utf-8")
    blocks = re.findall(r'^```yaml title="([^"]+)"\n(.*?)^```$', text, flags=re.M | re.S)
    files = {}
    for name, body in blocks:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
        files[name] = path
    return files


def test_the_workflows_in_the_deploy_page_are_valid_and_clean(tmp_path):
    files = _snippets(tmp_path)
    workflows = sorted(name for name in files if name.startswith(".github/workflows/"))
    assert workflows == [
        ".github/workflows/code-scanning.yml",
        ".github/workflows/pages.yml",
        ".github/workflows/portfolio.yml",
    ]
    result = check_jsonschema(*(files[name] for name in workflows))
    assert result.returncode == 0, result.stdout + result.stderr
    dependabot = [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.dependabot"]
    command = [*dependabot, str(files[".github/dependabot.yml"])]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    result = zizmor(tmp_path / ".github" / "workflows")
    assert result.returncode == 0 and "No findings to report" in result.stdout, result.stdout + result.stderr
    text = (REPO / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert "spec-portfolio check --format github --fail-on error" in text
    assert "spec-portfolio check --format sarif" in text


def test_the_deploy_page_pins_the_same_actions_as_our_workflows(tmp_path):
    ours = {
        line.split("uses:", 1)[1].strip()
        for name in OURS
        for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
        if "uses:" in line
    }
    theirs = {
        line.split("uses:", 1)[1].strip()
        for path in _snippets(tmp_path).values()
        for line in path.read_text(encoding="utf-8").splitlines()
        if "uses:" in line
    }
    assert ours <= theirs, ours - theirs
