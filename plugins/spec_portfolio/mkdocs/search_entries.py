"""Material's search entries of an unchanged page, kept between the builds of `mkdocs serve`.

Material's search plugin indexes every page in `on_page_context`, parsing its HTML: after one plan is
edited, that is the largest part of a rebuild of a large portfolio. Its index makes a page's entries
from what `PageOutputs` keys the page by (content, table of contents, address, title, metadata) and
from the search settings, which the site's key holds. So a page that reuses its output reuses the
entries its last build added, in the same order, and the index written is the one a fresh build writes.

This wraps the index's `add_entry_from_context` on the plugin's index of this build (Material's 9.x,
recognised by its class); with any other search plugin, nothing is wrapped and search works as it does.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_MATERIAL = "material.plugins.search.plugin.SearchIndex"
Entries = list[dict[str, Any]]


class SearchEntries:
    def __init__(self, index: Any) -> None:
        self._index, self._add = index, index.add_entry_from_context
        self._given: dict[str, Entries] = {}  # src_uri -> the entries it adds in this build, unparsed
        self.made: dict[str, Entries] = {}  # src_uri -> the entries it added in this build
        self.reused = 0
        index.add_entry_from_context = self._add_entry  # on this build's index alone

    def give(self, page: Page, entries: Entries) -> None:
        """The page's entries, as its last build made them, for the index to add in place of parsing it."""
        self._given[page.file.src_uri] = entries

    def _add_entry(self, page: Page) -> None:
        entries = self._given.pop(page.file.src_uri, None)
        if entries is None:
            start = len(self._index.entries)
            self._add(page)
            entries = self._index.entries[start:]
        else:
            self._index.entries.extend(entries)
            self.reused += 1
        self.made[page.file.src_uri] = entries


def search_entries(config: MkDocsConfig) -> SearchEntries | None:
    """Wrap the index of Material's search plugin, if the build runs it."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if f"{type(index).__module__}.{type(index).__qualname__}" == _MATERIAL:
            return SearchEntries(index)
    return None
