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


# One alternation, so that the status word that comes first in the text wins ("Draft, not done" is
# a draft); at one position the longer phrase is listed first ("ready for review" before "ready").
_STATUS = re.compile(
    r"(?P<review>\bready for review\b|\bin review\b|\breview\b|\bproposed\b)"
    r"|(?P<done>✅|\b(?:complete[d]?|done|implemented|shipped|released|live|delivered|merged)\b)"
    r"|(?P<closed>\b(?:superseded|deprecated|cancell?ed|abandoned|withdrawn|rejected)\b)"
    r"|(?P<blocked>\b(?:blocked|on hold)\b)"
    r"|(?P<progress>\b(?:in[ -]progress|implementing|in development|wip|beta|alpha|partial(?:ly)?)\b)"
    r"|(?P<approved>\b(?:approved|accepted|ready)\b)"
    r"|(?P<draft>\b(?:draft|new|todo|planned|planning)\b)",
    re.I,
)
_NAMES = {"progress": "in progress"}


def normal_status(raw: str | None) -> str | None:
    """`✅ Complete — shipped in 1.4` -> `done`; unknown words -> None."""
    if not raw:
        return None
    match = _STATUS.search(raw)
    return _NAMES.get(match.lastgroup, match.lastgroup) if match and match.lastgroup else None
