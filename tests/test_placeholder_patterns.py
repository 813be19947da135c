"""Patterns of real, filled documents (self-written in their syntaxes): what is content and not a gap,
and the left-over template text that is one."""

from __future__ import annotations

import pytest
from spec_portfolio.findings.hidden import find_hidden
from spec_portfolio.findings.placeholders import find_placeholders
from spec_portfolio.model import Finding
from spec_portfolio.parse import parse


def run(text: str) -> list[Finding]:
    parsed = parse(text, "doc.md", [])
    return find_placeholders(text, parsed, "doc.md") + find_hidden(text, parsed, "doc.md")


def counted(text: str) -> list[tuple[int, str, str]]:
    """(line, kind, text) of each error or warning."""
    return [(f.line, f.kind, f.text) for f in run(text) if f.severity in ("error", "warning")]


# -- brackets that are content -------------------------------------------------------------------------

CONTENT = {
    "index in prose": "The mixer reads state[i] and gain[ch] on each tick.\n",
    "range with units": "Gain stays within [-12dB, +12dB] at all times.\n",
    "range of times": "Retries wait [0.5 s; 2 s] between attempts.\n",
    "list of modes": "The dial offers modes [Off, Slow, Fast].\n",
    "list of steps": "A pipeline with steps [fetch, build, publish] runs in order.\n",
    "diagram chain": "Input -> [Limiter] -> [Output]\n",
    "diagram with unicode arrows": "Reader → [Parser] → [Index]\n",
    "tree in prose": "- Pool\n  └── [Worker Pool]\n",
    "citation": "The filter follows the design in [Smith 2009].\n",
    "traceability in a heading": "### Harbour fees [Scenario 1, FR-001/002]\n",
    "test tag": "- [unit] parses an empty ledger\n- [e2e] books a mooring\n",
    "task tags after the id": "- [X] T014 [P1] [Setup] Create the ledger module\n- [ ] T3.0.1 [Polish] Tidy logs\n",
    "checklist tags closing an item": (
        "- [ ] CHK012 - Are refund limits stated? [Completeness, Gap]\n"
        "- [x] Is the retry bound measurable? [Ambiguity Resolution]\n"
    ),
    "parallel note": "## Phase 3: Fees [P with Phase 4]\n",
    "status in place of the box": "- [SKIP] Task 4.3: keep the exported name\n",
    "status tag": "Exports marked [DEFERRED] ship next quarter.\n",
    "legend-defined tag": "- **[C]**: critical path\n\n- Book a berth [C]\n- Pay a fee [Q]\n\n- [Q] = quick win\n",
    "one-letter tag": "Items tagged [M] are required.\n",
    "story tag with a hash": "- **[US#]** marks the story a task serves\n",
    "dotted name": "Settings live in `pyproject.toml` [tool.ledger.options].\n",
    "mention of the syntax": "The roadmap keeps placeholders like [PROJECT_NAME] for each new project.\n",
    "a format named": "Branch names follow the [###-short-name] format.\n",
    "clarification mention with": "- **FR-002**: The linter flags items marked with [NEEDS CLARIFICATION]\n",
    "clarification count": "- [x] Count of [NEEDS CLARIFICATION]: 0\n",
}


@pytest.mark.parametrize("source", CONTENT.values(), ids=CONTENT.keys())
def test_brackets_that_are_content_are_not_flagged(source: str) -> None:
    assert counted(source) == []


# -- tokens and placeholders in code -------------------------------------------------------------------

IN_CODE = {
    "arguments in inline code": "The command template keeps `$ARGUMENTS` for the user's input.\n",
    "arguments in a code block": "```text\n$ARGUMENTS\n```\n",
    "curly variable in inline code": "Steps read `{{ input }}` from the run.\n",
    "placeholder in inline code": "- The generated roadmap holds `[PROJECT_NAME]` and `[P1_ITEM_1]`.\n",
    "template sample in a markdown fence": "```markdown\n# [PROJECT_NAME]\n\n**Owner**: [OWNER]\n```\n",
    "placeholder in a bash example": "```bash\nledger init [PROJECT_NAME]\n```\n",
    "sample id named as a convention": "- **FR-004**: Every requirement follows the FR-XXX naming convention\n",
}


@pytest.mark.parametrize("source", IN_CODE.values(), ids=IN_CODE.keys())
def test_tokens_in_code_of_a_filled_document_are_not_flagged(source: str) -> None:
    assert counted("# Ledger\n\n**Date**: 2026-01-02\n\n## Notes\n\n" + source) == []


def test_a_field_value_in_inline_code_still_counts() -> None:
    assert counted("**Branch**: `[###-feature-name]` | **Date**: 2026-01-02\n") == [
        (1, "placeholder", "[###-feature-name]")
    ]


def test_a_sample_id_where_an_id_stands_still_counts() -> None:
    assert counted("## Polish\n\n- [ ] TXXX Tidy the logs\n") == [(3, "token", "TXXX")]


def test_the_documentation_tree_of_the_template_still_counts() -> None:
    source = "# Plan: Ledger\n\n## Structure\n\n```text\nspecs/[###-feature]/\n├── plan.md\n```\n"
    assert counted(source) == [(6, "placeholder", "[###-feature]")]


# -- the old Execution Flow -----------------------------------------------------------------------------

FLOW = (
    "# Spec: Ledger\n\n"
    "## Execution Flow (main)\n"
    "```\n"
    "1. Parse the description from Input\n"
    '   → If empty: ERROR "No description given"\n'
    "2. For each unclear aspect:\n"
    "   → Mark with [NEEDS CLARIFICATION: specific question]\n"
    "3. Return: SUCCESS (spec ready)\n"
    "```\n\n"
    "## Scenarios\n\nOwners book berths.\n"
)


def test_execution_flow_is_one_residue_and_no_clarification() -> None:
    found = [f for f in run(FLOW) if f.severity in ("error", "warning")]
    assert [(f.line, f.end_line, f.kind) for f in found] == [(3, 10, "residue")]


def test_execution_flow_fence_without_its_heading() -> None:
    source = FLOW.replace("## Execution Flow (main)\n", "")
    found = [f for f in run(source) if f.severity in ("error", "warning")]
    assert [(f.line, f.end_line, f.kind) for f in found] == [(3, 9, "residue")]


def test_a_flow_of_the_features_own_is_not_the_template_procedure() -> None:
    source = (
        "## Login flow\n\n```\nUser opens the app\n  → If signed in → show the board\n  → If not → ask\n```\n"
    )
    assert counted(source) == []


# -- misses now caught ---------------------------------------------------------------------------------


def test_template_notes_left_in_a_filled_plan() -> None:
    source = (
        "# Plan: Ledger\n\n"
        "**Note**: This template is filled in by the `/speckit.plan` command.\n\n"
        "## Complexity Tracking\n\n> **Fill ONLY if Constitution Check has violations that must be justified**\n\n"
        "None.\n"
    )
    assert [(n, k) for n, k, _ in counted(source)] == [(3, "residue"), (7, "residue")]


def test_an_authors_own_sentence_with_the_words_is_not_a_note() -> None:
    assert counted("- [ ] CHK041 - Is a gap-fill only if coverage drops defined? [Clarity]\n") == []


def test_quick_guidelines_block() -> None:
    source = (
        "# Spec: Ledger\n\n## ⚡ Quick Guidelines\n- ✅ Focus on WHAT users need\n\n"
        "### Section Requirements\n- Mandatory sections: complete them\n\n## Scenarios\n\nOwners book.\n"
    )
    found = [f for f in run(source) if f.severity in ("error", "warning")]
    assert [(f.line, f.end_line, f.kind) for f in found] == [(3, 7, "residue")]


def test_empty_cells_of_a_compliance_table() -> None:
    source = (
        "| Requirement | Status | Evidence |\n|---|---|---|\n"
        "| FR-010 | Done | ledger_test |\n| FR-011 |  |  |\n| Layout | |  |\n"
    )
    assert [(n, k) for n, k, _ in counted(source)] == [(4, "residue")]


def test_blank_sign_off_row() -> None:
    source = "| Validator | Date | Check |\n|---|---|---|\n|  |  | [ ] Pass |\n"
    assert [(n, k) for n, k, _ in counted(source)] == [(3, "residue")]


def test_unchosen_choices() -> None:
    source = (
        "**Breaking change**: Yes / No\n"
        "- **Risk level**: High / Medium / Low\n\n"
        "| Question | Answer |\n|---|---|\n| Needs migration | Yes / No |\n\n"
        "Reports show pass/fail for each run.\n"
    )
    assert [(n, k, t) for n, k, t in counted(source)] == [
        (1, "placeholder", "Yes / No"),
        (2, "placeholder", "High / Medium / Low"),
        (6, "placeholder", "Yes / No"),
    ]


def test_blanks_to_fill() -> None:
    source = "**Approved by**: ___\n\nSigned: ______ on ______\n\n___\n\nThe `__init__` module and snake_case stay.\n"
    assert [(n, t) for n, _, t in counted(source)] == [(1, "___"), (3, "______"), (3, "______")]


def test_instruction_comment_is_a_warning_and_generated_markers_are_not_instructions() -> None:
    source = (
        "## Context\n\n<!--\n  ACTION REQUIRED: put the real stack here.\n-->\n\n"
        '<!-- BEGIN:AUTO-GENERATED section="architecture" -->\nGo.\n<!-- END:AUTO-GENERATED -->\n'
    )
    assert [(f.line, f.kind, f.severity) for f in run(source)] == [(3, "instruction", "warning")]
