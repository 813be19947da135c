"""Links between documents: resolve what the sources wrote, rewrite it for the site, find backlinks."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .model import DocKind, Document, Link, Portfolio, Problem
from .urls import encoded, href

INDEX_NAMES = ("index.md", "README.md")


@dataclass(frozen=True, slots=True)
class Target:
    path: str  # project-relative path of what the link points at
    site: str | None  # its site path when it is published


def resolve_all(portfolio: Portfolio, source_url: str | None = None) -> None:
    """Fill `rewrites`, `links_to` and `backlinks`; report links to files that are not there.

    `source_url` (e.g. `https://github.com/o/r/blob/main/`) is where files that exist in the
    repository but are not published can be linked to instead.
    """
    published = {doc.path: doc.site for doc in portfolio.documents.values()}
    published.update({asset: asset for asset in portfolio.assets})
    folders = _folder_pages(portfolio)
    backlinks: dict[str, list[str]] = {}
    for doc in portfolio.documents.values():
        if not doc.markdown:
            continue
        for link in doc.parsed.links:
            split = urlsplit(link.target)
            if not split.path or split.scheme or split.netloc:
                continue
            suffix = (f"?{split.query}" if split.query else "") + (
                f"#{split.fragment}" if split.fragment else ""
            )
            target = _resolve(portfolio, doc, unquote(split.path), published, folders)
            if target is None:
                continue
            if target.site is not None:
                here = posixpath.dirname(doc.site)
                written = posixpath.normpath(posixpath.join(here, unquote(split.path)))
                if split.path.startswith("/") or written != target.site:
                    new = href(doc.site, target.site) + suffix
                else:
                    new = link.target
                if target.path in portfolio.documents and target.path != doc.path:
                    if target.path not in doc.links_to:
                        doc.links_to.append(target.path)
                    refs = backlinks.setdefault(target.path, [])
                    if doc.path not in refs:
                        refs.append(doc.path)
            elif target.path == ".." or target.path.startswith("../"):
                message = f"links to '{link.target}', which is outside the project"
                _broken(portfolio, doc, link, message)
                continue
            elif (portfolio.project / target.path).exists():
                if source_url is None:
                    message = (
                        f"links to '{link.target}', which is in the repository but not on the site "
                        "(set repo_url and edit_uri to link to it there)"
                    )
                    _broken(portfolio, doc, link, message)
                    continue
                new = source_url.rstrip("/") + "/" + encoded(target.path) + suffix
            else:
                message = f"links to '{link.target}', which does not exist"
                _broken(portfolio, doc, link, message)
                continue
            if new != link.target:
                doc.rewrites[link.target] = new
    portfolio.backlinks = backlinks


def _broken(portfolio: Portfolio, doc: Document, link: Link, message: str) -> None:
    """Report a link that is left as written; MkDocs, which checks it too, need not say it again."""
    portfolio.problems.append(Problem(doc.path, message, link.line))
    portfolio.broken_links.add((doc.path, link.target))


def _folder_pages(portfolio: Portfolio) -> dict[str, str]:
    """Folder -> the page a link to that folder opens: its index, else a feature's first document."""
    pages: dict[str, str] = {}
    for feature in portfolio.features.values():
        if feature.documents:
            pages[feature.key] = primary_document(portfolio, feature.key)
    for epic in portfolio.epics.values():
        if epic.documents:
            pages[epic.key] = epic.documents[0]
    for doc in portfolio.documents.values():
        folder, name = posixpath.split(doc.path)
        if name in INDEX_NAMES:
            pages[folder] = doc.path
    return pages


def primary_document(portfolio: Portfolio, feature_key: str) -> str:
    """The page a feature opens on: spec, else its flat summary, else plan, else its first."""

    docs = [portfolio.documents[p] for p in portfolio.features[feature_key].documents]
    for kind in (DocKind.SPEC, DocKind.SUMMARY, DocKind.PLAN):
        for doc in docs:
            if doc.kind is kind:
                return doc.path
    return docs[0].path


def _resolve(
    portfolio: Portfolio, doc: Document, path: str, published: dict[str, str], folders: dict[str, str]
) -> Target | None:
    here = posixpath.dirname(doc.path)
    parents = [posixpath.dirname(root.rstrip("/")) for root in portfolio.roots]
    if path.startswith("/"):
        bare = path.lstrip("/")
        candidates = [bare, *(posixpath.join(p, bare) for p in parents if p)]
    else:
        candidates = [posixpath.join(here, path), path, *(posixpath.join(p, path) for p in parents if p)]
    normal = [posixpath.normpath(c) for c in candidates]
    for candidate in normal:
        if candidate == ".." or candidate.startswith("../"):
            continue
        if candidate in published:
            return Target(candidate, published[candidate])
        if candidate in folders:
            page = folders[candidate]
            return Target(page, published[page])
        if candidate == ".":
            return None
    first = normal[0]
    return Target(first, None)
