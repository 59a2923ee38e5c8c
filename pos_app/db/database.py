"""Opening the local database: engine, migrations, sessions."""

from __future__ import annotations

import errno
import functools
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from pos_app import __version__
from pos_app.config import private_dir, private_file
from pos_app.db.engine import make_engine
from pos_app.db.migrate import MigrationResult, upgrade
from pos_app.db.models import AppMeta


class DiskFullError(OSError):
    """The disk holding the database is full: the write was refused and rolled back whole.
    ``code`` is ``"disk_full"`` (services turn it into their own refusal with that code)."""

    code = "disk_full"

    def __init__(self, path: str = "") -> None:
        super().__init__(errno.ENOSPC, "database or disk is full", path)


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` (an sqlite3 error, or SQLAlchemy's wrapper of one) is SQLITE_FULL."""
    if isinstance(exc, DiskFullError):
        return True
    original = getattr(exc, "orig", exc)
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return bool(code & 0xFF == sqlite3.SQLITE_FULL)
    return "database or disk is full" in str(original)


class Database:
    """One SQLite file, migrated to this version's schema on open."""

    def __init__(self, path: Path, backups: Path) -> None:
        self.path = path
        self.backups = backups
        private_dir(path.parent)
        private_file(path, create=True)  # SQLite gives -wal/-shm the database file's mode
        self.engine = make_engine(path)
        self.migration: MigrationResult = upgrade(self.engine, path, backups)
        self.read_engine = make_engine(path, writer=False)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readers = sessionmaker(self.read_engine, expire_on_commit=False)
        with self.reader() as session:  # a start at the same version writes (and fsyncs) nothing
            recorded = get_meta(session, "app_version")
        if recorded != __version__:
            with self.transaction() as session:
                set_meta(session, "app_version", __version__)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction (BEGIN IMMEDIATE): commits on success, rolls back on error.

        A disk that fills up mid-transaction (SQLITE_FULL) raises :class:`DiskFullError`; SQLite
        rolled the transaction back, so nothing of it is written."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except (DBAPIError, sqlite3.Error) as exc:
            if is_disk_full(exc):
                raise DiskFullError(str(self.path)) from exc
            raise

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for reads; WAL lets it run beside the writer."""
        with self._readers() as session:
            yield session

    def close(self) -> None:
        self.read_engine.dispose()
        self.engine.dispose()


def get_meta(session: Session, key: str) -> str | None:
    return session.scalar(select(AppMeta.value).where(AppMeta.key == key))


def set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(AppMeta, key)
    if row is None:
        session.add(AppMeta(key=key, value=value))
    else:
        row.value = value


# -- the schema this app writes ------------------------------------------------------------------

SchemaEntry = tuple[str, str, str, str]
"""One ``sqlite_master`` row: (type, name, tbl_name, sql with whitespace collapsed)."""


def _normal_sql(sql: str | None) -> str:
    return " ".join((sql or "").split())


def schema_of(connection: sqlite3.Connection) -> frozenset[SchemaEntry]:
    """Every table, index, trigger and view in ``sqlite_master`` (SQLite's own bookkeeping
    tables such as ``sqlite_sequence`` / ``sqlite_stat1`` left out)."""
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return frozenset((str(t), str(n), str(tb), _normal_sql(s)) for t, n, tb, s in rows
                     if not (str(n).startswith("sqlite_") and t == "table"))


@functools.lru_cache(maxsize=8)
def expected_schema(revision: str) -> frozenset[SchemaEntry]:
    """What the shipped migrations create at ``revision``, built once in a scratch database.

    Raises ``DatabaseTooNewError`` for a revision this app does not know."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from pos_app.db.migrate import DatabaseTooNewError, alembic_config

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except Exception as exc:  # alembic's own resolution errors
        raise DatabaseTooNewError(revision) from exc
    with tempfile.TemporaryDirectory(prefix="ocop-schema-") as folder:
        path = Path(folder) / "schema.sqlite3"
        engine = make_engine(path)
        try:
            config = alembic_config()
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
        finally:
            engine.dispose()
        scratch = sqlite3.connect(str(path))
        try:
            return schema_of(scratch)
        finally:
            scratch.close()


def schema_differences(connection: sqlite3.Connection, revision: str) -> list[str]:
    """How the schema behind ``connection`` differs from what this app's migrations create at
    ``revision``: ``"extra <type> <name>"`` / ``"missing <type> <name>"`` /
    ``"changed <type> <name>"``, sorted; empty when it is exactly this app's schema."""
    found = {(t, n): (tb, s) for t, n, tb, s in schema_of(connection)}
    wanted = {(t, n): (tb, s) for t, n, tb, s in expected_schema(revision)}
    problems = [f"extra {t} {n}" for (t, n) in found.keys() - wanted.keys()]
    problems += [f"missing {t} {n}" for (t, n) in wanted.keys() - found.keys()]
    problems += [f"changed {t} {n}" for (t, n) in found.keys() & wanted.keys()
                 if found[(t, n)] != wanted[(t, n)]]
    return sorted(problems)
