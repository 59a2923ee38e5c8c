"""Backups (online, generations kept) and restore (checked before and after, refuses strangers)."""

from __future__ import annotations

import os
import sqlite3

import pytest
from sqlalchemy import text

from pos_app.db.database import Database
from pos_app.db.engine import integrity_check
from pos_app.db.migrate import head_revision
from pos_app.domain.cart import PaymentInput
from pos_app.services.maintenance.backup import (
    BackupError,
    app_lock,
    check_backup_file,
    restore,
    running_pid,
)
from tests.services.fixtures import CASHIER, add_catalog
from tests.services.people_fixtures import people_services


@pytest.fixture
def env(tmp_path):
    services, clock = people_services(tmp_path, backup_keep=3)
    catalog = add_catalog(services.db, opening_stock=50)
    yield services, clock, catalog
    services.db.close()


def sell(services, product_id):
    co = services.checkout
    cart = co.open_cart()
    co.add_product(cart, product_id)
    co.save_cart(cart)
    return co.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER)


def sale_count(path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM sales").fetchone()[0])
    finally:
        connection.close()


def test_backup_is_a_whole_checked_copy_and_generations_are_pruned(env):
    services, clock, catalog = env
    sell(services, catalog.tea)
    made = []
    for _ in range(5):
        made.append(services.backup.backup())
        clock.advance(minutes=1)
    kept = [b.path for b in services.backup.backups()]
    assert kept == list(reversed(made[-3:]))
    for path in kept:
        assert integrity_check(path) == "ok"
        assert sale_count(path) == 1
        check_backup_file(path)


def test_backup_to_another_folder_like_a_usb_stick(env, tmp_path):
    services, _, _ = env
    stick = tmp_path / "usb"
    path = services.backup.backup(stick)
    assert path.parent == stick and path.name.startswith("pos-")
    assert services.backup.backups() == []  # the data folder's generations are untouched


def test_backup_dir_setting(tmp_path):
    services, _ = people_services(tmp_path, backup_dir=str(tmp_path / "elsewhere"))
    try:
        path = services.backup.backup(reason="daily")
        assert path.parent == tmp_path / "elsewhere"
    finally:
        services.db.close()


def test_daily_backup_once_per_hanoi_day(env):
    services, clock, _ = env
    assert services.backup.daily_if_needed() is not None
    clock.advance(hours=2)
    assert services.backup.daily_if_needed() is None
    clock.advance(hours=24)
    assert services.backup.daily_if_needed() is not None


def test_restore_drill_backup_wipe_restore_sell(env):
    services, _, catalog = env
    first = sell(services, catalog.tea)
    backup = services.backup.backup()
    sell(services, catalog.silk)  # after the backup: lost by the restore, as it should be
    settings = services.settings
    services.db.close()
    os.remove(settings.paths.database)
    for extra in ("-wal", "-shm"):
        if os.path.exists(str(settings.paths.database) + extra):
            os.remove(str(settings.paths.database) + extra)

    result = restore(backup, settings)
    assert result.revision and result.safety_copy is None
    assert integrity_check(settings.paths.database) == "ok"

    reopened, _ = people_services(settings.paths.data_dir.parent)
    try:
        assert reopened.checkout.last_sale().receipt_no == first.receipt_no
        again = sell(reopened, catalog.candy)
        assert again.receipt_no.endswith("0002")
    finally:
        reopened.db.close()


def test_restore_keeps_a_safety_copy_of_the_current_database(env):
    services, _, catalog = env
    sell(services, catalog.tea)
    backup = services.backup.backup()
    sell(services, catalog.tea)
    services.db.close()
    result = restore(backup, services.settings)
    assert result.safety_copy is not None and sale_count(result.safety_copy) == 2
    assert sale_count(services.settings.paths.database) == 1


def _refused(services, path, code):
    database = services.settings.paths.database
    before = database.read_bytes()
    with pytest.raises(BackupError) as err:
        restore(path, services.settings)
    assert err.value.code == code
    assert database.read_bytes() == before
    assert not list(services.settings.paths.backups.glob("pre-restore-*"))


def test_restore_refuses_a_truncated_backup(env, tmp_path):
    services, _, catalog = env
    sell(services, catalog.tea)
    good = services.backup.backup()
    cut = tmp_path / "cut.sqlite3"
    data = good.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    services.db.close()
    _refused(services, cut, "truncated")


def test_restore_refuses_a_foreign_sqlite_file(env, tmp_path):
    services, _, _ = env
    foreign = tmp_path / "foreign.sqlite3"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    connection.execute("INSERT INTO notes (text) VALUES ('not a till')")
    connection.commit()
    connection.close()
    services.db.close()
    _refused(services, foreign, "foreign")


def test_restore_refuses_a_file_that_is_not_sqlite_or_missing(env, tmp_path):
    services, _, _ = env
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"PK\x03\x04 this is a zip" * 20)
    services.db.close()
    _refused(services, junk, "not_sqlite")
    _refused(services, tmp_path / "nothing.sqlite3", "not_found")


def test_restore_refuses_a_backup_from_a_newer_app(env, tmp_path):
    services, _, _ = env
    newer = services.backup.backup()
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    services.db.close()
    _refused(services, newer, "too_new")


def test_restore_refuses_while_the_app_runs(env, tmp_path):
    services, _, _ = env
    backup = services.backup.backup()
    data_dir = services.settings.paths.data_dir
    lock = data_dir / "ocop-pos.lock"
    lock.write_text(str(os.getppid()))  # a live process that is not us
    assert running_pid(data_dir) == os.getppid()
    services.db.close()
    _refused(services, backup, "app_running")
    lock.write_text("999999999")  # stale: that process is gone
    assert running_pid(data_dir) is None
    lock.unlink()
    with app_lock(data_dir) as path:
        assert path.exists()
    assert not path.exists()


def test_a_restored_database_opens_with_migrations(env):
    services, _, catalog = env
    sell(services, catalog.tea)
    backup = services.backup.backup()
    services.db.close()
    result = restore(backup, services.settings)
    database = services.settings.paths.database
    assert result.safety_copy is not None and sale_count(result.safety_copy) == 1
    db = Database(database, services.settings.paths.backups)
    try:
        with db.reader() as session:
            assert session.scalar(text("SELECT count(*) FROM sales")) == 1
            assert session.scalar(text("SELECT version_num FROM alembic_version")) \
                == head_revision()
    finally:
        db.close()
    assert integrity_check(database) == "ok"


def test_app_start_holds_the_lock_and_makes_the_daily_backup(tmp_path):
    import contextlib

    from pos_app.app import _daily_backup, _start_of_day, open_context

    data = tmp_path / "shop"
    with open_context(str(data)) as ctx:
        assert ctx.services.backup.backups() == []
        with contextlib.ExitStack() as stack:
            _start_of_day(ctx, stack)
            _daily_backup(ctx)  # run_gui puts it on the io lane once the window is up
            assert len(ctx.services.backup.backups()) == 1  # today's
            assert (data / "ocop-pos.lock").exists()
            with contextlib.ExitStack() as again:
                _start_of_day(ctx, again)  # a second start the same day: no second backup
                _daily_backup(ctx)
                assert len(ctx.services.backup.backups()) == 1
        assert not (data / "ocop-pos.lock").exists()


def test_closing_a_shift_backs_up_as_the_app_wires_it(tmp_path):
    from pos_app.app import open_context

    with open_context(str(tmp_path / "shop")) as ctx:
        ctx.services.shifts.open(CASHIER, 0)
        z = ctx.services.shifts.close(CASHIER, {})
        names = [b.path.name for b in ctx.services.backup.backups()]
    assert len(names) == 1 and names[0].endswith(f"-z{z.number:04d}.sqlite3")
