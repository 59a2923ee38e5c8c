"""What IT sends to support, and what the installer checks: a diagnostics zip and a self-check.

:func:`export_diagnostics` writes one zip with versions, the settings in force (secrets left
out), database facts (schema revision, integrity check, row counts — never a row's contents),
the recent log files (masked again on the way in) and a receipt printer probe.
:func:`self_check` answers whether this installation can run: database opens and is intact,
migrations are at head, the bundled resources are present, the log folder is writable.

Both return codes and data; the CLI (``pos_app/cli/maintenance.py``) words them. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import importlib.util
import json
import logging
import platform
import sqlite3
import sys
import threading
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pos_app import __version__
from pos_app.config import PRINTER_URI, Settings, resources_dir
from pos_app.db.database import Database, schema_differences
from pos_app.db.migrate import DatabaseTooNewError, head_revision
from pos_app.logging_setup import log_files, redact

log = logging.getLogger(__name__)

PRINTER_PROBE_TIMEOUT = 5.0  # seconds; a probe that takes longer is recorded as "timeout"
LOG_BYTES_LIMIT = 8 * 1024 * 1024  # the newest logs up to this much go into the zip

# Packages whose versions support asks for first (distribution names).
_DISTRIBUTIONS = (
    "PySide6-Essentials", "shiboken6", "SQLAlchemy", "alembic", "python-escpos", "pyusb",
    "pyserial", "requests", "platformdirs", "Pillow", "openpyxl", "argon2-cffi",
)

# Files the packaged app cannot run without (relative to resources/). Translations are
# checked separately: without them the app still runs, in English.
REQUIRED_RESOURCES = (
    "receipts/vi.json",
    "receipts/en.json",
    "fonts/DejaVuSans.ttf",
    "fonts/DejaVuSans-Bold.ttf",
    "demo/producers.csv",
    "demo/products.csv",
    "icons/logo.svg",
)
TRANSLATIONS = ("translations/ocop_pos_vi.qm",)


# -- versions ---------------------------------------------------------------------------------


def versions() -> dict[str, str]:
    """App, Python, SQLite, platform and the main libraries (from package metadata, so nothing
    heavy is imported and no display is needed)."""
    found: dict[str, str] = {
        "app": __version__,
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "frozen": "yes" if getattr(sys, "frozen", False) else "no",
    }
    for name in _DISTRIBUTIONS:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = _module_version(name)
    return found


def _module_version(distribution: str) -> str:
    """A bundle without package metadata: ask the module itself, if it is already loaded or
    cheap to find."""
    module_name = {"python-escpos": "escpos", "SQLAlchemy": "sqlalchemy",
                   "PySide6-Essentials": "PySide6"}.get(distribution, distribution.lower())
    module = sys.modules.get(module_name)
    version = getattr(module, "__version__", None) if module is not None else None
    return str(version) if version else "unknown"


# -- database facts ---------------------------------------------------------------------------


def database_facts(path: Path) -> dict[str, Any]:
    """Facts about the SQLite file at ``path``, read-only: size, journal mode, schema revision
    (and this app's head), integrity check, row count per table. No row contents."""
    facts: dict[str, Any] = {"path": str(path), "exists": path.exists()}
    facts["head_revision"] = head_revision()
    if not path.exists():
        return facts
    facts["size_bytes"] = path.stat().st_size
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        facts["error"] = f"{type(exc).__name__}: {exc}"
        return facts
    try:
        facts["journal_mode"] = connection.execute("PRAGMA journal_mode").fetchone()[0]
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        facts["revision"] = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            facts["revision"] = row[0] if row else None
        facts["at_head"] = facts["revision"] == facts["head_revision"]
        if "app_meta" in tables:
            row = connection.execute(
                "SELECT value FROM app_meta WHERE key = 'app_version'").fetchone()
            facts["written_by_app_version"] = row[0] if row else None
        facts["integrity_check"] = str(
            connection.execute("PRAGMA integrity_check").fetchone()[0])
        facts["row_counts"] = {
            table: int(connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])
            for table in tables
        }
    except sqlite3.Error as exc:
        facts["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        connection.close()
    return facts


# -- printer probe ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PrinterProbe:
    uri: str
    kind: str  # the URI's scheme (tcp, usb, serial, win32, file) or "" when not configured
    result: str  # "ok", "unknown", an error code of services.ports.PRINT_ERROR_CODES,
    #               "not_configured", "not_probed" or "timeout"
    seconds: float


def probe_printer(uri: str, status: Callable[[str], str] | None,
                  timeout: float = PRINTER_PROBE_TIMEOUT) -> PrinterProbe:
    """Ask the configured printer for its status (``status`` is the printer port's
    ``status(uri)``, which never raises) and give up after ``timeout`` seconds."""
    uri = uri.strip()
    kind = urlsplit(uri).scheme.lower() if "://" in uri else ""
    if not uri:
        return PrinterProbe(uri, kind, "not_configured", 0.0)
    if status is None:
        return PrinterProbe(uri, kind, "not_probed", 0.0)
    answer: list[str] = []

    def run() -> None:
        try:
            answer.append(status(uri))
        except Exception as exc:  # a port that broke its promise not to raise
            log.warning("printer status probe raised", exc_info=True)
            answer.append(str(getattr(exc, "code", "io_error")))

    started = dt.datetime.now(dt.UTC)
    worker = threading.Thread(target=run, name="printer-probe", daemon=True)
    worker.start()
    worker.join(timeout)
    seconds = round((dt.datetime.now(dt.UTC) - started).total_seconds(), 3)
    return PrinterProbe(uri, kind, answer[0] if answer else "timeout", seconds)


# -- the zip ----------------------------------------------------------------------------------


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def export_diagnostics(
    settings: Settings,
    db: Database | None,
    dest_zip: Path,
    *,
    printer_status: Callable[[str], str] | None = None,
    probe_timeout: float = PRINTER_PROBE_TIMEOUT,
) -> Path:
    """Write the diagnostics zip to ``dest_zip`` (a folder gets a dated file name inside it)
    and return its path.

    ``db``: the open database, or None when it cannot be opened (the file is then read
    directly, read-only). ``printer_status``: the printer port's ``status(uri)``; None skips
    the probe. The zip holds ``manifest.json``, ``versions.json``, ``settings.json``,
    ``database.json``, ``printer.json`` and ``logs/``.
    """
    now = dt.datetime.now(dt.UTC)
    dest = Path(dest_zip)
    if dest.is_dir():
        dest = dest / f"ocop-pos-diagnostics-{now:%Y%m%dT%H%M%SZ}.zip"
    dest.parent.mkdir(parents=True, exist_ok=True)
    db_path = db.path if db is not None else settings.paths.database

    probe = probe_printer(settings.get(PRINTER_URI), printer_status, probe_timeout)
    entries: dict[str, str] = {
        "versions.json": _json(versions()),
        "settings.json": _json({
            "values": settings.public_items(),
            "paths": {"data_dir": str(settings.paths.data_dir),
                      "config_dir": str(settings.paths.config_dir)},
        }),
        "database.json": _json(database_facts(db_path)),
        "printer.json": _json(asdict(probe)),
    }
    logs = _recent_logs(settings)
    entries["manifest.json"] = _json({
        "created_utc": now.isoformat(timespec="seconds"),
        "app_version": __version__,
        "files": sorted([*entries, "manifest.json", *(f"logs/{name}" for name in logs)]),
    })

    tmp = dest.with_name(dest.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in entries.items():
            archive.writestr(name, redact(text))
        for name, text in logs.items():
            archive.writestr(f"logs/{name}", text)
    tmp.replace(dest)
    log.info("diagnostics written to %s", dest)
    return dest


def _recent_logs(settings: Settings) -> dict[str, str]:
    """The newest log files up to :data:`LOG_BYTES_LIMIT`, masked again (older lines may
    predate a secret's registration)."""
    picked: dict[str, str] = {}
    total = 0
    for path in log_files(settings.paths):
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        room = LOG_BYTES_LIMIT - total
        if room <= 0:
            break
        if len(raw) > room:
            raw = raw[-room:]  # the end of the file: its newest lines
        total += len(raw)
        picked[path.name] = redact(raw.decode("utf-8", errors="replace"))
    return picked


# -- self-check -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    """One check: ``code`` is "ok" or what is wrong; ``fatal`` problems make the check fail."""

    name: str  # database_open, integrity, migrations, schema, resources, translations,
    #            printer_capabilities, logs_writable
    code: str
    detail: str = ""
    fatal: bool = True

    @property
    def ok(self) -> bool:
        return self.code == "ok"


def self_check(settings: Settings) -> list[CheckResult]:
    """Every check, in order; the installation is usable if no fatal check failed.

    Opens the database the way the app does (creating or migrating it, backup first).
    """
    results: list[CheckResult] = []
    path = settings.paths.database
    try:
        settings.paths.ensure()
        db = Database(path, settings.paths.backups)
    except DatabaseTooNewError as exc:
        results.append(CheckResult("database_open", "database_too_new", exc.revision))
        db = None
    except Exception as exc:
        log.exception("self-check: database did not open")
        results.append(CheckResult("database_open", "database_unreadable",
                                   f"{type(exc).__name__}: {exc}"))
        db = None
    if db is not None:
        try:
            results.append(CheckResult("database_open", "ok", str(path)))
        finally:
            db.close()
        facts = database_facts(path)
        integrity = str(facts.get("integrity_check", facts.get("error", "")))
        results.append(CheckResult("integrity", "ok" if integrity == "ok" else "corrupt",
                                   integrity))
        at_head = facts.get("revision") == facts["head_revision"]
        results.append(CheckResult(
            "migrations", "ok" if at_head else "not_at_head",
            f"{facts.get('revision')} / {facts['head_revision']}"))
        results.append(_check_schema(path, str(facts.get("revision") or "")))
    results.append(_check_resources())
    results.append(_check_translations())
    results.append(_check_capabilities())
    results.append(_check_logs(settings))
    return results


def _check_schema(path: Path, revision: str) -> CheckResult:
    """The database's tables, indexes, triggers and views are exactly what the migrations
    create at its revision (the same comparison restore makes: nothing extra, nothing missing)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            differences = schema_differences(connection, revision)
        finally:
            connection.close()
    except (sqlite3.Error, DatabaseTooNewError) as exc:
        return CheckResult("schema", "schema_mismatch", f"{type(exc).__name__}: {exc}")
    if differences:
        return CheckResult("schema", "schema_mismatch", "; ".join(differences[:10]))
    return CheckResult("schema", "ok")


def _check_resources() -> CheckResult:
    root = resources_dir()
    missing = [name for name in REQUIRED_RESOURCES if not (root / name).is_file()]
    if missing:
        return CheckResult("resources", "missing_resources", ", ".join(missing))
    return CheckResult("resources", "ok", str(root))


def _check_translations() -> CheckResult:
    root = resources_dir()
    missing = [name for name in TRANSLATIONS if not (root / name).is_file()]
    if missing:  # the app falls back to English: worth fixing, not fatal
        return CheckResult("translations", "missing_translations", ", ".join(missing),
                           fatal=False)
    return CheckResult("translations", "ok", fatal=False)


def _check_capabilities() -> CheckResult:
    """python-escpos reads capabilities.json at import; a bundle without it cannot print."""
    spec = importlib.util.find_spec("escpos")
    if spec is None or spec.origin is None:
        return CheckResult("printer_capabilities", "escpos_missing")
    capabilities = Path(spec.origin).parent / "capabilities.json"
    if not capabilities.is_file():
        return CheckResult("printer_capabilities", "capabilities_missing", str(capabilities))
    return CheckResult("printer_capabilities", "ok", str(capabilities))


def _check_logs(settings: Settings) -> CheckResult:
    folder = settings.paths.logs
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        return CheckResult("logs_writable", "logs_not_writable", f"{folder}: {exc}")
    return CheckResult("logs_writable", "ok", str(folder))
