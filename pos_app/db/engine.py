"""SQLite engine for the sales database.

WAL + ``synchronous=FULL``: a sale the cashier saw as paid survives a power cut. Writes begin with
``BEGIN IMMEDIATE`` so a transaction that reads then writes waits for the lock (busy_timeout)
instead of failing at once with "database is locked".
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from pos_app.config import private_dir, private_file

BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own BEGIN is deferred).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        # Defence in depth for a file that did not come from this app (a planted backup, a
        # copied database): functions with side effects may not run from its triggers or views
        cursor.execute("PRAGMA trusted_schema = OFF")
    finally:
        cursor.close()


def _begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_deferred(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path | str, *, writer: bool = True, echo: bool = False) -> Engine:
    """An engine on the SQLite file at ``path`` with the pragmas the POS relies on.

    The writer engine starts every transaction with BEGIN IMMEDIATE and holds one connection
    (one writer, as SQLite prefers). Reader engines begin deferred: in WAL mode they read a
    consistent snapshot without blocking the writer.
    """
    options: dict[str, Any] = {"pool_size": 1, "max_overflow": 0} if writer else {}
    engine = create_engine(f"sqlite:///{Path(path)}", echo=echo, **options)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin_immediate if writer else _begin_deferred)
    return engine


def integrity_check(path: Path | str) -> str:
    """SQLite's own integrity check: "ok" or the first problem it reports."""
    connection = sqlite3.connect(str(path))
    try:
        row = connection.execute("PRAGMA integrity_check").fetchone()
        return str(row[0]) if row else "no answer"
    finally:
        connection.close()


def backup_file(source: Path, destination: Path) -> Path:
    """Online copy with SQLite's backup API (consistent even while the POS is writing)."""
    private_dir(destination.parent)
    private_file(destination, create=True)
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(destination))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return destination
