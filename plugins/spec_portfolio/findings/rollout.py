"""Rollout readiness per feature: what its documents say about rollout, rollback, flags, compatibility,
dependencies, assumptions and open questions, and a go / no-go verdict with its reasons.

Sections are found by heading (any level); `**Rollback Trigger**:`-style fields count wherever they
stand. Each piece is a short excerpt (the first few lines, as plain text) with its path and line. What a
document says depends on it alone, so it is read once per text (through the portfolio's cache, in forked
processes when there are many) and the readings are joined per feature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..cache import Cache
from ..model import DocKind, Document, Feature, Portfolio
from . import UNFILLED
from .risks import cells, is_template
from .rollup import feature_rollup, lifecycle
from .sections import Section, code_lines, sections

TOPICS = (
    "rollout", "rollback", "triggers", "procedure", "flags",
    "compatibility", "dependencies", "assumptions", "questions",
)  # fmt: skip
# Words of shipping the feature, not of what it does: "migration" alone is often a code move, "launch"
# and "release" a feature of the product (a pipeline launcher, a release field), "toggle" a UI control.
_HEADINGS = {
    "rollout": re.compile(
        r"roll-?\s*out|\bdeploy(?:ment|ments|ing|s)?\b|\b(?:release|launch)\s+(?:plan|strategy|process|checklist)"
        r"|\bgo[\s-]live\b|\bcut-?\s*over\b|\b(?:data(?:base)?|schema|db)\s+migrations?\b"
        r"|\bmigrations?\s+(?:sql|scripts?)\b",
        re.I,
    ),
    "rollback": re.compile(r"roll-?\s*back", re.I),
    "flags": re.compile(r"\bfeature[\s-]*(?:flags?|toggles?|switch(?:es)?)\b|\bkill[\s-]*switch", re.I),
    "compatibility": re.compile(r"compatib", re.I),
    "dependencies": re.compile(r"dependenc|blockers?\b|depends\s+on", re.I),
    "assumptions": re.compile(r"assumptions?", re.I),
    "questions": re.compile(r"open\s+(?:questions?|issues)|unresolved|outstanding\s+questions", re.I),
}
# Headings that name the feature or a story of it, not how it ships: the part of a document's title
# after its colon (`# Implementation Plan: Deployment Dashboard`), a user story's title.
_STORY = re.compile(r"(?:user\s+)?stor(?:y|ies)\b|US-?\d", re.I)
# Said of a topic only to say there is none: `No schema migrations`, `Rollout: not needed`.
_NONE = re.compile(
    r"^\W*(?:no|none|n/a)\b|\bnot\s+(?:needed|required|applicable)\b|\bn/a\b|\bnone\b"
    r"|\bno\s+(?:\S+\s+){0,2}?\S*(?:migrations?|deploy\w*|roll-?\s*outs?|flags?)\b",
    re.I,
)
_NONE_SAID = re.compile(r"\W*(?:no|none|n/a|not\s+(?:needed|required|applicable))\b", re.I)
# A database transaction's rollback (undone on error), not a plan to take the feature back out.
_BARE_ROLLBACK = re.compile(r"roll-?\s*back", re.I)
_NO_ROLLBACK = re.compile(r"\W*no\s+roll-?\s*back\b", re.I)
_TRANSACTION = re.compile(r"\btransaction|\btx\b|\batomic|\bsavepoints?\b|\bcommit(?:s|ted)?\b", re.I)
_RELEASE = re.compile(
    r"\bdeploy|\brelease|\brevert|\bprevious\s+version|\bflag|\bdowngrade|\bgit\b|\bmigration", re.I
)
_IN_ROLLBACK = {
    "triggers": re.compile(r"trigger|stop\s+signal", re.I),
    "procedure": re.compile(r"procedure|steps|runbook", re.I),
}
# Plans and specs first; tasks, checklists and contracts say nothing about readiness.
_KINDS = (DocKind.PLAN, DocKind.SPEC, DocKind.SUMMARY, DocKind.DATA_MODEL, DocKind.RESEARCH,
          DocKind.QUICKSTART, DocKind.OTHER)  # fmt: skip
_FLAG_KINDS = (DocKind.PLAN, DocKind.SPEC, DocKind.SUMMARY, DocKind.OTHER)
_FIELD = re.compile(
    r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?\*\*(?P<name>[^*\n]{1,60}?)\s*:?\s*\*\*\s*:?\s*(?P<rest>.*)$"
)
_FLAG = re.compile(
    r"(?i:\bflags?\b)[^`\n]{0,15}`(?P<a>[A-Za-z0-9][\w.:-]{1,60})`"
    r"|`(?P<b>[A-Za-z0-9][\w.:-]{1,60})`\s*(?i:(?:feature\s+)?flags?\b)"
)
# A flag of the feature's rollout is said so, or switched on for some and off again; a command's flag
# (`--verbose`, a struct's `ready` flag) is not.
_FEATURE_FLAG = re.compile(
    r"\bfeature[\s-]*(?:flags?|toggles?)\b|\bkill[\s-]*switch"
    r"|\b(?:flagsmith|launchdarkly|unleash|growthbook|configcat|optimizely|split\.io)\b",
    re.I,
)
_SWITCHED = re.compile(
    r"\bbehind\b|\b(?:on|off)\s+for\b|\d\s?%|\bturn(?:s|ed|ing)?\b[^.\n]{0,40}\b(?:on|off)\b"
    r"|\broll(?:s|ed|ing)?[\s-]*out\b|\bflag\s+(?:on|off)\b|\b(?:enable|disable)[sd]?\s+for\b",
    re.I,
)
_CLI = re.compile(r"(?<![\w-])--?[A-Za-z]|\bcli\b|\bcommand|\bargument|\bsub-?command", re.I)
_FIELD_NAME = re.compile(r"(?:is|has|can)_")
_BLOCKED = re.compile(r"\bblocked\b|\bred\b|❌|🔴|⛔", re.I)
_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")  # a list item (a task box too)
_LINK = re.compile(r"!?\[([^\][]*)\]\([^)]{0,2000}\)")  # bounded: see gates._LINK
_NOISE = re.compile(r"^(?:[-*_]\s*){3,}$|^\[![A-Z]+\]$")  # thematic breaks, `> [!WARNING]` alert markers
EXCERPT_LINES = 3


@dataclass(frozen=True, slots=True)
class Excerpt:
    topic: str
    title: str  # the section's heading, the field's name or the flag's name
    text: str  # its first lines as plain text
    path: str
    line: int  # 1-based
    unfilled: bool = False  # template text is left in it


@dataclass(frozen=True, slots=True)
class Dependency:
    name: str
    status: str
    impact: str
    path: str
    line: int


GO, NO_GO, NOT_ASSESSED = "go", "no-go", "not assessed"
# The topics that say how the feature ships: without one of them there is nothing to assess.
SHIPPING = ("rollout", "rollback", "triggers", "procedure", "flags")
SILENT = "its documents say nothing about rollout, rollback or feature flags"


@dataclass(slots=True)
class Readiness:
    feature: str  # Feature.key
    epic: str | None
    gate_state: str
    clarifications: int
    done: bool = False  # its lifecycle is done: shipped, or every task ticked
    excerpts: dict[str, list[Excerpt]] = field(default_factory=lambda: {t: [] for t in TOPICS})
    flags: list[str] = field(default_factory=list)  # flag names, in order of first mention
    blocked: list[Dependency] = field(default_factory=list)
    verdict: str = NOT_ASSESSED  # GO, NO_GO or NOT_ASSESSED
    reasons: list[str] = field(default_factory=list)  # why NO_GO or NOT_ASSESSED; empty for GO


@dataclass(slots=True)
class Notes:
    """What one document says: excerpts by topic, the flags it names first (each with its excerpt) and
    its blocked dependencies."""

    excerpts: dict[str, list[Excerpt]] = field(default_factory=lambda: {t: [] for t in TOPICS})
    flags: dict[str, Excerpt] = field(default_factory=dict)
    blocked: list[Dependency] = field(default_factory=list)


def find_readiness(portfolio: Portfolio, workers: int = 1) -> list[Readiness]:
    docs = [d for d in portfolio.documents.values() if _read(d)]
    cache = portfolio.cache or Cache()
    notes = dict(zip((d.path for d in docs), cache.map(document_notes, docs, _key, workers), strict=True))
    return [feature_readiness(portfolio, portfolio.features[k], notes) for k in sorted(portfolio.features)]


def _key(doc: Document) -> tuple[str, ...]:
    return ("rollout", doc.path, doc.kind.value, doc.text)  # its findings come from the same three


def feature_readiness(
    portfolio: Portfolio, feature: Feature, notes: dict[str, Notes] | None = None
) -> Readiness:
    """The feature's documents' notes joined, plans first; `notes` by path (read here when missing)."""
    totals = feature_rollup(portfolio, feature)
    done = lifecycle(portfolio, feature, totals) == "done"
    ready = Readiness(feature.key, feature.epic, totals.gate_state, totals.clarifications, done)
    docs = [portfolio.documents[p] for p in feature.documents]
    for doc in sorted(filter(_read, docs), key=_order):
        said = notes[doc.path] if notes and doc.path in notes else document_notes(doc)
        for topic in TOPICS:
            ready.excerpts[topic] += said.excerpts[topic]
        for name, excerpt in said.flags.items():  # a flag counts where the feature first names it
            if name not in ready.flags:
                ready.flags.append(name)
                ready.excerpts["flags"].append(excerpt)
        ready.blocked += said.blocked
    ready.verdict, ready.reasons = judge(ready)
    return ready


def _read(doc: Document) -> bool:
    return doc.markdown and doc.kind in _KINDS


def _order(doc: Document) -> tuple[int, str]:
    return _KINDS.index(doc.kind), doc.path


class _Source:
    """One document as the readers below need it."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lines = doc.text.split("\n")
        self.skip = code_lines(doc.parsed)
        self.headers = {b.start for b in doc.parsed.blocks if b.kind == "table"}
        self.unfilled = [f.line for f in doc.findings if f.kind in UNFILLED]
        self.sections = sections(doc.parsed, len(self.lines))

    def excerpt(self, topic: str, title: str, start: int, end: int, first: int) -> Excerpt:
        """Lines [first, end) as an excerpt standing at `start`; unfilled if [start, end) is template text."""
        text = _excerpt(self.lines, range(first, end), self.skip, self.headers)
        dirty = any(start + 1 <= n <= end for n in self.unfilled)
        return Excerpt(topic, title, text, self.doc.path, start + 1, dirty)


def document_notes(doc: Document) -> Notes:
    """What the document says about readiness: it depends on the document alone."""
    source, notes = _Source(doc), Notes()
    rollouts, rollbacks = _sections(source, notes)
    _fields(source, rollouts, rollbacks, notes)
    if doc.kind in _FLAG_KINDS:
        _flags(source, notes)
    _dependencies(source, notes)
    return notes


def _sections(source: _Source, notes: Notes) -> tuple[list[Section], list[Section]]:
    """Sections by topic (not those inside one already taken); returns the rollout and rollback ones."""
    taken: dict[str, list[Section]] = {}
    for topic, pattern in _HEADINGS.items():
        kept = taken.setdefault(topic, [])
        for s in source.sections:
            title = _topic_words(s)
            if not (title and pattern.search(title)) or any(k.start < s.start < k.end for k in kept):
                continue
            excerpt = source.excerpt(topic, s.title, s.start, s.end, s.start + 1)
            if topic in ("rollout", "flags") and (_NONE.search(title) or _NONE_SAID.match(excerpt.text)):
                continue
            if topic == "rollback" and _undoes_a_transaction(excerpt):
                continue
            kept.append(s)
            notes.excerpts[topic].append(excerpt)
    rollbacks = taken["rollback"]
    for s in source.sections:  # `### Triggers` / `### Procedure` under a rollback section
        for topic, pattern in _IN_ROLLBACK.items():
            if pattern.search(s.title) and any(r.start < s.start < r.end for r in rollbacks):
                notes.excerpts[topic].append(source.excerpt(topic, s.title, s.start, s.end, s.start + 1))
    return taken["rollout"], rollbacks


def _topic_words(section: Section) -> str:
    """What of a heading can name a topic: not a user story's title, nor the feature's name that a
    document's title gives after its colon (`# Implementation Plan: Deployment Dashboard`)."""
    if _STORY.match(section.title.lstrip("#*_ ")):
        return ""
    return section.title.split(":", 1)[0] if section.level == 1 else section.title


def _undoes_a_transaction(excerpt: Excerpt) -> bool:
    """`Rollback: the whole batch is one transaction`: data undone on error, not the feature taken back."""
    said = f"{excerpt.title} {excerpt.text}"
    if _NO_ROLLBACK.match(said):
        return True
    return bool(_TRANSACTION.search(said)) and not _RELEASE.search(said)


def _fields(source: _Source, rollouts: list[Section], rollbacks: list[Section], notes: Notes) -> None:
    """`**Triggers**:` / `**Procedure**:` in rollback sections, `**Rollback ...**:` fields anywhere, and a
    bare `**Rollback**:` in rollout sections: elsewhere that word labels a use or a property of
    something (`- **Rollback**: changes can be discarded`), not the feature's way back."""
    for n, line in enumerate(source.lines):
        match = _FIELD.match(line) if n not in source.skip else None
        if match is None:
            continue
        name, rest = match["name"].strip(), match["rest"].strip()
        inside = any(r.start < n < r.end for r in rollbacks)
        if not (inside or _HEADINGS["rollback"].search(name)):
            continue
        bare = _BARE_ROLLBACK.fullmatch(name)
        if bare and not inside and not any(r.start < n < r.end for r in rollouts):
            continue
        topic = next((t for t, p in _IN_ROLLBACK.items() if p.search(name)), None if inside else "rollback")
        if topic is not None:
            end = _field_end(source.lines, n, source.skip, want_list=not rest or rest.endswith(":"))
            excerpt = source.excerpt(topic, name, n, end, n)
            if inside or not _undoes_a_transaction(excerpt):
                notes.excerpts[topic].append(excerpt)


def _flags(source: _Source, notes: Notes) -> None:
    """Each feature flag named in code next to the word flag, at its first mention: on a line that says
    feature flag, or switches it on or off for some, and is not about a command's options."""
    for n, line in enumerate(source.lines):
        matches = list(_FLAG.finditer(line)) if n not in source.skip else []
        if not matches or not (_FEATURE_FLAG.search(line) or _switched(line)):
            continue
        for match in matches:
            name = match["a"] or match["b"]
            if _FIELD_NAME.match(name):  # `is_verified` flag: a boolean field, not a feature flag
                continue
            if name not in notes.flags:
                text = _plain(_ITEM.sub("", _row_text(line)))
                notes.flags[name] = Excerpt("flags", name, text, source.doc.path, n + 1)


def _switched(line: str) -> bool:
    return bool(_SWITCHED.search(line)) and not _CLI.search(line)


def _field_end(lines: list[str], n: int, skip: set[int], want_list: bool) -> int:
    """The line after a field: its paragraph, or the list that follows `**Procedure**:`."""
    end, taken = n + 1, 0
    while end < len(lines) and taken < EXCERPT_LINES:
        line = lines[end]
        if not line.strip():
            if want_list and not taken:
                end += 1
                continue
            break
        if end in skip or _FIELD.match(line) or line.lstrip().startswith("#"):
            break
        end, taken = end + 1, taken + 1
    return end


def _excerpt(lines: list[str], span: range, skip: set[int], headers: set[int]) -> str:
    """The first lines of `span` as plain text: items apart with " · ", a paragraph's lines joined."""
    items: list[str] = []
    previous, taken = -2, 0
    for n in span:
        line = re.sub(r"^(?:>\s?)+", "", lines[n].strip()).strip()
        if not line or _NOISE.match(line) or n in skip or line.startswith("#") or {n, n - 1} & headers:
            continue
        if line.startswith("|"):
            items.append(_row_text(line))
        elif _ITEM.match(line) or n != previous + 1 or not items:
            items.append(_ITEM.sub("", line))
        else:
            items[-1] += " " + line
        previous, taken = n, taken + 1
        if taken == EXCERPT_LINES:
            break
    return _plain(" · ".join(items))


def _row_text(line: str) -> str:
    return " · ".join(c for c in cells(line) if c) if line.lstrip().startswith("|") else line.strip()


def _plain(text: str) -> str:
    """Markdown to plain text, enough for an excerpt: links to their text, emphasis and code marks gone."""
    text = _LINK.sub(r"\1", text)
    return " ".join(re.sub(r"\*\*|__|`", "", text).split())


def _dependencies(source: _Source, notes: Notes) -> None:
    """Blocked rows of status tables under dependency headings, or of tables with a Dependency column."""
    lines = source.lines
    under = [s for s in source.sections if _HEADINGS["dependencies"].search(s.title)]
    for block in source.doc.parsed.blocks:
        if block.kind != "table":
            continue
        header = [c.lower().strip("* ") for c in cells(lines[block.start])]
        status = header.index("status") if "status" in header else None
        named = any(re.match(r"dependenc|blocker", c) for c in header)
        if status is None or not (named or any(s.start < block.start < s.end for s in under)):
            continue
        impact = next((i for i, c in enumerate(header) if c.startswith("impact")), None)
        for n in range(block.start + 2, min(block.end, len(lines))):
            row = cells(lines[n])
            value = row[status] if status < len(row) else ""
            filled = [c for c in row if c]
            if is_template(value) or 2 * sum(map(is_template, filled)) > len(filled):
                continue
            if _BLOCKED.search(value):
                note = row[impact] if impact is not None and impact < len(row) else ""
                path = source.doc.path
                notes.blocked.append(Dependency(_plain(row[0]), _plain(value), _plain(note), path, n + 1))


def judge(ready: Readiness) -> tuple[str, list[str]]:
    """NO-GO when something the documents say stands in the way; else not assessed when they say nothing
    of how the feature ships; else NO-GO when a feature still to ship has no way back; else GO."""
    blockers = _blockers(ready)
    if blockers:
        return NO_GO, blockers
    if not any(ready.excerpts[t] for t in SHIPPING):
        return NOT_ASSESSED, [SILENT]
    if not ready.done and not any(ready.excerpts[t] for t in ("rollback", "triggers", "procedure")):
        return NO_GO, ["no rollback plan"]
    return GO, []


def _blockers(ready: Readiness) -> list[str]:
    """What stands in the way. Gates still to answer do not, once the feature is done: the work they were
    to check before it is behind it, and the gate matrix still shows them."""
    reasons = []
    if ready.gate_state == "blocked" or (ready.gate_state == "pending" and not ready.done):
        reasons.append(f"gates {ready.gate_state}")
    if ready.clarifications:
        s = "s" if ready.clarifications != 1 else ""
        reasons.append(f"{ready.clarifications} open clarification{s}")
    for name in dict.fromkeys(d.name for d in ready.blocked):
        reasons.append(f"blocked dependency: {name}")
    for topic in ("rollout", "rollback", "triggers", "procedure"):
        for e in ready.excerpts[topic]:
            if e.unfilled:
                reasons.append(f"template text in {topic}: {e.path.rsplit('/', 1)[-1]}:{e.line}")
    return reasons
