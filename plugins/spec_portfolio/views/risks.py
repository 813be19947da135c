"""The risk register page (Markdown) and its CSV download."""

from __future__ import annotations

import csv
import io
import posixpath
import re

from ..escape import html_text, md_text
from ..findings.risks import Risk, RiskRegister
from ..model import Portfolio
from ..urls import address
from .badges import badge
from .pages import owner_link, source_link

CSV_NAME = "risks.csv"  # at the site root
CSV_COLUMNS = (
    "id", "risk", "feature", "epic", "likelihood", "impact", "score",
    "mitigation", "contingency", "owner", "path", "line",
)  # fmt: skip
_LEVELS = ((3, "High"), (2, "Medium"), (1, "Low"))


def root_href(page: str, name: str, directory_urls: bool = True) -> str:
    """An HTML href from `page` to file `name` at the site root: raw HTML is not rewritten by MkDocs,
    so it is relative to the page's URL (`portfolio/risks/` with directory URLs), not to its source."""
    folder = address(page).rstrip("/") if directory_urls else posixpath.dirname(page)
    return posixpath.relpath(name, folder or ".")


def risk_register_page(
    portfolio: Portfolio, register: RiskRegister, page_site_path: str, *, directory_urls: bool = True
) -> str:
    page, risks = page_site_path, register.risks
    out = ["# Risk register", ""]
    sources = len({r.path for r in risks})
    high = sum((r.score or 0) >= 6 for r in risks)
    unowned, unmitigated = sum(r.no_owner for r in risks), sum(r.no_mitigation for r in risks)
    out += [
        f"{_count(len(risks), 'risk')} in {_count(sources, 'document')}: {high} scored 6 or more, "
        f"{unowned} without an owner, {unmitigated} without a mitigation.",
        "",
    ]
    if register.template_rows:
        where = sorted({path for path, _ in register.template_rows})
        docs = ", ".join(source_link(portfolio, page, path) for path in where)
        rows = _count(len(register.template_rows), "template row")
        out += [f"{rows} left out (still the template's sample rows): {docs}.", ""]
    out += [
        f'<a href="{html_text(root_href(page, CSV_NAME, directory_urls))}" download>Download as CSV</a>',
        "",
    ]
    if not risks:
        return "\n".join([*out, "No risk tables with real rows were found.", ""])

    out += [
        "## Likelihood by impact",
        "",
        "| Likelihood ↓ · impact → | High | Medium | Low |",
        "|---|---|---|---|",
    ]
    for likely, name in _LEVELS:
        counts = [
            sum(r.likelihood_level == likely and r.impact_level == i for r in risks) for i, _ in _LEVELS
        ]
        out.append(f"| **{name}** | " + " | ".join(str(c) if c else "·" for c in counts) + " |")
    unscored = sum(r.score is None for r in risks)
    if unscored:
        why = "likelihood or impact missing, unknown or undecided"
        out += ["", f"Not in the grid: {_count(unscored, 'risk')} without a score ({why})."]

    out += ["", "## Risks, highest score first", ""]
    out += ["| Risk | Feature / epic | Likelihood | Impact | Score | Mitigation | Owner | Source |"]
    out += ["|---|---|---|---|---|---|---|---|"]
    out += [_row(portfolio, page, risk) for risk in risks]
    return "\n".join([*out, ""])


def _row(portfolio: Portfolio, page: str, risk: Risk) -> str:
    text = (f"**{md_text(risk.id)}** " if risk.id else "") + md_text(risk.risk)
    mitigation = md_text(risk.mitigation)
    if risk.contingency:
        mitigation += ("<br>" if mitigation else "") + "Contingency: " + md_text(risk.contingency)
    if risk.no_mitigation:
        mitigation += " " + badge("no mitigation", "error", "no mitigation or contingency written")
    owner = md_text(risk.owner) + (
        " " + badge("no owner", "error", "nobody owns this risk") if risk.no_owner else ""
    )
    score = badge(str(risk.score), _tone(risk.score), "likelihood × impact, 1 to 9") if risk.score else "—"
    cells = [
        text,
        owner_link(portfolio, page, risk.feature, risk.epic),
        md_text(risk.likelihood),
        md_text(risk.impact),
        score,
        mitigation.strip(),
        owner.strip(),
        source_link(portfolio, page, risk.path, risk.line),
    ]
    return "| " + " | ".join(cells) + " |"


def _tone(score: int) -> str:
    return "error" if score >= 6 else "warning" if score >= 3 else "info"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# Spreadsheets run a cell that starts with one of these (after blanks) as a formula; a leading tab or CR
# is guarded too (OWASP's list), as some readers drop it or split on it.
_FORMULA_START = ("=", "+", "-", "@")
# A separator a reader may split a cell on (a semicolon locale's `;`, a tab, `|`; reading our comma file
# that way it sees our quotes in the wrong places, so they need not keep a cell whole), or a line break,
# then a formula start: the part after it would be a cell of its own that starts a formula.
_SPLIT_FORMULA = re.compile(r"([,;|\t\r\n])(?=\s*[=+\-@])")


def _safe(value: object) -> object:
    """A cell no spreadsheet runs: `'` (the mark for "text") before a formula start at the start of the
    cell and right after every separator or line break in it, whichever separator the reader splits on."""
    if not isinstance(value, str):
        return value
    text = value.lstrip()
    guarded = value[: len(value) - len(text)] + _SPLIT_FORMULA.sub(r"\1'", text)
    return "'" + guarded if text.startswith(_FORMULA_START) or value[:1] in ("\t", "\r") else guarded


def risks_csv(register: RiskRegister) -> str:
    """The register as CSV, with a BOM so that spreadsheets read it as UTF-8; one row per risk.

    The root fix for formula injection is both halves: every cell quoted (a reader splitting on our comma
    keeps `x;=1+2` one cell) and `_safe` on every cell (a reader splitting on another separator still
    finds each part that could start a formula marked as text)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for risk in register.risks:
        row = [getattr(risk, column) for column in CSV_COLUMNS]
        writer.writerow([_safe("" if value is None else value) for value in row])
    return "\ufeff" + buffer.getvalue()
