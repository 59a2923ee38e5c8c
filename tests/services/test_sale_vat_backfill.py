"""Migration 0005 backfills the VAT parts of sales recorded before checkout stored them, with
the same domain function checkout uses."""

from __future__ import annotations

import importlib.util

from sqlalchemy import delete, select

from pos_app.db.migrate import MIGRATIONS_DIR
from pos_app.db.models import SaleVat
from pos_app.domain.cart import PaymentInput
from tests.services.fixtures import APPROVAL, CASHIER, add_catalog, make_services


def _migration():
    spec = importlib.util.spec_from_file_location(
        "m0005", MIGRATIONS_DIR / "versions" / "0005_sale_vat.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _parts(db):
    with db.reader() as session:
        return [(v.sale_id, v.rate, v.net, v.vat, v.gross)
                for v in session.scalars(select(SaleVat).order_by(SaleVat.sale_id, SaleVat.rate))]


def test_backfill_gives_old_sales_the_parts_checkout_would_have_stored(tmp_path):
    services, _ = make_services(tmp_path)
    catalog = add_catalog(services.db)
    co = services.checkout
    cart = co.open_cart()
    co.add_product(cart, catalog.tea, qty=3)
    co.add_product(cart, catalog.silk)
    co.add_product(cart, catalog.book)
    co.add_product(cart, catalog.rice, grams=333)
    cart.set_discount(77_777)
    sale = co.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER,
                            approval=APPROVAL)
    line_id = co.find_sale(sale.receipt_no).lines[0].id
    co.return_items(sale.receipt_no, {line_id: 1}, cashier=CASHIER, approval=APPROVAL)
    stored = _parts(services.db)
    assert len(stored) == 4 + 1

    with services.db.transaction() as session:  # as before the migration
        session.execute(delete(SaleVat))
    with services.db.engine.begin() as connection:
        _migration().backfill(connection)
    assert _parts(services.db) == stored
    with services.db.engine.begin() as connection:  # running it again adds nothing
        _migration().backfill(connection)
    assert _parts(services.db) == stored
    services.db.close()
