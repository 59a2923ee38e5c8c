"""The registry's side of transfers, on its store: levels per showroom moved with the
movements, the receipt renumbered so the sender's next pull brings it, a second receipt
flagged, and levels rebuilt for a registry from before they existed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete

from pos_app.domain.ids import new_id
from pos_app.formats import protocol as p
from pos_app.registry.models import RegStockLevel
from pos_app.registry.store import RegistryStore
from tests.sync.conftest import DEMO


def _event(kind, payload):
    return p.Event(id=new_id(), kind=kind, created_at=dt.datetime.now(dt.UTC), payload=payload)


def _send(tid, qty):
    return _event("transfer_sent", {
        "transfer": {"id": tid, "from_showroom": "HN01", "from_till": "Q01",
                     "to_showroom": "HN02", "sent_at": dt.datetime.now(dt.UTC).isoformat(),
                     "lines": [{"sku": "BT-001", "qty": qty}]},
        "stock_movements": [{"id": new_id(), "sku": "BT-001", "qty": -qty,
                             "kind": "transfer_out", "ref_id": tid}]})


def _receive(tid, sent, got):
    return _event("transfer_received", {
        "receipt": {"transfer_id": tid, "from_showroom": "HN01", "to_showroom": "HN02",
                    "received_at": dt.datetime.now(dt.UTC).isoformat(),
                    "lines": [{"sku": "BT-001", "sent": sent, "received": got,
                               "reason": "vỡ" if got != sent else ""}]},
        "stock_movements": [{"id": new_id(), "sku": "BT-001", "qty": got,
                             "kind": "transfer_in", "ref_id": tid}]})


def test_levels_receipts_and_a_second_receipt(tmp_path):
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    store = RegistryStore(url)
    store.load_catalog_files([DEMO / "producers.csv", DEMO / "products.csv"])
    store.create_showroom("HN01", "A")
    store.create_showroom("HN02", "B")
    hn01, hn02, hn02b = (store.authenticate(store.enroll_till(showroom, till))
                         for showroom, till in (("HN01", "Q01"), ("HN02", "Q01"),
                                                ("HN02", "Q02")))
    assert hn01 is not None and hn02 is not None and hn02b is not None
    opening = _event("stock_movement", {"movements": [
        {"id": new_id(), "sku": "BT-001", "qty": 10, "kind": "receipt"}]})
    tid = new_id()
    assert [r.status for r in store.push(hn01, p.PushRequest(
        events=[opening, _send(tid, 4)])).results] == ["accepted", "accepted"]
    assert [(s.showroom, s.qty) for s in store.stock_elsewhere(hn02, "BT-001").showrooms] == [
        ("HN01", 6)]
    assert store.stock_elsewhere(hn01, "BT-001").showrooms == []

    page = store.transfer_page(hn01, None, 100)
    assert page.transfers == [] and page.receipts == []
    sender_cursor = page.next_cursor
    page = store.transfer_page(hn02, None, 100)
    assert [t.id for t in page.transfers] == [tid]

    answer = store.push(hn02, p.PushRequest(events=[_receive(tid, 4, 3)]))
    assert [(r.status, r.reason) for r in answer.results] == [("accepted", "")]
    back = store.transfer_page(hn01, sender_cursor, 100)
    assert [(r.transfer_id, r.lines[0].received) for r in back.receipts] == [(tid, 3)]
    assert [(s.showroom, s.qty) for s in store.stock_elsewhere(hn01, "BT-001").showrooms] == [
        ("HN02", 3)]
    # the other till of HN02 sees it received too; a second receipt is flagged for review
    assert [r.transfer_id for r in store.transfer_page(hn02b, None, 100).receipts] == [tid]
    twice = store.push(hn02b, p.PushRequest(events=[_receive(tid, 4, 4)]))
    assert [(r.status, r.reason) for r in twice.results] == [("accepted", "received_twice")]
    # a receipt whose lines are not the transfer's is refused
    wrong = store.push(hn02, p.PushRequest(events=[_receive(tid, 5, 5)]))
    assert [(r.status, r.reason) for r in wrong.results] == [("rejected", "bad_event")]

    # a registry from before reg_stock_levels rebuilds them from the movements it holds
    with store.write() as session:
        session.execute(delete(RegStockLevel))
    store.close()
    again = RegistryStore(url)
    assert [(s.showroom, s.qty) for s in again.stock_elsewhere(hn01, "BT-001").showrooms] == [
        ("HN02", 7)]
    again.close()
