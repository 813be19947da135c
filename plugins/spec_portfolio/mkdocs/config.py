"""The `spec-portfolio` plugin's options; docs/reference.md describes each."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class _Count(c.Type[int]):
    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        count = super().run_validation(value)
        if isinstance(value, bool) or count < 0:
            raise base.ValidationError(f"Expected a whole number of 0 or more, but received: {value!r}")
        return count


class SpecPortfolioConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Folders, relative to mkdocs.yml, that hold specs/ and plans/ style trees; unset: specs/, plans/ and
    # the specs/ folders below the project that hold features (roots.py).
    roots = c.Optional(c.ListOfItems(c.Type(str)))
    # Title of the navigation section that lists epics and features.
    nav_title = c.Type(str, default="Portfolio")
    # Add the Markdown extensions that make pages render as GitHub renders them.
    github_markdown = c.Type(bool, default=True)
    # Sanitise HTML rendered from source documents with an allow-list (off only if every author is trusted).
    sanitize_html = c.Type(bool, default=True)
    # Let portfolio documents choose their page's template in front matter (off: every author untrusted).
    trust_front_matter = c.Type(bool, default=False)
    # Publish HTML, SVG and other files that could run script as they are (off: source pages, clean copies).
    trust_assets = c.Type(bool, default=False)
    # Fail the build when a finding at or above this severity exists.
    fail_on = c.Choice(("error", "warning", "info", "never"), default="never")
    # Processes for a large portfolio: 0 for one per CPU (up to 4), 1 for none (see the reference).
    workers = _Count(default=0)
