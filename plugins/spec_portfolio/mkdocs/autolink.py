"""GitHub's autolinks: bare `https://…`, `www.…` and e-mail addresses in text become links.

This does what pymdownx.magiclink did for us at a fraction of its cost (magiclink tries its patterns
at every position of every text and was a tenth of a portfolio build): a text is searched only if it
holds `://`, `www.` or `@`, once the inline patterns have made their links. Where a link ends follows
the GitHub Flavored Markdown spec: trailing punctuation, an unmatched `)` and a trailing entity
reference are left out; a domain needs a dot and no `_` in its last two parts.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

# After "inline" (20), which makes links from Markdown syntax; before ours (5) and MkDocs' "relpath" (0).
PRIORITY = 10
NO_LINKS_INSIDE = frozenset({"a", "code", "pre", "kbd", "script", "style"})

# At the start, after a space, `*`, `_`, `~` or `(`, or right after inline HTML (a stash placeholder's end).
_BEFORE = r"(?<![^\s*_~(\x03])"
_DOMAIN = r"[\w-]+(?:\.[\w-]+)+"
_URL = re.compile(rf"{_BEFORE}(?:https?://|www\.)({_DOMAIN})[^\s<\x02\x03]*")  # \x02\x03: stashed HTML
# Each run of local-part characters is tried once, from its start (`[\w.+-]+@` tried from each `_` of
# a long run with no `@` would scan the rest of the run each time); `_email_start` then finds where
# in the run the address starts.
_EMAIL = re.compile(rf"(?<![\w.+-])[\w.+-]++@{_DOMAIN}")
_START = re.compile(_BEFORE)
_TRAILING = "?!.,:*_~"
_ENTITY = re.compile(r"&[A-Za-z0-9]+;$")


def autolinks(text: str) -> list[tuple[int, int, str]]:
    """(start, end, href) of each autolink in `text`, in order."""
    if "://" not in text and "www." not in text and "@" not in text:
        return []
    found = []
    for match in _URL.finditer(text):
        if "_" in ".".join(match[1].split(".")[-2:]):
            continue
        link = _trim(match[0])
        href = link if "://" in link else "http://" + link
        found.append((match.start(), match.start() + len(link), href))
    for match in _EMAIL.finditer(text):
        start = _email_start(text, match.start(), match[0].index("@"))
        if start is None or match[0][-1] in "-_" or any(s <= start < e for s, e, _ in found):
            continue
        found.append((start, match.end(), "mailto:" + text[start : match.end()]))
    return sorted(found)


def _email_start(text: str, run: int, at: int) -> int | None:
    """Where an address whose local-part run starts at `run` begins: the run's start, or else right after
    its first `_` (both where an autolink may start), if a local part is left before the `@`."""
    if _START.match(text, run):
        return run
    underscore = text.find("_", run, run + at)
    return underscore + 1 if 0 <= underscore < run + at - 1 else None


def _trim(link: str) -> str:
    while True:
        unmatched = link[-1] == ")" and link.count(")") > link.count("(")
        if link[-1] in _TRAILING or unmatched:
            link = link[:-1]
        elif link[-1] == ";" and (entity := _ENTITY.search(link)):
            link = link[: entity.start()]
        else:
            return link


def link_text(
    root: etree.Element,
    split: Callable[[str], tuple[str, list[etree.Element]]],
    skip: frozenset[str] = NO_LINKS_INSIDE,
) -> None:
    """Replace each text and tail outside the `skip` elements by `split`'s text and links: `split(text)`
    gives the text before the first link, and the links, each carrying the text after it as its tail."""
    if root.tag in skip:
        return
    if root.text:
        head, links = split(root.text)
        if links:
            root.text = head
            for i, link in enumerate(links):
                root.insert(i, link)
    for child in list(root):
        link_text(child, split, skip)
        if child.tail:
            head, links = split(child.tail)
            if links:
                child.tail = head
                at = list(root).index(child) + 1
                for i, link in enumerate(links):
                    root.insert(at + i, link)


def _split(text: str) -> tuple[str, list[etree.Element]]:
    found = autolinks(text)
    links = []
    for i, (start, end, href) in enumerate(found):
        link = etree.Element("a", {"href": href})
        link.text = text[start:end]
        link.tail = text[end : found[i + 1][0] if i + 1 < len(found) else len(text)]
        links.append(link)
    return (text[: found[0][0]] if found else text), links


class _Autolinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        link_text(root, _split)


class GithubAutolinks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_Autolinks(md), "spec_portfolio_autolinks", PRIORITY)


def makeExtension(**kwargs: object) -> GithubAutolinks:  # the name Python-Markdown looks for
    return GithubAutolinks(**kwargs)
