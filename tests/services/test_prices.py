"""The showroom's selling prices: one transaction with its audit entry and ``price_set`` outbox
event, or, for a bad request, nothing at all."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from pos_app.db.models import AuditEntry, OutboxEvent, Product
from pos_app.db.showroom_models import PriceChange
from pos_app.services.catalog.prices import PriceError


def _counts(ctx) -> tuple[int, int, int, int]:
    with ctx.db.reader() as session:
        rows = [int(session.scalar(select(func.count()).select_from(t)) or 0)
                for t in (PriceChange, AuditEntry, OutboxEvent)]
        price = int(session.scalar(select(Product.price).where(Product.sku == "TX-001")) or 0)
        return rows[0], rows[1], rows[2], price


def test_set_price_writes_history_audit_event_and_reprint(demo_ctx):
    prices = demo_ctx.services.prices
    before = demo_ctx.services.catalog.by_sku("TX-001").price
    done = prices.set_price("TX-001", before + 5000, user="Minh", approved_by="")
    assert (done.old_price, done.new_price) == (before, before + 5000)
    assert demo_ctx.services.catalog.by_sku("TX-001").price == before + 5000
    assert [h.new_price for h in prices.history("TX-001")] == [before + 5000]
    assert prices.to_reprint() == ["TX-001"]
    today = dt.datetime.now(dt.UTC).date()
    assert prices.changed_since(today - dt.timedelta(days=1)) == ["TX-001"]
    assert prices.changed_since(today + dt.timedelta(days=2)) == []
    assert prices.mark_printed(["TX-001"]) == 1 and prices.to_reprint() == []


@pytest.mark.parametrize(("sku", "price", "code"), [
    ("NO-SUCH", 1000, "no_such_product"), ("TX-001", -1, "bad_price"),
    ("TX-001", True, "bad_price"), ("TX-001", 10**12, "bad_price")])
def test_bad_requests_change_nothing(demo_ctx, sku, price, code):
    before = _counts(demo_ctx)
    with pytest.raises(PriceError) as raised:
        demo_ctx.services.prices.set_price(sku, price, user="Minh")
    assert raised.value.code == code
    assert _counts(demo_ctx) == before


def test_same_price_and_unknown_receipt_are_refused(demo_ctx):
    prices = demo_ctx.services.prices
    current = demo_ctx.services.catalog.by_sku("TX-001").price
    with pytest.raises(PriceError, match="same_price"):
        prices.set_price("TX-001", current, user="Minh")
    with pytest.raises(PriceError, match="no_such_receipt"):
        prices.received_in("PN-NONE")
