"""Escaping source text for the Markdown and HTML we generate."""

from __future__ import annotations

import html
import re

# What Python-Markdown or its common extensions could read as markup mid-line, as numeric references.
_MARKDOWN_SPECIAL = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#+!|~^=$"}
_MARKDOWN_SPECIAL.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"})


def md_text(text: str) -> str:
    """Source text placed in generated Markdown: shown as written, never read as markup or HTML."""
    return " ".join(text.split()).translate(_MARKDOWN_SPECIAL)


def html_text(text: str) -> str:
    """Source text placed in HTML (attributes included)."""
    return html.escape(" ".join(text.split()), quote=True)


# Escape sequences a terminal (or GitHub's log viewer) acts on: CSI (`ESC [ ... final`, colours, clearing the
# screen), string commands up to BEL or ST (`ESC ] 0;title BEL`, OSC 8 links, DCS...), and two-byte escapes.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -/]*[0-~]?)"
)
# What is left that a terminal acts on: C0 but tab and line breaks, DEL, C1 (8-bit CSI and OSC among them),
# and the bidirectional controls that reorder what is shown ("Trojan Source").
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile(r"\r\n?|[\n\v\f\x85\u2028\u2029]")


def terminal_text(text: str, *, newlines: bool = False) -> str:
    """Source text printed to a terminal or a CI log: escape sequences and control characters dropped,
    tabs made spaces, line breaks kept as `\\n` only if `newlines`, else made spaces."""
    text = _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text)).replace("\t", " ")
    return _LINE_BREAK.sub("\n" if newlines else " ", text)
