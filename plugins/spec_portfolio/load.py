"""The one entry point of the core: roots on disk to a resolved, cross-linked Portfolio."""

from __future__ import annotations

from pathlib import Path

from .cache import Cache
from .discover import MAX_BYTES, discover
from .findings import analyze
from .links import resolve_all
from .model import Portfolio
from .urls import assign_site_paths


def load_portfolio(
    project: Path,
    roots: list[str] | None = None,
    *,
    exclude: list[Path] | None = None,
    taken: set[str] | None = None,
    source_url: str | None = None,
    max_bytes: int = MAX_BYTES,
    cache: Cache | None = None,
    workers: int = 1,
    trust_assets: bool = False,
) -> Portfolio:
    """Discover, parse and link every document under `roots` of `project`.

    `exclude` are folders never read (the site and docs folders); `taken` are site paths already in
    use by other pages; `source_url` is where unpublished repository files can be linked to. `cache`
    keeps results between builds; `workers` processes share a large portfolio (0: one per CPU);
    `trust_assets` publishes files that could run script as they are.
    """
    portfolio = discover(project, roots, exclude, max_bytes, cache, workers, trust_assets)
    portfolio.source_url = source_url
    assign_site_paths(portfolio, taken or set())
    resolve_all(portfolio, source_url)
    analyze(portfolio, workers)
    return portfolio
