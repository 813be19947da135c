"""A home page for sites whose docs folder has none: the portfolio at a glance."""

from __future__ import annotations

from ..escape import md_text
from ..links import primary_document
from ..model import Portfolio

HOME = "index.md"


def home_page(portfolio: Portfolio, site_name: str) -> str:
    docs = portfolio.documents
    lines = [f"# {md_text(site_name)}", "", f"This portfolio holds {portfolio.summary()}.", ""]
    if portfolio.constitution in docs:
        lines += [f"The [constitution]({docs[portfolio.constitution].site}) governs every plan.", ""]

    def item(key: str) -> str:
        feature = portfolio.features[key]
        status = f" — {md_text(feature.meta['status'])}" if feature.meta.get("status") else ""
        target = docs[primary_document(portfolio, key)].site
        return f"- [{md_text(feature.id)}]({target}): {md_text(feature.title)}{status}"

    for epic in sorted(portfolio.epics.values(), key=lambda e: e.key):
        where = " / ".join(epic.groups)
        head = md_text(f"{epic.id} · {epic.title}" if epic.title != epic.id else epic.id)
        first = docs[epic.documents[0]].site if epic.documents else None
        lines += [f"## [{head}]({first})" if first else f"## {head}", ""]
        if where:
            lines += [md_text(where), ""]
        lines += [item(key) for key in sorted(epic.features)] + [""]
    standalone = sorted(k for k, f in portfolio.features.items() if not f.epic)
    if standalone:
        lines += ["## Features", "", *(item(key) for key in standalone), ""]
    return "\n".join(lines)
