"""The check command's summary for people: one line per feature, then findings with path:line.

Every name, title and message comes from the repository: `terminal_text` drops the escape sequences and
control characters in it, so that a title cannot clear the screen, retitle the window or forge a line."""

from __future__ import annotations

from typing import Any

import click

from ..escape import terminal_text as plain
from ..words import count, severities

COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def text_report(report: dict[str, Any], findings: list[dict[str, Any]]) -> list[str]:
    lines = []
    for feature in report["features"]:
        parts = [click.style(plain(feature["id"]), bold=True), plain(feature["title"])]
        facts = [plain(feature["status_text"] or "no status"), feature["lifecycle"]]
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
        epic = f" [{plain(feature['epic'])}]" if feature["epic"] else ""
        lines.append(f"{' '.join(parts)}{epic}: {', '.join(facts)}")
    if findings:
        lines.append("")
    for f in findings:
        where = (
            f"{plain(f['path'])}:{f['line']}" + (f":{f['column']}" if f.get("column") else "")
            if f["line"]
            else plain(f["path"])
        )
        severity = click.style(f["severity"], fg=COLOURS[f["severity"]])
        lines.append(f"{where}: {severity} [{f['kind']}] {plain(f['message'])}")
    counts = {s: sum(f["severity"] == s for f in findings) for s in COLOURS}
    totals = report["totals"]
    kinds = (
        count(totals["epics"], "epic"),
        count(totals["features"], "feature"),
        count(totals["documents"], "document"),
    )
    lines.append(f"{', '.join(kinds)}: {severities(counts)}")
    return lines
