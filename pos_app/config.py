"""Typed settings, declared once (no Qt here).

Every setting has one name, one type, one default and one place: the ``SETTINGS`` registry below.
Values are read in this order, later wins: default → ``settings.json`` in the config folder →
environment variable ``OCOP_POS_<NAME>``. Paths come from platformdirs unless ``--data-dir`` (or
``OCOP_POS_DATA_DIR``) names one folder for everything, which is what tests and demos do.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import platformdirs

from pos_app import APP_AUTHOR, APP_NAME
from pos_app.domain.receipt import PRINT_MODES

T = TypeVar("T", str, int, bool)

ENV_PREFIX = "OCOP_POS_"
DATA_DIR_ENV = ENV_PREFIX + "DATA_DIR"
SETTINGS_FILE = "settings.json"
DB_FILE = "pos.sqlite3"


@dataclass(frozen=True)
class Problem:
    """Why a value is not allowed for a setting, as a code (worded by ``ui.messages.settings``).

    ``code`` is one of ``required``, ``too_long``, ``too_small``, ``too_large``, ``pattern``,
    ``scheme``, ``invalid`` (not the setting's type or not one of its choices) or ``together``
    (a setting of a group that is filled in only partly); ``limit`` is the bound crossed.
    """

    key: str
    code: str
    limit: int | None = None


MAX_SETTINGS_BYTES = 256 * 1024
"""settings.json is a few kilobytes; anything past this is refused unread."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a setting value")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One declared setting: its key, type, default, what it is for, and what it allows.

    The checks (``required``, ``max_length``, ``pattern``, ``schemes`` for a text; ``minimum`` and
    ``maximum`` for a number; ``choices`` for either) are the only home of each rule: the setup
    wizard and the settings screen both ask :func:`problems`. ``pattern`` and ``schemes`` apply
    to a non-empty text only (empty is ruled by ``required``).
    """

    key: str
    type: type[T]
    default: T
    doc: str
    choices: tuple[T, ...] = ()
    secret: bool = False
    required: bool = False
    max_length: int | None = None
    pattern: str = ""
    schemes: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.key.upper().replace(".", "_")

    def parse(self, raw: object) -> T:
        """Turn a stored or environment value into this setting's type, or raise ValueError."""
        value: Any
        if self.type is bool:
            if isinstance(raw, bool):
                value = raw
            elif isinstance(raw, str) and raw.strip().lower() in {"1", "true", "yes", "on"}:
                value = True
            elif isinstance(raw, str) and raw.strip().lower() in {"0", "false", "no", "off", ""}:
                value = False
            else:
                raise ValueError(f"{self.key}: not a yes/no value: {raw!r}")
        elif self.type is int:
            if isinstance(raw, bool):
                raise ValueError(f"{self.key}: not a whole number: {raw!r}")
            try:
                value = int(str(raw).strip())
            except ValueError as exc:
                raise ValueError(f"{self.key}: not a whole number: {raw!r}") from exc
        else:
            value = str(raw)
        if self.choices and value not in self.choices:
            raise ValueError(f"{self.key}: {value!r} is not one of {list(self.choices)}")
        return value  # type: ignore[no-any-return]

    def problem(self, raw: object) -> Problem | None:
        """The first rule ``raw`` breaks (None: the value may be saved)."""
        try:
            value: Any = self.parse(raw)
        except ValueError:
            return Problem(self.key, "invalid")
        if isinstance(value, str):
            if not value:
                return Problem(self.key, "required") if self.required else None
            if self.max_length is not None and len(value) > self.max_length:
                return Problem(self.key, "too_long", self.max_length)
            if self.pattern and not re.fullmatch(self.pattern, value):
                return Problem(self.key, "pattern")
            if self.schemes:
                scheme, sep, rest = value.partition("://")
                if not sep or scheme.lower() not in self.schemes or not rest:
                    return Problem(self.key, "scheme")
        elif isinstance(value, int) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                return Problem(self.key, "too_small", self.minimum)
            if self.maximum is not None and value > self.maximum:
                return Problem(self.key, "too_large", self.maximum)
        return None


SETTINGS: dict[str, Setting[Any]] = {}
TOGETHER: list[tuple[Setting[Any], ...]] = []
"""Groups of settings that are filled in all together or left all empty."""


def problems(values: Mapping[str, object]) -> dict[str, Problem]:
    """Setting key → its problem, for every value in ``values`` (keys of ``SETTINGS``) that
    breaks a rule, in the order given; the one check the wizard and the settings screen use."""
    found: dict[str, Problem] = {}
    for key, raw in values.items():
        problem = SETTINGS[key].problem(raw)
        if problem is not None:
            found[key] = problem
    for group in TOGETHER:
        keys = [s.key for s in group if s.key in values]
        filled = [bool(values[k]) for k in keys]
        if any(filled) and not all(filled):
            for k, f in zip(keys, filled, strict=True):
                if not f:
                    found.setdefault(k, Problem(k, "together"))
    return found


def _declare(setting: Setting[T]) -> Setting[T]:
    SETTINGS[setting.key] = setting
    return setting


LANGUAGE = _declare(Setting("language", str, "vi", "User interface language", ("vi", "en")))
RECEIPT_LANGUAGES = _declare(
    Setting("receipt_languages", str, "vi,en", "Languages printed on receipts, in order")
)
SHOWROOM_NAME = _declare(
    Setting("showroom_name", str, "Điểm giới thiệu và bán sản phẩm OCOP Hà Nội", "Showroom name",
            required=True, max_length=120)
)
SHOWROOM_ADDRESS = _declare(
    Setting("showroom_address", str, "", "Showroom address", max_length=120))
SHOWROOM_TAX_CODE = _declare(
    Setting("showroom_tax_code", str, "", "Showroom tax code (MST)", pattern=r"\d{10}(-\d{3})?"))
SHOWROOM_CODE = _declare(
    Setting("showroom_code", str, "HN01", "Showroom code in the registry", required=True,
            pattern=r"[A-Z0-9]{1,8}")
)
SHOWROOM_PHONE = _declare(
    Setting("showroom_phone", str, "", "Showroom phone on receipts", max_length=40))
TILL_CODE = _declare(
    Setting("till_code", str, "Q01", "This till's code, printed in receipt numbers",
            required=True, pattern=r"[A-Z0-9]{1,8}")
)
EXPIRED_CERT_POLICY = _declare(
    Setting(
        "expired_cert_policy",
        str,
        "approve",
        "Selling a product whose OCOP certificate expired: allow, approve (manager) or block",
        ("allow", "approve", "block"),
    )
)
CERT_EXPIRY_WARNING_DAYS = _declare(
    Setting("cert_expiry_warning_days", int, 60, "Warn this many days before a certificate expires",
            minimum=0, maximum=365)
)
PRINTER_URI = _declare(
    Setting("printer_uri", str, "", "Receipt printer, e.g. tcp://127.0.0.1:9100 or usb://04b8:0e15",
            schemes=("tcp", "usb", "serial", "win32", "file"))
)
LABEL_PRINTER_URI = _declare(
    Setting("label_printer_uri", str, "",
            "Label printer (TSPL/ZPL) for price labels, e.g. tcp://192.168.1.60:9100",
            schemes=("tcp", "usb", "serial", "win32", "file"))
)
PAPER_WIDTH_MM = _declare(Setting("paper_width_mm", int, 80, "Receipt paper width", (58, 80)))
REGISTRY_URL = _declare(Setting("registry_url", str, "", "City OCOP registry base URL"))
BANK_BIN = _declare(Setting("bank_bin", str, "", "Showroom bank BIN for VietQR (6 digits)",
                            pattern=r"\d{6}"))
BANK_ACCOUNT = _declare(Setting("bank_account", str, "", "Showroom bank account for VietQR",
                                pattern=r"[0-9A-Za-z]{4,19}"))
BANK_ACCOUNT_NAME = _declare(Setting("bank_account_name", str, "", "Account holder name",
                                     pattern=r"[A-Z0-9 .\-]{2,50}"))
TOGETHER.append((BANK_BIN, BANK_ACCOUNT, BANK_ACCOUNT_NAME))
BACKUP_KEEP = _declare(Setting("backup_keep", int, 10, "How many backup generations to keep"))


class SettingsError(ValueError):
    """A settings file or environment value that cannot be used."""


@dataclass
class Paths:
    """Where this installation keeps its files."""

    data_dir: Path
    config_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DB_FILE

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / SETTINGS_FILE

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> Paths:
        """``--data-dir`` wins, then ``OCOP_POS_DATA_DIR``, then the platform's folders."""
        chosen = data_dir or os.environ.get(DATA_DIR_ENV)
        if chosen:
            folder = Path(chosen).expanduser().resolve()
            return cls(data_dir=folder, config_dir=folder)
        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        )

    @staticmethod
    def for_demo(data_dir: str | os.PathLike[str] | None) -> str | os.PathLike[str] | None:
        """Where ``--demo`` keeps its showroom: the folder named, else a ``demo`` folder of its
        own beside the real data, so a demo never fills a showroom's real database."""
        if data_dir or os.environ.get(DATA_DIR_ENV):
            return data_dir
        return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / "demo"

    def ensure(self) -> None:
        for folder in (self.data_dir, self.config_dir, self.backups, self.logs):
            private_dir(folder)


@dataclass
class Settings:
    """The values in force: file values over defaults, environment over both."""

    paths: Paths
    _stored: dict[str, Any] = field(default_factory=dict)
    _env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(
        cls, data_dir: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None
    ) -> Settings:
        paths = Paths.resolve(data_dir)
        environ = dict(os.environ if env is None else env)
        stored: dict[str, Any] = {}
        if paths.settings_file.exists():
            try:
                # a file far larger than any real settings is not read into memory at all
                with paths.settings_file.open("rb") as handle:
                    raw = handle.read(MAX_SETTINGS_BYTES + 1)
                if len(raw) > MAX_SETTINGS_BYTES:
                    raise ValueError(f"larger than {MAX_SETTINGS_BYTES} bytes")
                loaded = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
            except (OSError, ValueError, RecursionError) as exc:
                raise SettingsError(f"{paths.settings_file}: unreadable settings ({exc})") from exc
            if not isinstance(loaded, dict):
                raise SettingsError(f"{paths.settings_file}: expected a JSON object")
            stored = {k: v for k, v in loaded.items() if k in SETTINGS}
        overrides = {
            s.key: environ[s.env_var] for s in SETTINGS.values() if s.env_var in environ
        }
        settings = cls(paths=paths, _stored=stored, _env=overrides)
        for key in {**stored, **overrides}:
            # validate early, with the setting's name in the message: a value the settings
            # screen would refuse (too long, out of range, wrong form) is refused here too, so a
            # hand-edited or planted file cannot make the till do what no screen allows
            value = settings.get(SETTINGS[key])
            problem = SETTINGS[key].problem(value)
            if problem is not None and problem.code != "required":
                limit = "" if problem.limit is None else f" ({problem.limit})"
                raise SettingsError(f"{key}: {problem.code}{limit}: {str(value)[:80]!r}")
        return settings

    def get(self, setting: Setting[T]) -> T:
        try:
            if setting.key in self._env:
                return setting.parse(self._env[setting.key])
            if setting.key in self._stored:
                return setting.parse(self._stored[setting.key])
        except ValueError as exc:
            raise SettingsError(str(exc)) from exc
        return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        """Set and persist a value (the environment still wins while it is set)."""
        self._stored[setting.key] = setting.parse(value)
        self.save()

    def save(self) -> None:
        private_dir(self.paths.config_dir)
        tmp = private_file(self.paths.settings_file.with_suffix(".tmp"), create=True)
        tmp.write_text(json.dumps(self._stored, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.paths.settings_file)

    def public_items(self) -> dict[str, Any]:
        """All values in force, secrets left out (for diagnostics and `config show`)."""
        return {s.key: self.get(s) for s in SETTINGS.values() if not s.secret}


# --- Catalog -------------------------------------------------------------------------------------

SCALE_BARCODE_PATTERN = _declare(
    Setting(
        "scale_barcode_pattern",
        str,
        "26IIIIIWWWWWC",
        "Layout of the weighing scale's labels (see pos_app.domain.scale), e.g. 26IIIIIWWWWWC",
    )
)
INSTORE_CODE_PREFIX = _declare(
    Setting(
        "instore_code_prefix",
        str,
        "21",
        "Prefix (20-29, never the scale's) of the showroom's own EAN-13 codes for goods without"
        " a barcode (see pos_app.domain.instore_codes)",
    )
)


def resources_dir() -> Path:
    """The ``resources/`` folder (demo catalog, translations, receipt texts, fonts).

    Looked for as package data first (``pos_app/resources``, an installed wheel or a PyInstaller
    bundle), then next to the package in a repository checkout. One place to change when the
    installer moves resources elsewhere.
    """
    package = Path(__file__).resolve().parent
    candidates = [package / "resources", package.parent / "resources"]
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller bundle: resources/ beside _internal
    if frozen:
        candidates.insert(0, Path(frozen) / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return package.parent / "resources"


# --- Scanner (UI shell) --------------------------------------------------------------------------

SCANNER_MAX_GAP_MS = _declare(
    Setting("scanner_max_gap_ms", int, 30, "Keyboard-wedge scanner: longest gap between keys (ms)",
            minimum=5, maximum=200)
)
SCANNER_MIN_LENGTH = _declare(
    Setting("scanner_min_length", int, 6, "Keyboard-wedge scanner: shortest code it sends",
            minimum=1, maximum=64)
)
SCANNER_PREFIX = _declare(
    Setting("scanner_prefix", str, "", "Characters the scanner sends before each code",
            max_length=8)
)
SCANNER_SUFFIX = _declare(
    Setting("scanner_suffix", str, "", "Characters the scanner sends after each code (not Enter)",
            max_length=8)
)
SCANNER_SERIAL_PORT = _declare(
    Setting("scanner_serial_port", str, "", "Serial (USB-COM) scanner port, e.g. /dev/ttyACM0")
)
SCANNER_SERIAL_BAUD = _declare(
    Setting("scanner_serial_baud", int, 9600, "Serial scanner speed (baud)",
            minimum=300, maximum=4_000_000)
)


# --- Printing ------------------------------------------------------------------------------------

PRINTER_TEXT_MODE = _declare(
    Setting(
        "printer_text_mode",
        str,
        "raster",
        "How receipts reach paper: raster (any printer) or the printer's own font in cp1258, "
        "tcvn3 or ascii (only where the self-test page shows every tone mark)",
        PRINT_MODES,
    )
)


# --- Sales (checkout, returns, voids) -----------------------------------------------------------

DISCOUNT_APPROVAL_PERCENT = _declare(
    Setting(
        "discount_approval_percent",
        int,
        10,
        "A price override or discount above this percent of the list amount needs a manager",
        minimum=0, maximum=100,
    )
)
VOID_WINDOW_MINUTES = _declare(
    Setting("void_window_minutes", int, 10, "How long after a sale the till may still void it",
            minimum=0, maximum=24 * 60)
)


# --- Sync with the registry ----------------------------------------------------------------------

REGISTRY_CA_BUNDLE = _declare(
    Setting("registry_ca_bundle", str, "",
            "CA bundle file to verify the registry's TLS certificate (empty: the system's)")
)
SYNC_INTERVAL_S = _declare(
    Setting("sync_interval_s", int, 60, "Seconds between catalog / stock pulls while online",
            minimum=1, maximum=24 * 3600)
)
REGISTRY_TIMEOUT_S = _declare(
    Setting("registry_timeout_s", int, 20, "Seconds to wait for the registry's answer",
            minimum=1, maximum=600)
)
TOKEN_STORE = _declare(
    Setting("token_store", str, "auto",
            "Where the till's registry token is kept: the OS keyring, a 0600 file, or auto",
            ("auto", "keyring", "file"))
)


# --- People, shifts and backups ------------------------------------------------------------------

BACKUP_DIR = _declare(
    Setting("backup_dir", str, "",
            "Folder for database backups, e.g. a USB stick (empty: the data folder's backups/)")
)
IDLE_LOCK_MINUTES = _declare(
    Setting("idle_lock_minutes", int, 10,
            "Lock the counter after this many idle minutes (0: never)", minimum=0,
            maximum=24 * 60)
)


# --- Private files (issue 13) --------------------------------------------------------------------
# The database, backups, settings, tokens and logs hold sales and secrets: on POSIX they are
# created 0600 inside 0700 folders. On Windows the mode bits mean little (only read-only); the
# files inherit the ACL of the user's profile folder (%LOCALAPPDATA%), which other standard
# users cannot read, so nothing more is done there.

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_dir(path: str | os.PathLike[str]) -> Path:
    """Create ``path`` (and parents) if needed and make it 0700 (POSIX; best effort: a USB
    stick's FAT file system keeps no modes)."""
    folder = Path(path)
    folder.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if os.name != "nt":
        with contextlib.suppress(OSError):
            if folder.stat().st_mode & 0o777 != PRIVATE_DIR_MODE:
                folder.chmod(PRIVATE_DIR_MODE)
    return folder


def private_file(path: str | os.PathLike[str], *, create: bool = False) -> Path:
    """Make ``path`` 0600 (POSIX, best effort); ``create`` makes an empty one first, born 0600
    (no moment where another user could open it)."""
    file = Path(path)
    if create and not file.exists():
        os.close(os.open(file, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE))
    if os.name != "nt":
        with contextlib.suppress(OSError):
            if file.stat().st_mode & 0o777 != PRIVATE_FILE_MODE:
                file.chmod(PRIVATE_FILE_MODE)
    return file
