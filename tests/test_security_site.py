"""One site built from a repository that carries every payload class at once (names, front matter,
theme ids, active files, symbolic links): a real browser opens every page and file of it, then walks
every page again by Material's instant navigation, and no script of the repository's ever runs."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest
from browser import available, browser_page, serve
from conftest import build_site, write_tree

pytestmark = pytest.mark.skipif(not available(), reason="playwright or /usr/bin/chromium is not installed")

# Each payload opens a dialog or sets window.__xss if it ever runs.
RUN = "window.__xss=1;alert(1)"
IMG = f"<img src=x onerror={RUN}>"
NAMED = f"specs/001-name) {IMG} ("
LINKED = "specs/002-a) [x](javascript:alert(1)) ("
SPEC = f"""\
---
title: "Title {IMG}"
status: "<script>{RUN}</script>"
subtitle: "{IMG}"
description: "{IMG}"
author: "{IMG}"
---
# Feature Specification: {IMG}

<pre id="__config">{{"base": "https://evil.example", "features": [], "search": "x"}}</pre>
<img id="__config" src="x" alt="clobber">
<a name="__search" href="javascript:{RUN}">named</a>

See [the mockup](mockups/mock.html), [the flow](flow.svg), ![flow](flow.svg) and [notes](notes.md).

[NEEDS CLARIFICATION: {IMG}]

| Risk | Likelihood | Impact | Mitigation | Owner |
|------|------------|--------|------------|-------|
| {IMG} | High | High | <script>{RUN}</script> | x |
"""
PLAN = f"""\
---
template: redirect.html
location: "javascript:{RUN}"
hide: 5
search: 7
---
# Implementation Plan: {IMG}

## Constitution Check

- [ ] {IMG} gate
"""
FLOW = f"""\
<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="{RUN}">
  <script>{RUN}</script>
  <rect width="10" height="10"/>
  <a xlink:href="javascript:{RUN}"><text>click</text></a>
  <animate attributeName="onload" to="{RUN}"/>
  <foreignObject width="50" height="20"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="{RUN}"/>label</div></foreignObject>
</svg>
"""
FILES: dict[str, str | bytes] = {
    "docs/index.md": "# Home\n",
    f"{NAMED}/spec.md": SPEC,
    f"{NAMED}/plan.md": PLAN,
    f"{NAMED}/tasks.md": f"# Tasks\n\n- [ ] T001 {IMG}\n",
    f"{NAMED}/mockups/mock.html": f"<html><body><script>{RUN}</script><img src=x onerror={RUN}></body></html>",
    f"{NAMED}/flow.svg": FLOW,
    f"{NAMED}/page.xhtml": f'<html xmlns="http://www.w3.org/1999/xhtml"><script>{RUN}</script></html>',
    f"{LINKED}/spec.md": f"# Feature Specification: linked\n\n[NEEDS CLARIFICATION: {IMG}]\n",
    f"specs/003-risks/notes) {IMG} (.md": f"# Notes\n\n[NEEDS CLARIFICATION: {IMG}]\n",
    f"plans/s/v/EP-1) {IMG} (/exec-plan.md": f"# Execution Plan: {IMG}\n",
    "outside/payload.md": f"# Outside\n\n<script>{RUN}</script> SECRET-OUTSIDE\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("payloads")
    write_tree(root, FILES)
    os.symlink(root / "outside" / "payload.md", root / NAMED / "notes.md")
    (root / ".specify" / "memory").mkdir(parents=True)
    os.symlink(root / "outside" / "payload.md", root / ".specify" / "memory" / "constitution.md")
    (root / "site").mkdir()
    with serve(root / "site") as url:
        # Instant navigation only works when site_url is the served origin, so the site is built after.
        (root / "mkdocs.yml").write_text(
            f"site_name: Payloads\nsite_url: {url}/\n"
            "theme:\n  name: material\n  font: false\n  features: [navigation.instant]\n"
            "plugins:\n  - search\n  - spec-portfolio\n  - mermaid2\n",
            encoding="utf-8",
        )
        built = build_site(root)
        assert not built.aborted
        yield url, built


def _published(site_dir: Path) -> list[str]:
    """Every page and every file a browser could open as a document, as URL paths."""
    found = []
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix in (".html", ".svg", ".xhtml", ".htm", ".xml") and not rel.startswith("assets/"):
            found.append(quote(rel))
    return found


def test_the_site_carries_the_payloads_it_is_tested_with(site):
    _, built = site
    pages = _published(built.dir)
    assert any("001-name" in p and p.endswith("spec/index.html") for p in pages)
    assert any(p.endswith("flow.svg") for p in pages)  # a sanitised copy, opened below
    assert any(p.endswith("mock.html/index.html") for p in pages)  # the mockup as a source page
    assert not (built.dir / NAMED.replace("specs/", "specs/", 1) / "mockups" / "mock.html").is_file()
    for path in built.dir.rglob("*"):
        if path.is_file():
            assert b"SECRET-OUTSIDE" not in path.read_bytes(), path  # linked files are never read
    assert any("notes.md" in w and "link" in w for w in built.warnings)
    assert any("flow.svg" in w and "sanitised" in w for w in built.warnings)


def _assert_nothing_ran(page, dialogs: list[str], where: str) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined", where
    assert dialogs == [], where


def test_no_page_or_file_runs_a_script(site):
    url, built = site
    pages = _published(built.dir)
    assert len(pages) > 15
    dialogs: list[str] = []
    with browser_page([]) as page:
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in pages:
            page.goto(f"{url}/{path}")
            page.wait_for_load_state("networkidle")
            for element in page.locator("a[href^='javascript:'], [onmouseover], [onclick]").all():
                element.hover()
            _assert_nothing_ran(page, dialogs, path)
            if path.endswith(".html"):
                assert page.locator("a[href^='javascript:'], iframe, object, embed").count() == 0, path
                config = page.locator("#__config")
                assert config.count() == 1 and config.evaluate("e => e.tagName") == "SCRIPT", path


def test_no_script_runs_after_instant_navigation(site):
    url, built = site
    pages = [p for p in _published(built.dir) if p.endswith("index.html")]
    dialogs: list[str] = []
    with browser_page([]) as page:
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{url}/")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.__same_document = true")
        for path in pages:
            target = f"{url}/{path.removesuffix('index.html')}"
            # A click on a link of the page, which Material's instant navigation intercepts.
            page.evaluate(
                "href => { const a = document.createElement('a'); a.href = href; a.textContent = 'go';"
                " document.querySelector('.md-content').append(a); a.click(); }",
                target,
            )
            page.wait_for_url(target)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__same_document") is True, f"{path}: not an instant navigation"
            _assert_nothing_ran(page, dialogs, path)
