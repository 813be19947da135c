"""What a page or a feature adds up to: unfilled counts, gates, status and lifecycle."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import DocKind, Document, Feature, Portfolio, Progress
from . import UNFILLED
from .tasks import normal_status

GATE_ORDER = ("blocked", "pending", "justified", "passed", "none")


@dataclass(slots=True)
class Rollup:
    unfilled: int = 0  # placeholders and generator tokens
    clarifications: int = 0
    residue: int = 0  # template scaffolding: sample rows, example diagrams, markers
    gates: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("passed", "failed", "pending", "justified"), 0)
    )
    gate_state: str = "none"
    tasks: Progress | None = None
    findings: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("error", "warning", "info"), 0))


def gate_label(totals: Rollup) -> str:
    """`BLOCKED`, `3/5` (passed of counted) or `–` when there are no gates."""
    counted = sum(totals.gates.values())
    if totals.gate_state == "blocked":
        return "BLOCKED"
    return f"{totals.gates['passed']}/{counted}" if counted else "–"


def task_label(totals: Rollup) -> str:
    return f"{totals.tasks.done}/{totals.tasks.total}" if totals.tasks and totals.tasks.total else "–"


def rollup(docs: list[Document]) -> Rollup:
    total = Rollup()
    states = []
    done = count = 0
    for doc in docs:
        for finding in doc.findings:
            total.findings[finding.severity] += 1
            if finding.kind == "clarification":
                total.clarifications += 1
            elif finding.kind == "residue":
                total.residue += 1
            elif finding.kind in UNFILLED:
                total.unfilled += 1
        report = doc.gates
        if report.gates:
            states.append(report.state)
            justified = report.state == "justified"
            total.gates["passed"] += report.count("passed")
            total.gates["pending"] += report.count("pending")
            total.gates["justified" if justified else "failed"] += report.count("failed")
        if doc.tasks is not None:
            done, count = done + doc.tasks.done, count + doc.tasks.total
    total.gate_state = min(states, key=GATE_ORDER.index) if states else "none"
    total.tasks = Progress(done, count) if any(d.tasks is not None for d in docs) else None
    return total


def feature_rollup(portfolio: Portfolio, feature: Feature) -> Rollup:
    return rollup([portfolio.documents[p] for p in feature.documents])


def lifecycle(portfolio: Portfolio, feature: Feature, totals: Rollup) -> str:
    """specified, planned, tasked, in progress or done: from what exists and what is ticked."""
    kinds = {portfolio.documents[p].kind for p in feature.documents}
    status = normal_status(feature.meta.get("status"))
    tasks = totals.tasks
    if status == "done" or (tasks and tasks.total and tasks.done == tasks.total):
        return "done"
    if status == "in progress" or (tasks and tasks.done):
        return "in progress"
    if DocKind.TASKS in kinds:
        return "tasked"
    if DocKind.PLAN in kinds:
        return "planned"
    return "specified"
