"""Every pattern run on document text is linear: long runs of a pattern's trigger characters cost
in proportion to their length, not its square (a contributor's file must not stall the build).

How the work is counted: Python's `re` reports no step count, and `sys.settrace` does not see inside
the regex engine, so the count is the CPU time (`time.process_time`, this process only) of the same
analysis on a run of size n and of size 8n, compared as a *ratio*; no absolute time is asserted. A
linear analysis gives about 8 (and some noise), a quadratic one 64; the bound, 24, leaves a loaded
2-core machine room both ways. The runs are long enough that the quadratic patterns this replaced
each took from a tenth of a second to seconds on the larger one, above any noise.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spec_portfolio.discover import _ROADMAP
from spec_portfolio.findings import analyze_document
from spec_portfolio.findings.gates import find_gates
from spec_portfolio.findings.hidden import find_hidden
from spec_portfolio.findings.placeholders import find_placeholders
from spec_portfolio.findings.risks import level, risk_columns
from spec_portfolio.findings.rollout import document_notes
from spec_portfolio.findings.tasks import task_progress
from spec_portfolio.findings.trace import Trace, ids_in, read_definitions, read_items
from spec_portfolio.mkdocs.autolink import autolinks
from spec_portfolio.model import DocKind, Document
from spec_portfolio.parse import parse
from spec_portfolio.render_cost import render_work
from spec_portfolio.views.badges import _mark_line

RATIO = 24


def _parsed(text: str) -> Document:
    doc = Document("specs/001-a/plan.md", DocKind.PLAN, text)
    doc.parsed = parse(text, doc.path, [])
    return doc


def _gates(text: str) -> None:
    doc = _parsed(
        f"# Plan\n\n## Constitution Check\n\n{text}\n\n## {text}\n\n| Violation {text} | Reason |\n|-|-|\n"
        f"\n- [ ] Gate{text}x\n"
    )
    find_gates(doc.text, doc.parsed, DocKind.PLAN)


def _gate_forms(text: str) -> None:
    """A status cell, a marked subheading, a field and a sentence ending in a verdict, all holding the run."""
    doc = _parsed(
        f"# Plan\n\n## Gates\n\n| Principle | Status |\n|-|-|\n| P{text} | {text}PASS |\n\n"
        f"### ✅ {text}\n\n**Status**: {text}ok\n\n- **Name{text}**: {text} - PASS\n\n{text} PASS\n"
    )
    find_gates(doc.text, doc.parsed, DocKind.PLAN)


def _placeholders(text: str) -> None:
    doc = _parsed(text)
    find_placeholders(doc.text, doc.parsed, doc.path)


def _note_lead(text: str) -> None:
    _placeholders(f"**Note**{text}x this template is filled in by\n")  # the template note's lead


def _field_lead(text: str) -> None:
    _placeholders(f"**Spec**:{text}y `[a b]`\n")  # a field label before inline code


def _hidden(text: str) -> None:
    doc = _parsed(f"<!--\n# a{text}x\n{text}\n-->\n")
    find_hidden(doc.text, doc.parsed, doc.path)


def _parse(text: str) -> None:
    parse(f"# T\n\n**Status**: a{text}b\n\n## {text}\n", "a.md", [])


def _front_matter(text: str) -> None:
    parse(f'---\n"a{text}b": 1\n---\n# T\n', "a.md", [])


def _marks(text: str) -> None:
    """The findings of a line marked in it, as on its page."""
    doc = _parsed(text)
    _mark_line(text, find_placeholders(doc.text, doc.parsed, doc.path))


def _tasks(text: str) -> None:
    doc = _parsed(f"```\n{text}\n```\n- [x] {text}\n> {text}\n")
    task_progress(doc.text, doc.parsed)


def _rollout(text: str) -> None:
    """A plan's rollout, rollback and flag lines, each holding the run."""
    doc = _parsed(
        f"# Plan: {text}\n\n## Rollout {text}\n\n{text}\n\n## No {text}migration\n\n"
        f"## Rollback\n\n- **Rollback {text}**: {text}\n\nTurn {text} the `a` flag {text} off\n"
    )
    document_notes(doc)


def _email(text: str) -> None:
    autolinks(f"x{text} @")


def _roadmap(text: str) -> None:
    _ROADMAP.search(f"see {text} there")


def _risk_level(text: str) -> None:
    level(f"high{text}x")


def _risk_header(text: str) -> None:
    risk_columns([f"risk {text}", f"impact {text})"], True)


def _trace(text: str) -> None:
    """A spec's definitions and a task list's citations, from a run on a line of each."""
    trace = Trace()
    spec = _parsed(f"# S\n\n- **FR-001**: a{text}\n| FR-002 | {text} |\n### User Story 1 - {text}\n")
    read_definitions(spec, trace)
    tasks = Document(
        "specs/001-a/tasks.md", DocKind.TASKS, f"- [ ] T001 {text}\n  {text}\n| T001 | {text} |\n"
    )
    tasks.parsed = parse(tasks.text, tasks.path, [])
    read_items(tasks, trace)
    ids_in(text)


def _document(text: str) -> None:
    """Everything a portfolio document goes through, as one analysis."""
    doc = _parsed(text)
    analyze_document(doc)
    autolinks(text)
    render_work(text)


# (analysis, trigger, size of the small run): each trigger is one that made a pattern quadratic (or
# worse) before, or a neighbour; the size makes the old pattern's square stand above the linear work.
CASES = [
    (_gates, "x ", 4_000),  # a long line under a Constitution Check: the verdict pattern
    (_gates, " ", 4_000),  # the gate's name: spaces before a separator
    (_gates, "a check ", 4_000),
    (_gates, "CI ", 4_000),  # the CI gates heading
    (_gates, "violation ", 4_000),  # the justification table's header
    (_gates, "[", 4_000),  # the gate's links and placeholders
    (_gates, "[a](", 4_000),
    (_gates, "no ", 4_000),  # the verdicts: "no violations" and "all principles pass" phrases
    (_gates, "all principles ", 4_000),
    (_gates, "✅ ", 4_000),  # a sign and the word that follows it
    (_gates, "⚠ ", 4_000),
    (_gates, "**", 4_000),
    (_gates, " - PASS", 4_000),  # a verdict set off at a line's end
    (_gates, "| ", 4_000),  # a table row's cells and a status column
    (_gates, ": ", 4_000),
    (_gates, "1. ", 4_000),  # a list marker, a heading's numbering before `Gates`
    (_gates, "Gates ", 4_000),
    (_gate_forms, " ", 4_000),
    (_gate_forms, "a ", 4_000),
    (_gate_forms, "no ", 4_000),
    (_gate_forms, "⚠️ ", 4_000),
    (_placeholders, "NEEDS CLARIFICATION (", 16_000),  # the bare clarification pattern
    (_placeholders, "[", 16_000),
    (_placeholders, "A_", 16_000),
    (_placeholders, "<<", 16_000),
    (_note_lead, " ", 4_000),
    (_field_lead, " ", 4_000),
    (_hidden, " #", 16_000),  # the comment's heading pattern
    (_parse, " ", 16_000),  # the header fields' value
    (_parse, "**a** ", 16_000),
    (_front_matter, " ", 16_000),  # a quoted front matter key's line
    (_marks, "`", 4_000),  # code spans on a line with findings
    (_marks, "`a` [x] ", 4_000),
    (_tasks, " ", 16_000),  # a task line's indentation and text
    (_tasks, "> ", 16_000),
    (_tasks, "```", 16_000),  # fence openers inside a bare fence
    (_rollout, "no ", 8_000),  # a heading that says there is none
    (_rollout, "a ", 8_000),
    (_rollout, "turn ", 8_000),  # a flag switched on or off
    (_rollout, "roll ", 8_000),
    (_rollout, "`a` flag ", 4_000),
    (_email, "_a", 8_000),  # `x_a_a_…_a @`: the e-mail pattern
    (_email, "a.", 8_000),
    (autolinks, "www.a", 8_000),
    (render_work, "[", 16_000),
    (_roadmap, "a/", 16_000),  # an epic's roadmap path in the `Input` field
    (_risk_level, " ", 16_000),  # a risk's level: spaces before a separator
    (_risk_header, "(", 16_000),  # a risk table's header: a note in parentheses at its end
    (_trace, "FR-1/a", 4_000),  # letter suffixes after an ID
    (_trace, "FR-1..", 4_000),  # ranges
    (_trace, " ", 4_000),  # a definition's spaces
    (_trace, "T01–", 4_000),  # task ranges in a table row
    (_trace, "US1/AC", 4_000),
    (_trace, "_Requirements: 1.", 4_000),
    (_document, "a ", 4_000),
]


def _work(analyze: Callable[[str], object], text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        analyze(text)
        best = min(best, time.process_time() - start)
    return best


def _ratio(analyze: Callable[[str], object], unit: str, size: int) -> float:
    small, large = (unit * max(1, n // len(unit)) for n in (size, 8 * size))
    base = _work(analyze, small, 3)
    return _work(analyze, large, 1) / max(base, 1e-3)


@pytest.mark.parametrize(("analyze", "unit", "size"), CASES, ids=lambda v: getattr(v, "__name__", repr(v)))
def test_each_analysis_is_linear_on_a_run_of_its_trigger(analyze: Callable, unit: str, size: int) -> None:
    assert _ratio(analyze, unit, size) < RATIO


PIECES = [unit for _, unit, _ in CASES] + [
    ":",
    "|",
    "*",
    "@",
    "]",
    "(",
    ")",
    "\t",
    "e.g.",
    "NEEDS CLARIFICATION",
]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=3))
def test_a_document_of_runs_of_any_mix_of_triggers_is_analysed_in_linear_time(parts: list[str]) -> None:
    assert _ratio(_document, "".join(parts), 4_000) < RATIO


def test_an_email_after_underscores_is_still_linked() -> None:
    text = "see /x_a_b@example.com and (c@example.org), a_" + "_a" * 2000 + " @ no"
    assert [href for _, _, href in autolinks(text)] == ["mailto:a_b@example.com", "mailto:c@example.org"]
