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
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar, cast

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")

# Below this many items per process, forking costs more than it saves.
MIN_ITEMS_PER_WORKER = 25
# One per CPU up to this many, unless asked for more: each child holds a copy of what it changes, and past
# four the build's one-process part outweighs what more children save.
AUTO_LIMIT = 4
_FORK = sys.platform == "linux"
_CHUNK = 16  # items at most in one chunk


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
    workers = worker_count(len(items), workers)
    if workers < 2:
        return [func(item) for item in items]
    return list(forked_imap(func, items, workers, initializer))


def forked_imap(
    func: Callable[[T], R],
    items: Sequence[T],
    children: int,
    initializer: Callable[[], None] | None = None,
) -> Generator[R, None, None]:
    """`func` over `items` in `children` forked processes (at least one), each result as it comes, in order.

    The children are forked before this returns, with the process as it is then. Chunks are handed out a
    few at a time, so results never pile up far ahead of a caller that takes them slowly. Errors and dying
    children as in `forked_map`; closing the iterator stops the children.
    """
    results = _forked_imap(func, items, children, initializer)
    next(results)  # forks, and stops at once
    return cast(Generator[R, None, None], results)


def _forked_imap(
    func: Callable[[T], R],
    items: Sequence[T],
    children: int,
    initializer: Callable[[], None] | None,
) -> Iterator[R | None]:
    global _task
    # Small chunks: no process waits long for the last, and few results wait for a slow caller.
    step = max(1, min(len(items) // (children * 32), _CHUNK))
    chunks = deque(range(i, min(i + step, len(items))) for i in range(0, len(items), step))
    done = 0
    _task = _Task(func, items)
    gc.freeze()  # the children's collections then skip what they inherited, and leave its pages shared
    fork = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(children, mp_context=fork, initializer=initializer)
    try:
        pending = deque(pool.submit(_run, chunks.popleft()) for _ in range(min(4 * children, len(chunks))))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        gc.unfreeze()  # the children are forked (all at the first submit) and hold their own copy
        _task = None
    yield None  # forked
    try:
        while pending:
            results = pending.popleft().result()
            if chunks:
                pending.append(pool.submit(_run, chunks.popleft()))
            yield from results
            done += len(results)
    except BrokenProcessPool:
        left = len(items) - done
        log.warning(f"a worker process stopped; its work is done again in this one ({left} items)")
        yield from map(func, items[done:])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
