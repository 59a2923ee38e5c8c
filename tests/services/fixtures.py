"""A tiny OCOP catalog written straight into the database, for checkout tests.

Independent of the catalog importer on purpose: tests of the sales core only need rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.db.models import Barcode, Producer, Product, StockMovement
from pos_app.services import Services
from pos_app.services.people.approval import Actor, Approval
from pos_app.services.ports import FixedClock

# 2026-11-23 10:00 in Hanoi (03:00 UTC)
MORNING = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)

CASHIER = Actor(None, "Lan", "cashier")
MANAGER = Actor(None, "Hùng", "manager")
APPROVAL = Approval(MANAGER)


@dataclass
class Catalog:
    tea: int  # 120.000 đ, 8 %
    candy: int  # 35.000 đ, 8 %
    silk: int  # 450.000 đ, 10 %
    vase: int  # 1.250.000 đ, 10 %
    rice: int  # weighed, 80.000 đ/kg, 5 %
    book: int  # 0 % VAT, 99.000 đ
    expired: int  # certificate expired
    revoked: int  # certificate revoked


PRODUCTS = [
    # attr, sku, name, group, unit, price, vat, status, expires, barcode
    ("tea", "TEA01", "Trà shan tuyết", "beverages", "hộp", 120_000, 8, "active", None,
     "8930000000019"),
    ("candy", "KEO01", "Kẹo lạc Đường Lâm", "food", "gói", 35_000, 8, "active", None,
     "8930000000026"),
    ("silk", "LUA01", "Khăn lụa Vạn Phúc", "textiles", "cái", 450_000, 10, "active", None,
     "8930000000033"),
    ("vase", "GOM01", "Bình gốm Bát Tràng", "handicrafts", "cái", 1_250_000, 10, "active", None,
     "8930000000040"),
    ("rice", "GAO01", "Gạo nếp cái hoa vàng", "food", "kg", 80_000, 5, "active", None,
     "8930000000057"),
    ("book", "SACH01", "Sách ảnh làng nghề", "tourism", "cuốn", 99_000, 0, "active", None,
     "8930000000064"),
    ("expired", "MIEN01", "Miến dong", "food", "gói", 45_000, 8, "active",
     dt.date(2026, 1, 31), "8930000000071"),
    ("revoked", "MAM01", "Mắm tép", "food", "lọ", 60_000, 8, "revoked", None, "8930000000088"),
]


def add_catalog(db: Database, *, opening_stock: int = 0) -> Catalog:
    ids: dict[str, int] = {}
    with db.transaction() as session:
        producer = Producer(code="NSX01", name="HTX Làng nghề", kind="cooperative")
        session.add(producer)
        session.flush()
        for attr, sku, name, group, unit, price, vat, status, expires, code in PRODUCTS:
            product = Product(
                sku=sku, name_vi=name, name_en=name + " (en)", producer_id=producer.id,
                product_group=group, stars=4, unit=unit, price=price, vat_rate=vat,
                cert_status=status, cert_expires=expires, certificate_no=f"OCOP-{sku}",
            )
            session.add(product)
            session.flush()
            session.add(Barcode(code=code, product_id=product.id))
            ids[attr] = product.id
            if opening_stock:
                session.add(
                    StockMovement(
                        id=f"00000000-0000-7000-8000-{product.id:012d}", product_id=product.id,
                        qty=opening_stock, kind="receipt", till_code="Q01",
                    )
                )
    return Catalog(**ids)


def make_services(
    tmp_path: Path, clock: FixedClock | None = None, **settings: object
) -> tuple[Services, FixedClock]:
    clock = clock or FixedClock(MORNING)
    data = tmp_path / "data"
    config = Settings.load(data, env={})
    for key, value in settings.items():
        from pos_app.config import SETTINGS

        config._stored[key] = SETTINGS[key].parse(value)
    config.paths.ensure()
    db = Database(config.paths.database, config.paths.backups)
    from pos_app.app import build_services

    return build_services(config, db, clock), clock


def stock_level(db: Database, product_id: int) -> int:
    with db.reader() as session:
        return int(
            session.scalar(
                select(func.coalesce(func.sum(StockMovement.qty), 0)).where(
                    StockMovement.product_id == product_id
                )
            )
            or 0
        )
