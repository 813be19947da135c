"""Task progress and feature status: what a tasks.md has ticked, and what a spec's Status says."""

from __future__ import annotations

import re

from ..model import Progress

_TASK = re.compile(r"^\s*[-*+]\s+\[([ xX])\]\s+\**(T\d{2,})\b")


def task_progress(text: str) -> Progress:
    """`- [x] T001 ...` lines (sample `TXXX` ids are not tasks)."""
    done = total = 0
    for line in text.split("\n"):
        match = _TASK.match(line)
        if match:
            total += 1
            done += match.group(1) != " "
    return Progress(done, total)


_STATUSES = (
    ("done", r"✅|\b(?:complete[d]?|done|implemented|shipped|released|live|delivered|merged)\b"),
    ("closed", r"\b(?:superseded|deprecated|cancell?ed|abandoned|withdrawn|rejected)\b"),
    ("blocked", r"\b(?:blocked|on hold)\b"),
    ("in progress", r"\b(?:in[ -]progress|implementing|in development|wip|beta|alpha|partial(?:ly)?)\b"),
    ("approved", r"\b(?:approved|accepted|ready)\b"),
    ("review", r"\b(?:review|in review|proposed)\b"),
    ("draft", r"\b(?:draft|new|todo|planned|planning)\b"),
)
_STATUS_PATTERNS = [(name, re.compile(pattern, re.I)) for name, pattern in _STATUSES]


def normal_status(raw: str | None) -> str | None:
    """`✅ Complete — shipped in 1.4` -> `done`; unknown words -> None."""
    if not raw:
        return None
    for name, pattern in _STATUS_PATTERNS:
        if pattern.search(raw):
            return name
    return None
