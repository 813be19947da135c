"""The traceability page: features by requirement coverage, lowest first, sortable and filterable."""

from __future__ import annotations

from ..findings.trace import Trace
from ..model import Feature, Portfolio
from .pages import cell, feature_link


def coverage_label(trace: Trace | None) -> str:
    """`5/6`: requirements some task cites, of those defined; `–` when the spec defines none."""
    defined, cited, _ = trace.coverage("requirement") if trace else (0, 0, 0)
    return f"{cited}/{defined}" if defined else "–"


def _ratio(trace: Trace) -> float:
    defined, cited, _ = trace.coverage("requirement")
    return cited / defined if defined else 2.0  # features without IDs last


def trace_page(portfolio: Portfolio, page: str) -> str:
    traces: list[tuple[Feature, Trace]] = [
        (f, portfolio.traces.get(f.key) or Trace()) for f in portfolio.features.values()
    ]
    traces.sort(key=lambda ft: (_ratio(ft[1]), ft[0].key))
    totals = [0] * 9
    rows = []
    for feature, trace in traces:
        numbers = [n for kind in ("requirement", "criterion", "story") for n in trace.coverage(kind)]
        totals = [a + b for a, b in zip(totals, numbers, strict=True)]
        req, crit, story = numbers[:3], numbers[3:6], numbers[6:]
        rows.append(
            f"| {feature_link(portfolio, page, feature)} | {cell(feature.title)} | {coverage_label(trace)} | "
            f"{_of(req[2], req[0])} | {_of(crit[1], crit[0])} | {_of(story[1], story[0])} |"
        )
    summary = (
        f"**{totals[1]}** of **{totals[0]}** requirements cited by a task, **{totals[2]}** with all their "
        f"tasks done · **{totals[4]}** of **{totals[3]}** success criteria · **{totals[7]}** of "
        f"**{totals[6]}** user stories"
    )
    note = (
        "Only explicit IDs count: `FR-001`, `NFR-`, `C-`, `SC-001`, `[US1]`, Kiro `_Requirements: 1.2_` "
        "and `requirement_refs` in front matter; nothing is guessed from words."
    )
    controls = (
        '<div class="sp-controls" role="search"><label>Filter <input type="search" class="sp-filter-text" '
        'placeholder="any text"></label> <span class="sp-count" aria-live="polite"></span></div>'
    )
    header = "| Feature | Title | Requirements with tasks | All tasks done | Criteria | Stories |"
    table = "\n".join([header, "|---|---|--:|--:|--:|--:|", *rows])
    return (
        f"# Traceability\n\n{summary}\n\n{note}\n\n{controls}\n\n"
        f'<div class="sp-dashboard" markdown="1">\n\n{table}\n\n</div>\n'
    )


def _of(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else "–"
