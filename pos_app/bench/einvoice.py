"""E-invoice benchmark (``ocop-pos-admin bench``; issue 14: the invoice built and stored inside
checkout's transaction adds ≤ 3 ms p99 to the 20-line commit).

On the scratch database, e-invoicing is switched on (a made-up seller), then ``issue_for_sale``
is timed inside a transaction for stored 20-line sales that have no invoice yet (number, MTT
code, XML built and stored, queued; commit included), and checkout's 20-line commit is timed
again with the hook issuing the invoice in the sale's own transaction. Figures, never pass/fail.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from pos_app import config
from pos_app.db.einvoice_models import EInvoice
from pos_app.db.models import Sale
from pos_app.domain.einvoice import Party
from pos_app.services.einvoice import settings as es

if TYPE_CHECKING:
    from pos_app.services import Services


def bench_einvoice(services: Services, n: int = 200, lines_per_sale: int = 20) -> dict[str, Any]:
    from pos_app.services.sales.bench import bench_checkout

    svc = services.einvoice
    settings = services.settings
    for key, value in ((config.SHOWROOM_ADDRESS, "Số 8 Tràng Tiền, Hoàn Kiếm, Hà Nội"),
                       (config.SHOWROOM_TAX_CODE, es.DEMO_TAX_CODE)):
        if not str(settings.get(key)).strip():
            settings.set(key, value)
    if not str(settings.get(config.SHOWROOM_NAME)).strip():
        settings.set(config.SHOWROOM_NAME, "Showroom OCOP (bench)")
    # sales made before switching on, so issuing is timed on its own first
    bench_checkout(services, n, lines_per_sale)
    svc.configure(replace(es.demo_values(Party()), enabled=True, provider_url="",
                          symbol_letters="BN"))
    with services.db.reader() as session:
        sale_ids = list(session.scalars(
            select(Sale.id).outerjoin(EInvoice, EInvoice.sale_id == Sale.id)
            .where(EInvoice.id.is_(None), Sale.kind == "sale")
            .order_by(Sale.created_at.desc()).limit(n)))
    timings: list[float] = []
    for sale_id in sale_ids:
        start = time.perf_counter()
        with services.db.transaction() as session:
            svc.issue_for_sale(session, sale_id)
        timings.append((time.perf_counter() - start) * 1000)
    with_invoice = bench_checkout(services, n, lines_per_sale)
    return {"issue_one": _percentiles(timings), "checkout_with_einvoice": with_invoice}


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    if not ordered:
        return {"n": 0.0, "p50_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0}
    return {"n": float(len(ordered)), "p50_ms": ordered[len(ordered) // 2],
            "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
            "max_ms": ordered[-1]}
