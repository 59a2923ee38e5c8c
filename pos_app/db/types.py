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

from pos_app.domain.utc import naive_utc, to_utc

__all__ = ["UTCDateTime", "naive_utc", "to_utc"]


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A DateTime stored as naive UTC, read back aware (UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return naive_utc(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return to_utc(value)
