"""What the till's use cases share: the database, the settings, the clock and the audit log, and
from them this till's code and the business date (Hanoi). One base instead of the same
constructor and properties in each service."""

from __future__ import annotations

import datetime as dt

from pos_app import config
from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.domain.receipt import hanoi_tz
from pos_app.domain.utc import to_utc
from pos_app.services.audit import AuditLog
from pos_app.services.ports import Clock, SystemClock


def business_date(clock: Clock) -> dt.date:
    """Today in Hanoi: the date receipts, reports and certificates go by."""
    return to_utc(clock.now()).astimezone(hanoi_tz()).date()


class TillService:
    """The base of the services that write this till's records (sales, stock, shifts)."""

    def __init__(self, db: Database, settings: Settings, clock: Clock | None = None,
                 audit: AuditLog | None = None) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock or SystemClock()
        self.audit = audit or AuditLog(self.clock)

    @property
    def till_code(self) -> str:
        return self.settings.get(config.TILL_CODE).strip().upper()

    def _now(self) -> dt.datetime:
        return to_utc(self.clock.now())

    def today(self) -> dt.date:
        return business_date(self.clock)
