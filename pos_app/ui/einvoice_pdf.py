"""An e-invoice's HTML (``pos_app.formats.einvoice_html``) printed to an A4 PDF with Qt's text
engine, the same way the reports screen prints its PDF. Needs a QGuiApplication (the admin CLI
makes an offscreen one: :func:`gui_application`)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

_app: QGuiApplication | None = None


def gui_application() -> None:
    """Make sure a QGuiApplication exists (offscreen when there is no display)."""
    global _app
    if QCoreApplication.instance() is not None:
        return
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
            and os.name != "nt":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication([])


def write_pdf(html: str, path: str | Path, title: str = "") -> Path:
    target = Path(path)
    writer = QPdfWriter(str(target))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setResolution(150)
    writer.setTitle(title)
    doc = QTextDocument()
    doc.setDefaultFont(QFont("DejaVu Sans", 10))
    doc.setHtml(html)
    doc.print_(writer)
    return target
