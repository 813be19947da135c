"""How long Python-Markdown would take on a document: too long, and it is published as source instead."""

from __future__ import annotations

import re

# Python-Markdown scans from each `[`, `](` and `<` to its closing `]`, `)`, `>` (or the block's end), so
# unclosed or deeply nested openers cost the square of their number. Past this much scanning beyond a
# small multiple of the text's length, a document is shown as source instead.
RENDER_WORK = 1_000_000
RENDER_WORK_PER_CHAR = 20
_OPENERS = re.compile(r"\[|\]\(?|\)|<|>|\n[ \t]*\n")
_CLOSE = {"]": "[", ")": "(", ">": "<"}


def render_work(text: str) -> tuple[int, int, int]:
    """(chars Python-Markdown's link and HTML patterns would scan, openers left unclosed, 1-based line of
    the costliest opener): each opener scans to its closer, or to the end of its block (a blank line)."""
    work, unclosed, worst, worst_at = 0, 0, 0, 0
    open_at: dict[str, list[int]] = {"[": [], "(": [], "<": []}

    def close(stack: list[int], end: int) -> None:
        nonlocal work, worst, worst_at
        start = stack.pop()
        work += end - start
        if end - start > worst:
            worst, worst_at = end - start, start

    for m in _OPENERS.finditer(text):
        token, at = m.group(), m.start()
        if token[0] == "\n" or token in "[<":
            if token[0] == "\n":  # a block ends: what is still open was scanned up to here
                for stack in open_at.values():
                    unclosed += len(stack)
                    while stack:
                        close(stack, at)
            else:
                open_at[token].append(at)
            continue
        stack = open_at[_CLOSE[token[0]]]
        if stack:
            close(stack, at)
        if token == "](":
            open_at["("].append(at + 1)
        elif token == ">":
            while stack:  # one `>` ends every `<` before it
                close(stack, at)
    for stack in open_at.values():
        unclosed += len(stack)
        while stack:
            close(stack, len(text))
    return work, unclosed, text.count("\n", 0, worst_at) + 1


def too_slow_to_render(text: str) -> tuple[str, int] | None:
    """Why `text` is shown as source rather than rendered, and from which line; or None."""
    work, unclosed, line = render_work(text)
    if work <= RENDER_WORK + RENDER_WORK_PER_CHAR * len(text):
        return None
    message = (
        f"not rendered: {unclosed} unclosed (or deeply nested) brackets or tags would take too long "
        f"to render ({work:,} characters to scan); shown as source"
    )
    return message, line
