"""Gate matrix, clarifications, problems and epic pages: generated Markdown, every source text escaped."""

from __future__ import annotations

import re

from ..escape import md_text
from ..findings.rollup import GATE_ORDER, feature_rollup, lifecycle
from ..findings.sections import checkbox, code_lines
from ..model import DocKind, Document, Epic, Portfolio
from ..urls import md_link
from ..words import count
from .badges import badges
from .bars import DOC_ORDER
from .pages import cell, feature_link, source_link

GROUPS = (("constitution", "Constitution"), ("ready", "Ready"), ("done", "Done"), ("ci", "CI"),
          ("checklist", "Checklists"))  # fmt: skip
_STATE_LABELS = {"blocked": "**BLOCKED**", "pending": "pending", "justified": "justified", "passed": "passed"}


def gate_matrix(portfolio: Portfolio, page: str) -> str:
    """Features by gate groups, BLOCKED plans first."""
    rows = []
    for feature in portfolio.features.values():
        roll = feature_rollup(portfolio, feature)
        cells = []
        for group, _ in GROUPS:
            gates = [
                g for p in feature.documents for g in portfolio.documents[p].gates.gates if g.group == group
            ]
            counted = [g for g in gates if g.state != "n/a"]
            if not counted:
                cells.append("–")
                continue
            passed = sum(g.state == "passed" for g in counted)
            failed = sum(g.state == "failed" for g in counted)
            pending = sum(g.state == "pending" for g in counted)
            text = f"{passed}/{len(counted)}"
            text += f" · {failed} failed" if failed else ""
            text += f" · {pending} pending" if pending else ""
            cells.append(text)
        state = roll.gate_state
        head = [feature_link(portfolio, page, feature), cell(feature.title), _STATE_LABELS.get(state, "–")]
        rows.append((GATE_ORDER.index(state), feature.key, head + cells))
    header = "| Feature | Title | State | " + " | ".join(label for _, label in GROUPS) + " |"
    lines = [header, "|" + "---|" * (3 + len(GROUPS))]
    lines += ["| " + " | ".join(r) + " |" for _, _, r in sorted(rows)]
    blocked = sum(1 for r in rows if r[0] == 0)
    intro = (
        "Each cell counts the gates of that kind that pass. A plan is **BLOCKED** when a gate fails and its "
        f"Complexity Tracking table justifies nothing. {blocked} of {len(rows)} features are blocked."
    )
    return f"# Gate matrix\n\n{intro}\n\n" + "\n".join(lines) + "\n"


_QUESTIONS = re.compile(r"open\s+questions?|questions?\s+for|unresolved", re.I)
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.+)$")
_MARKUP = re.compile(r"\*\*|__|`")


def clarifications(portfolio: Portfolio, page: str) -> str:
    """Every open NEEDS CLARIFICATION marker and open question, by feature."""
    out = ["# Clarifications", ""]
    total = 0
    for feature in sorted(portfolio.features.values(), key=lambda f: f.key):
        items = []
        for path in feature.documents:
            doc = portfolio.documents[path]
            for finding in doc.findings:
                if finding.kind == "clarification":
                    where = source_link(portfolio, page, path, finding.line)
                    items.append(f"- {md_text(finding.message)} ({where})")
            items += [f"- Open question: {md_text(text)} ({source_link(portfolio, page, path, line)})"
                      for line, text in _open_questions(doc)]  # fmt: skip
        if items:
            total += len(items)
            out += [
                f"## {md_text(feature.id)}",
                "",
                feature_link(portfolio, page, feature, feature.title),
                "",
            ]
            out += [*items, ""]
    if total == 0:
        out += ["No open clarifications or questions.", ""]
    else:
        out.insert(2, f"{total} open clarifications and questions.\n")
    return "\n".join(out)


def _open_questions(doc: Document) -> list[tuple[int, str]]:
    """Top-level, unticked items under an Open Questions heading (not in code, not already markers)."""
    lines = doc.text.split("\n")
    code = code_lines(doc.parsed)
    found = []
    for index, heading in enumerate(doc.parsed.headings):
        if not _QUESTIONS.search(heading.text):
            continue
        following = doc.parsed.headings[index + 1 :]
        end = next((h.line - 1 for h in following if h.level <= heading.level), len(lines))
        items = [n for n in range(heading.line, end) if n not in code and _ITEM.match(lines[n])]
        indent = min((len(lines[n]) - len(lines[n].lstrip()) for n in items), default=0)
        for n in items:
            box = checkbox(lines[n])
            if len(lines[n]) - len(lines[n].lstrip()) > indent or (box and box[0]):
                continue
            text = _ITEM.match(lines[n]).group(1)  # type: ignore[union-attr]
            if "NEEDS CLARIFICATION" not in text:
                found.append((n + 1, _MARKUP.sub("", text).strip()))
    return found


def problems(portfolio: Portfolio, page: str) -> str:
    """Everything that went wrong reading the portfolio, so that nothing disappears without a trace."""
    out = ["# Problems", ""]
    if not portfolio.problems:
        return "\n".join([*out, "No problems: every file under the roots was read and published.", ""])
    met = count(len(portfolio.problems), "problem was", "problems were")
    out += [f"{met} met reading the portfolio. The build went on; each "
            "file named here is published where it could be, or listed here with the reason.", "",
            "| Where | Severity | Problem |", "|---|---|---|"]  # fmt: skip
    for problem in portfolio.problems:
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        doc = portfolio.documents.get(problem.path)
        shown = (
            md_link(page, doc.site, md_text(where))
            if doc
            else f"`{where}`"
            if "`" not in where
            else cell(where)
        )
        out.append(f"| {shown} | {problem.severity} | {cell(problem.message)} |")
    return "\n".join(out) + "\n"


_CLASS = {"done": "done", "in progress": "progress", "tasked": "progress", "planned": "planned",
          "specified": "draft"}  # fmt: skip


# The map's stages are outlines: boxes keep the theme's fill and text, which read well in light and dark
# palettes alike (Material writes labels in its own colour, over any classDef), and each outline has 3:1
# contrast with the box in both; blocked is dashed as well, so colour is not the only sign.
_MAP_CLASSES = {
    "done": "#2b9348",
    "progress": "#3d80e0",
    "planned": "#a37800",
    "draft": "#7f7f7f",
    "blocked": "#e5484d,stroke-dasharray:6 3",
}


def _mermaid_label(text: str) -> str:
    """A label inside `["..."]`: mermaid's own entity codes for characters that would end or break it."""
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("`", "#96;")):
        text = text.replace(char, code)
    return " ".join(text.split())[:80]


def epic_page(portfolio: Portfolio, epic: Epic, page: str) -> str:
    docs = portfolio.documents
    title = md_text(f"{epic.id} · {epic.title}" if epic.title != epic.id else epic.id)
    out = [f"# Epic {title}", ""]
    if epic.groups:
        out += [md_text(" / ".join(epic.groups)), ""]
    own = [docs[p] for p in epic.documents]
    for kind, label in ((DocKind.EXEC_PLAN, "Exec plan"), (DocKind.DESIGN, "Design index")):
        for doc in own:
            if doc.kind is kind:
                out.append(f"- {md_link(page, doc.site, label)}")
    for doc in own:
        if doc.kind not in (DocKind.EXEC_PLAN, DocKind.DESIGN):
            out.append(f"- {md_link(page, doc.site, md_text(doc.title))}")
    out += ["", "## Features", "", "| Feature | Title | Badges |", "|---|---|---|"]
    diagram = ["flowchart LR", f'  epic["{_mermaid_label(epic.id)}"]']
    for n, key in enumerate(sorted(epic.features)):
        feature = portfolio.features[key]
        roll = feature_rollup(portfolio, feature)
        stage = lifecycle(portfolio, feature, roll)
        shown = " ".join(badges(roll, feature.meta.get("status"), stage)) or "–"
        out.append(f"| {feature_link(portfolio, page, feature)} | {cell(feature.title)} | {shown} |")
        node = f"f{n}"
        css = "blocked" if roll.gate_state == "blocked" else _CLASS.get(stage, "draft")
        diagram.append(f'  epic --> {node}["{_mermaid_label(feature.id + " " + feature.title)}"]:::{css}')
        kinds = sorted({docs[p].kind for p in feature.documents}, key=DOC_ORDER.index)
        for m, kind in enumerate(kinds):
            diagram.append(f'  {node} --- {node}d{m}(["{kind.value}"])')
    diagram += [f"  classDef {c} stroke:{line},stroke-width:3px" for c, line in _MAP_CLASSES.items()]
    legend = ("Features outlined by stage: done in green, in progress or tasked in blue, planned in amber, "
              "specified in grey; blocked in dashed red.")  # fmt: skip
    out += ["", "## Map", "", legend, "", "```mermaid", *diagram, "```", ""]
    return "\n".join(out)
