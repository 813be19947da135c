"""The `spec-portfolio` command: the same core as the plugin, for terminals and CI."""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

import click

from . import __version__
from .empty import closest, is_empty, no_feature, unmatched
from .escape import terminal_text as plain
from .export.github import annotations, step_summary
from .export.sarif import sarif
from .export.text import text_report
from .init import init
from .load import load_portfolio
from .mermaid import VERSION as MERMAID_VERSION
from .mermaid import FetchError, fetch_mermaid
from .model import at_or_above
from .report import portfolio_json, to_json
from .roots import roots_line
from .settings import FAIL_ON, SettingsError, read_settings


@click.group()
@click.version_option(__version__, prog_name="spec-portfolio")
def main() -> None:
    """Discover, check and publish a portfolio of spec-kit specs, plans and epics."""


@main.command()
@click.argument("root", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="text for people; json for tools; github for pull-request annotations; sarif for code scanning.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    help="Exit 1 when a finding at or above this severity exists.  [default: fail_on of the plugin in "
    "mkdocs.yml, else error]",
)
@click.option(
    "--only",
    multiple=True,
    metavar="PATH",
    help="Report only findings in these files or folders (the whole portfolio is still read). Repeatable.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Processes that share the reading of a large portfolio; 0 for one per CPU.",
)
def check(root: Path, fmt: str, fail_on: str | None, only: tuple[str, ...], workers: int) -> None:
    """Read the portfolio under ROOT (default: here) and report its features and findings.

    Exit codes: 0 no finding at or above --fail-on, 1 some, 2 usage or configuration error, or nothing
    to check (no feature found, or an --only path that names nothing).
    """
    try:
        settings = read_settings(root)
    except SettingsError as error:
        raise click.UsageError(str(error)) from error
    fail_on = fail_on or settings.fail_on or "error"
    portfolio = load_portfolio(
        root, settings.roots, exclude=settings.exclude, source_url=settings.source_url, workers=workers
    )
    portfolio.problems[:0] = settings.problems  # mkdocs.yml's, first, as MkDocs warns before a build
    report = portfolio_json(portfolio)
    findings = report["findings"]
    paths = {f["path"] for f in findings}
    wanted = [_relative(root, p) for p in only]
    if wanted:
        findings = [
            f for f in findings if any(f["path"] == w or f["path"].startswith(w + "/") for w in wanted)
        ]
        report["findings"] = findings
    if is_empty(portfolio):
        show = partial(_shown, root)
        raise NothingToCheck(plain(no_feature(portfolio, settings.exclude, settings.problems, show)))
    missed = unmatched(portfolio, wanted, paths)
    if missed:
        names = ", ".join(f"'{m}'" for m in missed)
        raise NothingToCheck(
            plain(
                f"--only {names} names no file or folder of the portfolio ({roots_line(portfolio)}): "
                f"pass files or folders relative to ROOT, such as {closest(portfolio, missed[0])}"
            )
        )
    # On standard error, so that the report alone is on standard output. Folder names come from the
    # repository: printed without escape sequences, as every name is.
    click.echo(plain(roots_line(portfolio)), err=True)

    if fmt == "json":
        click.echo(to_json(report, indent=2))
    elif fmt == "sarif":
        click.echo(to_json(sarif(findings), indent=2))
    elif fmt == "github":
        for line in annotations(findings):
            click.echo(line)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as out:
                out.write(step_summary(report, findings))
    else:
        for line in text_report(report, findings):
            click.echo(line)
    if any(at_or_above(f["severity"], fail_on) for f in findings):
        sys.exit(1)


class NothingToCheck(click.ClickException):
    """A check that would pass on nothing: exit 2, as for a configuration error."""

    exit_code = 2


def _shown(root: Path, folder: Path) -> str:
    """`folder` as the user would type it: relative to here when ROOT was given so, else absolute."""
    if root.is_absolute():
        return str(folder.resolve())
    return os.path.relpath(folder.resolve())


def _relative(root: Path, path: str) -> str:
    """A --only path as the findings name it: relative to ROOT, with `/`."""
    candidate = Path(path)
    absolute = candidate if candidate.is_absolute() else (Path.cwd() / candidate)
    try:
        return absolute.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return candidate.as_posix().strip("/")


@main.command("fetch-mermaid")
def fetch_mermaid_command() -> None:
    """Fetch the pinned mermaid library through npm into the cache the plugin serves it from."""
    try:
        path = fetch_mermaid()
    except FetchError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"mermaid {MERMAID_VERSION}: {path}")


@main.command("init")
@click.argument("project", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The site's name. Default: the project folder's name.")
@click.option("--site-url", metavar="URL", help="Where the site is published: your GitHub Pages address.")
def init_command(project: Path, name: str | None, site_url: str | None) -> None:
    """Write mkdocs.yml, docs/index.md, a GitHub Pages workflow and .gitignore lines in PROJECT.

    A file that exists is kept as it is, and said so.
    """
    for outcome in init(project, name or project.resolve().name, site_url):
        click.echo(str(outcome))
    click.echo("Next: spec-portfolio fetch-mermaid (once, for diagrams offline), then mkdocs serve.")
