"""Sanitised copies of SVG files: the picture stays, nothing in it can run or load from elsewhere.

An SVG opened on its own (not through `<img>`) is a document on the site's origin: a `<script>`, an
`onload`, a `javascript:` link or an `<animate>` that sets one runs there. The copy keeps only the
elements and attributes on the allow-lists below (the XHTML inside a `<foreignObject>`, where mermaid
and draw.io put their labels, included), links only to its own fragments, and styles that load nothing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# No script, a, animate, set, iframe, handler or cursor; image only with an inline picture (below).
SVG_ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "path", "rect", "circle",
        "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "marker",
        "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "filter", "feBlend",
        "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow", "feFlood", "feFuncA",
        "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology",
        "feOffset", "feTile", "switch", "style", "foreignObject", "image",
    }
)  # fmt: skip
XHTML_ELEMENTS = frozenset(
    {
        "div", "span", "p", "br", "b", "strong", "i", "em", "u", "s", "small", "sub", "sup", "code",
        "pre", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "label", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr",
    }
)  # fmt: skip
_ATTRIBUTE = re.compile(r"^(?:[a-z][a-z0-9-]*|[a-z]+[A-Z][A-Za-z]*)$")  # plain presentation names
_REFERENCES = frozenset({"href", f"{{{XLINK_NS}}}href"})
_INLINE_PICTURE = re.compile(r"\s*data:image/(?:png|jpeg|gif|webp);base64,", re.I)
_KEPT_FOREIGN = frozenset({f"{{{XML_NS}}}space", f"{{{XML_NS}}}lang"})
# `url(...)` that is not a fragment, `@import`, old `expression(`, and escapes that could spell them.
_LOADS = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)|@import|expression\s*\(|\\", re.I)


class NotSVG(ValueError):
    """The file does not parse as an SVG document."""


def sanitise_svg(data: bytes) -> tuple[bytes, int]:
    """The sanitised copy of `data`, and how many elements and attributes were removed."""
    if b"<!ENTITY" in data:  # entity declarations are how an XML file grows or reaches outside
        raise NotSVG("declares XML entities")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise NotSVG(f"is not well-formed XML ({error})") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise NotSVG("has no <svg> root element in the SVG namespace")
    removed = _clean(root, inside_html=False)
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True), removed


def _clean(element: ET.Element, inside_html: bool) -> int:
    removed = 0
    for name in list(element.attrib):
        if not _safe_attribute(name, element.attrib[name]):
            del element.attrib[name]
            removed += 1
    for child in list(element):
        if _allowed(child.tag, inside_html):
            removed += _clean(child, inside_html or child.tag == f"{{{SVG_NS}}}foreignObject")
        else:
            element.remove(child)  # its text and children go with it
            removed += 1
    if element.tag == f"{{{SVG_NS}}}style" and element.text and _LOADS.search(element.text):
        element.text = ""
        removed += 1
    return removed


def _allowed(tag: object, inside_html: bool) -> bool:
    if not isinstance(tag, str):  # comments and processing instructions
        return False
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if namespace == SVG_NS:
        return local in SVG_ELEMENTS
    return inside_html and namespace == XHTML_NS and local in XHTML_ELEMENTS


def _safe_attribute(name: str, value: str) -> bool:
    if name in _REFERENCES:
        return value.strip().startswith("#") or bool(_INLINE_PICTURE.match(value))
    if name.startswith("{"):
        return name in _KEPT_FOREIGN
    if name.lower().startswith("on") or not _ATTRIBUTE.match(name):
        return False
    return not _LOADS.search(value)
