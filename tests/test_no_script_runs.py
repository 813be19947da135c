"""Script payloads in every place source text reaches a page; a real browser shows that none runs."""

import pytest
from browser import available, browser_page, serve

pytestmark = pytest.mark.skipif(not available(), reason="playwright or /usr/bin/chromium is not installed")

# Each payload sets window.__xss (or opens a dialog) if it ever runs.
IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=1</script>"
PAYLOADS = {
    "specs/001-x/spec.md": f"""---
title: 'Title {IMG}'
status: '{SCRIPT} Draft'
priority: '<svg onload="window.__xss=1">'
---
# Feature Specification: Heading {SCRIPT}

**Epic**: EPIC-1

A paragraph with raw HTML {IMG} and <a href="javascript:window.__xss=1">a link</a>.

<iframe src="javascript:window.__xss=1"></iframe>
<form action="javascript:window.__xss=1"><button>go</button></form>
<div onclick="window.__xss=1" onmouseover="window.__xss=1">hover me</div>
<details><summary>kept</summary>details are allowed</details>

| Risk | Likelihood | Impact | Mitigation | Owner |
|------|------------|--------|------------|-------|
| {IMG} cells | High | High | {SCRIPT} | <b onmouseover="window.__xss=1">x</b> |

**Storage**: [e.g., {IMG} or NEEDS CLARIFICATION]

[NEEDS CLARIFICATION: {SCRIPT}]

```mermaid
flowchart LR
  A["{IMG}"] --> B["<script>window.__xss=1</script>"]
  B --> C[click me]
  click C "javascript:window.__xss=1"
```
""",
    "specs/001-x/plan.md": f"# Implementation Plan: <<{IMG}>> and <<FEATURE_NAME>>\n\n**Spec**: [spec](spec.md)\n",
    "plans/s/v/EPIC-1/exec-plan.md": f"# Execution Plan: Epic {SCRIPT}\n\nEPIC-1 features.\n",
    "plans/s/v/EPIC-1/features/F-1/spec.md": f'---\ntitle: "{IMG}"\n---\n# Spec\n',
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import build_site, write_tree

    root = tmp_path_factory.mktemp("xss")
    write_tree(root, {"docs/index.md": "# Home\n", **PAYLOADS})
    (root / "mkdocs.yml").write_text(
        "site_name: XSS\ntheme:\n  name: material\n  font: false\nplugins:\n  - spec-portfolio\n  - mermaid2\n"
    )
    built = build_site(root)
    assert not built.aborted
    with serve(built.dir) as url:
        yield url


PAGES = [
    "specs/001-x/spec/",
    "specs/001-x/plan/",
    "plans/s/v/EPIC-1/exec-plan/",
    "plans/s/v/EPIC-1/features/F-1/spec/",
    "portfolio/",
    "portfolio/gates/",
    "portfolio/clarifications/",
    "portfolio/problems/",
    "portfolio/epics/plans/s/v/EPIC-1/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_script_from_a_source_runs(site, path):
    dialogs: list[str] = []
    with browser_page([]) as page:
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{site}/{path}")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # mermaid renders after load
        for element in page.locator("[onmouseover], [onclick]").all():
            element.hover()
        assert page.evaluate("window.__xss") is None
        assert (
            page.locator("script:not([src])").evaluate_all(
                "els => els.filter(e => e.textContent.includes('__xss')).length"
            )
            == 0
        )
        assert page.locator("iframe, form, [onerror], [onload], [onclick], [onmouseover]").count() == 0
        assert page.locator("a[href^='javascript:']").count() == 0
    assert dialogs == []


def test_escaped_text_stays_visible(site):
    with browser_page([]) as page:
        page.goto(f"{site}/specs/001-x/plan/")
        text = page.locator("article").inner_text()
        assert "<<FEATURE_NAME>>" in text  # angle-bracket tokens are shown, not dropped as tags
        page.goto(f"{site}/specs/001-x/spec/")
        assert page.locator("summary", has_text="kept").count() == 1
