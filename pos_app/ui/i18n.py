"""Interface language: finding resources, loading the translation, maintaining the ``.ts`` file.

English is the source language of every string in the code; Vietnamese (``vi``) is the default
interface language. The translation lives in ``resources/translations/ocop_pos_<lang>.ts`` (edited,
committed) and ``ocop_pos_<lang>.qm`` (compiled by ``pyside6-lrelease``, committed too).

Maintenance (run from the repository)::

    python -m pos_app.ui.i18n update    # pyside6-lupdate over pos_app/ → the .ts
    python -m pos_app.ui.i18n release   # pyside6-lrelease → the .qm
    python -m pos_app.ui.i18n check     # exit 1 if anything is untranslated or stale
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from pos_app.config import resources_dir  # one lookup for the whole app; re-exported here

SOURCE_LANGUAGE = "en"
DEFAULT_LANGUAGE = "vi"
LANGUAGES: tuple[str, ...] = ("vi", "en")
CATALOG = "ocop_pos"

_PACKAGE_DIR = Path(__file__).resolve().parents[1]

TR_ALIASES = "tr+=_t,tr+=_tr"
"""Module-level helpers (``def _t(text): return QCoreApplication.translate("Ctx", text)``) that
lupdate should read like ``tr()``. It files their strings without a context; at run time the
translator's context-free fallback (:class:`_Translator`) finds them under any context."""


def translations_dir() -> Path:
    return resources_dir() / "translations"


def qm_path(lang: str) -> Path:
    return translations_dir() / f"{CATALOG}_{lang}.qm"


def ts_path(lang: str) -> Path:
    return translations_dir() / f"{CATALOG}_{lang}.ts"


_INSTALLED: list[QTranslator] = []
"""The translators :func:`install_translator` put in (removed when it runs again)."""


def install_translator(app: QCoreApplication, lang: str) -> bool:
    """Load ``ocop_pos_<lang>.qm`` (and Qt's own strings for dialogs) into ``app``.

    English needs no file. Returns False if the language's file is missing or unreadable (the
    interface then shows English). Installing again replaces the earlier language.
    """
    for old in _INSTALLED:
        app.removeTranslator(old)
    _INSTALLED.clear()
    QLocale.setDefault(QLocale("vi_VN" if lang == "vi" else "en_GB"))
    if lang == SOURCE_LANGUAGE:
        return True
    ok = False
    ours = _Translator(app)
    if ours.load(str(qm_path(lang))):
        ours.load_fallback(ts_path(lang))
        app.installTranslator(ours)
        _INSTALLED.append(ours)
        ok = True
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt_own)
        _INSTALLED.append(qt_own)
    return ok


class _Translator(QTranslator):
    """The compiled ``.qm``, plus a context-free fallback read from the ``.ts``.

    lupdate files a string under the class whose ``tr()`` it sees, or under no context for a
    module-level ``tr()`` helper; at run time Qt asks with the caller's real context. When the
    exact lookup finds nothing, the same English text's translation from any context is used,
    so such a string still shows in Vietnamese instead of silently falling back to English.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fallback: dict[str, str] = {}

    def load_fallback(self, ts: Path) -> None:
        try:
            entries = ts_entries(ts)
        except (OSError, ET.ParseError):
            return
        for entry in entries:
            if entry.translation and not entry.unfinished:
                self._fallback.setdefault(entry.text, entry.translation)

    def translate(  # noqa: D102 - Qt's virtual
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        found = super().translate(context, source, disambiguation, n)
        if found:
            return found
        # None (a null QString) tells Qt to try the next translator, then the source text
        return self._fallback.get(source)


# --- maintaining the translation --------------------------------------------------------------


@dataclass(frozen=True)
class TsEntry:
    context: str
    source: str
    comment: str
    translation: str
    unfinished: bool

    @property
    def text(self) -> str:
        """The English text the code asks for. A local alias ``tr = QCoreApplication.translate``
        makes lupdate read ``tr("People", "X REPORT")`` as source "People" with the comment
        "X REPORT"; the comment is then the real text."""
        return self.comment if self.comment and self.source in _context_names else self.source


_context_names: set[str] = set()


def ts_entries(path: Path) -> list[TsEntry]:
    """Every current (not obsolete) message of a ``.ts`` file."""
    root = ET.parse(path).getroot()
    contexts = [c for c in root.iter("context")]
    _context_names.update(c.findtext("name") or "" for c in contexts)
    _context_names.discard("")
    entries: list[TsEntry] = []
    for context in contexts:
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else None
            if kind in ("obsolete", "vanished"):
                continue
            if translation is not None and translation.find("numerusform") is not None:
                text = "".join(n.text or "" for n in translation.iter("numerusform"))
            else:
                text = (translation.text or "") if translation is not None else ""
            entries.append(TsEntry(
                context=name,
                source=message.findtext("source") or "",
                comment=message.findtext("comment") or "",
                translation=text,
                unfinished=kind == "unfinished" or not text.strip(),
            ))
    return entries


@dataclass(frozen=True)
class TsStatus:
    messages: int
    unfinished: tuple[str, ...]
    """Source texts with an empty or ``type="unfinished"`` translation."""
    obsolete: int


def ts_status(path: Path) -> TsStatus:
    root = ET.parse(path).getroot()
    obsolete = sum(
        1 for t in root.iter("translation") if t.get("type") in ("obsolete", "vanished"))
    entries = ts_entries(path)
    unfinished = tuple(e.text for e in entries if e.unfinished)
    return TsStatus(len(entries), unfinished, obsolete)


def _tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if not found:
        raise FileNotFoundError(f"{name} not found (install PySide6)")
    return found


def source_files(package_dir: Path = _PACKAGE_DIR) -> list[Path]:
    """Every Python file lupdate should read (the UI and anything using QCoreApplication)."""
    return sorted(p for p in package_dir.rglob("*.py") if "__pycache__" not in p.parts)


def lupdate(ts: Path, *, no_obsolete: bool = True) -> str:
    """Run pyside6-lupdate over ``pos_app/`` into ``ts``; return its report."""
    files = [str(p) for p in source_files()]
    cmd = [_tool("pyside6-lupdate"), *files, "-locations", "none",
           "-tr-function-alias", TR_ALIASES]
    if no_obsolete:
        cmd.append("-no-obsolete")
    cmd += ["-source-language", "en", "-target-language", ts.stem.rsplit("_", 1)[-1]]
    cmd += ["-ts", str(ts)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def lrelease(ts: Path, qm: Path) -> str:
    done = subprocess.run(
        [_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
        capture_output=True, text=True, check=True,
    )
    return done.stdout + done.stderr


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    action = args[0] if args else "check"
    langs = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]
    for lang in langs:
        ts, qm = ts_path(lang), qm_path(lang)
        if action == "update":
            print(lupdate(ts).strip())
        elif action == "release":
            print(lrelease(ts, qm).strip())
        elif action == "check":
            status = ts_status(ts)
            print(f"{ts.name}: {status.messages} messages, {len(status.unfinished)} unfinished")
            for source in status.unfinished:
                print(f"  unfinished: {source!r}")
            if status.unfinished:
                return 1
        else:
            print("usage: python -m pos_app.ui.i18n update|release|check", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
