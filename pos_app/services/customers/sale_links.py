"""What checkout stores beside a sale, in the sale's transaction: its customer, the channel
order it completes, and the promotion discount on each line (computed once, in
:mod:`pos_app.domain.promotions`, carried by the cart's lines; their amounts are already in the
line totals and so in the VAT parts)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert
from sqlalchemy.orm import Session

from pos_app.db.customer_models import SalePromotion
from pos_app.domain.cart import Cart
from pos_app.domain.customers import CustomerError
from pos_app.domain.ids import new_id
from pos_app.services.customers.service import attach
from pos_app.services.orders.service import OrderError, complete_order
from pos_app.services.sales.records import CheckoutError
from pos_app.services.stock import ledger


def record(session: Session, sale_id: str, cart: Cart, line_ids: Sequence[str]) -> None:
    """Link ``sale_id`` to the cart's customer and channel order, write its lines' promotions,
    and refuse (``CheckoutError``: the whole sale rolls back) an erased customer
    (``no_such_customer``), an order sold already (``order_not_pending``), or taking stock that
    pending channel orders hold (``reserved_stock``, info ``product_id``)."""
    try:
        if cart.customer_id:
            attach(session, sale_id, cart.customer_id)
        if cart.order_id:
            complete_order(session, sale_id, cart.order_id)
    except (CustomerError, OrderError) as exc:
        raise CheckoutError(exc.code) from exc
    held = ledger.reserved(session, sorted({ln.product_id for ln in cart.lines}))
    if held:  # the sale's own movements are in already: what is left must cover the orders
        free = ledger.available(session, sorted(held))
        short = [pid for pid in sorted(held) if free[pid] < 0]
        if short:
            raise CheckoutError("reserved_stock", product_id=short[0])
    rows = [
        dict(id=new_id(), sale_id=sale_id, sale_line_id=line_id, promotion_id=line.promo_id,
             name=line.promo_name, amount=line.promo_discount)
        for line, line_id in zip(cart.lines, line_ids, strict=True)
        if line.promo_id and line.promo_discount
    ]
    if rows:
        session.execute(insert(SalePromotion), rows)
