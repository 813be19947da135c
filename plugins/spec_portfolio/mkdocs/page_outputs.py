"""Whole pages kept between the builds of `mkdocs serve`: an unchanged page skips the theme's templates.

After one plan is edited, most pages of a large portfolio come out of the theme exactly as before, and
rendering them through the templates is most of a rebuild. A page's output is reused when everything the
templates read is unchanged: the page (address, title, content, table of contents, metadata), the site
(every page's address and title, the navigation, the settings) and the theme's own files. The reused page
still passes through every plugin's `on_page_context` and `on_post_page`, as a fresh one does; its search
entries are kept too (`search_entries`). Outputs are kept compressed (a sixth of their size, for about
0.1 ms a page).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..cache import content_key
from .search_entries import Entries

TEMPLATE = "spec-portfolio/reused-page.html"  # renders the page's kept output, as the theme made it
CONTEXT = "spec_portfolio_output"
_LOADER = DictLoader({TEMPLATE: "{{ spec_portfolio_output }}"})  # MkDocs' environment does not autoescape


class PageOutputs:
    def __init__(self) -> None:
        self._outputs: dict[str, bytes] = {}  # key -> the theme's output, compacted, before other plugins'
        self._keys: dict[str, str] = {}  # src_uri -> its key in this build
        self._reused: dict[str, bytes] = {}  # src_uri -> the output it reuses in this build
        self._entries: dict[str, Entries] = {}  # key -> the page's search entries (`search_entries`)

    @property
    def reused(self) -> int:
        """Pages that reuse their output in this build."""
        return len(self._reused)

    def plan(self, pages: Iterable[Page], site: str, env: Environment) -> None:
        """Before the pages go through the theme: point each unchanged one at its kept output."""
        self.skip()
        for page in pages:
            key = self._keys[page.file.src_uri] = page_key(page, site)
            found = self._outputs.get(key)
            if found is not None:
                self._reused[page.file.src_uri] = found
                page.meta["template"] = TEMPLATE  # MkDocs' way for a page to choose its template
        if self._reused:
            add_template(env)

    def skip(self) -> None:
        """This build reuses no output and keeps none (what it makes may not follow from the keys)."""
        self._keys, self._reused = {}, {}

    def output(self, page: Page) -> str | None:
        """The kept output this page reuses in this build, if it does."""
        found = self._reused.get(page.file.src_uri)
        return None if found is None else zlib.decompress(found).decode("utf-8", "surrogatepass")

    def entries(self, page: Page) -> Entries | None:
        """The search entries kept for this page as it is in this build, if any."""
        key = self._keys.get(page.file.src_uri)
        return None if key is None else self._entries.get(key)

    def keep(self, page: Page, output: str, entries: Entries | None = None) -> None:
        """Keep the theme's output of a page that did not reuse one, and the page's search entries."""
        key = self._keys.get(page.file.src_uri)
        if key is None:
            return
        if page.file.src_uri not in self._reused:
            self._outputs[key] = zlib.compress(output.encode("utf-8", "surrogatepass"), 1)
        if entries is not None:
            self._entries[key] = entries

    def sweep(self) -> None:
        """Keep only the outputs and search entries of this build's pages."""
        live = set(self._keys.values())
        self._outputs = {k: v for k, v in self._outputs.items() if k in live}
        self._entries = {k: v for k, v in self._entries.items() if k in live}


def add_template(env: Environment) -> None:
    """Let pages choose TEMPLATE, which prints the output the context hands it."""
    if not (isinstance(env.loader, ChoiceLoader) and env.loader.loaders[0] is _LOADER):
        env.loader = ChoiceLoader([_LOADER, *([env.loader] if env.loader else [])])


def site_key(config: MkDocsConfig, nav: Navigation, pages: Iterable[Page]) -> str:
    """What every page's templates may read beyond the page itself."""
    settings = [f"{k}={v!r}" for k, v in config.items() if k not in ("plugins", "markdown_extensions")]
    plugins = [f"{name}:{dict(getattr(plugin, 'config', {}))!r}" for name, plugin in config.plugins.items()]
    extensions = [repr(e) for e in config.markdown_extensions if isinstance(e, str)]
    addresses = [f"{p.file.src_uri}\t{p.url}\t{p.title}" for p in pages]
    return content_key(*settings, *plugins, *extensions, *addresses, _nav(nav.items), _theme_files(config))


def page_key(page: Page, site: str) -> str:
    return content_key(
        site,
        page.url,
        str(page.title),
        page.content or "",
        _toc(page.toc),
        repr(page.meta),
        str(page.edit_url),
        str(page.canonical_url),
    )


def _nav(items: Iterable[Page | Section | Link]) -> str:
    parts = []
    for item in items:
        if isinstance(item, Section):
            parts.append(f"[{item.title}\n{_nav(item.children)}]")
        else:
            parts.append(f"{type(item).__name__}\t{item.title}\t{item.url}")
    return "\n".join(parts)


def _toc(toc: TableOfContents) -> str:
    def walk(items: Iterable[AnchorLink], depth: int) -> Iterable[str]:
        for item in items:
            yield f"{depth}\t{item.level}\t{item.id}\t{item.title}"
            yield from walk(item.children, depth + 1)

    return "\n".join(walk(toc, 0))


def _theme_files(config: MkDocsConfig) -> str:
    """The templates a user may edit while serving: those of `custom_dir` (installed themes stay put)."""
    custom = config.theme.custom_dir
    if not custom or not Path(custom).is_dir():
        return ""
    stamps = []
    for folder, _, names in os.walk(custom):
        for name in names:
            stat = os.stat(os.path.join(folder, name))
            stamps.append(f"{folder}/{name}\t{stat.st_mtime_ns}\t{stat.st_size}")
    return "\n".join(sorted(stamps))
