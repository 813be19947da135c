"""Render portfolio pages ahead of MkDocs, in forked processes, on a build (and the first of `mkdocs serve`).

MkDocs renders pages one after another, and Python-Markdown is most of a portfolio build. Before MkDocs
reaches the pages, forked children each take a share: read the source, add our bars, render, sanitise
the result. A render is handed over with the key of the Markdown it was made from and with what it
logged; when MkDocs reaches the page, its final Markdown (after every plugin) must have the same key for
the render to be used, and the log records are replayed then, so logs, `--strict` and the HTML are those
of a one-process build.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..parallel import forked_map
from . import child_logs
from .render_cache import Rendered


@dataclass(frozen=True, slots=True)
class Job:
    prepare: Callable[[Page], str | None]  # the page's Markdown, read, as we hand it to Python-Markdown
    key: Callable[[str, Page], str]
    clean: Callable[[Page, str], str | None]  # the rendered HTML as it will be published, or None
    config: MkDocsConfig
    files: Files

    def render(self, file: File) -> tuple[str, Rendered] | None:
        """In a child: (key, render) of the page, or None to leave it to MkDocs."""
        try:
            page = file.page or Page(None, file, self.config)  # as MkDocs makes pages missing from the nav
            page.read_source(self.config)
            markdown = self.prepare(page)
            if markdown is None:
                return None
            page.markdown = markdown
            child_logs.records.clear()
            _render(page, self.config, self.files)
        except Exception:  # MkDocs meets the same error in its own run and reports it there
            return None
        rendered = Rendered.of(page, tuple(child_logs.records), self.clean(page, page.content or ""))
        page.markdown = page.content = None  # this copy of the page is done with; keep the child small
        return self.key(markdown, page), rendered


def prerender(job: Job, documents: list[File], workers: int) -> list[tuple[str, Rendered]]:
    """(key, render) of each page the children could render; MkDocs renders the others itself.

    Largest first: the aggregate pages come last in the site and take the longest (the rollout page of
    400 features, over half a second), and a process left with them at the end would keep the others
    waiting.
    """
    largest = sorted(documents, key=lambda file: len(file.content_string), reverse=True)
    return [r for r in forked_map(job.render, largest, workers, child_logs.capture) if r is not None]


_markdown: tuple[MkDocsConfig, markdown.Markdown] | None = None  # the instance, and the config it is for


def _render(page: Page, config: MkDocsConfig, files: Files) -> None:
    """`Page.render` of MkDocs 1.6, but with one Python-Markdown per child, reset between pages.

    Making a Markdown instance with a portfolio's extensions costs about a tenth of a render.
    """
    global _markdown
    if _markdown is None or _markdown[0] is not config:
        extensions, options = config.markdown_extensions, config.mdx_configs
        _markdown = (config, markdown.Markdown(extensions=extensions, extension_configs=options))
    md = _markdown[1].reset()
    raw_html = pages._RawHTMLPreprocessor()
    anchors = pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    relative = pages._RelativePathTreeprocessor(page.file, files, config)
    title = pages._ExtractTitleTreeprocessor()
    for processor in (raw_html, anchors, relative, title):
        processor._register(md)  # replaces the previous page's, registered under the same name
    try:
        page.content = md.convert(page.markdown or "")
    except Exception:
        _markdown = None  # a parse cut short may leave state that a reset does not clear
        raise
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative.links_to_anchors
