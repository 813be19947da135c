"""HTML comments: template instructions left in place, and comments that hide content from readers.

A comment is *hidden* content when it is never closed, or when it swallows document structure (headings,
tables, code fences, `**Field**:` lines, another comment) or several paragraphs of prose. Otherwise a
comment that opens with an instruction (`ACTION REQUIRED:`, `IMPORTANT:`, `DELETE this section ...`,
`Example: ...`) is an *instruction*, a warning: the template's text to act on, left where readers never
see it; any other comment (a note, a Sync Impact Report, a `BEGIN:AUTO-GENERATED` marker) is no finding.

Only comments that open a Markdown HTML block count (as `parse` found them): a `<!--` inside a code
fence or in the middle of a paragraph is text, not a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Finding, Parsed

# The text is the rest of the line, its closing `#`s stripped in code: `(.+?)[ \t#]*$` would scan a long
# run of spaces and `#`s from each of its positions.
_HEADING = re.compile(r"^[ \t>]{0,4}(#{1,6})[ \t]+(.+)$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_FIELD = re.compile(r"^\s*(?:[-*+]\s+)?\*\*[^*\n]{1,60}\*\*\s*:|^\s*(?:[-*+]\s+)?\*\*[^*\n]{1,60}:\*\*")
_RULER = re.compile(r"^[\s=\-*#~_]*$")
_INSTRUCTION = re.compile(
    r"^(?:ACTION REQUIRED|IMPORTANT|REQUIRED SECTION|CONDITIONAL SECTION|OPTIONAL SECTION|INSTRUCTIONS?"
    r"|DELETE|REPLACE|REMOVE|FILL|Examples?\s*:|[A-Z][A-Z ]{3,}:(?=\s|$))"
    r"|^(?:Include|Fill|Replace|Delete|Remove|Keep|Add|Describe|Document|List|Provide|Use)\b"
    r".*\b(?:section|subsection|template|placeholder|below|above|this)\b"
)
_REPORT = re.compile(r"^sync impact report\b", re.I)
_MANY_PARAGRAPHS, _MANY_LINES = 3, 12


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment block; lines are 0-based, `end` is the line of `-->` (or the last line)."""

    start: int
    column: int  # 0-based, of `<!--`
    end: int
    closed: bool
    hidden: bool
    instruction: bool
    message: str


def comments(text: str, parsed: Parsed) -> list[Comment]:
    """Every HTML comment that opens a Markdown HTML block, classified."""
    lines = text.split("\n")
    found: list[Comment] = []
    swallowed = -1  # a browser hides everything up to the first `-->`, later `<!--` included
    for block in sorted(parsed.blocks, key=lambda b: b.start):
        if block.kind != "html" or not swallowed < block.start < len(lines):
            continue
        first = lines[block.start]
        column = first.find("<!--")
        if column < 0 or first[:column].strip(" \t>"):
            continue
        found.append(_classify(lines, block.start, column))
        swallowed = found[-1].end
    return found


def _classify(lines: list[str], start: int, column: int) -> Comment:
    # The body: what follows `<!--` up to the first `-->` (HTML ends a comment there, nowhere else).
    body: list[str] = []
    end, closed = len(lines) - 1, False
    for n in range(start, len(lines)):
        line = lines[n][column + 4 :] if n == start else lines[n]
        close = line.find("-->")
        if close >= 0:
            body.append(line[:close])
            end, closed = n, True
            break
        body.append(line)
    while end > start and not closed and not lines[end].strip():
        end -= 1  # an unclosed comment "ends" at the last non-blank line

    headings = [
        (m.group(2).rstrip(" \t#") or m.group(2)[0]).strip() for b in body if (m := _HEADING.match(b))
    ]
    nested = any("<!--" in b for b in body)
    table = sum(bool(_TABLE_ROW.match(b)) for b in body) >= 2
    fence = any(_FENCE.match(b) for b in body)
    fields = sum(bool(_FIELD.match(b)) for b in body) >= 2
    content = [b.strip() for b in body if b.strip() and not _RULER.match(b)]
    lead = content[0] if content else ""
    instruction = bool(_INSTRUCTION.match(lead))
    paragraphs = _paragraphs(body)
    prose = (
        paragraphs >= _MANY_PARAGRAPHS
        and len(content) >= _MANY_LINES
        and not instruction
        and not _REPORT.match(lead)
    )
    hidden = not closed or bool(headings) or nested or table or fence or fields or prose
    message = ""
    if hidden:
        what = _what(headings, nested, table, fence, fields, paragraphs if prose else 0)
        span = end - start
        if not closed and span == 0:
            message = "an HTML comment that is never closed hides the rest of the page"
        elif not closed:
            after = "the line" if span == 1 else f"the {span} lines"
            message = f"an HTML comment that is never closed hides {after} after it{what}"
        else:
            message = f"an HTML comment runs to line {end + 1} and hides {span} lines from readers{what}"
    return Comment(start, column, end, closed, hidden, instruction and not hidden, message)


def _paragraphs(body: list[str]) -> int:
    count, inside = 0, False
    for line in body:
        filled = bool(line.strip()) and not _RULER.match(line)
        count += filled and not inside
        inside = filled
    return count


def _what(headings: list[str], nested: bool, table: bool, fence: bool, fields: bool, paragraphs: int) -> str:
    parts = []
    if headings:
        names = [f"'{h[:60]}'" for h in headings[:3]]
        more = f" and {len(headings) - 3} more" if len(headings) > 3 else ""
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(f"the heading{'s' if len(headings) > 1 else ''} {listed}{more}")
    if nested:
        parts.append("another HTML comment")
    if table:
        parts.append("a table")
    if fence:
        parts.append("a code block")
    if fields:
        parts.append("**Field**: lines")
    if paragraphs:
        parts.append(f"{paragraphs} paragraphs of text")
    return ", including " + ", ".join(parts) if parts else ""


def find_hidden(text: str, parsed: Parsed, path: str) -> list[Finding]:
    """Instruction comments and comments that hide content (both warnings), at the line they open."""
    lines = text.split("\n")
    found: list[Finding] = []
    for c in comments(text, parsed):
        end = c.end + 1 if c.end > c.start else None
        if c.hidden:
            # The opening line only: the whole span can be the rest of the document.
            opener = lines[c.start][c.column :].rstrip()
            found.append(
                Finding(path, c.start + 1, "hidden", "warning", c.message, c.column + 1, end, opener)
            )
        elif c.instruction:
            source = "\n".join(lines[c.start : c.end + 1])[c.column :]
            close = source.find("-->", 4)
            source = source[: close + 3] if close >= 0 else source
            inner = source[4 : close if close >= 0 else None]
            lead = _short(" ".join(line for line in inner.split("\n") if not _RULER.match(line)))
            message = f"instruction comment left in the document: {lead}"
            found.append(
                Finding(path, c.start + 1, "instruction", "warning", message, c.column + 1, end, source)
            )
    return found


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def hidden_bodies(text: str, parsed: Parsed) -> list[tuple[int, int, bool]]:
    """(first body line, last body line, closed) of each hiding comment, 0-based and inclusive."""
    return [(c.start + 1, c.end, c.closed) for c in comments(text, parsed) if c.hidden and c.end > c.start]
