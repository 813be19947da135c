"""Badges, inline marks and the findings list that every document page carries (HTML, escaped)."""

from __future__ import annotations

from bisect import bisect_right

from ..escape import html_text
from ..findings import UNFILLED
from ..findings.rollup import Rollup, feature_rollup, lifecycle, rollup
from ..findings.sections import code_lines
from ..findings.tasks import normal_status
from ..model import Document, Finding, Portfolio
from ..parse import code_spans
from ..urls import encoded


def badge(label: str, tone: str, title: str = "") -> str:
    hint = f' title="{html_text(title)}"' if title else ""
    return f'<span class="sp-badge sp-badge--{tone}"{hint}>{html_text(label)}</span>'


def badges(totals: Rollup, status: str | None = None, stage: str | None = None) -> list[str]:
    out = []
    if status:
        normal = normal_status(status)
        out.append(badge(status, "done" if normal == "done" else "info", "status"))
    if stage:
        out.append(badge(stage, "info", "lifecycle, from the documents that exist and the tasks ticked"))
    if totals.tasks is not None:
        tone = "done" if totals.tasks.total and totals.tasks.done == totals.tasks.total else "info"
        out.append(badge(f"tasks {totals.tasks.done}/{totals.tasks.total}", tone, "tasks done"))
    if totals.unfilled:
        out.append(badge(f"{totals.unfilled} unfilled", "error", "template text still to fill in"))
    if totals.residue:
        out.append(
            badge(f"{totals.residue} template residue", "warning", "sample rows, example diagrams, markers")
        )
    if totals.clarifications:
        out.append(badge(f"{totals.clarifications} to clarify", "error", "open NEEDS CLARIFICATION markers"))
    counted = sum(totals.gates.values())
    if totals.gate_state == "blocked":
        out.append(badge("BLOCKED", "error", "a gate fails and Complexity Tracking justifies nothing"))
    elif counted:
        tone = {"passed": "done", "pending": "warning", "justified": "info"}.get(totals.gate_state, "info")
        label = f"gates {totals.gates['passed']}/{counted} passed"
        if totals.gates["justified"]:
            label += f", {totals.gates['justified']} justified"
        out.append(badge(label, tone, f"gate state: {totals.gate_state}"))
    return out


def badge_bar(portfolio: Portfolio, doc: Document) -> str:
    """Feature-level badges (rolled up over its documents), then this page's own."""
    rows = []
    feature = portfolio.features.get(doc.feature) if doc.feature else None
    if feature is not None:
        totals = feature_rollup(portfolio, feature)
        rows.append(
            ("Feature", badges(totals, feature.meta.get("status"), lifecycle(portfolio, feature, totals)))
        )
    own = badges(rollup([doc]))
    if own or feature is not None:
        if not own and doc.findings:
            own = [badge(f"{len(doc.findings)} to look at", "warning", "see the findings below")]
        rows.append(("This page", own or [badge("nothing to fill in", "done")]))
    html = "".join(_row(label, row) for label, row in rows if row)
    return f'<div class="sp-badges">{html}</div>\n\n' if html else ""


def _row(label: str, row: list[str]) -> str:
    return (
        f'<span class="sp-badges__row"><span class="sp-badges__label">{label}</span> {" ".join(row)}</span>'
    )


def findings_list(portfolio: Portfolio, doc: Document) -> str:
    """A collapsed list of the page's findings, each linked to its line in the repository."""
    if not doc.findings:
        return ""
    items = []
    for finding in doc.findings:
        where = f"line {finding.line}" + (f"–{finding.end_line}" if finding.end_line else "")
        if portfolio.source_url:
            url = f"{portfolio.source_url}{encoded(doc.path)}#L{finding.line}"
            where = f'<a href="{html_text(url)}">{where}</a>'
        kind = f'<span class="sp-finding__kind">{html_text(finding.kind)}</span>'
        text = f"{where} {kind} {html_text(finding.message)}"
        items.append(f'<li class="sp-finding sp-finding--{finding.severity}">{text}</li>')
    count = len(doc.findings)
    summary = f"{count} finding{'s' if count != 1 else ''} on this page"
    body = "\n".join(items)
    return f'<details class="sp-findings">\n<summary>{summary}</summary>\n<ul>\n{body}\n</ul>\n</details>\n\n'


def marked_source(doc: Document, markdown: str) -> str:
    """The page's Markdown with unfilled template text highlighted where it stands.

    Marks go only where the page's Markdown is still the source (MkDocs has only cut the front matter),
    never in code, HTML or front matter, and never across lines or table cell borders.
    """
    if not doc.findings or not doc.text.endswith(markdown):
        return markdown
    offset = doc.text[: len(doc.text) - len(markdown)].count("\n")  # lines of front matter cut
    lines = markdown.split("\n")
    blocked = code_lines(doc.parsed)
    per_line: dict[int, list[Finding]] = {}
    announcements: list[Finding] = []
    for finding in doc.findings:
        n = finding.line - 1 - offset
        if not 0 <= n < len(lines):
            continue
        if finding.kind == "hidden" and lines[n].startswith("<!--"):
            announcements.append(finding)
        elif _markable(finding) and finding.line - 1 not in blocked:
            per_line.setdefault(n, []).append(finding)
    for n, found in per_line.items():
        lines[n] = _mark_line(lines[n], found)
    for finding in sorted(announcements, key=lambda f: f.line, reverse=True):
        n = finding.line - 1 - offset
        text = f"Hidden by an HTML comment in the source: {html_text(finding.message)}"
        note = f'<div class="sp-hidden" role="note">{text}</div>'
        lines[n:n] = [note, ""]
    return "\n".join(lines)


def _markable(finding: Finding) -> bool:
    one_line = finding.end_line in (None, finding.line) and "\n" not in finding.text
    return finding.kind in UNFILLED and bool(finding.text) and one_line and "|" not in finding.text


def _mark_line(line: str, findings: list[Finding]) -> str:
    # Bisected, not scanned: a line of thousands of code spans and findings stays linear-ish.
    spans = code_spans(line)
    span_starts = [a for a, _ in spans]
    cuts: list[tuple[int, int, Finding]] = []  # sorted by start, never overlapping
    for finding in findings:
        start = finding.column - 1
        end = start + len(finding.text)
        if line[start:end] != finding.text:
            continue
        r = bisect_right(span_starts, start) - 1
        if r >= 0 and start < spans[r][1]:  # inside a code span: mark the whole span
            start, end = spans[r][0], max(spans[r][1], end)
        k = bisect_right(cuts, start, key=lambda c: c[0])
        if (k == 0 or cuts[k - 1][1] <= start) and (k == len(cuts) or end <= cuts[k][0]):
            cuts.insert(k, (start, end, finding))
    out, last = [], 0
    for start, end, finding in cuts:
        piece = line[start:end]
        shown = (
            piece if piece.startswith("`") else html_text(piece).replace("[", "&#91;").replace("]", "&#93;")
        )
        title = html_text(finding.message)
        mark = f'<mark class="sp-mark sp-mark--{finding.severity}" title="{title}">{shown}</mark>'
        out += [line[last:start], mark]
        last = end
    return "".join([*out, line[last:]])
