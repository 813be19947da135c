"""The check command's summary for people: one line per feature, then findings with path:line."""

from __future__ import annotations

from typing import Any

import click

COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def text_report(report: dict[str, Any], findings: list[dict[str, Any]]) -> list[str]:
    lines = []
    for feature in report["features"]:
        parts = [click.style(feature["id"], bold=True), feature["title"]]
        facts = [feature["status_text"] or "no status", feature["lifecycle"]]
        if feature["tasks"]:
            facts.append(f"tasks {feature['tasks']['done']}/{feature['tasks']['total']}")
        if feature["unfilled"]:
            facts.append(click.style(f"{feature['unfilled']} unfilled", fg="red"))
        if feature["clarifications"]:
            facts.append(click.style(f"{feature['clarifications']} to clarify", fg="red"))
        if feature["residue"]:
            facts.append(click.style(f"{feature['residue']} residue", fg="yellow"))
        gates = feature["gates"]
        if gates["state"] == "blocked":
            facts.append(click.style("BLOCKED", fg="red", bold=True))
        elif gates["state"] != "none":
            counted = gates["passed"] + gates["failed"] + gates["pending"] + gates["justified"]
            facts.append(f"gates {gates['passed']}/{counted} {gates['state']}")
        epic = f" [{feature['epic']}]" if feature["epic"] else ""
        lines.append(f"{' '.join(parts)}{epic}: {', '.join(facts)}")
    if findings:
        lines.append("")
    for f in findings:
        where = (
            f"{f['path']}:{f['line']}" + (f":{f['column']}" if f.get("column") else "")
            if f["line"]
            else f["path"]
        )
        severity = click.style(f["severity"], fg=COLOURS[f["severity"]])
        lines.append(f"{where}: {severity} [{f['kind']}] {f['message']}")
    counts = {s: sum(f["severity"] == s for f in findings) for s in COLOURS}
    totals = report["totals"]
    lines.append(
        f"{totals['epics']} epics, {totals['features']} features, {totals['documents']} documents: "
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info"
    )
    return lines
