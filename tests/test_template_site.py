"""An untouched template on the built site: named by its folder, and counted the same everywhere.

A real `mkdocs build` in tmp_path, then assertions on its HTML and on `check`'s output.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys

import pytest
import yaml
from conftest import build_site, write_tree
from spec_portfolio.parse import parse
from spec_portfolio.titles import unfilled_title

# Our own untouched templates, in the shapes of spec-kit's and of the plan variants.
UNTOUCHED_SPEC = """
    # Feature Specification: [FEATURE NAME]

    **Feature Branch**: `[###-feature-name]` | **Created**: [DATE] | **Status**: Draft

    ## User Scenarios

    ### User Story 1 - [Brief Title] (Priority: P1)

    [Describe this user journey in plain language]

    ## Requirements

    - **FR-001**: System MUST [specific capability]
    - **FR-002**: System MUST keep [NEEDS CLARIFICATION: how long are records kept?]
    """
UNTOUCHED_PLAN = """
    # Implementation Plan: [FEATURE] - Approach and Architecture

    **Branch**: `[###-feature-name]` | **Date**: [DATE] | **Spec**: [link]

    ## Technical Context

    **Language/Version**: [e.g., Python 3.11 or NEEDS CLARIFICATION]
    **Storage**: [if applicable, e.g., PostgreSQL or N/A]
    """
FILLED_SPEC = """
    # Feature Specification: Tide Clock

    **Created**: 2026-04-02 | **Status**: Draft

    ## Requirements

    - **FR-001**: The clock shows the next high tide.
    - **FR-002**: It refreshes every [NEEDS CLARIFICATION: how often?] minutes.
    - **FR-003**: Its colours follow [the harbour's style guide] and [DATE].

    ## Open points

    - Which harbour first? [NEEDS CLARIFICATION: Oban or Mallaig?]
    """
FILES = {
    "docs/index.md": "# Home\n",
    "specs/001-harbour-lights/spec.md": UNTOUCHED_SPEC,
    "specs/001-harbour-lights/plan.md": UNTOUCHED_PLAN,
    "specs/001-harbour-lights/tasks.md": "# Tasks: [FEATURE NAME]\n\n- [ ] TXXX sample\n",
    "specs/002-tide-clock/spec.md": FILLED_SPEC,
    "specs/003-night-lights/spec.md": "# Feature Specification: <<FEATURE_NAME>>\n",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("templates")
    write_tree(root, FILES)
    settings = {"site_name": "Templates", "theme": {"name": "material"}, "plugins": ["spec-portfolio"]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    site = build_site(root)
    assert not site.aborted
    return site


def check(project, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "spec_portfolio", "check", "--fail-on", "never", *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("title", "unfilled"),
    [
        ("Implementation Plan: [FEATURE]", True),
        ("Feature Specification: [FEATURE NAME]", True),
        ("Implementation Plan: <<FEATURE_NAME>>", True),
        ("Implementation Plan: [FEATURE_ID]", True),
        ("Implementation Plan: [FEATURE] - Approach and Architecture", True),
        ("[CHECKLIST TYPE] Checklist: [FEATURE NAME]", True),
        ("[PROJECT_NAME] Constitution", True),
        ("Tasks: $ARGUMENTS", True),
        ("Spec: {{feature}}", True),
        ("Feature Specification: [Feature Name]", True),
        ("Feature Specification: Tide Clock", False),
        ("Feature Specification: [WIP] Offline mode", False),  # tags of a real title
        ("Plan: Search [P1]", False),
        ("Albums [beta]", False),
    ],
)
def test_a_title_that_asks_for_a_name(title, unfilled):
    assert unfilled_title(title) is unfilled
    parsed = parse(f"# {title}\n\nText.\n", "specs/001-a/spec.md", [])
    assert (parsed.title is None) is unfilled


def test_the_nav_names_an_untouched_template_by_its_folder(project):
    page = project.html("specs/001-harbour-lights/spec")
    start = page.index('<nav class="md-nav md-nav--primary"')
    nav = page[start : page.index('<div class="md-content"', start)]
    assert "001-harbour-lights · Harbour lights" in html.unescape(nav)
    assert "002-tide-clock · Tide Clock" in html.unescape(nav)
    assert "003-night-lights · Night lights" in html.unescape(nav)
    assert "FEATURE" not in nav


def test_the_dashboard_and_check_name_it_by_its_folder(project):
    dashboard = html.unescape(project.html("portfolio"))
    assert re.search(
        r'<a href="[^"]*001-harbour-lights/spec/">001-harbour-lights</a></td>\s*<td>Harbour lights</td>',
        dashboard,
    )
    assert "[FEATURE" not in dashboard and "<<FEATURE_NAME>>" not in dashboard
    lines = check(project.project).stdout.split("\n")
    features = [line for line in lines if re.match(r"00\d-", line)]  # one line per feature, then findings
    assert [line.split(":")[0] for line in features] == [
        "001-harbour-lights Harbour lights", "002-tide-clock Tide Clock", "003-night-lights Night lights",
    ]  # fmt: skip
    report = json.loads(check(project.project, "--format", "json").stdout)
    titles = {f["id"]: f["title"] for f in report["features"]}
    assert titles["001-harbour-lights"] == "Harbour lights"
    assert titles["002-tide-clock"] == "Tide Clock"


def _cells(row: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def _badge_count(page: str, label: str) -> int:
    """The number on the feature's `N unfilled` / `N to clarify` badge, 0 when it has none."""
    bar = page[page.index('class="sp-badges"') :]
    feature = bar[: bar.index("This page")]
    found = re.search(rf">(\d+) {label}</span>", feature)
    return int(found.group(1)) if found else 0


def test_the_dashboard_row_its_totals_and_the_badges_count_the_same(project):
    dashboard = project.html("portfolio")
    head = re.search(r"<thead>(.*?)</thead>", dashboard, re.S).group(1)
    columns = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)]
    unfilled, clarify = columns.index("Unfilled"), columns.index("To clarify")
    body = re.search(r"<tbody>(.*?)</tbody>", dashboard, re.S).group(1)
    rows = {(c := _cells(r))[0]: c for r in re.findall(r"<tr>(.*?)</tr>", body, re.S)}
    report = {f["id"]: f for f in json.loads(check(project.project, "--format", "json").stdout)["features"]}
    assert set(rows) == set(report)
    for ident, cells in rows.items():
        page = project.html(f"specs/{ident}/spec")
        shown = (int(cells[unfilled]), int(cells[clarify]))
        assert shown == (_badge_count(page, "unfilled"), _badge_count(page, "to clarify")), ident
        assert shown == (report[ident]["unfilled"], report[ident]["clarifications"]), ident
    # The untouched template and the filled spec both have some of each: the test compares numbers.
    for ident in ("001-harbour-lights", "002-tide-clock"):
        assert int(rows[ident][unfilled]) > 0 and int(rows[ident][clarify]) > 0, ident
    total_unfilled = sum(int(c[unfilled]) for c in rows.values())
    total_clarify = sum(int(c[clarify]) for c in rows.values())
    summary = html.unescape(re.sub(r"<[^>]+>", "", dashboard))
    assert f"{total_unfilled} unfilled template fields" in summary
    assert f"{total_clarify} open clarifications" in summary
