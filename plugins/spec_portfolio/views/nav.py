"""The Portfolio section of the navigation: epics by scope and service, then standalone features.

One entry per feature keeps the navigation small; a feature's documents are reached from its bar.
The result is plain data in the shape of MkDocs' `nav` setting (titles to site paths).
"""

from __future__ import annotations

from ..escape import html_text
from ..links import primary_document
from ..model import DocKind, Epic, Portfolio

NavItem = dict[str, "str | list[NavItem]"]


def portfolio_nav(
    portfolio: Portfolio, overview: list[tuple[str, str]], epic_pages: dict[str, str]
) -> list[NavItem]:
    """`overview` are the generated aggregate pages (title, site path); `epic_pages` epic key -> page."""
    docs = portfolio.documents
    items: list[NavItem] = [{title: site} for title, site in overview]
    if portfolio.constitution and portfolio.constitution in docs:
        items.append({"Constitution": docs[portfolio.constitution].site})

    epics: list[NavItem] = []
    for epic in sorted(portfolio.epics.values(), key=lambda e: (e.groups, e.id)):
        entries = _epic_items(portfolio, epic)
        if epic.key in epic_pages:
            entries.insert(0, {"Overview": epic_pages[epic.key]})
        _place(epics, list(epic.groups), {_title(epic.id, epic.title): entries})
    if epics:
        items.append({"Epics": epics})

    standalone = [f for f in portfolio.features.values() if not f.epic]
    by_root: dict[str, list[NavItem]] = {}
    for feature in sorted(standalone, key=lambda f: f.key):
        entry = {_title(feature.id, feature.title): docs[primary_document(portfolio, feature.key)].site}
        by_root.setdefault(feature.root, []).append(entry)
    if len(by_root) == 1:
        items.append({"Features": next(iter(by_root.values()))})
    elif by_root:
        items.append({"Features": [{html_text(root or "/"): entries} for root, entries in by_root.items()]})

    if portfolio.loose:
        loose = [{html_text(docs[p].title): docs[p].site} for p in portfolio.loose if p in docs]
        items.append({"Other documents": loose})
    return items


def _title(ident: str, title: str) -> str:
    return html_text(ident if not title or title == ident else f"{ident} · {title}")


def _epic_items(portfolio: Portfolio, epic: Epic) -> list[NavItem]:
    docs = portfolio.documents
    items: list[NavItem] = []
    for kind, label in ((DocKind.EXEC_PLAN, "Exec plan"), (DocKind.DESIGN, "Design index")):
        for path in epic.documents:
            if docs[path].kind is kind:
                items.append({label: docs[path].site})
    others = [p for p in epic.documents if docs[p].kind not in (DocKind.EXEC_PLAN, DocKind.DESIGN)]
    if others and not items:
        items.append({html_text(docs[others[0]].title): docs[others[0]].site})
    for key in sorted(epic.features):
        feature = portfolio.features[key]
        items.append({_title(feature.id, feature.title): docs[primary_document(portfolio, key)].site})
    return items


def _place(items: list[NavItem], groups: list[str], entry: NavItem) -> None:
    """Put `entry` under nested sections named by `groups` (scope, then service)."""
    for group in groups:
        title = html_text(group)
        section = next((i for i in items if title in i and isinstance(i[title], list)), None)
        if section is None:
            section = {title: []}
            items.append(section)
        items = section[title]  # type: ignore[assignment]
    items.append(entry)
