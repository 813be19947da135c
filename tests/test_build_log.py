"""The log of a real `mkdocs build`: progress by stage with counts, a few lines whatever the number of
pages, and none of mermaid2's per-page lines unless the build is verbose."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import write_tree

FLOW = "```mermaid\nflowchart LR\n  A --> B\n```\n"
FEATURES = 12
FILES = {
    "docs/index.md": "# Home\n",
    "mkdocs.yml": "site_name: Log\ntheme:\n  name: material\nplugins:\n  - search\n  - spec-portfolio\n  - mermaid2\n",
    **{f"specs/{n:03}-f/spec.md": f"# Feature Specification: F{n}\n\n{FLOW}" for n in range(1, FEATURES + 1)},
}


def build(project: Path, *flags: str) -> list[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", *flags]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stderr.splitlines()


def test_the_log_shows_each_stage_with_counts_and_no_line_per_page(tmp_path):
    write_tree(tmp_path, FILES)
    lines = build(tmp_path)
    ours = [line.split("spec_portfolio: ", 1)[1] for line in lines if "spec_portfolio: " in line]
    pages = len(list((tmp_path / "site").rglob("index.html")))  # the specs, home, the generated pages
    assert pages > FEATURES + 1
    assert ours[0].startswith("roots read: specs/")
    assert ours[2:] == [
        f"rendering {pages} pages",
        f"rendered {pages} pages; putting them through the theme",
        f"published 0 epics, {FEATURES} features, {FEATURES} documents",
    ], lines
    assert ours[1].startswith("findings: ")
    mermaid2 = [line for line in lines if "MERMAID2" in line]
    assert not [line for line in mermaid2 if "Custom loader" in line or "diagrams, adding scripts" in line]
    assert len(lines) < 15  # a few lines, not one per page


def test_a_verbose_build_keeps_mermaid2s_page_lines(tmp_path):
    write_tree(tmp_path, FILES)
    lines = build(tmp_path, "--verbose")
    assert sum("Custom loader activated" in line for line in lines) == FEATURES
    assert sum("diagrams, adding scripts" in line for line in lines) == FEATURES
