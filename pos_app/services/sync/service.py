"""Sync with the city registry: push the outbox, pull the catalog and the other tills' stock.

The glue between the till's database and the registry transport (``services/ports.py``
``RegistryTransport``, really ``pos_app.sync.client.RegistryClient``):

* :meth:`SyncService.push_once` sends pending outbox events in id order, in batches, and marks
  ``sent`` only the ids the registry acknowledged (``accepted`` / ``duplicate``); ``rejected``
  ones are parked with the reason (never retried, never dropped); anything unanswered stays
  pending. A lost answer is harmless: the resend comes back ``duplicate``.
* :meth:`SyncService.pull_catalog` pages the registry's catalog from a cursor kept in
  ``app_meta`` and applies each page, cursor included, in ONE transaction through the catalog
  importer's upsert (``catalog_import.apply_in_session``); a revocation makes the product
  unsellable at once (``cert_status = 'revoked'``).
* :meth:`SyncService.pull_stock` adds the other tills' stock movements (a set union by id).
* :meth:`SyncService.run_pump` loops on a background lane with exponential backoff, jitter and
  ``Retry-After``, until its stop event is set.

Results carry codes (``pos_app.sync.client.SYNC_ERROR_CODES`` plus ``catalog_conflict``,
``bad_catalog``, ``unknown_sku``, ``unanswered``), never sentences.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import logging
import random
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pos_app import config
from pos_app.config import Settings
from pos_app.db.database import Database, get_meta, set_meta
from pos_app.db.models import OutboxEvent, Product, StockMovement
from pos_app.domain.barcodes import BarcodeError
from pos_app.domain.barcodes import validate as validate_barcode
from pos_app.services.audit import HEAD_KEY as AUDIT_HEAD_KEY
from pos_app.services.catalog import importer as ci
from pos_app.services.events import CatalogChanged, EventBus, SyncState
from pos_app.services.ports import Clock, RegistryTransport

if TYPE_CHECKING:
    from pos_app.sync import protocol as p

log = logging.getLogger(__name__)


def _lazy_module(name: str) -> Any:
    """``name`` imported on its first attribute use (the standard library's LazyLoader)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None, name
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


if not TYPE_CHECKING:
    # The protocol's pydantic models (~0.3 s of imports) load when sync first runs, not while
    # the counter starts.
    p = _lazy_module("pos_app.sync.protocol")

CATALOG_CURSOR_KEY = "sync_catalog_cursor"
STOCK_CURSOR_KEY = "sync_stock_cursor"
LAST_SUCCESS_KEY = "sync_last_success"
OFFLINE_CODES = frozenset({"offline", "timeout", "tls"})
_ALL_PRODUCT_FIELDS = ci.OPTIONAL_PRODUCT_FIELDS  # the registry sends every field
_ALL_PRODUCER_FIELDS = ci.OPTIONAL_PRODUCER_FIELDS


def _naive(at: dt.datetime) -> dt.datetime:
    return p.utc(at).replace(tzinfo=None)


def _code_of(exc: BaseException) -> str:
    code = getattr(exc, "code", None)
    return code if isinstance(code, str) else "offline"


@dataclass(frozen=True)
class PushResult:
    sent: int = 0
    """Events the registry acknowledged now (accepted or duplicate), marked sent."""
    duplicates: int = 0
    rejected: int = 0
    remaining: int = 0
    """Still pending afterwards."""
    error: str = ""
    retry_after: float | None = None


@dataclass(frozen=True)
class PullResult:
    pages: int = 0
    producers: int = 0
    products: int = 0
    revocations: int = 0
    movements: int = 0
    error: str = ""
    retry_after: float | None = None


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    online: bool | None
    """True after a call that reached the registry, False after one that could not; None before
    the first call."""
    pending: int
    rejected: int
    last_success: dt.datetime | None
    last_error: str


class SyncService:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        clock: Clock,
        transport: RegistryTransport | None,
        *,
        batch_size: int | None = None,  # None: the protocol's largest batch
        page_size: int = 200,
        backoff_base: float = 1.0,
        backoff_cap: float = 300.0,
        idle_poll_s: float = 5.0,
        rng: random.Random | None = None,
        events: EventBus | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self.transport = transport
        self._batch_size = batch_size
        self.page_size = page_size
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.idle_poll_s = idle_poll_s
        self.rng = rng or random.Random()
        self.events = events or EventBus()
        self._lock = threading.Lock()  # one sync at a time (pump and a manual "sync now")
        self._wake = threading.Event()
        self._online: bool | None = None
        self._last_error = ""

    @property
    def batch_size(self) -> int:
        """Events per push: as asked, at most the protocol's largest batch (read on use, so
        building the service does not load the protocol)."""
        return max(1, min(self._batch_size or p.MAX_BATCH, p.MAX_BATCH))

    @batch_size.setter
    def batch_size(self, value: int) -> None:
        self._batch_size = value

    # --- state ---------------------------------------------------------------------------

    def _reached(self) -> None:
        self._online, self._last_error = True, ""

    def _failed(self, code: str) -> None:
        self._last_error = code
        if code in OFFLINE_CODES or code in ("http_5xx", "http_429", "bad_response"):
            self._online = False
        else:
            self._online = True  # it answered, just not with what we wanted

    def _mark_success(self) -> None:
        with self.db.transaction() as session:
            set_meta(session, LAST_SUCCESS_KEY,
                     _naive(self.clock.now()).isoformat(timespec="seconds"))

    def notify(self) -> None:
        """Something new is in the outbox: let a waiting pump push now (and tell listeners the
        new count)."""
        self._wake.set()
        self.publish_state()

    def publish_state(self) -> SyncStatus:
        """Read :meth:`status` and publish it as a :class:`SyncState` event."""
        now = self.status()
        self.events.publish(SyncState(configured=now.configured, online=now.online,
                                      pending=now.pending, rejected=now.rejected,
                                      last_error=now.last_error,
                                      last_success=now.last_success))
        return now

    def status(self) -> SyncStatus:
        with self.db.reader() as session:
            rows = session.execute(
                select(OutboxEvent.status, func.count())
                .where(OutboxEvent.status.in_(("pending", "rejected")))
                .group_by(OutboxEvent.status)).all()
            last = get_meta(session, LAST_SUCCESS_KEY)
        counts = {status: int(n) for status, n in rows}
        return SyncStatus(
            configured=self.transport is not None,
            online=self._online,
            pending=counts.get("pending", 0),
            rejected=counts.get("rejected", 0),
            last_success=dt.datetime.fromisoformat(last).replace(tzinfo=dt.UTC) if last else None,
            last_error=self._last_error,
        )

    def rejected_events(self, limit: int = 100) -> list[tuple[str, str, str]]:
        """(event id, kind, reason) of parked events, oldest first."""
        with self.db.reader() as session:
            return [(r.id, r.kind, r.last_error) for r in session.scalars(
                select(OutboxEvent).where(OutboxEvent.status == "rejected")
                .order_by(OutboxEvent.id).limit(limit))]

    # --- push ----------------------------------------------------------------------------

    def _audit_head(self) -> str:
        with self.db.reader() as session:
            return get_meta(session, AUDIT_HEAD_KEY) or ""

    def _pending_batch(self) -> list[OutboxEvent]:
        with self.db.reader() as session:
            return list(session.scalars(
                select(OutboxEvent).where(OutboxEvent.status == "pending")
                .order_by(OutboxEvent.id).limit(self.batch_size)))

    def _pending_count(self) -> int:
        with self.db.reader() as session:
            return int(session.scalar(select(func.count()).select_from(OutboxEvent)
                                      .where(OutboxEvent.status == "pending")) or 0)

    def push_once(self, max_batches: int | None = None) -> PushResult:
        """Push pending events batch by batch until none is left, an error, or ``max_batches``;
        then publish the new :class:`SyncState`."""
        try:
            return self._push_once(max_batches)
        finally:
            self.publish_state()

    def _push_once(self, max_batches: int | None = None) -> PushResult:
        if self.transport is None:
            return PushResult(remaining=self._pending_count(), error="not_configured")
        with self._lock:
            return self._push(max_batches)

    def _push(self, max_batches: int | None) -> PushResult:
        assert self.transport is not None
        sent = duplicates = rejected = 0
        batches = 0
        head = self._audit_head()
        while max_batches is None or batches < max_batches:
            rows = self._pending_batch()
            if not rows:
                break
            batches += 1
            events, broken = [], []
            for row in rows:
                try:
                    events.append(p.Event(id=row.id, kind=row.kind,
                                          created_at=p.utc(row.created_at),
                                          payload=json.loads(row.payload)))
                except ValueError:
                    broken.append(row.id)
            if broken:
                self._park(broken, "bad_local_event")
                rejected += len(broken)
            if not events:
                continue
            ids = [e.id for e in events]
            try:
                answer = self.transport.push_events(p.PushRequest(events=events, audit_head=head))
            except Exception as exc:  # the transport's coded errors; anything else is a bug there
                code = _code_of(exc)
                self._failed(code)
                self._note_attempt(ids, code)
                if not hasattr(exc, "code"):
                    log.exception("registry push failed unexpectedly")
                return PushResult(sent, duplicates, rejected, self._pending_count(), code,
                                  getattr(exc, "retry_after", None))
            self._reached()
            s, d, r = self._apply_answer(ids, answer)
            sent, duplicates, rejected = sent + s, duplicates + d, rejected + r
            if s + r == 0:  # the registry answered none of them: back off, do not spin
                return PushResult(sent, duplicates, rejected, self._pending_count(),
                                  "unanswered")
        if batches:
            self._mark_success()
        return PushResult(sent, duplicates, rejected, self._pending_count())

    def _note_attempt(self, ids: Sequence[str], code: str) -> None:
        with self.db.transaction() as session:
            session.execute(
                update(OutboxEvent)
                .where(OutboxEvent.id.in_(ids), OutboxEvent.status == "pending")
                .values(attempts=OutboxEvent.attempts + 1, last_error=code[:400]))

    def _park(self, ids: Sequence[str], reason: str) -> None:
        with self.db.transaction() as session:
            session.execute(
                update(OutboxEvent).where(OutboxEvent.id.in_(ids), OutboxEvent.status == "pending")
                .values(status="rejected", last_error=reason[:400],
                        attempts=OutboxEvent.attempts + 1))

    def _apply_answer(self, ids: Sequence[str], answer: p.PushResponse) -> tuple[int, int, int]:
        now = _naive(self.clock.now())
        acked: list[str] = []
        parked: dict[str, str] = {}
        duplicates = 0
        sent_ids = set(ids)
        for result in answer.results:
            if result.id not in sent_ids:
                continue
            if result.status in ("accepted", "duplicate"):
                acked.append(result.id)
                duplicates += result.status == "duplicate"
            else:
                parked[result.id] = result.reason or "rejected"
        acked_set = set(acked)
        unanswered = [i for i in ids if i not in acked_set and i not in parked]
        with self.db.transaction() as session:
            if acked:
                session.execute(
                    update(OutboxEvent)
                    .where(OutboxEvent.id.in_(acked), OutboxEvent.status == "pending")
                    .values(status="sent", sent_at=now, last_error="",
                            attempts=OutboxEvent.attempts + 1))
            for event_id, reason in parked.items():
                session.execute(
                    update(OutboxEvent)
                    .where(OutboxEvent.id == event_id, OutboxEvent.status == "pending")
                    .values(status="rejected", last_error=reason[:400],
                            attempts=OutboxEvent.attempts + 1))
            if unanswered:
                session.execute(
                    update(OutboxEvent)
                    .where(OutboxEvent.id.in_(unanswered), OutboxEvent.status == "pending")
                    .values(attempts=OutboxEvent.attempts + 1, last_error="unanswered"))
        return len(acked), duplicates, len(parked)

    def retry_rejected(self, event_ids: Sequence[str]) -> int:
        """Put parked events back in the queue (after a person fixed the cause)."""
        with self.db.transaction() as session:
            result = session.execute(
                update(OutboxEvent)
                .where(OutboxEvent.id.in_(list(event_ids)), OutboxEvent.status == "rejected")
                .values(status="pending", last_error=""))
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    # --- catalog ---------------------------------------------------------------------------

    def pull_catalog(self, max_pages: int | None = None) -> PullResult:
        if self.transport is None:
            return PullResult(error="not_configured")
        with self._lock:
            pulled = self._pull_catalog(max_pages)
        if pulled.products or pulled.producers or pulled.revocations:
            self.events.publish(CatalogChanged("registry", pulled.products))
        self.publish_state()
        return pulled

    def _pull_catalog(self, max_pages: int | None) -> PullResult:
        assert self.transport is not None
        pages = producers = products = revocations = 0
        with self.db.reader() as session:
            cursor = get_meta(session, CATALOG_CURSOR_KEY)
        while max_pages is None or pages < max_pages:
            try:
                page = self.transport.catalog(cursor, self.page_size)
            except Exception as exc:
                code = _code_of(exc)
                self._failed(code)
                return PullResult(pages, producers, products, revocations, error=code,
                                  retry_after=getattr(exc, "retry_after", None))
            self._reached()
            code = self.apply_catalog_page(page)
            if code:
                self._last_error = code
                return PullResult(pages, producers, products, revocations, error=code)
            pages += 1
            producers += len(page.producers)
            products += len(page.products)
            revocations += len(page.revocations)
            cursor = page.next_cursor
            if not page.has_more:
                break
        self._mark_success()
        return PullResult(pages, producers, products, revocations)

    def apply_catalog_page(self, page: p.CatalogPage) -> str:
        """Apply one validated page and move the cursor, in one transaction; "" or a code."""
        plan = ci.ImportPlan(sources=("registry",))
        for producer in page.producers:
            plan.producers.append(ci.ProducerRow(
                source="registry", row=0, code=producer.code, name=producer.name,
                kind=producer.kind, commune=producer.commune, district=producer.district,
                phone=producer.phone, present=_ALL_PRODUCER_FIELDS))
        for number, product in enumerate(page.products, start=1):
            codes: list[str] = []
            for raw in product.barcodes:
                try:
                    code = validate_barcode(raw)
                except BarcodeError:
                    return "bad_catalog"
                if code not in codes:
                    codes.append(code)
            plan.products.append(ci.ProductRow(
                source="registry", row=number, sku=product.sku, barcodes=tuple(codes),
                name_vi=product.name_vi, name_en=product.name_en,
                producer_code=product.producer_code, product_group=product.group,
                stars=product.stars, certificate_no=product.certificate_no,
                cert_issued=product.cert_issued, cert_expires=product.cert_expires,
                cert_status=product.cert_status, unit=product.unit, price=product.price,
                vat_rate=product.vat_rate, story=product.story, trace_url=product.trace_url,
                present=_ALL_PRODUCT_FIELDS))
            plan.producer_refs.append(("registry", number, product.producer_code))
        today = self.clock.now().astimezone(dt.UTC).date()
        try:
            with self.db.transaction() as session:
                if plan.producers or plan.products:
                    ci.apply_in_session(session, plan)
                if page.revocations:
                    self._apply_revocations(session, page, today)
                set_meta(session, CATALOG_CURSOR_KEY, page.next_cursor)
        except ci.ImportRejected as exc:
            log.warning("registry catalog page refused: %s",
                        [(pr.code.value, pr.value) for pr in exc.plan.problems[:5]])
            return "catalog_conflict"
        return ""

    @staticmethod
    def _apply_revocations(session: Session, page: p.CatalogPage, today: dt.date) -> None:
        in_page = {pr.sku for pr in page.products}
        for revocation in page.revocations:
            target = revocation.target
            rows = session.scalars(select(Product).where(
                (Product.sku == target) | (Product.certificate_no == target)))
            for product in rows:
                if revocation.revoked:
                    product.cert_status = "revoked"
                elif product.sku not in in_page and product.cert_status == "revoked":
                    expired = product.cert_expires is not None and product.cert_expires < today
                    product.cert_status = "expired" if expired else "active"
        ci.bump_catalog_version(session)

    # --- stock -----------------------------------------------------------------------------

    def pull_stock(self, max_pages: int | None = None) -> PullResult:
        if self.transport is None:
            return PullResult(error="not_configured")
        with self._lock:
            return self._pull_stock(max_pages)

    def _pull_stock(self, max_pages: int | None) -> PullResult:
        assert self.transport is not None
        pages = added = 0
        with self.db.reader() as session:
            cursor = get_meta(session, STOCK_CURSOR_KEY)
        while max_pages is None or pages < max_pages:
            try:
                page = self.transport.stock_movements(cursor, 500)
            except Exception as exc:
                code = _code_of(exc)
                self._failed(code)
                return PullResult(pages, movements=added, error=code,
                                  retry_after=getattr(exc, "retry_after", None))
            self._reached()
            new, unknown = self.apply_stock_page(page)
            added += new
            pages += 1
            if unknown:
                # Keep the cursor before this page: a catalog pull will bring the products,
                # and the movements already added are skipped by id next time.
                self._last_error = "unknown_sku"
                return PullResult(pages, movements=added, error="unknown_sku")
            cursor = page.next_cursor
            if not page.has_more:
                break
        self._mark_success()
        return PullResult(pages, movements=added)

    def apply_stock_page(self, page: p.StockPage) -> tuple[int, int]:
        """Add the page's movements not yet here; (added, unknown SKUs). The cursor moves only
        when every SKU was known."""
        own_till = self.settings.get(config.TILL_CODE)
        with self.db.transaction() as session:
            ids = [m.id for m in page.movements]
            have: set[str] = set()
            for chunk in _chunks(ids):
                have.update(session.scalars(
                    select(StockMovement.id).where(StockMovement.id.in_(chunk))))
            skus = sorted({m.sku for m in page.movements})
            products: dict[str, int] = {}
            for chunk in _chunks(skus):
                found = session.execute(
                    select(Product.sku, Product.id).where(Product.sku.in_(chunk)))
                products.update({sku: product_id for sku, product_id in found})
            added = unknown = 0
            for m in page.movements:
                if m.id in have or m.till == own_till:
                    continue
                product_id = products.get(m.sku)
                if product_id is None:
                    unknown += 1
                    continue
                session.add(StockMovement(
                    id=m.id, product_id=product_id, qty=m.qty, kind=m.kind, till_code=m.till,
                    user_name="", reason=m.reason, ref_id=m.ref_id,
                    consignment=False, created_at=_naive(m.created_at)))
                have.add(m.id)
                added += 1
            if not unknown:
                set_meta(session, STOCK_CURSOR_KEY, page.next_cursor)
        return added, unknown

    # --- the pump --------------------------------------------------------------------------

    def backoff(self, failures: int, retry_after: float | None = None) -> float:
        """Seconds to wait after ``failures`` failures in a row: exponential, with jitter
        (between half and all of the step), never less than the registry's Retry-After."""
        step = min(self.backoff_cap, self.backoff_base * (2 ** max(0, failures - 1)))
        delay = self.rng.uniform(step / 2, step)
        if retry_after is not None:
            delay = max(delay, min(retry_after, max(self.backoff_cap, 3600.0)))
        return delay

    def sync_once(self, *, pull: bool = True) -> PushResult | PullResult:
        """Push, then (with ``pull``) pull the catalog and the stock; the first error wins."""
        pushed = self.push_once()
        if pushed.error or not pull:
            return pushed
        catalog = self.pull_catalog()
        if catalog.error:
            return catalog
        stock = self.pull_stock()
        return stock if stock.error else pushed

    def run_pump(self, stop_event: threading.Event,
                 sleep: Callable[[threading.Event, float], None] | None = None) -> None:
        """Loop until ``stop_event`` is set: push whenever something is pending, pull every
        ``sync_interval_s``, back off on errors. Meant for the sync lane's thread."""
        failures = 0
        next_pull = 0.0
        wait = sleep or self._wait
        while not stop_event.is_set():
            pull_now = time.monotonic() >= next_pull
            try:
                result = self.sync_once(pull=pull_now)
            except Exception:  # a bug must not kill the lane; it is logged and retried
                log.exception("sync pump step failed")
                result = PushResult(error="internal")
            if result.error and result.error not in ("unknown_sku", "catalog_conflict"):
                failures += 1
                delay = self.backoff(failures, result.retry_after)
            else:
                failures = 0
                if pull_now:
                    next_pull = time.monotonic() + max(1, self.settings.get(config.SYNC_INTERVAL_S))
                delay = 0.0 if self._pending_count() else self.idle_poll_s
            if delay > 0:
                wait(stop_event, delay)

    def _wait(self, stop_event: threading.Event, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not stop_event.is_set():
            left = end - time.monotonic()
            if left <= 0:
                return
            if self._wake.wait(min(left, 0.2)):
                self._wake.clear()
                return


def _chunks(items: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]
