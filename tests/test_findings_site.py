"""Findings on the built site: badges, inline marks, the findings list, hidden content, fail_on."""

import re

from fixtures import SPECS

PLAN = """
# Implementation Plan: <<FEATURE_NAME>>

**Branch**: `[###-feature-name]` | **Date**: [DATE]

## Technical Context

**Storage**: [NEEDS CLARIFICATION: which database keeps rentals?] and more text.

## Constitution Check

- [x] **Privacy**: rentals are private
- [ ] **Simplicity**: FAIL, adds a queue

<!--
## Risks

| Risk | Owner |
|------|-------|
| Kites fly away | Ops |
"""


def build(make_site, **config):
    files = {**SPECS, "specs/001-kite-rental/plan.md": PLAN}
    return make_site(files, repo_url="https://github.com/kiteco/kites", edit_uri="edit/main/docs/", **config)


def test_badges_roll_up_the_feature_and_count_the_page(make_site):
    site = build(make_site)
    html = site.html("specs/001-kite-rental/plan")
    bar = html[html.index('class="sp-badges"') : html.index("</div>", html.index('class="sp-badges"'))]
    feature, page = bar.split('sp-badges__label">This page')
    assert ">Approved</span>" in feature
    assert ">in progress</span>" in feature  # lifecycle: 1 of 2 tasks done
    assert ">tasks 1/2</span>" in feature
    assert ">1 to clarify</span>" in feature
    assert ">BLOCKED</span>" in feature and ">BLOCKED</span>" in page
    assert re.search(r">\d+ unfilled</span>", page)
    # A filled page says so; the feature's roll-up is on every page of the feature.
    spec = site.html("specs/001-kite-rental/spec")
    assert ">nothing to fill in</span>" in spec and ">BLOCKED</span>" in spec


def test_placeholders_are_marked_where_they_stand_with_the_finding_as_tooltip(make_site):
    html = build(make_site).html("specs/001-kite-rental/plan")
    assert re.search(
        r'<mark class="sp-mark sp-mark--error" title="[^"]+">&lt;&lt;FEATURE_NAME&gt;&gt;</mark>', html
    )
    assert re.search(
        r'<mark class="sp-mark sp-mark--error" title="[^"]+"><code>\[###-feature-name\]</code></mark>', html
    )
    assert re.search(
        r'<mark class="sp-mark sp-mark--error" title="[^"]*which database keeps rentals\?[^"]*">', html
    )


def test_hidden_content_is_announced_where_it_starts(make_site):
    html = build(make_site).html("specs/001-kite-rental/plan")
    note = re.search(
        r'<div class="sp-hidden" role="note">Hidden by an HTML comment in the source: ([^<]+)</div>', html
    )
    assert note and "Risks" in note.group(1)
    assert html.index('class="sp-hidden"') < html.index('id="risks"')


def test_findings_list_links_each_finding_to_its_source_line(make_site):
    html = build(make_site).html("specs/001-kite-rental/plan")
    listing = html[html.index('<details class="sp-findings">') : html.index("</details>")]
    assert "findings on this page</summary>" in listing
    base = "https://github.com/kiteco/kites/blob/main/specs/001-kite-rental/plan.md"
    assert f'<a href="{base}#L7">line 7</a> <span class="sp-finding__kind">clarification</span>' in listing
    assert f'<a href="{base}#L12">line 12</a> <span class="sp-finding__kind">gate</span>' in listing


def test_findings_do_not_fail_strict_by_default_and_are_counted_in_the_log(make_site):
    site = build(make_site, strict=True)
    assert not site.aborted, site.warnings
    assert any(
        re.fullmatch(r"spec_portfolio: findings: \d+ errors?, \d+ warnings?, \d+ info", m)
        for m in site.messages()
    )


def test_fail_on_error_fails_the_build_naming_file_and_line(make_site):
    site = build(make_site, plugin={"fail_on": "error"})
    assert site.aborted
    errors = " ".join(r.getMessage() for r in site.records if r.levelname == "ERROR")
    assert "findings at or above 'error'" in errors
    assert "specs/001-kite-rental/plan.md:7: error:" in errors


def test_fail_on_rejects_unknown_values(make_site):
    site = build(make_site, plugin={"fail_on": "sometimes"})
    assert site.aborted
    errors = " ".join(r.getMessage() for r in site.records if r.levelname == "ERROR")
    assert "fail_on" in errors and "sometimes" in errors
