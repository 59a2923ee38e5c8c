"""Stock desk use cases: receipts, adjustments, write-offs, counts, thresholds; every refusal
has its code and writes nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from pos_app.db.models import AuditEntry, OutboxEvent, StockCount, StockMovement
from pos_app.services.people.approval import ApprovalRequired
from pos_app.services.stock.desk import ReceiptInput, ReceiptLine, StockError
from tests.services.fixtures import APPROVAL, CASHIER, MANAGER, stock_level
from tests.services.stock_fixtures import producer_id, stock_services


def counts(db):
    with db.reader() as s:
        return tuple(int(s.scalar(select(func.count()).select_from(t)) or 0)
                     for t in (StockMovement, OutboxEvent, AuditEntry, StockCount))


def events(db):
    with db.reader() as s:
        return [json.loads(p) for p in s.scalars(
            select(OutboxEvent.payload).where(OutboxEvent.kind == "stock_movement")
            .order_by(OutboxEvent.id))]


def test_goods_receipt_writes_movements_event_and_audit(tmp_path):
    services, _, cat = stock_services(tmp_path)
    stock = services.stock
    result = stock.receive(ReceiptInput(producer_id(services), "PN-7", True, [
        ReceiptLine(cat.tea, 12, 70_000), ReceiptLine(cat.silk, 3, 300_000)]), user=MANAGER)
    assert (result.lines, result.total_qty, result.total_cost) == (2, 15, 1_740_000)
    assert stock_level(services.db, cat.tea) == 12
    payload = events(services.db)[-1]
    assert [(m["sku"], m["qty"], m["kind"], m["ref_id"]) for m in payload["movements"]] == [
        ("TEA01", 12, "receipt", result.receipt_id), ("LUA01", 3, "receipt", result.receipt_id)]
    with services.db.reader() as s:
        consigned = s.scalars(select(StockMovement.consignment).where(
            StockMovement.ref_id == result.receipt_id)).all()
        assert consigned == [True, True]
        assert s.scalar(select(AuditEntry.action).order_by(AuditEntry.seq.desc())) == \
            "goods_receipt"


@pytest.mark.parametrize("lines,code", [
    ([ReceiptLine(1, -2, 100)], "bad_qty"),
    ([ReceiptLine(1, 0, 100)], "bad_qty"),
    ([], "empty_receipt"),
    ([ReceiptLine(1, 2, -5)], "bad_cost"),
    ([ReceiptLine(99_999, 2, 100)], "no_such_product"),
])
def test_bad_receipts_are_refused_and_write_nothing(tmp_path, lines, code):
    services, _, _ = stock_services(tmp_path)
    before = counts(services.db)
    with pytest.raises(StockError) as err:
        services.stock.receive(ReceiptInput(producer_id(services), "X", False, lines),
                               user=MANAGER)
    assert err.value.code == code
    assert counts(services.db) == before


def test_consignment_needs_a_cost(tmp_path):
    services, _, cat = stock_services(tmp_path)
    with pytest.raises(StockError) as err:
        services.stock.receive(ReceiptInput(producer_id(services), "X", True,
                                            [ReceiptLine(cat.tea, 2)]), user=MANAGER)
    assert err.value.code == "bad_cost"


def test_writeoff_needs_reason_approval_and_stock(tmp_path):
    services, _, cat = stock_services(tmp_path)
    stock = services.stock
    stock.receive(ReceiptInput(producer_id(services), "P", False, [ReceiptLine(cat.vase, 4)]),
                  user=MANAGER)
    before = counts(services.db)
    with pytest.raises(StockError) as err:
        stock.write_off(cat.vase, 5, "vỡ", user=CASHIER, approval=APPROVAL)
    assert err.value.code == "writeoff_exceeds_stock" and err.value.info["on_hand"] == 4
    with pytest.raises(StockError) as err:
        stock.write_off(cat.vase, 1, "  ", user=CASHIER, approval=APPROVAL)
    assert err.value.code == "reason_required"
    with pytest.raises(ApprovalRequired):
        stock.write_off(cat.vase, 1, "vỡ", user=CASHIER, approval=None)
    assert counts(services.db) == before
    done = stock.write_off(cat.vase, 1, "vỡ khi bốc hàng", user=CASHIER, approval=APPROVAL)
    assert done.on_hand == 3 and done.qty == -1
    assert events(services.db)[-1]["movements"][0]["kind"] == "writeoff"
    with services.db.reader() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert (entry.action, entry.approved_by) == ("stock_writeoff", MANAGER.name)


def test_adjustment_signed(tmp_path):
    services, _, cat = stock_services(tmp_path)
    services.stock.adjust(cat.book, 7, "tìm thấy trong kho", user=CASHIER, approval=APPROVAL)
    services.stock.adjust(cat.book, -2, "nhập nhầm", user=CASHIER, approval=APPROVAL)
    assert stock_level(services.db, cat.book) == 5
    with pytest.raises(StockError) as err:
        services.stock.adjust(cat.book, 0, "x", user=CASHIER, approval=APPROVAL)
    assert err.value.code == "bad_qty"


def test_count_session_twice_refused_then_add_or_replace_and_post(tmp_path):
    services, clock, cat = stock_services(tmp_path)
    stock = services.stock
    stock.receive(ReceiptInput(producer_id(services), "P", False, [
        ReceiptLine(cat.tea, 10), ReceiptLine(cat.candy, 6)]), user=MANAGER)
    session = stock.open_count("group", "beverages", user=CASHIER)
    line = stock.record_count(session.id, cat.tea, 7, user=CASHIER)
    assert (line.expected, line.counted, line.difference) == (10, 7, -3)
    before = counts(services.db)
    with pytest.raises(StockError) as err:
        stock.record_count(session.id, cat.tea, 2, user=CASHIER)
    assert err.value.code == "already_counted" and err.value.info["previous"] == 7
    with pytest.raises(StockError) as err:
        stock.record_count(session.id, cat.candy, 6, user=CASHIER)  # food, not beverages
    assert err.value.code == "out_of_scope"
    assert counts(services.db) == before
    assert stock.record_count(session.id, cat.tea, 2, user=CASHIER, mode="add").counted == 9
    assert stock.record_count(session.id, cat.tea, 8, user=CASHIER,
                              mode="replace").counted == 8
    sheet = stock.count_sheet(session.id)
    assert [(ln.sku, ln.expected, ln.counted) for ln in sheet.lines] == [("TEA01", 10, 8)]
    with pytest.raises(ApprovalRequired):
        stock.post_count(session.id, user=CASHIER, approval=None)
    posted = stock.post_count(session.id, user=CASHIER, approval=APPROVAL)
    assert posted.status == "posted" and posted.approved_by == MANAGER.name
    assert stock_level(services.db, cat.tea) == 8
    assert events(services.db)[-1]["movements"][0]["kind"] == "count"
    before = counts(services.db)
    for call in (lambda: stock.record_count(session.id, cat.tea, 1, user=CASHIER, mode="add"),
                 lambda: stock.post_count(session.id, user=CASHIER, approval=APPROVAL),
                 lambda: stock.cancel_count(session.id, user=CASHIER)):
        with pytest.raises(StockError) as err:
            call()
        assert err.value.code == "count_closed"
    assert counts(services.db) == before


def test_count_keeps_sales_made_after_counting(tmp_path):
    from tests.services.stock_fixtures import sell

    services, _, cat = stock_services(tmp_path)
    stock = services.stock
    stock.receive(ReceiptInput(producer_id(services), "P", False, [ReceiptLine(cat.tea, 10)]),
                  user=MANAGER)
    session = stock.open_count(user=CASHIER)
    stock.record_count(session.id, cat.tea, 9, user=CASHIER)  # one missing
    sell(services, [(cat.tea, 2)])  # sold after it was counted
    stock.post_count(session.id, user=CASHIER, approval=APPROVAL)
    assert stock_level(services.db, cat.tea) == 7


def test_thresholds_and_low_stock(tmp_path):
    services, _, cat = stock_services(tmp_path)
    stock = services.stock
    stock.receive(ReceiptInput(producer_id(services), "P", False, [
        ReceiptLine(cat.tea, 3), ReceiptLine(cat.silk, 30)]), user=MANAGER)
    stock.set_threshold(cat.tea, 5, user=MANAGER)
    stock.set_threshold(cat.silk, 5, user=MANAGER)
    assert [r.sku for r in stock.low_stock()] == ["TEA01"]
    stock.set_threshold(cat.tea, None, user=MANAGER)
    assert stock.low_stock() == []
    with pytest.raises(StockError) as err:
        stock.set_threshold(cat.tea, -1, user=MANAGER)
    assert err.value.code == "bad_threshold"
    rows = {r.sku: r for r in stock.stock_rows()}
    assert rows["MAM01"].cert_status == "revoked" and rows["MIEN01"].cert_status == "expired"
    assert rows["LUA01"].on_hand == 30 and rows["LUA01"].threshold == 5


def test_a_manager_acts_on_their_own_authority(tmp_path):
    services, _, cat = stock_services(tmp_path)
    services.stock.adjust(cat.book, 4, "tìm thấy", user=MANAGER, approval=None)
    with services.db.reader() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert (entry.user_name, entry.approved_by) == (MANAGER.name, MANAGER.name)
    assert stock_level(services.db, cat.book) == 4
