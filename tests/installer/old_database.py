"""A database as an older app version left it: the migration chain stopped at a revision, with
catalog rows in it. Built with Alembic itself, like the older app would have."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from pos_app.db.engine import make_engine
from pos_app.db.migrate import alembic_config

PRODUCERS = [
    (1, "HTXBT", "HTX Gốm Bát Tràng", "cooperative", "Bát Tràng", "Gia Lâm", "0241234567"),
    (2, "HKDVP", "Hộ kinh doanh Lụa Vạn Phúc", "household", "Vạn Phúc", "Hà Đông", ""),
]
PRODUCTS = [
    (1, "GOM01", "Bình gốm men lam", "Blue glazed vase", 1, "handicrafts", 5, "OCOP-HN-0001",
     "cái", 1_250_000, 10, "binh gom men lam"),
    (2, "LUA01", "Khăn lụa tơ tằm", "Silk scarf", 2, "textiles", 4, "OCOP-HN-0002", "cái",
     450_000, 10, "khan lua to tam"),
]


def build_old_database(path: Path, revision: str = "0001") -> None:
    """Migrate a new file at ``path`` up to ``revision`` only, then add two producers and two
    products the way the older app stored them."""
    engine = make_engine(path)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO producers (id, code, name, kind, commune, district, phone, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, '2026-01-01 00:00:00')", PRODUCERS)
        db.executemany(
            "INSERT INTO products (id, sku, name_vi, name_en, producer_id, product_group, stars, "
            "certificate_no, cert_status, unit, price, vat_rate, story, trace_url, search_text, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, '', '', ?, "
            "'2026-01-01 00:00:00')", PRODUCTS)
        db.execute("INSERT INTO barcodes (code, product_id) VALUES ('8930000000040', 1)")
    db.close()


def stamp_unknown_revision(path: Path, revision: str = "9999_from_the_future") -> None:
    """Pretend a newer app migrated this database to a revision this app does not ship."""
    db = sqlite3.connect(path)
    with db:
        db.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    db.close()


def revision_of(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return str(db.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        db.close()
