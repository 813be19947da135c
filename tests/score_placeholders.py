"""Score the placeholder analyzer on the labelled documents in tests/labelled/.

The documents are our own, written in the syntaxes of the spec-kit, speckitadv, numbered-sections and
epic templates: six untouched skeletons and three filled documents. Each `<name>.md` has a sidecar
`<name>.labels`: the 1-based numbers of the lines that carry unfilled template text, one a line (empty
for a filled document). Labelled are lines with a bracketed placeholder, a NEEDS CLARIFICATION marker, a
generator token, an option label, a sample table row, the lines of an example diagram or a
`*(mandatory)*` heading, also when they stand inside a comment that hides them. Not labelled: instruction
comments themselves (hidden.py reports those), template prose without brackets (but the template's notes
"Fill ONLY if ..." and "This template is filled in by ..." are labelled: they are left-over text), the
generic folders of an option's sample tree. The labels were written by hand with the documents, not
taken from the analyzer. A line counts as flagged when a finding of kind placeholder, clarification,
token or residue covers it ([line, end_line]). Run:

    python tests/score_placeholders.py
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spec_portfolio.findings.placeholders import find_placeholders
from spec_portfolio.model import Finding
from spec_portfolio.parse import parse

LABELLED = Path(__file__).resolve().parent / "labelled"
UNFILLED = frozenset({"placeholder", "clarification", "token", "residue"})


@dataclass
class Score:
    name: str
    labelled: set[int]
    flagged: set[int]
    errors: list[Finding]  # error-level findings, whatever their kind

    @property
    def hits(self) -> int:
        return len(self.labelled & self.flagged)

    @property
    def filled(self) -> bool:
        return not self.labelled


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def score_document(path: Path) -> Score:
    text = path.read_text(encoding="utf-8")
    findings = find_placeholders(text, parse(text, path.name, []), path.name)
    flagged: set[int] = set()
    for f in findings:
        if f.kind in UNFILLED:
            flagged.update(range(f.line, (f.end_line or f.line) + 1))
    labels = path.with_suffix(".labels").read_text(encoding="utf-8").split()
    errors = [f for f in findings if f.severity == "error"]
    return Score(path.name, {int(n) for n in labels}, flagged, errors)


def score_all(directory: Path = LABELLED) -> list[Score]:
    return [score_document(p) for p in sorted(directory.glob("*.md"))]


def totals(scores: list[Score]) -> tuple[float, float, int]:
    """(precision, recall, error findings on filled documents) over all documents."""
    hits = sum(s.hits for s in scores)
    precision = ratio(hits, sum(len(s.flagged) for s in scores))
    recall = ratio(hits, sum(len(s.labelled) for s in scores))
    return precision, recall, sum(len(s.errors) for s in scores if s.filled)


def main() -> None:
    scores = score_all()
    print(f"{'document':34} {'labelled':>8} {'flagged':>8} {'precision':>9} {'recall':>7}")
    for s in scores:
        precision, recall = ratio(s.hits, len(s.flagged)), ratio(s.hits, len(s.labelled))
        print(f"{s.name:34} {len(s.labelled):8} {len(s.flagged):8} {precision:9.3f} {recall:7.3f}")
        for n in sorted(s.labelled - s.flagged):
            print(f"    missed line {n}")
        for n in sorted(s.flagged - s.labelled):
            print(f"    wrongly flagged line {n}")
        if s.filled:
            for f in s.errors:
                print(f"    error on a filled document: line {f.line}: {f.text!r} ({f.message})")
    precision, recall, errors = totals(scores)
    print(f"\noverall: precision {precision:.3f}, recall {recall:.3f}")
    print(f"error-level findings on filled documents: {errors}")


if __name__ == "__main__":
    main()
