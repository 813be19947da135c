"""The risk register: every risk table of every document, one row a risk, scored and ranked.

A risk table has a Risk (or Description) column and at least one of Likelihood / Probability, Impact /
Severity, Mitigation, Contingency or Owner. Rows that are still the template's sample rows are left out
and counted; tables in code blocks and HTML comments are never read (markdown-it does not see them).
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field

from ..model import Document, Portfolio
from ..parse import table_cells
from .sections import matching

# Header cell (lower case; markup, a trailing dot and a `(1-5)` note gone) -> the column's role.
_ROLES = {
    "id": ("risk id", "id", "risk #", "ref", "risk ref"),
    "risk": ("risk", "risks", "risk description", "risk title"),
    "description": ("description", "desc"),
    "likelihood": ("likelihood", "probability", "prob", "chance"),
    "impact": ("impact", "severity"),
    "mitigation": ("mitigation", "mitigations", "mitigation strategy", "mitigation plan", "response"),
    "contingency": ("contingency", "contingency plan", "fallback"),
    "owner": ("owner", "owners", "risk owner", "owned by", "responsible", "assignee"),
}
_ROLE_OF = {name: role for role, names in _ROLES.items() for name in names}
_RATINGS = ("likelihood", "impact", "mitigation", "contingency", "owner")
_NOT_RISK = re.compile(r"^(?:dependenc(?:y|ies)|assumptions?|milestones?|decisions?)$")
_RISK_HEADING = re.compile(r"risk", re.I)
_MARKUP = re.compile(r"[*_`~]")

# Scale words -> 1..3 (likelihood and impact share them; five-level words fold onto three).
_WORDS = {
    **dict.fromkeys(("high", "h", "likely", "very likely", "almost certain", "certain", "very high"), 3),
    **dict.fromkeys(("critical", "severe", "major", "catastrophic"), 3),
    **dict.fromkeys(("medium", "med", "m", "mid", "moderate", "possible", "medium risk"), 2),
    **dict.fromkeys(("low", "l", "unlikely", "rare", "very low", "improbable", "minor", "negligible"), 1),
}
_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:/\s*(\d+)|(%))?$")
_FIVE = {1: 1, 2: 1, 3: 2, 4: 3, 5: 3}  # a 1-5 scale: very low, low, medium, high, very high
_PLACEHOLDER = re.compile(r"^\[[^\]]*\]$|NEEDS CLARIFICATION|<<[A-Z_]+>>")
_BLANK = frozenset(
    {"", "-", "—", "–", "?", "tbd", "tbc", "n/a", "na", "none", "unassigned", "unknown", "todo"}
)


@dataclass(frozen=True, slots=True)
class Risk:
    path: str
    line: int  # 1-based source line of the row
    feature: str | None  # Feature.key
    epic: str | None  # Epic.key
    id: str
    risk: str
    likelihood: str
    impact: str
    mitigation: str
    contingency: str
    owner: str
    score: int | None  # likelihood × impact, each 1..3; None when either is unknown or undecided
    likelihood_level: int | None  # 1..3
    impact_level: int | None
    no_owner: bool
    no_mitigation: bool  # neither a mitigation nor a contingency is written


@dataclass(slots=True)
class RiskRegister:
    risks: list[Risk] = field(default_factory=list)
    template_rows: list[tuple[str, int]] = field(default_factory=list)  # (path, 1-based line) left out


def find_risks(portfolio: Portfolio) -> RiskRegister:
    register = RiskRegister()
    for doc in portfolio.documents.values():
        if doc.markdown:
            _read_document(portfolio, doc, register)
    register.risks.sort(key=lambda r: (r.score is None, -(r.score or 0), r.path, r.line))
    register.template_rows.sort()
    return register


def level(raw: str, five: bool = False) -> int | None:
    """`High`, `**Med**`, `🔴 H`, `4/5`, `70%` -> 1..3; unknown words and unmade choices -> None."""
    text = re.sub(r"^[^\w]+", "", _MARKUP.sub("", raw).strip().lower())
    number = _NUMBER.match(text)
    if number:
        value, scale = float(number[1]), 100 if number[3] else int(number[2] or (5 if five else 3))
        if scale == 5 and value.is_integer():
            return _FIVE.get(int(value))
        return math.ceil(3 * value / scale) if 0 < value <= scale else None
    word = re.split(r"(?<!\s)\s*[(\[,;:—–]\s*|(?<!\s)\s+-\s+", text)[0].strip()  # see gates._name
    return _WORDS.get(word)


def is_template(cell: str) -> bool:
    """A bracketed placeholder, a NEEDS CLARIFICATION marker, a token or an unmade `High/Med/Low`."""
    text = _MARKUP.sub("", cell).strip()
    if _PLACEHOLDER.search(text):
        return True
    parts = [p.strip().lower() for p in text.split("/")]
    return len(parts) > 1 and all(p in _WORDS for p in parts)


def cells(line: str) -> list[str]:
    """The cells' texts of a table row (parse.table_cells, the one splitter)."""
    return [c.text for c in table_cells(line)]


def _without_trailing_note(key: str) -> str:
    """`likelihood (1-5)` -> `likelihood`: a closing parenthesised note dropped, found without a regex
    (the pattern that did this scanned to the end from every `(`)."""
    if not key.endswith(")"):
        return key
    start = key.find("(", key.rfind(")", 0, len(key) - 1) + 1)
    return key[:start].rstrip() if 0 <= start < len(key) - 1 else key


def risk_columns(header: list[str], under_risk_heading: bool) -> dict[str, int] | None:
    """Role -> column index when `header` heads a risk table, else None."""
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        key = re.sub(r"\s+", " ", _MARKUP.sub("", name)).strip().lower().rstrip(".")
        key = _without_trailing_note(key)
        if _NOT_RISK.match(key):
            return None
        role = _ROLE_OF.get(key)
        if role and role not in columns:
            columns[role] = i
    text = [columns[r] for r in ("risk", "description") if r in columns]
    ratings = [columns[r] for r in _RATINGS if r in columns]
    if not text or not ratings:
        return None
    scored = [columns[r] for r in ("likelihood", "impact") if r in columns]
    if scored and min(text) > min(scored):  # `Dependency | ... | Impact | Risk`: a rating, not a risk
        return None
    if "risk" not in columns and not ("id" in columns or under_risk_heading or len(scored) == 2):
        return None  # a bare Description column needs more to be a risk table
    return columns


def _read_document(portfolio: Portfolio, doc: Document, register: RiskRegister) -> None:
    lines = doc.text.split("\n")
    epic = portfolio.epic_of(doc)
    risky = matching(doc.parsed, len(lines), _RISK_HEADING)
    for block in doc.parsed.blocks:
        if block.kind != "table":
            continue
        under = any(s.start < block.start < s.end for s in risky)
        columns = risk_columns(cells(lines[block.start]), under)
        if columns is None:
            continue
        rows = [(n, cells(lines[n])) for n in range(block.start + 2, min(block.end, len(lines)))]
        rows = [(n, row) for n, row in rows if any(row)]
        texts = [_text(row, columns) for _, row in rows]
        if texts and all(level(t) for t in texts):  # `| Component | Risk | Owner |` with High / Low
            continue
        five = {r: _five_scale(lines[block.start], rows, columns.get(r)) for r in ("likelihood", "impact")}
        for (n, row), text in zip(rows, texts, strict=True):
            judged = [c for i, c in enumerate(row) if c and i != columns.get("id")]
            if not text or is_template(text) or 2 * sum(map(is_template, judged)) > len(judged):
                register.template_rows.append((doc.path, n + 1))
                continue
            get = {role: row[i] if i < len(row) else "" for role, i in columns.items()}
            likely = level(get.get("likelihood", ""), five["likelihood"])
            impact = level(get.get("impact", ""), five["impact"])
            register.risks.append(
                Risk(
                    path=doc.path,
                    line=n + 1,
                    feature=doc.feature,
                    epic=epic.key if epic else None,
                    id=get.get("id", ""),
                    risk=text,
                    likelihood=get.get("likelihood", ""),
                    impact=get.get("impact", ""),
                    mitigation=get.get("mitigation", ""),
                    contingency=get.get("contingency", ""),
                    owner=get.get("owner", ""),
                    score=likely * impact if likely and impact else None,
                    likelihood_level=likely,
                    impact_level=impact,
                    no_owner=_blank(get.get("owner", "")),
                    no_mitigation=_blank(get.get("mitigation", "")) and _blank(get.get("contingency", "")),
                )
            )


def _text(row: list[str], columns: dict[str, int]) -> str:
    """The risk as written: its Risk cell, its Description cell, or both."""
    parts = [row[columns[r]] for r in ("risk", "description") if r in columns and columns[r] < len(row)]
    return " — ".join(p for p in parts if p)


def _five_scale(header: str, rows: list[tuple[int, list[str]]], column: int | None) -> bool:
    """A numeric column on a 1-5 scale: said so in the header, or a value above 3 in it."""
    if column is None:
        return False
    if re.search(r"1\s*(?:-|–|to)\s*5", cells(header)[column]):
        return True
    values = [_NUMBER.match(_MARKUP.sub("", row[column]).strip()) for _, row in rows if column < len(row)]
    return any(v and not v[2] and not v[3] and float(v[1]) > 3 for v in values)


def _blank(cell: str) -> bool:
    return _MARKUP.sub("", cell).strip().lower() in _BLANK or is_template(cell)


def risks_json(register: RiskRegister) -> list[dict]:
    return [asdict(risk) for risk in register.risks]
