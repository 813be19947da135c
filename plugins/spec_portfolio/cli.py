"""The `spec-portfolio` command: the same core as the plugin, for terminals and CI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .load import load_portfolio
from .model import SEVERITIES, at_or_above
from .report import portfolio_json
from .settings import SettingsError, read_settings


@click.group()
@click.version_option(__version__, prog_name="spec-portfolio")
def main() -> None:
    """Discover, check and publish a portfolio of spec-kit specs, plans and epics."""


@main.command()
@click.argument("root", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--fail-on",
    type=click.Choice([*SEVERITIES, "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding at or above this severity exists.",
)
def check(root: Path, fmt: str, fail_on: str) -> None:
    """Read the portfolio under ROOT (default: here) and report its features and findings."""
    try:
        settings = read_settings(root)
        portfolio = load_portfolio(
            root, settings.roots, exclude=settings.exclude, source_url=settings.source_url
        )
    except SettingsError as error:
        raise click.UsageError(str(error)) from error
    report = portfolio_json(portfolio)
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print_text(report)
    if any(at_or_above(f["severity"], fail_on) for f in report["findings"]):
        sys.exit(1)


def _print_text(report: dict) -> None:
    for feature in report["features"]:
        epic = f"  [{feature['epic']}]" if feature["epic"] else ""
        status = f"  ({feature['status']})" if feature["status"] else ""
        click.echo(f"{feature['id']}: {feature['title']}{status}{epic}")
    for finding in report["findings"]:
        where = f"{finding['path']}:{finding['line']}" if finding["line"] else finding["path"]
        click.echo(f"{where}: {finding['severity']}: {finding['message']}")
    totals = report["totals"]
    click.echo(
        f"{totals['epics']} epics, {totals['features']} features, {totals['documents']} documents, "
        f"{len(report['findings'])} findings"
    )
