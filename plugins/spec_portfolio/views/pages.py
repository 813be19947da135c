"""The generated pages of the Portfolio section and how they link to documents."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..escape import md_text
from ..links import primary_document
from ..model import Feature, Portfolio

PAGES = "portfolio"  # the folder of generated pages in the site


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    site: str  # site path, e.g. "portfolio/risks.md"
    title: str  # nav title (plain text)
    markdown: str


def link_to(page: str, target_site: str, label: str) -> str:
    """A Markdown link from generated page `page` to site path `target_site` (label already escaped)."""
    return f"[{label}]({posixpath.relpath(target_site, posixpath.dirname(page) or '.')})"


def feature_link(portfolio: Portfolio, page: str, feature: Feature, label: str | None = None) -> str:
    target = portfolio.documents[primary_document(portfolio, feature.key)].site
    return link_to(page, target, md_text(label if label is not None else feature.id))


def cell(text: str | None) -> str:
    """Source text in a Markdown table cell: escaped, on one line, never empty-looking by accident."""
    return md_text(text or "") or " "


def portfolio_pages(portfolio: Portfolio, home: bool) -> tuple[list[GeneratedPage], dict[str, str]]:
    """The aggregate pages (the dashboard at the site's home when `home`) and one page per epic."""
    from .dashboard import dashboard
    from .overview import clarifications, epic_page, gate_matrix, problems

    dash = "index.md" if home else f"{PAGES}/index.md"
    pages = [GeneratedPage(dash, "Dashboard", dashboard(portfolio, dash))]
    for name, title, view in (
        ("gates", "Gate matrix", gate_matrix),
        ("clarifications", "Clarifications", clarifications),
        ("problems", "Problems", problems),
    ):
        site = f"{PAGES}/{name}.md"
        pages.append(GeneratedPage(site, title, view(portfolio, site)))
    epic_pages = {}
    for epic in portfolio.epics.values():
        site = f"{PAGES}/epics/{epic.key}.md"
        epic_pages[epic.key] = site
        pages.append(GeneratedPage(site, epic.id, epic_page(portfolio, epic, site)))
    return pages, epic_pages
