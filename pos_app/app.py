"""Builds and wires everything: settings, database, services, hardware, sync and the window.

The only module that knows every layer. The counter app (``ocop-pos``) and the admin CLI
(``ocop-pos-admin``) both start here.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pos_app import config
from pos_app.config import SETTINGS, Paths, Settings
from pos_app.db.database import Database
from pos_app.services import Services
from pos_app.services.events import EventBus, ShiftChanged
from pos_app.services.ports import (
    Clock,
    RegistryConnector,
    RegistryTransport,
    SystemClock,
    TokenStore,
)

if TYPE_CHECKING:
    from pos_app.services.maintenance.setup import Enrolled

log = logging.getLogger(__name__)

INSECURE_ENV = "OCOP_SYNC_INSECURE"
"""Set to ``1`` to let the till speak plain http:// to a registry on another machine (a lab)."""


@dataclass
class AppContext:
    settings: Settings
    db: Database
    services: Services

    def close(self) -> None:
        self.services.printing.shutdown()
        self.db.close()


class _LazyReceiptPrinter:
    """The ESC/POS adapter (``ReceiptPrinter`` port), built on first use: PIL, qrcode and the
    receipt renderer (~0.2 s of imports) load on the print worker's first job, not while the
    counter starts."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._printer: Any = None

    def _real(self) -> Any:
        with self._lock:
            if self._printer is None:
                from pos_app.hardware.receipt_printer import EscposReceiptPrinter

                self._printer = EscposReceiptPrinter()
            return self._printer

    def warm_up(self) -> None:
        """Load it now (the app does so on the ``io`` lane once the window is up): imported
        on the print worker during the first job, the imports held the GIL the counter's
        frames need (a 100-200 ms frame while the cashier scans on)."""
        self._real().warm_up()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real(), name)


class _HttpRegistry:
    """The ``RegistryConnector`` port: the registry's HTTP client (``pos_app.sync.client``)."""

    def connect(self, url: str, token: str, *, ca_bundle: str,
                read_timeout: float) -> RegistryTransport:
        from pos_app.sync.client import RegistryClient

        # Plain HTTP to another machine only for a lab, said out loud: OCOP_SYNC_INSECURE=1
        # (the client logs a warning); otherwise every call answers ``insecure_url``.
        insecure = os.environ.get(INSECURE_ENV, "") == "1"
        return RegistryClient(url, token, ca_bundle=ca_bundle, read_timeout=read_timeout,
                              allow_insecure=insecure)


class _SettingsTokenStore:
    """The ``TokenStore`` port: ``pos_app.sync.token_store`` in the settings' config folder,
    in the mode the settings name at the time of use."""

    def __init__(self, settings: Settings, kind: str = "registry") -> None:
        self.settings = settings
        self.kind = kind  # registry | einvoice (the provider's token, kept apart)

    def _store(self) -> Any:
        from pos_app.sync.token_store import TokenStore

        return TokenStore(self.settings.paths.config_dir,
                          mode=self.settings.get(config.TOKEN_STORE), kind=self.kind)

    def get(self) -> str:
        return str(self._store().get())

    def set(self, token: str) -> str:
        return str(self._store().set(token))


class _HttpEInvoice:
    """The ``EInvoiceConnector`` port: the provider's HTTP client
    (``pos_app.sync.einvoice_client``)."""

    def connect(self, url: str, token: str) -> Any:
        from pos_app.sync.einvoice_client import EInvoiceClient

        return EInvoiceClient(url, token)


class _HardwareDiscovery:
    """The ``PrinterDiscovery`` port: USB receipt printers, then serial ports."""

    def discover(self) -> list[Any]:
        from pos_app.hardware.printers import discover_serial, discover_usb

        found: list[Any] = []
        for discover in (discover_usb, discover_serial):
            try:
                found += discover()
            except Exception:
                log.info("printer discovery %s failed", discover.__name__, exc_info=True)
        return found


def build_transport(settings: Settings, registry: RegistryConnector | None = None,
                    tokens: TokenStore | None = None) -> RegistryTransport | None:
    """The registry client for these settings, or None when no registry is configured."""
    url = settings.get(config.REGISTRY_URL).strip()
    if not url:
        return None
    registry = registry or _HttpRegistry()
    tokens = tokens or _SettingsTokenStore(settings)
    return registry.connect(url, tokens.get(),
                            ca_bundle=settings.get(config.REGISTRY_CA_BUNDLE),
                            read_timeout=float(settings.get(config.REGISTRY_TIMEOUT_S)))


def enroll(settings: Settings, url: str, token: str, *, ca_bundle: str = "") -> Enrolled:
    """``services.maintenance.setup.enroll`` with the real registry client and token store
    (``ocop-pos-admin enroll``, which needs no database)."""
    from pos_app.services.maintenance.setup import enroll as enroll_with

    return enroll_with(settings, url, token, ca_bundle=ca_bundle, registry=_HttpRegistry(),
                       tokens=_SettingsTokenStore(settings))


def build_services(settings: Settings, db: Database, clock: Clock | None = None) -> Services:
    """Every service, wired to the real adapters and to one event bus."""
    from pos_app.hardware.label_printer import LabelOutput
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

    clock = clock or SystemClock()
    events = EventBus()
    audit = AuditLog(clock)
    registry, tokens = _HttpRegistry(), _SettingsTokenStore(settings)
    sync = SyncService(db, settings, clock, build_transport(settings, registry, tokens),
                       events=events)
    users = UsersService(db, clock, audit)
    shifts = ShiftService(db, settings, clock, audit)
    backup = BackupService(db, settings, clock)
    einvoice = EInvoiceService(db, settings, clock, connector=_HttpEInvoice(),
                               tokens=_SettingsTokenStore(settings, "einvoice"),
                               events=events)
    catalog = CatalogService(db, settings, clock)
    checkout = CheckoutService(db, settings, clock, audit, invoicer=einvoice)
    services = Services(
        settings=settings, db=db, clock=clock, events=events, audit=audit,
        catalog=catalog,
        checkout=checkout,
        printing=PrintService(db, settings, clock, _LazyReceiptPrinter(), audit=audit,
                              events=events, einvoices=einvoice),
        sync=sync, users=users, shifts=shifts, backup=backup,
        stock=StockService(db, settings, clock, audit),
        reports=ReportService(db, settings, clock),
        setup=SetupService(db, settings, clock, users=users, sync=sync, registry=registry,
                           tokens=tokens, printers=_HardwareDiscovery()),
        codes=CodesService(db, settings, clock, audit),
        labels=LabelService(catalog, LabelOutput()),
        prices=PriceService(db, clock, audit),
        transfers=TransferService(db, settings, clock, audit, transport=lambda: sync.transport),
        einvoice=einvoice,
        customers=CustomerService(db, clock, audit),
        promotions=PromotionService(db, settings, clock, audit),
        orders=OrderService(db, settings, clock, audit, checkout),
    )
    # a shift close backs up the database; opens and closes are told on the bus
    shifts.after_close.append(lambda z: backup.backup(reason=f"z{z.number:04d}"))
    shifts.after_close.append(lambda z: events.publish(ShiftChanged(open=False,
                                                                    number=z.number)))
    shifts.after_open.append(lambda _info: events.publish(ShiftChanged(open=True)))
    return services


@contextmanager
def open_context(
    data_dir: str | os.PathLike[str] | None = None, *, demo: bool = False,
    clock: Clock | None = None,
) -> Iterator[AppContext]:
    """Settings, a migrated database and the services; with ``demo``, the demo showroom too
    (in its own folder unless one is named: see ``Paths.for_demo``)."""
    if demo:
        data_dir = Paths.for_demo(data_dir)
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
    from pos_app.services.catalog.demo import load_demo_catalog

    loaded = load_demo_catalog(ctx.db, ctx.settings, ctx.services.clock)
    if loaded is not None:
        _demo_header(ctx.settings)
        ctx.services.einvoice.prepare_demo()
        log.info("demo catalog loaded: %s products, %s stock movements",
                 loaded.imported.products, loaded.stock_movements)
    if ctx.services.users.count() == 0:
        from pos_app.services.people.users import DEMO_USERS

        for login, name, role, pin in DEMO_USERS:
            ctx.services.users.create(login=login, name=name, role=role, secret=pin)
        log.info("demo users created: %s", ", ".join(u[0] for u in DEMO_USERS))


DEMO_HEADER = {
    "showroom_address": "Số 8 Tràng Tiền, phường Hoàn Kiếm, Hà Nội",
    "showroom_tax_code": "0101234565",
    "showroom_phone": "024 3825 1234",
}
"""The demo showroom's receipt header beyond its name (a made-up address, tax code and phone),
so a demo receipt shows every header line. The tax code passes the MST check digit, so the demo
can switch e-invoicing on (README, "E-invoices")."""

_OLD_DEMO_TAX_CODE = "0109876543"  # earlier demos' code, which fails the check digit


def _demo_header(settings: Settings) -> None:
    """Fill the demo showroom's empty header settings; a value already set is kept."""
    for key, value in DEMO_HEADER.items():
        setting = SETTINGS[key]
        current = str(settings.get(setting)).strip()
        if not current or (key == "showroom_tax_code" and current == _OLD_DEMO_TAX_CODE):
            settings.set(setting, value)


def _start_of_day(ctx: AppContext, stack: Any) -> None:
    """The counter app holds the data folder's lock file while it runs (restore refuses
    meanwhile)."""
    from pos_app.services.maintenance.backup import app_lock

    stack.enter_context(app_lock(ctx.settings.paths.data_dir))


def _daily_backup(ctx: AppContext) -> None:
    """The day's first backup, run on the ``io`` lane once the counter is up: copying a year of
    sales takes seconds, which the cashier must not wait for. A problem is logged, never stops
    the till."""
    from pos_app.services.maintenance.backup import BackupError

    try:
        made = ctx.services.backup.daily_if_needed()
    except BackupError as exc:
        log.warning("daily backup failed: %s %s", exc.code, exc.info)
    else:
        if made is not None:
            log.info("daily backup: %s", made)


def run_gui(args: Any) -> int:
    """Open the counter window (``ocop-pos``): maximized, Vietnamese unless ``--lang``/settings
    say otherwise. ``--self-check`` builds everything offscreen and returns 0 (ok) or 1 with the
    reason printed. Startup problems show a translated message box, never a traceback."""
    import contextlib
    import sys

    from pos_app.config import LANGUAGE, SettingsError
    from pos_app.db.migrate import DatabaseTooNewError
    from pos_app.ui import startup

    self_check = bool(getattr(args, "self_check", False))
    data_dir = getattr(args, "data_dir", None)
    if getattr(args, "demo", False):
        data_dir = Paths.for_demo(data_dir)
    app = startup.create_application(offscreen=self_check)
    lang = getattr(args, "lang", None)
    if not lang:
        try:
            lang = Settings.load(data_dir).get(LANGUAGE)
        except SettingsError:
            lang = None  # reported below, in the default language
    startup.install_language(app, lang)

    def fail(code: str, detail: str) -> int:
        log.error("startup failed: %s %s", code, detail)
        if self_check:
            print(f"self-check FAILED: {code}: {detail}", file=sys.stderr)
            print(startup.error_text(code, detail)[1], file=sys.stderr)  # what the box says
        else:
            startup.show_startup_error(code, detail)
        return 1

    with contextlib.ExitStack() as stack:
        try:
            demo = bool(getattr(args, "demo", False))
            ctx = stack.enter_context(open_context(data_dir, demo=demo))
        except DatabaseTooNewError as exc:
            return fail("db_too_new", exc.revision)
        except SettingsError as exc:
            return fail("settings_unreadable", str(exc))
        except Exception as exc:  # sqlite, disk, permissions: say so instead of a traceback
            return fail("db_unreadable", f"{type(exc).__name__}: {exc}")
        if not self_check:
            _start_of_day(ctx, stack)
            from pos_app.ui import setup_wizard

            # first start (no users, never set up): the wizard, before the window, so the
            # language chosen there is the window's; leaving it ends the app (nothing is lost)
            if setup_wizard.needs_first_setup(ctx.services) \
                    and not setup_wizard.run_first_setup(ctx.services, app):
                return 0
        try:
            shell = startup.build_shell(ctx.services, app)
        except Exception as exc:
            log.exception("building the main window failed")
            return fail("window_failed", f"{type(exc).__name__}: {exc}")
        stack.callback(shell.shutdown)
        if self_check:
            shell.window.resize(1366, 768)
            shell.window.show()
            app.processEvents()
            ok = shell.window.isVisible() and shell.window.stack.count() == 4
            shell.window.close()
            if not ok:
                return fail("window_failed", "the main window did not show")
            print(f"self-check ok: database {ctx.db.path} at revision "
                  f"{ctx.db.migration.to_revision}, main window built")
            return 0
        shell.window.showMaximized()
        shell.window.start()
        startup.warm_up_then_settle(ctx.services, shell)
        startup.start_sync(ctx.services, shell)
        startup.start_einvoice(ctx.services, shell)
        shell.lanes.run("io", _daily_backup, ctx)
        return int(app.exec())
    return 1  # pragma: no cover (the with-block always returns)
