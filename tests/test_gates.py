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


# Verdicts read from words: each pattern of real plans, in their syntax (our own text).


def test_a_ticked_no_violations_item_passes():
    report = gates("""
        ## Constitution Check
        - [x] No constitution violations introduced
        - [x] Contract tests fail first, then the handler is written
        """)
    assert [g.state for g in report.gates] == ["passed", "passed"]
    assert report.state == "passed"


def test_a_pass_row_is_read_from_its_status_column_not_its_note():
    report = gates("""
        ## Constitution Check
        | # | Principle | Status | Notes |
        |---|-----------|--------|-------|
        | 1 | Test-First | ✅ PASS | tests fail first, then the code |
        | 2 | Bounded Work | PASS | a job has a hard fail at 5 minutes |
        | 3 | Small State Machine | ✅ Pass | states: Queued, Running, Failed |
        """)
    assert states(report) == [("Test-First", "passed"), ("Bounded Work", "passed"),
                              ("Small State Machine", "passed")]  # fmt: skip
    assert report.state == "passed"


def test_a_fail_word_inside_a_note_or_a_sentence_is_no_verdict():
    report = gates("""
        ## Constitution Check
        - **Timeouts**: ✅ enforced by the runner (hard fail at 5 minutes)
        - **Requirement**: every handler is covered, and tests fail first
        A gate that is not met and has no justification leaves the plan BLOCKED.
        """)
    assert states(report) == [("Timeouts", "passed")]


def test_description_lines_are_not_pending_gates():
    report = gates("""
        ## Compliance Check
        **Requirement**: uploads are encrypted at rest
        **Scope**: the upload service only
        - **Encryption**: ✅ PASS
        """)
    assert states(report) == [("Encryption", "passed")]
    assert report.state == "passed"


def test_unmarked_bullets_ending_no_violations_pass():
    report = gates("""
        ## Constitution Check
        - Privacy: uploads stay in the user's region. No constitution violations identified
        - **No Constitutional Violations**: the change reuses the existing queue
        """)
    assert [g.state for g in report.gates] == ["passed", "passed"]


def test_a_review_warning_with_its_justification_and_approval_is_justified():
    source = """
        ## Constitution Check
        | Principle | Status | Notes |
        |-----------|--------|-------|
        | I. Simplicity | ✅ PASS | one service |
        | II. Few Dependencies | ⚠️ REVIEW | adds a PDF library |

        {after}
        """
    source = textwrap.dedent(source)
    approved = gates(source.format(after="**Justification**: no library in the stack renders PDF\n"
                                         "**Verdict**: APPROVED"))  # fmt: skip
    assert approved.state == "justified"
    assert gate_findings(approved, "plan.md") == []
    unanswered = gates(source.format(after=""))
    assert unanswered.state == "blocked"


def test_verdicts_written_as_headings():
    report = gates("""
        ## Constitution Check
        ### Principle I: Single Binary ✅ PASS
        The tool still ships as one file.
        ### ✅ Principle II: Manifest First
        **Status**: COMPLIANT
        ### Principle III: Fresh Memory
        **Status**: ❌ FAIL
        """)
    assert states(report) == [("Principle I: Single Binary ✅ PASS", "passed"),
                              ("Principle II: Manifest First", "passed"),
                              ("Principle III: Fresh Memory", "failed")]  # fmt: skip
    assert [g.line for g in report.gates] == [2, 5, 7]  # a Status line replaces its heading


@pytest.mark.parametrize("title", ["Foundation Check", "Compliance Check", "Gates", "Phase -1: Pre-Implementation Gates",
                                   "Constitution Compliance", "Post-design constitution re-check"])  # fmt: skip
def test_gate_sections_titled_otherwise_are_found(title):
    report = gates(f"""
        # Plan
        ## {title}
        - ✅ **Simplicity**: one project
        """)
    assert states(report) == [("Simplicity", "passed")]


@pytest.mark.parametrize("title", ["Lint / style gates", "Phase 2: Foundation", "Human Approval Gates"])
def test_headings_that_only_hold_the_word_are_not_gate_sections(title):
    report = gates(f"""
        # Plan
        ## {title}
        - ✅ **Simplicity**: one project
        """)
    assert report.state == "none"


def test_items_said_open_under_the_plans_own_pass():
    source = """
        ## Constitution Check
        | Principle | Status | Notes |
        |-----------|--------|-------|
        | I. Spec First | PASS | spec written |
        | Quality | {quality} | tests come with the implementation |

        {verdict}
        """
    source = textwrap.dedent(source)
    assert gates(source.format(quality="PENDING", verdict="**Gate Result**: PASS")).state == "passed"
    assert gates(source.format(quality="PENDING", verdict="")).state == "pending"
    assert gates(source.format(quality="⚠️ PENDING", verdict="**Gate Result**: PASS")).state == "justified"
    assert gates(source.format(quality="⚠️ PENDING", verdict="")).state == "pending"
    # An unticked gate is not evaluated: the plan's pass does not settle it.
    unticked = gates(source.format(quality="PASS", verdict="- [ ] Post-Design Constitution Check: PASS\n"
                                                           "**Gate Result**: PASS"))  # fmt: skip
    assert unticked.state == "pending"


def test_no_violations_in_complexity_tracking_is_the_plans_verdict():
    report = gates("""
        ## Constitution Check
        | Principle | Status |
        |-----------|--------|
        | Tests | PENDING |
        ## Complexity Tracking
        No constitution violations.
        """)
    assert report.state == "passed"


def test_a_deviation_said_justified_is_justified():
    report = gates("""
        ## Constitution Check
        **Tech Stack Alignment**:
        - Python 3.12 - ALIGNED
        - TOML parser added - JUSTIFIED (the standard library reads no TOML on 3.10)
        """)
    assert [g.state for g in report.gates] == ["passed", "failed"]
    assert report.state == "justified"


def test_signs_and_words_at_a_lines_edges():
    report = gates("""
        ## Constitution Check
        **Principle I: Spec First** ✅
        1. ✅ **Opinionated Workflow**: follows the usual order
        - Storage: files in the repository - ALIGNED
        - Existing tests must pass
        - ✅ N/A: no pipeline in this feature
        """)
    assert states(report) == [("Principle I", "passed"), ("Opinionated Workflow", "passed"),
                              ("Storage", "passed"), ("N/A", "n/a")]  # fmt: skip


def test_a_verdict_on_the_section_heading_and_a_no_violations_field():
    report = gates("""
        ## Constitution Check ✅ PASSED
        **Violations**: none
        **Deviations**: None identified.
        ### Compliance Notes
        The queue is the one the platform runs.
        """)
    assert states(report) == [("Constitution Check ✅ PASSED", "passed"), ("Violations", "passed"),
                              ("Deviations", "passed")]  # fmt: skip


def test_questions_answered_in_the_old_template():
    report = gates("""
        ## Constitution Check
        **Simplicity**:
        - Projects: 2 (cli, tests)
        - Using framework directly? Yes
        - Avoiding patterns without proven need? Yes
        """)
    assert [g.state for g in report.gates] == ["passed", "passed"]


def test_an_answer_before_its_note_and_verdicts_in_chinese():
    report = gates("""
        ## Constitution Check
        - Using framework directly? Yes - extending the reporter interface
        - Library-first: artifacts are additive docs only → COMPLIANT.

        | 原则 | 评估 | 结论 |
        | --- | --- | --- |
        | I. 测试先行 | 每条行为变更都可单测 | **通过** |
        | II. 最小化 | 新增一个依赖 | **不通过** |
        """)
    assert [g.state for g in report.gates] == ["passed", "failed", "passed", "passed"]


def test_a_re_evaluation_that_says_all_principles_still_pass():
    report = gates("""
        ## Constitution Check
        | Principle | Status |
        |-----------|--------|
        | Tests | PENDING |

        ## Re-evaluated Constitution Check (post-design)

        All nine principles still pass after the design.
        """)
    assert [g.state for g in report.gates] == ["pending", "passed"]
    assert report.state == "passed"  # the plan's own verdict settles the open item


@pytest.mark.parametrize(
    ("item", "state"),
    [
        ("- PASS: Simplicity", "passed"),
        ("- FAIL: Simplicity", "failed"),
        ("- [ ] FAIL: Simplicity", "failed"),
        ("- **FAIL**: Simplicity", "failed"),
        ("- ✅ PASS: Simplicity", "passed"),
        ("- ❌ FAIL: Simplicity", "failed"),
    ],
)
def test_a_verdict_written_first_is_the_items_state_and_the_rest_its_name(item, state):
    from spec_portfolio.findings.gates import find_gates
    from spec_portfolio.model import DocKind
    from spec_portfolio.parse import parse

    text = f"# Plan\n\n## Constitution Check\n\n{item}\n"
    report = find_gates(text, parse(text, "plan.md", []), DocKind.PLAN)
    assert [(g.name, g.state) for g in report.gates] == [("Simplicity", state)]
