"""Counted nouns for messages people read: `1 epic`, `2 epics`, `0 problems`."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and `noun`, in the plural unless `n` is 1; `plural` for a noun that does not take -s."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def severities(counts: dict[str, int]) -> str:
    """`2 errors, 1 warning, 5 info`: finding counts by severity, in the order given."""
    return ", ".join(count(n, s, "info" if s == "info" else None) for s, n in counts.items())
