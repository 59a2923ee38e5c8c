"""Bring a database to this version's schema: back up first, refuse a newer database.

Migrations ship inside the package (``pos_app/db/migrations``) so an installed app needs no
alembic.ini. Alembic is imported only when a migration has to run: the common start (a
database already at :data:`HEAD`) reads ``alembic_version`` with one plain query, which keeps
alembic, mako and pygments (~0.4 s of imports) off the counter's start.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text

from pos_app.db.engine import backup_file

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

HEAD = "0009"
"""The newest shipped migration's revision; a test checks it against the migration scripts."""


class DatabaseTooNewError(RuntimeError):
    """The database was written by a newer version of the app; opening it could damage it."""

    def __init__(self, revision: str) -> None:
        super().__init__(revision)
        self.revision = revision


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def alembic_config(url: str = "") -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    return config


def head_revision() -> str:
    """The head as the migration scripts say (imports alembic; :data:`HEAD` is the quick
    answer)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's ``alembic_version`` (None: never migrated), without importing alembic."""
    with engine.connect() as connection:
        has_table = connection.execute(text(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        )).first()
        if has_table is None:
            return None
        versions = [v for (v,) in connection.execute(
            text("SELECT version_num FROM alembic_version"))]
    if len(versions) != 1:  # several heads: not a layout this app writes; let alembic judge
        from alembic.runtime.migration import MigrationContext

        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    return str(versions[0])


def upgrade(engine: Engine, database: Path, backups: Path) -> MigrationResult:
    """Upgrade ``database`` to head. Backs it up first if it already holds data."""
    current = current_revision(engine)
    if current == HEAD:
        return MigrationResult(current, HEAD, None)
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = head_revision()
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as exc:  # alembic raises its own CommandError/ResolutionError types
            raise DatabaseTooNewError(current) from exc
    if current == head:
        return MigrationResult(current, head, None)
    backup: Path | None = None
    if current is not None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = backup_file(database, backups / f"pre-upgrade-{current}-{stamp}.sqlite3")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return MigrationResult(current, head, backup)
