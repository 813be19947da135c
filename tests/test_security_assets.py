"""Source documents cannot take the theme's names (DOM clobbering), and files a browser would run as
active content are not published live from the roots."""

from __future__ import annotations

from html.parser import HTMLParser

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
