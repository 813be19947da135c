"""The portfolio dashboard: one row per feature, totals above, sortable and filterable in the page."""

from __future__ import annotations

import re

from ..escape import html_text, md_text
from ..findings.rollup import feature_rollup, gate_label, lifecycle, task_label
from ..findings.tasks import normal_status
from ..model import Feature, Portfolio
from ..urls import md_link
from .pages import cell, feature_link
from .trace import coverage_label

_DATE = re.compile(r"\b(20\d\d-\d\d-\d\d)\b")
_DATE_KEYS = ("date", "created", "updated", "last updated", "last_updated")


def last_date(portfolio: Portfolio, feature: Feature) -> str:
    """The latest YYYY-MM-DD in the Date/Created/Updated fields of the feature's documents."""
    dates = []
    for path in feature.documents:
        meta = portfolio.documents[path].parsed.meta
        dates += [d for key in _DATE_KEYS for d in _DATE.findall(meta.get(key, ""))]
    return max(dates, default="")


def dashboard(portfolio: Portfolio, page: str, epic_pages: dict[str, str]) -> str:
    """`epic_pages`: epic key -> site path of its generated overview page, which the Epic column opens."""
    rows = []
    epics: set[str] = set()
    statuses: set[str] = set()
    states: set[str] = set()
    # Each count comes from the feature's rollup, as its badges do: a row, the totals and the badges agree.
    totals = {"unfilled": 0, "clarify": 0, "blocked": 0, "done": 0}
    for feature in sorted(portfolio.features.values(), key=lambda f: f.key):
        roll = feature_rollup(portfolio, feature)
        epic = portfolio.epics[feature.epic] if feature.epic else None
        status = normal_status(feature.meta.get("status")) or "unknown"
        stage = lifecycle(portfolio, feature, roll)
        epic_cell = "–"
        if epic is not None:
            label = md_text(epic.id)
            linked = md_link(page, epic_pages[epic.key], label) if epic.key in epic_pages else label
            epic_cell = _marked("epic", epic.id, linked)
            epics.add(epic.id)
        statuses.add(status)
        states.add(roll.gate_state)
        totals["unfilled"] += roll.unfilled
        totals["clarify"] += roll.clarifications
        totals["blocked"] += roll.gate_state == "blocked"
        totals["done"] += stage == "done"
        rows.append(
            "| "
            + " | ".join(
                [
                    feature_link(portfolio, page, feature),
                    cell(feature.title),
                    epic_cell,
                    _marked("status", status, cell(feature.meta.get("status") or status)),
                    cell(feature.meta.get("priority")),
                    stage,
                    task_label(roll),
                    coverage_label(portfolio.traces.get(feature.key)),
                    str(roll.unfilled),
                    str(roll.clarifications),
                    _marked("gates", roll.gate_state, gate_label(roll)),
                    last_date(portfolio, feature) or "–",
                ]
            )
            + " |"
        )
    count = len(portfolio.features)
    summary = (
        f"**{count}** features in **{len(portfolio.epics)}** epics · **{totals['done']}** done · "
        f"**{totals['blocked']}** blocked · **{totals['unfilled']}** unfilled template fields · "
        f"**{totals['clarify']}** open clarifications"
    )
    controls = _controls(sorted(epics), sorted(statuses), sorted(states))
    columns = ("Feature", "Title", "Epic", "Status", "Priority", "Stage", "Tasks", "Coverage", "Unfilled",
               "To clarify", "Gates", "Last date")  # fmt: skip
    header = f"| {' | '.join(columns)} |"
    table = "\n".join([header, "|---|---|---|---|---|---|--:|--:|--:|--:|---|---|", *rows])
    return (
        f"# Portfolio dashboard\n\n{summary}\n\n{controls}\n\n"
        f'<div class="sp-dashboard" markdown="1">\n\n{table}\n\n</div>\n'
    )


def _marked(column: str, value: str, shown: str) -> str:
    """A cell the page's filters can match exactly, whatever it shows."""
    return f'<span data-{column}="{html_text(value)}">{shown}</span>'


def _controls(epics: list[str], statuses: list[str], states: list[str]) -> str:
    def select(column: str, label: str, values: list[str]) -> str:
        options = "".join(f'<option value="{html_text(v)}">{html_text(v)}</option>' for v in values)
        return (
            f'<label>{label} <select class="sp-filter-select" data-column="{column}">'
            f'<option value="">all</option>{options}</select></label>'
        )

    return (
        '<div class="sp-controls" role="search">'
        '<label>Filter <input type="search" class="sp-filter-text" placeholder="any text"></label> '
        + select("epic", "Epic", epics)
        + " "
        + select("status", "Status", statuses)
        + " "
        + select("gates", "Gates", states)
        + ' <span class="sp-count" aria-live="polite"></span></div>'
    )
