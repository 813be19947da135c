"""Hostile file and folder names: they reach every generated page as text, never as markup, and the
links built from them still open the page they name."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from conftest import build_site, write_tree

IMG = "<img src=x onerror=alert(document.domain)>"
# Feature folders: markup, a Markdown link with a `javascript:` target, a backtick, and what URLs read
# (`#`, `?`, `%`, spaces) or encode (unicode).
CHECKOUT = f"specs/001-checkout) {IMG} ("
TITLE = f"specs/002-title </title>{IMG}"  # Material's <title> unescapes the nav title once
JS_LINK = "specs/003-a) [x](javascript:alert(1)) ("
TICK = "specs/004-tick`s `code"
URLISH = "specs/005-hash#frag?q=1&x=%41 ünïcødé"
RISKY = "specs/006-risks"
RISK_DOC = f"{RISKY}/notes) {IMG} (.md"  # a document file name on the risk and clarification pages
JS_DOC = f"{RISKY}/javascript:alert(1).md"  # the context bar's relative link to it would be a scheme
EPIC = f"plans/scope/svc/EP-1) {IMG} ("
FEATURES = [CHECKOUT, TITLE, JS_LINK, TICK, URLISH]

SPEC = """\
# Feature Specification: {title}

**Status**: Draft

[NEEDS CLARIFICATION: which {title}?]

## Open Questions

- Who decides about {title}?
"""
RISKS = """\
# Notes

## Risks

| Risk | Likelihood | Impact | Mitigation | Owner |
|------|------------|--------|------------|-------|
| Outage of the {title} | High | High | Retry | Ops |

[NEEDS CLARIFICATION: the owner of {title}]
"""
PLAN = """\
# Implementation Plan: {title}

## Constitution Check

- [ ] Simplicity: fails

## Rollout

Deploy behind a flag, roll back by switching it off.
"""

FILES: dict[str, str] = {
    "docs/index.md": "# Home\n",
    **{f"{f}/spec.md": SPEC.format(title="it") for f in FEATURES},
    f"{CHECKOUT}/plan.md": PLAN.format(title="checkout"),
    f"{URLISH}/plan.md": PLAN.format(title="hash"),
    f"{RISKY}/spec.md": SPEC.format(title="risks")
    + f"\nSee [the notes]({quote(RISK_DOC.rsplit('/')[-1])}).\n",
    RISK_DOC: RISKS.format(title="service"),
    JS_DOC: "# A document named like a script URL\n",
    f"{RISKY}/{IMG}.md": "No heading: its title is its file name.\n",
    f"{EPIC}/exec-plan.md": "# Execution Plan: the epic\n\nFeatures: 010-epic-f\n",
    f"{EPIC}/features/010-epic-f/spec.md": SPEC.format(title="epic feature"),
}
MKDOCS_YML = "site_name: Names\ntheme:\n  name: material\n  font: false\nplugins:\n  - spec-portfolio\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("names")
    write_tree(root, FILES)
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    built = build_site(root, strict=True)
    assert not built.aborted, built.warnings
    return built


class _Elements(HTMLParser):
    """Every start tag of a page, with its attributes, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def pages(site) -> list[Path]:
    return sorted(site.dir.rglob("*.html"))


def url_of(site, page: Path) -> str:
    """The URL path a page is served at (`a/b/index.html` -> `/a/b/`)."""
    rel = page.relative_to(site.dir).as_posix()
    return "/" + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)


def resolve(site, page: Path, href: str) -> Path | None:
    """The file a relative href of `page` opens, decoded as a browser and a web server decode it."""
    split = urlsplit(href)
    if split.scheme or split.netloc or not split.path:
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(url_of(site, page)), unquote(split.path)))
    target = site.dir / path.lstrip("/")
    if href.split("#")[0].split("?")[0].endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def test_no_markup_from_names_survives_on_any_page(site):
    built = pages(site)
    assert len(built) > 15
    for page in built:
        html = page.read_text(encoding="utf-8")
        assert "<img src=x" not in html, page
        for tag, attrs in elements(html):
            assert not (tag == "img" and attrs.get("src") == "x"), page
            for name, value in attrs.items():
                assert not name.startswith("on"), (page, tag, name, value)
                if name in ("href", "src", "action", "formaction", "data", "xlink:href"):
                    assert (
                        not re.sub(r"[\s\x00-\x1f]", "", unquote(value))
                        .lower()
                        .startswith(("javascript:", "data:", "vbscript:"))
                    ), (page, tag, name, value)


@pytest.mark.parametrize("url", ["/portfolio/", "/portfolio/gates/", "/portfolio/rollout/"])
def test_feature_links_open_the_feature_pages(site, url):
    page = site.dir / url.strip("/") / "index.html"
    hrefs = [attrs["href"] for tag, attrs in elements(page.read_text(encoding="utf-8")) if tag == "a"]
    opened = {resolve(site, page, href) for href in hrefs if "href"}
    for feature in FEATURES:
        spec = site.dir / feature / "spec" / "index.html"
        assert spec.is_file(), spec
        assert spec in opened, (feature, sorted(h for h in hrefs if "specs" in h))


@pytest.mark.parametrize("url", ["/portfolio/risks/", "/portfolio/clarifications/"])
def test_document_links_open_the_document_pages(site, url):
    page = site.dir / url.strip("/") / "index.html"
    hrefs = [attrs["href"] for tag, attrs in elements(page.read_text(encoding="utf-8")) if tag == "a"]
    opened = {resolve(site, page, href) for href in hrefs}
    assert site.dir / RISK_DOC.removesuffix(".md") / "index.html" in opened


def test_every_relative_link_on_every_page_opens_a_file(site):
    broken = []
    for page in pages(site):
        for tag, attrs in elements(page.read_text(encoding="utf-8")):
            href = (
                attrs.get("href") if tag in ("a", "link") else attrs.get("src") if tag == "script" else None
            )
            target = resolve(site, page, href) if href else None
            if target is not None and not target.exists():
                broken.append((url_of(site, page), href))
    assert not broken


def test_context_bar_links_to_siblings_with_odd_names(site):
    page = site.dir / RISKY / "spec" / "index.html"
    hrefs = [attrs["href"] for tag, attrs in elements(page.read_text(encoding="utf-8")) if tag == "a"]
    opened = {resolve(site, page, href) for href in hrefs}
    for doc in (RISK_DOC, JS_DOC):
        assert site.dir / doc.removesuffix(".md") / "index.html" in opened, (doc, hrefs)


def test_nav_titles_show_names_as_text(site):
    html = (site.dir / "portfolio" / "index.html").read_text(encoding="utf-8")
    assert "001-checkout) &lt;img src=x onerror=alert(document.domain)&gt; (" in html


def test_strict_still_fails_on_a_broken_link_in_an_odd_folder(tmp_path):
    files = {**FILES, f"{TICK}/plan.md": "# Plan\n\nSee [nothing](missing.md).\n"}
    write_tree(tmp_path, files)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML)
    built = build_site(tmp_path, strict=True)
    assert built.aborted
    assert any("missing.md" in w for w in built.warnings)


def test_the_sanitised_dashboard_keeps_its_filters_and_alignment(site):
    tags = elements((site.dir / "portfolio" / "index.html").read_text(encoding="utf-8"))
    assert any(tag == "select" and attrs.get("data-column") == "epic" for tag, attrs in tags)
    assert any(tag == "input" and attrs.get("type") == "search" for tag, attrs in tags)
    assert any(tag == "span" and "data-gates" in attrs for tag, attrs in tags)
    assert any(tag == "td" and attrs.get("style") == "text-align: right;" for tag, attrs in tags)
