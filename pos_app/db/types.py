"""Column types. :class:`UTCDateTime` is the one place times cross into and out of the database.

SQLite has no time zones: every time is stored as naive UTC (as it always was, so no migration
is needed). Code hands the column an aware time (any zone; a naive one is taken as UTC
already) and always reads back an aware UTC time, so no module converts by hand.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


def to_utc(at: dt.datetime) -> dt.datetime:
    """``at`` as an aware UTC time; a naive ``at`` is taken to be UTC already."""
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A DateTime stored as naive UTC, read back aware (UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return to_utc(value).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return to_utc(value)
