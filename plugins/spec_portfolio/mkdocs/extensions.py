"""The Markdown extensions that make pages render as GitHub renders them, added where missing."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from pymdownx.superfences import fence_code_format

# The context bar and the lists we add are Markdown inside HTML blocks.
REQUIRED: dict[str, dict[str, Any]] = {"attr_list": {}, "md_in_html": {}}

GITHUB_MARKDOWN: dict[str, dict[str, Any]] = {
    "admonition": {},
    "footnotes": {},
    "github-callouts": {},  # `> [!NOTE]` alerts, from markdown-callouts
    "mdx_truly_sane_lists": {},  # lists nested by two spaces
    "pymdownx.details": {},
    "pymdownx.highlight": {"anchor_linenums": False, "pygments_lang_class": True},
    "pymdownx.inlinehilite": {},
    "pymdownx.magiclink": {},
    "pymdownx.tasklist": {"custom_checkbox": True},
    "pymdownx.tilde": {},  # ~~strikethrough~~
    "pymdownx.superfences": {
        "custom_fences": [{"name": "mermaid", "class": "mermaid", "format": fence_code_format}]
    },
}


def add_extensions(config: MkDocsConfig, extensions: dict[str, dict[str, Any]]) -> None:
    """Add each extension the config does not name yet, with our options."""
    for name, options in extensions.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
            config.mdx_configs.setdefault(name, options)
