"""Use cases of the counter and the back office. No Qt here.

:class:`Services` is the one bundle the UI and the admin CLI receive; ``pos_app.app`` builds it,
every field wired (no optional services: a screen never asks whether one is there).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.services.events import EventBus
from pos_app.services.ports import Clock

if TYPE_CHECKING:
    from pos_app.services.audit import AuditLog
    from pos_app.services.catalog.codes import CodesService
    from pos_app.services.catalog.lookup import CatalogService
    from pos_app.services.catalog.prices import PriceService
    from pos_app.services.customers.service import CustomerService
    from pos_app.services.einvoice.service import EInvoiceService
    from pos_app.services.maintenance.backup import BackupService
    from pos_app.services.maintenance.setup import SetupService
    from pos_app.services.orders.service import OrderService
    from pos_app.services.people.shifts import ShiftService
    from pos_app.services.people.users import UsersService
    from pos_app.services.printing.labels import LabelService
    from pos_app.services.printing.queue import PrintService
    from pos_app.services.promotions.service import PromotionService
    from pos_app.services.reports.service import ReportService
    from pos_app.services.sales.checkout import CheckoutService
    from pos_app.services.stock.desk import StockService
    from pos_app.services.stock.transfers import TransferService
    from pos_app.services.sync.service import SyncService


@dataclass
class Services:
    settings: Settings
    db: Database
    clock: Clock
    events: EventBus
    """Print job, sync, catalog and shift changes (``pos_app.services.events``)."""
    audit: AuditLog
    catalog: CatalogService
    checkout: CheckoutService
    printing: PrintService
    sync: SyncService
    users: UsersService
    shifts: ShiftService
    backup: BackupService
    stock: StockService
    reports: ReportService
    setup: SetupService
    codes: CodesService
    labels: LabelService
    prices: PriceService
    """The showroom's own selling prices and the labels to reprint."""
    transfers: TransferService
    """Transfers between showrooms and "who else has it?"."""
    einvoice: EInvoiceService
    """Cash-register e-invoices: issued in checkout's transaction, sent by a background pump."""
    customers: CustomerService
    promotions: PromotionService
    orders: OrderService
