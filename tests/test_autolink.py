"""Bare URLs and e-mail addresses become links where GitHub makes them links, and end where it ends them."""

from __future__ import annotations

import markdown
import pytest
from spec_portfolio.mkdocs.autolink import autolinks


def links(text: str) -> list[tuple[str, str]]:
    return [(text[start:end], href) for start, end, href in autolinks(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Docs at https://tidepool.example/albums now", [("https://tidepool.example/albums", None)]),
        ("Mirror: www.tidepool.example/help?q=print", [("www.tidepool.example/help?q=print", "http://")]),
        ("Ask ops@tidepool.example.", [("ops@tidepool.example", "mailto:")]),
        # Trailing punctuation is not part of the link; balanced parentheses are.
        ("See https://tidepool.example/a_(b), https://tidepool.example/x!", [
            ("https://tidepool.example/a_(b)", None), ("https://tidepool.example/x", None)]),
        ("(see www.tidepool.example/albums)", [("www.tidepool.example/albums", "http://")]),
        ("https://tidepool.example/q?a=1&amp; then", [("https://tidepool.example/q?a=1", None)]),
        ("https://tidepool.example/search?q=x&hl;", [("https://tidepool.example/search?q=x", None)]),
        ("**https://tidepool.example**", [("https://tidepool.example", None)]),
        # Not links: no dot, an underscore in the last two parts, a word before, an address ending in -.
        ("http://localhost is local", []),
        ("www.tide_pool.example and www.pool.tide_example", []),
        ("xhttps://tidepool.example and ahttp://x.y", []),
        ("team-@tidepool.example is fine but a@b.example- is not", [("team-@tidepool.example", "mailto:")]),
        ("plain text with no link", []),
    ],
)  # fmt: skip
def test_where_a_link_is_and_where_it_ends(text, expected):
    found = links(text)
    assert [t for t, _ in found] == [t for t, _ in expected]
    for (link, href), (_, prefix) in zip(found, expected, strict=True):
        assert href == (prefix or "") + link


def test_rendered_links_skip_code_and_existing_links_and_follow_inline_html():
    md = markdown.Markdown(extensions=["spec_portfolio.mkdocs.autolink", "md_in_html"])
    html = md.convert(
        "A https://a.example, [b](https://b.example), `https://c.example`, <kbd>https://d.example</kbd> "
        "and <span>https://e.example</span>.\n\n```\nhttps://f.example\n```\n"
    )
    assert '<a href="https://a.example">https://a.example</a>,' in html
    assert html.count("https://b.example") == 1 and "<code>https://c.example</code>" in html
    assert '<kbd><a href="https://d.example">https://d.example</a></kbd>' in html
    assert '<span><a href="https://e.example">https://e.example</a></span>' in html
    assert '<a href="https://f.example"' not in html


def test_portfolio_pages_link_bare_urls(make_site):
    site = make_site(
        {"specs/001-kites/spec.md": "# Kites\n\nSee https://kites.example/specs and ops@kites.example.\n"}
    )
    html = site.html("specs/001-kites/spec")
    assert '<a href="https://kites.example/specs">https://kites.example/specs</a>' in html
    assert '<a href="mailto:ops@kites.example">ops@kites.example</a>.' in html
