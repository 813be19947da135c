"""Behaviour that lives in the page, in a real headless chromium with the network off."""

import os
import subprocess
import sys

import pytest
from browser import available, browser_page, fetched_code, serve
from conftest import REPO
from spec_portfolio.mermaid import cached_mermaid, fetch_mermaid

pytestmark = pytest.mark.skipif(not available(), reason="playwright or /usr/bin/chromium is not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Our own example portfolio, built once with the pinned mermaid served from the site."""
    if cached_mermaid() is None:
        fetch_mermaid()  # through npm, the package registry (the README's set-up does this too)
    out = tmp_path_factory.mktemp("browser") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)]
    subprocess.run(command, cwd=REPO, env=env, check=True, capture_output=True, timeout=300)
    with serve(out) as url:
        yield url


def rendered_diagrams(page) -> int:
    """How many diagrams became SVG (Playwright's CSS locators pierce the opened shadow roots)."""
    page.locator(".mermaid svg").first.wait_for(timeout=20_000)
    return page.locator(".mermaid svg").count()


def test_diagrams_render_offline(site):
    blocked: list[str] = []
    with browser_page(blocked) as page:
        page.goto(f"{site}/specs/001-photo-albums/plan/")
        assert rendered_diagrams(page) >= 1
        assert page.locator(".mermaid").count() == page.locator(".mermaid svg").count()
    assert fetched_code(blocked) == []  # no script, style or font from outside


def test_diagrams_render_after_instant_navigation_and_in_dark_palette(site):
    blocked: list[str] = []
    with browser_page(blocked) as page:
        page.goto(f"{site}/specs/001-photo-albums/spec/")
        page.click(".sp-bar a:has-text('Data model')")  # Material's instant navigation: no full reload
        page.wait_for_url("**/data-model/")
        assert rendered_diagrams(page) >= 1
        # Switch to the dark palette and check a diagram is drawn there too.
        page.click("label[for='__palette_1']")
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        page.goto(f"{site}/plans/commerce/payments/PAY-12/exec-plan/")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert rendered_diagrams(page) >= 1
    assert fetched_code(blocked) == []


def test_epic_page_has_a_generated_diagram(site):
    with browser_page([]) as page:
        page.goto(f"{site}/portfolio/epics/plans/commerce/payments/PAY-12/")
        assert rendered_diagrams(page) == 1
        assert "PAY-12-F1" in page.locator(".mermaid svg").text_content()


def test_dashboard_sorts_and_filters(site):
    blocked: list[str] = []
    with browser_page(blocked) as page:
        page.goto(f"{site}/portfolio/")
        rows = page.locator(".sp-dashboard tbody tr")
        total = rows.count()
        assert total >= 9
        assert page.locator(".sp-count").inner_text() == f"{total} of {total} features"

        page.fill(".sp-filter-text", "print")
        assert page.locator(".sp-dashboard tbody tr:not([hidden])").count() == 1
        page.fill(".sp-filter-text", "")

        page.select_option(".sp-filter-select[data-column='epic']", "PAY-12")
        visible = page.locator(".sp-dashboard tbody tr:not([hidden]) td:first-child").all_inner_texts()
        assert sorted(visible) == ["003-print-orders", "PAY-12-F1", "PAY-12-F2"]
        page.select_option(".sp-filter-select[data-column='epic']", "")

        page.select_option(".sp-filter-select[data-column='gates']", "blocked")
        blocked_rows = page.locator(".sp-dashboard tbody tr:not([hidden]) td:first-child").all_inner_texts()
        assert "003-print-orders" in blocked_rows and "001-photo-albums" not in blocked_rows
        page.select_option(".sp-filter-select[data-column='gates']", "")

        unfilled = page.locator(".sp-dashboard thead th", has_text="Unfilled")
        unfilled.click()
        values = [int(v) for v in page.locator(".sp-dashboard tbody td:nth-child(9)").all_inner_texts()]
        assert values == sorted(values)
        unfilled.click()
        values = [int(v) for v in page.locator(".sp-dashboard tbody td:nth-child(9)").all_inner_texts()]
        assert values == sorted(values, reverse=True)
        assert unfilled.get_attribute("aria-sort") == "descending"
    assert fetched_code(blocked) == []


def test_dashboard_works_after_instant_navigation(site):
    with browser_page([]) as page:
        page.goto(f"{site}/specs/001-photo-albums/spec/")
        page.click("a.md-nav__link:has-text('Dashboard')")
        page.wait_for_url("**/portfolio/")
        page.fill(".sp-filter-text", "photo")
        assert page.locator(".sp-dashboard tbody tr:not([hidden])").count() == 1


def test_a_broken_diagram_shows_its_error_in_place(make_site):
    spec = "# Spec\n\n```mermaid\nflowchart LR\n  A[ok] --> B[fine]\n```\n\n```mermaid\nflowchart LR\n  A[[[ -->\n```\n"
    site = make_site({"specs/001-a/spec.md": spec}, strict=True, plugins=["spec-portfolio", "mermaid2"],
                     theme={"name": "material", "font": False})  # fmt: skip
    assert not site.aborted, site.warnings
    blocked: list[str] = []
    with serve(site.dir) as url, browser_page(blocked) as page:
        page.goto(f"{url}/specs/001-a/spec/")
        assert rendered_diagrams(page) == 1
        error = page.locator(".sp-diagram-error")
        error.wait_for(timeout=10_000)
        assert error.count() == 1
        assert "syntax error" in error.inner_text() and "line 2" in error.inner_text()
    assert fetched_code(blocked) == []


def test_material_own_mermaid_uses_the_served_library(make_site):
    """Without mermaid2, Material draws the diagrams, with the pinned mermaid the site serves."""
    spec = "# Spec\n\n```mermaid\nsequenceDiagram\n  Alice->>Bob: hello\n```\n"
    site = make_site({"specs/001-a/spec.md": spec}, strict=True, theme={"name": "material", "font": False})
    assert not site.aborted, site.warnings
    blocked: list[str] = []
    with serve(site.dir) as url, browser_page(blocked) as page:
        page.goto(f"{url}/specs/001-a/spec/")
        assert rendered_diagrams(page) == 1
    assert fetched_code(blocked) == []  # Material would otherwise fetch mermaid from its CDN
