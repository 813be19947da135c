"""Findings: what is still template text, which gates pass, how far each feature has come.

`analyze` runs once per build over the portfolio; views and exports read its results from the model.
"""

from __future__ import annotations

from ..model import DocKind, Portfolio
from .gates import find_gates, gate_findings
from .hidden import find_hidden
from .placeholders import find_placeholders
from .tasks import task_progress

UNFILLED = frozenset({"placeholder", "token", "residue", "clarification"})


def analyze(portfolio: Portfolio) -> None:
    for doc in portfolio.documents.values():
        if not doc.markdown:
            continue
        doc.findings = find_placeholders(doc.text, doc.parsed, doc.path) + find_hidden(
            doc.text, doc.parsed, doc.path
        )
        doc.gates = find_gates(doc.text, doc.parsed, doc.kind)
        doc.findings += gate_findings(doc.gates, doc.path)
        doc.findings.sort(key=lambda f: (f.line, f.column))
        if doc.kind is DocKind.TASKS:
            doc.tasks = task_progress(doc.text)
