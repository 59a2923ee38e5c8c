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
import json
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update

from pos_app import config
from pos_app.config import Settings
from pos_app.db.database import Database, get_meta, set_meta
from pos_app.db.models import AuditEntry, OutboxEvent
from pos_app.domain.utc import naive_utc
from pos_app.services.audit import HEAD_KEY as AUDIT_HEAD_KEY
from pos_app.services.events import CatalogChanged, EventBus, SyncState
from pos_app.services.ports import Clock, RegistryTransport
from pos_app.services.retry import backoff_delay
from pos_app.services.sync import parked as pk
from pos_app.services.sync import pull
from pos_app.services.sync.pull import CATALOG_CURSOR_KEY, STOCK_CURSOR_KEY, TRANSFER_CURSOR_KEY

if TYPE_CHECKING:
    from pos_app.formats import protocol as p

log = logging.getLogger(__name__)


if not TYPE_CHECKING:
    from pos_app.services.sync.pull import p  # loaded on first use

LAST_SUCCESS_KEY = "sync_last_success"
LAST_CONTACT_KEY = "sync_last_contact"
"""The last call to the registry, whatever its outcome: ``{"at", "online", "error"}`` as JSON,
so ``sync-status`` and the status bar of a process that has not called yet tell the truth."""
CONTACT_REWRITE_S = 60.0  # an unchanged outcome is written again at most once a minute
OFFLINE_CODES = frozenset({"offline", "timeout", "tls"})
AUDIT_WARNING_KEY = "sync_audit_warning"
"""The registry's warning that this till's audit chain disagrees with what it reported before."""
MAX_PULL_PAGES = 100_000
"""A pull that would go past this many pages stops with ``too_many_pages``."""
_AUDIT_HEAD = re.compile(r"^[0-9]{1,15}:[0-9a-f]{64}$")


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
    parked: int = 0
    """Records of these pages that could not be applied, parked (the cursor moved on)."""


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
    last_contact: dt.datetime | None = None
    """When the registry was last called (reached or not), by this process or an earlier one."""
    parked: int = 0
    """Pulled records parked (also counted in ``rejected`` and listed with the refused
    events)."""
    audit_warning: str = ""
    """The registry says this till's audit chain disagrees with what it reported before."""


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
        self._lock = threading.Lock()  # one push at a time (pump and a manual "sync now")
        self._pull_lock = threading.Lock()  # one pull at a time, beside a push
        self._push_limit: int | None = None  # halved when the registry finds a body too large
        self._audit_check: list[int] = []  # sequence numbers the registry asked about
        self.events = events or EventBus()
        self._wake = threading.Event()
        self._online: bool | None = None
        self._last_error = ""
        self._contact_written: tuple[bool, str, float] | None = None

    @property
    def batch_size(self) -> int:
        """Events per push: as asked, at most the protocol's largest batch (read on use, so
        building the service does not load the protocol)."""
        return max(1, min(self._batch_size or p.MAX_BATCH, p.MAX_BATCH,
                          self._push_limit or p.MAX_BATCH))

    @batch_size.setter
    def batch_size(self, value: int) -> None:
        self._batch_size = value

    # --- state ---------------------------------------------------------------------------

    def _reached(self) -> None:
        self._online, self._last_error = True, ""
        self._note_contact()

    def _failed(self, code: str) -> None:
        self._last_error = code
        if code in OFFLINE_CODES or code in ("http_5xx", "http_429", "bad_response"):
            self._online = False
        else:
            self._online = True  # it answered, just not with what we wanted
        self._note_contact()

    def _note_contact(self) -> None:
        """Store this contact's outcome; an unchanged one at most once a minute (the pump polls
        every few seconds). A database problem here never fails the sync itself."""
        online, error, now = bool(self._online), self._last_error, time.monotonic()
        last = self._contact_written
        if last is not None and last[:2] == (online, error) and now - last[2] < CONTACT_REWRITE_S:
            return
        value = json.dumps({"at": naive_utc(self.clock.now()).isoformat(timespec="seconds"),
                            "online": online, "error": error})
        try:
            with self.db.transaction() as session:
                set_meta(session, LAST_CONTACT_KEY, value)
        except Exception:  # noqa: BLE001 - a status note, not the sync's outcome
            log.warning("could not store the last registry contact", exc_info=True)
            return
        self._contact_written = (online, error, now)

    def _mark_success(self) -> None:
        with self.db.transaction() as session:
            set_meta(session, LAST_SUCCESS_KEY,
                     naive_utc(self.clock.now()).isoformat(timespec="seconds"))

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
                                      last_success=now.last_success,
                                      audit_warning=now.audit_warning))
        return now

    def status(self) -> SyncStatus:
        with self.db.reader() as session:
            rows = session.execute(
                select(OutboxEvent.status, func.count())
                .where(OutboxEvent.status.in_(("pending", "rejected")))
                .group_by(OutboxEvent.status)).all()
            last = get_meta(session, LAST_SUCCESS_KEY)
            contact = _read_contact(get_meta(session, LAST_CONTACT_KEY))
            parked = len(pk.load(session))
            warning = get_meta(session, AUDIT_WARNING_KEY) or ""
        counts = {status: int(n) for status, n in rows}
        online, error = self._online, self._last_error
        if online is None and contact is not None:  # this process has not called yet
            online, error = contact[1], contact[2]
        return SyncStatus(
            configured=self.transport is not None,
            online=online,
            pending=counts.get("pending", 0),
            rejected=counts.get("rejected", 0) + parked,
            parked=parked,
            audit_warning=warning,
            last_success=dt.datetime.fromisoformat(last).replace(tzinfo=dt.UTC) if last else None,
            last_error=error,
            last_contact=contact[0] if contact is not None else None,
        )

    def rejected_events(self, limit: int = 100) -> list[tuple[str, str, str]]:
        """(event id, kind, reason) of parked events, oldest first, then the pulled records
        parked (id ``stock:…`` / ``catalog:…``, what, reason ``pulled_…``)."""
        with self.db.reader() as session:
            events = [(r.id, r.kind, r.last_error) for r in session.scalars(
                select(OutboxEvent).where(OutboxEvent.status == "rejected")
                .order_by(OutboxEvent.id).limit(limit))]
            pulled = [(r.id, r.what, r.reason) for r in pk.load(session)]
        return (events + pulled)[:limit]

    # --- push ----------------------------------------------------------------------------

    def _audit_head(self) -> tuple[str, list[str]]:
        """The chain's head, and its hash at each sequence number the registry asked about."""
        with self.db.reader() as session:
            head = get_meta(session, AUDIT_HEAD_KEY) or ""
            rows = session.execute(select(AuditEntry.seq, AuditEntry.hash).where(
                AuditEntry.seq.in_(self._audit_check[:p.MAX_AUDIT_CHECKS]))).all() \
                if self._audit_check else []
        history = [f"{seq}:{digest}" for seq, digest in rows]
        return (head if _AUDIT_HEAD.match(head) else ""), [
            h for h in history if _AUDIT_HEAD.match(h)]

    def _note_audit(self, answer: p.PushResponse) -> None:
        self._audit_check = list(answer.audit_check)
        if answer.audit_warning:
            with self.db.transaction() as session:
                if get_meta(session, AUDIT_WARNING_KEY) != answer.audit_warning:
                    set_meta(session, AUDIT_WARNING_KEY, answer.audit_warning)
                    log.warning("registry: this till's audit chain disagrees with what it "
                                "reported before (%s)", answer.audit_warning)

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
            head, history = self._audit_head()
            try:
                answer = self.transport.push_events(p.PushRequest(
                    events=events, audit_head=head, audit_history=history))
            except Exception as exc:  # the transport's coded errors; anything else is a bug there
                code = _code_of(exc)
                if getattr(exc, "status", None) == 413:  # over the registry's body limit
                    if len(events) > 1:
                        self._push_limit = max(1, len(events) // 2)
                        continue
                    self._park(ids, "too_large")
                    rejected += 1
                    continue
                self._failed(code)
                self._note_attempt(ids, code)
                if not hasattr(exc, "code"):
                    log.exception("registry push failed unexpectedly")
                return PushResult(sent, duplicates, rejected, self._pending_count(), code,
                                  getattr(exc, "retry_after", None))
            self._reached()
            self._note_audit(answer)
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
        now = naive_utc(self.clock.now())
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
        """Put parked events back in the queue (after a person fixed the cause). Parked pulled
        records are retried by every pull anyway; naming one here forgets it (the registry's
        next version of it will come again), except a movement, which stays to be retried."""
        with self.db.transaction() as session:
            pulled = [i for i in event_ids if i.startswith(
                ("catalog:", "stock:", "transfer:", "transfer-receipt:"))]
            forgotten = pk.drop(session, [i for i in pulled if i.startswith("catalog:")])
            event_ids = [i for i in event_ids if i not in pulled]
            if not event_ids:
                return forgotten
            result = session.execute(
                update(OutboxEvent)
                .where(OutboxEvent.id.in_(list(event_ids)), OutboxEvent.status == "rejected")
                .values(status="pending", last_error=""))
            return forgotten + int(result.rowcount or 0)  # type: ignore[attr-defined]

    # --- catalog ---------------------------------------------------------------------------

    def pull_catalog(self, max_pages: int | None = None) -> PullResult:
        if self.transport is None:
            return PullResult(error="not_configured")
        with self._pull_lock:  # not the push lock: a long pull never holds up a sale's event
            pulled = self._pull("catalog", max_pages)
        if pulled.products or pulled.producers or pulled.revocations:
            self.events.publish(CatalogChanged("registry", pulled.products))
        self.publish_state()
        return pulled

    def pull_stock(self, max_pages: int | None = None) -> PullResult:
        if self.transport is None:
            return PullResult(error="not_configured")
        with self._pull_lock:
            return self._pull("stock", max_pages)

    def pull_transfers(self, max_pages: int | None = None) -> PullResult:
        """Transfers sent to this showroom, and receipts of transfers (``movements`` counts
        the records applied)."""
        if self.transport is None:
            return PullResult(error="not_configured")
        with self._pull_lock:
            return self._pull("transfers", max_pages)

    def _pull(self, what: str, max_pages: int | None) -> PullResult:
        """Page through the catalog or the stock movements. Each page is applied with its
        cursor (parking what cannot be applied); a cursor that does not move while the registry
        says there is more stops with ``cursor_stuck``, a pull past :data:`MAX_PULL_PAGES`
        with ``too_many_pages``."""
        assert self.transport is not None
        key = {"catalog": CATALOG_CURSOR_KEY, "stock": STOCK_CURSOR_KEY,
               "transfers": TRANSFER_CURSOR_KEY}[what]
        pages = producers = products = revocations = added = parked = 0
        with self.db.reader() as session:
            cursor = get_meta(session, key)
        limit = MAX_PULL_PAGES if max_pages is None else min(max_pages, MAX_PULL_PAGES)

        def result(error: str = "", retry_after: float | None = None) -> PullResult:
            return PullResult(pages, producers, products, revocations, added, error,
                              retry_after, parked)

        while pages < limit:
            try:
                page: p.CatalogPage | p.StockPage | p.TransferPage
                if what == "catalog":
                    page = self.transport.catalog(cursor, self.page_size)
                elif what == "stock":
                    page = self.transport.stock_movements(cursor, 500)
                else:
                    page = self.transport.transfers(cursor, self.page_size)
            except Exception as exc:
                code = _code_of(exc)
                self._failed(code)
                return result(code, getattr(exc, "retry_after", None))
            self._reached()
            if isinstance(page, p.CatalogPage):
                parked += self.apply_catalog_page(page)
                producers += len(page.producers)
                products += len(page.products)
                revocations += len(page.revocations)
            elif isinstance(page, p.StockPage):
                new, parked_now = self.apply_stock_page(page)
                added, parked = added + new, parked + parked_now
            else:
                new, parked_now = pull.apply_transfer_page(self.db, self.settings, page)
                added, parked = added + new, parked + parked_now
            pages += 1
            if not page.has_more:
                break
            if page.next_cursor == (cursor or ""):
                self._last_error = "cursor_stuck"
                return result("cursor_stuck")
            cursor = page.next_cursor
        else:
            if max_pages is None:
                self._last_error = "too_many_pages"
                return result("too_many_pages")
        self._mark_success()
        return result()

    def apply_catalog_page(self, page: p.CatalogPage) -> int:
        """Apply one validated page and move the cursor, in one transaction; how many records
        were parked (see :mod:`pos_app.services.sync.pull`)."""
        return pull.apply_catalog_page(self.db, page, self.clock.now().astimezone(dt.UTC).date())

    def apply_stock_page(self, page: p.StockPage) -> tuple[int, int]:
        """Add the page's movements not yet here and move the cursor; (added, parked)."""
        return pull.apply_stock_page(self.db, self.settings, page)

    # --- the pump --------------------------------------------------------------------------

    def backoff(self, failures: int, retry_after: float | None = None) -> float:
        """Seconds to wait after ``failures`` failures in a row: exponential, with jitter
        (between half and all of the step), never less than the registry's Retry-After."""
        delay = backoff_delay(failures, self.backoff_base, self.backoff_cap, self.rng)
        if retry_after is not None:
            delay = max(delay, min(retry_after, max(self.backoff_cap, 3600.0)))
        return delay

    def sync_once(self, *, pull: bool = True) -> PushResult | PullResult:
        """Push, then (with ``pull``) pull the catalog, the stock and the transfers; the first
        error wins."""
        pushed = self.push_once()
        if pushed.error or not pull:
            return pushed
        catalog = self.pull_catalog()
        if catalog.error:
            return catalog
        stock = self.pull_stock()
        if stock.error:
            return stock
        transfers = self.pull_transfers()
        return transfers if transfers.error else pushed

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
            if result.error:
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


def _read_contact(raw: str | None) -> tuple[dt.datetime, bool, str] | None:
    """The stored last contact as (when, online, error code); None if absent or unreadable."""
    if not raw:
        return None
    try:
        data = json.loads(raw)
        at = dt.datetime.fromisoformat(str(data["at"])).replace(tzinfo=dt.UTC)
        return at, bool(data["online"]), str(data.get("error", ""))
    except (ValueError, TypeError, KeyError):
        return None
