"""The portfolio as JSON-ready data: what `spec-portfolio check --format json` prints (docs/reference.md)."""

from __future__ import annotations

from typing import Any

from .model import Portfolio

SCHEMA_VERSION = 1


def portfolio_json(portfolio: Portfolio) -> dict[str, Any]:
    features = [
        {
            "id": f.id,
            "title": f.title,
            "path": f.key,
            "epic": portfolio.epics[f.epic].id if f.epic else None,
            "status": f.meta.get("status"),
            "documents": list(f.documents),
        }
        for f in sorted(portfolio.features.values(), key=lambda f: f.key)
    ]
    epics = [
        {
            "id": e.id,
            "title": e.title,
            "path": e.key,
            "groups": list(e.groups),
            "features": sorted(e.features),
        }
        for e in sorted(portfolio.epics.values(), key=lambda e: e.key)
    ]
    findings = [
        {"path": p.path, "line": p.line, "kind": "input", "severity": p.severity, "message": p.message}
        for p in portfolio.problems
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "totals": {
            "epics": len(portfolio.epics),
            "features": len(portfolio.features),
            "documents": len(portfolio.documents),
        },
        "features": features,
        "epics": epics,
        "findings": findings,
    }
