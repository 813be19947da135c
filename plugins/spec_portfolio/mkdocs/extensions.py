"""The Markdown extensions that make pages render as GitHub renders them, added where missing."""

from __future__ import annotations

from typing import Any

from mermaid2.fence import fence_mermaid_custom
from mkdocs.config.defaults import MkDocsConfig
from pymdownx.superfences import fence_code_format

# The context bar and the lists we add are Markdown inside HTML blocks.
REQUIRED: dict[str, dict[str, Any]] = {"attr_list": {}, "md_in_html": {}}


def github_markdown(mermaid2: bool) -> dict[str, dict[str, Any]]:
    """The extensions and options; mermaid fences go to mermaid2's loader when that plugin is on."""
    fence = fence_mermaid_custom if mermaid2 else fence_code_format
    return {**GITHUB_MARKDOWN, "pymdownx.superfences": {"custom_fences": [
        {"name": "mermaid", "class": "mermaid", "format": fence}
    ]}}  # fmt: skip


GITHUB_MARKDOWN: dict[str, dict[str, Any]] = {
    "admonition": {},
    "footnotes": {},
    "github-callouts": {},  # `> [!NOTE]` alerts, from markdown-callouts
    "mdx_truly_sane_lists": {},  # lists nested by two spaces
    "pymdownx.details": {},
    "pymdownx.highlight": {"anchor_linenums": False, "pygments_lang_class": True},
    "pymdownx.inlinehilite": {},
    "spec_portfolio.mkdocs.autolink": {},  # bare URLs and e-mail addresses, as GitHub links them
    "pymdownx.tasklist": {"custom_checkbox": True},
    "pymdownx.tilde": {},  # ~~strikethrough~~
}


def add_extensions(config: MkDocsConfig, extensions: dict[str, dict[str, Any]]) -> None:
    """Add each extension the config does not name yet, with our options."""
    for name, options in extensions.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
            config.mdx_configs.setdefault(name, options)
