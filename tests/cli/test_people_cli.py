"""``ocop-pos-admin init --admin-…, users, shift, backup, restore`` as IT types them."""

from __future__ import annotations

import io
import os
import sqlite3

import pytest

from pos_app.cli import main
from pos_app.domain.cart import PaymentInput
from tests.services.fixtures import CASHIER, add_catalog
from tests.services.people_fixtures import people_services

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _qt_application(qapp):
    """The CLI words its errors through Qt translation and, run alone, makes a QCoreApplication
    for that; in the test process a QApplication must come first (a QCoreApplication left behind
    would crash the UI tests that follow), so these tests run with pytest-qt's."""
    yield qapp


def sales_in(path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM sales").fetchone()[0])
    finally:
        connection.close()


def test_init_creates_the_first_admin_who_can_log_in(tmp_path, capsys):
    data = str(tmp_path / "data")
    assert main(["init", "--data-dir", data, "--admin-name", "Quản trị Hà",
                 "--admin-pin", "2468"]) == 0
    assert "admin created: Quản trị Hà (login quan.tri.ha)" in capsys.readouterr().out
    services, _ = people_services(tmp_path)
    try:
        assert services.users.login("quan.tri.ha", "2468").role == "admin"
    finally:
        services.db.close()


def test_init_refuses_a_bad_admin_pin(tmp_path, capsys):
    data = str(tmp_path / "data")
    assert main(["init", "--data-dir", data, "--admin-name", "Hà", "--admin-pin", "12"]) == 1
    assert "4" in capsys.readouterr().err
    assert main(["users", "list", "--data-dir", data]) == 0
    assert capsys.readouterr().out == ""


def test_users_add_disable_enable_list(tmp_path, capsys, monkeypatch):
    data = str(tmp_path / "data")
    me = ["--as", "ha", "--data-dir", data]

    def pin(text: str = "2468\n") -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(text))

    pin("2468\n")  # no users yet: open; the new PIN is the first line of stdin
    assert main(["users", "add", "ha", "--name", "Quản trị Hà", "--role", "admin",
                 "--data-dir", data]) == 0
    pin("2468\n1111\n")  # the admin's own PIN, then the new user's
    assert main(["users", "add", "lan", "--name", "Thu ngân Lan", "--role", "cashier",
                 *me]) == 0
    pin()
    assert main(["users", "disable", "lan", *me]) == 0
    assert main(["users", "list", "--data-dir", data]) == 0  # read-only: open
    out = capsys.readouterr().out
    assert "lan" in out and "disabled" in out and "Thu ngân Lan" in out
    pin()
    assert main(["users", "enable", "lan", *me]) == 0
    pin("2468\n2222\n")
    assert main(["users", "add", "lan", "--name", "X", "--role", "cashier", *me]) == 1
    assert capsys.readouterr().err.strip()


def test_shift_x_and_z(tmp_path, capsys):
    services, _ = people_services(tmp_path)
    catalog = add_catalog(services.db, opening_stock=10)
    services.shifts.open(CASHIER, 500_000)
    cart = services.checkout.open_cart()
    services.checkout.add_product(cart, catalog.tea)
    services.checkout.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER)
    services.db.close()
    data = str(tmp_path / "data")
    assert main(["shift", "x", "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert "cash expected" in out and "620.000" in out
    assert main(["shift", "z", "--data-dir", data]) == 1  # none yet
    services, _ = people_services(tmp_path)
    services.shifts.close(CASHIER, {500_000: 1, 100_000: 1, 20_000: 1})
    services.db.close()
    assert main(["shift", "z", "Z-0001", "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert "Z-0001" in out and "over / short" in out


def test_backup_and_restore_drill(tmp_path, capsys):
    services, _ = people_services(tmp_path)
    catalog = add_catalog(services.db, opening_stock=10)
    cart = services.checkout.open_cart()
    services.checkout.add_product(cart, catalog.tea)
    services.checkout.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER)
    database = services.settings.paths.database
    services.db.close()
    data = str(tmp_path / "data")
    stick = tmp_path / "usb"
    assert main(["backup", str(stick), "--data-dir", data]) == 0
    assert "integrity ok" in capsys.readouterr().out
    (backup,) = stick.glob("pos-*.sqlite3")
    # wipe, then restore
    for suffix in ("", "-wal", "-shm"):
        path = database.with_name(database.name + suffix)
        if path.exists():
            path.unlink()
    assert main(["restore", str(backup), "--yes", "--data-dir", data]) == 0
    assert sales_in(database) == 1
    # a truncated copy is refused and nothing changes
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(backup.read_bytes()[:8192])
    before = database.read_bytes()
    assert main(["restore", str(cut), "--yes", "--data-dir", data]) == 1
    assert capsys.readouterr().err.strip()
    assert database.read_bytes() == before
    # and the restored database sells again
    services, _ = people_services(tmp_path)
    try:
        cart = services.checkout.open_cart()
        services.checkout.add_product(cart, catalog.candy)
        services.checkout.complete_sale(cart, [PaymentInput("cash", cart.total)],
                                        cashier=CASHIER)
        assert services.checkout.last_sale().receipt_no.endswith("0002")
    finally:
        services.db.close()
