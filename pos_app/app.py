"""Builds and wires everything: settings, database, services, hardware, sync and the window.

The only module that knows every layer. The counter app (``ocop-pos``) and the admin CLI
(``ocop-pos-admin``) both start here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.services import Services
from pos_app.services.ports import Clock, SystemClock

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    settings: Settings
    db: Database
    services: Services

    def close(self) -> None:
        if self.services.printing is not None:
            self.services.printing.shutdown()
        self.db.close()


def build_services(settings: Settings, db: Database, clock: Clock | None = None) -> Services:
    """Every service, wired to the real adapters."""
    from pos_app.hardware.receipt_printer import EscposReceiptPrinter
    from pos_app.services.audit import AuditLog
    from pos_app.services.checkout import CheckoutService
    from pos_app.services.printing import PrintService

    services = Services(settings=settings, db=db, clock=clock or SystemClock())
    services.audit = AuditLog(services.clock)
    services.checkout = CheckoutService(db, settings, services.clock, services.audit)
    services.printing = PrintService(db, settings, services.clock, EscposReceiptPrinter(),
                                     audit=services.audit)
    return services


@contextmanager
def open_context(
    data_dir: str | None = None, *, demo: bool = False, clock: Clock | None = None
) -> Iterator[AppContext]:
    """Settings, a migrated database and the services; with ``demo``, the demo showroom too."""
    settings = Settings.load(data_dir)
    settings.paths.ensure()
    db = Database(settings.paths.database, settings.paths.backups)
    ctx = AppContext(settings=settings, db=db, services=build_services(settings, db, clock))
    try:
        if demo:
            load_demo(ctx)
        yield ctx
    finally:
        ctx.close()


def load_demo(ctx: AppContext) -> None:
    """Fill an empty database with the demo showroom (catalog, users), through the same
    importer and services users use. Does nothing to a database that already has products."""


def run_gui(args: object) -> int:
    """Open the counter window (``ocop-pos``). Implemented with the UI shell."""
    raise NotImplementedError
