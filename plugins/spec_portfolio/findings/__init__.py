"""Findings: what is still template text, which gates pass, how far each feature has come.

`analyze` runs once per build over the portfolio; views and exports read its results from the model.
"""

from __future__ import annotations

from ..cache import Cache
from ..model import DocKind, Document, Feature, Finding, GateReport, Portfolio, Progress
from .gates import find_gates, gate_findings
from .hidden import find_hidden
from .placeholders import find_placeholders
from .tasks import normal_status, task_progress
from .trace import feature_trace, trace_findings

UNFILLED = frozenset({"placeholder", "token", "residue", "clarification"})


def analyze(portfolio: Portfolio, workers: int = 1) -> None:
    """Analyse each document (through the portfolio's cache, forked when many), then each feature."""
    docs = [doc for doc in portfolio.documents.values() if doc.markdown]
    cache = portfolio.cache or Cache()
    for doc, result in zip(docs, cache.map(analyze_document, docs, _key, workers), strict=True):
        findings, doc.gates, doc.tasks = result
        doc.findings = list(findings)  # feature checks below add to it; a cached list stays as it was
    for feature in portfolio.features.values():
        status_findings(portfolio, feature)
        traced(portfolio, feature)


def traced(portfolio: Portfolio, feature: Feature) -> None:
    """The feature's trace (kept on the portfolio for pages and exports) and its findings."""
    docs = [portfolio.documents[p] for p in feature.documents]
    trace = portfolio.traces[feature.key] = feature_trace(docs)
    for path, found in trace_findings(trace, docs).items():
        doc = portfolio.documents[path]
        doc.findings = sorted([*doc.findings, *found], key=lambda f: (f.line, f.column))


def _key(doc: Document) -> tuple[str, ...]:
    return ("analyze", doc.path, doc.kind.value, doc.text)


def analyze_document(doc: Document) -> tuple[list[Finding], GateReport, Progress | None]:
    """Findings, gates and task progress of one document: they depend on nothing else."""
    findings = find_placeholders(doc.text, doc.parsed, doc.path) + find_hidden(doc.text, doc.parsed, doc.path)
    gates = find_gates(doc.text, doc.parsed, doc.kind)
    findings += gate_findings(gates, doc.path)
    findings.sort(key=lambda f: (f.line, f.column))
    tasks = task_progress(doc.text, doc.parsed) if doc.kind is DocKind.TASKS else None
    return findings, gates, tasks


def status_findings(portfolio: Portfolio, feature: Feature) -> None:
    """A Status the task list contradicts: "Implemented" with tasks open, or every task ticked in a Draft."""
    docs = [portfolio.documents[p] for p in feature.documents]
    tasks = [d.tasks for d in docs if d.tasks is not None and d.tasks.total]
    raw = feature.meta.get("status")
    # The document the feature's status comes from: its spec when that says the same.
    holders = sorted(
        (d for d in docs if d.parsed.meta.get("status") == raw), key=lambda d: d.kind is not DocKind.SPEC
    )
    if not tasks or not raw or not holders:
        return
    source = holders[0]
    done, total = sum(t.done for t in tasks), sum(t.total for t in tasks)
    status = normal_status(raw)
    if status == "done" and done < total:
        message = f"status says '{raw}' but the task list has {done} of {total} tasks ticked"
    elif status in ("draft", "review") and done == total:
        message = f"all {total} tasks are ticked but the status is still '{raw}'"
    else:
        return
    line = source.parsed.meta_lines.get("status") or 1
    source.findings.append(Finding(source.path, line, "status", "warning", message))
