"""Use cases of the counter and the back office. No Qt here.

:class:`Services` is the one bundle the UI and the admin CLI receive; ``pos_app.app`` builds it.
Each area adds its service as an attribute in ``pos_app.app.build_services``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.services.ports import Clock, SystemClock

if TYPE_CHECKING:
    from pos_app.services.audit import AuditLog
    from pos_app.services.catalog.lookup import CatalogService
    from pos_app.services.maintenance.backup import BackupService
    from pos_app.services.people.shifts import ShiftService
    from pos_app.services.people.users import UsersService
    from pos_app.services.printing.queue import PrintService
    from pos_app.services.reports.service import ReportService
    from pos_app.services.sales.checkout import CheckoutService
    from pos_app.services.stock.desk import StockService
    from pos_app.services.sync.service import SyncService


@dataclass
class Services:
    settings: Settings
    db: Database
    clock: Clock = field(default_factory=SystemClock)
    extras: dict[str, Any] = field(default_factory=dict)
    audit: AuditLog | None = None
    catalog: CatalogService | None = None
    checkout: CheckoutService | None = None
    printing: PrintService | None = None
    sync: SyncService | None = None
    users: UsersService | None = None
    shifts: ShiftService | None = None
    backup: BackupService | None = None
    stock: StockService | None = None
    reports: ReportService | None = None
