"""The hash-chained audit log, tampered with by hand in the SQLite file."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from pos_app.db.models import AuditEntry
from pos_app.services.audit import GENESIS, AuditLog, VerifyResult, entry_hash, verify
from tests.services.fixtures import make_services


@pytest.fixture
def logged(tmp_path):
    services, clock = make_services(tmp_path)
    audit = AuditLog(clock)
    for n in range(1, 6):
        with services.db.transaction() as session:
            audit.append(session, action="sale", user="Lan", target=f"sale-{n}",
                         detail={"total": n * 1_000, "note": "Bánh đậu"})
        clock.advance(seconds=30)
    yield services.db
    services.db.close()


def sql(db, *statements, params=()):
    con = sqlite3.connect(str(db.path))
    try:
        for statement in statements:
            con.execute(statement, params)
        con.commit()
    finally:
        con.close()


def row(db, seq):
    con = sqlite3.connect(str(db.path))
    try:
        return con.execute(
            "SELECT id, at, user_name, approved_by, action, target, detail, prev_hash, hash "
            "FROM audit_log WHERE seq = ?", (seq,)).fetchone()
    finally:
        con.close()


def forged(prev_hash: str, target: str) -> tuple:
    """An entry someone with the source code could make: a valid hash over its own fields."""
    entry = AuditEntry(id="01a20000-0000-7000-8000-000000000000",
                       at=dt.datetime(2026, 11, 23, 3, 1), user_name="X", approved_by="",
                       action="sale", target=target, detail="{}", prev_hash=prev_hash)
    entry.hash = entry_hash(entry)
    return (entry.id, "2026-11-23 03:01:00.000000", entry.user_name, entry.approved_by,
            entry.action, entry.target, entry.detail, entry.prev_hash, entry.hash)


INSERT = ("INSERT INTO audit_log (seq, id, at, user_name, approved_by, action, target, detail, "
          "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def test_clean_chain_verifies(logged):
    result = verify(logged)
    assert result.ok and result.entries == 5 and result.first_bad_seq is None
    assert row(logged, 1)[7] == GENESIS
    assert row(logged, 2)[7] == row(logged, 1)[8]


def test_empty_log_verifies(tmp_path):
    services, _ = make_services(tmp_path)
    assert verify(services.db).ok
    services.db.close()


def test_edited_detail_is_found(logged):
    sql(logged, "UPDATE audit_log SET detail = '{\"total\":1}' WHERE seq = 3")
    assert verify(logged) == VerifyResult(False, 5, 3, "edited")


def test_edited_user_is_found(logged):
    sql(logged, "UPDATE audit_log SET user_name = 'Hùng' WHERE seq = 4")
    result = verify(logged)
    assert (result.ok, result.first_bad_seq, result.problem) == (False, 4, "edited")


def test_deleted_middle_entry_is_found(logged):
    sql(logged, "DELETE FROM audit_log WHERE seq = 3")
    result = verify(logged)
    assert (result.ok, result.first_bad_seq, result.problem) == (False, 3, "deleted")


def test_deleted_and_renumbered_entry_is_found(logged):
    sql(logged, "DELETE FROM audit_log WHERE seq = 3",
        "UPDATE audit_log SET seq = seq + 1000 WHERE seq > 3",
        "UPDATE audit_log SET seq = seq - 1001 WHERE seq > 1000")
    result = verify(logged)
    assert (result.ok, result.first_bad_seq, result.problem) == (False, 3, "deleted")


def test_deleted_last_entry_is_found(logged):
    sql(logged, "DELETE FROM audit_log WHERE seq = 5")
    result = verify(logged)
    assert (result.ok, result.first_bad_seq, result.problem) == (False, 5, "deleted")


def test_inserted_entry_in_the_middle_is_found(logged):
    sql(logged, "UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 3",
        "UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000")
    sql(logged, INSERT, params=(3, *forged(row(logged, 2)[8], "fake")))
    result = verify(logged)
    assert (result.ok, result.first_bad_seq, result.problem) == (False, 3, "inserted")


def test_inserted_entry_at_the_end_is_found(logged):
    sql(logged, INSERT, params=(6, *forged(row(logged, 5)[8], "fake")))
    result = verify(logged)
    assert (result.ok, result.first_bad_seq, result.problem) == (False, 6, "inserted")


def test_clumsy_insert_at_the_end_is_found(logged):
    sql(logged, INSERT, params=(6, "x", "2026-11-23 03:01:00.000000", "X", "", "void", "",
                                "{}", "0" * 64, "f" * 64))
    result = verify(logged)
    assert (result.ok, result.first_bad_seq, result.problem) == (False, 6, "inserted")


def test_rehashed_edit_of_the_last_entry_is_found(logged):
    entry = forged(row(logged, 4)[8], "changed")
    sql(logged, "UPDATE audit_log SET id=?, at=?, user_name=?, approved_by=?, action=?, "
        "target=?, detail=?, prev_hash=?, hash=? WHERE seq = 5", params=entry)
    result = verify(logged)
    assert (result.ok, result.first_bad_seq, result.problem) == (False, 5, "edited")


def test_chain_continues_across_reopen(tmp_path):
    services, clock = make_services(tmp_path)
    with services.db.transaction() as session:
        AuditLog(clock).append(session, action="login", user="Lan")
    services.db.close()
    again, clock = make_services(tmp_path)
    with again.db.transaction() as session:
        second = AuditLog(clock).append(session, action="logout", user="Lan", detail={"a": 1})
    assert second.seq == 2
    assert verify(again.db).ok
    again.db.close()
