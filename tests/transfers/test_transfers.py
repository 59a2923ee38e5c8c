"""A transfer from HN01 to HN02 through the real registry: sent, synced, received with a
difference; both ledgers append-only and balanced; "who else has it?"; hostile records."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select, text

from pos_app.db.models import OutboxEvent, StockMovement, Transfer
from pos_app.domain.ids import new_id
from pos_app.formats import protocol as p
from pos_app.services.people.approval import Actor, Approval, ApprovalRequired
from pos_app.services.stock.transfers import TransferError
from pos_app.services.sync import outbox
from pos_app.services.sync import parked as pk
from pos_app.services.sync.pull import apply_transfer_page
from pos_app.sync.client import RegistryClient, SyncError, _page
from tests.sync.helpers import levels, product_ids

MANAGER = Actor(None, "Chị Lan", "manager")
CASHIER = Actor(None, "Minh", "cashier")


def _opening(showroom, stock: dict[str, int]) -> None:
    """Opening stock through the ledger, pushed as a ``stock_movement`` event."""
    from pos_app.services.stock import ledger

    ids = product_ids(showroom.db)
    now = dt.datetime.now(dt.UTC)
    with showroom.db.transaction() as session:
        moves = [ledger.movement(product_id=ids[sku], qty=qty, kind="receipt", till_code="Q01",
                                 at=now) for sku, qty in stock.items()]
        ledger.record(session, moves)
        outbox.add_event(session, "stock_movement", {"movements": [
            {"id": m["id"], "sku": sku, "qty": m["qty"], "kind": "receipt"}
            for sku, m in zip(stock, moves, strict=True)]}, at=now)


def _kind_sum(db, kind: str) -> int:
    with db.reader() as session:
        return int(session.scalar(select(func.coalesce(func.sum(StockMovement.qty), 0))
                                  .where(StockMovement.kind == kind)) or 0)


def test_sent_synced_received_with_a_difference_and_both_ledgers_balance(showrooms, registry):
    hn01, hn02 = showrooms()
    _opening(hn01, {"BT-001": 10, "BT-002": 5})
    hn01.sync()

    sent = hn01.transfers.send("HN02", {"BT-001": 4, "BT-002": 2}, user=MANAGER,
                               note="bổ sung cuối tuần")
    assert sent.status == "in_transit" and sent.direction == "out" and sent.sent_total == 6
    assert levels(hn01.db) == {"BT-001": 6, "BT-002": 3}  # left at once
    hn01.sync()

    hn02.sync()
    [incoming] = hn02.transfers.list_transfers("in", in_transit_only=True)
    assert (incoming.id, incoming.number, incoming.from_showroom, incoming.status) == (
        sent.id, sent.number, "HN01", "in_transit")
    assert levels(hn02.db) == {}  # nothing on the shelf until a person receives it

    with pytest.raises(TransferError) as err:
        hn02.transfers.receive(sent.number, {"BT-001": 3}, user=MANAGER)
    assert err.value.code == "reason_required"
    with pytest.raises(ApprovalRequired):
        hn02.transfers.receive(sent.number, {"BT-001": 3}, reason="vỡ", user=CASHIER)
    done = hn02.transfers.receive(sent.number, {"BT-001": 3}, reason="vỡ khi vận chuyển",
                                  user=CASHIER, approval=Approval(MANAGER))
    assert done.status == "received"
    assert [(ln.sku, ln.sent, ln.received, ln.difference, ln.reason) for ln in done.lines] == [
        ("BT-001", 4, 3, 1, "vỡ khi vận chuyển"), ("BT-002", 2, 2, 0, "")]
    assert levels(hn02.db) == {"BT-001": 3, "BT-002": 2}
    with pytest.raises(TransferError) as err:
        hn02.transfers.receive(sent.id, user=MANAGER)
    assert err.value.code == "already_received"
    hn02.sync()

    hn01.sync()  # the receipt comes back to the sender
    back = hn01.transfers.get(sent.id)
    assert (back.status, back.received_total, back.difference_total) == ("received", 5, 1)

    # sent = received + recorded difference, on both tills and in both ledgers
    for showroom in (hn01, hn02):
        assert showroom.transfers.balance() == {sent.id: (6, 5, 1)}
    assert _kind_sum(hn01.db, "transfer_out") == -6
    assert _kind_sum(hn02.db, "transfer_in") == 5
    [stored] = registry.store.transfers()
    assert stored["receipt"]["lines"][0]["received"] == 3

    # append-only: a document and its receipt cannot be edited or removed
    with pytest.raises(Exception, match="append-only"), hn02.db.transaction() as session:
        session.execute(text("UPDATE transfer_receipt_lines SET received = 4"))
    with pytest.raises(Exception, match="append-only"), hn01.db.transaction() as session:
        session.execute(text("DELETE FROM transfers"))

    # who else has it? HN02 sees HN01's level as of its last push, and keeps it for offline
    there = hn02.transfers.stock_elsewhere("BT-001")
    assert not there.cached
    assert [(s.showroom, s.qty) for s in there.showrooms] == [("HN01", 6)]
    assert there.showrooms[0].as_of is not None
    here = hn01.transfers.stock_elsewhere("BT-001")
    assert [(s.showroom, s.qty) for s in here.showrooms] == [("HN02", 3)]
    hn02.till.sync.transport = RegistryClient("http://127.0.0.1:9", "x",
                                              connect_timeout=0.5, read_timeout=0.5)
    offline = hn02.transfers.stock_elsewhere("BT-001")
    assert offline.cached and offline.error == "offline"
    assert [(s.showroom, s.qty) for s in offline.showrooms] == [("HN01", 6)]


def test_send_refuses_what_is_not_there(showrooms):
    hn01, _ = showrooms()
    _opening(hn01, {"BT-001": 2})
    for to, lines, code in [
        ("HN02", {"BT-001": 3}, "exceeds_stock"),
        ("HN01", {"BT-001": 1}, "same_showroom"),
        ("HN 02", {"BT-001": 1}, "bad_showroom"),
        ("HN02", {"NO-SUCH": 1}, "no_such_product"),
        ("HN02", {"BT-001": 0}, "bad_qty"),
        ("HN02", {}, "empty_transfer"),
    ]:
        with pytest.raises(TransferError) as err:
            hn01.transfers.send(to, lines, user=MANAGER)
        assert err.value.code == code
    with pytest.raises(ApprovalRequired):
        hn01.transfers.send("HN02", {"BT-001": 1}, user=CASHIER)
    assert levels(hn01.db) == {"BT-001": 2}
    with hn01.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(Transfer)) == 0


def _event(kind: str, payload: dict) -> p.Event:
    return p.Event(id=new_id(), kind=kind, created_at=dt.datetime.now(dt.UTC), payload=payload)


def test_the_registry_refuses_transfer_events_that_lie(registry):
    client = RegistryClient(registry.url, registry.tokens["Q01"])
    tid = new_id()
    transfer = {"id": tid, "from_showroom": "HN01", "from_till": "Q01", "to_showroom": "HN02",
                "sent_at": dt.datetime.now(dt.UTC).isoformat(),
                "lines": [{"sku": "BT-001", "qty": 2}]}
    good_moves = [{"id": new_id(), "sku": "BT-001", "qty": -2, "kind": "transfer_out",
                   "ref_id": tid}]
    cases = {
        "another sender": {"transfer": {**transfer, "from_showroom": "HN09"},
                           "stock_movements": good_moves},
        "another till": {"transfer": {**transfer, "from_till": "Q02"},
                         "stock_movements": good_moves},
        "movements do not match": {"transfer": transfer, "stock_movements": [
            {**good_moves[0], "qty": -1}]},
        "negative line": {"transfer": {**transfer, "lines": [{"sku": "BT-001", "qty": -2}]},
                          "stock_movements": good_moves},
        "to itself": {"transfer": {**transfer, "to_showroom": "HN01"},
                      "stock_movements": good_moves},
        "receipt for another showroom": {"receipt": {
            "transfer_id": tid, "from_showroom": "HN01", "to_showroom": "HN02",
            "received_at": dt.datetime.now(dt.UTC).isoformat(),
            "lines": [{"sku": "BT-001", "sent": 2, "received": 2}]}, "stock_movements": []},
    }
    events = [_event("transfer_received" if "receipt" in name else "transfer_sent", payload)
              for name, payload in cases.items()]
    answer = client.push_events(p.PushRequest(events=events))
    assert [(r.status, r.reason) for r in answer.results] == [("rejected", "bad_event")] * len(
        cases)
    assert registry.store.transfers() == []
    # and the honest one is stored, once
    ok = _event("transfer_sent", {"transfer": transfer, "stock_movements": good_moves})
    assert client.push_events(p.PushRequest(events=[ok])).results[0].status == "accepted"
    assert client.push_events(p.PushRequest(events=[ok])).results[0].status == "duplicate"
    assert [t["id"] for t in registry.store.transfers()] == [tid]
    # the sender's own showroom is not served it; the destination is
    assert client.transfers(None).transfers == []
    other = RegistryClient(registry.url, registry.tokens["other"])
    assert [t.id for t in other.transfers(None).transfers] == [tid]
    with pytest.raises(SyncError) as err:
        other.stock_elsewhere("")
    assert err.value.code == "bad_request"


def test_hostile_pulled_transfers_are_parked_and_the_pull_goes_on(showrooms):
    _, hn02 = showrooms()
    now = dt.datetime.now(dt.UTC).isoformat()

    def transfer(**over: object) -> dict:
        return {"id": new_id(), "from_showroom": "HN01", "from_till": "Q01",
                "to_showroom": "HN02", "sent_at": now, "lines": [{"sku": "BT-001", "qty": 1}],
                **over}

    good = transfer(number="CK-Q01-1")
    wrong_showroom = transfer(to_showroom="HN07")
    from_me = transfer(from_showroom="HN02", to_showroom="HN01")
    unknown_sku = transfer(lines=[{"sku": "ZZ-404", "qty": 1}])
    bad_qty = transfer(lines=[{"sku": "BT-001", "qty": -5}])
    huge = transfer(lines=[{"sku": f"S{i}", "qty": 1} for i in range(p.MAX_TRANSFER_LINES + 1)])
    not_a_dict = "transfer"
    lying_receipt = {"transfer_id": good["id"], "from_showroom": "HN01",
                     "to_showroom": "HN02", "received_at": now,
                     "lines": [{"sku": "BT-001", "sent": 9, "received": 9}]}
    raw = json.dumps({
        "transfers": [wrong_showroom, bad_qty, from_me, unknown_sku, huge, not_a_dict, good],
        "receipts": [lying_receipt], "next_cursor": "c1", "has_more": False,
    }).encode()
    page = _page(raw, p.TransferPage, {"transfers": p.Transfer,
                                       "receipts": p.TransferReceipt})
    assert len(page.transfers) == 4 and len(page.skipped) == 3
    applied, parked = apply_transfer_page(hn02.db, hn02.till.settings, page)
    assert applied == 1
    [held] = hn02.transfers.list_transfers("in")
    assert held.id == good["id"] and held.status == "in_transit"
    with hn02.db.reader() as session:
        reasons = {r.id: r.reason for r in pk.load(session)}
    assert reasons[f"transfer:{wrong_showroom['id']}"] == "pulled_bad_record"
    assert reasons[f"transfer:{from_me['id']}"] == "pulled_bad_record"
    assert reasons[f"transfer:{unknown_sku['id']}"] == "pulled_unknown_sku"
    assert reasons[f"transfer-receipt:{good['id']}"] == "pulled_bad_record"
    assert parked == len(reasons) == 7
    with hn02.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(StockMovement)) == 0
        assert session.scalar(select(func.count()).select_from(OutboxEvent)) == 0
    # the next page applies; the parked ones are tried again and stay parked
    applied, _ = apply_transfer_page(hn02.db, hn02.till.settings,
                                     p.TransferPage(next_cursor="c2", has_more=False))
    assert applied == 0
    with hn02.db.reader() as session:
        assert len(pk.load(session)) == 7
