"""Score the analyzer on real, filled documents labelled by reading them.

Labels: `tests/labelled/corpus/placeholders/<repo>.tsv`, one document a row:
`path (relative to the corpus) <TAB> comma-separated 1-based lines <TAB> note`. The lines are those that
carry unfilled template text; a listed document with no lines has nothing unfilled. The labels were
written by reading each document whole (see tests/labelled/corpus/README.md), not from the analyzer.
The corpus is `../shared/corpus` beside the repository (real spec-kit repositories, MIT).

A line counts as flagged when an error- or warning-level finding of an unfilled kind (placeholder,
clarification, token, residue) or an instruction or hiding comment covers it ([line, end_line]).
Precision is over flagged lines of the listed documents, recall over labelled lines. Run:

    python tests/score_real.py [--labels DIR] [--corpus DIR] [-v]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from spec_portfolio.findings.hidden import find_hidden
from spec_portfolio.findings.placeholders import find_placeholders
from spec_portfolio.parse import parse

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labelled" / "corpus" / "placeholders"
CORPUS = HERE.parent.parent / "shared" / "corpus"
COUNTED = frozenset({"placeholder", "clarification", "token", "residue", "instruction", "hidden"})


@dataclass
class Tally:
    name: str
    labelled: int = 0
    flagged: int = 0
    hits: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.hits / self.flagged if self.flagged else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.labelled if self.labelled else 1.0

    def add(self, other: Tally) -> None:
        self.labelled += other.labelled
        self.flagged += other.flagged
        self.hits += other.hits
        self.missed += other.missed
        self.wrong += other.wrong


def flagged_lines(text: str, path: str) -> dict[int, str]:
    """Each line an error or warning finding of a counted kind covers -> that finding's message."""
    parsed = parse(text, path, [])
    lines: dict[int, str] = {}
    for f in find_placeholders(text, parsed, path) + find_hidden(text, parsed, path):
        if f.kind in COUNTED and f.severity in ("error", "warning"):
            for n in range(f.line, (f.end_line or f.line) + 1):
                lines.setdefault(n, f"{f.kind}: {f.message}")
    return lines


def read_labels(tsv: Path) -> list[tuple[str, set[int]]]:
    rows = []
    for raw in tsv.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        path, _, rest = raw.partition("\t")
        numbers = rest.partition("\t")[0]
        rows.append((path.strip(), {int(n) for n in numbers.replace(" ", "").split(",") if n}))
    return rows


def score_repo(tsv: Path, corpus: Path) -> Tally:
    tally = Tally(tsv.stem)
    for path, labelled in read_labels(tsv):
        text = (corpus / path).read_text(encoding="utf-8", errors="replace")
        flagged = flagged_lines(text, path)
        source = text.split("\n")
        tally.labelled += len(labelled)
        tally.flagged += len(flagged)
        tally.hits += len(labelled & flagged.keys())
        tally.missed += [
            f"{path}:{n}: {source[n - 1].strip()[:100]}" for n in sorted(labelled - flagged.keys())
        ]
        tally.wrong += [f"{path}:{n}: {flagged[n][:100]}" for n in sorted(flagged.keys() - labelled)]
    return tally


def score(labels: Path = LABELS, corpus: Path = CORPUS) -> tuple[list[Tally], Tally]:
    repos = [score_repo(tsv, corpus) for tsv in sorted(labels.glob("*.tsv"))]
    overall = Tally("overall")
    for repo in repos:
        overall.add(repo)
    return repos, overall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed and wrongly flagged lines")
    args = parser.parse_args()
    repos, overall = score(args.labels, args.corpus)
    print(f"{'repository':24} {'labelled':>8} {'flagged':>8} {'hits':>6} {'precision':>9} {'recall':>7}")
    for t in [*repos, overall]:
        print(f"{t.name:24} {t.labelled:8} {t.flagged:8} {t.hits:6} {t.precision:9.3f} {t.recall:7.3f}")
        if args.verbose and t is not overall:
            for line in t.missed:
                print(f"    missed  {line}")
            for line in t.wrong:
                print(f"    wrong   {line}")


if __name__ == "__main__":
    main()
