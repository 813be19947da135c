"""The generated pages of the Portfolio section and how they link to documents."""

from __future__ import annotations

from dataclasses import dataclass

from ..escape import md_text
from ..links import primary_document
from ..model import DocKind, Feature, Portfolio
from ..urls import md_link

PAGES = "portfolio"  # the folder of generated pages in the site
WIDE = "---\nhide:\n  - toc\n---\n\n"  # tables need the width Material's table of contents takes


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    site: str  # site path, e.g. "portfolio/risks.md"
    title: str  # nav title (plain text)
    markdown: str


def feature_link(portfolio: Portfolio, page: str, feature: Feature, label: str | None = None) -> str:
    target = portfolio.documents[primary_document(portfolio, feature.key)].site
    return md_link(page, target, md_text(label if label is not None else feature.id))


def owner_link(portfolio: Portfolio, page: str, feature: str | None, epic: str | None) -> str:
    """The feature (else the epic, at its exec plan) a document belongs to, linked from `page`."""
    if feature in portfolio.features:
        return feature_link(portfolio, page, portfolio.features[feature])
    found = portfolio.epics.get(epic) if epic else None
    if found is None:
        return ""
    docs = [portfolio.documents[p] for p in found.documents]
    first = next((d for d in docs if d.kind is DocKind.EXEC_PLAN), docs[0] if docs else None)
    return md_link(page, first.site, md_text(found.id)) if first else md_text(found.id)


def source_link(portfolio: Portfolio, page: str, path: str, line: int | None = None) -> str:
    """`[plan.md:12](...)`: where on the site a piece of source text comes from."""
    doc = portfolio.documents[path]
    return md_link(page, doc.site, md_text(f"{doc.name}:{line}" if line else doc.path))


def cell(text: str | None) -> str:
    """Source text in a Markdown table cell: escaped, on one line, never empty-looking by accident."""
    return md_text(text or "") or " "
