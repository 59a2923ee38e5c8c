"""Receipts and printing: what a sale's receipt says, and a print queue that never blocks a sale.

A sale is committed first (checkout); printing starts from the committed rows. Every job is a
``PrintJob`` row written 'queued' by the caller, then rendered and sent by this service's own
worker thread, ending 'printed' or 'failed' with an error code from
:data:`~pos_app.services.ports.PRINT_ERROR_CODES`. A failed job stays in :meth:`failed_jobs`
until it is retried or the sale's receipt prints by another job, so a printer that ran out of
paper or vanished mid-job never loses a receipt and never touches the sale.

Listeners (:meth:`PrintService.add_listener`) hear a :class:`JobEvent` at every step, called on
the worker thread (or the caller's, for 'queued'); the UI bridges them to Qt itself. No Qt here,
no hardware import: the printer is the ``ReceiptPrinter`` port that ``app.py`` hands in.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased, selectinload

from pos_app import config
from pos_app.config import Settings
from pos_app.db.customer_models import SalePromotion
from pos_app.db.database import Database
from pos_app.db.models import PrintJob, Product, Sale
from pos_app.domain.cart import Cart
from pos_app.domain.errors import CodedValueError
from pos_app.domain.ids import new_id, parse_receipt_number
from pos_app.domain.receipt import (
    LANGUAGES,
    PRINT_MODES,
    EInvoiceRef,
    Payment,
    PaymentMethod,
    QtyUnit,
    Receipt,
    ReceiptLine,
    ShowroomHeader,
    Totals,
    VatPart,
)
from pos_app.domain.vat import vat_by_rate
from pos_app.domain.vietqr import VietQRError, build_payload
from pos_app.services.audit import AuditLog
from pos_app.services.events import EventBus, PrintJobState
from pos_app.services.ports import PRINT_ERROR_CODES, Clock, ReceiptPrinter

log = logging.getLogger(__name__)

MODES = PRINT_MODES
RECEIPT_KINDS = ("receipt", "reprint")
FINAL = ("printed", "failed")


class PrintServiceError(CodedValueError):
    """A request the print service refuses, changing nothing: ``no_such_sale``,
    ``no_such_job``, ``not_failed`` (retry of a job that did not fail), ``bad_mode``."""



class EInvoiceRefs(Protocol):
    """Where a receipt finds its sale's e-invoice (``EInvoiceService.receipt_ref``)."""

    def receipt_ref(self, session: Session, sale_id: str) -> EInvoiceRef | None: ...


JobEvent = PrintJobState
"""What listeners hear: the bus's own event (one definition, in :mod:`pos_app.services.events`)."""


@dataclass(frozen=True)
class JobInfo:
    id: str
    kind: str
    status: str
    error_code: str
    attempts: int
    sale_id: str | None
    receipt_no: str
    printer_uri: str
    created_at: dt.datetime  # aware UTC
    printed_at: dt.datetime | None


@dataclass(frozen=True)
class _Options:
    kick_drawer: bool = False
    mode: str | None = None  # test page: None = the all-modes self-test page
    document: tuple[tuple[str, str, str], ...] = ()  # report: (left, right, style) rows
    bill: Receipt | None = None  # "bill": the pre-payment bill, built when it was asked for


def _error_code(exc: BaseException, default: str = "io_error") -> str:
    code = getattr(exc, "code", None)
    return code if isinstance(code, str) and code in PRINT_ERROR_CODES else default


def stored_vat(sale: Sale) -> tuple[VatPart, ...]:
    """The sale's VAT parts per rate as checkout stored them (``sale_vat``). A sale written
    without them (before migration 0005 backfilled, or by a test seeding rows) gets them from
    the same domain function checkout uses."""
    if sale.vat:
        return tuple(VatPart(v.rate, v.vat) for v in sale.vat)
    parts = vat_by_rate([(ln.line_total, ln.vat_rate) for ln in sale.lines], sale.discount)
    return tuple(VatPart(p.rate, p.amount) for p in parts)


class PrintService:
    """Receipts from committed sales, and the print queue (one worker thread)."""

    def __init__(self, db: Database, settings: Settings, clock: Clock,
                 printer_port: ReceiptPrinter, *, audit: AuditLog | None = None,
                 events: EventBus | None = None,
                 einvoices: EInvoiceRefs | None = None) -> None:
        self.db = db
        self.einvoices = einvoices
        self.settings = settings
        self.clock = clock
        self.port = printer_port
        self.audit = audit or AuditLog(clock)
        self.events = events or EventBus()
        """Every job change is also published here as a :class:`PrintJobState`."""
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._options: dict[str, _Options] = {}
        self._test_modes: dict[str, str | None] = {}
        self._bills: dict[str, Receipt] = {}  # bill jobs of this process, for a retry
        self._listeners: list[Callable[[JobEvent], None]] = []
        self._lock = threading.Lock()  # worker start / stop, listeners
        self._io_lock = threading.Lock()  # one conversation with the printer at a time
        self._final = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopping = False

    # -- receipts --------------------------------------------------------------------------------

    def receipt_for(self, sale_id: str, *, reprint: bool = False) -> Receipt:
        """The receipt of a committed sale or return, as the showroom's settings print it."""
        with self.db.reader() as session:
            sale = session.scalar(
                select(Sale).where(Sale.id == sale_id)
                .options(selectinload(Sale.lines), selectinload(Sale.payments),
                         selectinload(Sale.vat)))
            if sale is None:
                raise PrintServiceError("no_such_sale")
            return self._build_receipt(session, sale, reprint)

    def _languages(self) -> tuple[str, ...]:
        raw = self.settings.get(config.RECEIPT_LANGUAGES)
        langs: list[str] = []
        for part in raw.split(","):
            lang = part.strip().lower()
            if lang in LANGUAGES and lang not in langs:
                langs.append(lang)
        return tuple(langs) or ("vi",)

    def _build_receipt(self, session: Session, sale: Sale, reprint: bool) -> Receipt:
        s = self.settings
        languages = self._languages()
        promos = dict(session.execute(select(SalePromotion.sale_line_id, SalePromotion.name)
                                      .where(SalePromotion.sale_id == sale.id)).all())
        lines = tuple(
            ReceiptLine(
                name=line.name_vi if languages[0] == "vi" else (line.name_en or line.name_vi),
                qty=line.qty, unit_price=line.unit_price, line_total=line.line_total,
                vat_rate=line.vat_rate, stars=line.stars, discount=line.discount,
                unit=QtyUnit(line.unit), promotion=promos.get(line.id, ""))
            for line in sale.lines
        )
        payments = tuple(
            Payment(PaymentMethod(p.method), p.tendered if p.tendered else p.amount,
                    p.reference or None)
            for p in sale.payments
        )
        refund = sale.kind == "return"
        vat = stored_vat(sale)
        original = session.get(Sale, sale.original_sale_id) if sale.original_sale_id else None
        return Receipt(
            header=ShowroomHeader(s.get(config.SHOWROOM_NAME), s.get(config.SHOWROOM_ADDRESS),
                                  s.get(config.SHOWROOM_TAX_CODE), s.get(config.SHOWROOM_PHONE)),
            number=sale.receipt_no,
            sold_at=sale.created_at,
            cashier=sale.cashier_name,
            lines=lines,
            totals=Totals(subtotal=sale.subtotal, discount=sale.discount, total=sale.total,
                          vat=vat),
            payments=payments,
            change=sale.change,
            vietqr_payload=None if refund else self._vietqr(sale),
            trace_url=self._trace_url(session, sale),
            languages=languages,
            reprint=reprint,
            refund=refund,
            original_number=original.receipt_no if original is not None else None,
            einvoice=(self.einvoices.receipt_ref(session, sale.id)
                      if self.einvoices is not None else None),
        )

    def _vietqr(self, sale: Sale) -> str | None:
        amount = sum(p.amount for p in sale.payments if p.method == "transfer")
        return self._vietqr_for(amount, sale.receipt_no)

    def _vietqr_for(self, amount: int, receipt_no: str) -> str | None:
        bank_bin = self.settings.get(config.BANK_BIN)
        account = self.settings.get(config.BANK_ACCOUNT)
        if amount <= 0 or not bank_bin or not account:
            return None
        try:
            return build_payload(bank_bin=bank_bin, account=account, amount=amount,
                                 purpose=receipt_no)
        except VietQRError:
            log.warning("VietQR settings refused for receipt %s", receipt_no, exc_info=True)
            return None

    def bill_for(self, cart: Cart, receipt_no: str, cashier: str) -> Receipt:
        """The "Phiếu tạm tính" of a cart not yet paid: its lines and totals as the cart
        computes them, no payments, and the VietQR to pay the total (the transfer note is the
        receipt number the sale will get, as in the payment dialog)."""
        if cart.empty:
            raise PrintServiceError("empty_cart")
        s = self.settings
        languages = self._languages()
        totals = cart.totals()
        lines = tuple(
            ReceiptLine(
                name=line.name_vi if languages[0] == "vi" else (line.name_en or line.name_vi),
                qty=line.qty, unit_price=line.unit_price, line_total=line.total,
                vat_rate=line.vat_rate, stars=line.stars, discount=line.discount,
                unit=QtyUnit(line.unit))
            for line in cart.lines
        )
        return Receipt(
            header=ShowroomHeader(s.get(config.SHOWROOM_NAME), s.get(config.SHOWROOM_ADDRESS),
                                  s.get(config.SHOWROOM_TAX_CODE), s.get(config.SHOWROOM_PHONE)),
            number=receipt_no,
            sold_at=self.clock.now(),
            cashier=cashier,
            lines=lines,
            totals=Totals(subtotal=totals.subtotal, discount=totals.discount,
                          total=totals.total,
                          vat=tuple(VatPart(v.rate, v.amount) for v in totals.vat)),
            vietqr_payload=self._vietqr_for(totals.total, receipt_no),
            languages=languages,
            bill=True,
        )

    @staticmethod
    def _trace_url(session: Session, sale: Sale) -> str | None:
        ids = [line.product_id for line in sale.lines]
        if not ids:
            return None
        urls = {row[0]: row[1] for row in session.execute(
            select(Product.id, Product.trace_url).where(Product.id.in_(ids)))}
        for product_id in ids:
            if urls.get(product_id):
                return urls[product_id]
        return None

    # -- submitting jobs -------------------------------------------------------------------------

    def print_receipt(self, sale_id: str, *, kick_drawer: bool = False,
                      uri: str | None = None) -> str:
        """Queue a committed sale's receipt; returns the job id at once."""
        self._sale_ref(sale_id)
        return self._submit("receipt", sale_id, uri, _Options(kick_drawer=kick_drawer))

    def reprint(self, receipt_no_or_sale_id: str, *, uri: str | None = None) -> str:
        """Queue a copy (marked as a reprint) of a past sale's receipt."""
        sale_id, _ = self._sale_ref(receipt_no_or_sale_id)
        return self._submit("reprint", sale_id, uri, _Options())

    def print_bill(self, cart: Cart, receipt_no: str, *, cashier: str = "",
                   uri: str | None = None) -> str:
        """Queue the pre-payment bill of ``cart`` (see :meth:`bill_for`); returns the job id at
        once. The bill is kept in memory only: after a restart it cannot be retried (print a
        new one from the cart)."""
        bill = self.bill_for(cart, receipt_no, cashier)
        return self._submit("bill", None, uri, _Options(bill=bill))

    def print_test_page(self, mode: str | None = None, *, uri: str | None = None) -> str:
        """Queue the self-test page (``mode`` None: every mode side by side; else a demo
        receipt in that mode)."""
        if mode is not None and mode not in MODES:
            raise PrintServiceError("bad_mode")
        return self._submit("test", None, uri, _Options(mode=mode))

    def print_document(self, rows: Sequence[tuple[str, str, str]], *,
                       uri: str | None = None) -> str:
        """Queue a plain report (a Z or X report): ``(left, right, style)`` rows already in the
        words to print (style "", "bold", "title" or "rule"). Returns the job id at once. The
        rows live in memory only: after a restart such a job cannot be retried."""
        if not rows:
            raise PrintServiceError("empty_document")
        return self._submit("report", None, uri, _Options(document=tuple(
            (str(a), str(b), str(c)) for a, b, c in rows)))

    def open_drawer(self, *, user: str = "", approved_by: str = "",
                    uri: str | None = None) -> str:
        """Kick the cash drawer without a sale ("no sale"); audited with who opened it and
        (for a cashier) the manager who approved."""
        job_id = self._submit("drawer", None, uri, _Options(), audit_user=user,
                              audit_approver=approved_by)
        return job_id

    def retry(self, job_id: str) -> str:
        """Queue a failed job again, to the printer configured now; returns the same id."""
        with self.db.transaction() as session:
            job = session.get(PrintJob, job_id)
            if job is None:
                raise PrintServiceError("no_such_job")
            if job.status != "failed":
                raise PrintServiceError("not_failed")
            job.status, job.error_code = "queued", ""
            job.printer_uri = self.settings.get(config.PRINTER_URI) or job.printer_uri
            kind, sale_id = job.kind, job.sale_id
        # no second drawer kick; a test page keeps its mode while this process runs
        self._options[job_id] = _Options(mode=self._test_modes.get(job_id),
                                         bill=self._bills.get(job_id))
        self._enqueue(job_id, kind, sale_id)
        return job_id

    def _sale_ref(self, ref: str) -> tuple[str, str]:
        """(sale id, receipt number) of a sale named by id or receipt number."""
        text = ref.strip()
        with self.db.reader() as session:
            try:
                parse_receipt_number(text)
                row = session.execute(select(Sale.id, Sale.receipt_no).where(
                    Sale.receipt_no == text.upper())).first()
            except ValueError:
                row = session.execute(select(Sale.id, Sale.receipt_no).where(
                    Sale.id == text)).first()
        if row is None:
            raise PrintServiceError("no_such_sale")
        return str(row[0]), str(row[1])

    def _submit(self, kind: str, sale_id: str | None, uri: str | None, options: _Options,
                audit_user: str | None = None, audit_approver: str = "") -> str:
        self._ensure_worker()
        job_id = new_id()
        printer = self.settings.get(config.PRINTER_URI) if uri is None else uri
        with self.db.transaction() as session:
            session.add(PrintJob(id=job_id, kind=kind, sale_id=sale_id, printer_uri=printer,
                                 status="queued", created_at=self.clock.now()))
            if audit_user is not None:
                self.audit.append(session, action="drawer_open", user=audit_user,
                                  approved_by=audit_approver, target=job_id,
                                  detail={"reason": "no_sale"})
        self._options[job_id] = options
        if kind == "test":
            self._test_modes[job_id] = options.mode
        if options.bill is not None:
            self._bills[job_id] = options.bill
        self._enqueue(job_id, kind, sale_id)
        return job_id

    def _enqueue(self, job_id: str, kind: str, sale_id: str | None) -> None:
        self._emit(JobEvent(job_id, kind, "queued", "", sale_id, self._receipt_no(sale_id)))
        self._queue.put(job_id)

    def _receipt_no(self, sale_id: str | None) -> str:
        if sale_id is None:
            return ""
        with self.db.reader() as session:
            return session.scalar(select(Sale.receipt_no).where(Sale.id == sale_id)) or ""

    # -- the worker ------------------------------------------------------------------------------

    def _ensure_worker(self) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._stopping = False
            self._recover_interrupted()
            self._thread = threading.Thread(target=self._run, name="print-worker", daemon=True)
            self._thread.start()

    def _recover_interrupted(self) -> None:
        """Jobs left queued or printing by a previous run (crash, shutdown) become failed."""
        with self.db.transaction() as session:
            stale = session.scalars(select(PrintJob).where(
                PrintJob.status.in_(("queued", "printing")))).all()
            for job in stale:
                job.status, job.error_code = "failed", "interrupted"

    def _run(self) -> None:
        while True:
            job_id = self._queue.get()
            if job_id is None:
                return
            try:
                self._process(job_id)
            except Exception:  # the worker must outlive any one job
                log.exception("print job %s could not be processed", job_id)

    def _process(self, job_id: str) -> None:
        options = self._options.pop(job_id, _Options())
        with self.db.transaction() as session:
            job = session.get(PrintJob, job_id)
            if job is None or job.status != "queued":
                return
            if self._stopping:
                job.status, job.error_code = "failed", "interrupted"
                kind, sale_id, status = job.kind, job.sale_id, "failed"
            else:
                job.status = "printing"
                job.attempts += 1
                kind, sale_id, status = job.kind, job.sale_id, "printing"
            uri = job.printer_uri
        receipt_no = self._receipt_no(sale_id)
        self._emit(JobEvent(job_id, kind, status, "interrupted" if status == "failed" else "",
                            sale_id, receipt_no))
        if status == "failed":
            self._notify_final()
            return
        code = ""
        try:
            data = self._render(kind, sale_id, options)
        except Exception as exc:
            log.exception("print job %s could not be rendered", job_id)
            code = _error_code(exc, "render_failed")
        else:
            if not uri.strip():
                code = "not_configured"
            else:
                try:
                    with self._io_lock:
                        self.port.send(uri, data)
                except Exception as exc:
                    code = _error_code(exc)
                    log.info("print job %s failed on %s: %s", job_id, uri, exc)
        with self.db.transaction() as session:
            job = session.get(PrintJob, job_id)
            if job is not None:
                job.status = "failed" if code else "printed"
                job.error_code = code
                job.printed_at = None if code else self.clock.now()
        self._emit(JobEvent(job_id, kind, "failed" if code else "printed", code, sale_id,
                            receipt_no))
        self._notify_final()

    def _render(self, kind: str, sale_id: str | None, options: _Options) -> bytes:
        paper = self.settings.get(config.PAPER_WIDTH_MM)
        if kind in RECEIPT_KINDS:
            if sale_id is None:
                raise PrintServiceError("no_such_sale")
            receipt = self.receipt_for(sale_id, reprint=kind == "reprint")
            mode = self.settings.get(config.PRINTER_TEXT_MODE)
            return self.port.render(receipt, paper, mode, options.kick_drawer)
        if kind == "bill":
            if options.bill is None:
                raise PrintServiceError("render_failed")
            mode = self.settings.get(config.PRINTER_TEXT_MODE)
            return self.port.render(options.bill, paper, mode, False)
        if kind == "test":
            return self.port.test_page(paper, options.mode)
        if kind == "report":
            render_document = getattr(self.port, "document", None)
            if not options.document or render_document is None:
                raise PrintServiceError("render_failed")
            data: bytes = render_document(options.document, paper)
            return data
        return self.port.drawer_kick()

    def _notify_final(self) -> None:
        with self._final:
            self._final.notify_all()

    def shutdown(self, timeout: float = 30.0) -> None:
        """Stop the worker after the job in hand; jobs not started are marked 'interrupted'."""
        with self._lock:
            thread = self._thread
            if thread is None:
                return
            self._stopping = True
            self._queue.put(None)
        thread.join(timeout)
        with self._lock:
            self._thread = None

    # -- listening and asking ----------------------------------------------------------------------

    def add_listener(self, callback: Callable[[JobEvent], None]) -> None:
        """Call ``callback(JobEvent)`` on every job change (from the worker thread)."""
        with self._lock:
            self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[JobEvent], None]) -> None:
        with self._lock:
            if callback in self._listeners:
                self._listeners.remove(callback)

    def _emit(self, event: JobEvent) -> None:
        self.events.publish(event)
        with self._lock:
            listeners = list(self._listeners)
        for callback in listeners:
            try:
                callback(event)
            except Exception:
                log.exception("print listener failed on %s", event)

    def job(self, job_id: str) -> JobInfo:
        with self.db.reader() as session:
            row = session.execute(select(PrintJob, Sale.receipt_no).outerjoin(
                Sale, Sale.id == PrintJob.sale_id).where(PrintJob.id == job_id)).first()
        if row is None:
            raise PrintServiceError("no_such_job")
        return _info(row[0], row[1])

    def wait(self, job_id: str, timeout: float = 60.0) -> JobInfo:
        """Block until the job is printed or failed (or ``timeout`` passes); for the CLI and
        tests — the counter UI listens instead."""
        deadline = time.monotonic() + timeout
        with self._final:
            while True:
                info = self.job(job_id)
                left = deadline - time.monotonic()
                if info.status in FINAL or left <= 0:
                    return info
                self._final.wait(min(left, 0.5))

    def failed_jobs(self, limit: int = 100) -> list[JobInfo]:
        """Failed jobs, newest first, except receipts whose sale has printed since."""
        later = aliased(PrintJob)
        printed_since = exists().where(
            later.sale_id == PrintJob.sale_id, later.status == "printed",
            later.created_at >= PrintJob.created_at)
        with self.db.reader() as session:
            rows = session.execute(
                select(PrintJob, Sale.receipt_no)
                .outerjoin(Sale, Sale.id == PrintJob.sale_id)
                .where(PrintJob.status == "failed", ~printed_since)
                .order_by(PrintJob.created_at.desc(), PrintJob.id.desc())
                .limit(limit)).all()
        return [_info(job, receipt_no) for job, receipt_no in rows]

    def printer_status(self, uri: str | None = None) -> str:
        """"ok", "unknown" (the printer does not say) or an error code; may take a few
        seconds, so call it off the GUI thread."""
        printer = self.settings.get(config.PRINTER_URI) if uri is None else uri
        if not printer.strip():
            return "not_configured"
        with self._io_lock:
            return self.port.status(printer)


def _info(job: PrintJob, receipt_no: str | None) -> JobInfo:
    return JobInfo(
        id=job.id, kind=job.kind, status=job.status, error_code=job.error_code,
        attempts=job.attempts, sale_id=job.sale_id, receipt_no=receipt_no or "",
        printer_uri=job.printer_uri, created_at=job.created_at,
        printed_at=job.printed_at)
