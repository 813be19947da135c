"""Counts in the build log and the command's output read as English: `1 epic`, `2 epics`."""

from __future__ import annotations

import subprocess
import sys

from conftest import write_tree
from spec_portfolio.words import count, severities

ONE_OF_EACH = {
    "plans/s/v/EP-1/exec-plan.md": "# Execution Plan: One\n",
    "plans/s/v/EP-1/features/EP-1-F1/spec.md": "# Feature Specification: One\n\n[NEEDS CLARIFICATION: who?]\n",
}


def test_count_is_singular_for_one_only():
    assert [count(n, "epic") for n in (0, 1, 2)] == ["0 epics", "1 epic", "2 epics"]
    assert count(1, "process", "processes") == "1 process"
    assert count(3, "process", "processes") == "3 processes"
    assert severities({"error": 1, "warning": 2, "info": 1}) == "1 error, 2 warnings, 1 info"
    assert severities({"error": 0, "warning": 1, "info": 3}) == "0 errors, 1 warning, 3 info"


def test_the_build_log_counts_in_the_singular_and_the_plural(make_site):
    site = make_site(ONE_OF_EACH)
    ours = [m.removeprefix("spec_portfolio: ") for m in site.messages() if m.startswith("spec_portfolio: ")]
    assert "findings: 1 error, 0 warnings, 0 info" in ours
    assert "published 1 epic, 1 feature, 2 documents" in ours


def test_the_check_summary_counts_in_the_singular_and_the_plural(tmp_path):
    write_tree(tmp_path, ONE_OF_EACH)
    command = [sys.executable, "-m", "spec_portfolio", "check", "--fail-on", "never"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.stdout.splitlines()[-1] == "1 epic, 1 feature, 2 documents: 1 error, 0 warnings, 0 info"
