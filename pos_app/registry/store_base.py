"""The registry store's groundwork: errors, the engine, cursors, sessions and counters.

The parts of :class:`~pos_app.registry.store.RegistryStore` (``store_*.py``) build on
:class:`StoreBase`; import the store itself from ``pos_app.registry.store``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event, update
from sqlalchemy.orm import Session, sessionmaker

from pos_app.domain.errors import CodedError
from pos_app.registry.models import (
    Counter,
)

CATALOG_REV = "catalog_rev"
STOCK_SEQ = "stock_seq"
TRANSFER_SEQ = "transfer_seq"


class RegistryError(CodedError):
    """A refused admin or protocol request; ``code`` says why, ``detail`` says more."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def engine_for(url: str) -> Engine:
    """SQLite (``sqlite:///file``) or PostgreSQL (``postgresql://…``, driven by psycopg 3)."""
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, pool_pre_ping=True
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


# --- cursors ------------------------------------------------------------------------------------


def encode_cursor(kind: str, value: int) -> str:
    raw = json.dumps({"v": 1, "k": kind, "n": value}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


MAX_CURSOR = 2**62
"""Largest position a cursor may name (a database BIGINT holds it)."""


def decode_cursor(kind: str, cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        n = data.get("n")
        if data.get("v") != 1 or data.get("k") != kind or not isinstance(n, int) \
                or isinstance(n, bool) or not 0 <= n <= MAX_CURSOR:
            raise ValueError(cursor)
        return int(data["n"])
    except (ValueError, binascii.Error, AttributeError, UnicodeDecodeError) as exc:
        raise RegistryError("bad_cursor") from exc


# --- the store ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TillIdentity:
    id: int
    showroom: str
    code: str


@dataclass(frozen=True)
class LoadResult:
    producers_changed: int
    products_changed: int
    unchanged: int


class StoreBase:
    """Sessions and counters every part of the store shares (set up by ``RegistryStore``)."""

    url: str
    engine: Engine
    _sqlite: bool
    _write_lock: threading.RLock
    _sessions: sessionmaker[Session]

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def write(self) -> Iterator[Session]:
        if self._sqlite:
            with self._write_lock, self._sessions() as session, session.begin():
                yield session
        else:
            with self._sessions() as session, session.begin():
                yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @staticmethod
    def _bump(session: Session, name: str, by: int = 1) -> int:
        """Move a counter by ``by`` under a row lock held to the end of the transaction;
        returns its new value (the last number of the block)."""
        value = session.execute(
            update(Counter).where(Counter.name == name).values(value=Counter.value + by)
            .returning(Counter.value)
        ).scalar_one()
        return int(value)
