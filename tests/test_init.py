"""`spec-portfolio init`, run as a real process: the repository it sets up builds with --strict, and
no file that exists is ever replaced."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import REPO, write_tree
from test_workflows import check_jsonschema, zizmor

WRITTEN = ["mkdocs.yml", "docs/index.md", "requirements-docs.txt", ".github/workflows/pages.yml"]
SPECS = {
    "specs/001-photo-albums/spec.md": "# Feature Specification: Photo albums\n\n**Status**: Draft\n",
    "specs/001-photo-albums/plan.md": "# Implementation Plan: Photo albums\n\n```mermaid\nflowchart LR\n  A --> B\n```\n",
    "plans/commerce/payments/PAY-1/exec-plan.md": "# Execution Plan: Payments\n",
    "plans/commerce/payments/PAY-1/features/PAY-1-F1/spec.md": "# Feature Specification: Refunds\n",
}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_init_sets_up_a_repository_that_builds_strict(tmp_path):
    write_tree(tmp_path, SPECS)
    result = run("spec_portfolio", "init", "--name", "Our: portfolio #1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:5] == [*(f"wrote {p}" for p in WRITTEN), "added to .gitignore (site/)"]
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "site/\n"
    config = yaml.load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    assert config["site_name"] == "Our: portfolio #1"
    assert config["plugins"] == ["search", "spec-portfolio", "mermaid2"]
    assert [p["scheme"] for p in config["theme"]["palette"]] == ["default", "slate"]
    assert all("toggle" in p for p in config["theme"]["palette"])

    built = run("mkdocs", "build", "--strict", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    site = tmp_path / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Our: portfolio #1" in home and 'href="portfolio/"' in home
    assert (site / "specs" / "001-photo-albums" / "plan" / "index.html").is_file()
    assert (
        site / "portfolio" / "epics" / "plans" / "commerce" / "payments" / "PAY-1" / "index.html"
    ).is_file()


def test_init_never_replaces_a_file_and_says_so(tmp_path):
    mine = {"mkdocs.yml": "site_name: Mine\n", "docs/index.md": "# Mine\n", ".gitignore": "/site/\n*.pyc"}
    write_tree(tmp_path, mine)
    result = run("spec_portfolio", "init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "kept mkdocs.yml (it exists; left as it is)" in lines
    assert "kept docs/index.md (it exists; left as it is)" in lines
    assert "wrote .github/workflows/pages.yml" in lines
    assert "already in .gitignore (site/)" in lines
    for rel, content in mine.items():
        assert (tmp_path / rel).read_text(encoding="utf-8") == content
    again = run("spec_portfolio", "init", cwd=tmp_path)
    assert "kept .github/workflows/pages.yml (it exists; left as it is)" in again.stdout.splitlines()


def test_init_adds_the_ignore_line_to_an_existing_gitignore(tmp_path):
    (tmp_path / ".gitignore").write_text("*.pyc", encoding="utf-8")  # no final newline
    result = run("spec_portfolio", "init", "--site-url", "https://example.github.io/repo/", cwd=tmp_path)
    assert "added to .gitignore (site/)" in result.stdout.splitlines()
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "*.pyc\nsite/\n"
    config = yaml.load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    assert config["site_url"] == "https://example.github.io/repo/"


def test_the_pages_workflow_init_writes_is_valid_clean_and_pinned_as_ours(tmp_path):
    run("spec_portfolio", "init", cwd=tmp_path)
    workflow = tmp_path / ".github" / "workflows" / "pages.yml"
    result = check_jsonschema(workflow)
    assert result.returncode == 0, result.stdout + result.stderr
    result = zizmor(workflow.parent)
    assert result.returncode == 0 and "No findings to report" in result.stdout, result.stdout + result.stderr
    uses = {
        line.split("uses:", 1)[1].strip() for line in workflow.read_text().splitlines() if "uses:" in line
    }
    ours = (REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert all(ref in ours for ref in uses), uses
    steps = yaml.safe_load(workflow.read_text())["jobs"]["build"]["steps"]
    assert {"run": "mkdocs build --strict"} in steps and {
        "run": "pip install -r requirements-docs.txt"
    } in steps


def test_getting_started_shows_what_init_writes_and_says(tmp_path):
    from spec_portfolio.init import files

    text = (REPO / "docs" / "getting-started.md").read_text(encoding="utf-8")
    section = text[text.index("## Set up your repository") :]
    shown = re.search(r"^```yaml\n(.*?)^```$", section, flags=re.M | re.S).group(1)
    written = files("my-repo")["mkdocs.yml"]
    assert written.endswith(shown) and written[: -len(shown)].startswith("# Written by")
    said = re.search(r"^```text\n(.*?)^```$", section, flags=re.M | re.S).group(1)
    (tmp_path / "my-repo").mkdir()
    assert run("spec_portfolio", "init", cwd=tmp_path / "my-repo").stdout == said
