"""Task progress and feature status: what a tasks.md has ticked, and what a spec's Status says."""

from __future__ import annotations

import re

from ..model import Block, Parsed, Progress

# A list item whose text starts with a box: `- [x]`, `* [X]`, `+ [ ]`, `1. [ ]`, at any indentation and
# in a blockquote too; whatever follows (`T001`, `T3.0.1`, `1.1:`, `TASK-1.1.1`, `**T1.2**`, no ID) is the
# task. Anchored and made of disjoint runs, so it is linear.
_TASK = re.compile(r"[ \t]*+(?:>[ \t]*+)*+(?:[-*+]|\d{1,9}[.)])[ \t]++\[([ xX])\](?:[ \t]++(.*+))?+$")
# The template's sample tasks (`TXXX`, `T###`): ids still to be numbered, not tasks.
_SAMPLE_ID = re.compile(r"\**\[?T(?:X{2,}+|#{2,}+)(?![\w#])")
_FENCE_END = re.compile(r"(?:`{3,}+|~{3,}+)$")
_FENCE_WITH_INFO = re.compile(r"[ \t]{0,3}(`{3,}+|~{3,}+)[ \t]*+[^`\s]")


def task_progress(text: str, parsed: Parsed) -> Progress:
    """Every task-list box outside fences, HTML and front matter: `done` ticked, `total` all.

    Boxes in an indented code block still count (tasks indented too far), and so do those after a fence
    never closed (a mistake `check` reports, which turns the rest of the file into code)."""
    lines = text.split("\n")
    skip = {n for b in parsed.blocks if _hides_tasks(b, lines) for n in range(b.start, b.end)}
    done = total = 0
    for n, line in enumerate(lines):
        match = _TASK.match(line) if n not in skip else None
        if match and not _SAMPLE_ID.match(match.group(2) or ""):
            total += 1
            done += match.group(1) != " "
    return Progress(done, total)


def _hides_tasks(block: Block, lines: list[str]) -> bool:
    """HTML, front matter and fences, less two broken fences: one never closed, and a bare one holding
    a fence opener with a language (```` ```bash ````): that is a closing fence meant for a fence above,
    nested inside it with as many backticks, which turned the text between into code."""
    if block.kind in ("html", "front"):
        return True
    if block.kind != "fence":
        return False
    last = lines[block.end - 1].strip() if block.start < block.end - 1 < len(lines) else ""
    if not _FENCE_END.match(last):
        return False
    if block.info:
        return True
    fence = lines[block.start].strip()
    run = len(fence) - len(fence.lstrip(fence[:1]))  # its opener's length: a closer is at least as long
    for n in range(block.start + 1, min(block.end - 1, len(lines))):
        inner = _FENCE_WITH_INFO.match(lines[n])
        if inner and inner.group(1)[0] == fence[0] and len(inner.group(1)) >= run:
            return False
    return True


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
