"""Gates: Constitution Check in all its forms, Definition of Ready / Done, CI gates, checklists.

Each gate is passed, failed, pending (still template text or not yet ticked) or n/a; a document's
state is BLOCKED when a gate fails and nothing justifies it: no Complexity Tracking row, and no
justification written under the gate. What a gate's text says is read by verdicts.py.
"""

from __future__ import annotations

import re

from ..model import DocKind, Finding, Gate, GateReport, Parsed
from .sections import Section, checkbox, code_lines, matching, table_lines, table_rows
from .verdicts import (
    FAILED,
    JUSTIFIED,
    NA,
    OPEN,
    PASSED,
    PENDING,
    WARNING,
    WARNING_OPEN,
    cell_verdict,
    edge_verdict,
    has_placeholder,
    heading_verdict,
    is_placeholder,
    lead_verdict,
    negated_verdict,
    tail_verdict,
)

__all__ = ["FAILED", "NA", "PASSED", "PENDING", "find_gates", "gate_findings"]

# The sections whose lines are gates: `Constitution Check`, `Post-design constitution re-check`,
# `Constitution Compliance`, `Gate Status`, `Foundation Check`, `Compliance Check`, `Gates`.
_CONSTITUTION = re.compile(
    r"constitution(?:al)?\s+(?:re-?)?(?:check|compliance|gates?|review|alignment)"
    r"|\b(?:foundation|compliance|governance|principles?)\s+(?:re-?)?checks?\b"
    r"|\bgate\s+(?:status|check|result)s?\b"
    r"|^[\W\d]*(?:phase\s+-?\d+\W+)?(?:pre-implementation\s+)?gates?\b(?:\s*+\([^)]{0,80}\))?\W*+$",
    re.I,
)
_COMPLEXITY = re.compile(r"complexity\s+tracking", re.I)
_GROUPS = {
    "ready": re.compile(r"definition\s+of\s+ready|\bDoR\b", re.I),
    "done": re.compile(r"definition\s+of\s+done|\bDoD\b", re.I),
    # `A.*B` searched from every A is quadratic: `^(?:(?!A).)*+A` stops at the first A, once.
    "ci": re.compile(
        r"^(?:(?:(?!\bCI\b).)*+\bCI\b.*\bgates?\b|(?:(?!quality\s+gates?\b).)*+quality\s+gates?\b.*\bCI\b)",
        re.I,
    ),
}
_JUSTIFICATION_HEADER = re.compile(r"^(?:(?!violation).)*+violation[^|]*+\|.*(?:why|justif)", re.I)
_LIST_MARKER = re.compile(r"^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+")
# `name: value`, `name — value`: the separator starts where its spaces do (`(?<!\s)`), not once from
# each space of a long run.
_SEPARATOR = re.compile(r"(?<!\s)\s*[:—–]\s+|(?<!\s)\s+-\s+")
# The column that holds the verdict, by its header, best first.
_STATUS_COLUMNS = (
    "status", "verdict", "result", "compliance", "compliant", "pass", "assessment", "check", "gate"
)  # fmt: skip
# A line whose name says only "status" takes the name of the heading it stands under.
_GENERIC = re.compile(r"^(?:gate\s+)?(?:status|verdict|result|assessment|compliance|outcome|decision)$", re.I)
# A justification written under the gate: `**Justification**: …`, or a verdict that approves it.
_JUSTIFYING = re.compile(r"justif|rationale|waiver|exception", re.I)
_APPROVED = re.compile(r"^\W*(?:APPROVED|ACCEPTED|WAIVED)\b")
_SIGNS = "✅✔✓☑❌✗✘⚠ \ufe0f*_"  # stripped from the ends of a name
# The name of a line that gives the verdict of the whole gate.
_OVERALL = re.compile(r"(?:status|result|verdict|check|overall|summary)\W*$", re.I)
_VIOLATIONS = re.compile(r"^(?:constitution(?:al)?\s+)?(?:violations?|deviations?)\W*$", re.I)
_NOTHING = re.compile(r"^\W*(?:none|n/?a|no\b|not\s+needed|-|—)", re.I)


def find_gates(text: str, parsed: Parsed, kind: DocKind) -> GateReport:
    lines = text.split("\n")
    report = GateReport()
    if kind is DocKind.CHECKLIST:
        code = code_lines(parsed)
        items = [(n, box) for n, line in enumerate(lines) if n not in code and (box := checkbox(line))]
        if items:
            unchecked = sum(not checked for _, (checked, _) in items)
            report.gates.append(
                Gate("checklist", PENDING if unchecked else PASSED, items[0][0] + 1, "checklist")
            )
        return report

    skip = code_lines(parsed)
    # Justifications: tables under a Complexity Tracking heading, or headed `Violation | Why Needed | ...`
    # anywhere (often right under the Constitution Check). Their rows are not gates.
    justifications: set[int] = set()
    for section in matching(parsed, len(lines), _COMPLEXITY):
        justifications |= table_lines(parsed, section.start, section.end)
        skip.update(range(section.start, section.end))
    for block in parsed.blocks:
        if block.kind == "table" and _JUSTIFICATION_HEADER.search(lines[block.start]):
            justifications.update(range(block.start, block.end))
    skip |= justifications
    report.justified = any(_real_row(cells) for _, cells in table_rows(lines, justifications))
    # "No constitution violations" said in Complexity Tracking is the plan's own verdict.
    accepted = any(
        negated_verdict(lines[n])
        for s in matching(parsed, len(lines), _COMPLEXITY)
        for n in range(s.start + 1, s.end)
        if n not in justifications
    )
    # Definition of Ready / Done and CI gates are their own groups, even under a `Gates` heading.
    grouped = {
        n for pattern in _GROUPS.values() for s in matching(parsed, len(lines), pattern) for n in _span(s)
    }

    seen: set[int] = set()
    for section in matching(parsed, len(lines), _CONSTITUTION):
        if _COMPLEXITY.search(section.title):
            continue
        _section_gates(section, lines, parsed, skip | grouped, report, seen)
        if not any(g.group == "constitution" for g in report.gates):
            body = "\n".join(lines[section.start + 1 : section.end])
            if has_placeholder(body):  # the section is still the template's
                report.gates.append(Gate(section.title, PENDING, section.start + 1, "constitution"))

    for group, pattern in _GROUPS.items():
        for section in matching(parsed, len(lines), pattern):
            for n in range(section.start + 1, section.end):
                box = checkbox(lines[n]) if n not in skip else None
                if box:
                    state = PASSED if box[0] else PENDING
                    _add(report, seen, Gate(box[1], state, n + 1, group))

    # Gate lines outside those sections: `- [x] Initial Constitution Check: PASS`, `**... Check: PASS.**`
    for n, line in enumerate(lines):
        if n in seen or n in skip or "constitution check" not in line.lower():
            continue
        gate = _line_gate(line, n)
        if gate:
            _add(report, seen, gate)

    accepted |= any(_accepts(g, lines[g.line - 1]) for g in report.gates)
    return _resolve(report, accepted)


def _accepts(gate: Gate, line: str) -> bool:
    """The plan's own verdict on the whole gate: `**Gate Result**: PASS`, `No violations identified`."""
    if gate.group != "constitution" or gate.state != PASSED or line.lstrip().startswith("|"):
        return False  # a table row is one gate, not the verdict on all of them
    return bool(_OVERALL.search(gate.name) or negated_verdict(line))


def _resolve(report: GateReport, accepted: bool) -> GateReport:
    """The states only the whole document decides. A warning the plan accepts or justifies is a justified
    failure, else a failure (pending when it is on an open item); an item said JUSTIFIED is a justified
    failure; items said to be open leave a gate the plan's own verdict passes passed."""
    if any(g.state == JUSTIFIED for g in report.gates):
        report.justified = True
    settled = accepted or report.justified
    if settled and any(g.state in (WARNING, WARNING_OPEN) for g in report.gates):
        report.justified = True
    final = {JUSTIFIED: FAILED, WARNING: FAILED, OPEN: PENDING, WARNING_OPEN: FAILED if settled else PENDING}
    unevaluated = any(g.state == PENDING for g in report.gates)
    report.gates = [Gate(g.name, final.get(g.state, g.state), g.line, g.group) for g in report.gates]
    report.accepted = accepted and not unevaluated
    return report


def _span(section: Section) -> range:
    return range(section.start, section.end)


def _section_gates(
    section: Section, lines: list[str], parsed: Parsed, skip: set[int], report: GateReport, seen: set[int]
) -> None:
    """The gates of one section: its table rows, its marked subheadings and its lines."""
    tables = table_lines(parsed, section.start, section.end) - skip
    for block in parsed.blocks:
        if block.kind == "table" and block.start in tables:
            _table_gates(lines, set(range(block.start, block.end)) & tables, report, seen)
    said = heading_verdict(section.title)  # `## Constitution Check ✅ PASSED`
    if said and section.start not in seen:
        _add(report, seen, Gate(_name(section.title), said, section.start + 1, "constitution"))
    headings = {h.line - 1: h.text for h in parsed.headings if section.start < h.line - 1 < section.end}
    heading: tuple[str, int | None] | None = None  # the subheading in force, and the index of its gate
    for n in range(section.start + 1, section.end):
        if n in headings:
            title = headings[n]
            state = heading_verdict(title)
            heading = (_name(title), None)
            if state and n not in skip and n not in seen:
                heading = (heading[0], len(report.gates))
                _add(report, seen, Gate(heading[0], state, n + 1, "constitution"))
            continue
        if n in skip or n in tables or n in seen:
            continue
        if _justifies(lines[n]):
            report.justified = True
        gate = _line_gate(lines[n], n)
        if not gate:
            continue
        if heading and _GENERIC.match(gate.name):  # `**Status**: COMPLIANT` under `### Principle 1`
            name, index = heading
            gate = Gate(name, gate.state, gate.line, gate.group)
            if index is not None:  # the line's verdict is the heading's, said in full
                report.gates[index] = gate
                seen.add(n)
                continue
        _add(report, seen, gate)


def _table_gates(lines: list[str], table: set[int], report: GateReport, seen: set[int]) -> None:
    """Each body row is a gate: the name is its first cell that is not a number, the verdict is its
    status column's (found by the header), else its first cell that holds a mark."""
    start = min(table)
    # The header's cells, split as the body's are (table_rows skips the header, so it is given one).
    header = [c.lower() for c in next(table_rows(["|-|", lines[start]], {0, 1}), (0, []))[1]]
    for n, cells in table_rows(lines, table):
        named = [i for i, c in enumerate(cells) if c.strip("#*. ") and not c.strip("#*. ").isdigit()]
        if not named:
            continue
        name_at = named[0]
        status_at = _status_column(header, name_at)
        if status_at is not None:
            state = (cell_verdict(cells[status_at]) if status_at < len(cells) else None) or PENDING
        elif len(cells) == 1:
            state = cell_verdict(cells[0]) or PENDING
        else:
            state = next((v for c in cells[name_at + 1 :] if (v := cell_verdict(c))), None)
            if state is None:
                continue  # a row that only describes, under no status column
        _add(report, seen, Gate(_bold(cells[name_at]) or "gate", state, n + 1, "constitution"))


def _status_column(header: list[str], name_at: int) -> int | None:
    for word in _STATUS_COLUMNS:
        for i, title in enumerate(header):
            if i > name_at and word in title:
                return i
    return None


def _add(report: GateReport, seen: set[int], gate: Gate) -> None:
    seen.add(gate.line - 1)
    report.gates.append(gate)


def _line_gate(line: str, n: int) -> Gate | None:
    """A checkbox item, or a line with a verdict at an edge: `- **Privacy**: OK`, `✅ **Principle 1**: …`,
    `**Gate Result**: PASS - no violations`, `**Principle I** ✅`. A line that only describes is none."""
    box = checkbox(line)
    if box:
        checked, label = box
        name, value = _split(label)
        if (first := _verdict_label(name)) and value:  # `- [ ] FAIL: Simplicity`
            return Gate(value, first, n + 1, "constitution")
        said = _said(label, name, value)
        if said == FAILED:
            state = FAILED
        elif not checked and is_placeholder(label):
            state = PENDING
        else:
            state = PASSED if checked else NA if said == NA else PENDING
        return Gate(name, state, n + 1, "constitution")
    body = _LIST_MARKER.sub("", line, count=1).strip()
    if not body:
        return None
    name, value = _split(body)
    if (first := _verdict_label(name)) and value and not has_placeholder(value):  # `- PASS: Simplicity`
        return Gate(value, first, n + 1, "constitution")
    if value and has_placeholder(value):
        state = cell_verdict(value)  # `[OK / NEEDS REVIEW – reason]`: a choice still to make
    elif body.rstrip(" *_").endswith(":") and not value:
        state = None  # a label that introduces what follows (`**Violations requiring justification:**`)
    else:
        state = _said(body, name, value)
    return Gate(name, state, n + 1, "constitution") if state else None


_VERDICT_WORDS = frozenset({"PASS", "PASSED", "FAIL", "FAILED", "✅", "❌", "✓", "✔", "✗", "✘", "⚠"})


def _verdict_label(name: str) -> str | None:
    """The verdict a label is, and nothing more (`FAIL`, `**PASS**`, `✅ PASS`); None for a name."""
    words = name.replace("*", " ").replace("_", " ").replace("\ufe0f", "").upper().split()
    return lead_verdict(name) if words and all(w in _VERDICT_WORDS for w in words) else None


def _said(body: str, name: str, value: str) -> str | None:
    """The verdict of a line of `name: value` (a sign before the name counts, the name itself is no
    verdict: `Violations: none` has passed), or of a line without a name."""
    if not value:
        return edge_verdict(body)
    if _VIOLATIONS.match(name) and _NOTHING.match(value):
        return PASSED
    signs = lead_verdict(body, signs_only=True)
    # `Using the framework directly? Yes - no wrapper`: the answer ends the name
    answered = tail_verdict(name)
    return signs or edge_verdict(value) or answered or tail_verdict(body) or negated_verdict(body)


def _split(label: str) -> tuple[str, str]:
    """(name, value) of `**Name**: value` or `Name — value`; the value is empty when there is none."""
    plain = _bold(label)
    parts = _SEPARATOR.split(plain, maxsplit=1)
    name = parts[0].strip(" *_") or plain
    return _name(name), (parts[1].strip() if len(parts) > 1 else "")


def _name(text: str) -> str:
    """A gate's name without its marks' signs and bold: `✅ Principle 1: Single Binary` stays readable."""
    plain = _bold(text).strip()
    return plain.strip(_SIGNS) or plain


def _bold(text: str) -> str:
    return text.replace("**", "").strip()


def _justifies(line: str) -> bool:
    """`**Justification**: the second store holds …`, or `**Verdict**: APPROVED` after a concern."""
    body = _LIST_MARKER.sub("", line, count=1).strip()
    name, value = _split(body)
    if _APPROVED.match(value or ""):
        return True
    real = bool(value) and not _NOTHING.match(value) and not is_placeholder(value)
    return real and bool(_JUSTIFYING.search(name))


def _real_row(cells: list[str]) -> bool:
    """A Complexity Tracking row that justifies something, not the template's sample row."""
    filled = [c for c in cells if c and not is_placeholder(c) and c.lower() not in ("-", "—", "n/a", "none")]
    return len(filled) >= 2


def gate_findings(report: GateReport, path: str) -> list[Finding]:
    """A BLOCKED document gets an error at each failing gate."""
    if report.state != "blocked":
        return []
    return [
        Finding(
            path,
            gate.line,
            "gate",
            "error",
            f"gate '{gate.name}' fails and Complexity Tracking justifies no violation: the plan is BLOCKED",
        )
        for gate in report.gates
        if gate.state == FAILED
    ]
