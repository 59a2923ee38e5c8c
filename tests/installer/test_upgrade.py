"""Upgrading keeps every sale: an older database is backed up, then migrated with its data;
a database from a newer app is refused, unchanged, with a message the user can act on."""

from __future__ import annotations

import sqlite3

import pytest

from pos_app.cli import main as admin
from pos_app.db.database import Database
from pos_app.db.migrate import DatabaseTooNewError, head_revision
from tests.installer.old_database import (
    PRODUCTS,
    build_old_database,
    revision_of,
    stamp_unknown_revision,
)


def _rows(path, sql):
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_opening_an_older_database_backs_it_up_then_upgrades_with_data_kept(tmp_path):
    path = tmp_path / "pos.sqlite3"
    build_old_database(path, "0001")
    assert revision_of(path) == "0001"

    db = Database(path, tmp_path / "backups")
    try:
        assert db.migration.from_revision == "0001"
        assert db.migration.to_revision == head_revision()
        backup = db.migration.backup
    finally:
        db.close()

    # the backup is the database as it was before the upgrade
    assert backup is not None and backup.is_file()
    assert backup.parent == tmp_path / "backups"
    assert "0001" in backup.name
    assert revision_of(backup) == "0001"
    assert len(_rows(backup, "SELECT id FROM products")) == len(PRODUCTS)

    # the upgraded database has every row and the newest schema
    assert revision_of(path) == head_revision()
    skus = [r[0] for r in _rows(path, "SELECT sku FROM products ORDER BY id")]
    assert skus == ["GOM01", "LUA01"]
    assert _rows(path, "SELECT price FROM products WHERE sku = 'GOM01'") == [(1_250_000,)]
    assert _rows(path, "SELECT code, product_id FROM barcodes") == [("8930000000040", 1)]
    tables = {r[0] for r in _rows(path, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"sales", "sale_lines", "stock_movements", "outbox"} <= tables
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)]


def test_a_database_at_head_is_not_backed_up_again(tmp_path):
    path = tmp_path / "pos.sqlite3"
    Database(path, tmp_path / "backups").close()
    db = Database(path, tmp_path / "backups")
    db.close()
    assert db.migration.backup is None
    assert not list((tmp_path / "backups").glob("*"))


def test_a_database_from_a_newer_app_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "pos.sqlite3"
    build_old_database(path, "0001")
    stamp_unknown_revision(path)
    before = path.read_bytes()

    with pytest.raises(DatabaseTooNewError) as refused:
        Database(path, tmp_path / "backups")
    assert refused.value.revision == "9999_from_the_future"
    assert path.read_bytes() == before
    assert revision_of(path) == "9999_from_the_future"


def test_admin_init_refuses_a_newer_database_with_a_clear_message(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    path = data / "pos.sqlite3"
    build_old_database(path, "0001")
    stamp_unknown_revision(path)
    (data / "settings.json").write_text('{"language": "en"}', encoding="utf-8")

    code = admin(["init", "--data-dir", str(data)])

    assert code == 3
    err = capsys.readouterr().err
    assert "newer version of OCOP POS" in err
    assert "9999_from_the_future" in err
    assert revision_of(path) == "9999_from_the_future"
    assert len(_rows(path, "SELECT id FROM products")) == len(PRODUCTS)


def test_the_refusal_speaks_vietnamese_when_the_interface_does(tmp_path, capsys):
    from pos_app.ui.i18n import qm_path

    if not qm_path("vi").is_file():
        pytest.skip("no compiled Vietnamese translation in this checkout yet")
    data = tmp_path / "data"
    data.mkdir()
    build_old_database(data / "pos.sqlite3", "0001")
    stamp_unknown_revision(data / "pos.sqlite3")
    (data / "settings.json").write_text('{"language": "vi"}', encoding="utf-8")
    try:
        code = admin(["init", "--data-dir", str(data)])
    finally:
        _back_to_english()
    assert code == 3
    err = capsys.readouterr().err
    assert "9999_from_the_future" in err
    if "newer version of OCOP POS" in err:
        pytest.skip("the Vietnamese translation does not cover this message yet")


def _back_to_english():
    from PySide6.QtCore import QCoreApplication

    from pos_app.ui.i18n import install_translator

    app = QCoreApplication.instance()
    if app is not None:
        install_translator(app, "en")


def test_head_constant_is_the_newest_shipped_migration():
    """``migrate.HEAD`` lets a database at head open without importing alembic: it must name
    the head the migration scripts declare (add a migration → bump HEAD)."""
    from pos_app.db.migrate import HEAD

    assert head_revision() == HEAD


def test_opening_a_database_at_head_does_not_import_alembic(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "pos.sqlite3"
    Database(path, tmp_path / "backups").close()  # created and migrated here
    code = (
        "import sys; from pathlib import Path; from pos_app.db.database import Database; "
        f"db = Database(Path({str(path)!r}), Path({str(tmp_path / 'backups')!r})); "
        "db.close(); print('alembic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
