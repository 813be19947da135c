"""Where each document stands in the site: its own path, unless two would share one address."""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from .model import Portfolio, Problem


def address(site_path: str) -> str:
    """The directory-style address a site path gets (`a/b.md` -> `a/b/`, `a/README.md` -> `a/`)."""
    stem, suffix = posixpath.splitext(site_path)
    if suffix.lower() not in (".md", ".markdown"):
        return site_path
    head, name = posixpath.split(stem)
    if name.lower() in ("index", "readme"):
        return f"{head}/" if head else ""
    return f"{stem}/"


def relative(from_site: str, to_site: str) -> str:
    """A link target from the page at site path `from_site` to site path `to_site`."""
    return posixpath.relpath(to_site, posixpath.dirname(from_site) or ".")


def encoded(path: str) -> str:
    """A path percent-encoded for a URL: no character of a file or folder name is read as URL, Markdown
    or HTML syntax (`#`, `?`, `%`, `:`, `(`, `)`, `<`, `"`, spaces, backticks); the link still opens it."""
    return quote(path, safe="/")


def href(from_site: str, to_site: str) -> str:
    """The link target from the page at site path `from_site` to site path `to_site`, encoded."""
    return encoded(relative(from_site, to_site))


def md_link(from_site: str, to_site: str, label: str) -> str:
    """A Markdown link from the page at `from_site` to site path `to_site`; `label` is Markdown already
    (source text through `escape.md_text`). Every link our pages make between pages is made here."""
    return f"[{label}]({href(from_site, to_site)})"


def assign_site_paths(portfolio: Portfolio, taken: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """Give every document a site path, keeping its source path unless its address is taken.

    A flat `specs/001-x.md` and a `specs/001-x/README.md` would both be `specs/001-x/`: folders win,
    and the flat file moves to `specs/001-x/summary.md` (or `summary-2.md`, ...).
    """
    used = {address(p) for p in taken}
    docs = sorted(portfolio.documents.values(), key=lambda d: (d.path.count("/"), d.path), reverse=True)
    for doc in docs:
        site = doc.path if doc.markdown else doc.path + ".md"
        if address(site) in used:
            stem = posixpath.splitext(doc.path)[0]
            n, site = 1, f"{stem}/summary.md"
            while address(site) in used or site in portfolio.documents:
                n += 1
                site = f"{stem}/summary-{n}.md"
            where = "/" + address(site)
            message = f"would share its address with another page; published at {where}"
            portfolio.problems.append(Problem(doc.path, message, severity="info"))
        used.add(address(site))
        doc.site = site
