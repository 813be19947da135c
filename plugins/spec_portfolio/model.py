"""The portfolio's data: documents, features, epics and the problems met while reading them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from .words import count


class DocKind(StrEnum):
    """What a document is to its feature or epic; the value is also its label in page bars."""

    SUMMARY = "summary"
    SPEC = "spec"
    PLAN = "plan"
    RESEARCH = "research"
    DATA_MODEL = "data-model"
    QUICKSTART = "quickstart"
    CONTRACT = "contract"
    TASKS = "tasks"
    CHECKLIST = "checklist"
    EXEC_PLAN = "exec-plan"
    DESIGN = "design"
    CONSTITUTION = "constitution"
    OTHER = "other"


KIND_LABELS: dict[DocKind, str] = {
    DocKind.SUMMARY: "Summary",
    DocKind.SPEC: "Spec",
    DocKind.PLAN: "Plan",
    DocKind.RESEARCH: "Research",
    DocKind.DATA_MODEL: "Data model",
    DocKind.QUICKSTART: "Quickstart",
    DocKind.CONTRACT: "Contracts",
    DocKind.TASKS: "Tasks",
    DocKind.CHECKLIST: "Checklists",
    DocKind.EXEC_PLAN: "Exec plan",
    DocKind.DESIGN: "Design",
    DocKind.CONSTITUTION: "Constitution",
    DocKind.OTHER: "Other",
}


SEVERITIES = ("error", "warning", "info")


def at_or_above(severity: str, threshold: str) -> bool:
    """Whether a finding of `severity` counts under a `--fail-on`/`fail_on` threshold ("never" too)."""
    return threshold in SEVERITIES and SEVERITIES.index(severity) <= SEVERITIES.index(threshold)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the input, named by file and (where known) 1-based line."""

    path: str
    message: str
    line: int | None = None
    severity: str = "warning"  # "warning" fails `mkdocs build --strict`; "info" does not

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Block:
    """A block of the source as markdown-it-py sees it; lines are 0-based, `end` exclusive."""

    kind: str  # "fence", "code", "html", "table", "heading", "front"
    start: int
    end: int
    info: str = ""  # a fence's info string (language), a heading's level as text


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a reviewer should see: unfilled template text, a failing gate, hidden content."""

    path: str
    line: int  # 1-based, in the source file
    kind: str
    severity: str  # "error" | "warning" | "info"
    message: str
    column: int = 1  # 1-based
    end_line: int | None = None  # where it spans lines
    text: str = ""  # the source text it is about, as written (for highlighting)


@dataclass(frozen=True, slots=True)
class Gate:
    name: str
    state: str  # "passed" | "failed" | "pending" | "n/a"
    line: int  # 1-based
    group: str  # "constitution", "ready", "done", "ci", "checklist"


@dataclass(slots=True)
class GateReport:
    gates: list[Gate] = field(default_factory=list)
    justified: bool = False  # a Complexity Tracking row, a justification or an accepting verdict
    # The plan's own verdict passes the gate and its only pending gates are items it calls open
    # (`Quality Standards | PENDING | tests come with the implementation`): it has passed.
    accepted: bool = False

    def count(self, state: str) -> int:
        return sum(g.state == state for g in self.gates)

    @property
    def state(self) -> str:
        """passed, pending, justified, blocked (a gate fails and nothing justifies it), or none."""
        if not self.gates:
            return "none"
        if self.count("failed"):
            return "justified" if self.justified else "blocked"
        return "pending" if self.count("pending") and not self.accepted else "passed"


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Link:
    """A link or image target as written in the source, and the source line it stands on."""

    target: str
    line: int
    image: bool = False


@dataclass(slots=True)
class Parsed:
    """What one markdown-it-py pass over a document yields."""

    title: str | None = None
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # lower-case keys; front matter wins
    meta_lines: dict[str, int] = field(default_factory=dict)
    refs: set[str] = field(default_factory=set)  # labels of link reference definitions, casefolded


@dataclass(slots=True)
class Document:
    path: str  # POSIX path relative to the project directory, e.g. "specs/001-albums/plan.md"
    kind: DocKind
    text: str
    markdown: bool = True
    rendered: bool = True  # False: a Markdown document shown as its source (it would take too long to render)
    site: str = ""  # its source path in the site: `path`, or `path + ".md"` for a source page
    feature: str | None = None  # Feature.key
    epic: str | None = None  # Epic.key
    parsed: Parsed = field(default_factory=Parsed)
    findings: list[Finding] = field(default_factory=list)
    gates: GateReport = field(default_factory=GateReport)
    tasks: Progress | None = None  # for tasks.md
    rewrites: dict[str, str] = field(default_factory=dict)  # link target as written -> target on the site
    links_to: list[str] = field(default_factory=list)  # paths of the documents it links to

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def title(self) -> str:
        return self.parsed.title or self.name


@dataclass(slots=True)
class Feature:
    key: str  # its folder (or flat file without the suffix), relative to the project: unique
    id: str  # the folder name, e.g. "001-photo-albums" or "PAY-12-F1"
    root: str
    documents: list[str] = field(default_factory=list)
    epic: str | None = None  # Epic.key, by place or by reference
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def number(self) -> str | None:
        head = self.id.split("-", 1)[0]
        return head if head.isdigit() else None


@dataclass(slots=True)
class Epic:
    key: str  # its folder relative to the project
    id: str
    root: str
    groups: tuple[str, ...] = ()  # the folders between root and epic: (scope, service) in the common layout
    documents: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    title: str = ""


@dataclass(slots=True)
class Portfolio:
    project: Path
    roots: list[str]
    read_roots: list[str] = field(default_factory=list)  # the roots that were folders and were walked
    configured: bool = True  # False: no roots were configured, these were found (roots.find_roots)
    documents: dict[str, Document] = field(default_factory=dict)
    features: dict[str, Feature] = field(default_factory=dict)
    epics: dict[str, Epic] = field(default_factory=dict)
    loose: list[str] = field(default_factory=list)  # documents in a root that belong to no feature or epic
    constitution: str | None = None
    assets: list[str] = field(default_factory=list)  # files published as files (images, binaries)
    sanitised: dict[str, bytes] = field(default_factory=dict)  # assets published as these bytes instead
    problems: list[Problem] = field(default_factory=list)
    backlinks: dict[str, list[str]] = field(default_factory=dict)  # path -> paths linking to it
    broken_links: set[tuple[str, str]] = field(default_factory=set)  # (path, target as written) reported
    source_url: str | None = None  # where files of the repository can be viewed, ending in "/"
    max_bytes: int = 5_000_000  # documents over this size are copied, not rendered
    trust_assets: bool = False  # publish HTML, SVG and other active files as they are
    traces: dict[str, Any] = field(default_factory=dict)  # Feature.key -> findings.trace.Trace
    cache: Any = None  # a cache.Cache kept between builds by `mkdocs serve`, or None

    def epic_of(self, doc: Document) -> Epic | None:
        key = doc.epic or (self.features[doc.feature].epic if doc.feature else None)
        return self.epics.get(key) if key else None

    def summary(self) -> str:
        epics, features = count(len(self.epics), "epic"), count(len(self.features), "feature")
        return f"{epics}, {features}, {count(len(self.documents), 'document')}"
