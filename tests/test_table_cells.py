"""One table-cell splitter: a `|` in inline code or escaped as `\\|` is read the same by every reader."""

from __future__ import annotations

from spec_portfolio.findings.placeholders import find_placeholders
from spec_portfolio.findings.risks import cells
from spec_portfolio.findings.sections import table_rows
from spec_portfolio.parse import parse, table_cells

ROW = "| R-1 | `a|b` is read | c \\| d | [Owner name] |"


def test_code_span_and_escaped_pipe_stay_in_their_cell() -> None:
    assert [c.text for c in table_cells(ROW)] == ["R-1", "`a|b` is read", "c | d", "[Owner name]"]


def test_cell_positions_point_at_the_text() -> None:
    for cell in table_cells(ROW):
        assert ROW[cell.start : cell.end].replace("\\|", "|") == cell.text


def test_quoted_and_unpiped_rows() -> None:
    assert [c.text for c in table_cells("> | a | b |")] == ["a", "b"]
    assert [c.text for c in table_cells("a | b")] == ["a", "b"]
    assert [c.text for c in table_cells("| a |  |")] == ["a", ""]


def test_every_reader_splits_the_same_way() -> None:
    text = f"| Risk | Note | Other | Owner |\n|---|---|---|---|\n{ROW}\n"
    lines = text.split("\n")
    expected = [c.text for c in table_cells(ROW)]
    assert cells(ROW) == expected  # risks (and rollout)
    assert [row for _, row in table_rows(lines, {0, 1, 2})] == [expected]  # sections (and gates)
    problems: list = []
    parse(text, "t.md", problems)
    assert not problems  # parse counts four cells in each row
    found = find_placeholders(text, parse(text, "t.md", []), "t.md")
    assert [(f.column, f.text) for f in found] == [(ROW.index("[Owner") + 1, "[Owner name]")]
