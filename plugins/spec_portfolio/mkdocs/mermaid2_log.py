"""mermaid2 logs two info lines for every page with a diagram ("Custom loader activated", "Page '…':
found N diagrams, adding scripts"): a filter on its logger keeps them for `--verbose` builds only."""

from __future__ import annotations

import logging

LOGGER = "mkdocs.plugins.mermaid2.util"  # mermaid2's own logger, which every message of it goes through


class _PerPage(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO or not _per_page(record.getMessage()):
            return True
        return logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG)  # `mkdocs build -v`


def _per_page(message: str) -> bool:
    return message.endswith("Custom loader activated") or (
        " - Page '" in message and message.endswith(" diagrams, adding scripts")
    )


_FILTER = _PerPage()


def quiet_per_page_lines() -> None:
    """Once per process; a second call (every rebuild of `mkdocs serve`) changes nothing."""
    logger = logging.getLogger(LOGGER)
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
