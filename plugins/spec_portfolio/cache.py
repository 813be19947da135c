"""Results per document, by content: what `mkdocs serve` need not compute again when one file changes.

A value is kept while its key (the document's path, kind and exact text) is seen again; `sweep` drops
the ones a build did not ask for, so the cache never outgrows the portfolio.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .parallel import forked_map

T = TypeVar("T")


def content_key(*parts: str) -> str:
    """A short, stable digest of `parts` (any text, lone surrogates included)."""
    return hashlib.blake2b("\x00".join(parts).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


class Cache:
    def __init__(self) -> None:
        self._values: dict[str, Any] = {}
        self._seen: set[str] = set()
        self.hits = self.misses = 0

    def get(self, parts: tuple[str, ...], compute: Callable[[], T]) -> T:
        return self._get(content_key(*parts), compute)

    def _get(self, key: str, compute: Callable[[], T]) -> T:
        self._seen.add(key)
        if key in self._values:
            self.hits += 1
            return self._values[key]
        self.misses += 1
        value = self._values[key] = compute()
        return value

    def put(self, parts: tuple[str, ...], value: Any) -> None:
        """Keep a result computed elsewhere (in a forked process), as `get` would have kept it."""
        self._values[content_key(*parts)] = value

    def map(
        self,
        func: Callable[[Any], T],
        items: Sequence[Any],
        parts: Callable[[Any], tuple[str, ...]],
        workers: int = 1,
    ) -> list[T]:
        """`[func(item) for item in items]`: kept results reused, the others computed by `forked_map`."""
        keys = [content_key(*parts(item)) for item in items]
        missing = {key: item for key, item in zip(keys, items, strict=True) if key not in self._values}
        fresh = dict(zip(missing, forked_map(func, list(missing.values()), workers), strict=True))
        return [self._get(key, lambda key=key: fresh[key]) for key in keys]

    def sweep(self) -> None:
        """Forget what the last build did not use; start counting afresh."""
        self._values = {k: v for k, v in self._values.items() if k in self._seen}
        self._seen = set()
        self.hits = self.misses = 0
