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
        assert [m for m in built.messages() if "WARNING" in m] == []  # mermaid2 says its warnings at info
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


# Each node of the epic map: its shape's fill (composited over the page) and its label's colour.
NODE_COLOURS = """
() => {
  const rgba = (text) => {
    const m = text.match(/[\\d.]+/g).map(Number);
    return m.length === 3 ? [...m, 1] : m;
  };
  const page = rgba(getComputedStyle(document.body).backgroundColor);
  const over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3]));
  const root = document.querySelector("div.mermaid").shadowRoot;
  return [...root.querySelectorAll("g.node")].map((node) => {
    const shape = node.querySelector("rect, path, polygon, circle");
    // The innermost element that holds the text: its colour is the one drawn.
    const label = [".nodeLabel p", ".nodeLabel", "text"].map((s) => node.querySelector(s)).find(Boolean);
    const paint = (value) => over(value.startsWith("rgb") ? rgba(value) : [0, 0, 0, 0], page);
    return {
      node: node.getAttribute("class") + " " + label.textContent.trim(),
      fill: paint(getComputedStyle(shape).fill),
      line: paint(getComputedStyle(shape).stroke),
      text: over(rgba(getComputedStyle(label).color), page),
    };
  });
}
"""


def _luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[float], b: list[float]) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


STAGES = ("done", "progress", "planned", "draft", "blocked")  # the map's classes


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_epic_map_is_readable_in_both_palettes(site, scheme):
    with browser_page([]) as page:
        page.goto(f"{site}/")
        page.evaluate(
            "scheme => localStorage.setItem(new URL('.', location).pathname + '.__palette',"
            " JSON.stringify({index: scheme === 'slate' ? 1 : 0, color: {scheme}}))",
            scheme,
        )
        page.goto(f"{site}/portfolio/epics/plans/s/v/EP-1/")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        page.locator(".mermaid svg").first.wait_for(timeout=20_000)
        nodes = page.evaluate(NODE_COLOURS)
        lines = {}
        for node in nodes:
            assert contrast(node["fill"], node["text"]) >= 4.5, (scheme, node)  # WCAG AA for text
            for stage in set(node["node"].split()) & set(STAGES):
                assert contrast(node["fill"], node["line"]) >= 3, (scheme, node)  # WCAG non-text contrast
                lines.setdefault(stage, set()).add(tuple(round(c) for c in node["line"]))
        assert sorted(lines) == sorted(STAGES)
        assert len({line for stage in lines.values() for line in stage}) == len(STAGES)  # one colour each
