"""Score the gate reader on real plans labelled by hand: tests/labelled/corpus/gates/<repo>.tsv.

Each label file has the columns `path  state  heading_line  deciding_lines  note`, path relative to
../shared/corpus; the labels were written by reading each plan's gate section and its Complexity
Tracking, not by running the analyzer (see tests/labelled/corpus/README.md). A plan agrees when the
document state the analyzer gives is the labelled one: passed, failed (the analyzer's BLOCKED),
justified, pending or none. Run from the repository root:

    PYTHONPATH=plugins python tests/score_gates.py [LABEL_DIR] [CORPUS_DIR]
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from spec_portfolio.findings.gates import find_gates
from spec_portfolio.model import DocKind, GateReport
from spec_portfolio.parse import parse

REPO = Path(__file__).resolve().parent.parent
LABELS = REPO / "tests" / "labelled" / "corpus" / "gates"
CORPUS = REPO.parent / "shared" / "corpus"
_LABEL_STATE = {"blocked": "failed"}  # the analyzer's name for a failed gate that nothing justifies


@dataclass(frozen=True)
class Judged:
    repo: str
    path: str
    labelled: str
    read: str
    report: GateReport

    @property
    def agrees(self) -> bool:
        return self.labelled == self.read


def read_state(path: Path) -> GateReport:
    text = path.read_text(encoding="utf-8", errors="replace")
    return find_gates(text, parse(text, path.as_posix(), []), DocKind.PLAN)


def judge(labels: Path = LABELS, corpus: Path = CORPUS) -> list[Judged]:
    judged = []
    for tsv in sorted(labels.glob("*.tsv")):
        with tsv.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                report = read_state(corpus / row["path"])
                state = _LABEL_STATE.get(report.state, report.state)
                judged.append(Judged(tsv.stem, row["path"], row["state"].strip(), state, report))
    return judged


def agreement(judged: list[Judged]) -> float:
    return sum(j.agrees for j in judged) / len(judged) if judged else 1.0


def main(argv: list[str]) -> int:
    labels = Path(argv[1]) if len(argv) > 1 else LABELS
    corpus = Path(argv[2]) if len(argv) > 2 else CORPUS
    judged = judge(labels, corpus)
    if not judged:
        print(f"no labels in {labels}")
        return 1
    for repo in sorted({j.repo for j in judged}):
        mine = [j for j in judged if j.repo == repo]
        print(f"{repo:24} {sum(j.agrees for j in mine):4}/{len(mine):<4} {agreement(mine):.3f}")
    print(f"{'overall':24} {sum(j.agrees for j in judged):4}/{len(judged):<4} {agreement(judged):.3f}")
    for j in judged:
        if not j.agrees:
            gates = ", ".join(f"{g.line}:{g.state}" for g in j.report.gates if g.state != "passed")
            print(f"  {j.path}: labelled {j.labelled}, read {j.read} ({gates or 'all passed'})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
