"""Long runs of each analyzer's trigger characters cost time in proportion to their length.

Each case is timed on inputs of n and 8n characters, and the ratio of the two CPU times is checked:
linear work gives about 8, the quadratic patterns this replaced gave 40 to 64. The test compares two
measurements of one run, never a time against a fixed bound.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from spec_portfolio.findings.gates import find_gates
from spec_portfolio.findings.placeholders import find_placeholders
from spec_portfolio.mkdocs.autolink import autolinks
from spec_portfolio.model import DocKind, Problem
from spec_portfolio.parse import MAX_NODES, parse

N = 12_000


def _plan(run: str) -> str:
    return f"# Implementation Plan: X\n\n## Constitution Check\n\n{run}\n"


CASES: dict[str, tuple[Callable[[str], object], Callable[[int], str]]] = {
    "gate verdict on one long line": (
        lambda t: find_gates(t, parse(t, "plan.md", []), DocKind.PLAN),
        lambda n: _plan("x" * n),
    ),
    "e-mail autolink after a run of _a": (autolinks, lambda n: "x" + "_a" * (n // 2) + " @"),
    "bare clarifications with open brackets": (
        lambda t: find_placeholders(t, parse(t, "spec.md", []), "spec.md"),
        lambda n: "NEEDS CLARIFICATION (" * (n // 21),
    ),
    "CI gate heading of repeated CI": (
        lambda t: find_gates(t, parse(t, "plan.md", []), DocKind.PLAN),
        lambda n: "# P\n\n## " + "CI " * (n // 3) + "\n\n- [x] ok\n",
    ),
}


def _cpu(function: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(3):  # the fastest of three: a busy machine only ever adds time
        start = time.process_time()
        function(text)
        best = min(best, time.process_time() - start)
    return max(best, 1e-4)


@pytest.mark.parametrize("case", sorted(CASES))
def test_work_grows_linearly(case):
    function, make = CASES[case]
    small, large = _cpu(function, make(N)), _cpu(function, make(8 * N))
    assert large / small < 24, f"{case}: {small:.4f} s at {N}, {large:.4f} s at {8 * N}"


def test_an_alias_bomb_in_front_matter_is_refused():
    levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for parent, child in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{child}: &{child} [" + ", ".join([f"*{parent}"] * 9) + "]")
    problems: list[Problem] = []
    parsed = parse("---\n" + "\n".join(levels) + "\n---\n# Title\n", "specs/001-x/spec.md", problems)
    assert parsed.meta == {}
    assert parsed.title == "Title"
    [problem] = problems
    assert problem.path == "specs/001-x/spec.md"
    assert f"aliases expand it past {MAX_NODES} values" in problem.message


def test_a_few_aliases_still_load():
    problems: list[Problem] = []
    parsed = parse("---\nbase: &b {owner: ops}\nrisk: *b\n---\n# T\n", "spec.md", problems)
    assert "ops" in str(parsed.meta["risk"])
    assert problems == []
