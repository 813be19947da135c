"""The Portfolio section of the navigation: epics by scope and service, then standalone features.

One entry per feature keeps the navigation small; a feature's documents are reached from its bar. A
long list is cut into sections of at most `SECTION` entries (`001-a – 050-b`), so that a page, which
carries the navigation around it, stays the same size however many features there are. The result is
plain data in the shape of MkDocs' `nav` setting (titles to site paths).
"""

from __future__ import annotations

from ..escape import html_text
from ..links import primary_document
from ..model import DocKind, Epic, Portfolio

NavItem = dict[str, "str | list[NavItem]"]

SECTION = 50


def portfolio_nav(
    portfolio: Portfolio, overview: list[tuple[str, str]], epic_pages: dict[str, str]
) -> list[NavItem]:
    """`overview` are the generated aggregate pages (title, site path); `epic_pages` epic key -> page."""
    docs = portfolio.documents
    items: list[NavItem] = [{title: site} for title, site in overview]
    if portfolio.constitution and portfolio.constitution in docs:
        items.append({"Constitution": docs[portfolio.constitution].site})

    epics = _by_group(
        [
            (epic.groups, epic.id, {_title(epic.id, epic.title): _epic_items(portfolio, epic, epic_pages)})
            for epic in sorted(portfolio.epics.values(), key=lambda e: (e.groups, e.id))
        ]
    )
    if epics:
        items.append({"Epics": epics})

    standalone = [f for f in portfolio.features.values() if not f.epic]
    by_root: dict[str, list[tuple[str, NavItem]]] = {}
    for feature in sorted(standalone, key=lambda f: f.key):
        by_root.setdefault(feature.root, []).append(_feature_entry(portfolio, feature.key))
    if len(by_root) == 1:
        items.append({"Features": in_sections(next(iter(by_root.values())))})
    elif by_root:
        items.append(
            {
                "Features": [
                    {html_text(root or "/"): in_sections(entries)} for root, entries in by_root.items()
                ]
            }
        )

    if portfolio.loose:
        loose = [{html_text(docs[p].title): docs[p].site} for p in portfolio.loose if p in docs]
        items.append({"Other documents": loose})
    return items


def _title(ident: str, title: str) -> str:
    return html_text(ident if not title or title == ident else f"{ident} · {title}")


def _feature_entry(portfolio: Portfolio, key: str) -> tuple[str, NavItem]:
    feature = portfolio.features[key]
    site = portfolio.documents[primary_document(portfolio, key)].site
    return html_text(feature.id), {_title(feature.id, feature.title): site}


def _epic_items(portfolio: Portfolio, epic: Epic, epic_pages: dict[str, str]) -> list[NavItem]:
    docs = portfolio.documents
    items: list[NavItem] = []
    for kind, label in ((DocKind.EXEC_PLAN, "Exec plan"), (DocKind.DESIGN, "Design index")):
        for path in epic.documents:
            if docs[path].kind is kind:
                items.append({label: docs[path].site})
    others = [p for p in epic.documents if docs[p].kind not in (DocKind.EXEC_PLAN, DocKind.DESIGN)]
    if others and not items:
        items.append({html_text(docs[others[0]].title): docs[others[0]].site})
    if epic.key in epic_pages:
        items.insert(0, {"Overview": epic_pages[epic.key]})
    return items + in_sections([_feature_entry(portfolio, key) for key in sorted(epic.features)])


def _by_group(epics: list[tuple[tuple[str, ...], str, NavItem]], depth: int = 0) -> list[NavItem]:
    """Epics nested in sections named by their groups (scope, then service), each level in sections."""
    here = [(html_text(ident), entry) for groups, ident, entry in epics if len(groups) == depth]
    below: dict[str, list[tuple[tuple[str, ...], str, NavItem]]] = {}
    for groups, ident, entry in epics:
        if len(groups) > depth:
            below.setdefault(groups[depth], []).append((groups, ident, entry))
    for group, members in below.items():
        title = html_text(group)
        here.append((title, {title: _by_group(members, depth + 1)}))
    return in_sections(here)


def in_sections(entries: list[tuple[str, NavItem]]) -> list[NavItem]:
    """`entries` (short name, item) as they are, or in sections of at most SECTION consecutive ones,
    named by their first and last, nested as deep as it takes."""
    spans = [(name, name, item) for name, item in entries]
    while len(spans) > SECTION:
        chunks = [spans[i : i + SECTION] for i in range(0, len(spans), SECTION)]
        spans = [
            (chunk[0][0], chunk[-1][1], {f"{chunk[0][0]} – {chunk[-1][1]}": [item for *_, item in chunk]})
            for chunk in chunks
        ]
    return [item for *_, item in spans]
