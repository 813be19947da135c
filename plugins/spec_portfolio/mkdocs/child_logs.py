"""What a forked child logs is kept for its parent, which logs it in MkDocs' order (and counts it under
`--strict`), or does the work again itself."""

from __future__ import annotations

import logging

records: list[logging.LogRecord] = []  # what the child logged since the caller last cleared it


class _Capture(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # picklable, whatever the arguments were
        if record.exc_info:
            record.exc_text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        records.append(record)


def capture() -> None:
    """In a child: every record goes to `records`, none to the terminal."""
    for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
        if isinstance(logger, logging.Logger):
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.propagate = True
    logging.getLogger().addHandler(_Capture())
