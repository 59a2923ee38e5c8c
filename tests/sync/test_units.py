"""Backoff, Retry-After, token storage and the protocol's movement rule, without a server."""

from __future__ import annotations

import datetime as dt
import random
import stat
import threading

import pytest

from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.formats import protocol as p
from pos_app.services.ports import SystemClock
from pos_app.services.sync.service import SyncService
from pos_app.sync.client import RegistryClient, SyncError, parse_retry_after
from pos_app.sync.token_store import TokenStore


@pytest.fixture
def service(tmp_path):
    settings = Settings.load(tmp_path, env={})
    db = Database(settings.paths.database, settings.paths.backups)
    yield SyncService(db, settings, SystemClock(), None, backoff_base=1.0, backoff_cap=60.0,
                      rng=random.Random(3))
    db.close()


def test_backoff_doubles_with_jitter_up_to_the_cap_and_honours_retry_after(service):
    for failures in range(1, 12):
        step = min(60.0, 2.0 ** (failures - 1))
        for _ in range(20):
            assert step / 2 <= service.backoff(failures) <= step
    assert service.backoff(1, retry_after=30) >= 30
    assert service.backoff(10, retry_after=5) >= 30  # the larger of the two


def test_without_a_registry_everything_says_not_configured(service):
    assert service.push_once().error == "not_configured"
    assert service.pull_catalog().error == "not_configured"
    assert service.pull_stock().error == "not_configured"
    status = service.status()
    assert (status.configured, status.online, status.pending, status.last_success) == \
        (False, None, 0, None)


def test_the_pump_stops_when_asked(service):
    stop = threading.Event()
    waits: list[float] = []

    def sleep(event: threading.Event, seconds: float) -> None:
        waits.append(seconds)
        if len(waits) >= 3:
            event.set()

    service.run_pump(stop, sleep=sleep)
    assert len(waits) == 3
    assert waits[1] > waits[0] / 2  # backing off, not spinning


def test_retry_after_as_seconds_or_http_date():
    now = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Mon, 23 Nov 2026 10:00:30 GMT", now) == 30.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_an_empty_url_is_not_configured():
    with pytest.raises(SyncError) as err:
        RegistryClient("").health()
    assert err.value.code == "not_configured"


def test_token_file_is_private_and_replaceable(tmp_path):
    store = TokenStore(tmp_path, mode="file")
    assert store.get() == ""
    assert store.set("secret-1") == "file"
    assert store.set("secret-2") == "file"
    assert store.get() == "secret-2"
    assert stat.S_IMODE((tmp_path / "registry.token").stat().st_mode) == 0o600
    store.clear()
    assert store.get() == ""


def test_movements_read_out_of_sale_return_void_and_stock_events():
    at = dt.datetime(2026, 11, 23, 3, tzinfo=dt.UTC)
    line = {"line_id": "0190a0b0-0000-7000-8000-000000000002", "sku": "A", "qty": 2}
    sale = p.movements_from_event("e1", "sale", at, {"lines": [line]}, "Q01")
    assert [(m.id, m.sku, m.qty, m.kind, m.till) for m in sale] == \
        [(line["line_id"], "A", -2, "sale", "Q01")]
    ret = p.movements_from_event("e2", "return", at, {"lines": [{**line, "qty": -1}]}, "Q01")
    assert [(m.qty, m.kind) for m in ret] == [(1, "return")]
    void = p.movements_from_event("0190a0b0-0000-7000-8000-000000000009", "sale_voided", at,
                                  {"lines": [{"sku": "A", "qty": 2}]}, "Q01")
    again = p.movements_from_event("0190a0b0-0000-7000-8000-000000000009", "sale_voided", at,
                                   {"lines": [{"sku": "A", "qty": 2}]}, "Q01")
    assert [(m.qty, m.kind) for m in void] == [(2, "return")] and void == again
    stock = p.movements_from_event("e3", "stock_movement", at, {"movements": [
        {"id": "0190a0b0-0000-7000-8000-000000000003", "sku": "B", "qty": 10,
         "kind": "receipt"}]}, "Q02")
    assert [(m.sku, m.qty, m.kind, m.till) for m in stock] == [("B", 10, "receipt", "Q02")]
    assert p.movements_from_event("e4", "z_report", at, {"total": 1}, "Q01") == []
    for bad in ({"lines": "x"}, {"lines": [{"sku": "A"}]}, {"lines": [None]}):
        with pytest.raises(ValueError):
            p.movements_from_event("e5", "sale", at, bad, "Q01")


def test_content_hash_ignores_key_order_and_timezone_spelling():
    at = dt.datetime(2026, 11, 23, 3, tzinfo=dt.UTC)
    same = p.content_hash("sale", at.replace(tzinfo=None), {"b": 1, "a": [1, 2]})
    assert p.content_hash("sale", at, {"a": [1, 2], "b": 1}) == same
    assert p.content_hash("sale", at, {"a": [1, 2], "b": 2}) != same


class _Recorder:
    """A transport that records what it was sent and answers from a script."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.batches: list[list[str]] = []
        self.heads: list[str] = []

    def push_events(self, request):
        self.batches.append([e.id for e in request.events])
        self.heads.append(request.audit_head)
        answer = self.answers.pop(0) if self.answers else "accept"
        if isinstance(answer, Exception):
            raise answer
        return p.PushResponse(results=[
            p.EventResult(id=e.id, status="accepted") for e in request.events])

    def catalog(self, cursor, limit=200):
        return p.CatalogPage(next_cursor=cursor or "c0", has_more=False)

    def stock_movements(self, cursor, limit=500):
        return p.StockPage(next_cursor=cursor or "s0", has_more=False)

    def transfers(self, cursor, limit=200):
        return p.TransferPage(next_cursor=cursor or "t0", has_more=False)

    def health(self):
        return p.Health(server_time=dt.datetime.now(dt.UTC))


def _events(db, n):
    from pos_app.services.sync import outbox

    with db.transaction() as session:
        return [outbox.add_event(session, "sale", {"n": i}) for i in range(n)]


def test_events_go_in_id_order_in_batches(service):
    recorder = _Recorder([])
    service.transport = recorder
    service.batch_size = 4
    ids = _events(service.db, 10)
    assert service.push_once().sent == 10
    assert [len(b) for b in recorder.batches] == [4, 4, 2]
    assert [i for b in recorder.batches for i in b] == sorted(ids)


def test_the_pump_waits_at_least_retry_after_and_then_sends(service):
    recorder = _Recorder([SyncError("http_429", retry_after=30.0),
                          SyncError("http_5xx", retry_after=None)])
    service.transport = recorder
    _events(service.db, 3)
    stop = threading.Event()
    waits: list[float] = []

    def sleep(event, seconds):
        waits.append(seconds)
        if service.status().pending == 0:
            event.set()

    service.run_pump(stop, sleep=sleep)
    assert waits[0] >= 30.0  # Retry-After honoured
    assert waits[1] <= 2.0  # then the normal (second-step) backoff
    assert service.status().pending == 0 and len(recorder.batches) == 3


def test_the_last_contact_outlives_the_process_that_made_it(service, monkeypatch):
    """Issue 18: a fresh SyncService (sync-status, a restarted counter) on the same database
    tells the last contact, not "not tried yet"; unchanged outcomes are not rewritten each poll."""
    assert service.status().online is None and service.status().last_contact is None
    service._failed("offline")
    fresh = SyncService(service.db, service.settings, SystemClock(), None)
    status = fresh.status()
    assert (status.online, status.last_error) == (False, "offline")
    assert status.last_contact is not None
    service._reached()
    status = SyncService(service.db, service.settings, SystemClock(), None).status()
    assert (status.online, status.last_error) == (True, "")
    writes: list[int] = []
    original = service.db.transaction
    monkeypatch.setattr(service.db, "transaction", lambda: writes.append(1) or original())
    service._reached()  # the same outcome within the minute: nothing written
    assert writes == []
    service._failed("offline")  # a change is written at once
    assert writes == [1]
