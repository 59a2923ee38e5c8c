"""Benchmark of checkout (``ocop-pos-admin bench``): times ``complete_sale`` on a scratch
database."""

from __future__ import annotations

import statistics
import time
from typing import TYPE_CHECKING

from sqlalchemy import select

from pos_app.db.database import Database
from pos_app.db.models import Product
from pos_app.domain.cart import (
    CASH,
    Cart,
    PaymentInput,
)
from pos_app.domain.ids import new_id
from pos_app.services.people.approval import Actor

if TYPE_CHECKING:
    from pos_app.services import Services



def bench_checkout(services: Services, n: int, lines_per_sale: int = 20) -> dict[str, float]:
    """Time ``complete_sale`` for ``n`` sales of ``lines_per_sale`` lines each (cash).

    Run it on a scratch database: it records real sales and, if the catalog has fewer
    than ``lines_per_sale`` sellable piece products, adds ``BENCH-`` products.
    Returns ``{"n", "lines", "p50_ms", "p99_ms", "max_ms"}``.
    """
    from pos_app.services.sales.checkout import CheckoutService

    checkout = services.checkout or CheckoutService(services.db, services.settings, services.clock)
    product_ids = _bench_products(services.db, lines_per_sale)
    cashier = Actor(None, "bench", "cashier")
    timings: list[float] = []
    for _ in range(n):
        cart = Cart(approval_percent=checkout.approval_percent)
        for product_id in product_ids[:lines_per_sale]:
            checkout.add_product(cart, product_id)
        start = time.perf_counter()
        checkout.complete_sale(cart, [PaymentInput(CASH, cart.total)], cashier=cashier)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "n": float(n),
        "lines": float(lines_per_sale),
        "p50_ms": statistics.median(timings) if timings else 0.0,
        "p99_ms": timings[min(len(timings) - 1, int(len(timings) * 0.99))] if timings else 0.0,
        "max_ms": timings[-1] if timings else 0.0,
    }


def _bench_products(db: Database, count: int) -> list[int]:
    from pos_app.db.models import Producer
    from pos_app.services.sales.checkout import WEIGHED_UNITS

    with db.transaction() as session:
        ids = list(
            session.scalars(
                select(Product.id)
                .where(Product.cert_status == "active", Product.cert_expires.is_(None))
                .where(Product.unit.not_in(sorted(WEIGHED_UNITS)))
                .order_by(Product.id)
                .limit(count)
            )
        )
        if len(ids) >= count:
            return ids
        producer = session.scalars(select(Producer).where(Producer.code == "BENCH")).first()
        if producer is None:
            producer = Producer(code="BENCH", name="Bench producer", kind="household")
            session.add(producer)
            session.flush()
        for i in range(count - len(ids)):
            product = Product(
                sku=f"BENCH-{new_id()[-12:]}-{i}", name_vi=f"Sản phẩm thử {i}", name_en="",
                producer_id=producer.id, product_group="food", stars=4, unit="cái",
                price=10_000 + 1_000 * i, vat_rate=(0, 5, 8, 10)[i % 4], cert_status="active",
            )
            session.add(product)
            session.flush()
            ids.append(product.id)
        return ids
