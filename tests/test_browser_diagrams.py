"""Diagrams in the page as a reader meets them: reached by Material's instant navigation from a page
that had none, and readable in both palettes (a real chromium, network off)."""

from __future__ import annotations

import pytest
from browser import available, browser_page, fetched_code, serve
from conftest import build_site, write_tree
from spec_portfolio.mermaid import cached_mermaid, fetch_mermaid

pytestmark = pytest.mark.skipif(not available(), reason="playwright or /usr/bin/chromium is not installed")

EPIC = "plans/s/v/EP-1"
FLOW = "```mermaid\nflowchart LR\n  A[start] --> B[end]\n```\n"
# One feature per class of the epic map: done, in progress, planned, specified, blocked.
FILES = {
    "docs/index.md": "# Home\n\nNo diagram here; see [the dashboard](portfolio/index.md).\n",
    f"{EPIC}/exec-plan.md": "# Execution Plan: EP-1\n",
    f"{EPIC}/features/EP-1-DONE/spec.md": "# Feature Specification: Done\n",
    f"{EPIC}/features/EP-1-DONE/tasks.md": "# Tasks\n\n- [x] T001 one\n",
    f"{EPIC}/features/EP-1-GOING/spec.md": "# Feature Specification: Going\n",
    f"{EPIC}/features/EP-1-GOING/tasks.md": "# Tasks\n\n- [x] T001 one\n- [ ] T002 two\n",
    f"{EPIC}/features/EP-1-PLANNED/spec.md": "# Feature Specification: Planned\n",
    f"{EPIC}/features/EP-1-PLANNED/plan.md": f"# Implementation Plan: Planned\n\n{FLOW}",
    f"{EPIC}/features/EP-1-SPECIFIED/spec.md": "# Feature Specification: Specified\n",
    f"{EPIC}/features/EP-1-BLOCKED/spec.md": "# Feature Specification: Blocked\n",
    f"{EPIC}/features/EP-1-BLOCKED/plan.md": "# Implementation Plan: Blocked\n\n## Constitution Check\n\n- [ ] FAIL: one gate\n",
}
CONFIG = """\
site_name: Diagrams
site_url: {url}/
theme:
  name: material
  font: false
  features: [navigation.instant]
  palette:
    - scheme: default
      toggle: {{icon: material/brightness-7, name: Dark mode}}
    - scheme: slate
      toggle: {{icon: material/brightness-4, name: Light mode}}
plugins:
  - search
  - spec-portfolio
  - mermaid2
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if cached_mermaid() is None:
        fetch_mermaid()
    root = tmp_path_factory.mktemp("diagrams")
    write_tree(root, FILES)
    (root / "site").mkdir()
    with serve(root / "site") as url:
        # Instant navigation only works when site_url is the served origin, so the site is built after.
        (root / "mkdocs.yml").write_text(CONFIG.format(url=url), encoding="utf-8")
        built = build_site(root, strict=True)
        assert not built.aborted, built.warnings
        yield url


def _stays(page) -> None:
    """Mark the window, so that a test can tell instant navigation from a full reload."""
    page.evaluate("window.__stayed = 1")


def _diagram_drawn(page) -> None:
    page.locator(".mermaid svg").first.wait_for(timeout=20_000)
    assert page.evaluate("window.__stayed") == 1  # reached by instant navigation, not a reload
    assert page.locator("pre.mermaid:not(:has(svg)), div.mermaid:not(:has(svg))").count() == 0


@pytest.mark.parametrize(
    "start, link, landing",
    [
        ("", ".md-content a[href*='portfolio/']", None),  # home, then the dashboard, then an epic
        ("portfolio/", ".md-content a[href*='epics/plans/s/v/EP-1']", "**/EP-1/"),
        (f"{EPIC}/features/EP-1-PLANNED/spec/", ".sp-bar a:has-text('Plan')", "**/EP-1-PLANNED/plan/"),
    ],
)
def test_a_diagram_renders_after_instant_navigation_from_a_page_without_one(site, start, link, landing):
    blocked: list[str] = []
    with browser_page(blocked) as page:
        page.goto(f"{site}/{start}")
        page.wait_for_load_state("networkidle")
        assert page.locator(".mermaid").count() == 0
        _stays(page)
        if landing is None:  # home -> dashboard -> epic, two instant hops
            page.click(link)
            page.wait_for_url("**/portfolio/")
            page.click(".md-content a[href*='epics/plans/s/v/EP-1']")
            page.wait_for_url("**/EP-1/")
        else:
            page.click(link)
            page.wait_for_url(landing)
        _diagram_drawn(page)
    assert fetched_code(blocked) == []
