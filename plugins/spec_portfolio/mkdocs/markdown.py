"""A Python-Markdown extension that applies the core's link rewrites to the page being rendered.

It runs before MkDocs' own link processor, so rewritten links are then validated and made relative
by MkDocs like any other link.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from urllib.parse import unquote

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..model import Document
from .autolink import NO_LINKS_INSIDE, link_text

# Priority above MkDocs' "relpath" treeprocessor (0), below "inline" (20) which creates the links.
PRIORITY = 5
_NO_IDS_INSIDE = NO_LINKS_INSIDE | {"h1", "h2", "h3", "h4", "h5", "h6"}


class PortfolioLinks(Extension):
    def __init__(self, current: Callable[[], tuple[Document, dict[str, str]] | None]) -> None:
        super().__init__()
        self.current = current

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_Rewrite(md, self.current), "spec_portfolio_links", PRIORITY)


class _Rewrite(Treeprocessor):
    def __init__(self, md: Markdown, current: Callable[[], tuple[Document, dict[str, str]] | None]) -> None:
        super().__init__(md)
        self.current = current

    def run(self, root: etree.Element) -> None:
        page = self.current()
        if page is None:
            return
        doc, ids = page
        if doc.rewrites:
            for element in root.iter():
                attr = "href" if element.tag == "a" else "src" if element.tag == "img" else None
                value = element.get(attr) if attr else None
                if value is not None:
                    new = doc.rewrites.get(value) or doc.rewrites.get(unquote(value))
                    if new is not None:
                        element.set(attr, new)  # type: ignore[arg-type]
        if ids:
            names = sorted(ids, key=len, reverse=True)
            pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
            link_text(root, lambda text: _split(text, pattern, ids), _NO_IDS_INSIDE)


def _split(text: str, pattern: re.Pattern[str], targets: dict[str, str]) -> tuple[str, list[etree.Element]]:
    pieces = pattern.split(text)
    links = []
    for i in range(1, len(pieces), 2):
        link = etree.Element("a", {"href": targets[pieces[i]], "class": "sp-feature-ref"})
        link.text = pieces[i]
        link.tail = pieces[i + 1]
        links.append(link)
    return pieces[0], links
