"""Rendered HTML of portfolio pages, reused when a page's Markdown and the site are unchanged.

A page whose final Markdown, address and site layout are all unchanged renders to the same HTML, so its
Python-Markdown run is skipped: the page gets what was computed before (content, table of contents,
title, anchors). Renders come from an earlier build of the same `mkdocs serve` (pages whose render
logged a warning are never kept, so `--strict` still sees every warning) or from processes that rendered
ahead of MkDocs (which hand over their log records, replayed when MkDocs reaches the page). This reaches
into MkDocs 1.x's Page; MkDocs 1.x is frozen, so it stays valid.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import MethodType
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..cache import content_key


@dataclass(frozen=True, slots=True)
class Rendered:
    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by target src_uri
    records: tuple[logging.LogRecord, ...] = ()  # logged while rendering, replayed on reuse
    clean: str | None = None  # the content sanitised, when a process rendering ahead did that too

    @classmethod
    def of(
        cls, page: Page, records: tuple[logging.LogRecord, ...] = (), clean: str | None = None
    ) -> Rendered:
        links = getattr(page, "links_to_anchors", None)
        return cls(
            page.content or "",
            page.toc,
            page._title_from_render,
            set(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
            {f.src_uri: dict(v) for f, v in links.items()} if links else None,
            records,
            clean,
        )

    def install(self, page: Page) -> None:
        """Make the page's next render take this one, as if Python-Markdown had just run."""
        found = self

        def render(self: Page, config: Any, files: Files) -> None:
            for record in found.records:
                logging.getLogger(record.name).handle(record)
            self.content, self.toc, self._title_from_render = found.content, found.toc, found.title
            self.present_anchor_ids = set(found.anchors) if found.anchors is not None else None
            if found.links_to_anchors is not None:
                targets = {uri: files.get_file_from_path(uri) for uri in found.links_to_anchors}
                self.links_to_anchors = {f: found.links_to_anchors[uri] for uri, f in targets.items() if f}

        page.render = MethodType(render, page)  # type: ignore[method-assign]


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class RenderCache:
    """`keep`: also keep the pages MkDocs renders itself, for the next build of `mkdocs serve`."""

    def __init__(self, keep: bool = True) -> None:
        self._pages: dict[str, Rendered] = {}
        self._pending: dict[int, tuple[str, int]] = {}  # id(page) -> (key, warnings before render)
        self._layout: tuple[int, str] = (0, "")
        self._warnings: _Warnings | None = _Warnings() if keep else None
        self.hits = self.misses = 0
        if self._warnings is not None:
            logging.getLogger("mkdocs").addHandler(self._warnings)

    def close(self) -> None:
        if self._warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)

    def key(self, markdown: str, page: Page, files: Files, settings: str) -> str:
        if self._layout[0] != id(files):
            layout = "\n".join(sorted(f"{f.src_uri}\t{f.url}" for f in files))
            self._layout = (id(files), content_key(layout))
        return content_key(markdown, page.file.src_uri, page.url, self._layout[1], settings)

    def add(self, key: str, rendered: Rendered) -> None:
        self._pages[key] = rendered

    def before_render(self, markdown: str, page: Page, files: Files, settings: str) -> None:
        """Called with the page's final Markdown: reuse a render, or watch this one."""
        key = self.key(markdown, page, files, settings)
        found = self._pages.get(key)
        if found is None:
            self.misses += 1
            if self._warnings is not None:
                self._pending[id(page)] = (key, self._warnings.count)
            return
        self.hits += 1
        found.install(page)

    def after_render(self, page: Page) -> None:
        """Called once the page has fresh HTML: keep it when its render was clean."""
        pending = self._pending.pop(id(page), None)
        if pending is None or self._warnings is None or self._warnings.count != pending[1]:
            return
        self._pages[pending[0]] = Rendered.of(page)

    def sweep(self, keep: int) -> None:
        """Keep at most `keep` renders (a page's older versions go first)."""
        while len(self._pages) > keep:
            self._pages.pop(next(iter(self._pages)))
        self.hits = self.misses = 0
