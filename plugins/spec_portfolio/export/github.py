"""GitHub workflow commands (annotations on the pull request diff) and a job summary table."""

from __future__ import annotations

from typing import Any

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
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
    text = "" if value is None else str(value)
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "&#124;"), ("\n", " ")):
        text = text.replace(char, entity)
    return text


def step_summary(report: dict[str, Any], findings: list[dict[str, Any]]) -> str:
    """A Markdown summary: counts, then one row per feature."""
    counts = {s: sum(f["severity"] == s for f in findings) for s in LEVELS}
    lines = [
        "## Spec portfolio",
        "",
        f"{len(report['features'])} features: {counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['info']} notices.",
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
