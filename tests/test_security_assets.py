"""Source documents cannot take the theme's names (DOM clobbering), and files a browser would run as
active content are not published live from the roots."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

SPEC = """\
# Feature Specification: Clobbering

See [the second section](#second-section) and [the last](#__last).

<pre id="__config">{"base": "https://evil.example", "features": [], "search": "x", "translations": {}}</pre>
<img id="__config" src="x.png" alt="x">
<img name="getElementById" src="x.png" alt="y">
<a name="__search" href="#__config">to the config</a>
<label for="__drawer">drawer</label>

## Second section

Text.

## __last

The end.
"""


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


def test_a_document_cannot_take_the_themes_ids_or_names(make_site):
    site = make_site({"specs/001-x/spec.md": SPEC, "specs/001-x/x.png": b"\x89PNG\r\n\x1a\n"})
    elements = _elements(site.html("specs/001-x/spec"))
    config = [(tag, attrs) for tag, attrs in elements if attrs.get("id") == "__config"]
    assert config == [("script", {"id": "__config", "type": "application/json"})]  # Material's own
    ids = [attrs["id"] for _, attrs in elements if attrs.get("id")]
    theme = [i for i in ids if i.startswith("_")]
    assert len(theme) == len(set(theme)) and "__search" in theme  # each of the theme's ids once, its own
    names = [attrs["name"] for _, attrs in elements if attrs.get("name")]
    assert "getElementById" not in names and "__search" not in names
    assert "user-content-__search" in names  # an img keeps no name at all
    assert ("label", {"for": "user-content-__drawer"}) in elements
    # Heading anchors and links to them in the page still agree, a renamed one included.
    assert "second-section" in ids and "user-content-__last" in ids
    hrefs = {attrs["href"] for tag, attrs in elements if tag == "a" and attrs.get("href", "").startswith("#")}
    assert {"#second-section", "#user-content-__last", "#user-content-__config"} <= hrefs
    assert hrefs - {"#"} <= {f"#{i}" for i in ids} | {"#__drawer", "#__search", "#__consent"}  # theme's


SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="run()">
  <style>.a { fill: red } @import url(https://evil.example/x.css);</style>
  <script>run()</script>
  <defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>
  <rect class="a" width="10" height="10" fill="url(#g)" style="stroke: blue"/>
  <circle r="2" fill="url(https://evil.example/track)"/>
  <a xlink:href="javascript:run()"><text>link</text></a>
  <animate attributeName="href" to="javascript:run()"/>
  <set attributeName="onclick" to="run()"/>
  <use xlink:href="#g"/><use href="https://evil.example/sprite.svg#x"/>
  <image href="data:image/png;base64,iVBORw0KGgo="/><image href="https://evil.example/pixel.png"/>
  <foreignObject width="9" height="9">
    <div xmlns="http://www.w3.org/1999/xhtml"><span onclick="run()">label</span><iframe src="x"/></div>
  </foreignObject>
  <text x="1">kept text</text>
</svg>
"""


def test_an_svg_keeps_its_picture_and_loses_what_runs_or_loads():
    from spec_portfolio.svg import sanitise_svg

    copy, removed = sanitise_svg(SVG)
    text = copy.decode()
    for gone in ("run()", "<script", "onload", "onclick", "javascript:", "evil.example", "iframe", "@import"):
        assert gone not in text, gone
    for kept in ("<rect", 'fill="url(#g)"', "stroke: blue", "kept text", "label", 'xlink:href="#g"'):
        assert kept in text, kept
    assert "data:image/png;base64," in text  # an inline picture loads nothing
    assert removed == 11  # each removed element or attribute counted once


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        b"<html><script>run()</script></html>",
        b"<svg onload=run()>",  # not XML
        b'<svg><script xmlns="http://www.w3.org/2000/svg">run()</script></svg>',  # no SVG namespace
    ],
)
def test_what_is_not_a_plain_svg_document_is_refused(data):
    from spec_portfolio.svg import NotSVG, sanitise_svg

    with pytest.raises(NotSVG):
        sanitise_svg(data)


ACTIVE = "<html><body><script>window.__xss=1</script></body></html>"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def _files() -> dict[str, str | bytes]:
    return {
        "specs/001-x/spec.md": "# Spec\n\n[mockup](mockups/mock.html), ![flow](flow.svg), ![pic](pic.png)\n",
        "specs/001-x/mockups/mock.html": ACTIVE,
        "specs/001-x/flow.svg": SVG,
        "specs/001-x/broken.svg": b"<svg onload=run()>",
        "specs/001-x/pic.png": PNG,
        "specs/001-x/page.xhtml": ACTIVE,
        "specs/001-x/tool.bin": b"\x00\x01<script>run()</script>",
        "specs/001-x/contracts/widget.html": ACTIVE,
    }


def test_active_files_are_published_as_source_pages_or_sanitised_copies(make_site):
    site = make_site(_files())
    out = site.dir / "specs/001-x"
    assert (out / "pic.png").read_bytes() == PNG  # passive files as they are
    assert b"run()" not in (out / "flow.svg").read_bytes() and b"<rect" in (out / "flow.svg").read_bytes()
    for page in ("mockups/mock.html", "page.xhtml", "contracts/widget.html"):
        assert not (out / page).is_file(), page  # no live copy
        html = (out / page / "index.html").read_text(encoding="utf-8")
        assert "<script>window.__xss" not in html  # as text only, highlighted
        assert "<script>window.__xss=1</script>" in unescape(re.sub(r"<[^>]*>", "", html))
    assert not (out / "broken.svg").exists() and not (out / "tool.bin").exists()
    # The spec's link opens the mockup's source page.
    assert 'href="../mockups/mock.html/"' in site.html("specs/001-x/spec")
    warned = "\n".join(site.warnings)
    assert "specs/001-x/flow.svg: published as a sanitised copy" in warned
    assert "specs/001-x/broken.svg: is not well-formed XML" in warned and "not published" in warned
    assert "specs/001-x/tool.bin: holds binary data; not published" in warned


def test_strict_fails_on_an_svg_that_had_to_be_cleaned(make_site):
    assert make_site(_files(), strict=True).aborted


def test_trust_assets_publishes_them_as_they_are(make_site):
    site = make_site(_files(), plugin={"trust_assets": True})
    out = site.dir / "specs/001-x"
    assert (out / "mockups/mock.html").read_text(encoding="utf-8") == ACTIVE
    assert (out / "flow.svg").read_bytes() == SVG
    assert (out / "tool.bin").is_file()
    assert not any("sanitised" in w or "not published" in w for w in site.warnings)
