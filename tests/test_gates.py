"""Gates in each form real plans use, task progress and status, on our own fixtures."""

import textwrap

import pytest
from spec_portfolio.findings.gates import find_gates, gate_findings
from spec_portfolio.findings.tasks import normal_status
from spec_portfolio.model import DocKind
from spec_portfolio.parse import parse


def gates(source: str, kind: DocKind = DocKind.PLAN):
    text = textwrap.dedent(source).lstrip("\n")
    return find_gates(text, parse(text, "plan.md", []), kind)


def states(report) -> list[tuple[str, str]]:
    return [(g.name, g.state) for g in report.gates]


def test_checkbox_items():
    report = gates("""
        # Plan
        ## Constitution Check
        - [x] **Privacy first**: uploads stay private by default
        - [ ] **Test first**: contract tests written before handlers
        - [ ] **Simplicity**: FAIL, a second queue is added
        """)
    assert states(report) == [
        ("Privacy first", "passed"),
        ("Test first", "pending"),
        ("Simplicity", "failed"),
    ]
    assert report.state == "blocked"
    assert [f.line for f in gate_findings(report, "plan.md")] == [5]


def test_links_do_not_make_a_verdict_pending_and_negations_fail():
    report = gates("""
        ## Constitution Check
        - **Tests**: FAIL, see [research](research.md)
        - **Budget**: not met
        - [x] **Docs**: FAIL, ticked by mistake
        - **Privacy**: OK, see [the policy](policy.md)
        """)
    assert states(report) == [
        ("Tests", "failed"),
        ("Budget", "failed"),
        ("Docs", "failed"),
        ("Privacy", "passed"),
    ]


def test_bare_bracket_lines():
    report = gates("""
        ## Constitution Check
        [x] Contracts are stored beside the feature.
        [ ] Audit logging covers every write.
        """)
    assert states(report) == [("Contracts are stored beside the feature.", "passed"),
                              ("Audit logging covers every write.", "pending")]  # fmt: skip


def test_bold_bullets_with_verdicts_and_unmade_choices():
    report = gates("""
        ## Constitution Check
        - **Safety / Security**: OK
        - **Maintainability**: NEEDS REVIEW – two owners
        - **Testing / Observability**: [OK / NEEDS REVIEW – reason]
        - **Cost**: N/A
        """)
    assert states(report) == [("Safety / Security", "passed"), ("Maintainability", "failed"),
                              ("Testing / Observability", "pending"), ("Cost", "n/a")]  # fmt: skip


def test_tables_with_pass_fail_marks():
    report = gates("""
        ## Constitution Check

        | Principle | Status | Notes |
        |-----------|--------|-------|
        | I. Privacy | ✅ PASS | fine |
        | II. Tests | ❌ FAIL | none yet |
        | III. Money | N/A | no payments |
        | IV. Speed | PASS | |
        """)
    assert states(report) == [("I. Privacy", "passed"), ("II. Tests", "failed"), ("III. Money", "n/a"),
                              ("IV. Speed", "passed")]  # fmt: skip


def test_gate_status_block_and_sentences():
    report = gates("""
        ## Constitution Check

        **Initial Constitution Check: PASS.**

        ## Progress

        **Gate Status**:
        - [x] Initial Constitution Check: PASS
        - [ ] Post-Design Constitution Check: PASS
        """)
    assert states(report) == [("Initial Constitution Check", "passed"), ("Initial Constitution Check", "passed"),
                              ("Post-Design Constitution Check", "pending")]  # fmt: skip


def test_template_text_is_pending():
    report = gates("""
        ## Constitution Check

        [Gates come from the constitution file]
        """)
    assert report.state == "pending"


def test_a_failure_justified_in_complexity_tracking():
    source = """
        ## Constitution Check
        - [ ] **Simplicity**: FAIL, we add a cache
        ## Complexity Tracking
        | Violation | Why Needed | Simpler Alternative Rejected Because |
        |-----------|------------|--------------------------------------|
        | {row} |
        """
    sample = gates(source.format(row="[e.g., a cache] | [current need] | [why not]"))
    assert sample.state == "blocked"  # the template's sample row justifies nothing
    real = gates(source.format(row="Redis cache | p95 of 80 ms | in-process cache is lost on deploy"))
    assert real.state == "justified"
    assert gate_findings(real, "plan.md") == []


def test_justification_table_under_the_check_is_not_a_gate():
    report = gates("""
        ## Constitution Check
        | Principle | Status |
        |---|---|
        | VIII. i18n | ⚠️ DEFERRED |

        **Violations requiring justification:**

        | Violation | Why Needed | Simpler Alternative Rejected Because |
        |---|---|---|
        | Hard-coded strings | demo first | extraction now costs a week |
        """)
    assert states(report) == [("VIII. i18n", "failed")]
    assert report.state == "justified"


def test_definition_of_ready_and_done_and_ci_gates():
    report = gates("""
        ## Quality
        ### Definition of Ready (DoR)
        - [x] Scope written down
        ### Definition of Done (DoD)
        - [ ] Docs updated
        ### CI Quality Gates
        - [x] Lint passes
        """)
    assert [(g.group, g.state) for g in report.gates] == [
        ("ready", "passed"),
        ("done", "pending"),
        ("ci", "passed"),
    ]


def test_checklist_passes_only_with_nothing_unchecked():
    done = gates("# Checklist\n- [x] CHK001 a\n- [X] CHK002 b\n", DocKind.CHECKLIST)
    open_ = gates("# Checklist\n- [x] CHK001 a\n- [ ] CHK002 b\n", DocKind.CHECKLIST)
    assert done.state == "passed" and open_.state == "pending"


def test_checklist_items_in_code_are_not_items():
    report = gates("# Checklist\n- [x] CHK001 a\n```text\n- [ ] CHK999 an example\n```\n", DocKind.CHECKLIST)
    assert report.state == "passed"


def test_gates_in_code_are_ignored():
    report = gates("""
        ## Constitution Check
        ```text
        - [ ] not a gate
        ```
        - [x] **Real**: yes
        """)
    assert states(report) == [("Real", "passed")]


@pytest.mark.parametrize(
    ("raw", "normal"),
    [("Draft", "draft"), ("✅ Complete", "done"), ("Implemented", "done"), ("In Progress", "in progress"),
     ("Approved", "approved"), ("In Review", "review"), ("Superseded by 009", "closed"), ("Blocked", "blocked"),
     ("whatever", None), (None, None), ("Draft, not done", "draft"), ("Ready for review", "review"),
     ("Ready", "approved")],
)  # fmt: skip
def test_status_is_normalised(raw, normal):
    assert normal_status(raw) == normal


def test_a_status_the_task_list_contradicts_is_a_finding(tmp_path):
    from conftest import write_tree
    from spec_portfolio.load import load_portfolio

    write_tree(
        tmp_path,
        {
            "specs/001-done/spec.md": "# Spec\n\n**Status**: Implemented\n",
            "specs/001-done/tasks.md": "- [x] T001 a\n- [ ] T002 b\n",
            "specs/002-draft/spec.md": "# Spec\n\n**Status**: Draft\n",
            "specs/002-draft/tasks.md": "- [x] T001 a\n- [x] T002 b\n",
            "specs/003-fine/spec.md": "# Spec\n\n**Status**: In Progress\n",
            "specs/003-fine/tasks.md": "- [x] T001 a\n- [ ] T002 b\n",
        },
    )
    portfolio = load_portfolio(tmp_path)
    found = {
        (f.path, f.line, f.message)
        for d in portfolio.documents.values()
        for f in d.findings
        if f.kind == "status"
    }
    assert found == {
        ("specs/001-done/spec.md", 3, "status says 'Implemented' but the task list has 1 of 2 tasks ticked"),
        ("specs/002-draft/spec.md", 3, "all 2 tasks are ticked but the status is still 'Draft'"),
    }
