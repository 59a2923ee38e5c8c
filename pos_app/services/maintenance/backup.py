"""Backups and restore of the till's database.

Backups are online copies made with SQLite's backup API (consistent while the till is writing):
at shift close, once a day (when the app starts and today has none yet) and on demand
(``ocop-pos-admin backup [DEST]``). They go to the ``backup_dir`` setting (default: the data
folder's ``backups/``; a USB stick path is fine) as ``pos-<YYYYmmdd-HHMMSS>-<reason>.sqlite3``;
the newest ``backup_keep`` generations there are kept, older ones deleted.

Restore (:func:`restore`) replaces the database with a backup, only while the app is NOT
running (the counter holds :func:`app_lock` on ``<data>/ocop-pos.lock``). The file must be a
whole SQLite file (size = page size × page count), pass ``integrity_check``, and be this app's
database (``app_meta`` with ``app_version`` and an ``alembic_version`` this version knows). Its
schema must be exactly what this app's migrations create at its revision (``sqlite_master``
compared entry by entry: a file with an extra trigger or view, or a table missing, is
``foreign``). Checks run on a staged copy, which then replaces the database in one atomic
rename; a safety copy of the current database is taken first, and the result is checked again.

Errors: :class:`BackupError` codes ``not_found``, ``not_sqlite``, ``truncated``, ``corrupt``,
``foreign``, ``too_new``, ``app_running``, ``io_error`` (info ``detail``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pos_app import config
from pos_app.config import Settings
from pos_app.db.database import Database, schema_differences
from pos_app.db.engine import backup_file, integrity_check
from pos_app.db.migrate import DatabaseTooNewError
from pos_app.domain.errors import CodedError
from pos_app.domain.receipt import hanoi_tz
from pos_app.services.ports import Clock, SystemClock

PREFIX = "pos-"
SUFFIX = ".sqlite3"
LOCK_FILE = "ocop-pos.lock"
SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(CodedError):
    """A backup or restore refused; ``code`` says why."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    at: dt.datetime  # file time, aware UTC


def backup_folder(settings: Settings) -> Path:
    configured = settings.get(config.BACKUP_DIR).strip()
    return Path(configured).expanduser() if configured else settings.paths.backups


class BackupService:
    def __init__(self, db: Database, settings: Settings, clock: Clock | None = None) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock or SystemClock()

    @property
    def folder(self) -> Path:
        return backup_folder(self.settings)

    def backups(self) -> list[BackupInfo]:
        """This app's generations in the backup folder, newest first."""
        folder = self.folder
        if not folder.is_dir():
            return []
        found = []
        for path in folder.glob(f"{PREFIX}*{SUFFIX}"):
            stat = path.stat()
            found.append(BackupInfo(path, stat.st_size,
                                    dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC)))
        return sorted(found, key=lambda b: b.path.name, reverse=True)

    def backup(self, dest: Path | None = None, *, reason: str = "manual") -> Path:
        """An online copy. ``dest`` a folder (or a new file name); default the backup folder,
        which is then pruned to ``backup_keep`` generations."""
        stamp = self.clock.now().astimezone(hanoi_tz()).strftime("%Y%m%d-%H%M%S")
        name = f"{PREFIX}{stamp}-{reason}{SUFFIX}"
        if dest is None:
            target = self.folder / name
        elif dest.suffix and not dest.is_dir():
            target = dest
        else:
            target = dest / name
        n = 1
        while target.exists():
            n += 1
            target = target.with_name(f"{PREFIX}{stamp}-{reason}-{n}{SUFFIX}")
        partial = target.with_name(target.name + ".part")
        try:
            backup_file(self.db.path, partial)
            os.replace(partial, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                partial.unlink()
            raise BackupError("io_error", detail=str(exc)) from exc
        except sqlite3.Error as exc:
            with contextlib.suppress(OSError):
                partial.unlink()
            raise BackupError("io_error", detail=str(exc)) from exc
        if dest is None or target.parent == self.folder:
            self.prune()
        return target

    def prune(self) -> list[Path]:
        keep = max(1, self.settings.get(config.BACKUP_KEEP))
        removed = []
        for old in self.backups()[keep:]:
            with contextlib.suppress(OSError):
                old.path.unlink()
                removed.append(old.path)
        return removed

    def daily_if_needed(self) -> Path | None:
        """Back up once per (Hanoi) day: None if a backup from today already exists."""
        today = self.clock.now().astimezone(hanoi_tz()).strftime("%Y%m%d")
        if any(b.path.name.startswith(f"{PREFIX}{today}-") for b in self.backups()):
            return None
        return self.backup(reason="daily")


# -- checking and restoring ---------------------------------------------------------------------


def _check_header(path: Path) -> None:
    if not path.is_file():
        raise BackupError("not_found")
    size = path.stat().st_size
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise BackupError("not_sqlite")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if pages and size < page_size * pages:
        raise BackupError("truncated", size=size, expected=page_size * pages)


def _check_staged(path: Path) -> str:
    """The checks proper, on a copy this process owns (never on the user's file itself)."""
    _check_header(path)
    try:
        connection = sqlite3.connect(str(path))
    except sqlite3.Error as exc:
        raise BackupError("corrupt", detail=str(exc)) from exc
    try:
        # A crafted file's views and triggers must not run anything while we look at it.
        connection.execute("PRAGMA trusted_schema = OFF")
        try:
            row = connection.execute("PRAGMA integrity_check").fetchone()
        except sqlite3.DatabaseError as exc:
            raise BackupError("corrupt", detail=str(exc)) from exc
        result = str(row[0]) if row else "no answer"
        if result != "ok":
            raise BackupError("corrupt", detail=result)
        try:
            tables = {r[0] for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"app_meta", "alembic_version"} <= tables:
                raise BackupError("foreign", detail="missing table app_meta/alembic_version")
            version = connection.execute(
                "SELECT value FROM app_meta WHERE key = 'app_version'").fetchone()
            revisions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.Error as exc:
            raise BackupError("foreign", detail=str(exc)) from exc
        if version is None or len(revisions) != 1:
            raise BackupError("foreign", detail="no app_version / one alembic_version")
        revision = str(revisions[0][0])
        try:
            differences = schema_differences(connection, revision)
        except DatabaseTooNewError as exc:
            raise BackupError("too_new", revision=revision) from exc
        if differences:
            raise BackupError("foreign", detail="; ".join(differences[:10]),
                              differences=differences)
        return revision
    finally:
        connection.close()


def check_backup_file(path: Path) -> str:
    """Raise :class:`BackupError` unless ``path`` is a whole, healthy backup of this app with
    exactly the schema this app's migrations create at its revision (no extra table, index,
    trigger or view, none missing or changed); returns that revision. ``path`` is only read."""
    _check_header(path)
    with tempfile.TemporaryDirectory(prefix="ocop-check-") as folder:
        staged = Path(folder) / "check.sqlite3"
        try:
            shutil.copyfile(path, staged)
        except OSError as exc:
            raise BackupError("io_error", detail=str(exc)) from exc
        return _check_staged(staged)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover (Windows)
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running_pid(data_dir: Path) -> int | None:
    """The pid of a live counter app on this data folder, if any (stale locks are ignored)."""
    try:
        text = (data_dir / LOCK_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    pid = int(text) if text.isdigit() else 0
    return pid if pid != os.getpid() and _pid_alive(pid) else None


@contextlib.contextmanager
def app_lock(data_dir: Path) -> Iterator[Path]:
    """Mark the counter app as running on ``data_dir`` (restore refuses meanwhile)."""
    path = data_dir / LOCK_FILE
    path.write_text(str(os.getpid()), encoding="ascii")
    try:
        yield path
    finally:
        with contextlib.suppress(OSError):
            if path.read_text(encoding="ascii").strip() == str(os.getpid()):
                path.unlink()


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_copy: Path | None
    revision: str


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _swap_in(staged: Path, database: Path) -> None:
    """Put ``staged`` in ``database``'s place in one rename. The current database is
    checkpointed first and its ``-wal``/``-shm`` removed: a WAL left beside another file could
    be replayed into it."""
    if database.exists():
        connection = sqlite3.connect(str(database))
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    for extra in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{database}{extra}")
    _fsync(staged)
    os.replace(staged, database)
    if os.name != "nt":
        _fsync(database.parent)


def restore(source: Path, settings: Settings, *, clock: Clock | None = None) -> RestoreResult:
    """Replace the database in ``settings``' data folder by the backup ``source``.

    ``source`` is copied beside the database first and every check runs on that staged copy
    (nothing changes if it is refused, and the file cannot change between check and use); a
    safety copy of the current database goes to the backups folder; then the staged copy
    replaces the database in one atomic rename, and is checked again (the safety copy goes back
    if that fails)."""
    data_dir = settings.paths.data_dir
    pid = running_pid(data_dir)
    if pid is not None:
        raise BackupError("app_running", pid=pid)
    _check_header(source)
    database = settings.paths.database
    staged = database.with_name(database.name + ".restore")
    try:
        try:
            config.private_dir(data_dir)
            shutil.copyfile(source, staged)
            config.private_file(staged)
        except OSError as exc:
            raise BackupError("io_error", detail=str(exc)) from exc
        revision = _check_staged(staged)
        stamp = (clock or SystemClock()).now().astimezone(hanoi_tz()).strftime("%Y%m%d-%H%M%S")
        safety: Path | None = None
        if database.exists():
            safety = settings.paths.backups / f"pre-restore-{stamp}{SUFFIX}"
            n = 1
            while safety.exists():
                n += 1
                safety = settings.paths.backups / f"pre-restore-{stamp}-{n}{SUFFIX}"
            try:
                config.private_dir(settings.paths.backups)
                backup_file(database, safety)
                config.private_file(safety)
            except (OSError, sqlite3.Error) as exc:
                raise BackupError("io_error", detail=str(exc)) from exc
        try:
            _swap_in(staged, database)
            result = integrity_check(database)
        except (OSError, sqlite3.Error) as exc:
            result = str(exc)
        if result != "ok":
            if safety is not None:
                back = database.with_name(database.name + ".restore")
                shutil.copyfile(safety, back)
                _swap_in(back, database)
            raise BackupError("corrupt", detail=result)
        return RestoreResult(source, safety, revision)
    finally:
        with contextlib.suppress(OSError):
            staged.unlink()
