"""VietQR at the counter: where transfers go (the bank account) and the payload as a crisp QR
picture (drawn module by module, no PIL round trip)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap


@dataclass(frozen=True)
class BankAccount:
    """Where VietQR transfers go (settings ``bank_bin``, ``bank_account``,
    ``bank_account_name``)."""

    bin: str
    account: str
    holder: str

    @property
    def complete(self) -> bool:
        return bool(self.bin and self.account)


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR modules of ``payload`` (error correction M, as bank apps print them)."""
    import qrcode  # with PIL ~40 ms of imports: paid at the first QR, not at the counter's start

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def qr_image(payload: str, size: int = 360, quiet_modules: int = 4) -> QImage:
    """A square black-on-white QImage of ``payload``, ``size`` pixels wide, with a quiet zone.

    Modules are whole pixels (no blurry scaling), so phones read it at a glance.
    """
    matrix = qr_matrix(payload)
    count = len(matrix) + 2 * quiet_modules
    module = max(1, size // count)
    side = module * count
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                left, top = (x + quiet_modules) * module, (y + quiet_modules) * module
                painter.drawRect(QRect(left, top, module, module))
    painter.end()
    return image


def qr_pixmap(payload: str, size: int = 360) -> QPixmap:
    return QPixmap.fromImage(qr_image(payload, size))
