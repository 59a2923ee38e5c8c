"""``ocop-pos-admin transfer send / receive / list``: guarded by ``--as`` like the other
data-changing commands; the audit log names who sent."""

from __future__ import annotations

import io
import os
import sqlite3

import pytest

from pos_app.cli import main
from pos_app.cli.identity import EXIT_WHO
from pos_app.cli.transfer import parse_lines
from tests.services.fixtures import add_catalog
from tests.services.people_fixtures import people_services

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _qt_application(qapp):
    yield qapp


@pytest.fixture
def shop(tmp_path):
    services, _ = people_services(tmp_path)
    add_catalog(services.db, opening_stock=10)
    services.users.create(login="minh", name="Quản lý Minh", role="manager", secret="1357")
    services.users.create(login="lan", name="Thu ngân Lan", role="cashier", secret="1111")
    services.db.close()
    return str(tmp_path / "data"), services.settings.paths.database


def _rows(database, sql):
    connection = sqlite3.connect(database)
    try:
        return list(connection.execute(sql))
    finally:
        connection.close()


def test_send_list_and_refusals(shop, capsys, monkeypatch):
    data, database = shop
    monkeypatch.setattr("sys.stdin", io.StringIO("1111\n"))
    assert main(["transfer", "send", "--to", "HN02", "TEA01=2", "--as", "lan",
                 "--data-dir", data]) == EXIT_WHO
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("1357\n"))
    assert main(["transfer", "send", "--to", "HN02", "TEA01=2", "KEO01=1", "--as", "minh",
                 "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert "-> HN02 3 in_transit" in out
    assert _rows(database, "SELECT kind, qty FROM stock_movements WHERE kind LIKE 'transfer%' "
                           "ORDER BY qty") == [("transfer_out", -2), ("transfer_out", -1)]
    assert ("transfer_send", "Quản lý Minh") in _rows(
        database, "SELECT action, user_name FROM audit_log")
    assert _rows(database, "SELECT kind FROM outbox WHERE kind = 'transfer_sent'") == [
        ("transfer_sent",)]
    monkeypatch.setattr("sys.stdin", io.StringIO("1357\n"))
    assert main(["transfer", "send", "--to", "HN02", "TEA01=99", "--as", "minh",
                 "--data-dir", data]) == 2
    assert "exceeds_stock" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("1357\n"))
    assert main(["transfer", "receive", "NOPE", "--as", "minh", "--data-dir", data]) == 2
    assert "no_such_transfer" in capsys.readouterr().err
    assert main(["transfer", "list", "--data-dir", data]) == 0
    listed = capsys.readouterr().out
    assert "in_transit" in listed and "TEA01" in listed


def test_lines_are_sku_equals_whole_quantity():
    assert parse_lines(["A=1", "B-2=30"]) == {"A": 1, "B-2": 30}
    for bad in (["A"], ["A=x"], ["=3"], ["A=1", "A=2"], ["A=-1"]):
        with pytest.raises(ValueError):
            parse_lines(bad)
