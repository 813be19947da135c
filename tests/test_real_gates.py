"""Gate states on real plans labelled by hand (tests/labelled/corpus/gates, see score_gates.py), and on
the untouched plan templates of ../shared/templates, which must still read as not yet evaluated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from score_gates import CORPUS, LABELS, agreement, judge, read_state
from spec_portfolio.parse import parse

TEMPLATES = CORPUS.parent / "templates"
_GATE_HEADING = re.compile(r"constitution\s+check", re.I)


@pytest.mark.skipif(not CORPUS.is_dir() or not any(LABELS.glob("*.tsv")), reason="corpus or labels absent")
def test_gate_states_agree_with_the_labels_on_real_plans():
    judged = judge()
    wrong = [f"{j.path}: labelled {j.labelled}, read {j.read}" for j in judged if not j.agrees]
    assert len(judged) >= 100
    assert agreement(judged) >= 0.95, "\n".join(wrong)


def _plan_templates() -> list[Path]:
    return sorted((TEMPLATES / "plan-variants").glob("*.md")) + sorted(
        TEMPLATES.glob("spec-kit/plan-template.md")
    )


@pytest.mark.skipif(not _plan_templates(), reason="../shared/templates absent")
@pytest.mark.parametrize("path", _plan_templates(), ids=lambda p: p.name)
def test_an_untouched_template_is_not_evaluated(path):
    report = read_state(path)
    assert report.state in ("pending", "none")
    text = path.read_text(encoding="utf-8")
    if any(_GATE_HEADING.search(h.text) for h in parse(text, path.name, []).headings):
        assert report.state == "pending"  # a gate section that is not commented out is still to fill
