"""Pages put through the theme ahead of MkDocs, by forked children, while MkDocs writes the pages before them.

By `on_env` every page is rendered, and MkDocs makes each page's output in one process: it builds the
template context, lets plugins see it (the search plugin indexes the page there), renders the theme's
templates, lets plugins see the output and writes it. The templates need nothing the indexing does, so
children render them in the order MkDocs will reach the pages, and MkDocs, reaching a page, prints the
child's output through a one-line template instead of rendering the theme again. The parent stays busy
(indexing, writing), so it keeps a CPU for itself: the children are one fewer than the workers.

A page is put through the theme ahead only when nothing MkDocs does between `on_env` and its templates
could change what they print: no plugin or hook but the search plugins handles `on_page_context` (the
caller checks), the page is no draft, and its content has no `data-search-*` attribute for Material's
search to strip. A page whose render in a child failed or logged anything goes through the theme here,
as it would have without this, so errors and warnings are MkDocs' own, in its order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..parallel import forked_imap
from . import child_logs
from .page_outputs import TEMPLATE, add_template


class OutputsAhead:
    def __init__(
        self,
        pages: Sequence[Page],
        config: MkDocsConfig,
        nav: Navigation,
        env: Environment,
        children: int,
        finish: Callable[[Page, str], str],
    ) -> None:
        """Fork `children` processes that put `pages` (all the site's, in MkDocs' order) through the theme;
        `finish` makes the theme's output of a page what the page prints."""
        self.children = children
        self.made = 0  # outputs the children made that pages printed
        ahead = [page for page in pages if _ahead(page)]
        # Each page as the theme sees it: its metadata before it is pointed at the one-line template.
        self._items = {page.file.src_uri: (page, dict(page.meta)) for page in ahead}
        self.planned = len(ahead)
        self._job = _Job(config, nav, [page.file for page in pages], env, finish)
        self._stream = forked_imap(self._job.output, list(self._items.values()), children, child_logs.capture)
        self._outputs = zip(list(self._items), self._stream, strict=True)
        self._waiting: dict[str, str | None] = {}  # outputs that came before MkDocs reached their page
        for page in ahead:  # the children, forked, render the page's own template
            page.meta["template"] = TEMPLATE
        if ahead:
            add_template(env)

    def output(self, page: Page) -> str | None:
        """The page's output, if it was put through the theme ahead (here, if a child could not)."""
        item = self._items.pop(page.file.src_uri, None)
        if item is None:
            return None
        while page.file.src_uri not in self._waiting:
            found = next(self._outputs, None)
            if found is None:
                break
            self._waiting[found[0]] = found[1]
        output = self._waiting.pop(page.file.src_uri, None)
        if not self._items:  # the last page: the children's memory is free for what follows
            self.close()
        if output is None:
            return self._job.render(*item)  # raises what MkDocs would have raised
        self.made += 1
        return output

    def close(self) -> None:
        """Stop the children (when the build ends, or fails)."""
        self._stream.close()


def _ahead(page: Page) -> bool:
    return (
        not page.file.inclusion.is_excluded()
        and page.meta.get("template") != TEMPLATE  # it prints an output already, kept by serve
        and "data-search-" not in (page.content or "")
    )


@dataclass(frozen=True, slots=True)
class _Job:
    config: MkDocsConfig
    nav: Navigation
    files: list[File]  # the pages MkDocs builds, as its context lists them
    env: Environment
    finish: Callable[[Page, str], str]

    def output(self, item: tuple[Page, dict]) -> str | None:
        """In a child: the page's output, or None for MkDocs' process to render it (it failed, or logged)."""
        child_logs.records.clear()
        try:
            output = self.render(*item)
        except Exception:
            return None
        return None if child_logs.records else output

    def render(self, page: Page, meta: dict) -> str:
        """The page through the theme, as MkDocs' `_build_page` does it, with the metadata `meta`.

        What it changes is put back: a child that died has its work redone in MkDocs' process, while
        MkDocs builds that very page.
        """
        state = page.meta, page.active, self.config._current_page
        page.meta, page.active, self.config._current_page = meta, True, page
        try:
            context = get_context(self.nav, self.files, self.config, page)
            output = self.env.get_template(meta.get("template", "main.html")).render(context)
        finally:
            page.meta, page.active, self.config._current_page = state
        return self.finish(page, output)
