"""Findings: what is still template text, which gates pass, how far each feature has come.

`analyze` runs once per build over the portfolio; views and exports read its results from the model.
"""

from __future__ import annotations

from ..model import DocKind, Document, Finding, GateReport, Portfolio, Progress
from .gates import find_gates, gate_findings
from .hidden import find_hidden
from .placeholders import find_placeholders
from .tasks import task_progress

UNFILLED = frozenset({"placeholder", "token", "residue", "clarification"})


def analyze(portfolio: Portfolio) -> None:
    for doc in portfolio.documents.values():
        if not doc.markdown:
            continue
        if portfolio.cache is None:
            doc.findings, doc.gates, doc.tasks = analyze_document(doc)
        else:
            parts = ("analyze", doc.path, doc.kind.value, doc.text)
            doc.findings, doc.gates, doc.tasks = portfolio.cache.get(parts, lambda d=doc: analyze_document(d))


def analyze_document(doc: Document) -> tuple[list[Finding], GateReport, Progress | None]:
    """Findings, gates and task progress of one document: they depend on nothing else."""
    findings = find_placeholders(doc.text, doc.parsed, doc.path) + find_hidden(doc.text, doc.parsed, doc.path)
    gates = find_gates(doc.text, doc.parsed, doc.kind)
    findings += gate_findings(gates, doc.path)
    findings.sort(key=lambda f: (f.line, f.column))
    tasks = task_progress(doc.text) if doc.kind is DocKind.TASKS else None
    return findings, gates, tasks
