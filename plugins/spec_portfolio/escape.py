"""Escaping source text for the Markdown and HTML we generate."""

from __future__ import annotations

import html

# What Python-Markdown or its common extensions could read as markup mid-line, as numeric references.
_MARKDOWN_SPECIAL = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#+!|~^=$"}
_MARKDOWN_SPECIAL.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"})


def md_text(text: str) -> str:
    """Source text placed in generated Markdown: shown as written, never read as markup or HTML."""
    return " ".join(text.split()).translate(_MARKDOWN_SPECIAL)


def html_text(text: str) -> str:
    """Source text placed in HTML (attributes included)."""
    return html.escape(" ".join(text.split()), quote=True)
