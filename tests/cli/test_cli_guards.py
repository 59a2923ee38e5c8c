"""Issue 13: every data-changing admin command asks who you are — ``receive``,
``import-catalog`` (not ``--dry-run``), ``enroll`` — and a new user's PIN is never an argument
(it comes from a prompt or standard input, after the person's own PIN)."""

from __future__ import annotations

import io
import os
import sqlite3
from pathlib import Path

import pytest

from pos_app.cli import build_parser, main
from pos_app.cli.identity import EXIT_WHO
from tests.services.fixtures import add_catalog
from tests.services.people_fixtures import people_services

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PRODUCTS_CSV = (
    "sku,barcode,name_vi,producer_code,group,stars,unit,price,vat_rate\n"
    "NEW01,,Chè Thái Nguyên,NSX01,beverages,4,hộp,150000,8\n"
)


@pytest.fixture(autouse=True)
def _qt_application(qapp):
    yield qapp


@pytest.fixture
def shop(tmp_path):
    services, _ = people_services(tmp_path)
    add_catalog(services.db, opening_stock=10)
    services.users.create(login="ha", name="Quản trị Hà", role="admin", secret="2468")
    services.users.create(login="minh", name="Quản lý Minh", role="manager", secret="1357")
    services.users.create(login="lan", name="Thu ngân Lan", role="cashier", secret="1111")
    services.db.close()
    return str(tmp_path / "data"), services.settings.paths.database


def stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def count(database: Path, sql: str) -> int:
    connection = sqlite3.connect(database)
    try:
        return int(connection.execute(sql).fetchone()[0])
    finally:
        connection.close()


def test_receive_needs_a_manager_and_the_receipt_names_them(shop, monkeypatch, capsys):
    data, database = shop
    receive = ["receive", "--producer", "NSX01", "--doc", "PN-1", "TEA01:5", "--data-dir", data]
    stdin(monkeypatch, "")
    assert main(receive) == EXIT_WHO
    stdin(monkeypatch, "1111\n")  # a cashier may not
    assert main([*receive, "--as", "lan"]) == EXIT_WHO
    assert count(database, "SELECT count(*) FROM goods_receipts") == 0
    stdin(monkeypatch, "1357\n")
    assert main([*receive, "--as", "minh"]) == 0
    assert count(database, "SELECT count(*) FROM goods_receipts "
                           "WHERE user_name = 'Quản lý Minh'") == 1


def test_import_catalog_needs_a_manager_but_a_dry_run_is_open(shop, tmp_path, monkeypatch):
    data, database = shop
    products = tmp_path / "products.csv"
    products.write_text(PRODUCTS_CSV, encoding="utf-8")
    stdin(monkeypatch, "")
    assert main(["import-catalog", "--dry-run", str(products), "--data-dir", data]) == 0
    assert main(["import-catalog", str(products), "--data-dir", data]) == EXIT_WHO
    assert count(database, "SELECT count(*) FROM products WHERE sku = 'NEW01'") == 0
    stdin(monkeypatch, "1357\n")
    assert main(["import-catalog", str(products), "--as", "minh", "--data-dir", data]) == 0
    assert count(database, "SELECT count(*) FROM products WHERE sku = 'NEW01'") == 1


def test_enroll_needs_an_admin(shop, monkeypatch):
    data, _ = shop
    enroll = ["enroll", "--registry", "http://127.0.0.1:9", "--token", "t", "--data-dir", data]
    stdin(monkeypatch, "1357\n")  # a manager may not connect the till to the registry
    assert main([*enroll, "--as", "minh"]) == EXIT_WHO
    stdin(monkeypatch, "2468\n")  # an admin gets as far as the (absent) registry
    assert main([*enroll, "--as", "ha"]) == 1


def test_a_new_pin_is_never_an_argument_but_the_next_stdin_line(shop, monkeypatch):
    data, database = shop
    parser = build_parser()
    for argv in (["users", "add", "x", "--name", "X", "--role", "cashier", "--pin", "9999"],
                 ["users", "set-pin", "lan", "--pin", "9999"]):
        with pytest.raises(SystemExit):
            parser.parse_args(argv)
    stdin(monkeypatch, "2468\n8642\n")  # the admin's own PIN, then the new one
    assert main(["users", "add", "tu", "--name", "Thu ngân Tú", "--role", "cashier",
                 "--as", "ha", "--data-dir", data]) == 0
    stdin(monkeypatch, "2468\n")
    assert main(["users", "disable", "lan", "--as", "ha", "--data-dir", data]) == 0
    stdin(monkeypatch, "8642\n")  # Tú logs in with the PIN from stdin: a cashier is refused
    assert main(["users", "enable", "lan", "--as", "tu", "--data-dir", data]) == EXIT_WHO
    assert count(database, "SELECT count(*) FROM audit_log WHERE action = 'login' "
                           "AND user_name = 'Thu ngân Tú'") == 1


def test_a_bad_receive_line_says_which_and_changes_nothing(shop, monkeypatch, capsys):
    from pos_app.ui.messages.maintenance import receive_line_error
    from pos_app.ui.messages.stock import stock_error

    data, database = shop
    for line in ("TEA01", "TEA01:ba", "TEA01:1:2:3", ":4", "NOPE:2"):
        stdin(monkeypatch, "1357\n")
        assert main(["receive", "--producer", "NSX01", "KEO01:2", line, "--as", "minh",
                     "--data-dir", data]) == 2
        err = capsys.readouterr().err
        assert receive_line_error(line) in err or stock_error("no_such_product") in err, err
        assert line.strip(":").split(":")[0] in err
    assert count(database, "SELECT count(*) FROM goods_receipts") == 0
    assert count(database, "SELECT count(*) FROM outbox WHERE kind = 'stock_movement'") == 0


def test_init_adds_no_admin_to_a_till_with_users_unless_an_admin_asks(shop, monkeypatch):
    data, database = shop
    admins = "SELECT count(*) FROM users WHERE role = 'admin'"
    stdin(monkeypatch, "9753\n")
    assert main(["init", "--admin-name", "Kẻ Lạ", "--data-dir", data]) == EXIT_WHO
    assert count(database, admins) == 1
    stdin(monkeypatch, "2468\n9753\n")  # the admin's own PIN, then the new admin's
    assert main(["init", "--admin-name", "Quản trị Mai", "--as", "ha", "--data-dir", data]) == 0
    assert count(database, admins) == 2


def test_the_first_admins_pin_can_come_from_stdin(tmp_path, monkeypatch, capsys):
    data = str(tmp_path / "fresh")
    stdin(monkeypatch, "2468\n")
    assert main(["init", "--admin-name", "Quản trị Hà", "--data-dir", data]) == 0
    assert "admin created" in capsys.readouterr().out
