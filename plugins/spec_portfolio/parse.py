"""One markdown-it-py pass over a document: title, headings, links with their lines, metadata.

Line numbers are always the source file's (1-based), front matter included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import unquote

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .model import Block, Heading, Link, Parsed, Problem
from .titles import unfilled_title

# Block structure for every document; inline parsing (the costly half) only where it can find a link
# or a heading's text, so the core "inline" rule is off and `_inline` runs it on demand.
_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).disable("inline")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# `**Branch**: x | **Date**: y`, `- **Priority**: P1`, `**Status:** Draft`
# The value runs to a `| **` or the end (its spaces are stripped later), each `|` looked past once: a lazy
# `(.*?)(?=[ \t]*\|...)` would scan a long run of spaces from each of its positions.
_BOLD_FIELD = re.compile(
    r"\*\*([A-Za-z][\w /()-]{0,40}?):?\*\*:?[ \t]*+([^|]*+(?:\|(?![ \t]*+\*\*)[^|]*+)*+)"
)
# `> Status: Implemented` in the blockquote preamble some repositories use
_QUOTE_FIELD = re.compile(r"^>[ \t]*([A-Z][\w ]{1,30}):[ \t]*(.+)$")
_BLOCKS = {
    "fence": "fence",
    "code_block": "code",
    "html_block": "html",
    "table_open": "table",
    "heading_open": "heading",
}
_INLINE_MARKUP = re.compile(r"[`*_\[\]<>&\\!~]")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def parse(text: str, path: str, problems: list[Problem]) -> Parsed:
    """Parse `text` (the source of `path`); append what is wrong with it to `problems`."""
    parsed = Parsed()
    body = text
    match = _FRONT_MATTER.match(text)
    if match:
        front = _front_matter(match.group(1) or "", path, problems)
        lines = key_lines(match.group(0)) if front else {}
        for key, value in front.items():
            parsed.meta_lines[str(key).lower()] = lines.get(str(key), 1)
            if str(key).lower() == "title" and isinstance(value, list | dict):
                continue  # no title (the theme is not given it either): the heading names the document
            parsed.meta[str(key).lower()] = _plain(value)
        # Blank the block out so that line numbers from the parser stay the file's.
        body = "\n" * match.group(0).count("\n") + text[match.end() :]
        parsed.blocks.append(Block("front", 0, match.group(0).count("\n")))

    lines = body.split("\n")
    env: dict = {}
    tokens = _MD.parse(body, env)
    parsed.refs = {" ".join(label.split()).casefold() for label in env.get("references", {})}
    for i, token in enumerate(tokens):
        kind = _BLOCKS.get(token.type)
        if kind and token.map:
            info = token.info.strip() if kind == "fence" else token.tag[1:] if kind == "heading" else ""
            parsed.blocks.append(Block(kind, token.map[0], token.map[1], info))
            if kind == "fence":
                _check_fence(token, lines, path, problems)
            elif kind == "table":
                _check_table(token.map[0], token.map[1], lines, path, problems)
        if token.type == "heading_open" and token.map:
            inline = tokens[i + 1]
            plain = not _INLINE_MARKUP.search(inline.content)
            text = inline.content.strip() if plain else _inline_text(_inline(inline, env))
            heading = Heading(int(token.tag[1]), text, token.map[0] + 1)
            parsed.headings.append(heading)
            if heading.level == 1 and parsed.title is None:
                parsed.title = heading.text
        elif token.type == "inline" and token.map and ("[" in token.content or "<" in token.content):
            _collect_links(_inline(token, env), lines, parsed.links)

    _header_fields(lines, parsed)
    if "title" in parsed.meta:
        parsed.title = parsed.meta["title"]
    if parsed.title is not None and unfilled_title(parsed.title):
        parsed.title = None  # `# Implementation Plan: [FEATURE]` names nothing: the file or folder does
    return parsed


def key_lines(front: str) -> dict[str, int]:
    """The 1-based line of each top-level key of `front`, a front matter block from its opening `---`.
    A key is what stands before a line's first `:` that a blank or the line's end follows, less one pair
    of quotes; found with string operations, since a lazy pattern rescans a long run of spaces."""
    found: dict[str, int] = {}
    for n, line in enumerate(front.split("\n")[1:], 2):
        if line.rstrip() in ("---", "..."):
            break
        head, colon, rest = line.partition(":")
        if not colon or rest[:1].strip():
            continue
        key = head.rstrip()
        key = key[1:] if key[:1] in ('"', "'") else key
        key = key[:-1] if key[-1:] in ('"', "'") else key
        if key and not key[0].isspace() and key[0] != "#" and '"' not in key and "'" not in key:
            found.setdefault(key, n)
    return found


MAX_ALIASES = 8  # `*name` uses in one front matter: nested aliases grow the data exponentially


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that refuses more than MAX_ALIASES aliases, so that an alias bomb is not expanded."""

    aliases = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(None, None, f"more than {MAX_ALIASES} aliases", mark)
        return super().compose_node(parent, index)  # type: ignore[arg-type]


def _front_matter(source: str, path: str, problems: list[Problem]) -> dict:
    try:
        data = yaml.load(source, Loader=_FrontMatterLoader)  # a SafeLoader
    except yaml.YAMLError as error:
        # Where the broken construct starts (a `[` never closed), else where the parser gave up.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for 1-based, +1 for the opening ---
        reason = getattr(error, "problem", None) or "invalid YAML"
        problems.append(Problem(path, f"front matter is not valid YAML ({reason}); ignored", line))
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(path, "front matter is not a mapping of keys to values; ignored", 1))
        return {}
    return data


def _plain(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return "" if value is None else str(value)


def _check_fence(token: Token, lines: list[str], path: str, problems: list[Problem]) -> None:
    start, end = token.map  # type: ignore[misc]
    last = lines[end - 1].strip() if start < end - 1 < len(lines) else ""
    closed = last.startswith(token.markup) and not last.strip(token.markup[0])
    if not closed:
        message = f"code fence {token.markup} is never closed: everything after it shows as code"
        problems.append(Problem(path, message, start + 1))


def _check_table(start: int, end: int, lines: list[str], path: str, problems: list[Problem]) -> None:
    """A row with more or fewer cells than the header is shown padded or cut; say where."""
    if start >= len(lines):
        return
    header = len(table_cells(lines[start]))
    for n in range(start + 2, min(end, len(lines))):
        if lines[n].strip() and len(table_cells(lines[n])) != header:
            count = len(table_cells(lines[n]))
            message = f"table row has {count} cells but its header has {header}; it is shown padded or cut"
            problems.append(Problem(path, message, n + 1, severity="info"))
            return


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a table row: where its stripped text stands, and that text (`\\|` read as `|`)."""

    start: int
    end: int
    text: str


def table_cells(line: str) -> list[Cell]:
    """The cells of a table row, as the site renders them: a `|` inside inline code or escaped as `\\|`
    does not split; a leading blockquote `>` and the outer pipes are not cells. The one splitter of rows
    (gates, risks, sections and placeholders all read cells through it)."""
    lead = len(line) - len(line.lstrip())
    while line.startswith(">", lead):  # `> | a | b |` in a quote
        lead += 1
        lead += len(line) - lead - len(line[lead:].lstrip())
    masked = list(line)
    for a, b in code_spans(line):
        masked[a:b] = "x" * (b - a)
    bounds = [i for i in range(lead, len(line)) if masked[i] == "|" and line[i - 1 : i] != "\\"]
    stripped = line[lead:].strip()
    if not stripped.startswith("|"):
        bounds.insert(0, lead - 1)
    escaped_end = stripped.endswith("\\|")
    if not stripped.endswith("|") or stripped == "|" or escaped_end:
        bounds.append(len(line.rstrip()))
    cells = []
    for a, b in pairwise(bounds):
        cell = line[a + 1 : b]
        left = len(cell) - len(cell.lstrip())
        first, last = a + 1 + left, a + 1 + len(cell.rstrip())
        cells.append(Cell(first, last, line[first:last].replace("\\|", "|")))
    return cells


def code_spans(text: str) -> list[tuple[int, int]]:
    """Inline code spans (start, end exclusive, backticks included): a run closes at the next run of
    the same length. Linear: each length keeps a pointer into its own list of runs."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", text)]
    by_len: dict[int, list[int]] = {}
    for idx, (a, b) in enumerate(runs):
        by_len.setdefault(b - a, []).append(idx)
    cursor = dict.fromkeys(by_len, 0)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        a, b = runs[i]
        same, p = by_len[b - a], cursor[b - a]
        while p < len(same) and same[p] <= i:
            p += 1
        cursor[b - a] = p
        if p < len(same):
            j = same[p]
            spans.append((a, runs[j][1]))
            i = j + 1
        else:
            i += 1
    return spans


def _inline(token: Token, env: dict) -> Token:
    if not token.children and token.content:
        token.children = []
        _MD.inline.parse(token.content, _MD, env, token.children)
    return token


def _inline_text(inline: Token) -> str:
    parts = [c.content for c in inline.children or () if c.type in ("text", "code_inline")]
    return "".join(parts).strip() if parts else inline.content.strip()


def _collect_links(inline: Token, lines: list[str], out: list[Link]) -> None:
    start, end = inline.map  # type: ignore[misc]
    for child in inline.children or ():
        if child.type == "link_open":
            target, image = str(child.attrs.get("href", "")), False
        elif child.type == "image":
            target, image = str(child.attrs.get("src", "")), True
        else:
            continue
        out.append(Link(target, _line_of(target, lines, start, end), image))


def _line_of(target: str, lines: list[str], start: int, end: int) -> int:
    """The line in [start, end) that holds `target` as written (markdown-it maps only blocks)."""
    candidates = {target, unquote(target)}
    for n in range(start, min(end, len(lines))):
        if any(c and c in lines[n] for c in candidates):
            return n + 1
    return start + 1


def _header_fields(lines: list[str], parsed: Parsed) -> None:
    """`**Key**: value` fields of the preamble (before the first `##`) and of a Metadata section."""
    fenced = False
    in_metadata = False
    seen_h2 = False
    for n, line in enumerate(lines, 1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        stripped = line.strip()
        if stripped.startswith("#"):
            level = len(stripped) - len(stripped.lstrip("#"))
            if level >= 2:
                seen_h2 = True
                in_metadata = stripped.lstrip("#").strip().lower() == "metadata"
            continue
        if seen_h2 and not in_metadata:
            continue
        quote = _QUOTE_FIELD.match(stripped)
        if quote and not seen_h2:
            _set(parsed, quote.group(1), quote.group(2), n)
            continue
        for field_match in _BOLD_FIELD.finditer(stripped):
            _set(parsed, field_match.group(1), field_match.group(2), n)


def _set(parsed: Parsed, key: str, value: str, line: int) -> None:
    key = key.strip().lower()
    value = value.strip().strip("`").strip()
    if key and value and key not in parsed.meta:
        parsed.meta[key] = value
        parsed.meta_lines[key] = line
