"""Property: after any sequence of receipts, sales, returns, adjustments, write-offs and counts,
the stock levels equal what a plain model of those operations says, and the cached levels
(kept by triggers) equal the ledger's sums."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_app.services.stock.desk import ReceiptInput, ReceiptLine, StockError
from tests.services.fixtures import APPROVAL, CASHIER, MANAGER, stock_level
from tests.services.stock_fixtures import producer_id, sell, stock_services

OPS = st.lists(
    st.tuples(
        st.sampled_from(["receipt", "sale", "return", "adjust", "writeoff", "count"]),
        st.integers(0, 1),  # which product
        st.integers(1, 6),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=OPS)
def test_levels_follow_the_operations(ops):
    with tempfile.TemporaryDirectory() as tmp:
        services, clock, cat = stock_services(Path(tmp))
        stock = services.stock
        co = services.checkout
        products = [cat.tea, cat.silk]
        model = dict.fromkeys(products, 0)
        sales: list[tuple[str, int, int]] = []  # receipt no, product, qty not yet returned
        pid = producer_id(services)
        try:
            for kind, which, qty in ops:
                product = products[which]
                clock.advance(seconds=30)
                if kind == "receipt":
                    stock.receive(ReceiptInput(pid, "P", which == 0,
                                               [ReceiptLine(product, qty, 1000)]), user=MANAGER)
                    model[product] += qty
                elif kind == "sale":
                    sales.append((sell(services, [(product, qty)]), product, qty))
                    model[product] -= qty
                elif kind == "return" and sales:
                    receipt_no, p, left = sales.pop()
                    line = co.find_sale(receipt_no).lines[0]
                    back = min(left, qty)
                    co.return_items(receipt_no, {line.id: back}, cashier=CASHIER,
                                    approval=APPROVAL)
                    model[p] += back
                elif kind == "adjust":
                    delta = qty if which == 0 else -qty
                    stock.adjust(product, delta, "x", user=CASHIER, approval=APPROVAL)
                    model[product] += delta
                elif kind == "writeoff":
                    try:
                        stock.write_off(product, qty, "hỏng", user=CASHIER, approval=APPROVAL)
                        model[product] -= qty
                    except StockError as exc:
                        assert exc.code == "writeoff_exceeds_stock"
                        assert qty > model[product]
                elif kind == "count":
                    session = stock.open_count(user=CASHIER)
                    stock.record_count(session.id, product, qty, user=CASHIER)
                    stock.post_count(session.id, user=CASHIER, approval=APPROVAL)
                    model[product] = qty
                levels, ledger = stock.levels(), stock.ledger_levels()
                assert levels == ledger  # the trigger-kept cache equals the ledger's sums
                for p in products:
                    assert levels.get(p, 0) == model[p] == stock_level(services.db, p)
            rows = {r.id: r.on_hand for r in stock.stock_rows()}
            assert all(rows[p] == model[p] for p in products)
        finally:
            services.db.close()
