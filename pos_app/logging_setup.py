"""Log files: ``<data folder>/logs/ocop-pos.log``, rotated (5 old files of 2 MB each are kept).

Both programs call :func:`start_logging` first thing (``pos_app.cli.main`` and
``pos_app.__main__.main``)::

    start_logging(args.data_dir)          # = setup_logging(Paths.resolve(data_dir), "INFO")

Secrets never reach a log file: every line (message, arguments and traceback alike) passes
through :func:`redact` on its way out, which masks bearer tokens, ``token=…``/``password=…``/
``pin=…`` pairs, Argon2 PIN hashes, passwords inside URLs, and any value registered with
:func:`register_secret` (the app registers the values of settings declared ``secret``).
No Qt here: the admin command line uses it too.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import re
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pos_app.config import Paths, Settings

LOG_FILE = "ocop-pos.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(process)d %(threadName)s %(name)s: %(message)s"
MASK = "***"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Argon2 hashes as stored for PINs (first: their parameters hold commas)
    (re.compile(r"\$argon2(?:id|i|d)\$[^\s\"';]+"), "$argon2" + MASK),
    # Authorization: Bearer <token>
    (re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1" + MASK),
    # token=…, "password": "…", pin_hash: …, api_key=…, secret=…, authorization: …
    (
        re.compile(
            r"""(?ix)\b((?:[a-z_]*token|password|passwd|pin|pin_hash|secret|api_key|
            authorization)["']?\s*[:=]\s*["']?)(?!bearer\b)[^\s"',;&}]+"""
        ),
        r"\1" + MASK,
    ),
    # https://user:password@host
    (re.compile(r"(://[^/\s:@]+:)[^@\s/]+@"), r"\1" + MASK + "@"),
)

_secrets: set[str] = set()
_lock = threading.Lock()


def register_secret(value: str) -> None:
    """Mask this exact value wherever it would appear in a log line (values under 4
    characters are ignored: masking them would garble ordinary text)."""
    if value and len(value) >= 4:
        with _lock:
            _secrets.add(value)


def register_settings_secrets(settings: Settings) -> None:
    """Register the values of every setting declared ``secret=True``."""
    from pos_app.config import SETTINGS

    for setting in SETTINGS.values():
        if setting.secret:
            value = settings.get(setting)
            if isinstance(value, str):
                register_secret(value)


def redact(text: str) -> str:
    """``text`` with secrets masked."""
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for value in known:
        text = text.replace(value, MASK)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then masks secrets in the whole line, traceback included."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _OurHandler(logging.handlers.RotatingFileHandler):
    """Marks the handler this module installed, so a second setup replaces it."""

    def _open(self) -> Any:  # the log file (and each one after a rotation) is born 0600
        from pos_app.config import private_file

        private_file(self.baseFilename, create=True)
        return super()._open()


def log_file(paths: Paths) -> Path:
    return paths.logs / LOG_FILE


def setup_logging(
    paths: Paths,
    level: int | str = logging.INFO,
    *,
    max_bytes: int = MAX_BYTES,
    backup_count: int = BACKUP_COUNT,
    settings: Settings | None = None,
) -> Path:
    """Send the root logger to the rotating log file in ``paths.logs``; returns its path.

    Safe to call again (the earlier file handler is replaced, other handlers stay). Python
    warnings and uncaught exceptions go to the file too. ``settings``: register the values of
    its secret settings for masking.
    """
    if isinstance(level, str):
        level = logging.getLevelName(level.upper())
        if not isinstance(level, int):
            raise ValueError(f"unknown log level: {level!r}")
    from pos_app.config import private_dir

    private_dir(paths.logs)
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _OurHandler)]:
        root.removeHandler(old)
        old.close()
    handler = _OurHandler(
        log_file(paths), maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8",
        delay=True,
    )
    handler.setFormatter(RedactingFormatter(FORMAT))
    handler.setLevel(level)
    previous_level = root.getEffectiveLevel()
    for other in root.handlers:
        # console handlers (basicConfig's) keep the level they showed so far and get the
        # masking; other handlers (a test runner's capture, say) are left as they are
        if type(other) is not logging.StreamHandler:
            continue
        if other.level == logging.NOTSET:
            other.setLevel(previous_level)
        if other.formatter is not None and not isinstance(other.formatter, RedactingFormatter):
            other.setFormatter(RedactingFormatter(other.formatter._fmt))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.captureWarnings(True)
    if settings is not None:
        register_settings_secrets(settings)
    _install_excepthook()
    return log_file(paths)


def start_logging(data_dir: str | os.PathLike[str] | None, level: int | str = logging.INFO
                  ) -> Path | None:
    """What both programs call first thing: log to the data folder ``--data-dir`` (or the
    platform's) names, with the secret settings' values masked. Never stops the program: a data
    folder that cannot be written, or unreadable settings, leave it logging as before."""
    from pos_app.config import Paths, Settings, SettingsError

    try:
        paths = Paths.resolve(data_dir)
        path = setup_logging(paths, level)
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file: %s", exc)
        return None
    with contextlib.suppress(SettingsError):  # the program reports unreadable settings itself
        register_settings_secrets(Settings.load(data_dir))
    return path


def _install_excepthook() -> None:
    if getattr(sys.excepthook, "_ocop_logging", False):
        return
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            logging.getLogger("pos_app").critical("uncaught exception",
                                                  exc_info=(kind, value, tb))
        previous(kind, value, tb)

    hook._ocop_logging = True  # type: ignore[attr-defined]
    sys.excepthook = hook


def log_files(paths: Paths) -> list[Path]:
    """The log files, newest first (``ocop-pos.log``, ``.1``, ``.2`` …)."""
    folder = paths.logs
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.is_file() and p.name.startswith(LOG_FILE)]

    def age(p: Path) -> int:
        suffix = p.name[len(LOG_FILE):].lstrip(".")
        return int(suffix) if suffix.isdigit() else 0

    return sorted(files, key=age)
