"""UTC, once. Every layer (the till's database column type, the wire format, the registry)
converts times with these two functions instead of its own ``_naive``/``_aware`` helpers."""

from __future__ import annotations

import datetime as dt


def to_utc(at: dt.datetime) -> dt.datetime:
    """``at`` as an aware UTC time; a naive ``at`` is taken to be UTC already (as SQLite keeps
    them)."""
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)


def naive_utc(at: dt.datetime) -> dt.datetime:
    """``at`` as a naive UTC time: what a plain ``DateTime`` column or a stored text holds."""
    return to_utc(at).replace(tzinfo=None)
