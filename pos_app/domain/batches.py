"""Cut a long list of keys into pieces one SQL ``IN (...)`` query takes (till and registry)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

IN_BATCH = 500
"""Keys per ``IN (...)`` query: well under SQLite's host-parameter limit."""


def chunks(items: Sequence[T], size: int = IN_BATCH) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
