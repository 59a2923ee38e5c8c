"""The demo showroom's catalog and opening stock, a bulk catalog for benchmarks, and the catalog
benchmark itself.

The demo goes through the same importer users use (``resources/demo/*.csv``), then receives
opening stock as 'receipt' movements, reproducibly (fixed seed). Its certificate dates were written
relative to 2026-11-23; a demo loaded later is shifted by the same number of days, so it always
shows a few certificates expiring soon, some expired and two revoked.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pos_app.config import TILL_CODE, Paths, Settings, resources_dir
from pos_app.db.database import Database
from pos_app.db.models import Barcode, Producer, Product, StockMovement
from pos_app.domain.barcodes import make_ean13
from pos_app.domain.ids import UUIDv7Generator
from pos_app.domain.ocop import ProducerKind, ProductGroup
from pos_app.domain.receipt import hanoi_tz
from pos_app.domain.scale import ScalePattern
from pos_app.domain.text import fold
from pos_app.domain.utc import naive_utc
from pos_app.services.catalog.importer import (
    ImportPlan,
    ImportRejected,
    ImportResult,
    apply_in_session,
    bump_catalog_version,
    plan_import,
    product_search_text,
)
from pos_app.services.catalog.lookup import WEIGHED_UNITS, CatalogService
from pos_app.services.ports import Clock, FixedClock, SystemClock

DEMO_REFERENCE_DATE = dt.date(2026, 11, 23)
"""The day the demo CSV's certificate dates were written for."""
DEMO_SEED = 20261123
OPENING_STOCK_REASON = "opening_stock"
DEMO_USER = "demo"


def demo_files(folder: Path | None = None) -> list[Path]:
    base = folder or resources_dir() / "demo"
    return [base / "producers.csv", base / "products.csv"]


@dataclass(frozen=True)
class DemoLoaded:
    imported: ImportResult
    stock_movements: int
    date_shift_days: int


def shift_cert_dates(plan: ImportPlan, days: int) -> None:
    """Move every certificate date of the plan by ``days`` (keeps the demo's story current)."""
    if not days:
        return
    delta = dt.timedelta(days=days)
    plan.products = [
        replace(
            p,
            cert_issued=None if p.cert_issued is None else p.cert_issued + delta,
            cert_expires=None if p.cert_expires is None else p.cert_expires + delta,
        )
        for p in plan.products
    ]


def load_demo_catalog(
    db: Database,
    settings: Settings,
    clock: Clock,
    *,
    folder: Path | None = None,
    seed: int = DEMO_SEED,
) -> DemoLoaded | None:
    """Import the demo catalog and its opening stock in one transaction; None (and nothing
    done) when the database already has products. Raises ImportRejected if the demo files are
    broken."""
    with db.reader() as session:
        if session.scalar(select(func.count(Product.id))):
            return None
    plan = plan_import(db, demo_files(folder))
    if not plan.ok:
        raise ImportRejected(plan)
    now = clock.now()
    today = now.astimezone(hanoi_tz()).date()
    shift = (today - DEMO_REFERENCE_DATE).days
    shift_cert_dates(plan, shift)
    with db.transaction() as session:
        if session.scalar(select(func.count(Product.id))):
            return None  # someone loaded it meanwhile
        imported = apply_in_session(session, plan)
        moves = _opening_stock(session, settings.get(TILL_CODE), now, seed)
    return DemoLoaded(imported, moves, shift)


def _opening_stock(session: Session, till_code: str, now: dt.datetime, seed: int) -> int:
    """One goods receipt per producer: 5–60 pieces a product (3–25 kg of goods sold by weight),
    on consignment from households, at a cost of 55–75 % of the price."""
    rng = random.Random(seed)
    at = naive_utc(now)
    new_id = UUIDv7Generator(clock_ms=lambda: int(now.timestamp() * 1000),
                             random_bits=rng.getrandbits)
    rows = session.execute(
        select(Product.id, Product.unit, Product.price, Producer.code, Producer.kind)
        .join(Producer, Product.producer_id == Producer.id)
        .order_by(Producer.code, Product.sku)
    ).all()
    receipts: dict[str, str] = {}
    moves: list[dict[str, Any]] = []
    for product_id, unit, price, producer_code, kind in rows:
        ref = receipts.setdefault(producer_code, new_id())
        weighed = unit.casefold() in WEIGHED_UNITS
        qty = rng.randint(3, 25) * 1000 if weighed else rng.randint(5, 60)
        cost = price * rng.randint(55, 75) // 100 // 100 * 100
        moves.append({
            "id": new_id(), "product_id": product_id, "qty": qty, "kind": "receipt",
            "till_code": till_code, "user_name": DEMO_USER, "reason": OPENING_STOCK_REASON,
            "ref_id": ref, "unit_cost": cost,
            "consignment": kind == ProducerKind.HOUSEHOLD.value, "created_at": at,
        })
    if moves:
        session.execute(insert(StockMovement), moves)
    return len(moves)


# --- Bulk catalog for benchmarks ----------------------------------------------------------------

_PLACES = [
    ("Bát Tràng", "Gia Lâm"), ("Vạn Phúc", "Hà Đông"), ("Đường Lâm", "Sơn Tây"),
    ("Phú Vinh", "Chương Mỹ"), ("Chuyên Mỹ", "Phú Xuyên"), ("Quảng Phú Cầu", "Ứng Hòa"),
    ("Tân Lập", "Đan Phượng"), ("Liên Hà", "Đông Anh"), ("Nhật Tân", "Tây Hồ"),
    ("Ba Vì", "Ba Vì"), ("Hương Sơn", "Mỹ Đức"), ("Xuân La", "Tây Hồ"),
]
_NOUNS = {
    ProductGroup.FOOD: ["Bánh đậu xanh", "Kẹo lạc", "Chè lam", "Mật ong", "Ruốc nấm", "Miến dong",
                        "Giò lụa", "Cốm làng Vòng", "Gạo nếp", "Tương bần"],
    ProductGroup.BEVERAGES: ["Trà shan tuyết", "Rượu nếp", "Nước mơ", "Trà sen", "Cà phê"],
    ProductGroup.HERBAL: ["Cao ích mẫu", "Trà túi lọc", "Tinh dầu sả", "Cao gắm", "Dầu gấc"],
    ProductGroup.TEXTILES: ["Khăn lụa", "Áo dài lụa", "Cà vạt tơ tằm", "Túi thổ cẩm", "Khăn đũi"],
    ProductGroup.HANDICRAFTS: ["Bình gốm", "Bộ ấm chén", "Tranh khảm trai", "Giỏ mây",
                               "Nón lá", "Đĩa sứ", "Tượng gỗ", "Lọ hoa"],
    ProductGroup.TOURISM: ["Vé tham quan", "Tour trải nghiệm", "Vé làng cổ"],
}
_ADJECTIVES = ["đặc biệt", "truyền thống", "hộp quà", "loại 1", "cao cấp", "men lam", "thủ công",
               "hữu cơ", "vẽ sen", "đỏ", "xanh", "nhỏ", "lớn", "200g", "500g", "1kg"]


@dataclass(frozen=True)
class SeededCatalog:
    producers: int
    products: int


def seed_bulk_catalog(db: Database, n_products: int, n_producers: int = 500,
                      seed: int = 1) -> SeededCatalog:
    """Add ``n_products`` valid products (EAN-13 with prefix 893, one barcode each) from
    ``n_producers`` producers, straight into the tables (executemany, one transaction).
    Codes start with "B" so they never collide with the demo's."""
    rng = random.Random(seed)
    groups = list(_NOUNS)
    kinds = [k.value for k in ProducerKind]
    producers: list[dict[str, Any]] = []
    for n in range(n_producers):
        commune, district = rng.choice(_PLACES)
        trade = rng.choice(_NOUNS[rng.choice(groups)])
        producers.append({
            "code": f"BP{seed:02d}{n:05d}", "name": f"Cơ sở {trade} {commune} {n}",
            "kind": rng.choice(kinds), "commune": commune, "district": district, "phone": "",
        })
    with db.transaction() as session:
        session.execute(insert(Producer), producers)
        ids = dict(session.execute(select(Producer.code, Producer.id)).all())
        start = (session.scalar(select(func.max(Product.id))) or 0) + 1
        products: list[dict[str, Any]] = []
        codes: list[dict[str, Any]] = []
        for n in range(n_products):
            producer = producers[rng.randrange(n_producers)]
            group = rng.choice(groups)
            name = f"{rng.choice(_NOUNS[group])} {rng.choice(_ADJECTIVES)} {producer['commune']}"
            sku = f"B{seed:02d}-{n:06d}"
            product_id = start + n
            products.append({
                "id": product_id, "sku": sku, "name_vi": name, "name_en": "",
                "producer_id": ids[producer["code"]], "product_group": group.value,
                "stars": rng.choice((3, 3, 4, 4, 5)), "certificate_no": f"OCOP-B-{n:06d}",
                "cert_issued": None, "cert_expires": None, "cert_status": "active",
                "unit": "cái", "price": rng.randint(2, 300) * 5000,
                "vat_rate": rng.choice((5, 8, 10)), "story": "", "trace_url": "",
                "search_text": product_search_text(name, "", sku, producer["name"],
                                                   producer["commune"], producer["district"]),
            })
            codes.append({"code": make_ean13(f"8935{seed % 100:02d}{n:06d}"),
                          "product_id": product_id})
        session.execute(insert(Product), products)
        session.execute(insert(Barcode), codes)
        bump_catalog_version(session)
    return SeededCatalog(n_producers, n_products)


# --- Benchmark ------------------------------------------------------------------------------------


def _cut(samples_ms: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples_ms)
    cut = statistics.quantiles(ordered, n=100, method="inclusive") if len(ordered) > 1 else \
        [ordered[0]] * 99
    return round(cut[49], 3), round(cut[98], 3), round(ordered[-1], 3)


def _percentiles(wall_ms: list[float], cpu_ms: list[float]) -> dict[str, float]:
    """Wall-clock figures, and this thread's CPU time (what the call costs when the machine is
    busy with other work)."""
    if not wall_ms:
        return {"n": 0}
    p50, p99, top = _cut(wall_ms)
    cpu50, cpu99, _ = _cut(cpu_ms)
    return {"n": len(wall_ms), "p50_ms": p50, "p99_ms": p99, "max_ms": top,
            "cpu_p50_ms": cpu50, "cpu_p99_ms": cpu99}


def bench_catalog(db: Database, n_queries: int = 1000, *, settings: Settings | None = None,
                  clock: Clock | None = None, seed: int = 3) -> dict[str, Any]:
    """Time lookup_code (known, unknown and scale codes) and search (typed queries of 1 to 3
    words, SKU and barcode prefixes) over what the database holds. Returns figures in ms."""
    settings = settings or Settings(paths=Paths(db.path.parent, db.path.parent))
    service = CatalogService(db, settings, clock or SystemClock())
    rng = random.Random(seed)
    with db.reader() as session:
        codes = [c for (c,) in session.execute(select(Barcode.code))]
        rows = session.execute(select(Product.sku, Product.name_vi)).all()
        n_products = len(rows)
    if not rows:
        raise ValueError("no products to look up")
    pattern = service.scale_pattern() or ScalePattern.parse("26IIIIIWWWWWC")
    queries: list[str] = []
    for _ in range(n_queries):
        sku, name = rng.choice(rows)
        words = fold(name).split()
        pick = rng.random()
        if pick < 0.5:
            first = rng.randrange(len(words))
            queries.append(" ".join(w[: rng.randint(2, 6)] for w in words[first : first + 3]))
        elif pick < 0.7:
            queries.append(words[0][:3])
        elif pick < 0.85:
            queries.append(sku[: rng.randint(2, len(sku))])
        else:
            queries.append(rng.choice(codes)[: rng.randint(4, 13)] if codes else sku)
    scans = [rng.choice(codes) if codes and i % 4 else
             (pattern.encode("99999", grams=250) if i % 8 == 0 else make_ean13("200000000000"))
             for i in range(n_queries)]

    def timed(call: Callable[[str], object], inputs: list[str]) -> dict[str, float]:
        wall: list[float] = []
        cpu: list[float] = []
        for text in inputs:
            t0, c0 = time.perf_counter(), time.thread_time()
            call(text)
            cpu.append((time.thread_time() - c0) * 1000)
            wall.append((time.perf_counter() - t0) * 1000)
        return _percentiles(wall, cpu)

    t0 = time.perf_counter()
    service.warm_up()
    index_build_ms = (time.perf_counter() - t0) * 1000
    return {
        "products": n_products,
        "barcodes": len(codes),
        "index_build_ms": round(index_build_ms, 1),
        "lookup_code": timed(service.lookup_code, scans),
        "search": timed(service.search, queries),
        "search_limit_10": timed(lambda q: service.search(q, 10), queries),
    }


def fixed_clock_at(day: dt.date, hour: int = 9) -> FixedClock:
    """A clock at ``hour`` o'clock Hanoi time on ``day`` (demo tests, reproducible demos)."""
    local = dt.datetime(day.year, day.month, day.day, hour, tzinfo=hanoi_tz())
    return FixedClock(local.astimezone(dt.UTC))
