"""Property tests: any text into the parser and analyzers, no exception out, findings inside the file,
the same result twice."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spec_portfolio.findings.gates import find_gates
from spec_portfolio.findings.hidden import find_hidden
from spec_portfolio.findings.placeholders import find_placeholders
from spec_portfolio.findings.tasks import normal_status, task_progress
from spec_portfolio.model import DocKind
from spec_portfolio.parse import parse
from spec_portfolio.read import unix_lines

# Text made of the pieces our syntaxes are built from, so that the interesting paths are reached often.
PIECES = [
    "# ", "## ", "### Constitution Check\n", "## Complexity Tracking\n", "- [ ] ", "- [x] ", "[ ] ", "**Status**: ",
    "[FEATURE]", "[e.g., ", "]", "[", "NEEDS CLARIFICATION", "[NEEDS CLARIFICATION: why?]", "<<NAME>>", "$ARGUMENTS",
    "{{x}}", "__SPECKIT_COMMAND_PLAN__", "TXXX", "T001 ", "<!--", "-->", "```", "```mermaid\n", "~~~", "%% Example\n",
    "| a | b |\n", "|---|---|\n", "| [x] | PASS |\n", "❌", "✅", "---\n", "title: x\n", "> [!NOTE]\n", "*(mandatory)*",
    "[REMOVE IF UNUSED] Option 1", "`", "\\", "\n", "\n\n", "  ", "\t", "é", "\r\n", "\x00", "[^1]", "[a](b.md)",
]  # fmt: skip
# Line ends as the reader hands text to the core (`read.decode`): CR LF and lone CR become LF.
documents = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60).map(
    lambda pieces: unix_lines("".join(pieces))
)
relaxed = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def analyze(text: str):
    problems: list = []
    parsed = parse(text, "doc.md", problems)
    findings = find_placeholders(text, parsed, "doc.md") + find_hidden(text, parsed, "doc.md")
    gates = find_gates(text, parsed, DocKind.PLAN)
    checklist = find_gates(text, parsed, DocKind.CHECKLIST)
    return parsed, problems, findings, gates, checklist


@relaxed
@given(documents)
def test_any_text_analyzes_without_error_and_stays_inside_the_file(text):
    parsed, problems, findings, gates, checklist = analyze(text)
    lines = text.count("\n") + 1
    for finding in findings:
        assert 1 <= finding.line <= lines
        assert finding.end_line is None or finding.line <= finding.end_line <= lines
        assert finding.column >= 1
        assert finding.severity in ("error", "warning", "info")
    for problem in problems:
        assert problem.line is None or 1 <= problem.line <= lines
    for gate in gates.gates + checklist.gates:
        assert 1 <= gate.line <= lines
    assert gates.state in ("none", "passed", "pending", "justified", "blocked")
    for link in parsed.links:
        assert 1 <= link.line <= lines


@relaxed
@given(documents)
def test_the_same_text_gives_the_same_result(text):
    first, second = analyze(text), analyze(text)
    assert first[2] == second[2]
    assert first[3] == second[3]
    assert first[1] == second[1]


@relaxed
@given(st.text(max_size=200))
def test_tasks_and_status_never_fail(text):
    progress = task_progress(text, parse(text, "specs/001-a/tasks.md", []))
    assert 0 <= progress.done <= progress.total
    assert normal_status(text) in (
        None,
        "draft",
        "review",
        "approved",
        "in progress",
        "done",
        "blocked",
        "closed",
    )


@relaxed
@given(documents)
def test_any_text_builds_a_portfolio(tmp_path_factory, text):
    from spec_portfolio.load import load_portfolio
    from spec_portfolio.report import portfolio_json

    root = tmp_path_factory.mktemp("fuzz")
    (root / "specs/001-x").mkdir(parents=True)
    (root / "specs/001-x/plan.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    (root / "specs/001-x/spec.md").write_bytes(text.encode("utf-8", errors="replace")[:500] + b"\xff")
    report = portfolio_json(load_portfolio(root))
    assert all(re.match(r"specs/001-x", f["path"]) for f in report["findings"])
    # The feature is there, or (when no file of it could be read) the findings say why it is not.
    dropped = any("not listed as a feature" in f["message"] for f in report["findings"])
    assert [f["id"] for f in report["features"]] == ([] if dropped else ["001-x"])
