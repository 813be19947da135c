"""Unfilled template text: bracketed placeholders, NEEDS CLARIFICATION markers, generator tokens, residue.

One pass over the source lines, in the regions `parse` found (its blocks, code spans, table cells and
link references: no second lexer here). How a bracket `[...]` is read depends on where it stands; the
checks every context shares are in `_classify`, the rest in one rule per context (`_RULES`):

- prose (paragraphs, headings, list items, table cells): a placeholder unless it is Markdown (a link, a
  defined reference, a footnote, a task box), content by its own shape (an id or tag `[US1]`, `[Gap]`,
  `[DEFERRED]`, a route segment, an index `items[i]`, a quoted literal, a range `[-12dB, +12dB]`, a word
  list `[Off, Slow, Fast]`, a citation `[Smith 2009]`, traceability `[Scenario 1, FR-001]`), or content
  by its line (`_Segment._content_by_context`: tags after a task or checklist id or closing a checklist
  item, a tag the document's legend defines, a diagram node `A -> [B]`, a test tag `- [unit] ...`, a
  mention of the syntax "placeholders like [X]"). A row whose cells are mostly placeholders, the first
  one too, is one sample-row residue instead of an error per cell.
- inline code and code blocks show syntax and examples: a placeholder there (`[PROJECT_NAME]` in a
  sample, `"[ERROR_CODE]"` in JSON, `[table_name]` in SQL, a tree line `└── [same as above]`) counts
  only when the document's own prose has unfilled errors too (it is still a template). Sure anywhere:
  a field's whole value (**Branch**: `[###-feature-name]`) or a header path, the template's
  documentation tree `specs/[###-feature]/`, `[REMOVE IF UNUSED]` labels, `<<X_Y>>` and
  `__SPECKIT_X__` tokens. `$ARGUMENTS`, `{{ x }}` and sample ids (`FR-XXX`) in code, or named in prose
  where no id stands, are mentions. Mermaid node labels are never placeholders.
- HTML comments are not scanned (hidden.py reports them), except the body of a comment that hides
  document content: it is parsed again on its own, line numbers kept, and scanned like the rest.

Tokens (`<<FEATURE_NAME>>`, `$ARGUMENTS`, `{{spec_file}}`, `__SPECKIT_COMMAND_PLAN__`, `TXXX`) are
errors of kind "token"; unbracketed gaps (a choice left as `Yes / No`, a `___` blank) are placeholders.
Warnings of kind "residue": `[REMOVE IF UNUSED] Option N` labels, sample rows, blank rows of compliance
or sign-off tables, `%% Example` mermaid diagrams, the template's notes ("This template is filled in
by ...", "Fill ONLY if ..."), the old "Execution Flow (...)" procedure and "Quick Guidelines" block
(whose `→ Mark with [NEEDS CLARIFICATION: ...]` is the template's, not a question), and `*(mandatory)*`
heading markers over a section that is empty or still unfilled.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Finding, Parsed
from ..parse import code_spans, parse, table_cells
from .hidden import hidden_bodies

ERROR, WARNING = "error", "warning"
_TEXT_LANGS = frozenset({"", "text", "txt", "plain", "plaintext", "tree", "none", "ascii", "console"})
_SQL_LANGS = frozenset({"sql", "postgres", "postgresql", "pgsql", "plpgsql", "mysql", "sqlite", "ddl"})

_CLAR = re.compile(r"\s*NEEDS CLARIFICATION\b[\s:,;.\-–—]*(.*)", re.S)
# A bare marker and what explains it: `NEEDS CLARIFICATION: ...`, `(...)`, `on shard sizing`. The `(...)`
# is bounded: unbounded, each of many `NEEDS CLARIFICATION (` on a line would scan to the line's end.
_BARE_CLAR = re.compile(
    r"NEEDS CLARIFICATION"
    r"(?:[ \t]*[:\-–—][ \t]*[^|\n]*|[ \t]*\([^)\n]{0,300}\)|[ \t]+(?:on|for|about)[ \t][^|.\n]*)?"
)
_MENTION_AFTER = re.compile(
    r"\s*\]?\s*(?:(?:markers?|items?|tags?|flags?|entries|remain|were|are|present)\b|:[ \t]*\d)", re.I
)
_MENTION_BEFORE = re.compile(
    r"(?:\b(?:no|zero|any|all|every|remaining|without|resolved?|resolves|marked|mark|as|with|of)|[\"'“])\s*\[?$",
    re.I,
)
_HINT = re.compile(r"\be\.g\.")
_STRONG = re.compile(r"###|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|[A-Z]+-ID$")
_CHOICE = re.compile(r"\S\s+[/|]\s+\S|^[A-Z][\w-]*(?:/[A-Z][\w-]*)+$")
_ID_TAGS = re.compile(
    r"(?:[A-Z]{1,6}-?(?:\d+[a-z]?|[#xnN])|P\??|Story\??|ID)(?:\s*[,/+&]\s*[A-Z]{1,6}-?\d+[a-z]?)*$"
)
# Content that names things, not a slot: an id (`[Scenario 1, FR-001/002]`), a year (`[Smith 2009]`),
# a dotted name (`[tool.pytest.ini_options]`), a parallel note (`[P with Phase 4]`).
_HAS_ID = re.compile(r"\b[A-Z]{1,6}-\d{2,}")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_DOTTED = re.compile(r"[a-z_][\w-]*(?:\.[\w-]+)+$")
_PARALLEL_NOTE = re.compile(r"P\d?[ \t]+(?:with|after|before|alongside|once)\b")
_NUMBER_UNIT = re.compile(r"[+\-−~≈]?\d[\d.,]*[ \t]?[A-Za-zµ°%/]{0,6}")
# Tags after a task's or checklist item's id: `- [X] T024 [P1] [Verify] ...`, `- [ ] CHK-C06 [Gap] ...`
_TAG_RUN = re.compile(
    r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?(?:\*\*)?"
    r"(?:[A-Z]{1,6}-?[A-Z]?\d+(?:\.\d+)*[a-z]?|Task[ \t]+\d+(?:\.\d+)*|\d+(?:\.\d+)+)(?:\*\*)?"
    r"(?:[ \t]+(?:\[[^\[\]\n]{1,40}\]|\(?P\d\)?|[-–—]))*[ \t]+"
)
_STATUS_TAG = re.compile(r"[ \t]+(?:Task[ \t]+)?[A-Z]{0,6}-?\d+(?:\.\d+)*\b")
_LEAD_TAG = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_TEST_TAG = re.compile(r"[a-z][a-z0-9-]{1,20}")
_CHECKBOX_ITEM = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\][ \t]")
_TRAILING_TAGS = re.compile(r"(?:[ \t]*\[[^\[\]\n]{1,60}\])*[ \t]*")
# Words that make a bracket a mention of the syntax: "placeholders like [PROJECT_NAME]", "maps to [X]".
_MENTION_NEAR = re.compile(
    r"\b(?:placeholders?|pattern|format(?:ted)?|syntax|convention|tokens?|maps?[ \t]+to|references?|labels?"
    r"|such[ \t]+as|e\.g\.|like|i\.e\.)(?:\W|$)",
    re.I,
)
_MENTION_AFTER_WORDS = re.compile(
    r"[ \t`'\"]*(?:placeholders?|pattern|format|syntax|convention|tokens?|labels?)\b", re.I
)
_ARROWS = ("->", "→", "=>", "<-", "←", "⟶", "──", "└", "├", "│", "-->")
_LEGEND = re.compile(
    r"[ \t]*(?:[-*+][ \t]+)?(?:\*\*)?\[([^\[\]\n]{1,30})\](?:\*\*)?[ \t]*(?:[:=—–]|-[ \t])[ \t]*[^\s\[]"
)
_CHECK_TAG = re.compile(
    r"(?:gap|completeness|clarity|consistency|ambiguity|conflict|assumptions?|coverage|measurability"
    r"|traceability|dependenc(?:y|ies)|edge[ -]cases?|scenario|acceptance|non-functional|recovery"
    r"|exception|duplication|feasibility|testability)"
    r"(?:\s+(?:coverage|criteria|flows?|cases?|gap|quality))?\s*(?:[,;].*)?$",
    re.I | re.S,
)
# Tags authors put on tree lines and list items: `# [NEW] mock-users.ts`; a changelog's `[Unreleased]`.
_ANNOTATIONS = frozenset(
    {"NEW", "MODIFIED", "EXISTING", "UPDATED", "CHANGED", "REMOVED", "DELETED", "DEPRECATED", "WIP", "DONE"}
    | {"TODO", "BREAKING", "OPTIONAL", "REQUIRED", "MVP", "BLOCKED", "OBSOLETE", "SUPERSEDED", "Unreleased"}
    | {"sic"}
    # statuses and levels documents tag items with: `[DEFERRED]`, `[SKIP]`, `[PASS]`, `[HIGH]`
    | {"DEFERRED", "SKIP", "SKIPPED", "PASS", "PASSED", "FAIL", "FAILED", "PENDING", "PARTIAL", "WARN", "OK"}
    | {"INFO", "ERROR", "CRITICAL", "HIGH", "MEDIUM", "LOW", "MANUAL", "AUTO", "FIXED", "OPEN", "CLOSED"}
)
_IDENT = re.compile(r"(?:\.\.\.)?[A-Za-z_][\w.-]*$")
_RANGE = re.compile(r"[A-Z]-[A-Z]|[a-z]-[a-z]|[0-9]-[0-9]|\\.")
_INTERVAL = re.compile(r"-?\d[\d.]*\s*[,;]\s*\S+$|\S+\s*[,;]\s*-?\d[\d.]*$")
# Possessive runs of spaces: with `\s*:?\s*` a long run would be split every way before failing.
_FIELD_LEAD = re.compile(
    r"\s*+(?:[-*+]\s+)?(?:\*\*[^*\n]+\*\*\s*+:?|\*\*[^*\n]+:\*\*|[A-Z][\w /-]{0,30}:)\s*+$"
)
_BOLD_LEAD = re.compile(r"\s*+(?:[-*+]\s+)?(?:\*\*[^*\n]+\*\*\s*+:?|\*\*[^*\n]+:\*\*)\s*+$")
_CODE_ISH = re.compile(r"^[\"'{]|=[\"'>]|[\"'],\s*[\"']|^\.\.\.|\{|,\s*(?:\.\.\.|…)$")
_TREE_CHARS = re.compile(r"[\s│├└─┬┼|+`\-]")
# Every finding starts at one of these; a line with none of them is skipped at C speed.
_TRIGGER = re.compile(
    r"\[|NEEDS\s+CLARIFICATION|<<|\$ARGUMENTS|\{\{|__|XXX|\((?:mandatory|include if)|template is|fill only if"
    r"|\b(?:yes|no|y|n|high|pass|true|required|done|low|med|medium|fail|false|optional|pending|n/a)[ \t]*/",
    re.I,
)
_REMOVE = re.compile(r"\[REMOVE IF UNUSED\][^\n]*")
_REMOVE_LABEL = re.compile(r"REMOVE IF UNUSED")
_FLOW_HEADING = re.compile(r"\W*execution flow[ \t]*\((?:main|/?[\w.]+ command scope)\)", re.I)
_GUIDELINES_HEADING = re.compile(r"\W*quick guidelines\b", re.I)
# The old procedure's lines: `→ If empty: ERROR "No feature description"`, `Return: SUCCESS (ready)`.
_PROCEDURE_ERROR = re.compile(r"[ \t]*(?:→|->)[^\n]*\bERROR[ \t]+\"")
_PROCEDURE_RETURN = re.compile(r"[ \t]*\d+\.[ \t]+Return:[ \t]*SUCCESS\b")
_ROW_ID = re.compile(r"(?:\*\*)?[A-Z]{1,6}-?\d+(?:\.\d+)*[a-z]?(?:\*\*)?")
_CHOICES = r"(?:yes|no|n/a|y|n|high|medium|med|low|pass|fail|true|false|required|optional|done|pending)"
# A field's or cell's whole value that is still its options: `Yes / No`, `High / Medium / Low`.
_YES_NO = r"(?:yes|no|n/a|y|n)"
_CHOICE_VALUE = re.compile(
    r"(?:\*\*:?|:)[ \t]*(" + _CHOICES + r"(?:[ \t]*/[ \t]*" + _CHOICES + r")+)[ \t]*(?=\||$)"
    r"|\|[ \t]*(" + _YES_NO + r"(?:[ \t]*/[ \t]*" + _YES_NO + r")+)[ \t]*(?=\|)",
    re.I | re.M,
)
_BLANK = re.compile(r"(?<![\w_])_{3,}(?![\w_])")
_TEMPLATE_NOTE = re.compile(
    r"\bthis template is (?:filled in|completed|generated) by\b|(?<![A-Za-z])fill only if\b", re.I
)
_NOTE_LEAD = re.compile(r"[ \t>*_]*+(?:Note[ \t]*+:?[ \t]*+(?:\*\*)?:?[ \t]*+)?", re.I)
_UNTICKED = re.compile(r"\[ \][ \t]*\w[\w -]{0,20}")
_RULER = re.compile(r"[ \t]*(?:[-*_][ \t]*){3,}")
_MANDATORY = re.compile(r"[*_]\((?:mandatory|include if [^)\n]*)\)[*_]", re.I)
_MERMAID_EXAMPLE = re.compile(r"^\s*%%\s*(?:example|replace|sample)\b", re.I)
_LIST_START = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_FENCE_CLOSE = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}")
_ANGLE = re.compile(r"<<[A-Z][A-Z0-9_]*>>")
# Where an id stands: a list item's or table row's first word, or a bold label (`- [ ] TXXX ...`).
_ID_SLOT = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?(?:\|[ \t]*)?(?:\*\*)?$")
_TOKENS = re.compile(
    r"(?P<angle><<[A-Z][A-Z0-9_]*>>)|(?P<args>\$ARGUMENTS\b)|(?P<curly>(?<!\$)\{\{\s*[A-Za-z_][\w-]*\s*\}\})"
    r"|(?P<dunder>__[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+__)|(?P<sample>\b(?:T|CHK|FR-|SC-|NFR-|US|R-)X{3}\b)"
)


class _Scan:
    """The findings of one document; `lines` may be a masked copy (only a hidden comment's body)."""

    def __init__(self, lines: list[str], path: str, refs: set[str]) -> None:
        self.lines, self.path, self.refs = lines, path, refs
        self.found: list[Finding] = []
        # Findings in code (blocks, and inline code outside the header) that count only when the
        # document's own prose is still template text: elsewhere code shows examples, not gaps.
        self.conditional: list[Finding] = []
        self.legend = _legend(lines)
        self.header: set[int] = set()  # 0-based lines of the preamble and of Metadata/Input sections

    # -- regions -----------------------------------------------------------------------------------
    def document(self, parsed: Parsed) -> None:
        n = len(self.lines)
        self.header = _header_lines(parsed, n)
        region: list[str | None] = ["prose"] * n
        for block in parsed.blocks:
            start, end = max(block.start, 0), min(block.end, n)
            if block.kind == "fence":
                lang = (block.info.split() or [""])[0].strip("{}.").lower()
                mode = "mermaid" if lang == "mermaid" else "text" if lang in _TEXT_LANGS else "prog"
                mode = "sql" if lang in _SQL_LANGS else mode
                closed = end - 1 > start and _FENCE_CLOSE.match(self.lines[end - 1])
                for k in range(start, end):
                    region[k] = None
                body_end = end - 1 if closed else end
                for k in range(start + 1, body_end):
                    region[k] = mode
                if mode == "mermaid":
                    self._mermaid(start + 1, body_end)
            elif block.kind in ("code", "front", "html", "table", "heading"):
                kind = {"code": "text", "front": "prog", "html": None}.get(block.kind, block.kind)
                for k in range(start, end):
                    region[k] = kind
                if block.kind == "front" and end > start:
                    region[start] = region[end - 1] = None
        self._procedures(parsed, region)
        self._walk(region)

    def _procedures(self, parsed: Parsed, region: list[str | None]) -> None:
        """The old templates' "Execution Flow (...)" procedure and "Quick Guidelines" block: one residue
        each, and what they hold (`→ Mark with [NEEDS CLARIFICATION: ...]`) is the template's, not gaps."""
        heads = sorted(parsed.headings, key=lambda h: h.line)
        fences = [b for b in parsed.blocks if b.kind in ("fence", "code")]
        spans: list[tuple[int, int, str]] = []  # 0-based first and last line, what it is
        for i, h in enumerate(heads):
            end = next((x.line - 1 for x in heads[i + 1 :] if x.level <= h.level), len(self.lines))
            if _GUIDELINES_HEADING.match(h.text):
                spans.append(
                    (h.line - 1, _last_written(self.lines, h.line - 1, end), "Quick Guidelines block")
                )
            elif _FLOW_HEADING.match(h.text):
                inside = [b for b in fences if h.line - 1 < b.start < end]
                if inside:
                    spans.append((h.line - 1, inside[0].end - 1, "Execution Flow procedure"))
        covered = {k for a, b, _ in spans for k in range(a, b + 1)}
        for b in fences:  # the same procedure without its heading
            body = self.lines[b.start : b.end]
            if b.start not in covered and _is_procedure(body):
                spans.append((b.start, b.end - 1, "Execution Flow procedure"))
        for first, last, what in spans:
            for k in range(first, min(last + 1, len(region))):
                region[k] = None
            message = f"the template's {what} left in: delete it once the document is written"
            self._add(
                first,
                0,
                WARNING,
                "residue",
                message,
                self.lines[first].strip(),
                last if last > first else None,
            )

    def _walk(self, region: list[str | None]) -> None:
        segment: list[int] = []
        for k, kind in enumerate(region):
            line = self.lines[k]
            continues = kind == "prose" and line.strip() and not _LIST_START.match(line)
            if segment and not continues:
                self._prose(segment)
                segment = []
            if kind == "prose" and line.strip():
                segment.append(k)
            elif kind == "heading":
                self._prose([k], heading=True)
            elif kind == "table":
                if not _TABLE_SEP.match(line):
                    self._table_row(k)
            elif kind in ("text", "sql", "prog"):
                self._code_line(k, kind)
        if segment:
            self._prose(segment)

    def _mermaid(self, start: int, end: int) -> None:
        for k in range(start, end):
            line = self.lines[k]
            if _MERMAID_EXAMPLE.match(line):
                last = max(j for j in range(k, end) if self.lines[j].strip())
                message = "example diagram from the template: replace it with this feature's components"
                col = len(line) - len(line.lstrip())
                self._add(k, col, WARNING, "residue", message, line.strip(), last if last > k else None)
                break
        for k in range(start, end):
            for m in _ANGLE.finditer(self.lines[k]):
                if "_" in m.group():
                    self._token(k, m.start(), m.group(), "angle")

    # -- prose -------------------------------------------------------------------------------------
    def _prose(self, rows: list[int], heading: bool = False, collect: list[Finding] | None = None) -> None:
        text = "\n".join(self.lines[k] for k in rows)
        if not _TRIGGER.search(text):
            return
        starts, pos = [], 0
        for k in rows:
            starts.append(pos)
            pos += len(self.lines[k]) + 1
        seg = _Segment(self, rows, starts, text, collect)
        seg.run(heading)

    def _table_row(self, k: int) -> None:
        row: list[Finding] = []
        self._prose([k], collect=row)
        line = self.lines[k]
        split = table_cells(line)
        if _blank_row([c.text for c in split]):
            name = f" {split[0].text}" if split[0].text else ""
            message = f"table row{name} left blank: fill in its cells or delete it"
            col = len(line) - len(line.lstrip())
            self._add(k, col, WARNING, "residue", message, line.strip())
        cells = [(c.start, c.end) for c in split]
        whole = {(c0, c1) for c0, c1 in cells if c1 > c0}
        covers = [
            f
            for f in row
            if f.kind in ("placeholder", "clarification")
            and f.end_line is None
            and (f.column - 1, f.column - 1 + len(f.text)) in whole
        ]
        filled = [c for c in cells if c[1] > c[0]]
        first_whole = bool(filled) and any(
            (f.column - 1, f.column - 1 + len(f.text)) == filled[0] for f in covers
        )
        if len(filled) >= 2 and first_whole and 2 * len(covers) >= len(filled):
            dropped = {id(f) for f in covers}
            keep = [f for f in row if id(f) not in dropped]
            col = len(line) - len(line.lstrip())
            message = "sample row from the template: replace it with real rows or delete it"
            self.found.extend(keep)
            self._add(k, col, WARNING, "residue", message, line.strip())
        else:
            self.found.extend(row)

    # -- code --------------------------------------------------------------------------------------
    def _code_line(self, k: int, mode: str) -> None:
        line = self.lines[k]
        if not _TRIGGER.search(line):
            return
        residue = _REMOVE.search(line)
        if residue:
            self._residue_option(k, residue.start(), residue.group())
        # A tree line holds nothing but drawing characters around one bracket: `└── [same as above]`.
        solid = [i for i, ch in enumerate(line) if not _TREE_CHARS.match(ch)]
        for o, c in _outermost(_pairs(line)):
            if residue and o >= residue.start():
                continue
            content = line[o + 1 : c]
            pre = line[o - 1] if o else ""
            post = line[c + 1] if c + 1 < len(line) else ""
            tree = bool(solid) and solid[0] == o and solid[-1] == c
            verdict = _classify(content, mode, pre, post, tree_line=tree)
            if verdict and verdict != "bare":
                # `specs/[###-feature]/` in a tree is the template's own line; anything else in code
                # counts only in a document that is still a template.
                sure = mode == "text" and content.startswith("###")
                self._add(k, o, ERROR, verdict[0], verdict[1], line[o : c + 1], sure=sure)
        for m in _TOKENS.finditer(line):
            kind = m.lastgroup or ""
            if kind in ("args", "curly"):
                continue  # `$ARGUMENTS` or `{{ x }}` in code is the syntax shown, not a gap
            if mode == "prog" and (kind not in ("angle", "dunder") or "_" not in m.group()):
                continue
            if mode == "prog" and kind == "dunder" and not m.group().startswith("__SPECKIT_"):
                continue
            if kind != "sample":
                self._token(k, m.start(), m.group(), kind)

    # -- findings ----------------------------------------------------------------------------------
    def _add(
        self,
        k: int,
        col: int,
        sev: str,
        kind: str,
        message: str,
        text: str,
        end: int | None = None,
        sure: bool = True,
    ) -> None:
        """A finding at 0-based line `k`, column `col` (and 0-based last line `end`); not `sure` ones
        count only when the document's prose is unfilled too."""
        last = end + 1 if end is not None else None
        finding = Finding(self.path, k + 1, kind, sev, message, col + 1, last, text)
        (self.found if sure else self.conditional).append(finding)

    def _token(self, k: int, col: int, token: str, kind: str, out: list[Finding] | None = None) -> None:
        messages = {
            "angle": f"generator token {token} was never replaced",
            "args": "the generator's $ARGUMENTS token was never replaced with the feature description",
            "curly": f"template variable {token} was never filled in",
            "dunder": f"generator command token {token} was left in",
            "sample": f"sample id {token} from the template: tasks need real ids",
        }
        f = Finding(self.path, k + 1, "token", ERROR, messages.get(kind, token), col + 1, None, token)
        (self.found if out is None else out).append(f)

    def _residue_option(self, k: int, col: int, label: str, out: list[Finding] | None = None) -> None:
        label = label.rstrip()
        message = f"option label from the template left in: keep one structure, delete the labels ({label})"
        f = Finding(self.path, k + 1, "residue", WARNING, message, col + 1, None, label)
        (self.found if out is None else out).append(f)


class _Segment:
    """A paragraph, heading, list item or table row: brackets may span its lines."""

    def __init__(self, scan: _Scan, rows: list[int], starts: list[int], text: str, out: list[Finding] | None):
        self.scan, self.rows, self.starts, self.text = scan, rows, starts, text
        self.out = scan.found if out is None else out
        self.code = code_spans(text)
        self.code_starts = [a for a, _ in self.code]
        masked = list(text)
        for a, b in self.code:
            masked[a:b] = "\x00" * (b - a)
        for m in re.finditer(r"\\[\[\]]", text):
            masked[m.start() : m.end()] = "\x00\x00"
        self.masked = "".join(masked)
        self.quotes = [0]  # double quotes before each position
        for ch in self.masked:
            self.quotes.append(self.quotes[-1] + (ch in '"“”'))

    def where(self, i: int) -> tuple[int, int]:
        r = bisect_right(self.starts, i) - 1
        return self.rows[r], i - self.starts[r]

    def add(self, i: int, j: int, severity: str, kind: str, message: str, sure: bool = True) -> None:
        (k, col), (end, _) = self.where(i), self.where(max(i, j - 1))
        source = self.text[i:j]
        path = self.scan.path
        finding = Finding(path, k + 1, kind, severity, message, col + 1, end + 1 if end > k else None, source)
        (self.out if sure else self.scan.conditional).append(finding)

    def line_of(self, i: int) -> tuple[int, int]:
        """(start, end) in the segment of the line that holds position `i`."""
        r = bisect_right(self.starts, i) - 1
        end = self.starts[r + 1] - 1 if r + 1 < len(self.starts) else len(self.text)
        return self.starts[r], end

    def run(self, heading: bool) -> None:
        s = self.masked
        covered: list[tuple[int, int]] = []
        for m in _REMOVE.finditer(s):
            k, col = self.where(m.start())
            self.scan._residue_option(k, col, self.text[m.start() : m.end()], self.out)
            covered.append((m.start(), m.end()))
        pairs = [p for p in _outermost(_pairs(s)) if not any(a <= p[0] < b for a, b in covered)]
        linked: set[int] = set()
        for idx, (o, c) in enumerate(pairs):
            covered.append((o, c + 1))
            if o in linked:
                continue
            pre, post = s[o - 1] if o else "", s[c + 1] if c + 1 < len(s) else ""
            content = s[o + 1 : c]
            if self._link(o, c, pre, post, content, pairs[idx + 1 : idx + 2], linked):
                continue
            if self._content_by_context(o, c, content):
                continue
            quoted = (pre in "\"'“" and pre != "" and post in "\"'”" and post != "") or self._in_quotes(o, c)
            before = s[max(0, o - 4) : o].rstrip()[-1:]
            shown = self.text[o + 1 : c]
            verdict = _classify(content, "prose", pre, post, quoted=quoted, before=before, display=shown)
            if verdict == "bare":
                if not self._mention(o, c + 1):
                    self.add(o, c + 1, ERROR, "clarification", "unresolved NEEDS CLARIFICATION marker")
            elif verdict:
                self.add(o, c + 1, ERROR, verdict[0], verdict[1])
        self._bare(s, covered)
        self._tokens()
        self._inline_code()
        self._unfilled_values()
        if heading:
            for m in _MANDATORY.finditer(s):
                message = f"template marker {m.group()} left in the heading"
                self.add(m.start(), m.end(), WARNING, "residue", message)

    def _link(self, o: int, c: int, pre: str, post: str, content: str, nxt: list, linked: set[int]) -> bool:
        s = self.masked
        if post == "(" or content.startswith("^"):
            return True
        if post == ":" and not s[self.starts[bisect_right(self.starts, o) - 1] : o].strip(" >"):
            return True  # a reference definition
        if post == "[" and nxt and nxt[0][0] == c + 1:
            label = s[nxt[0][0] + 1 : nxt[0][1]]
            if not label.strip() or _norm(label) in self.scan.refs:
                linked.add(nxt[0][0])
                return True
        return _norm(content) in self.scan.refs

    def _content_by_context(self, o: int, c: int, content: str) -> bool:
        """Brackets the line around them makes content: tags after a task or checklist id, tags closing
        a checklist item, a tag the document's legend defines, a diagram node (`A -> [B]`), a mention
        of the syntax ("placeholders like [PROJECT_NAME]")."""
        inner = content.strip()
        if _CLAR.match(inner) or _HINT.search(inner) or _REMOVE_LABEL.match(inner):
            return False
        if _norm(inner) in self.scan.legend:
            return True
        s = self.masked
        start, end = self.line_of(o)
        if (
            _LEAD_TAG.fullmatch(s, start, o)
            and _TEST_TAG.fullmatch(inner)
            and s[c + 1 : c + 3].strip(" \t")[:1] not in ("", ":")
        ):
            return True  # `- [unit] parses an empty board`: a test's tag
        if len(inner) == 1 and inner.isupper() and inner not in "XYZN":
            return True  # a one-letter tag: `[C]` critical, `[M]` must
        if len(inner.split()) <= 5:
            if _TAG_RUN.fullmatch(s, start, o):
                return True
            before = s[start:o].rstrip()
            if (
                before[-1:] in ("?", ".", ")", "]", "!")
                and _CHECKBOX_ITEM.match(s, start)
                and _TRAILING_TAGS.fullmatch(s, c + 1, end)
            ):
                return True
        before = s[max(start, o - 40) : o]
        if before.rstrip().endswith(_ARROWS) or s[c + 1 : end].lstrip().startswith(_ARROWS):
            return True
        if _STATUS_TAG.match(s, c + 1, end) and not s[start:o].strip(" \t>-*+"):
            return True  # `- [SKIP] Task 4.3: ...`: a status where the checkbox would be
        return not self._field_value(o) and self._mentioned(o, c)

    def _unfilled_values(self) -> None:
        """Unbracketed gaps: a choice left as its options (`**Breaking**: Yes / No`, a cell `Yes / No`),
        a blank (`**Approved by**: ___`), the template's own note ("This template is filled in by ...")."""
        s = self.masked
        for m in _CHOICE_VALUE.finditer(s):
            group = 1 if m.group(1) else 2  # a field's value (any choice), a cell (yes or no)
            message = f"choice from the template not made: {m.group(group)}"
            self.add(m.start(group), m.end(group), ERROR, "placeholder", message)
        for m in _BLANK.finditer(s):
            start, end = self.line_of(m.start())
            if s[start:end].strip(" \t_|") or "|" in s[start:end]:  # not a ruler `___` on its own
                self.add(m.start(), m.end(), ERROR, "placeholder", "blank left to fill in")
        for m in _TEMPLATE_NOTE.finditer(s):
            start, end = self.line_of(m.start())
            if not _NOTE_LEAD.fullmatch(s, start, m.start()):
                continue  # "gap-fill only if ..." inside a sentence of the author's
            lead = len(s[start:end]) - len(s[start:end].lstrip())
            message = "the template's own note left in the document: delete it"
            self.add(start + lead, end, WARNING, "residue", message)

    def _mentioned(self, o: int, c: int) -> bool:
        """Whether words around `[...]` name it as syntax: "placeholders like [X]", "[X] format"."""
        s = self.masked
        start, end = self.line_of(o)
        before = s[max(start, o - 40) : o]
        return bool(_MENTION_NEAR.search(before) or _MENTION_AFTER_WORDS.match(s, c + 1, end))

    def _in_quotes(self, o: int, c: int) -> bool:
        """Whether `[...]` stands inside a double-quoted string of its line: `"This [item] is gone."`."""
        (k, _), (k2, _) = self.where(o), self.where(c)
        if k != k2:
            return False
        r = bisect_right(self.starts, o) - 1
        start = self.starts[r]
        end = self.starts[r + 1] - 1 if r + 1 < len(self.starts) else len(self.masked)
        q = self.quotes
        return (q[o] - q[start]) % 2 == 1 and q[end] - q[c] > 0

    def _mention(self, i: int, j: int) -> bool:
        s = self.masked
        before = s[max(0, i - 40) : i].split("\n")[-1]
        return bool(_MENTION_AFTER.match(s, j) or _MENTION_BEFORE.search(before))

    def _bare(self, s: str, covered: list[tuple[int, int]]) -> None:
        covered.sort()
        opens = [a for a, _ in covered]
        for m in _BARE_CLAR.finditer(s):
            r = bisect_right(opens, m.start()) - 1
            if (r >= 0 and m.start() < covered[r][1]) or self._mention(m.start(), m.start() + 19):
                continue
            detail = m.group()[19:].strip(" \t:-–—()")
            if re.match(r"(?:none|n/a|resolved)\b", detail, re.I):
                continue  # "NEEDS CLARIFICATION: none"
            message = (
                f"unresolved NEEDS CLARIFICATION: {detail}" if detail else "unresolved NEEDS CLARIFICATION"
            )
            self.add(m.start(), m.end(), ERROR, "clarification", message.rstrip())

    def _tokens(self) -> None:
        for m in _TOKENS.finditer(self.text):
            kind = m.lastgroup or ""
            r = bisect_right(self.code_starts, m.start()) - 1
            span = self.code[r] if r >= 0 and m.start() < self.code[r][1] else None
            if span and kind in ("sample", "curly", "args"):
                continue  # a mention of the syntax in inline code
            if kind == "sample" and not _ID_SLOT.match(self.text, self.line_of(m.start())[0], m.start()):
                continue  # `FR-XXX naming convention`: a sample id counts where an id stands
            if "\x00" in self.masked[m.start() : m.end()] and not span:
                continue  # escaped
            k, col = self.where(m.start())
            self.scan._token(k, col, m.group(), kind, self.out)

    def _field_value(self, i: int, bold: bool = False) -> bool:
        """Whether position `i` follows nothing but a field label on its line (`**Spec**: ...`); with
        `bold`, a bold label only (`Default allowed:` introduces an example, not a template slot)."""
        line_start = self.starts[bisect_right(self.starts, i) - 1]
        return bool((_BOLD_LEAD if bold else _FIELD_LEAD).match(self.text, line_start, i))

    def _inline_code(self) -> None:
        for a, b in self.code:
            raw = self.text[a:b]
            ticks = len(raw) - len(raw.lstrip("`"))
            inner_start, inner_end = a + ticks, b - ticks
            inner = self.text[inner_start:inner_end]
            lead = len(inner) - len(inner.lstrip())
            whole = inner.strip()
            for o, c in _outermost(_pairs(inner)):
                pre = inner[o - 1] if o else ""
                post = inner[c + 1] if c + 1 < len(inner) else ""
                # A whole span counts only as a field's value: **Feature Spec**: `[relative path to spec.md]`
                is_whole = o == lead and c + 1 == lead + len(whole) and self._field_value(a, bold=True)
                verdict = _classify(inner[o + 1 : c], "inline", pre, post, whole=is_whole)
                if verdict and verdict != "bare":
                    # Inline code elsewhere names the syntax (`[PROJECT_NAME]` placeholders) unless the
                    # document is still a template; a field's value or a header path is the slot itself.
                    sure = (is_whole or self.where(a)[0] in self.scan.header) and not self._mentioned(
                        a, b - 1
                    )
                    self.add(inner_start + o, inner_start + c + 1, ERROR, verdict[0], verdict[1], sure)


def _classify(
    content: str,
    ctx: str,
    pre: str,
    post: str,
    *,
    quoted: bool = False,
    whole: bool = False,
    tree_line: bool = False,
    before: str = "",
    display: str | None = None,
) -> tuple[str, str] | str | None:
    """("placeholder" | "clarification", message), "bare" (a NEEDS CLARIFICATION without text) or None.

    `content` is what stands between the brackets (inline code masked out in prose), `display` the same
    as written, for the message. What holds in every context is decided here; the rest by the context's
    own rule (`_RULES`)."""
    c = content.strip()
    if not c or c.startswith(("^", "!")) or (c.startswith("[") and c.endswith("]")):
        return None
    if pre.isalnum() or (pre and pre in ")]}"):
        return None  # an index or a generic: items[i], Option[T]
    if _char_class(c):
        return None  # a regular expression's [A-Z]
    clar = _CLAR.match(c)
    if clar:
        if ctx == "inline":
            return None
        question = " ".join((_CLAR.match(display or c) or clar).group(1).split())
        return ("clarification", f"needs clarification: {_short(question)}") if question else "bare"
    if c.startswith("REMOVE IF UNUSED"):
        return None
    shown = _short(display if display is not None else c)
    if ctx != "inline" and _HINT.search(c):
        return "placeholder", f"template hint left in place: [{shown}]"
    if _STRONG.match(c):
        return _unfilled(shown)
    bracket = _Bracket(c, shown, pre, post, quoted, whole, tree_line, before)
    return _RULES[ctx](bracket)


@dataclass(frozen=True, slots=True)
class _Bracket:
    """A bracket the shared checks left undecided, and what its context knows about it."""

    content: str  # stripped
    shown: str  # for the message
    pre: str  # the character before `[`
    post: str  # the character after `]`
    quoted: bool = False  # prose: inside a quoted string
    whole: bool = False  # inline code: the span is a field's whole value
    tree_line: bool = False  # text block: the line is only drawing characters and this bracket
    before: str = ""  # prose: the character before, spaces skipped

    @property
    def slot(self) -> bool:
        """Glued into a name: `test_[name].py`, `[feature_name]_total`."""
        return (self.pre == "_" or self.post == "_") and bool(_IDENT.match(self.content))


def _unfilled(shown: str) -> tuple[str, str]:
    return "placeholder", f"template placeholder [{shown}] not filled in"


def _inline_rule(b: _Bracket) -> tuple[str, str] | None:
    """Inline code: a glued name, or a field's whole value that is a phrase."""
    if b.slot or (b.whole and " " in b.content and not _CHECK_TAG.match(b.content)):
        return _unfilled(b.shown)
    return None


def _text_rule(b: _Bracket) -> tuple[str, str] | None:
    """Text and tree blocks: a glued name, or a tree line that is only a bracketed phrase."""
    if b.slot or (b.tree_line and (" " in b.content or ":" in b.content)):
        return _unfilled(b.shown)
    return None


def _sql_rule(b: _Bracket) -> tuple[str, str] | None:
    """SQL: an identifier slot `[table_name]` (not `t.[col]` or `"[x]"`)."""
    name = (not b.pre or b.pre not in ".\"'`") and b.post != "." and re.match(r"[A-Za-z][\w -]*$", b.content)
    return _unfilled(b.shown) if b.slot or name else None


def _prog_rule(b: _Bracket) -> tuple[str, str] | None:
    """Other code: a string that is only a capitalised bracket, "[Error message]" (not "[REDACTED]")."""
    c = b.content
    message = (
        b.pre in "\"'" and b.pre and b.post == b.pre and c[0].isupper() and not (c.isalpha() and c.isupper())
    )
    return _unfilled(b.shown) if b.slot or message else None


def _prose_rule(b: _Bracket) -> tuple[str, str] | None:
    """Prose: a placeholder unless its content names something (see the module docstring)."""
    c, pre, post = b.content, b.pre, b.post
    if c in ("x", "-", "~", "/", "*", ">", "."):
        return None
    if c == "X" and not (post == "%" or b.before in ("≥", "≤", "<", ">", "=", "~")):
        return None  # a ticked box, unless it stands for a number: `≥ [X]%`
    if (
        _ID_TAGS.match(c)
        or _CHECK_TAG.match(c)
        or "§" in c
        or c in _ANNOTATIONS
        or not any(ch.isalpha() for ch in c)
        or _INTERVAL.match(c)  # a range: [0, max_length]
        or _interval_with_units(c)  # [-12dB, +12dB]
        or _word_list(c)  # modes [Off, Slow, Fast], steps [navigate, implement, review]
        or _HAS_ID.search(c)
        or _YEAR.search(c)
        or _DOTTED.match(c)
        or _PARALLEL_NOTE.match(c)
        or b.quoted
        or _CODE_ISH.search(c)
        or ((pre == "/" or post == "/") and _IDENT.match(c))
    ):
        return None
    if _CHOICE.search(c):
        return "placeholder", f"choice from the template not made: [{b.shown}]"
    if len(c.split()) >= 4:
        return "placeholder", f"template instruction left in place: [{b.shown}]"
    return _unfilled(b.shown)


_RULES = {
    "prose": _prose_rule,
    "inline": _inline_rule,
    "text": _text_rule,
    "sql": _sql_rule,
    "prog": _prog_rule,
}


def _interval_with_units(c: str) -> bool:
    """`-12dB, +12dB`, `0.5 s; 2 s`: two numbers (with units) and nothing else."""
    parts = re.split(r"[,;]|\.\.|–", c)
    return len(parts) == 2 and all(_NUMBER_UNIT.fullmatch(p.strip()) for p in parts)


def _word_list(c: str) -> bool:
    """`Off, Slow, Fast` or `navigate, implement, review`: single words of one case, comma-separated."""
    parts = [p.strip() for p in c.split(",")]
    if len(parts) < 2 or not all(p and re.fullmatch(r"[A-Za-z][\w-]*", p) for p in parts):
        return False
    return all(p[0].islower() for p in parts) or all(p[0].isupper() for p in parts)


def _legend(lines: list[str]) -> set[str]:
    """Tags a document defines in a legend: `- **[C]**: Critical`, `[DEFERRED] = not in this release`."""
    found = set()
    for line in lines:
        if "[" in line and (m := _LEGEND.match(line)) and m.group(1).strip() not in ("", "x", "X"):
            found.add(_norm(m.group(1)))
    return found


def _blank_row(cells: list[str]) -> bool:
    """A row left to fill: `| FR-011 |  |  |` (an id, nothing else), `|  |  | [ ] Pass |` (a sign-off)."""
    if len(cells) < 2 or all(cells):
        return False
    rest = cells[1:] if _ROW_ID.fullmatch(cells[0]) else cells
    return all(not c or _UNTICKED.fullmatch(c) for c in rest)


def _is_procedure(body: list[str]) -> bool:
    """`→ If empty: ERROR "..."` steps and a closing `N. Return: SUCCESS`: the old templates' procedure."""
    errors = any(_PROCEDURE_ERROR.match(line) for line in body)
    return errors and any(_PROCEDURE_RETURN.match(line) for line in body)


def _last_written(lines: list[str], first: int, end: int) -> int:
    """The last non-blank line in [first, end)."""
    return next(
        (k for k in range(end - 1, first, -1) if lines[k].strip() and not _RULER.fullmatch(lines[k])), first
    )


def _header_lines(parsed: Parsed, n: int) -> set[int]:
    """0-based lines of the preamble (before the first `##`) and of Metadata and Input sections."""
    heads = sorted(parsed.headings, key=lambda h: h.line)
    first_h2 = next((h.line - 1 for h in heads if h.level >= 2), n)
    lines = set(range(first_h2))
    for i, h in enumerate(heads):
        if h.text.strip().strip("#").strip().lower() in ("metadata", "input"):
            end = next((x.line - 1 for x in heads[i + 1 :] if x.level <= h.level), n)
            lines.update(range(h.line, end))
    return lines


def _char_class(c: str) -> bool:
    """`A-Z`, `^a-z0-9_`, `\\d.-`: ranges or escapes, and no word of three letters outside them."""
    if " " in c or not _RANGE.search(c):
        return False
    return not re.search(r"[A-Za-z]{3}", _RANGE.sub(" ", c))


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _norm(label: str) -> str:
    return " ".join(label.split()).casefold()


def _pairs(s: str) -> list[tuple[int, int]]:
    """Matching `[` `]` pairs, all nesting levels, in order of their `[`; linear."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(s):
        if ch == "[":
            stack.append(i)
        elif ch == "]" and stack:
            pairs.append((stack.pop(), i))
    pairs.sort()
    return pairs


def _outermost(pairs: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    end = -1
    for o, c in pairs:
        if o > end:
            end = c
            yield o, c


def find_placeholders(text: str, parsed: Parsed, path: str) -> list[Finding]:
    """Unfilled template text in `text` (the source of `path`, parsed as `parsed`)."""
    lines = text.split("\n")
    scan = _Scan(lines, path, parsed.refs)
    scan.document(parsed)
    bodies = hidden_bodies(text, parsed)
    if bodies:
        # Parse what the hiding comments swallowed on its own, line numbers kept.
        masked = [""] * len(lines)
        for first, last, closed in bodies:
            masked[first : last + 1] = lines[first : last + 1]
            if closed:
                masked[last] = masked[last][: masked[last].find("-->")]
        sub = _Scan(masked, path, scan.refs)
        sub.document(parse("\n".join(masked), path, []))
        # Where Markdown ended the comment early (at the end of a list or quote), both scans saw a line.
        seen = {(f.line, f.column, f.kind) for f in scan.found + scan.conditional}
        scan.found += [f for f in sub.found if (f.line, f.column, f.kind) not in seen]
        scan.conditional += [f for f in sub.conditional if (f.line, f.column, f.kind) not in seen]
    found = _filled_sections_dropped(scan.found, parsed, lines)
    if scan.conditional and _prose_errors(found, parsed, lines) >= _TEMPLATE_EVIDENCE:
        found += scan.conditional
    return sorted(found, key=lambda f: (f.line, f.column, f.kind))


_TEMPLATE_EVIDENCE = 2  # errors in a document's prose that make the placeholders in its code count too


def _prose_errors(found: list[Finding], parsed: Parsed, lines: list[str]) -> int:
    """Error findings outside code blocks and inline code: the evidence that a document is a template."""
    code = set()
    for block in parsed.blocks:
        if block.kind in ("fence", "code"):
            code.update(range(block.start + 1, block.end + 1))
    count = 0
    for f in found:
        if f.severity != ERROR or f.line in code:
            continue
        col = f.column - 1
        count += not any(a <= col < b for a, b in code_spans(lines[f.line - 1]))
    return count


def _filled_sections_dropped(found: list[Finding], parsed: Parsed, lines: list[str]) -> list[Finding]:
    """A `*(mandatory)*` heading marker counts only while its section is empty or still template text:
    over a written section it is the template's label, not a gap."""
    heads = sorted(parsed.headings, key=lambda h: h.line)
    markers = [f for f in found if f.kind == "residue" and _MANDATORY.fullmatch(f.text)]
    if not markers:
        return found
    hidden = set()
    for block in parsed.blocks:
        if block.kind in ("html", "front"):
            hidden.update(range(block.start, block.end))
    marker_ids = {id(f) for f in markers}
    other = sorted(f.line for f in found if id(f) not in marker_ids)
    keep = {id(f) for f in found if id(f) not in marker_ids}
    for f in markers:
        level = next((h.level for h in heads if h.line == f.line), 6)
        end = next((h.line for h in heads if h.line > f.line and h.level <= level), len(lines) + 1)
        i = bisect_right(other, f.line)
        unfilled = i < len(other) and other[i] < end
        written = any(
            lines[k].strip() and k not in hidden and not _RULER.fullmatch(lines[k])
            for k in range(f.line, end - 1)
            if not lines[k].lstrip().startswith("#")
        )
        if unfilled or not written:
            keep.add(id(f))
    return [f for f in found if id(f) in keep]
