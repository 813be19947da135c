"""Traceability: the IDs a spec defines, the tasks and checklist items that cite them, and what is amiss.

Only explicit IDs count: `FR-001`, `FR-017b`, `NFR-…`, `C-…`, `SC-…` and `### User Story N` (US1);
nothing is guessed from words. Every pattern here is linear (tests/test_linear.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import DocKind, Document, Finding, Parsed
from .sections import code_lines, sections

# An ID as written: FR-001, FR-17b, NFR-002, C-003, SC-001; `/b/c` suffix letters and `..010` ranges after.
_ID = re.compile(
    r"\b(FR|NFR|SC|C)-(\d{1,4})([a-z]?)\b((?:/[a-z]\b)*)((?:\.\.|[–—-])(?:(?:FR|NFR|SC|C)-)?\d{1,4}\b)?"
)
_STORY_REF = re.compile(r"\bUS-?(\d{1,3})\b(?:[/-](?:AC|AS)-?(\d{1,3})\b)?")
_STORY_HEAD = re.compile(r"^(?:User Story|US)[ -]?(\d{1,3})\b[ \t]*(?:[:—–-][ \t]*)?(.*)$")
_PRIORITY = re.compile(r"\((?:Priority:[ \t]*)?(P\d)\)")
# A definition: `- **FR-001**: text`, `**SC-001** text`, `- FR-012: text`, or a table row `| FR-01 | text |`.
_DEFINITION = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(\*\*)?\[?((?:FR|NFR|SC|C)-\d{1,4}[a-z]?)\]?(\*\*)?[ \t]*[:：—–-]?[ \t]*(.*)$"
)
_TABLE_DEF = re.compile(r"^[ \t]*\|[ \t]*((?:FR|NFR|SC|C)-\d{1,4}[a-z]?)[ \t]*\|(.*)$")
_TASK = re.compile(
    r"^[ \t]*[-*+][ \t]+\[([ xX])\][ \t]+\**(T\d{2,}|CHK\d{2,}|\d+(?:\.\d+)*\.?)\**[ \t]*(.*)$"
)
_TASK_ID = re.compile(r"\bT(\d{2,})\b(?:[ \t]*(?:–|—|-|\.\.|to)[ \t]*T(\d{2,})\b)?")
_KIRO = re.compile(r"_Requirements?:[ \t]*([\d., \t]+)_")
_MARKS = re.compile(r"\[(Gap|Ambiguity|Conflict)\b")
_PHASE_STORY = re.compile(r"\b(?:User Story|US-?)[ \t]*(\d{1,3})\b")
_CLARIFY = re.compile(r"clarification", re.I)
KINDS = {"FR": "requirement", "NFR": "requirement", "C": "requirement", "SC": "criterion", "US": "story"}


def key_of(prefix: str, number: str, suffix: str = "") -> str:
    """The ID two spellings share: FR-001 and FR-1 are one requirement; stories are US1."""
    return f"US{int(number)}" if prefix == "US" else f"{prefix}-{int(number)}{suffix.lower()}"


@dataclass(frozen=True, slots=True)
class Definition:
    key: str
    id: str  # as written
    kind: str  # requirement | criterion | story
    text: str
    path: str
    line: int
    priority: str = ""


@dataclass(frozen=True, slots=True)
class Item:
    """A task or a checklist item, with the IDs it cites."""

    id: str
    path: str
    line: int
    done: bool
    checklist: bool
    text: str
    cites: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()  # Gap, Ambiguity, Conflict
    phase_story: str = ""  # the story whose phase it stands in
    labelled: bool = False  # carries that story's label


@dataclass(slots=True)
class Trace:
    definitions: dict[str, Definition] = field(default_factory=dict)
    duplicates: list[Definition] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    def citing(self, key: str, checklist: bool = False) -> list[Item]:
        return [i for i in self.items if key in i.cites and i.checklist == checklist]

    def coverage(self, kind: str) -> tuple[int, int, int]:
        """(defined, cited by a task, all of whose tasks are done) for one kind of ID."""
        defined = [d for d in self.definitions.values() if d.kind == kind]
        cited = [self.citing(d.key) for d in defined]
        return (
            len(defined),
            sum(bool(c) for c in cited),
            sum(bool(c) and all(i.done for i in c) for c in cited),
        )


def ids_in(text: str) -> list[str]:
    """The keys of every ID `text` cites: `FR-015a/b/c`, `FR-007..010`, `FR-001–FR-003`, `US1/AC2`."""
    found: list[str] = []
    for m in _ID.finditer(text):
        prefix, number, suffix = m.group(1), m.group(2), m.group(3)
        found.append(key_of(prefix, number, suffix))
        found += [key_of(prefix, number, s) for s in m.group(4).split("/")[1:]]
        if m.group(5):
            last = int(re.sub(r"\D", "", m.group(5).rsplit("-", 1)[-1]) or 0)
            found += [
                key_of(prefix, str(n)) for n in range(int(number) + 1, min(last, int(number) + 200) + 1)
            ]
    found += [key_of("US", m.group(1)) for m in _STORY_REF.finditer(text)]
    found += [f"K-{n.strip()}" for m in _KIRO.finditer(text) for n in m.group(1).split(",") if n.strip()]
    return list(dict.fromkeys(found))


def read_definitions(doc: Document, trace: Trace) -> None:
    """The IDs a spec (or a Kiro requirements.md) defines, outside code and its Clarifications."""
    lines = doc.text.split("\n")
    skip = code_lines(doc.parsed)
    for s in sections(doc.parsed, len(lines)):
        if _CLARIFY.search(s.title):
            skip.update(range(s.start, s.end))
    for head in doc.parsed.headings:
        story = _STORY_HEAD.match(head.text)
        kiro = re.match(r"^Requirement[ \t]+(\d{1,3})\b[ \t:.—–-]*(.*)$", head.text)
        if story and head.line - 1 not in skip:
            priority = _PRIORITY.search(head.text)
            _define(trace, Definition(key_of("US", story.group(1)), f"US{int(story.group(1))}", "story",
                                      _PRIORITY.sub("", story.group(2)).strip(), doc.path, head.line,
                                      priority.group(1) if priority else ""))  # fmt: skip
        elif kiro and doc.name == "requirements.md":
            _kiro_criteria(doc, lines, head.line, kiro.group(1), trace)
    for n, line in enumerate(lines):
        if n in skip or ("FR" not in line and "SC" not in line and "C-" not in line):
            continue
        match = _TABLE_DEF.match(line) or _DEFINITION.match(line)
        if match is None or (
            match.re is _DEFINITION and not line.lstrip("-*+ \t").startswith(("**", "[", match.group(2)))
        ):
            continue
        ident = match.group(1) if match.re is _TABLE_DEF else match.group(2)
        if match.re is _DEFINITION and match.group(1) != match.group(3):
            continue  # `**FR-001 is…` is prose
        text = match.group(2) if match.re is _TABLE_DEF else match.group(4)
        text = text.split("|")[0] if match.re is _TABLE_DEF else text
        prefix, rest = ident.split("-", 1)
        number, suffix = rest.rstrip("abcdefghijklmnopqrstuvwxyz"), rest.lstrip("0123456789")
        _define(
            trace,
            Definition(key_of(prefix, number, suffix), ident, KINDS[prefix], text.strip(), doc.path, n + 1),
        )


def _kiro_criteria(doc: Document, lines: list[str], line: int, number: str, trace: Trace) -> None:
    """`### Requirement 2` and its numbered acceptance criteria: IDs 2.1, 2.2, … as Kiro tasks cite them."""
    for n in range(line, len(lines)):
        if lines[n].startswith("#"):
            break
        item = re.match(r"^[ \t]*(\d{1,3})\.[ \t]+(.*)$", lines[n])
        if item:
            ident = f"{number}.{item.group(1)}"
            _define(trace, Definition(f"K-{ident}", ident, "requirement", item.group(2), doc.path, n + 1))


def _define(trace: Trace, definition: Definition) -> None:
    if definition.key in trace.definitions:
        trace.duplicates.append(definition)
    else:
        trace.definitions[definition.key] = definition


def read_items(doc: Document, trace: Trace) -> None:
    """Tasks (T012, Kiro `2.1`) and checklist items (CHK001) with what they cite: on their line, on the
    lines indented under them, in a front matter `requirement_refs`, in the heading of their phase; and
    rows of a table that name tasks and IDs (a coverage matrix)."""
    lines = doc.text.split("\n")
    skip = code_lines(doc.parsed)
    checklist = doc.kind is DocKind.CHECKLIST
    front = tuple(ids_in(doc.parsed.meta.get("requirement_refs", "")))
    heads = _heading_refs(doc.parsed, len(lines))
    found: list[tuple[int, str, bool, str, list[str]]] = []
    n = 0
    while n < len(lines):
        match = None if n in skip else _TASK.match(lines[n])
        if match is None:
            n += 1
            continue
        cites = ids_in(match.group(3))
        end = n + 1
        indent = len(lines[n]) - len(lines[n].lstrip())
        while (
            end < len(lines)
            and lines[end].strip()
            and len(lines[end]) - len(lines[end].lstrip()) > indent
            and not _TASK.match(lines[end])
        ):
            cites += ids_in(lines[end])
            end += 1
        found.append((n, match.group(2).rstrip("."), match.group(1) != " ", match.group(3), cites))
        n = end
    tables = _table_refs(lines, skip)
    for n, ident, done, text, cites in found:
        story, phase = heads.get(n, ("", ()))
        refs = list(dict.fromkeys([*cites, *front, *phase, *tables.get(ident, ())]))
        labelled = bool(story) and story in cites
        trace.items.append(Item(ident, doc.path, n + 1, done, checklist, text.strip(), tuple(refs),
                                tuple(_MARKS.findall(text)), story, labelled))  # fmt: skip


def _heading_refs(parsed: Parsed, total: int) -> dict[int, tuple[str, tuple[str, ...]]]:
    """Line -> (the story of the phase it stands in, the IDs the headings above it cite)."""
    out: dict[int, tuple[str, tuple[str, ...]]] = {}
    for s in sections(parsed, total):
        phase = _PHASE_STORY.search(s.title)
        story = key_of("US", phase.group(1)) if phase else ""
        refs = list(dict.fromkeys([*ids_in(s.title), *([story] if story else [])]))
        for n in range(s.start + 1, s.end):
            was_story, was = out.get(n, ("", ()))
            out[n] = (story or was_story, tuple(dict.fromkeys([*was, *refs])))
    return out


def _table_refs(lines: list[str], skip: set[int]) -> dict[str, list[str]]:
    """Task ID -> the IDs a table row naming both cites (`| T009 | SC-002 |`, `| FR-001 | T013–T026 |`)."""
    out: dict[str, list[str]] = {}
    for n, line in enumerate(lines):
        if n in skip or not line.lstrip().startswith("|") or "T" not in line:
            continue
        ids = ids_in(line)
        if not ids:
            continue
        for m in _TASK_ID.finditer(line):
            first = int(m.group(1))
            last = int(m.group(2)) if m.group(2) else first
            width = len(m.group(1))
            for k in range(first, min(last, first + 500) + 1):
                out.setdefault(f"T{k:0{width}d}", []).extend(ids)
    return out


def feature_trace(docs: list[Document]) -> Trace:
    trace = Trace()
    for doc in docs:
        if doc.kind is DocKind.SPEC or (doc.kind is DocKind.OTHER and doc.name == "requirements.md"):
            read_definitions(doc, trace)
    for doc in docs:
        if doc.kind in (DocKind.TASKS, DocKind.CHECKLIST) and doc.markdown:
            read_items(doc, trace)
    return trace


def trace_findings(trace: Trace, docs: list[Document]) -> dict[str, list[Finding]]:
    """Findings by path: uncited requirements and stories, dangling and duplicate IDs, unlabelled story
    tasks, and requirements a checklist ticks while their tasks are open."""
    out: dict[str, list[Finding]] = {}

    def add(path: str, line: int, severity: str, message: str) -> None:
        out.setdefault(path, []).append(Finding(path, line, "trace", severity, message))

    tasks = [i for i in trace.items if not i.checklist]
    traced = any(k in trace.definitions for i in tasks for k in i.cites)
    tasks_doc = next((d for d in docs if d.kind is DocKind.TASKS), None)
    if tasks and trace.definitions and not traced and tasks_doc is not None:
        add(
            tasks_doc.path,
            1,
            "info",
            f"no task cites any of the {len(trace.definitions)} IDs the spec defines; coverage is unknown",
        )
    cited_kinds = {trace.definitions[k].kind for i in tasks for k in i.cites if k in trace.definitions}
    for d in trace.definitions.values():
        if d.kind in cited_kinds and not trace.citing(d.key):
            severity = "warning" if d.kind in ("requirement", "story") else "info"
            add(d.path, d.line, severity, f"{d.kind} {d.id} is cited by no task")
    for d in trace.duplicates:
        first = trace.definitions[d.key]
        add(d.path, d.line, "warning", f"{d.id} is defined twice (first at line {first.line})")
    if trace.definitions:
        for i in trace.items:
            dangling = [k for k in i.cites if k not in trace.definitions]
            if dangling:
                add(
                    i.path,
                    i.line,
                    "warning",
                    f"{i.id} cites {', '.join(dangling)}, which the spec does not define",
                )
    for i in tasks:
        if i.phase_story and not i.labelled and i.phase_story in trace.definitions:
            add(
                i.path,
                i.line,
                "info",
                f"{i.id} stands in the phase of {i.phase_story} without its [{i.phase_story}] label",
            )
    for i in trace.items:
        if i.checklist and i.done:
            open_ = [k for k in i.cites if any(not t.done for t in trace.citing(k))]
            if open_:
                add(i.path, i.line, "info", f"{i.id} is ticked but tasks of {', '.join(open_)} are open")
    return out


def trace_json(trace: Trace) -> dict[str, object]:
    """A feature's trace in portfolio.json: coverage per kind, each ID with its citing tasks and items."""
    coverage = {}
    for kind in ("requirement", "criterion", "story"):
        defined, cited, done = trace.coverage(kind)
        coverage[kind] = {"defined": defined, "with_tasks": cited, "tasks_done": done}

    def refs(items: list[Item]) -> list[dict[str, object]]:
        return [{"id": i.id, "path": i.path, "line": i.line, "done": i.done} for i in items]

    return {
        "coverage": coverage,
        "ids": [
            {
                "id": d.id,
                "kind": d.kind,
                "text": d.text,
                "path": d.path,
                "line": d.line,
                "tasks": refs(trace.citing(d.key)),
                "checklist_items": refs(trace.citing(d.key, True)),
            }
            for d in trace.definitions.values()
        ],
    }
