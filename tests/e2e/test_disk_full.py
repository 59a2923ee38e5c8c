"""A full disk (issue 13): checkout refuses with ``CheckoutError("disk_full")``, the cart stays,
nothing of the sale is written; once space is freed, the same sale goes through.

Two ways to fill the disk: a real size-limited tmpfs (needs root to mount; this is the form that
runs on the project's machines), and SQLite's ``PRAGMA max_page_count`` on an ordinary file
(runs everywhere, the same SQLITE_FULL path inside SQLite).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from pos_app.db.database import DiskFullError
from pos_app.db.engine import integrity_check
from pos_app.db.models import Cart as CartRow
from pos_app.domain.cart import PaymentInput
from pos_app.services.audit import verify
from pos_app.services.sales.checkout import CheckoutError
from tests.services.fixtures import CASHIER, add_catalog, make_services

TMPFS_SIZE = "3m"


@contextlib.contextmanager
def tmpfs(where: Path) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    if os.name == "nt" or not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (the max_page_count form still runs)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE},mode=0700",
                           "tmpfs", str(where)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(folder: Path) -> Path:
    """Write a filler file until the file system says ENOSPC; returns it."""
    filler = folder / f"filler-{uuid.uuid4().hex}"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for chunk in (1 << 16, 1 << 12, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * chunk)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def cart_ids(db) -> set[str]:
    with db.reader() as session:
        return set(session.scalars(select(CartRow.id)))


def raw_counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return {t: int(connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in ("sales", "sale_lines", "sale_payments", "stock_movements", "outbox",
                          "audit_log")}
    finally:
        connection.close()


def exercise(services, catalog, make_full, make_room) -> None:
    co = services.checkout
    carts = []
    for _ in range(40):  # carts saved while there is room (the cashier scanned them)
        cart = co.open_cart()
        co.add_product(cart, catalog.tea, qty=2)
        co.add_product(cart, catalog.candy)
        co.save_cart(cart)
        carts.append(cart)
    start = raw_counts(services.settings.paths.database)
    make_full()
    done = 0
    refused = None
    for cart in carts:
        kept = cart_ids(services.db)
        try:
            co.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER)
        except CheckoutError as exc:
            assert exc.code == "disk_full"
            assert isinstance(exc.__cause__, DiskFullError)
            refused = cart
            break
        done += 1
    assert refused is not None, "the disk never filled up"
    before = raw_counts(services.settings.paths.database)
    grown = {table: before[table] - start[table] for table in before}
    assert grown["sales"] == grown["outbox"] == done  # each sale whole, the refused one absent
    assert grown["sale_lines"] == grown["stock_movements"] == 2 * done
    assert grown["sale_payments"] == done
    assert cart_ids(services.db) == kept  # the saved cart rows are as they were: the cart stays
    assert integrity_check(services.settings.paths.database) == "ok"
    assert verify(services.db).ok
    make_room()
    sale = co.complete_sale(refused, [PaymentInput("cash", refused.total)], cashier=CASHIER)
    assert sale.receipt_no.endswith(f"{done + 1:04d}")
    after = raw_counts(services.settings.paths.database)
    assert after["sales"] == done + 1 and after["outbox"] == before["outbox"] + 1
    assert integrity_check(services.settings.paths.database) == "ok"


def test_disk_full_on_a_real_small_tmpfs(tmp_path):
    with tmpfs(tmp_path / "small") as disk:
        services, _ = make_services(disk)
        try:
            catalog = add_catalog(services.db, opening_stock=500)
            fillers: list[Path] = []
            exercise(services, catalog, lambda: fillers.append(fill(disk)),
                     lambda: fillers.pop().unlink())
        finally:
            services.db.close()


def test_disk_full_by_max_page_count(tmp_path):
    services, _ = make_services(tmp_path)
    try:
        catalog = add_catalog(services.db, opening_stock=500)

        def limit(pages: str) -> None:
            # the writer engine holds one connection: the pragma stays on it
            with services.db.engine.connect() as connection:
                connection.exec_driver_sql(f"PRAGMA max_page_count = {pages}")

        def full() -> None:
            with services.db.engine.connect() as connection:
                count = connection.exec_driver_sql("PRAGMA page_count").scalar()
            limit(str(count))

        exercise(services, catalog, full, lambda: limit("1073741823"))
    finally:
        services.db.close()
