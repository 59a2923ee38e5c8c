"""Opening the local database: engine, migrations, sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_app import __version__
from pos_app.db.engine import make_engine
from pos_app.db.migrate import MigrationResult, upgrade
from pos_app.db.models import AppMeta


class Database:
    """One SQLite file, migrated to this version's schema on open."""

    def __init__(self, path: Path, backups: Path) -> None:
        self.path = path
        self.backups = backups
        path.parent.mkdir(parents=True, exist_ok=True)
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
        """A write transaction (BEGIN IMMEDIATE): commits on success, rolls back on error."""
        with self._sessions() as session, session.begin():
            yield session

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
