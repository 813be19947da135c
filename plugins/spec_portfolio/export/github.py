"""GitHub workflow commands (annotations on the pull request diff) and a job summary table.

Paths and messages come from the repository. In a workflow command they lose escape sequences and control
characters (the log viewer acts on them), then take GitHub's escaping, so a name cannot end the command or
start another (`%`, CR and LF in the message; also `:` and `,` in a property). In the summary every cell
is escaped Markdown (`md_text`, as on our pages), so that no image, Markdown link or HTML from the source
renders.
"""

from __future__ import annotations

from typing import Any

from ..escape import md_text, terminal_text
from ..words import count

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    text = terminal_text(text, newlines=True)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotations(findings: list[dict[str, Any]]) -> list[str]:
    lines = []
    for f in findings:
        props = [f"file={_property(f['path'])}"]
        if f["line"]:
            props.append(f"line={f['line']}")
            if f.get("end_line"):
                props.append(f"endLine={f['end_line']}")
            if f.get("column"):
                props.append(f"col={f['column']}")
        props.append(f"title={_property('spec-portfolio ' + f['kind'])}")
        lines.append(f"::{LEVELS[f['severity']]} {','.join(props)}::{_data(f['message'])}")
    return lines


def _cell(value: object) -> str:
    return "" if value is None else md_text(terminal_text(str(value)))


def step_summary(report: dict[str, Any], findings: list[dict[str, Any]]) -> str:
    """A Markdown summary: counts, then one row per feature."""
    counts = {s: sum(f["severity"] == s for f in findings) for s in LEVELS}
    lines = [
        "## Spec portfolio",
        "",
        f"{count(len(report['features']), 'feature')}: {count(counts['error'], 'error')}, "
        f"{count(counts['warning'], 'warning')}, {count(counts['info'], 'notice')}.",
        "",
        "| Feature | Title | Status | Unfilled | To clarify | Gates | Tasks |",
        "| --- | --- | --- | ---: | ---: | --- | ---: |",
    ]
    for feature in report["features"]:
        gates = feature["gates"]
        gate = (
            "BLOCKED"
            if gates["state"] == "blocked"
            else f"{gates['passed']}/{sum(v for k, v in gates.items() if k != 'state')}"
        )
        tasks = f"{feature['tasks']['done']}/{feature['tasks']['total']}" if feature["tasks"] else ""
        row = [feature["id"], feature["title"], feature["status_text"], feature["unfilled"],
               feature["clarifications"], gate, tasks]  # fmt: skip
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    return "\n".join(lines) + "\n"
