"""Restore only what this app wrote (issue 13): a backup must carry exactly the schema this
app's migrations create at its revision; crafted files are refused and nothing changes."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from pos_app import config
from pos_app.db.database import expected_schema, schema_differences
from pos_app.db.migrate import HEAD
from pos_app.services.maintenance.backup import BackupError, check_backup_file, restore
from tests.services.fixtures import add_catalog
from tests.services.people_fixtures import people_services
from tests.services.test_backup import sell


@pytest.fixture
def env(tmp_path):
    services, clock = people_services(tmp_path, backup_keep=3)
    catalog = add_catalog(services.db, opening_stock=50)
    sell(services, catalog.tea)
    yield services, catalog
    services.db.close()


def _crafted(services, tmp_path, *statements: str):
    path = tmp_path / "crafted.sqlite3"
    good = services.backup.backup()
    path.write_bytes(good.read_bytes())
    connection = sqlite3.connect(path)
    for sql in statements:
        connection.execute(sql)
    connection.commit()
    connection.close()
    return path


def _refused(services, path, code="foreign"):
    database = services.settings.paths.database
    services.db.close()
    before = database.read_bytes()
    with pytest.raises(BackupError) as err:
        restore(path, services.settings)
    assert err.value.code == code
    assert database.read_bytes() == before
    assert not list(database.parent.glob("*.restore"))
    assert not list(services.settings.paths.backups.glob("pre-restore-*"))
    return err.value


def test_the_live_database_has_exactly_the_migrations_schema(env):
    services, _ = env
    connection = sqlite3.connect(services.settings.paths.database)
    try:
        assert schema_differences(connection, HEAD) == []
    finally:
        connection.close()
    kinds = {entry[0] for entry in expected_schema(HEAD)}
    assert {"table", "index"} <= kinds


def test_an_extra_trigger_is_refused(env, tmp_path):
    services, _ = env
    path = _crafted(services, tmp_path,
                    "CREATE TRIGGER evil AFTER INSERT ON sales BEGIN DELETE FROM sales; END")
    err = _refused(services, path)
    assert "extra trigger evil" in err.info["detail"]


def test_an_extra_view_or_table_is_refused(env, tmp_path):
    services, _ = env
    path = _crafted(services, tmp_path, "CREATE VIEW v AS SELECT 1", "CREATE TABLE spare (x)")
    err = _refused(services, path)
    assert err.info["differences"] == ["extra table spare", "extra view v"]


def test_a_missing_table_or_index_is_refused(env, tmp_path):
    services, _ = env
    path = _crafted(services, tmp_path, "DROP TABLE outbox")
    err = _refused(services, path)
    assert "missing table outbox" in err.info["differences"]


def test_a_changed_table_is_refused(env, tmp_path):
    services, _ = env
    path = _crafted(services, tmp_path, "ALTER TABLE sales ADD COLUMN sneaky TEXT DEFAULT 'x'")
    err = _refused(services, path)
    assert err.info["differences"] == ["changed table sales"]


def test_a_newer_revision_is_refused_as_too_new(env, tmp_path):
    services, _ = env
    path = _crafted(services, tmp_path, "UPDATE alembic_version SET version_num = 'ffff'")
    _refused(services, path, "too_new")


def test_two_alembic_heads_or_no_app_meta_are_foreign(env, tmp_path):
    services, _ = env
    path = _crafted(services, tmp_path, "INSERT INTO alembic_version VALUES ('0001')")
    _refused(services, path)
    services2, _ = people_services(tmp_path / "b")
    try:
        other = _crafted(services2, tmp_path / "b", "DELETE FROM app_meta")
    finally:
        services2.db.close()
    with pytest.raises(BackupError) as err:
        check_backup_file(other)
    assert err.value.code == "foreign"


def test_a_corrupted_page_is_refused(env, tmp_path):
    services, _ = env
    good = services.backup.backup()
    data = bytearray(good.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for i in range(page * 2, page * 4):  # scribble over pages 3-4, keeping the size
        data[i] = 0xA5
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(bytes(data))
    _refused(services, bad, "corrupt")


def test_checking_leaves_the_users_file_untouched(env, tmp_path):
    services, _ = env
    good = services.backup.backup()
    before = good.read_bytes()
    assert check_backup_file(good) == HEAD
    assert good.read_bytes() == before
    assert sorted(p.name for p in good.parent.iterdir() if p.name.startswith(good.name)) \
        == [good.name]  # no -wal / -shm left beside it


def test_restore_swaps_in_one_rename_and_drops_the_old_wal(env):
    services, catalog = env
    backup = services.backup.backup()
    sell(services, catalog.tea)  # in the WAL of the current database
    services.db.close()
    database = services.settings.paths.database
    result = restore(backup, services.settings)
    assert not os.path.exists(f"{database}-wal") or os.path.getsize(f"{database}-wal") == 0
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("SELECT count(*) FROM sales").fetchone()[0] == 1
    finally:
        connection.close()
    safety = sqlite3.connect(result.safety_copy)
    try:
        assert safety.execute("SELECT count(*) FROM sales").fetchone()[0] == 2
    finally:
        safety.close()


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_database_backups_settings_and_logs_are_private(env):
    services, _ = env
    import logging

    from pos_app.logging_setup import setup_logging

    paths = services.settings.paths
    backup = services.backup.backup()
    services.settings.set(config.LANGUAGE, "en")
    log_path = setup_logging(paths)
    logging.getLogger("test").warning("hello")
    for handler in logging.getLogger().handlers:
        handler.flush()
    for folder in (paths.data_dir, paths.backups, paths.logs):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for file in (paths.database, backup, paths.settings_file, log_path):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    wal = paths.database.with_name(paths.database.name + "-wal")
    if wal.exists():
        assert stat.S_IMODE(wal.stat().st_mode) == 0o600


def test_self_check_compares_the_schema_the_same_way(env):
    from pos_app.services.maintenance.diagnostics import self_check

    services, _ = env
    services.db.close()
    results = {r.name: r for r in self_check(services.settings)}
    assert results["schema"].ok
    connection = sqlite3.connect(services.settings.paths.database)
    connection.execute("CREATE TRIGGER evil AFTER INSERT ON sales BEGIN SELECT 1; END")
    connection.commit()
    connection.close()
    results = {r.name: r for r in self_check(services.settings)}
    assert results["schema"].code == "schema_mismatch" and results["schema"].fatal
    assert "extra trigger evil" in results["schema"].detail
