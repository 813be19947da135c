"""Error and warning findings on real, filled documents are right (labels read by hand, see
tests/labelled/corpus/README.md); skipped when the shared corpus or the labels are absent."""

from __future__ import annotations

import pytest
from score_real import CORPUS, LABELS, score

PRECISION, RECALL = 0.95, 0.95

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir() or not any(LABELS.glob("*.tsv")), reason="the shared corpus or its labels are absent"
)


def test_real_documents_precision_and_recall() -> None:
    repos, overall = score()
    report = "\n".join(
        [f"{t.name}: precision {t.precision:.3f} recall {t.recall:.3f}" for t in [*repos, overall]]
        + [f"missed {m}" for m in overall.missed]
        + [f"wrong {w}" for w in overall.wrong]
    )
    assert overall.labelled and overall.precision >= PRECISION, report
    assert overall.recall >= RECALL, report
