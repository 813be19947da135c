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
from mkdocs.utils.templates import TemplateContext

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
        self.env, self.children, self.finish = env, children, finish
        self.made = 0  # outputs the children made that pages printed
        ahead = [page for page in pages if _ahead(page)]
        self._templates = {page.file.src_uri: page.meta.get("template", "main.html") for page in ahead}
        self.planned = len(ahead)
        job = _Job(config, nav, [page.file for page in pages], env, finish)
        items = [(page, self._templates[page.file.src_uri]) for page in ahead]
        self._stream = forked_imap(job.output, items, children, child_logs.capture)
        self._outputs = zip([page.file.src_uri for page in ahead], self._stream, strict=True)
        self._waiting: dict[str, str | None] = {}  # outputs that came before MkDocs reached their page
        for page in ahead:  # the children, forked, render the page's own template
            page.meta["template"] = TEMPLATE
        if ahead:
            add_template(env)

    def output(self, page: Page, context: TemplateContext) -> str | None:
        """The page's output, if it was put through the theme ahead (here, if a child could not)."""
        template = self._templates.pop(page.file.src_uri, None)
        if template is None:
            return None
        while page.file.src_uri not in self._waiting:
            found = next(self._outputs, None)
            if found is None:
                break
            self._waiting[found[0]] = found[1]
        output = self._waiting.pop(page.file.src_uri, None)
        if not self._templates:  # the last page: the children's memory is free for what follows
            self.close()
        if output is None:
            return self.finish(page, self.env.get_template(template).render(context))
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

    def output(self, item: tuple[Page, str]) -> str | None:
        """In a child: the page through the theme, as MkDocs' `_build_page` does it, or None."""
        page, template = item
        child_logs.records.clear()
        self.config._current_page = page
        page.active = True
        try:
            context = get_context(self.nav, self.files, self.config, page)
            output = self.env.get_template(template).render(context)
        except Exception:
            return None
        finally:
            page.active = False
            self.config._current_page = None
        return None if child_logs.records else self.finish(page, output)
