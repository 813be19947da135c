"""Material's page frame, written with the indentation of its templates, compacted.

A run of whitespace that holds a line break becomes one line break: it still separates what it
separated, so the page looks and behaves the same. Only the frame around `<article>` is touched; the
article, whose code blocks keep every space, stays as rendered. A frame that holds a `<pre>` or a
`<textarea>` (where whitespace shows) is left as it is.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"[ \t\r\f\v]*\n\s*")


def compact(html: str) -> str:
    start, end = html.find("<article"), html.rfind("</article>")
    if start == -1 or end == -1:
        return html
    return _compact(html[:start]) + html[start:end] + _compact(html[end:])


def _compact(frame: str) -> str:
    if "<pre" in frame or "<textarea" in frame:
        return frame
    return _RUN.sub("\n", frame)
