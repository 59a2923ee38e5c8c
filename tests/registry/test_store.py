"""The registry's rules, straight on the store (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from pos_app.domain.ids import new_id
from pos_app.formats import protocol as p
from pos_app.registry.store import RegistryError, decode_cursor, encode_cursor, hash_token

AT = dt.datetime(2026, 11, 23, 3, tzinfo=dt.UTC)


def _producer(code="NSX1"):
    return p.CatalogProducer(code=code, name="HTX Gốm", kind="cooperative")


def _product(sku, cert="C-1", price=1000, producer="NSX1"):
    return p.CatalogProduct(sku=sku, name_vi=sku, producer_code=producer, group="food", stars=4,
                            certificate_no=cert, price=price, vat_rate=8,
                            cert_expires=dt.date(2030, 1, 1))


def _sale(sku="A", qty=1):
    return p.Event(id=new_id(), kind="sale", created_at=AT, payload={
        "showroom": "HN01", "lines": [{"line_id": new_id(), "sku": sku, "qty": qty}]})


def test_tokens_are_stored_as_hashes_and_renewal_retires_the_old_one(store):
    token = store.enroll_till("HN01", "Q01")
    assert store.authenticate(token).code == "Q01"
    with store.read() as session:
        from sqlalchemy import select

        from pos_app.registry.models import Till

        assert session.scalars(select(Till.token_hash)).all() == [hash_token(token)]
    renewed = store.enroll_till("HN01", "Q01")
    assert store.authenticate(token) is None
    assert store.authenticate(renewed).code == "Q01"
    with pytest.raises(RegistryError) as err:
        store.enroll_till("NOPE", "Q01")
    assert err.value.code == "unknown_showroom"


def test_events_are_stored_once_and_a_conflict_never_overwrites(store):
    till = store.authenticate(store.enroll_till("HN01", "Q01"))
    store.load_catalog([_producer()], [_product("A")])
    sale = _sale()
    twice = p.PushRequest(events=[sale, sale])
    assert [r.status for r in store.push(till, twice).results] == ["accepted", "duplicate"]
    changed = sale.model_copy(update={"payload": {**sale.payload, "total": 5}})
    answer = store.push(till, p.PushRequest(events=[changed]))
    assert answer.results[0].model_dump() == {"id": sale.id, "status": "rejected",
                                              "reason": "conflict"}
    assert store.event_counts() == {"events": 1, "conflicts": 1, "flagged": 0}


def test_concurrent_pushes_of_the_same_batch_store_it_once(store):
    till = store.authenticate(store.enroll_till("HN01", "Q01"))
    store.load_catalog([_producer()], [_product("A")])
    batch = p.PushRequest(events=[_sale() for _ in range(50)])
    answers: list[p.PushResponse] = []
    barrier = threading.Barrier(4)

    def push() -> None:
        barrier.wait()
        answers.append(store.push(till, batch))

    threads = [threading.Thread(target=push) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    statuses = [r.status for answer in answers for r in answer.results]
    assert statuses.count("accepted") == 50 and statuses.count("duplicate") == 150
    assert len(store.event_ids()) == 50
    other = store.authenticate(store.enroll_till("HN01", "Q02"))
    assert len(store.stock_page(other, None, 1000).movements) == 50


def test_stock_pages_hold_only_other_tills_of_the_same_showroom(store):
    store.create_showroom("HN02", "Elsewhere")
    q1 = store.authenticate(store.enroll_till("HN01", "Q01"))
    q2 = store.authenticate(store.enroll_till("HN01", "Q02"))
    far = store.authenticate(store.enroll_till("HN02", "Q01"))
    store.load_catalog([_producer()], [_product("A")])
    for till in (q1, q2, far):
        store.push(till, p.PushRequest(events=[_sale(qty=2) for _ in range(3)]))
    page = store.stock_page(q1, None, 2)
    assert page.has_more and [m.till for m in page.movements] == []  # its own: skipped
    rest = store.stock_page(q1, page.next_cursor, 10)
    assert [(m.till, m.qty) for m in rest.movements] == [("Q02", -2)] * 3 and not rest.has_more
    assert store.stock_page(q1, rest.next_cursor, 10).movements == []
    with pytest.raises(RegistryError) as err:
        store.stock_page(q1, encode_cursor("catalog", 1), 10)
    assert err.value.code == "bad_cursor"


def test_catalog_changes_page_in_order_and_only_real_changes_move_the_cursor(store):
    result = store.load_catalog([_producer()], [_product("A"), _product("B")])
    assert (result.producers_changed, result.products_changed) == (1, 2)
    first = store.catalog_page(None, 2)
    assert [pr.code for pr in first.producers] == ["NSX1"] and first.has_more
    assert [pr.sku for pr in first.products] == ["A"]
    second = store.catalog_page(first.next_cursor, 2)
    assert [pr.sku for pr in second.products] == ["B"] and not second.has_more
    assert second.producers == [_producer()]  # travels with its product
    again = store.load_catalog([_producer()], [_product("A"), _product("B")])
    assert again.unchanged == 3
    assert store.catalog_page(second.next_cursor, 10).products == []
    store.load_catalog([], [_product("B", price=2000)])
    assert [pr.price for pr in store.catalog_page(second.next_cursor, 10).products] == [2000]


def test_a_revocation_stands_until_restored_even_if_a_file_says_active(store):
    store.load_catalog([_producer()], [_product("A", cert="C-9"), _product("B", cert="C-9")])
    cursor = store.catalog_page(None, 100).next_cursor
    assert store.set_revoked("C-9", True, "fraud") == ["A", "B"]
    page = store.catalog_page(cursor, 100)
    assert {pr.sku: pr.cert_status for pr in page.products} == {"A": "revoked", "B": "revoked"}
    assert [(r.target, r.revoked, r.reason) for r in page.revocations] == [("C-9", True, "fraud")]
    store.load_catalog([], [_product("A", cert="C-9", price=5)])
    assert store.catalog_page(page.next_cursor, 10).products[0].cert_status == "revoked"
    store.set_revoked("A", False)
    latest = store.catalog_page(None, 100).products
    assert {pr.sku: pr.cert_status for pr in latest} == {"A": "active", "B": "revoked"}
    with pytest.raises(RegistryError):
        store.set_revoked("NO-SUCH", True)


def test_products_need_a_known_producer(store):
    with pytest.raises(RegistryError) as err:
        store.load_catalog([], [_product("A", producer="NSX404")])
    assert err.value.code == "unknown_producer"
    assert store.catalog_page(None, 10).products == []


def test_cursors_are_opaque_but_checked():
    assert decode_cursor("catalog", encode_cursor("catalog", 42)) == 42
    assert decode_cursor("catalog", None) == 0
    for bad in ("%%%", "eyJ2IjoyfQ", encode_cursor("stock", 1)):
        with pytest.raises(RegistryError):
            decode_cursor("catalog", bad)


def test_audit_head_going_backwards_is_noted(store):
    till = store.authenticate(store.enroll_till("HN01", "Q01"))
    store.push(till, p.PushRequest(events=[], audit_head="5:" + "a" * 64))
    store.push(till, p.PushRequest(events=[], audit_head="3:" + "d" * 64))
    info = store.till_info("HN01", "Q01")
    assert info["audit_head"] == "3:" + "d" * 64
    assert info["audit_warning"] == ("rewound:5:" + "a" * 64)[:100]
