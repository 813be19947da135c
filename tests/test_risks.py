"""The risk register on our own fixtures (in the syntaxes real plan templates use) and on our example."""

import csv
import io
import re

import pytest
from conftest import REPO, write_tree
from spec_portfolio.findings.risks import find_risks, level, risks_json
from spec_portfolio.load import load_portfolio
from spec_portfolio.views.risks import risk_register_page, risks_csv, root_href

FILES = {
    # spec-kit style: a plain Risks table.
    "specs/001-kites/spec.md": "# Feature Specification: Kites\n",
    "specs/001-kites/plan.md": """
        # Implementation Plan: Kites

        ## Risks

        | Risk | Likelihood | Impact | Mitigation | Owner |
        |------|------------|--------|------------|-------|
        | Wind data feed goes stale | Low | High | Fall back to the harbour sensor | Ops (Ana) |
        | Rental counter double-books a kite | **Medium** | Med | Optimistic locking on the booking row |  |
        | Gusts over 40 knots | 🔴 H | L | - | Safety team |
        | <script>alert(1)</script> breaks the a \\| b page | High/Med/Low | Unknown | Escape it | Web |

        ```markdown
        | Risk | Likelihood | Impact | Mitigation | Owner |
        |------|------------|--------|------------|-------|
        | A risk shown as an example in a code block | High | High | None | Nobody |
        ```

        ## Dependencies

        | Dependency | Owner | Status | Impact | Risk |
        |------------|-------|--------|--------|------|
        | Harbour sensor API | Ops | Blocked | No wind data | High |
        """,
    # The "advanced" plan template: Probability and Contingency, two sample rows left as they are.
    "specs/002-boards/spec.md": "# Feature Specification: Boards\n",
    "specs/002-boards/plan.md": """
        # Implementation Plan: Boards

        ## Risk Assessment

        ### Risks

        | Risk | Probability | Impact | Mitigation | Contingency | Owner |
        |------|-------------|--------|------------|-------------|-------|
        | [Risk 1: e.g., the board supplier is late] | [High / Medium / Low] | [Critical / High / Medium / Low] | [Preventive: order early] | [If it happens: rent boards] | [Team/Person] |
        | Board sizes confuse beginners | Likely | Minor |  | Staff help at the counter | Shop (Ben) |
        | [Risk 2] | [High / Medium / Low] | [High / Medium / Low] | [Mitigation] | [Contingency] | [Owner] |
        """,
    # The numbered plan template: Risk ID + Description, its sample row and a filled one.
    "specs/003-lessons/spec.md": "# Feature Specification: Lessons\n",
    "specs/003-lessons/plan.md": """
        # Implementation Plan: Lessons

        ## 7. RISKS & MITIGATIONS

        ### Risk Matrix

        | Risk ID | Description | Impact | Likelihood | Mitigation Strategy | Owner |
        |---------|-------------|--------|------------|---------------------|-------|
        | R-001 | [NEEDS CLARIFICATION] | High/Med/Low | High/Med/Low | [Mitigation plan] | [Name] |
        | R-002 | Instructor falls ill on a booked day | Med | High | Two instructors on call | TBD |
        """,
    # Other orders and cases, numeric scales.
    "specs/004-repairs/spec.md": "# Feature Specification: Repairs\n",
    "specs/004-repairs/plan.md": """
        # Implementation Plan: Repairs

        | **Owner** | RISK | Prob. | Severity |
        |-----------|------|-------|----------|
        | Workshop | Glue shortage in July | 4 | 5 |
        | Workshop | Repair queue over a week | 2 | 3 |

        | id | Risk | Likelihood (1-3) | Impact (1-3) | Mitigation |
        |----|------|------------------|--------------|------------|
        | X1 | Sail cloth price rises | 3 | 1 | =HYPERLINK("http://x") |
        | X2 | @mention in a cell | 2/5 | 70% | +1 more supplier |
        """,
    # An epic's exec plan: risks of the epic, no feature.
    "plans/ops/fleet/FLEET-1/exec-plan.md": """
        # Execution Plan: Fleet

        ## Risks

        | Risk | Likelihood | Impact | Mitigation | Owner |
        |------|------------|--------|------------|-------|
        | Beacons drain their batteries in winter | High | High | Larger cells | -Fleet team |
        """,
    "plans/ops/fleet/FLEET-1/features/FLEET-1-GPS/spec.md": "# Feature Specification: GPS\n",
}


@pytest.fixture
def portfolio(tmp_path):
    write_tree(tmp_path, FILES)
    return load_portfolio(tmp_path, ["specs", "plans"])


def by_text(register):
    return {r.risk: r for r in register.risks}


def test_columns_in_any_order_and_case_and_what_is_not_a_risk_table(portfolio):
    risks = by_text(find_risks(portfolio))
    assert set(risks) == {
        "Wind data feed goes stale",
        "Rental counter double-books a kite",
        "Gusts over 40 knots",
        "<script>alert(1)</script> breaks the a | b page",
        "Board sizes confuse beginners",
        "Instructor falls ill on a booked day",
        "Glue shortage in July",
        "Repair queue over a week",
        "Sail cloth price rises",
        "@mention in a cell",
        "Beacons drain their batteries in winter",
    }  # not the code block's row, not the dependency table's rows
    stale = risks["Wind data feed goes stale"]
    assert (stale.path, stale.line, stale.feature, stale.epic) == (
        "specs/001-kites/plan.md",
        7,
        "specs/001-kites",
        None,
    )
    assert (stale.likelihood, stale.impact, stale.mitigation, stale.owner) == (
        "Low",
        "High",
        "Fall back to the harbour sensor",
        "Ops (Ana)",
    )
    glue = risks["Glue shortage in July"]
    assert (glue.owner, glue.likelihood, glue.impact) == ("Workshop", "4", "5")
    ill = risks["Instructor falls ill on a booked day"]
    assert (ill.id, ill.impact, ill.likelihood, ill.mitigation) == (
        "R-002",
        "Med",
        "High",
        "Two instructors on call",
    )
    beginners = risks["Board sizes confuse beginners"]
    assert beginners.contingency == "Staff help at the counter"
    beacons = risks["Beacons drain their batteries in winter"]
    assert (beacons.feature, beacons.epic) == (None, "plans/ops/fleet/FLEET-1")


def test_scales():
    assert [level(v) for v in ("High", "h", "Likely", "3", "**Critical**", "🔴 High (data loss)")] == [3] * 6
    assert [level(v) for v in ("Medium", "Med", "M", "Possible", "2", "moderate")] == [2] * 6
    assert [level(v) for v in ("Low", "L", "Unlikely", "1", "minor")] == [1] * 5
    assert [level(v, five=True) for v in ("1", "2", "3", "4", "5")] == [1, 1, 2, 3, 3]
    assert [level(v) for v in ("4/5", "2/5", "70%", "10%")] == [3, 1, 3, 1]
    assert [level(v) for v in ("High/Med/Low", "[High / Medium / Low]", "Unknown", "", "TBD", "0")] == [
        None
    ] * 6


def test_scores_and_flags(portfolio):
    risks = by_text(find_risks(portfolio))
    assert risks["Wind data feed goes stale"].score == 3
    assert risks["Rental counter double-books a kite"].score == 4
    assert risks["Gusts over 40 knots"].score == 3
    assert risks["<script>alert(1)</script> breaks the a | b page"].score is None  # unmade choice, unknown
    assert risks["Glue shortage in July"].score == 9  # a 5 in the column: a 1-5 scale
    assert risks["Repair queue over a week"].score == 2  # 2 -> low, 3 -> medium on that scale
    assert risks["Sail cloth price rises"].score == 3  # a 1-3 scale
    assert risks["@mention in a cell"].score == 3  # 2/5 -> low, 70% -> high
    assert risks["Board sizes confuse beginners"].score == 3  # likely × minor
    flags = {text: (r.no_owner, r.no_mitigation) for text, r in risks.items()}
    assert flags["Wind data feed goes stale"] == (False, False)
    assert flags["Rental counter double-books a kite"] == (True, False)
    assert flags["Gusts over 40 knots"] == (False, True)  # "-" is no mitigation
    assert flags["Board sizes confuse beginners"] == (False, False)  # a contingency is written
    assert flags["Instructor falls ill on a booked day"] == (True, False)  # TBD owns nothing
    assert flags["Glue shortage in July"] == (False, True)  # no mitigation column at all


def test_template_rows_are_left_out_and_counted(portfolio):
    register = find_risks(portfolio)
    assert register.template_rows == [
        ("specs/002-boards/plan.md", 9),
        ("specs/002-boards/plan.md", 11),
        ("specs/003-lessons/plan.md", 9),
    ]
    assert not any(r.risk.startswith("[") for r in register.risks)


def test_ranking(portfolio):
    register = find_risks(portfolio)
    scores = [r.score for r in register.risks]
    assert scores == sorted(scores, key=lambda s: (s is None, -(s or 0)))
    assert register.risks[0].risk in ("Glue shortage in July", "Beacons drain their batteries in winter")
    assert register.risks[0].path == "plans/ops/fleet/FLEET-1/exec-plan.md"  # 9 each: path decides
    assert register.risks[-1].score is None
    threes = [(r.path, r.line) for r in register.risks if r.score == 3]
    assert threes == sorted(threes)


def test_csv_parses_back_and_guards_formulas(portfolio):
    register = find_risks(portfolio)
    text = risks_csv(register)
    assert text.startswith("\ufeff")  # spreadsheets read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert list(rows[0]) == [
        "id", "risk", "feature", "epic", "likelihood", "impact", "score",
        "mitigation", "contingency", "owner", "path", "line",
    ]  # fmt: skip
    assert len(rows) == len(register.risks)
    by_risk = {row["risk"]: row for row in rows}
    assert by_risk["<script>alert(1)</script> breaks the a | b page"]["score"] == ""
    sail = by_risk["Sail cloth price rises"]
    assert sail["mitigation"] == '\'=HYPERLINK("http://x")'
    assert (sail["id"], sail["score"], sail["line"], sail["path"]) == (
        "X1",
        "3",
        "10",
        "specs/004-repairs/plan.md",
    )
    assert "'@mention in a cell" in by_risk
    assert by_risk["'@mention in a cell"]["mitigation"] == "'+1 more supplier"
    assert by_risk["Beacons drain their batteries in winter"]["owner"] == "'-Fleet team"
    for row in rows:
        assert not any(value[:1] in "=+-@" and value for value in row.values()), row


def test_json(portfolio):
    data = risks_json(find_risks(portfolio))
    assert data[0]["score"] == 9 and {"path", "line", "no_owner", "no_mitigation", "feature", "epic"} <= set(
        data[0]
    )


def test_page_escapes_and_links(portfolio):
    register = find_risks(portfolio)
    page = risk_register_page(portfolio, register, "portfolio/risks.md")
    assert page.startswith("# Risk register\n")
    assert "<script>" not in page and "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;" in page
    row = next(line for line in page.split("\n") if "alert" in line)
    assert row.count("|") == 9  # the source's pipe is an entity: the row keeps its eight cells
    assert "a &#124; b" in row
    assert "11 risks in 5 documents" in page
    assert "3 template rows left out" in page
    assert page.count('">no owner</span>') == 4  # two tables have no Owner column
    assert page.count('">no mitigation</span>') == 3
    assert "[plan.md:7](../specs/001-kites/plan.md)" in page
    assert "[001-kites](../specs/001-kites/spec.md)" in page
    assert "[FLEET-1](../plans/ops/fleet/FLEET-1/exec-plan.md)" in page
    assert '<a href="../../risks.csv" download>Download as CSV</a>' in page
    heat = page.split("## Likelihood by impact")[1].split("##")[0]
    assert "| **High** | 2 | 1 | 3 |" in heat  # Glue, Beacons; R-002; Gusts, Sail cloth, Board sizes
    assert "| **Medium** | · | 1 | · |" in heat
    assert "| **Low** | 2 | 1 | · |" in heat
    assert "Not in the grid: 1 risk without a score" in page


def test_csv_link_follows_the_page_url():
    assert root_href("portfolio/risks.md", "risks.csv") == "../../risks.csv"  # served at portfolio/risks/
    assert root_href("portfolio/risks.md", "risks.csv", directory_urls=False) == "../risks.csv"
    assert root_href("portfolio/index.md", "risks.csv") == "../risks.csv"
    assert root_href("risks.md", "risks.csv", directory_urls=False) == "risks.csv"


def test_an_empty_register(tmp_path):
    write_tree(tmp_path, {"specs/001-x/spec.md": "# Feature Specification: X\n"})
    portfolio = load_portfolio(tmp_path, ["specs"])
    page = risk_register_page(portfolio, find_risks(portfolio), "portfolio/risks.md")
    assert "0 risks in 0 documents" in page and "No risk tables" in page
    assert risks_csv(find_risks(portfolio)).count("\n") == 1


_FENCE = re.compile(r"^\s*(```|~~~)")


def _risk_rows_by_line_scan() -> int:
    """Body rows of every table headed `| Risk |` or `| Risk ID |` under specs/ and plans/."""
    count = 0
    for path in [*REPO.glob("specs/**/*.md"), *REPO.glob("plans/**/*.md")]:
        fenced = in_table = False
        for line in path.read_text(encoding="utf-8").split("\n"):
            if _FENCE.match(line):
                fenced = not fenced
            first = (
                line.strip().strip("|").split("|")[0].strip().lower() if line.strip().startswith("|") else ""
            )
            if fenced or not line.strip().startswith("|"):
                in_table = False
            elif first in ("risk", "risk id"):
                in_table = True
            elif in_table and not set(line.strip()) <= set("|-: "):
                count += 1
    return count


def test_every_risk_row_of_our_example_is_in_the_register():
    register = find_risks(load_portfolio(REPO))
    expected = _risk_rows_by_line_scan()
    assert expected >= 20
    assert len(register.risks) + len(register.template_rows) == expected
    assert register.template_rows  # the untouched offline-uploads plan keeps the template's rows
    assert any(r.no_owner and r.no_mitigation for r in register.risks)


def test_what_is_not_a_risk_table(tmp_path):
    write_tree(
        tmp_path,
        {
            "specs/001-x/plan.md": """
                # Implementation Plan: X

                | Component | Risk | Owner |
                |-----------|------|-------|
                | Upload API | High | Ana |

                | Service | Description | Owner |
                |---------|-------------|-------|
                | Upload API | Takes photos | Ana |

                ## Known risks

                | Description | Owner |
                |-------------|-------|
                | Photos lost on a full disk | Ana |
                """
        },
    )
    register = find_risks(load_portfolio(tmp_path, ["specs"]))
    assert [(r.risk, r.line) for r in register.risks] == [("Photos lost on a full disk", 15)]
