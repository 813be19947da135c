"""Each broken link is one warning: the plugin's, with its line, not MkDocs' second one about it.

The plugin reports a link it leaves as written (to a file that does not exist, or is outside the
project); MkDocs then checks the same link on the page and warns again, so `--strict` would count two
warnings for one problem. This filter drops MkDocs' warning for exactly the links the plugin reported.
"""

from __future__ import annotations

import logging

from ..model import Portfolio

# The logger and the start of the message of MkDocs' link validation (mkdocs/structure/pages.py).
LOGGER = "mkdocs.structure.pages"
_BUT = "', but "


class ReportedLinks(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self.heads: frozenset[str] = frozenset()

    def use(self, portfolio: Portfolio | None) -> None:
        """Drop MkDocs' warnings about the links `portfolio` reported (None: drop nothing)."""
        if portfolio is None:
            self.heads = frozenset()
            return
        self.heads = frozenset(
            f"Doc file '{portfolio.documents[path].site}' contains a link '{target}{_BUT}"
            for path, target in portfolio.broken_links
            if path in portfolio.documents
        )

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.heads:
            return True
        message = record.getMessage()
        end = message.find(_BUT)
        return end < 0 or message[: end + len(_BUT)] not in self.heads


_FILTER = ReportedLinks()


def reported_links() -> ReportedLinks:
    """The one filter, on MkDocs' page logger (records replayed from forked renders pass it too)."""
    logger = logging.getLogger(LOGGER)
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
    return _FILTER
