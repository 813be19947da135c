"""Gates: Constitution Check in all its forms, Definition of Ready / Done, CI gates, checklists.

Each gate is passed, failed, pending (still template text or not yet ticked) or n/a; a document's
state is BLOCKED when a gate fails and its Complexity Tracking table justifies nothing.
"""

from __future__ import annotations

import re

from ..model import DocKind, Finding, Gate, GateReport, Parsed
from .sections import checkbox, code_lines, matching, table_lines, table_rows

PASSED, FAILED, PENDING, NA = "passed", "failed", "pending", "n/a"

_CONSTITUTION = re.compile(r"constitution\s+check|gate\s+status", re.I)
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
_FAIL = re.compile(
    r"❌|✗|✘|\bFAIL(?:ED|S)?\b|\bVIOLATION|\bNOT\s+(?:PASS|MET|OK)|\bNEEDS\s+REVIEW\b|\bBLOCKED\b|⚠", re.I
)
# Bounded: tried from each `[` of a line full of unclosed ones, `[^\]]*` would scan to its end each time.
_LINK = re.compile(r"!?\[[^\]]{0,500}\]\([^)]{0,2000}\)")
_PASS = re.compile(r"✅|✔|✓|\bPASS(?:ED|ES)?\b|\bOK\b|\bYES\b|\bCONFORMS?\b|\bCOMPLIANT\b|\bMET\b", re.I)
_NA = re.compile(r"^\W*N/?A\b", re.I)
_PLACEHOLDER = re.compile(r"\[[^\]]{2,500}\]")
_JUSTIFICATION_HEADER = re.compile(r"^(?:(?!violation).)*+violation[^|]*+\|.*(?:why|justif)", re.I)
_FIELD = re.compile(r"^\s*[-*+]\s+\*\*(?P<name>[^*]+?)\*\*\s*:?\s*(?P<value>.*)$")
# The name starts after a `*`, `:` or `|` (where the leftmost match starts anyway): tried from every
# position, `[^*:|]*` would scan the rest of a long line each time.
_VERDICT = re.compile(
    r"(?:^|(?<=[*:|]))(?P<name>[^*:|]*(?:check|gate result|re-check))\W*:\s*\**\s*(?P<value>[^—–.]*)", re.I
)


def verdict(text: str) -> str:
    text = _LINK.sub("", text)
    if _PLACEHOLDER.search(text) and not _PASS.search(_PLACEHOLDER.sub("", text)):
        return PENDING
    if _NA.match(text):
        return NA
    if _FAIL.search(text):
        return FAILED
    if _PASS.search(text):
        return PASSED
    return PENDING


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
    seen: set[int] = set()
    for section in matching(parsed, len(lines), _CONSTITUTION):
        if _COMPLEXITY.search(section.title):
            continue
        table = table_lines(parsed, section.start, section.end) - skip
        for n, cells in table_rows(lines, table):
            state = verdict(" ".join(cells[1:]) if len(cells) > 1 else cells[0])
            _add(report, seen, Gate(cells[0] or "gate", state, n + 1, "constitution"))
        for n in range(section.start + 1, section.end):
            if n in skip or n in table or n in seen:
                continue
            gate = _constitution_line(lines[n], n)
            if gate:
                _add(report, seen, gate)
        if not any(g.group == "constitution" for g in report.gates):
            body = "\n".join(lines[section.start + 1 : section.end])
            if _PLACEHOLDER.search(body):  # the section is still the template's
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
        gate = _constitution_line(line, n)
        if gate:
            _add(report, seen, gate)

    return report


def _add(report: GateReport, seen: set[int], gate: Gate) -> None:
    seen.add(gate.line - 1)
    report.gates.append(gate)


def _constitution_line(line: str, n: int) -> Gate | None:
    box = checkbox(line)
    if box:
        checked, label = box
        state = FAILED if _FAIL.search(_LINK.sub("", label)) else PASSED if checked else PENDING
        if not checked and _PLACEHOLDER.fullmatch(label.strip()):
            state = PENDING
        return Gate(_name(label), state, n + 1, "constitution")
    field_match = _FIELD.match(line)
    if field_match:
        return Gate(field_match["name"].strip(), verdict(field_match["value"]), n + 1, "constitution")
    plain = line.replace("**", "")
    found = _VERDICT.search(plain)
    if found and (_PASS.search(found["value"]) or _FAIL.search(found["value"])):
        return Gate(found["name"].strip(" -*"), verdict(found["value"]), n + 1, "constitution")
    return None


def _name(label: str) -> str:
    label = re.sub(r"\*\*([^*]+)\*\*", r"\1", label)
    # `(?<!\s)`: a separator starts where its spaces do, not once from each space of a long run.
    return re.split(r"(?<!\s)\s*[:—–]\s+|(?<!\s)\s+-\s+", label, maxsplit=1)[0].strip() or label


def _real_row(cells: list[str]) -> bool:
    """A Complexity Tracking row that justifies something, not the template's sample row."""
    filled = [
        c for c in cells if c and not _PLACEHOLDER.fullmatch(c) and c.lower() not in ("-", "—", "n/a", "none")
    ]
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
