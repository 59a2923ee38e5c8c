"""The till and the real registry process: push, duplicates, conflicts, catalog, stock."""

from __future__ import annotations

import datetime as dt
import json
import socket

import pytest
from sqlalchemy import select

from pos_app.db.database import get_meta
from pos_app.db.models import OutboxEvent, Product
from pos_app.domain.ids import new_id
from pos_app.formats import protocol as p
from pos_app.services.audit import AuditLog
from pos_app.services.ports import SystemClock
from pos_app.services.sales.checkout import CheckoutError, CheckoutService
from pos_app.services.sync import outbox
from pos_app.services.sync.service import CATALOG_CURSOR_KEY
from pos_app.sync.client import RegistryClient, SyncError
from tests.sync.conftest import DEMO, ROOT
from tests.sync.helpers import levels, outbox_by_status, record_receipt, record_sale


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _load_demo(registry) -> None:
    registry.store.load_catalog_files([DEMO / "producers.csv", DEMO / "products.csv"])


# --- health, tokens, transport errors --------------------------------------------------------


def test_health_names_the_till_and_refuses_a_wrong_token(registry):
    client = RegistryClient(registry.url, registry.tokens["Q02"])
    health = client.health()
    assert (health.status, health.showroom, health.till) == ("ok", "HN01", "Q02")
    assert RegistryClient(registry.url).health().till is None
    with pytest.raises(SyncError) as err:
        RegistryClient(registry.url, "not-a-token").health()
    assert err.value.code == "unauthorized"
    with pytest.raises(SyncError) as err:
        RegistryClient(registry.url, "not-a-token").catalog(None)
    assert err.value.code == "unauthorized"


def test_no_registry_listening_is_offline_and_nothing_changes(till_factory, tmp_path):
    till = till_factory("Q01", f"http://127.0.0.1:{_free_port()}", "t")
    with till.db.transaction() as session:
        outbox.add_event(session, "sale", {"lines": []})
    result = till.sync.push_once()
    assert (result.error, result.sent, result.remaining) == ("offline", 0, 1)
    with till.db.reader() as session:
        row = session.scalars(select(OutboxEvent)).one()
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "offline")
    status = till.sync.status()
    assert (status.online, status.pending, status.last_error) == (False, 1, "offline")


def test_a_batch_over_500_events_is_refused_whole(registry):
    client = RegistryClient(registry.url, registry.tokens["Q01"])
    now = dt.datetime.now(dt.UTC)
    events = [p.Event.model_construct(id=new_id(), kind="sale", created_at=now, payload={})
              for _ in range(p.MAX_BATCH + 1)]
    with pytest.raises(SyncError) as err:
        client.push_events(p.PushRequest.model_construct(events=events, audit_head=""))
    assert (err.value.code, err.value.detail) == ("bad_request", "too_many_events")
    assert registry.store.event_ids() == []


# --- push: accepted, duplicate, conflict -------------------------------------------------------


def test_push_marks_sent_only_what_the_registry_acknowledged(registry, till_factory):
    _load_demo(registry)
    till = till_factory("Q01", registry.url, registry.tokens["Q01"], batch_size=2)
    till.sync.pull_catalog()
    ids = [record_sale(till.db, "Q01", [("BT-001", 1)]) for _ in range(5)]
    result = till.sync.push_once()
    assert (result.sent, result.duplicates, result.rejected, result.remaining, result.error) == \
        (5, 0, 0, 0, "")
    assert set(registry.store.event_ids()) == set(ids)
    assert outbox_by_status(till.db)["sent"] == set(ids)
    status = till.sync.status()
    assert status.online is True and status.pending == 0 and status.last_success is not None

    # The same events again (say the answer was lost): "duplicate", still stored once.
    client = till.client
    with till.db.reader() as session:
        rows = list(session.scalars(select(OutboxEvent).order_by(OutboxEvent.id)))
    again = [p.Event(id=r.id, kind=r.kind, created_at=r.created_at,
                     payload=json.loads(r.payload)) for r in rows]
    answer = client.push_events(p.PushRequest(events=again))
    assert [r.status for r in answer.results] == ["duplicate"] * 5
    assert registry.store.event_counts()["events"] == 5


def test_same_id_other_content_is_rejected_as_conflict_and_parked(registry, till_factory):
    till = till_factory("Q01", registry.url, registry.tokens["Q01"])
    with till.db.transaction() as session:
        first = outbox.add_event(session, "z_report", {"total": 100})
    assert till.sync.push_once().sent == 1
    # A restored backup re-creates the same id with different content.
    with till.db.transaction() as session:
        row = session.get(OutboxEvent, first)
        row.payload = json.dumps({"total": 999})
        row.status = "pending"
    result = till.sync.push_once()
    assert (result.sent, result.rejected, result.remaining) == (0, 1, 0)
    assert till.sync.rejected_events() == [(first, "z_report", "conflict")]
    assert till.sync.status().rejected == 1
    counts = registry.store.event_counts()
    assert (counts["events"], counts["conflicts"]) == (1, 1)
    # The first version stands.
    with registry.store.read() as session:
        from pos_app.registry.models import StoredEvent

        assert json.loads(session.get(StoredEvent, first).payload) == {"total": 100}
    # A parked event is not retried by itself...
    assert till.sync.push_once().sent == 0
    # ...until someone puts it back.
    assert till.sync.retry_rejected([first]) == 1
    assert till.sync.push_once().rejected == 1


def test_a_sale_is_never_refused_only_flagged(registry, till_factory):
    _load_demo(registry)
    registry.store.set_revoked("BT-002", True)
    till = till_factory("Q01", registry.url, registry.tokens["Q01"])
    with till.db.transaction() as session:
        unknown = outbox.add_event(session, "sale", {
            "showroom": "HN01", "lines": [{"line_id": new_id(), "sku": "NO-SUCH", "qty": 1}]})
        revoked = outbox.add_event(session, "sale", {
            "showroom": "HN01", "lines": [{"line_id": new_id(), "sku": "BT-002", "qty": 1}]})
        garbled = outbox.add_event(session, "sale", {"lines": "??"})
        other = outbox.add_event(session, "sale", {"showroom": "HN99", "lines": []})
        broken_stock = outbox.add_event(session, "stock_movement", {"movements": "??"})
    result = till.sync.push_once()
    assert (result.sent, result.rejected) == (4, 1)
    flags = registry.store.flags()
    assert flags == {unknown: "unknown_sku", revoked: "revoked_product",
                     garbled: "unreadable_sale", other: "unknown_showroom"}
    assert till.sync.rejected_events() == [(broken_stock, "stock_movement", "bad_event")]


def test_the_push_carries_the_audit_head(registry, till_factory):
    till = till_factory("Q01", registry.url, registry.tokens["Q01"])
    audit = AuditLog(SystemClock())
    with till.db.transaction() as session:
        entry = audit.append(session, action="sale", user="Lan")
        outbox.add_event(session, "sale", {"lines": []})
    till.sync.push_once()
    assert registry.store.till_info("HN01", "Q01")["audit_head"] == f"1:{entry.hash}"


# --- catalog -------------------------------------------------------------------------------


def test_catalog_pull_pages_and_a_revocation_makes_a_product_unsellable(registry, till_factory):
    _load_demo(registry)
    till = till_factory("Q01", registry.url, registry.tokens["Q01"], page_size=60)
    result = till.sync.pull_catalog()
    assert result.error == ""
    assert result.pages == 7  # 65 producers + 335 products = 400 changes, 60 a page
    assert result.products == 335
    with till.db.reader() as session:
        assert len(list(session.scalars(select(Product.sku)))) == 335
        vase = session.scalars(select(Product).where(Product.sku == "BT-001")).one()
        assert (vase.price, vase.cert_status, vase.certificate_no) == \
            (1_450_000, "active", "OCOP-HN-2024-01902")
        assert [b.code for b in vase.barcodes] == ["8939091000946"]
        assert "binh hut loc" in vase.search_text
        cursor = get_meta(session, CATALOG_CURSOR_KEY)
    assert cursor

    # Nothing new: one empty page, the cursor stays put.
    again = till.sync.pull_catalog()
    assert (again.pages, again.products, again.error) == (1, 0, "")

    checkout = CheckoutService(till.db, till.settings, SystemClock(), AuditLog(SystemClock()))
    cart = checkout.open_cart()
    checkout.add_product(cart, vase.id)  # sellable now

    assert registry.store.set_revoked("OCOP-HN-2024-01902", True, "fraud") == ["BT-001"]
    pulled = till.sync.pull_catalog()
    assert (pulled.products, pulled.revocations) == (1, 1)
    with till.db.reader() as session:
        assert session.get(Product, vase.id).cert_status == "revoked"
    with pytest.raises(CheckoutError) as err:
        checkout.add_product(checkout.open_cart(), vase.id)
    assert err.value.code == "revoked"

    registry.store.set_revoked("OCOP-HN-2024-01902", False)
    till.sync.pull_catalog()
    with till.db.reader() as session:
        assert session.get(Product, vase.id).cert_status == "active"


def test_a_revocation_reaches_a_till_local_product_with_that_certificate(registry, till_factory):
    _load_demo(registry)
    till = till_factory("Q01", registry.url, registry.tokens["Q01"])
    till.sync.pull_catalog()
    with till.db.transaction() as session:
        local = session.scalars(select(Product).where(Product.sku == "BT-002")).one()
        local.sku = "LOCAL-1"  # a product the showroom added itself, same certificate
        local.barcodes.clear()
    target = "OCOP-HN-2026-00998"
    registry.store.set_revoked(target, True)
    till.sync.pull_catalog()
    with till.db.reader() as session:
        statuses = {sku: status for sku, status in session.execute(
            select(Product.sku, Product.cert_status).where(Product.certificate_no == target))}
    assert statuses == {"LOCAL-1": "revoked", "BT-002": "revoked"}


def test_a_catalog_row_that_clashes_with_local_barcodes_is_parked_and_the_cursor_moves(
        registry, till_factory):
    _load_demo(registry)
    till = till_factory("Q01", registry.url, registry.tokens["Q01"], page_size=1000)
    till.sync.pull_catalog()
    with till.db.reader() as session:
        cursor = get_meta(session, CATALOG_CURSOR_KEY)
    # The registry moves a barcode to a new product the till has never seen, while the till
    # still holds it on its old product: that row is parked, the rest of the page applies.
    clash = p.CatalogProduct(sku="NEW-1", barcodes=["8939091000946"], name_vi="Mới",
                             producer_code="NSX001", group="food", stars=3, price=1000,
                             vat_rate=8)
    fine = p.CatalogProduct(sku="NEW-2", barcodes=[], name_vi="Mới 2", producer_code="NSX001",
                            group="food", stars=3, price=2000, vat_rate=8)
    registry.store.load_catalog([], [clash, fine])
    result = till.sync.pull_catalog()
    assert result.error == "" and result.parked == 1
    with till.db.reader() as session:
        assert get_meta(session, CATALOG_CURSOR_KEY) != cursor
        assert session.scalars(select(Product).where(Product.sku == "NEW-1")).first() is None
        assert session.scalars(select(Product).where(Product.sku == "NEW-2")).first() is not None
    assert ("catalog:products:NEW-1", "product", "pulled_catalog_conflict") in \
        till.sync.rejected_events()
    status = till.sync.status()
    assert status.parked == 1 and status.rejected >= 1


# --- two tills converge ----------------------------------------------------------------------


def test_two_tills_selling_offline_converge_on_the_same_stock(registry, till_factory):
    _load_demo(registry)
    dead = f"http://127.0.0.1:{_free_port()}"
    a = till_factory("Q01", registry.url, registry.tokens["Q01"])
    b = till_factory("Q02", registry.url, registry.tokens["Q02"])
    for till in (a, b):
        assert till.sync.pull_catalog().error == ""
    skus = sorted(levels_of_catalog(a))[:3]
    opening = {sku: (new_id(), 50) for sku in skus}
    for till in (a, b):
        for sku, (mid, qty) in opening.items():
            record_receipt(till.db, mid, sku, qty, "Q01")

    # Offline: both sell, neither can reach the registry.
    for till in (a, b):
        till.client.base_url = dead
    sold = {sku: 0 for sku in skus}
    for i in range(12):
        for till, code in ((a, "Q01"), (b, "Q02")):
            sku = skus[(i + (code == "Q02")) % len(skus)]
            qty = 1 + i % 3 if code == "Q01" else 2
            record_sale(till.db, code, [(sku, qty)])
            sold[sku] += qty
    for till in (a, b):
        assert till.sync.push_once().error == "offline"
        assert till.sync.pull_stock().error == "offline"
    assert levels(a.db) != levels(b.db)

    # Back online: push, then pull the other till's movements (twice: idempotent).
    for till in (a, b):
        till.client.base_url = registry.url
    for _ in range(2):
        for till in (a, b):
            assert till.sync.push_once().error == ""
        for till in (a, b):
            assert till.sync.pull_stock().error == ""
    expected = {sku: 50 - sold[sku] for sku in skus}
    assert levels(a.db) == expected
    assert levels(b.db) == expected


def levels_of_catalog(till) -> set[str]:
    with till.db.reader() as session:
        return set(session.scalars(select(Product.sku)))


def test_stock_of_another_showroom_never_arrives(registry, till_factory):
    _load_demo(registry)
    mine = till_factory("Q01", registry.url, registry.tokens["Q01"])
    elsewhere = till_factory("Q01", registry.url, registry.tokens["other"])
    for till in (mine, elsewhere):
        till.sync.pull_catalog()
    record_sale(elsewhere.db, "Q01", [("BT-001", 3)])
    assert elsewhere.sync.push_once().sent == 1
    before = levels(mine.db)
    assert mine.sync.pull_stock().movements == 0
    assert levels(mine.db) == before


# --- the OpenAPI document -------------------------------------------------------------------


def test_the_registry_serves_the_openapi_document_kept_in_the_repo(registry):
    import requests

    served = requests.get(f"{registry.url}{p.API_PREFIX}/openapi.json", timeout=10).json()
    kept = json.loads((ROOT / "resources" / "openapi" / "registry-v1.json").read_text("utf-8"))
    assert served == kept, "run `python -m pos_app.registry openapi --write` and commit it"
    assert set(kept["paths"]) == {f"{p.API_PREFIX}/{name}" for name in
                                  ("health", "events", "catalog", "stock-movements", "till",
                                   "transfers", "stock-levels")}
