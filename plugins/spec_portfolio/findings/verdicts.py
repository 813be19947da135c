"""Verdicts: what a gate's text says, passed, failed, pending or n/a, and where in the text it says it.

A verdict is a mark (a word such as PASS or a sign such as ✅). Prose also holds those words as plain
words ("tests fail first", "hard fail at 5 minutes"), so a line's verdict is read only at its edges: at
its start, at the start of the value after its name, or at its end. A status cell is short and is
read whole. "No violations" and its kin are a pass, not a violation.
"""

from __future__ import annotations

import re

PASSED, FAILED, PENDING, NA = "passed", "failed", "pending", "n/a"
# What a text can say beyond those, resolved by gates.py once the whole document is read: an item said
# to be open (`PENDING`: evaluated, left to implementation), a warning sign (⚠, alone or with a word:
# `⚠️ REVIEW`, `⚠️ DEFERRED`), a warning on an open item (`⚠️ PENDING`), a deviation said JUSTIFIED.
OPEN, WARNING, WARNING_OPEN, JUSTIFIED = "open", "warning", "warning-open", "justified"

# Each alternative is a fixed word, sign or phrase: the pattern is tried once from each position.
_MARKS = re.compile(
    r"(?P<open>\bPENDING\b|\bIN\s+PROGRESS\b|⏳)"
    r"|(?P<pending>\bTBD\b|\bTODO\b)"
    r"|(?P<negated>\b(?:no|zero|without)\s+(?:new\s+)?(?:constitution(?:al)?\s+|principle\s+)?"
    r"(?:violations?|deviations?)\b"
    r"|\ball\s+(?:[a-z]+\s+)?(?:gates|principles|checks)\s+"
    r"(?:still\s+|remain\s+|continue\s+to\s+)?(?:pass(?:ed)?|satisfied|met|compliant)\b)"
    r"|(?P<na>\bN/A\b|^\W*NA\b)"
    r"|(?P<justified>\bJUSTIFIED\b)"
    r"|(?P<failed>❌|✗|✘|⛔|🔴|\bFAIL(?:ED|S|ING)?\b|\bVIOLAT(?:ION|IONS|ES|ED)\b|\bDEVIATION\b"
    r"|\bNOT\s+(?:PASS(?:ED)?|MET|OK|COMPLIANT|ALIGNED|SATISFIED)\b|\bNON-?COMPLIANT\b|\bNEEDS\s+REVIEW\b"
    r"|\bBLOCKED\b|\b(?:不通过|不通過|未通过|未通過|不符合|违反|違反)\b)"
    r"|(?P<warning>⚠)"
    r"|(?P<passed>✅|✔|✓|☑|🟢|\bPASS(?:ED|ES)?\b|\bOK\b|\bYES\b|\bCONFORMS?\b|\bCOMPLIAN(?:T|CE)\b"
    r"|\bMET\b|\bALIGNED\b|\bSATISFIED\b|\bAPPROVED\b|\b(?:通过|通過|符合|合规|合規)\b)",
    re.I,
)
_STATE = {
    "open": OPEN, "pending": PENDING, "negated": PASSED, "na": NA, "justified": JUSTIFIED, "failed": FAILED,
    "warning": WARNING, "passed": PASSED,
}  # fmt: skip
# A sign a word follows at once says what the word says (`✅ N/A` is n/a); after ⚠ a pending word is
# a warning on an open item and a pass, n/a or fail word is itself.
_AFTER_WARNING = {OPEN: WARNING_OPEN, PENDING: WARNING_OPEN, PASSED: PASSED, NA: NA, FAILED: FAILED}
# Bounded: tried from each `[` of a line full of unclosed ones, `[^\]]*` would scan to its end each time.
_LINK = re.compile(r"!?\[[^\]]{0,500}\]\([^)]{0,2000}\)")
_CODE = re.compile(r"`[^`\n]{0,500}`")
PLACEHOLDER = re.compile(r"\[[^\]]{2,500}\]")
_LEAD = re.compile(r"^[\s*_#>~+(-]*")  # what may stand before a leading mark: bold, a list marker
_SEPARATORS = "—–:|(/-"  # a word at the end is a verdict after these, or after a sign
_PROSE = "*_.,;'\"`)"  # and not after these


def _plain(text: str) -> str:
    return _CODE.sub(" ", _LINK.sub(" ", text)).replace("**", "").replace("__", "")


def _marks(text: str) -> list[re.Match[str]]:
    return list(_MARKS.finditer(text))


def _state(marks: list[re.Match[str]], i: int, text: str) -> str:
    """The state of marks[i], with the word that follows a sign at once (`✅ PASS`, `⚠️ PENDING`)."""
    mark = marks[i]
    state = _STATE[mark.lastgroup or ""]
    if mark.group()[0].isalpha() or i + 1 >= len(marks):
        return state
    following = marks[i + 1]
    if text[mark.end() : following.start()].strip(" *_\ufe0f") or not following.group()[0].isalpha():
        return state
    word = _STATE[following.lastgroup or ""]
    return _AFTER_WARNING.get(word, WARNING) if state == WARNING else word


def cell_verdict(text: str) -> str | None:
    """A status cell's verdict: its first mark outside brackets. A bracket with no mark outside it is
    the template's choice still to make (`[PASS/FAIL]`, `[OK / NEEDS REVIEW – reason]`): pending. None
    when the cell has no mark."""
    plain = _plain(text)
    if PLACEHOLDER.search(plain):
        plain = PLACEHOLDER.sub(" ", plain)
        if not _MARKS.search(plain):
            return PENDING
    marks = _marks(plain)
    return _state(marks, 0, plain) if marks else None


def edge_verdict(text: str) -> str | None:
    """A line's verdict: a mark at its start or its end, or a "no violations" anywhere in it. None when
    the line only describes (`**Requirement**: tests fail first`)."""
    return lead_verdict(text) or tail_verdict(text) or negated_verdict(text)


def lead_verdict(text: str, signs_only: bool = False) -> str | None:
    """The verdict a text starts with (`PASS - …`, `✅ **Principle 1**`); with `signs_only`, only a sign
    counts (a name such as `Violations` is no verdict)."""
    plain = _plain(text)
    marks = _marks(plain)
    if not marks or marks[0].start() != _LEAD.match(plain).end():  # type: ignore[union-attr]
        return None
    if signs_only and marks[0].group()[0].isalpha():
        return None
    return _state(marks, 0, plain)


def tail_verdict(text: str) -> str | None:
    """The verdict a text ends with (`… ✅`, `… — PASS.`)."""
    plain = _plain(text).rstrip()
    marks = _marks(plain)
    if not marks or plain[marks[-1].end() :].strip(" .!*_)\ufe0f") or not _final(marks[-1], plain):
        return None
    return _state(marks, len(marks) - 1, plain)


def heading_verdict(text: str) -> str | None:
    """A heading's verdict: a sign at its start (`### ✅ Principle 2`), a mark at its end
    (`### Principle I: Single Binary ✅ PASS`) or "no violations"; a word at its start is a name
    (`### Compliance Notes`)."""
    return lead_verdict(text, signs_only=True) or tail_verdict(text) or negated_verdict(text)


def negated_verdict(text: str) -> str | None:
    """ "No constitution violations identified" anywhere in a text is a pass."""
    return PASSED if any(m.lastgroup == "negated" for m in _marks(_plain(text))) else None


def _final(mark: re.Match[str], text: str) -> bool:
    """A mark at the end is a verdict when it is a sign or set off from the prose by a separator or a
    sign (`… — PASS`, `… ✅ PASS`), not the last word of a sentence (`… leaves the plan BLOCKED.`)."""
    if not mark.group()[0].isalpha():
        return True
    before = text[: mark.start()].rstrip(" \t\ufe0f")  # string operations: a pattern would rescan spaces
    return bool(before) and (before[-1] in _SEPARATORS or not (before[-1].isalnum() or before[-1] in _PROSE))


def is_placeholder(text: str) -> bool:
    """The whole text is one bracketed placeholder (`[Gate]`)."""
    return bool(PLACEHOLDER.fullmatch(text.strip()))


def has_placeholder(text: str) -> bool:
    return bool(PLACEHOLDER.search(text))
