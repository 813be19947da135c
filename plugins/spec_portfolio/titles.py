"""Whether a document's title is still the template's: `[FEATURE]`, `[FEATURE NAME]`, `<<FEATURE_NAME>>`.

Such a title names no feature, so the nav, the dashboard and `check` fall back to the folder's name.
"""

from __future__ import annotations

import re

# A slot of a template: in brackets, double angles or double braces, or a `$NAME` variable. Bounded and
# free of its own closing mark, so each is found in one pass.
_SLOT = re.compile(
    r"\[([^\[\]\n]{1,80})\]|<<([^<>\n]{1,80})>>|\{\{([^{}\n]{1,80})\}\}|\$([A-Z][A-Z0-9_]{2,40})\b"
)
# What a slot of a title asks for: a name, a title, an id or type, or the `###-feature-name` pattern.
# `[WIP]`, `[P1]`, `[beta]` or `[MVP]` are tags of a real title, not slots.
_NAMING = re.compile(r"feature|name|title|project|epic|\bid\b|_id\b|\btype\b|#{2,}|arguments", re.I)


def unfilled_title(title: str) -> bool:
    """True when `title` holds a slot that asks for the feature's (or project's) name."""
    for match in _SLOT.finditer(title):
        slot = next(group for group in match.groups() if group is not None)
        if _NAMING.search(slot):
            return True
    return False
