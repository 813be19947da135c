"""How closely portfolio pages match GitHub's rendering, by the GFM spec's own examples.

The examples come from ../shared/gfm (spec.txt and extensions.txt of github/cmark-gfm; never copied into
the project). Each one becomes a document of a portfolio that a real `mkdocs build` publishes; a hook
keeps the content of every page as published (after our sanitiser), and that is compared with the
expected HTML once presentational markup is normalised on both sides: classes, ids, spans, highlight
wrappers, permalinks, task-list labels, the bars and marks the plugin adds, attribute order, entity
spelling and whitespace between block tags. The raw-HTML sections are left out: we sanitise raw HTML,
on purpose. Other renderers are measured on the same examples, rendered directly.

    PYTHONPATH=plugins python tests/gfm_conformance.py [--failures SECTION]
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GFM = REPO.parent / "shared" / "gfm"
SPEC_FILES = ("spec.txt", "extensions.txt")
RAW_HTML_SECTIONS = frozenset({"HTML blocks", "Raw HTML", "Disallowed Raw HTML (extension)"})
_FENCE = "`" * 32
_HEADING = re.compile(r"#{1,6} (.+)")


@dataclass(frozen=True, slots=True)
class Example:
    number: int  # from 1, over both files in order
    section: str
    markdown: str
    html: str


def read_examples(folder: Path = GFM) -> list[Example]:
    """Every example of the spec files but those of the raw-HTML sections; `→` stands for a tab."""
    examples: list[Example] = []
    number = 0
    for name in SPEC_FILES:
        lines = (folder / name).read_text(encoding="utf-8").split("\n")
        section, i = "", 0
        while i < len(lines):
            line = lines[i]
            if line.startswith(_FENCE + " example"):
                end = lines.index(".", i + 1)
                close = lines.index(_FENCE, end + 1)
                number += 1
                if section not in RAW_HTML_SECTIONS:
                    markdown = "\n".join(lines[i + 1 : end]).replace("→", "\t")
                    html = "\n".join(lines[end + 1 : close]).replace("→", "\t")
                    examples.append(Example(number, section, markdown + "\n" if markdown else "", html))
                i = close + 1
                continue
            heading = _HEADING.fullmatch(line)
            if heading:
                section = heading.group(1).strip()
            i += 1
    return examples


# What the normaliser treats as blocks: whitespace next to their tags is not content.
_BLOCKS = frozenset(
    {
        "article", "blockquote", "body", "caption", "col", "colgroup", "dd", "details", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "nav",
        "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_VOID = frozenset({"br", "hr", "img", "input", "col", "wbr"})
_UNWRAPPED = frozenset({"span", "label"})  # pygments' tokens, Material's task-list labels
# `lang` on <pre> is cmark-gfm's language marker, as the class of <code> is the others'.
_DROPPED_ATTRIBUTES = frozenset({"class", "id", "lang", "name", "role", "rel", "target", "style"})
_BOOLEAN = frozenset({"checked", "disabled"})
# What the plugin adds around and inside a document: bars above and below, marks on findings.
_OURS_DROPPED = ("sp-bar", "sp-badges", "sp-findings", "sp-hidden", "sp-referenced", "sp-features")
_OURS_UNWRAPPED = ("sp-mark", "sp-feature-ref", "highlight")
_PERMALINK = "headerlink"
_ALIGN = re.compile(r"text-align:\s*(left|right|center)")


class _Normaliser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, printed)
        self.skipping = 0  # depth inside an element dropped with its content
        self.pre = 0
        self.strip_next = True  # the text that follows a block tag loses its leading whitespace

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.skipping or _PERMALINK in classes or any(c.startswith(_OURS_DROPPED) for c in classes):
            if tag not in _VOID:
                self.skipping += 1
            return
        printed = tag not in _UNWRAPPED and not any(c in _OURS_UNWRAPPED for c in classes)
        if tag == "div" and "admonition" not in classes and any("highlight" in c for c in classes):
            printed = False
        if tag not in _VOID:
            self.stack.append((tag, printed))
        if not printed:
            return
        self._tag(f"<{tag}{_attributes(attrs)}>", tag)
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.skipping:
            self.skipping -= 1
            return
        while self.stack:
            open_tag, printed = self.stack.pop()
            if printed:
                if open_tag == "pre":
                    self.pre -= 1
                self._tag(f"</{open_tag}>", open_tag)
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if not self.pre:
            data = re.sub(r"\s+", " ", data)
            if self.strip_next:
                data = data.lstrip()
        if data:
            self.out.append(escape(data, quote=False))
            self.strip_next = False

    def _tag(self, text: str, tag: str) -> None:
        block = tag in _BLOCKS
        if block and not self.pre and self.out and not self.out[-1].startswith("<"):
            self.out[-1] = self.out[-1].rstrip()
        self.out.append(text)
        self.strip_next = block


def _attributes(attrs: Iterable[tuple[str, str | None]]) -> str:
    kept: dict[str, str] = {}
    for name, value in attrs:
        if name == "style" and value and (align := _ALIGN.search(value)):
            kept["align"] = align.group(1)
        elif name in _BOOLEAN:
            kept[name] = ""
        elif name not in _DROPPED_ATTRIBUTES and not name.startswith(("data-", "aria-")):
            kept[name] = value or ""
    return "".join(f' {name}="{escape(kept[name])}"' for name in sorted(kept))


def normalise(html: str) -> str:
    parser = _Normaliser()
    parser.feed(html)
    parser.close()
    return "".join(parser.out).strip()


def matches(example: Example, html: str) -> bool:
    return normalise(html) == normalise(example.html)


# The hook a conformance build runs: after every plugin, it keeps each page's content as published.
_HOOK = """
import json
from pathlib import Path
from mkdocs.plugins import event_priority

pages = {}

@event_priority(-10000)
def on_page_content(html, page, config, files):
    pages[page.file.src_uri] = html

def on_post_build(config):
    Path(config.config_file_path).with_name("pages.json").write_text(json.dumps(pages))
"""
FEATURE = "specs/001-gfm-examples"


def example_path(example: Example) -> str:
    return f"{FEATURE}/examples/{example.number:04d}.md"


def build_examples(examples: list[Example], project: Path, plugin: dict | None = None) -> dict[int, str]:
    """Each example as a document of one portfolio, built by `mkdocs build`: its content as published."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (project / "docs").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    folder = project / FEATURE
    (folder / "examples").mkdir(parents=True, exist_ok=True)
    (folder / "spec.md").write_text("# Feature Specification: GFM examples\n", encoding="utf-8")
    for example in examples:
        (project / example_path(example)).write_text(example.markdown, encoding="utf-8")
    (project / "hook.py").write_text(_HOOK, encoding="utf-8")
    settings = {
        "site_name": "GFM conformance",
        "theme": {"name": "material"},
        "plugins": [{"spec-portfolio": plugin or {}}],
        "hooks": ["hook.py"],
    }
    (project / "mkdocs.yml").write_text(json.dumps(settings), encoding="utf-8")  # JSON is YAML
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        build(load_config(str(project / "mkdocs.yml")))
    finally:
        logger.setLevel(level)
    pages = json.loads((project / "pages.json").read_text(encoding="utf-8"))
    return {e.number: pages[example_path(e)] for e in examples if example_path(e) in pages}


def markdown_it_gfm() -> Callable[[str], str]:
    """markdown-it-py's GFM-like preset with mdit-py-plugins' task lists and footnotes, as they come."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    md = MarkdownIt("gfm-like").use(tasklists_plugin).use(footnote_plugin)
    return md.render


def cmark_gfm() -> Callable[[str], str] | None:
    """GitHub's own cmark-gfm with its extensions, when cmarkgfm is installed."""
    try:
        import cmarkgfm
        from cmarkgfm.cmark import Options
    except ImportError:
        return None
    return lambda text: cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)


def score(examples: list[Example], rendered: dict[int, str]) -> list[Example]:
    """The examples whose rendering does not match."""
    return [e for e in examples if e.number not in rendered or not matches(e, rendered[e.number])]


def _report(name: str, examples: list[Example], failed: list[Example]) -> None:
    passed = len(examples) - len(failed)
    print(f"{name}: {passed}/{len(examples)} = {100 * passed / len(examples):.1f}%")
    worst = Counter(e.section for e in failed).most_common(6)
    if worst:
        print("   most misses: " + ", ".join(f"{section} {n}" for section, n in worst))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gfm", type=Path, default=GFM, help="folder of spec.txt and extensions.txt")
    parser.add_argument("--failures", metavar="SECTION", help="print the site's misses in this section")
    args = parser.parse_args(argv)
    if not all((args.gfm / name).is_file() for name in SPEC_FILES):
        print(f"{args.gfm}: no GFM spec files", file=sys.stderr)
        return 2
    examples = read_examples(args.gfm)
    with tempfile.TemporaryDirectory() as folder:
        site = build_examples(examples, Path(folder))
    failed = score(examples, site)
    _report("portfolio pages (mkdocs build)", examples, failed)
    others = {"markdown-it-py + mdit-py-plugins": markdown_it_gfm(), "cmark-gfm (cmarkgfm)": cmark_gfm()}
    for name, render in others.items():
        if render is None:
            print(f"{name}: not installed")
            continue
        _report(name, examples, score(examples, {e.number: render(e.markdown) for e in examples}))
    if args.failures:
        for example in failed:
            if example.section == args.failures:
                print(f"\n--- example {example.number} ({example.section})\n{example.markdown}")
                print(
                    f"expected: {normalise(example.html)}\ngot:      {normalise(site.get(example.number, ''))}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
