"""Traceability on fixtures of our own: each ID form, each citation form, each finding."""

from __future__ import annotations

import json
import re
from pathlib import Path

from spec_portfolio.findings.trace import ids_in
from spec_portfolio.load import load_portfolio

SPEC = """# Feature Specification: Kites

## User Scenarios & Testing

### User Story 1 - Fly a kite (Priority: P1)

1. **Given** wind, **When** I launch, **Then** it flies.
2. **Given** no wind, **When** I launch, **Then** it falls.

### User Story 2 - Land a kite (Priority: P2)

### User Story 3 - Repair a kite (Priority: P3)

## Requirements

- **FR-001**: System MUST launch kites.
- **FR-002**: System MUST land kites.
- **FR-003**: System MUST log flights.
- **FR-017b**: System MUST repair tails.
- **NFR-001**: Launch MUST take under a second.
- **FR-002**: System MUST land kites twice.

| ID | Requirement |
|----|-------------|
| C-001 | Runs offline |

## Success Criteria

- **SC-001**: 90% of launches succeed.

## Clarifications

### Session 2026-01-01

- Q: Which wind? → A: any. See FR-001.
"""

TASKS = """---
requirement_refs: [NFR-001]
---
# Tasks: Kites

## Phase 1: Setup

- [x] T001 Scaffold the project per FR-003

## Phase 3: User Story 1 - Fly a kite (Priority: P1)

- [x] T002 [US1] Launch endpoint (FR-001, FR-017b) covers US1/AC2
- [ ] T003 Launch button
  - covers FR-015a/b/c

## Phase 4: User Story 2 - Land a kite

- [ ] T004 [US2] Landing endpoint
- [ ] T005 [US2] Landing screen

| Requirement | Tasks |
|---|---|
| FR-002 | T004–T005 |
"""

CHECKLIST = """# Requirements checklist

- [x] CHK001 Is launching specified? [Spec §FR-001]
- [x] CHK002 Is landing specified? [Spec §FR-002]
- [ ] CHK003 Is repair measurable? [Gap]
- [ ] CHK004 Does it cite an unknown? [Ambiguity, Spec §SC-009]
"""


def _portfolio(tmp_path: Path):
    feature = tmp_path / "specs" / "001-kites"
    (feature / "checklists").mkdir(parents=True)
    (feature / "spec.md").write_text(SPEC)
    (feature / "tasks.md").write_text(TASKS)
    (feature / "checklists" / "requirements.md").write_text(CHECKLIST)
    return load_portfolio(tmp_path)


def _messages(portfolio, name: str) -> list[str]:
    return [f.message for f in portfolio.documents[f"specs/001-kites/{name}"].findings if f.kind == "trace"]


def test_every_citation_form_is_read():
    assert ids_in("per FR-003") == ["FR-3"]
    assert ids_in("(FR-005, FR-007)") == ["FR-5", "FR-7"]
    assert ids_in("covers FR-015a/b/c") == ["FR-15a", "FR-15b", "FR-15c"]
    assert ids_in("FR-007..009") == ["FR-7", "FR-8", "FR-9"]
    assert ids_in("FR-001–FR-003") == ["FR-1", "FR-2", "FR-3"]
    assert ids_in("[US1] and US2/AC2, SC-001") == ["SC-1", "US1", "US2"]
    assert ids_in("_Requirements: 1.2, 3.1_") == ["K-1.2", "K-3.1"]
    assert ids_in("a fresh requirement, no IDs") == []


def test_definitions_and_citations(tmp_path):
    trace = _portfolio(tmp_path).traces["specs/001-kites"]
    kinds = {k: d.kind for k, d in trace.definitions.items()}
    assert kinds == {"US1": "story", "US2": "story", "US3": "story", "FR-1": "requirement",
                     "FR-2": "requirement", "FR-3": "requirement", "FR-17b": "requirement",
                     "NFR-1": "requirement", "C-1": "requirement", "SC-1": "criterion"}  # fmt: skip
    assert trace.definitions["US1"].priority == "P1"
    assert [d.line for d in trace.duplicates] == [21]
    items = {i.id: i for i in trace.items}
    assert items["T001"].cites == ("FR-3", "NFR-1")  # its line, then the file's front matter
    assert set(items["T002"].cites) == {"FR-1", "FR-17b", "US1", "NFR-1"}
    assert {"FR-15a", "FR-15b", "FR-15c", "US1"} <= set(items["T003"].cites)  # indented line, phase
    assert "FR-2" in items["T004"].cites and "FR-2" in items["T005"].cites  # the table's range
    assert items["CHK003"].marks == ("Gap",) and items["CHK001"].checklist and items["CHK001"].done
    assert [i.id for i in trace.citing("FR-1")] == ["T002"]
    assert trace.coverage("requirement") == (
        6,
        5,
        3,
    )  # FR-001/003/017b done; FR-002, NFR-001 open; C-001 uncited
    assert trace.coverage("story") == (3, 2, 0)  # US1 has T003 open (its phase), US2 two open


def test_each_finding(tmp_path):
    portfolio = _portfolio(tmp_path)
    spec = _messages(portfolio, "spec.md")
    assert "requirement C-001 is cited by no task" in spec
    assert "story US3 is cited by no task" in spec
    assert "FR-002 is defined twice (first at line 17)" in spec
    assert not any("FR-001" in m for m in spec)  # the clarification's mention is no definition
    tasks = _messages(portfolio, "tasks.md")
    assert "T003 cites FR-15a, FR-15b, FR-15c, which the spec does not define" in tasks
    assert "T003 stands in the phase of US1 without its [US1] label" in tasks
    checklist = _messages(portfolio, "checklists/requirements.md")
    assert "CHK002 is ticked but tasks of FR-2 are open" in checklist
    assert "CHK004 cites SC-9, which the spec does not define" in checklist
    assert not any(m.startswith("CHK001") for m in checklist)
    severities = {f.severity for d in portfolio.documents.values() for f in d.findings if f.kind == "trace"}
    assert "error" not in severities


def test_a_task_list_citing_nothing_gets_one_note(tmp_path):
    feature = tmp_path / "specs" / "001-kites"
    feature.mkdir(parents=True)
    (feature / "spec.md").write_text(SPEC)
    (feature / "tasks.md").write_text("# Tasks\n\n- [ ] T001 Build it\n")
    portfolio = load_portfolio(tmp_path)
    assert _messages(portfolio, "tasks.md") == [
        "no task cites any of the 10 IDs the spec defines; coverage is unknown"
    ]
    assert not any("cited by no task" in m for m in _messages(portfolio, "spec.md"))


def test_the_site_shows_coverage_escaped(make_site):
    title = "Kites <img src=x onerror=alert(1)>"
    site = make_site(
        {
            "specs/001-kites/spec.md": SPEC.replace("Kites", title),
            "specs/001-kites/tasks.md": TASKS,
            "specs/001-kites/checklists/requirements.md": CHECKLIST,
        },
        strict=True,
    )
    assert not site.aborted and not site.warnings
    page = site.html("portfolio/traceability/")
    assert "<strong>5</strong> of <strong>6</strong> requirements cited by a task" in page
    assert "<img src=x" not in page and "001-kites" in page
    dashboard = site.html("portfolio/")
    assert "Coverage</th>" in dashboard and re.search(r"<td[^>]*>5/6</td>", dashboard)
    exported = json.loads((site.dir / "portfolio.json").read_text())
    trace = exported["features"][0]["trace"]
    assert trace["coverage"]["requirement"] == {"defined": 6, "with_tasks": 5, "tasks_done": 3}
    cited = next(i["tasks"] for i in trace["ids"] if i["id"] == "FR-001")
    line = next(n for n, text in enumerate(TASKS.split("\n"), 1) if "T002" in text)
    assert cited == [{"id": "T002", "path": "specs/001-kites/tasks.md", "line": line, "done": True}]
