"""Front matter of portfolio documents as the theme may see it: every key it prints escaped or checked.

Material prints `title`, `subtitle`, `description`, `author`, `status`, `icon` and `tags` without
escaping, chooses the page's template by `template` (`redirect.html` places `location` in a script),
and fails the whole build on a `hide`, `search`, `icon` or `template` of the wrong kind. A portfolio
document is untrusted: `safe_meta` returns the metadata with each such key made safe or dropped, and a
problem naming the file and the key's line for each one dropped or changed. Keys the theme does not read
are kept as they are. Pages in docs/ are trusted, as MkDocs trusts them, and never pass through here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .escape import html_text
from .model import Problem

# Printed as text (Material's <head>, header and navigation; MkDocs' page title).
_TEXT = ("title", "subtitle", "description", "author")
# Material's values for `hide` and the statuses it styles without `extra.status`.
HIDE = frozenset({"navigation", "toc", "footer", "path", "tags", "feedback"})
STATUSES = frozenset({"new", "deprecated"})
# Read by the theme (Material's source-file partial, its social and redirect templates) from page.meta,
# never meant to come from a document: set by plugins, or only safe as a checked template's option.
_THEME_ONLY = ("revision_date", "git_revision_date_localized", "git_creation_date_localized", "social")
_NAME = re.compile(r"[A-Za-z0-9_-]+")
_ICON = re.compile(r"[a-z0-9_-]+(?:/[a-z0-9_-]+)+")
_TEMPLATE = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.html")
# What a `location` may hold: no quote, angle bracket, backslash or space to leave the script's string.
_LOCATION = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")


@dataclass(frozen=True, slots=True)
class Policy:
    """What the site allows, from mkdocs.yml and the theme."""

    statuses: frozenset[str] = STATUSES  # Material's and the keys of `extra.status`
    icon_exists: Callable[[str], bool] = lambda name: False
    template_exists: Callable[[str], bool] = lambda name: False
    trust_templates: bool = False  # the `trust_front_matter` option
    reserved_templates: frozenset[str] = field(default_factory=frozenset)  # the plugin's own


def safe_meta(meta: dict, path: str, lines: dict[str, int], policy: Policy) -> tuple[dict, list[Problem]]:
    """`meta` (a document's parsed front matter) with what the theme reads made safe, and the problems;
    `lines` is the 1-based line of each key, lower-cased, as parse.py records it (`Parsed.meta_lines`)."""
    problems: list[Problem] = []
    safe: dict = {}

    def refuse(key: str, why: str, severity: str = "warning") -> None:
        message = f"front matter '{key}' {why}; not used by the theme"
        problems.append(Problem(path, message, lines.get(key.lower(), 1), severity))

    for key, value in meta.items():
        if not isinstance(key, str):
            continue
        if key in _TEXT:
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                safe[key] = html_text(str(value))
            elif value is not None:
                refuse(key, f"is {_kind(value)}, not text")
        elif key == "tags":
            items = value if isinstance(value, list) else [value]
            if all(isinstance(tag, str | int | float) and not isinstance(tag, bool) for tag in items):
                safe[key] = [html_text(str(tag)) for tag in items]
            else:
                refuse(key, "is not a list of names")
        elif key == "hide":
            items = value if isinstance(value, list) else [value]
            if all(isinstance(item, str) and item in HIDE for item in items):
                safe[key] = list(items)
            else:
                refuse(key, f"is not a list of {', '.join(sorted(HIDE))}")
        elif key == "search":
            checked = _search(value)
            if checked is None:
                refuse(key, "is not a mapping of `exclude` (true or false) and `boost` (a number)")
            else:
                safe[key] = checked
        elif key == "status":
            if isinstance(value, str) and _NAME.fullmatch(value) and value in policy.statuses:
                safe[key] = value
            elif isinstance(value, str) and _NAME.fullmatch(value):
                # A plain word such as `Draft`: the portfolio's own badges show it; the theme has no style.
                refuse(
                    key,
                    f"'{value}' is not a status of the theme ({', '.join(sorted(policy.statuses))})",
                    "info",
                )
            else:
                refuse(key, "is not a status name")
        elif key == "icon":
            if not (isinstance(value, str) and _ICON.fullmatch(value)):
                refuse(key, "is not an icon name such as material/home")
            elif not policy.icon_exists(value):
                refuse(key, f"names '{value}', which is not an icon of the theme")
            else:
                safe[key] = value
        elif key == "template":
            why = _template(value, meta.get("location"), policy)
            if why:
                refuse(key, why)
            else:
                safe[key] = value
        elif key in _THEME_ONLY:
            refuse(key, "is set by plugins, not by documents")
        else:
            safe[key] = value  # `location` too: only redirect.html prints it, and `template` checks it
    return safe, problems


def _search(value: object) -> dict | None:
    if not isinstance(value, dict) or not set(value) <= {"exclude", "boost"}:
        return None
    exclude, boost = value.get("exclude", False), value.get("boost", 1)
    if not isinstance(exclude, bool) or isinstance(boost, bool) or not isinstance(boost, int | float):
        return None
    return dict(value)


def _template(value: object, location: object, policy: Policy) -> str | None:
    """Why a `template` is refused, or None."""
    if not policy.trust_templates:
        return "chooses the page's template, which only trust_front_matter allows"
    if not (isinstance(value, str) and _TEMPLATE.fullmatch(value)) or value in policy.reserved_templates:
        return "is not a template name such as main.html"
    if not policy.template_exists(value):
        return f"names '{value}', which is not a template of the theme"
    if value == "redirect.html" and not _safe_location(location):
        return "redirects to a `location` that is not a relative or http(s) address"
    return None


def _safe_location(location: object) -> bool:
    if not isinstance(location, str) or not _LOCATION.fullmatch(location):
        return False
    scheme = urlsplit(location).scheme.lower()
    return scheme in ("http", "https") or (not scheme and not location.startswith("//"))


def _kind(value: object) -> str:
    return {dict: "a mapping", list: "a list", bool: "true or false"}.get(type(value), type(value).__name__)
