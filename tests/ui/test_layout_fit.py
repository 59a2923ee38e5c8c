"""Words the cashier reads are not cut off at the counter's screen sizes (1366x768, 1920x1080):
the sell screen's hint bar and action buttons, the payment dialog's method buttons."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetrics


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_hint_bar_and_action_buttons_fit(qtbot, main_window, size):
    main_window.resize(*size)
    qtbot.waitUntil(lambda: main_window.width() == size[0])
    sell = main_window.sell
    qtbot.wait(50)
    for label in sell.hint_labels:
        assert label.width() >= label.sizeHint().width(), label.text()
        assert label.geometry().right() <= sell.width()
    for button in sell.action_buttons.values():
        text_width = button.fontMetrics().horizontalAdvance(button.text())
        assert button.width() >= text_width + 8, button.text()
        assert button.height() >= button.fontMetrics().height() + 4, button.text()
    assert sell.pay_button.height() >= sell.pay_button.minimumHeight()


def test_payment_method_names_fit_in_bold(qtbot, main_window):
    sell = main_window.sell
    info = sell.catalog.search("keo lac duong lam", 1)[0]
    main_window.on_scanned(info.barcodes[0])
    dialog = sell.open_payment()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    for button in dialog.method_buttons.values():
        bold = QFont(button.font())
        bold.setPixelSize(17)
        bold.setBold(True)
        name = button.text().split("\n")[0]
        assert button.width() >= QFontMetrics(bold).horizontalAdvance(name) + 24, name
    dialog.reject()
