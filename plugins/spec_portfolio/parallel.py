"""Work spread over forked processes: a large portfolio keeps every CPU busy, a small one stays in one.

The children are forked, so they inherit the work to do (the portfolio, the site) instead of receiving it
pickled; only results travel back. Fork is used on Linux alone, and only by a process running no other
thread (so not by the rebuilds of `mkdocs serve`, whose server runs beside them).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")

# Below this many items per process, forking costs more than it saves.
MIN_ITEMS_PER_WORKER = 25
# One per CPU up to this many, unless asked for more: each child holds a copy of what it changes, and past
# four the build's one-process part outweighs what more children save.
AUTO_LIMIT = 4
_FORK = sys.platform == "linux"


def worker_count(items: int, configured: int = 0) -> int:
    """Processes for `items` items: `configured` (0: one per CPU, up to AUTO_LIMIT), fewer when there is
    little to do."""
    if not _FORK or threading.active_count() > 1:
        return 1
    wanted = configured or min(len(os.sched_getaffinity(0)), AUTO_LIMIT)
    return max(1, min(wanted, items // MIN_ITEMS_PER_WORKER))


class _Task(Generic[T, R]):
    def __init__(self, func: Callable[[T], R], items: Sequence[T]) -> None:
        self.func, self.items = func, items

    def run(self, indexes: range) -> list[R]:
        return [self.func(self.items[i]) for i in indexes]


_task: _Task | None = None  # set before the fork; the children inherit it


def _run(indexes: range) -> list:
    assert _task is not None
    return _task.run(indexes)


def forked_map(
    func: Callable[[T], R],
    items: Sequence[T],
    workers: int = 1,
    initializer: Callable[[], None] | None = None,
) -> list[R]:
    """`[func(item) for item in items]`, in forked children when `worker_count` says more than one.

    `initializer` runs once in each child. Results come back in order; an exception in a child is
    raised here. If a child dies (killed when memory runs out, say), the work is done again here.
    """
    global _task
    workers = worker_count(len(items), workers)
    if workers < 2:
        return [func(item) for item in items]
    step = max(1, len(items) // (workers * 32))  # small chunks: no process waits long for the last
    chunks = [range(i, min(i + step, len(items))) for i in range(0, len(items), step)]
    _task = _Task(func, items)
    gc.freeze()  # the children's collections then skip what they inherited, and leave its pages shared
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=initializer) as pool:
            return [result for chunk in pool.map(_run, chunks) for result in chunk]
    except BrokenProcessPool:
        log.warning(f"a worker process stopped; its work is done again in this one ({len(items)} items)")
        return [func(item) for item in items]
    finally:
        gc.unfreeze()
        _task = None
