"""The admin CLI asks who you are (issue 13): guarded commands need an admin's (or, for
shift reports, a manager's) login and PIN — ``--as LOGIN`` with the PIN on stdin or at a
prompt, never on the command line — and the audit log names that person."""

from __future__ import annotations

import io
import os
import sqlite3

import pytest

from pos_app.cli import main
from pos_app.cli.identity import EXIT_WHO
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
    services.users.create(login="ha", name="Quản trị Hà", role="admin", secret="2468")
    services.users.create(login="minh", name="Quản lý Minh", role="manager", secret="1357")
    services.users.create(login="lan", name="Thu ngân Lan", role="cashier", secret="1111")
    backup = services.backup.backup()
    services.db.close()
    return str(tmp_path / "data"), services.settings.paths.database, backup


def stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def audit_rows(database) -> list[tuple[str, str]]:
    connection = sqlite3.connect(database)
    try:
        return [(a, u) for a, u in connection.execute(
            "SELECT action, user_name FROM audit_log ORDER BY seq")]
    finally:
        connection.close()


def test_without_a_login_a_guarded_command_is_refused(shop, capsys, monkeypatch):
    data, database, backup = shop
    stdin(monkeypatch, "")
    before = audit_rows(database)
    assert main(["users", "disable", "lan", "--data-dir", data]) == EXIT_WHO
    assert "--as " in capsys.readouterr().err  # said in the interface language
    assert main(["restore", str(backup), "--yes", "--data-dir", data]) == EXIT_WHO
    assert main(["shift", "x", "--data-dir", data]) == EXIT_WHO
    assert audit_rows(database) == before  # nothing ran, nothing was restored


def test_a_wrong_pin_or_a_cashier_is_refused_and_counted(shop, capsys, monkeypatch):
    data, database, _ = shop
    stdin(monkeypatch, "9999\n")
    assert main(["users", "disable", "lan", "--as", "ha", "--data-dir", data]) == EXIT_WHO
    assert "PIN" in capsys.readouterr().err
    assert ("login_failed", "Quản trị Hà") in audit_rows(database)
    stdin(monkeypatch, "1111\n")
    assert main(["users", "disable", "lan", "--as", "lan", "--data-dir", data]) == EXIT_WHO
    assert capsys.readouterr().err.strip()
    stdin(monkeypatch, "1357\n")  # a manager may not change users
    assert main(["users", "unlock", "lan", "--as", "minh", "--data-dir", data]) == EXIT_WHO


def test_an_admin_with_the_pin_on_stdin_runs_it_and_the_audit_names_them(shop, monkeypatch):
    data, database, backup = shop
    stdin(monkeypatch, "2468\n")
    assert main(["users", "disable", "lan", "--as", "ha", "--data-dir", data]) == 0
    rows = audit_rows(database)
    assert ("login", "Quản trị Hà") in rows and rows[-1][1] == "Quản trị Hà"
    stdin(monkeypatch, "1357\n")  # a manager reads the shift report
    assert main(["shift", "x", "--as", "minh", "--data-dir", data]) in (0, 1)
    stdin(monkeypatch, "2468\n")
    assert main(["restore", str(backup), "--yes", "--as", "ha", "--data-dir", data]) == 0
    assert audit_rows(database)[-1] == ("restore", "Quản trị Hà")


def test_the_pin_is_never_an_argument():
    from pos_app.cli import build_parser

    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["restore", "x", "--as", "ha", "--as-pin", "2468"])
