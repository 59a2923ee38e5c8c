"""Bulk data for benchmarks: a year of sales written fast, straight into the tables.

Not the checkout path (that is what ``demo-sales`` and the checkout benchmark use): a benchmark
needs a million sale lines in seconds, so rows go in with ``executemany`` in one transaction,
with the same shapes checkout writes (sale, lines, payments, stock movements).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import insert, select

from pos_app.db.database import Database
from pos_app.db.models import Product, Sale, SaleLine, SalePayment, StockMovement
from pos_app.domain.ids import UUIDv7Generator, receipt_number
from pos_app.domain.receipt import hanoi_tz


@dataclass(frozen=True)
class SeededSales:
    sales: int
    lines: int


def seed_bulk_sales(
    db: Database,
    n_lines: int,
    *,
    till_code: str = "B01",
    days: int = 365,
    lines_per_sale: int = 20,
    seed: int = 7,
    end: dt.datetime | None = None,
) -> SeededSales:
    """Write about ``n_lines`` sale lines in sales of up to ``lines_per_sale`` lines, spread over
    the ``days`` before ``end`` (default: now), each with its payment and stock movements."""
    rng = random.Random(seed)
    with db.reader() as session:
        products = session.execute(
            select(Product.id, Product.sku, Product.name_vi, Product.price, Product.vat_rate,
                   Product.stars)
        ).all()
    if not products:
        raise ValueError("no products to sell")
    end = end or dt.datetime.now(dt.UTC)
    start = end - dt.timedelta(days=days)
    n_sales = max(1, -(-n_lines // max(1, (lines_per_sale + 1) // 2)))
    span = (end - start).total_seconds()
    times = sorted(start + dt.timedelta(seconds=rng.random() * span) for _ in range(n_sales))
    seq_by_day: dict[dt.date, int] = {}
    new_id = UUIDv7Generator(clock_ms=lambda: int(times[0].timestamp() * 1000))
    sales: list[dict[str, object]] = []
    lines: list[dict[str, object]] = []
    payments: list[dict[str, object]] = []
    moves: list[dict[str, object]] = []
    written = 0
    for at in times:
        if written >= n_lines:
            break
        local_day = at.astimezone(hanoi_tz()).date()
        seq = seq_by_day[local_day] = seq_by_day.get(local_day, 0) + 1
        sale_id = new_id()
        naive = at.replace(tzinfo=None)
        count = min(rng.randint(1, lines_per_sale), n_lines - written)
        total = 0
        for line_no, product in enumerate(rng.sample(products, min(count, len(products))), 1):
            qty = rng.choice((1, 1, 1, 2, 3))
            amount = qty * product.price
            total += amount
            line_id = new_id()
            lines.append({
                "id": line_id, "sale_id": sale_id, "line_no": line_no,
                "product_id": product.id, "sku": product.sku, "barcode": "",
                "name_vi": product.name_vi, "name_en": "", "stars": product.stars,
                "unit": "piece", "qty": qty, "list_price": product.price,
                "unit_price": product.price, "discount": 0, "line_total": amount,
                "vat_rate": product.vat_rate, "original_line_id": None,
            })
            moves.append({
                "id": new_id(), "product_id": product.id, "qty": -qty, "kind": "sale",
                "till_code": till_code, "user_name": "bench", "reason": "", "ref_id": sale_id,
                "unit_cost": None, "consignment": False, "created_at": naive,
            })
            written += 1
        method = rng.choice(("cash", "cash", "cash", "card", "transfer"))
        sales.append({
            "id": sale_id, "receipt_no": receipt_number(till_code, local_day, seq),
            "till_code": till_code, "local_date": local_day, "seq": seq, "kind": "sale",
            "status": "completed", "original_sale_id": None, "cashier_id": None,
            "cashier_name": "bench", "approved_by": "", "created_at": naive,
            "subtotal": total, "discount": 0, "total": total, "vat_total": 0,
            "tendered": total, "change": 0, "voided_at": None, "void_reason": "", "note": "",
        })
        payments.append({
            "id": new_id(), "sale_id": sale_id, "method": method, "amount": total,
            "tendered": total, "reference": "" if method == "cash" else "BENCH",
        })
    with db.transaction() as session:
        for model, rows in ((Sale, sales), (SaleLine, lines), (SalePayment, payments),
                            (StockMovement, moves)):
            for chunk in range(0, len(rows), 50_000):
                session.execute(insert(model), rows[chunk:chunk + 50_000])
    return SeededSales(sales=len(sales), lines=len(lines))
