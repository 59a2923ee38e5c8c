"""E-invoices from the cash register, offline first.

* **Issue** (:meth:`EInvoiceService.issue_for_sale`): in the caller's transaction, the invoice of
  a stored sale gets its number (the next on the till's own symbol) and its MTT code (the till's
  slot + that number, see ``domain/einvoice.py``), its XML is built and stored, and it is queued.
  Nothing leaves the till here. The lead can call it from checkout's transaction (the hook); until
  then :meth:`issue_pending` **polls** the sales table for sales since e-invoicing was switched on
  that have no invoice yet (and voided sales without their adjustment), so services/sales is not
  touched.
* **Follow-ups**, never an edit of an issued invoice (the table's triggers refuse that): a return
  issues an adjustment invoice (negative) that references the sale's current invoice; a void
  issues an adjustment of the whole invoice to zero; :meth:`replace` issues a replacement (e.g.
  the buyer asked for their tax code after the fact).
* **Transmit** (:meth:`send_once`): queued invoices whose time has come go in batches through the
  provider port; per-invoice answers: accepted → ``sent``; refused → ``refused`` with the reason,
  parked for the manager (:meth:`retry` queues them again); a failed call (offline, timeout, 5xx,
  garbage) leaves every invoice of the batch queued with a backoff. A resend after a lost answer
  is accepted by the provider as the same invoice, so nothing is sent twice in effect.
* :meth:`run_pump` loops that on a background lane, at least every ``interval_s``.

VAT parts come from the sale as stored, through ``vat_parts_of`` (default: the domain's
the sale's stored VAT parts, ``sale_vat``, which checkout wrote and the receipt, reports and
registry event read too) and must equal the sale's ``vat_total``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from pos_app.config import SHOWROOM_ADDRESS, SHOWROOM_NAME, SHOWROOM_TAX_CODE, Settings
from pos_app.db.database import Database
from pos_app.db.einvoice_models import EInvoice
from pos_app.db.models import Sale, SaleLine
from pos_app.domain import einvoice as e
from pos_app.domain.ids import new_id
from pos_app.domain.receipt import EInvoiceRef, hanoi_tz
from pos_app.domain.utc import naive_utc, to_utc
from pos_app.domain.vat import vat_by_rate
from pos_app.formats.einvoice_wire import OutgoingInvoice
from pos_app.formats.einvoice_xml import build_xml
from pos_app.services.einvoice import settings as es
from pos_app.services.einvoice.ports import EInvoiceConnector, EInvoiceTransport
from pos_app.services.events import EInvoiceState, EventBus
from pos_app.services.ports import Clock, TokenStore
from pos_app.services.retry import backoff_delay

log = logging.getLogger(__name__)

VatPartsOf = Callable[[Session, Sale], tuple[e.VatPart, ...]]


def stored_vat_parts(session: Session, sale: Sale) -> tuple[e.VatPart, ...]:
    """The sale's VAT parts per rate as checkout stored them (``sale_vat``); a sale without them
    (seeded by hand) gets them from the one domain function checkout uses."""
    if sale.vat:
        return tuple(e.VatPart(v.rate, v.gross, v.vat) for v in sale.vat)
    parts = vat_by_rate([(ln.line_total, ln.vat_rate) for ln in sale.lines], sale.discount)
    return tuple(e.VatPart(p.rate, p.gross, p.amount) for p in parts)


@dataclass(frozen=True)
class SendResult:
    sent: int = 0
    refused: int = 0
    error: str = ""


@dataclass(frozen=True)
class EInvoiceStatus:
    queued: int
    sent: int
    refused: int
    late: int  # queued from an earlier day
    last_error: str


@dataclass(frozen=True)
class InvoiceRow:
    id: str
    sale_id: str
    purpose: str
    kind: str
    symbol: str
    number: int
    mccqt: str
    issued_at: dt.datetime
    total: int
    total_vat: int
    status: str
    attempts: int
    last_error: str


def _row(inv: EInvoice) -> InvoiceRow:
    return InvoiceRow(inv.id, inv.sale_id, inv.purpose, inv.kind, inv.symbol, inv.number,
                      inv.mccqt, inv.issued_at, inv.total, inv.total_vat, inv.status,
                      inv.attempts, inv.last_error)


def buyer_party(data: dict[str, Any] | None) -> e.Party:
    """A buyer from what the counter asked for; the tax code is checked (``bad_tax_code`` …)."""
    data = data or {}
    party = e.Party(**{k: str(data.get(k, "")).strip() for k in
                       ("name", "tax_code", "address", "phone", "email", "id_number")})
    if party.tax_code:
        e.validate_tax_code(party.tax_code)
        if not party.name or not party.address:
            raise e.EInvoiceError("buyer_incomplete")
    return party


class EInvoiceService:
    def __init__(self, db: Database, settings: Settings, clock: Clock,
                 transport: EInvoiceTransport | None = None, *,
                 vat_parts_of: VatPartsOf = stored_vat_parts, batch_size: int = 100,
                 backoff_base: float = 5.0, backoff_cap: float = 900.0,
                 rng: random.Random | None = None, connector: EInvoiceConnector | None = None,
                 tokens: TokenStore | None = None, events: EventBus | None = None) -> None:
        self.db = db
        self.events = events
        self.settings = settings
        self.clock = clock
        self.transport = transport
        self.vat_parts_of = vat_parts_of
        self.batch_size = batch_size
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.rng = rng or random.Random()
        self._wake = threading.Event()
        self.connector = connector
        self.tokens = tokens
        self._connected: tuple[str, str] | None = None
        self._cached: tuple[tuple[str, ...], es.EInvoiceSettings] | None = None
        self._cache_lock = threading.Lock()

    def _transport(self) -> EInvoiceTransport | None:
        """The transport given, or one opened through the connector for the provider URL and
        token as they are set now (opened again when either changes)."""
        if self.connector is None:
            return self.transport
        url = self.config().provider_url.strip()
        if not url:
            return None
        token = self.tokens.get() if self.tokens is not None else ""
        if self.transport is None or self._connected != (url, token):
            self.transport = self.connector.connect(url, token)
            self._connected = (url, token)
        return self.transport

    def set_token(self, token: str) -> str:
        """Keep the provider's token in the token store (never in settings); returns where."""
        if self.tokens is None:
            raise e.EInvoiceError("not_configured")
        return self.tokens.set(token.strip())

    def has_token(self) -> bool:
        return bool(self.tokens is not None and self.tokens.get())

    def check_buyer(self, buyer: dict[str, Any] | None) -> e.Party:
        """The buyer as the invoice will carry it; raises :class:`EInvoiceError` for a bad
        tax code or a company without name/address (the counter asks again)."""
        return buyer_party(buyer)

    def enabled(self, session: Session | None = None) -> bool:
        return self.config(session).enabled

    def wake(self) -> None:
        """A sale was invoiced: let a waiting pump send now."""
        self._wake.set()

    # --- settings ----------------------------------------------------------------------------

    def config(self, session: Session | None = None) -> es.EInvoiceSettings:
        """The settings as stored, from a cache checked per call against the version row and
        the showroom's seller settings (a save anywhere, this process or another, shows at
        the next call). Every sale reads them: loading all the rows costs milliseconds."""
        if session is not None:
            return self._config(session)
        with self.db.reader() as reader:
            return self._config(reader)

    def _config(self, session: Session) -> es.EInvoiceSettings:
        token = es.version(session)
        if token is None:
            return es.load(session, self.settings)
        key = (token, self.settings.get(SHOWROOM_NAME), self.settings.get(SHOWROOM_ADDRESS),
               self.settings.get(SHOWROOM_TAX_CODE))
        cached = self._cached
        if cached is not None and cached[0] == key:
            return cached[1]
        loaded = es.load(session, self.settings)
        with self._cache_lock:
            self._cached = (key, loaded)
        return loaded

    def configure(self, values: es.EInvoiceSettings) -> None:
        """Store the settings; the seller always comes from the showroom settings."""
        with self.db.transaction() as session:
            seller = es.load(session, self.settings).seller
            es.save(session, replace(values, seller=seller), self.clock.now())
        with self._cache_lock:
            self._cached = None

    def prepare_demo(self) -> None:
        """Store the demo showroom's e-invoice settings (switched off) unless some are set."""
        with self.db.transaction() as session:
            if es.version(session) is None and not es.load(session, self.settings).symbol_letters:
                seller = es.load(session, self.settings).seller
                es.save(session, es.demo_values(seller), self.clock.now())

    # --- issuing -----------------------------------------------------------------------------

    def _current_invoice(self, session: Session, sale_id: str) -> EInvoice | None:
        """The sale's invoice as it stands: its latest original or replacement."""
        return session.scalars(
            select(EInvoice).where(EInvoice.sale_id == sale_id,
                                   EInvoice.purpose.in_(("sale", "replace")))
            .order_by(EInvoice.issued_at.desc(), EInvoice.number.desc())).first()

    def _next_number(self, session: Session, symbol: str) -> int:
        top = session.scalar(select(func.max(EInvoice.number)).where(EInvoice.symbol == symbol))
        return int(top or 0) + 1

    def issue_for_sale(self, session: Session, sale_id: str, *, purpose: str | None = None,
                       buyer: dict[str, Any] | None = None) -> InvoiceRow | None:
        """Issue the invoice a stored sale calls for, in ``session``'s transaction.

        ``purpose``: ``sale`` / ``return`` from the sale's kind (default), ``void`` for a voided
        sale's adjustment. Returns None when nothing is due (e-invoicing off, already issued, a
        return of a sale that had no invoice). Raises :class:`EInvoiceError` for a setting or a
        sale that cannot make a lawful invoice (the sale stands; the caller reports it).
        """
        cfg = self.config(session)
        if not cfg.enabled:
            return None
        cfg.check()
        sale = session.get(Sale, sale_id)
        if sale is None:
            raise e.EInvoiceError("no_such_sale", sale_id)
        purpose = purpose or ("return" if sale.kind == "return" else "sale")
        if session.scalar(select(EInvoice.id).where(EInvoice.sale_id == sale_id,
                                                    EInvoice.purpose == purpose)):
            return None
        related: EInvoice | None = None
        sign = 1
        if purpose == "return":
            if sale.original_sale_id is None:
                return None
            related = self._current_invoice(session, sale.original_sale_id)
        elif purpose == "void":
            related = self._current_invoice(session, sale_id)
            sign = -1
        if purpose in ("return", "void") and related is None:
            return None  # the original was sold before e-invoicing: nothing to adjust
        parts = self.vat_parts_of(session, sale)
        if sum(p.vat for p in parts) != sale.vat_total:
            raise e.EInvoiceError("vat_mismatch", sale.receipt_no)
        methods = [p.method for p in sale.payments]
        buyer_data = buyer if buyer is not None else (
            json.loads(related.buyer) if related is not None else None)
        return self._issue(session, cfg, sale, purpose, related, sign, parts,
                           buyer_party(buyer_data), e.payment_form(methods))

    def _issue(self, session: Session, cfg: es.EInvoiceSettings, sale: Sale, purpose: str,
               related: EInvoice | None, sign: int, parts: Sequence[e.VatPart],
               buyer: e.Party, pay_form: str) -> InvoiceRow:
        now = to_utc(self.clock.now())
        local = now.astimezone(hanoi_tz())
        symbol = cfg.symbol(local.year)
        number = self._next_number(session, symbol)
        mccqt = e.make_mccqt(cfg.template, local.year, cfg.authority_code, cfg.till_slot,
                             number)
        lines = tuple(self._line(ln, sign) for ln in sale.lines)
        kind = {"sale": "original", "replace": "replacement"}.get(purpose, "adjustment")
        rel = None
        if related is not None:
            rel = e.RelatedInvoice(
                e.RELATION_REPLACE if kind == "replacement" else e.RELATION_ADJUST,
                related.template, related.symbol, related.number,
                related.local_date, related.mccqt)
        invoice = e.Invoice(
            template=cfg.template, symbol=symbol, number=number, mccqt=mccqt,
            issued_at=local.replace(tzinfo=None), seller=cfg.seller, buyer=buyer, lines=lines,
            vat_parts=tuple(e.VatPart(p.rate, sign * p.gross, sign * p.vat) for p in parts),
            total=sign * sale.total, discount=sign * sale.discount, payment_form=pay_form,
            provider_tax_code=cfg.provider_tax_code, related=rel, sale_id=sale.id,
        )
        qr = f"{cfg.lookup_url}?ma={mccqt}" if cfg.lookup_url else ""
        xml = build_xml(invoice, qr_data=qr)
        row = EInvoice(
            id=new_id(), sale_id=sale.id, purpose=purpose, kind=kind,
            related_id=related.id if related is not None else None, template=cfg.template,
            symbol=symbol, number=number, mccqt=mccqt, format_version=invoice.fmt.pban,
            issued_at=naive_utc(now), local_date=local.date(),
            buyer=json.dumps(asdict(buyer), ensure_ascii=False, sort_keys=True),
            total=invoice.total, total_vat=invoice.total_vat, xml=xml, status="queued",
            attempts=0, next_attempt_at=naive_utc(now), last_error="", ack_id="",
        )
        session.add(row)
        session.flush()
        self._wake.set()
        return _row(row)

    @staticmethod
    def _line(line: SaleLine, sign: int) -> e.InvoiceLine:
        qty, unit = e.qty_for_invoice(line.qty, line.unit)
        return e.InvoiceLine(no=line.line_no, name=line.name_vi, unit=unit, qty=sign * qty,
                             unit_price=line.unit_price, amount=sign * line.line_total,
                             vat_rate=line.vat_rate, code=line.sku,
                             discount=sign * line.discount)

    def issue_pending(self, limit: int = 500) -> tuple[int, list[tuple[str, str]]]:
        """The poller: invoice the sales (and voids) since e-invoicing was switched on that
        have none yet. Returns ``(issued, [(receipt_no, error code)])``; a sale that cannot be
        invoiced is reported, not dropped, and tried again next time."""
        with self.db.reader() as session:
            cfg = self._config(session)
            if not cfg.enabled or cfg.since is None:
                return 0, []
            own = aliased(EInvoice)
            due = list(session.execute(
                select(Sale.id, Sale.receipt_no, Sale.kind).outerjoin(
                    own, and_(own.sale_id == Sale.id, own.purpose.in_(("sale", "return"))))
                .where(own.id.is_(None), Sale.created_at >= cfg.since)
                .order_by(Sale.created_at, Sale.id).limit(limit)))
            void = aliased(EInvoice)
            voided = list(session.execute(
                select(Sale.id, Sale.receipt_no).join(
                    own, and_(own.sale_id == Sale.id, own.purpose == "sale"))
                .outerjoin(void, and_(void.sale_id == Sale.id, void.purpose == "void"))
                .where(Sale.status == "voided", void.id.is_(None)).limit(limit)))
        issued, errors = 0, []
        jobs = [(sid, no, None) for sid, no, _ in due] + [(sid, no, "void") for sid, no in voided]
        for sale_id, receipt_no, purpose in jobs:
            try:
                with self.db.transaction() as session:
                    if self.issue_for_sale(session, sale_id, purpose=purpose) is not None:
                        issued += 1
            except e.EInvoiceError as exc:
                log.warning("no e-invoice for %s: %s", receipt_no, exc)
                errors.append((receipt_no, exc.code))
        return issued, errors

    def replace(self, invoice_id: str, buyer: dict[str, Any]) -> InvoiceRow:
        """A replacement invoice for the same sale with corrected buyer details."""
        with self.db.transaction() as session:
            original = session.get(EInvoice, invoice_id)
            if original is None or original.kind == "adjustment":
                raise e.EInvoiceError("not_replaceable", invoice_id)
            sale = session.get(Sale, original.sale_id)
            assert sale is not None
            if session.scalar(select(EInvoice.id).where(EInvoice.sale_id == sale.id,
                                                        EInvoice.purpose == "replace")):
                raise e.EInvoiceError("already_replaced", invoice_id)
            cfg = self._config(session).check()
            parts = self.vat_parts_of(session, sale)
            return self._issue(session, cfg, sale, "replace", original, 1, parts,
                               buyer_party(buyer), e.payment_form([p.method for p in
                                                                   sale.payments]))

    # --- reading -----------------------------------------------------------------------------

    def invoices(self, *, status: str | None = None, local_date: dt.date | None = None,
             limit: int = 200) -> list[InvoiceRow]:
        query = select(EInvoice).order_by(EInvoice.issued_at.desc(), EInvoice.number.desc())
        if status:
            query = query.where(EInvoice.status == status)
        if local_date:
            query = query.where(EInvoice.local_date == local_date)
        with self.db.reader() as session:
            return [_row(inv) for inv in session.scalars(query.limit(limit))]

    def find(self, ref: str) -> tuple[InvoiceRow, bytes, dict[str, Any]]:
        """An invoice by id, MTT code or ``<symbol>-<number>``: its row, XML and buyer."""
        with self.db.reader() as session:
            inv = session.get(EInvoice, ref) or session.scalars(
                select(EInvoice).where(EInvoice.mccqt == ref)).first()
            if inv is None and "-" in ref:
                symbol, _, number = ref.rpartition("-")
                if number.isdigit():
                    inv = session.scalars(select(EInvoice).where(
                        EInvoice.symbol == symbol.upper().lstrip("12"),
                        EInvoice.number == int(number))).first()
            if inv is None:
                raise e.EInvoiceError("no_such_invoice", ref)
            return _row(inv), inv.xml, json.loads(inv.buyer)

    def receipt_ref(self, session: Session, sale_id: str) -> EInvoiceRef | None:
        """What the receipt of a sale (or return) prints of its e-invoice: the current one
        (a replacement over the original), with the buyer's lookup link; None without one."""
        inv = session.scalars(
            select(EInvoice).where(EInvoice.sale_id == sale_id,
                                   EInvoice.purpose.in_(("sale", "replace", "return")))
            .order_by(EInvoice.issued_at.desc(), EInvoice.number.desc())).first()
        if inv is None:
            return None
        lookup = self._config(session).lookup_url
        return EInvoiceRef(inv.template, inv.symbol, inv.number, inv.mccqt,
                           f"{lookup}?ma={inv.mccqt}" if lookup else "")

    def ref_for_sale(self, sale_id: str) -> EInvoiceRef | None:
        """:meth:`receipt_ref` in a read of its own (the counter's success page)."""
        with self.db.reader() as session:
            return self.receipt_ref(session, sale_id)

    def for_sale(self, sale_id: str) -> list[InvoiceRow]:
        with self.db.reader() as session:
            return [_row(inv) for inv in session.scalars(
                select(EInvoice).where(EInvoice.sale_id == sale_id).order_by(EInvoice.number))]

    def status(self) -> EInvoiceStatus:
        today = self.clock.now().astimezone(hanoi_tz()).date()
        with self.db.reader() as session:
            counts = dict(session.execute(
                select(EInvoice.status, func.count()).group_by(EInvoice.status)).all())
            late = session.scalar(select(func.count()).select_from(EInvoice).where(
                EInvoice.status == "queued", EInvoice.local_date < today)) or 0
            last = session.scalar(select(EInvoice.last_error).where(
                EInvoice.status == "queued", EInvoice.last_error != "")
                .order_by(EInvoice.next_attempt_at.desc())) or ""
        return EInvoiceStatus(int(counts.get("queued", 0)), int(counts.get("sent", 0)),
                              int(counts.get("refused", 0)), int(late), last)

    def publish_state(self) -> EInvoiceState:
        """Read :meth:`status` and tell the event bus (the status bar listens)."""
        st = self.status()
        state = EInvoiceState(self.config().enabled, st.queued, st.sent, st.refused, st.late,
                              st.last_error)
        if self.events is not None:
            self.events.publish(state)
        return state

    # --- transmission ------------------------------------------------------------------------

    def backoff(self, attempts: int) -> float:
        return backoff_delay(attempts, self.backoff_base, self.backoff_cap, self.rng)

    def send_once(self, max_batches: int | None = None, *, force: bool = False) -> SendResult:
        """Send what is due (``force``: everything queued, e.g. before the day closes)."""
        transport = self._transport()
        if transport is None:
            return SendResult(error="not_configured")
        sent = refused = batches = 0
        while max_batches is None or batches < max_batches:
            now = naive_utc(self.clock.now())
            with self.db.reader() as session:
                query = select(EInvoice.id, EInvoice.mccqt, EInvoice.xml).where(
                    EInvoice.status == "queued")
                if not force:
                    query = query.where(EInvoice.next_attempt_at <= now)
                batch = list(session.execute(
                    query.order_by(EInvoice.symbol, EInvoice.number).limit(self.batch_size)))
            if not batch:
                break
            batches += 1
            outgoing = [OutgoingInvoice(i, m, x) for i, m, x in batch]
            try:
                answers = transport.send(outgoing)
            except Exception as exc:  # any failure: the whole batch waits, nothing lost
                code = str(getattr(exc, "code", "internal"))
                if code == "internal":
                    log.exception("e-invoice send failed")
                self._note_failure([o.id for o in outgoing], code, now)
                return SendResult(sent, refused, code)
            with self.db.transaction() as session:
                for answer in answers:
                    inv = session.get(EInvoice, answer.id)
                    if inv is None or inv.status != "queued":
                        continue
                    inv.attempts += 1
                    if answer.accepted:
                        inv.status, inv.sent_at, inv.ack_id = "sent", now, answer.ack_id
                        inv.last_error = ""
                        sent += 1
                    else:
                        inv.status = "refused"
                        inv.last_error = (answer.reason + (": " + answer.detail
                                                           if answer.detail else ""))[:400]
                        refused += 1
        return SendResult(sent, refused)

    def _note_failure(self, ids: Sequence[str], code: str, now: dt.datetime) -> None:
        with self.db.transaction() as session:
            for inv in session.scalars(select(EInvoice).where(EInvoice.id.in_(ids))):
                inv.attempts += 1
                inv.last_error = code
                inv.next_attempt_at = now + dt.timedelta(seconds=self.backoff(inv.attempts))

    def retry(self, refs: Sequence[str] = ()) -> int:
        """Queue refused invoices (all, or those named) to be sent at once."""
        now = naive_utc(self.clock.now())
        with self.db.transaction() as session:
            query = select(EInvoice).where(EInvoice.status.in_(("refused", "queued")))
            if refs:
                query = query.where(EInvoice.id.in_(refs) | EInvoice.mccqt.in_(refs))
            count = 0
            for inv in session.scalars(query):
                inv.status, inv.next_attempt_at = "queued", now
                count += 1
        self._wake.set()
        return count

    def run_pump(self, stop_event: threading.Event, interval_s: float = 300.0) -> None:
        """Issue what is pending and send what is due, at least every ``interval_s``; wakes
        early when an invoice is issued. Meant for a background lane's thread."""
        while not stop_event.is_set():
            try:
                self.issue_pending()
                self.send_once()
                self.publish_state()
            except Exception:  # a bug must not kill the lane
                log.exception("e-invoice pump step failed")
            self._wait(stop_event, interval_s)

    def _wait(self, stop_event: threading.Event, seconds: float) -> None:
        waited = 0.0
        while waited < seconds and not stop_event.is_set():
            if self._wake.wait(min(0.2, seconds - waited)):
                self._wake.clear()
                return
            waited += 0.2
