"""SARIF 2.1.0 for code scanning: one rule per kind of finding, one result per finding."""

from __future__ import annotations

import html
from typing import Any

from .. import __version__
from ..findings.kinds import KINDS
from ..urls import encoded

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def sarif(findings: list[dict[str, Any]]) -> dict[str, Any]:
    rule_ids = list(KINDS)
    rules = [
        {
            "id": kind.id,
            "name": kind.name,
            "shortDescription": {"text": kind.short},
            "fullDescription": {"text": kind.help},
            "help": {"text": kind.help, "markdown": html.escape(kind.help, quote=False)},
            "defaultConfiguration": {"level": LEVELS[kind.severity]},
        }
        for kind in KINDS.values()
    ]
    results = []
    for f in findings:
        # A URI reference (RFC 3986), not a path: `#`, `?`, `%`, `:` or a space in a name is percent-encoded.
        uri = encoded(f["path"])
        location: dict[str, Any] = {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}}
        if f["line"]:
            region = {"startLine": f["line"]}
            if f.get("column"):
                region["startColumn"] = f["column"]
            if f.get("end_line"):
                region["endLine"] = f["end_line"]
            location["region"] = region
        results.append(
            {
                "ruleId": f["kind"],
                "ruleIndex": rule_ids.index(f["kind"]),
                "level": LEVELS[f["severity"]],
                "message": {"text": f["message"]},
                "locations": [{"physicalLocation": location}],
            }
        )
    driver = {
        "name": "spec-portfolio",
        "version": __version__,
        "informationUri": "https://github.com/spec-portfolio/mkdocs-spec-portfolio",
        "rules": rules,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}
