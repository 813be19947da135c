"""The portfolio as JSON-ready data: what `spec-portfolio check --format json` prints (docs/reference.md)."""

from __future__ import annotations

import json
import re
from typing import Any

from .findings.risks import RiskRegister, risks_json
from .findings.rollout import Readiness
from .findings.rollup import feature_rollup, lifecycle
from .findings.tasks import normal_status
from .findings.trace import Trace, trace_json
from .model import Finding, Portfolio, Problem

SCHEMA_VERSION = 1


def finding_json(finding: Finding | Problem) -> dict[str, Any]:
    if isinstance(finding, Problem):
        severity = "warning" if finding.severity == "warning" else "info"
        return {"path": finding.path, "line": finding.line, "end_line": None, "column": None,
                "kind": "input", "severity": severity, "message": finding.message}  # fmt: skip
    return {
        "path": finding.path,
        "line": finding.line,
        "end_line": finding.end_line,
        "column": finding.column,
        "kind": finding.kind,
        "severity": finding.severity,
        "message": finding.message,
    }


def all_findings(portfolio: Portfolio) -> list[dict[str, Any]]:
    """Problems with the input first, then each document's findings in path and line order."""
    found = [finding_json(p) for p in portfolio.problems]
    for path in sorted(portfolio.documents):
        found.extend(finding_json(f) for f in portfolio.documents[path].findings)
    return found


def portfolio_json(portfolio: Portfolio) -> dict[str, Any]:
    features = []
    for f in sorted(portfolio.features.values(), key=lambda f: f.key):
        totals = feature_rollup(portfolio, f)
        features.append(
            {
                "id": f.id,
                "title": f.title,
                "path": f.key,
                "epic": portfolio.epics[f.epic].id if f.epic else None,
                "status": normal_status(f.meta.get("status")),
                "status_text": f.meta.get("status"),
                "priority": f.meta.get("priority"),
                "lifecycle": lifecycle(portfolio, f, totals),
                "placeholders": totals.unfilled + totals.clarifications,
                "unfilled": totals.unfilled,
                "clarifications": totals.clarifications,
                "residue": totals.residue,
                "gates": {**totals.gates, "state": totals.gate_state},
                "tasks": {"done": totals.tasks.done, "total": totals.tasks.total} if totals.tasks else None,
                "documents": list(f.documents),
                "trace": trace_json(portfolio.traces.get(f.key) or Trace()),
            }
        )
    epics = [
        {
            "id": e.id,
            "title": e.title,
            "path": e.key,
            "groups": list(e.groups),
            "features": sorted(portfolio.features[k].id for k in e.features),
        }
        for e in sorted(portfolio.epics.values(), key=lambda e: e.key)
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
        "findings": all_findings(portfolio),
    }


def portfolio_export(
    portfolio: Portfolio, register: RiskRegister, readiness: list[Readiness]
) -> dict[str, Any]:
    """portfolio.json: the check command's JSON plus risks, gates per document and rollout verdicts."""
    data = portfolio_json(portfolio)
    data["risks"] = risks_json(register)
    data["template_risk_rows"] = [{"path": path, "line": line} for path, line in register.template_rows]
    data["gates"] = [
        {
            "path": path,
            "state": doc.gates.state,
            "justified": doc.gates.justified,
            "gates": [
                {"name": g.name, "state": g.state, "line": g.line, "group": g.group} for g in doc.gates.gates
            ],
        }
        for path, doc in sorted(portfolio.documents.items())
        if doc.gates.gates
    ]
    data["rollout"] = [
        {
            "feature": portfolio.features[r.feature].id,
            "path": r.feature,
            "verdict": r.verdict,
            "reasons": r.reasons,
        }
        for r in readiness
    ]
    return data


# json.dumps escapes C0 controls but leaves DEL, C1 (8-bit CSI, OSC) and the line separators raw.
_RAW_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029]")


def to_json(data: object, indent: int) -> str:
    """`data` as JSON with no control character left raw (they only occur inside strings)."""
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _RAW_CONTROLS.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
