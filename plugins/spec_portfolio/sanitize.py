"""The allow-list for HTML rendered from source documents (nh3, the Rust ammonia sanitizer).

Markdown's own output, GitHub-style HTML (details, summary, br, sub, sup, kbd, tables, images) and the
markup we add are kept (generated pages pass through it too, with their filter controls); scripts, event
handlers, `javascript:` URLs, iframes, forms and styles are not.

Names the page's scripts look elements up by cannot be taken (DOM clobbering): every `name` gets the
prefix `user-content-` (as on GitHub), and so does every id in the theme's namespace (all of Material's
ids start with `_`: `__config`, `__search`, `__nav_1`, ...), together with the references to it in the
same content (`href="#..."`, `for`, `aria-describedby`), so in-page links still work. Other ids, the
heading anchors among them, are kept as they are.
"""

from __future__ import annotations

import nh3

TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
        "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "time", "tr", "u", "ul", "var", "wbr",
        "select", "option",  # the dashboard's filters (no form: nothing is sent anywhere)
        # Inline icons (emoji, Material's own) are SVG shapes; no SVG script or foreign object.
        "svg", "path", "g", "circle", "rect", "line", "polyline", "polygon", "ellipse",
    }
)  # fmt: skip
_GLOBAL = {
    "class", "id", "title", "role", "lang", "dir",
    "aria-label", "aria-hidden", "aria-describedby", "aria-live",
}  # fmt: skip
ATTRIBUTES = {
    "*": _GLOBAL,
    "a": {"href", "name", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "input": {
        "checked",
        "disabled",
        "name",
        "placeholder",
    },  # task lists, pymdownx tabs, filters; `type` below
    "span": {"data-epic", "data-status", "data-gates"},  # the dashboard's cells its filters match
    "select": {"data-column"},
    "option": {"value"},
    "label": {"for"},
    "time": {"datetime"},
    "svg": {"viewBox", "xmlns", "width", "height", "fill"},
    "path": {"d", "fill", "fill-rule", "clip-rule"},
    "circle": {"cx", "cy", "r", "fill"},
    "rect": {"x", "y", "width", "height", "rx", "ry", "fill"},
    "g": {"fill"},
    "line": {"x1", "x2", "y1", "y2"},
    "polyline": {"points"},
    "polygon": {"points"},
    "ellipse": {"cx", "cy", "rx", "ry"},
}
# Python-Markdown's table column alignment, exactly; no other style.
_ALIGN = {"style": {f"text-align: {side};" for side in ("left", "right", "center")}}
VALUES = {"input": {"type": {"checkbox", "radio", "search"}}, "td": _ALIGN, "th": _ALIGN}
SCHEMES = frozenset({"http", "https", "mailto"})
PREFIX = "user-content-"
_REFERENCES = frozenset({"for", "aria-describedby"})  # attributes that name ids, space-separated


def theirs(name: str) -> str:
    """An id or name as it may stand in content: a theme's id (leading `_`) gets the prefix."""
    return PREFIX + name if name.startswith("_") else name


def _attribute(tag: str, attribute: str, value: str) -> str:
    if attribute == "name":
        return PREFIX + value
    if attribute == "id":
        return theirs(value)
    if attribute in _REFERENCES:
        return " ".join(theirs(name) for name in value.split())
    if attribute == "href" and value.startswith("#"):
        return "#" + theirs(value[1:])
    return value


def sanitize(html: str) -> str:
    """`html` with everything outside the allow-list removed (script and style content included)."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        tag_attribute_values={tag: {a: set(v) for a, v in values.items()} for tag, values in VALUES.items()},
        url_schemes=set(SCHEMES),
        attribute_filter=_attribute,
        link_rel=None,
        strip_comments=True,
    )
