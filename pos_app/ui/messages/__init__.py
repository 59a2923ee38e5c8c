"""Every sentence the interface and the admin commands show, by subject (one module each).

Two rules keep the Vietnamese translation complete without any guessing at run time:

* a string is written where ``pyside6-lupdate`` can read its context: inside a class, as
  ``self.tr("...")``; elsewhere as ``QCoreApplication.translate("Context", "...")`` or, for a
  module of many messages, ``Context.tr("...")`` on a :class:`Context` named like its context
  (``Sync = Context("Sync")``: lupdate files ``Sync.tr(...)`` under the variable's name, and
  ``tests/ui/test_i18n.py`` checks that the name and the context agree);
* command-line code calls :func:`ensure_translation` once before it words anything.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

_app: QCoreApplication | None = None  # kept alive while the process runs


class Context:
    """A translation context for module-level messages: ``Sync.tr("text")``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(self.name, text)

    def __repr__(self) -> str:
        return f"Context({self.name!r})"


def ensure_translation(lang: str) -> None:
    """For command-line use: make sure translations work in ``lang``.

    Creates a QCoreApplication only if none exists, and installs the language only on the one it
    created (an application that already runs has chosen its language)."""
    global _app
    if QCoreApplication.instance() is not None:
        return
    _app = QCoreApplication([])
    from pos_app.ui.i18n import install_translator

    install_translator(_app, lang)
