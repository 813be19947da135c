"""The context bar above each document and the lists below exec-plans, design indexes and linked pages."""

from __future__ import annotations

from ..escape import md_text
from ..links import primary_document
from ..model import KIND_LABELS, DocKind, Document, Epic, Feature, Portfolio
from ..urls import href, md_link

DOC_ORDER = (
    DocKind.SUMMARY, DocKind.SPEC, DocKind.PLAN, DocKind.RESEARCH, DocKind.DATA_MODEL,
    DocKind.QUICKSTART, DocKind.CONTRACT, DocKind.TASKS, DocKind.CHECKLIST,
    DocKind.EXEC_PLAN, DocKind.DESIGN, DocKind.OTHER,
)  # fmt: skip
_GROUPED = (DocKind.CONTRACT, DocKind.CHECKLIST, DocKind.OTHER)


def link(from_doc: Document, to_doc: Document, label: str) -> str:
    if to_doc.path == from_doc.path:
        return f"**{label}**"
    return md_link(from_doc.site, to_doc.site, label)


def context_bar(portfolio: Portfolio, doc: Document) -> str:
    """Which feature or epic this page belongs to, and links to its siblings and its epic."""
    feature = portfolio.features.get(doc.feature) if doc.feature else None
    epic = portfolio.epic_of(doc)
    if feature is None and epic is None:
        return ""
    lines: list[str] = []
    owner = []
    if feature is not None:
        first = portfolio.documents[primary_document(portfolio, feature.key)]
        owner.append(f"Feature {link(doc, first, md_text(f'{feature.id} · {feature.title}'))}")
    if epic is not None:
        owner.append(_epic_links(portfolio, doc, epic))
    lines.append(" · ".join(owner))
    siblings = feature.documents if feature is not None else epic.documents if epic else []
    lines.append(_tabs(portfolio, doc, siblings, feature, epic))
    body = "\n\n".join(line for line in lines if line)
    return f'<div class="sp-bar" markdown="1">\n\n{body}\n\n</div>\n\n'


def _epic_links(portfolio: Portfolio, doc: Document, epic: Epic) -> str:
    """`Epic [ID · title](exec-plan) · [Design index](design/index.md)`."""
    name = md_text(f"{epic.id} · {epic.title}" if epic.title != epic.id else epic.id)
    exec_plan = _epic_doc(portfolio, epic, DocKind.EXEC_PLAN)
    first = exec_plan or (portfolio.documents[epic.documents[0]] if epic.documents else None)
    parts = [f"Epic {link(doc, first, name)}" if first else f"Epic {name}"]
    design = _epic_doc(portfolio, epic, DocKind.DESIGN)
    if design is not None:
        parts.append(link(doc, design, "Design index"))
    return " · ".join(parts)


def _epic_doc(portfolio: Portfolio, epic: Epic, kind: DocKind) -> Document | None:
    return next((portfolio.documents[p] for p in epic.documents if portfolio.documents[p].kind is kind), None)


def _tabs(
    portfolio: Portfolio, doc: Document, paths: list[str], feature: Feature | None, epic: Epic | None
) -> str:
    docs = sorted((portfolio.documents[p] for p in paths), key=lambda d: (DOC_ORDER.index(d.kind), d.path))
    base = feature.key if feature is not None else epic.key if epic is not None else ""
    tabs: list[str] = []
    group: DocKind | None = None
    for sibling in docs:
        if sibling.kind in _GROUPED:
            inner = sibling.path[len(base) + 1 :] if base else sibling.name
            label = md_text(inner.removeprefix("contracts/").removeprefix("checklists/"))
            if sibling.kind is not group:
                tabs.append(f"{KIND_LABELS[sibling.kind]}: {link(doc, sibling, label)}")
            else:
                tabs[-1] += f", {link(doc, sibling, label)}"
        else:
            tabs.append(link(doc, sibling, KIND_LABELS[sibling.kind]))
        group = sibling.kind
    return " · ".join(tabs)


def epic_features(portfolio: Portfolio, doc: Document) -> str:
    """Below an exec-plan or design index: the epic's features, each linked to its first page."""
    epic = portfolio.epic_of(doc)
    if epic is None or doc.kind not in (DocKind.EXEC_PLAN, DocKind.DESIGN) or not epic.features:
        return ""
    items = []
    for key in epic.features:
        feature = portfolio.features[key]
        first = portfolio.documents[primary_document(portfolio, key)]
        status = feature.meta.get("status")
        tail = f" — {md_text(status)}" if status else ""
        items.append(f"- {link(doc, first, md_text(feature.id))}: {md_text(feature.title)}{tail}")
    return (
        '\n\n<div class="sp-features" markdown="1">\n\n## Features in this epic\n\n'
        + "\n".join(items)
        + "\n\n</div>\n"
    )


def referenced_by(portfolio: Portfolio, doc: Document) -> str:
    """Below every document that others link to: those documents."""
    sources = portfolio.backlinks.get(doc.path)
    if not sources:
        return ""
    items = [
        link(doc, portfolio.documents[p], md_text(_label(portfolio, portfolio.documents[p]))) for p in sources
    ]
    return (
        '\n\n<div class="sp-backlinks" markdown="1">\n\n**Referenced by:** '
        + " · ".join(items)
        + "\n\n</div>\n"
    )


def _label(portfolio: Portfolio, doc: Document) -> str:
    """`001-photo-albums plan`, `PAY-12 exec plan`, `001-photo-albums checklists/ux.md`."""
    owner = portfolio.features.get(doc.feature) if doc.feature else None
    epic = portfolio.epics.get(doc.epic) if doc.epic and owner is None else None
    base = owner.key if owner else epic.key if epic else None
    if base is None:
        return doc.title
    what = doc.path[len(base) + 1 :] if doc.kind in _GROUPED else KIND_LABELS[doc.kind].lower()
    return f"{owner.id if owner else epic.id} {what}"  # type: ignore[union-attr]


def feature_id_targets(portfolio: Portfolio, doc: Document) -> dict[str, str]:
    """In an exec-plan or design index, each of its epic's feature IDs -> a link to that feature."""
    epic = portfolio.epic_of(doc)
    if epic is None or doc.kind not in (DocKind.EXEC_PLAN, DocKind.DESIGN):
        return {}
    targets = {}
    for key in epic.features:
        first = portfolio.documents[primary_document(portfolio, key)]
        targets[portfolio.features[key].id] = href(doc.site, first.site)
    return targets
