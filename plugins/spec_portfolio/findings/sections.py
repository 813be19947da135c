"""Sections, table rows and list items of a parsed document, by source line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Parsed
from ..parse import table_cells


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    level: int
    start: int  # 0-based line of the heading
    end: int  # exclusive


def sections(parsed: Parsed, total_lines: int) -> list[Section]:
    """Each heading with the lines up to the next heading of the same or a higher level."""
    heads = parsed.headings
    found = []
    for i, head in enumerate(heads):
        end = next((h.line - 1 for h in heads[i + 1 :] if h.level <= head.level), total_lines)
        found.append(Section(head.text, head.level, head.line - 1, end))
    return found


def matching(parsed: Parsed, total_lines: int, pattern: re.Pattern[str]) -> list[Section]:
    return [s for s in sections(parsed, total_lines) if pattern.search(s.title)]


def table_lines(parsed: Parsed, start: int, end: int) -> set[int]:
    lines: set[int] = set()
    for block in parsed.blocks:
        if block.kind == "table" and start <= block.start < end:
            lines.update(range(block.start, block.end))
    return lines


def code_lines(parsed: Parsed) -> set[int]:
    lines: set[int] = set()
    for block in parsed.blocks:
        if block.kind in ("fence", "code", "html", "front"):
            lines.update(range(block.start, block.end))
    return lines


_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}")


def table_rows(lines: list[str], table: set[int]) -> Iterator[tuple[int, list[str]]]:
    """(0-based line, cells) of each body row: the header and separator rows are skipped."""
    previous = -2
    header = True
    for n in sorted(table):
        if n != previous + 1:
            header = True
        previous = n
        row = lines[n].strip()
        if _SEPARATOR.match(row):
            header = False
            continue
        if header:
            continue
        yield n, [c.text for c in table_cells(lines[n])]


_CHECKBOX = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?\[([ xX])\]\s+(.*)$")


def checkbox(line: str) -> tuple[bool, str] | None:
    """`- [x] text` or a bare `[ ] text` line -> (checked, text)."""
    match = _CHECKBOX.match(line)
    return (match.group(1) != " ", match.group(2).strip()) if match else None
