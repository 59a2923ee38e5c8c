"""Words the cashier reads are not cut off at the counter's screen sizes: 15" POS terminals
(1024x768, 1280x800), the common laptop panel (1366x768) and full HD: the sell screen's hint bar,
action buttons, cart columns, product names and the big total; the stock, reports and settings
screens; the payment dialog's method buttons (issue 18)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QScrollArea

from pos_app.ui.sell.cart_model import COL_PRODUCT
from pos_app.ui.sell.scenes import fill_demo_cart

SIZES = [(1024, 768), (1280, 800), (1366, 768), (1920, 1080)]


def _sized(qtbot, window, size):
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0] and window.height() == size[1])
    qtbot.wait(50)


def _inside(widget, window) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


def _bold(font: QFont) -> QFontMetrics:
    bold = QFont(font)
    bold.setBold(True)
    return QFontMetrics(bold)


@pytest.mark.parametrize("size", SIZES)
def test_hint_bar_and_action_buttons_fit(qtbot, main_window, size):
    _sized(qtbot, main_window, size)
    sell = main_window.sell
    for label in sell.hint_labels:
        assert label.width() >= label.sizeHint().width(), label.text()
        assert label.geometry().right() <= sell.width()
    for button in sell.action_buttons.values():
        text_width = button.fontMetrics().horizontalAdvance(button.text())
        assert button.width() >= text_width + 8, button.text()
        assert button.height() >= button.fontMetrics().height() + 4, button.text()
        assert button.height() >= 40, button.text()  # a finger's width
        assert _inside(button, main_window), button.text()
    assert sell.pay_button.height() >= sell.pay_button.minimumHeight()
    assert _inside(sell.pay_button, main_window)
    for button in main_window.nav_buttons.values():
        label = button.text_label
        assert label.width() >= label.sizeHint().width(), label.text()
        assert button.height() >= 64


@pytest.mark.parametrize("size", SIZES)
def test_cart_columns_names_and_total_fit(qtbot, main_window, size):
    sell = main_window.sell
    sell._set_cart(fill_demo_cart(sell))
    _sized(qtbot, main_window, size)
    table, model = sell.table, sell.model
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()  # no sideways scrolling
    head = _bold(header.font())
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        assert header.sectionSize(column) >= head.horizontalAdvance(title) + 8, title
    for column in range(model.columnCount()):
        if column != COL_PRODUCT:  # every amount and quantity whole, in its own font
            assert header.sectionSize(column) >= table.sizeHintForColumn(column), column
    # a product name of 22 letters is shown whole (the stars move aside rather than cut it)
    name_font = QFont(table.font())
    name_font.setPixelSize(round(QFontMetrics(table.font()).height() * 1.05))
    name_font.setBold(True)
    assert header.sectionSize(COL_PRODUCT) - 16 >= QFontMetrics(name_font).horizontalAdvance(
        "Giảo cổ lam túi 300g ab")
    total = sell.total_value
    fitted = QFont(total.font())
    fitted.setPixelSize(total.fitted_px())
    fitted.setBold(True)
    assert QFontMetrics(fitted).horizontalAdvance(total.text()) <= total.contentsRect().width()
    assert total.fitted_px() >= 30 and _inside(total, main_window)
    # a ten-million sale still fits: the figure shrinks, never cut
    total.setText("99.999.000 ₫")
    fitted.setPixelSize(total.fitted_px())
    assert QFontMetrics(fitted).horizontalAdvance(total.text()) <= total.contentsRect().width()
    label = main_window.showroom_label
    assert _inside(label, main_window) and label.geometry().right() < (
        main_window.people.shift_button.geometry().left()
        if main_window.people is not None else main_window.width())


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800), (1366, 768)])
def test_stock_reports_and_settings_fit(qtbot, main_window, size):
    _sized(qtbot, main_window, size)
    main_window.show_area("stock")
    qtbot.wait(50)
    stock = main_window.stock
    header = stock.table.horizontalHeader()
    head = _bold(header.font())
    for column in range(1, stock.model.columnCount()):
        if stock.table.isColumnHidden(column):
            continue
        title = str(stock.model.headerData(column, Qt.Orientation.Horizontal) or "")
        assert header.sectionSize(column) >= head.horizontalAdvance(title) + 8, title
    assert header.sectionSize(0) >= 180  # the product name keeps room
    for combo in (stock.group, stock.producer, stock.stars, stock.cert):
        words = combo.fontMetrics().horizontalAdvance(combo.currentText())
        assert combo.width() >= words + 40, combo.currentText()  # the text and the arrow
        assert _inside(combo, main_window)
    for key, card in stock.cards.items():
        for label in card.findChildren(QLabel):
            if label.text():
                assert label.geometry().bottom() <= card.height(), key
    main_window.show_area("reports")
    qtbot.wait(50)
    reports = main_window.reports
    for combo in (reports.name, reports.range):
        words = combo.fontMetrics().horizontalAdvance(combo.currentText())
        assert combo.width() >= words + 40, combo.currentText()
    for widget in (reports.name, reports.range, reports.date_from, reports.date_to,
                   reports.run_button, reports.xlsx_button, reports.csv_button,
                   reports.pdf_button):
        if widget not in (reports.name, reports.range):
            assert widget.width() >= widget.minimumSizeHint().width()
        assert _inside(widget, main_window)
    boxes = [reports.name, reports.range, reports.date_from, reports.date_to]
    for left, right in zip(boxes, boxes[1:], strict=False):
        if left.y() == right.y():
            assert left.geometry().right() < right.geometry().left()  # no overlap
    main_window.show_area("settings")
    qtbot.wait(50)
    screen = main_window.settings_screen
    area = screen.findChild(QScrollArea)
    assert area.widget().width() <= area.viewport().width()  # no sideways scrolling
    assert "showroom_phone" in screen.fields  # with the other showroom fields


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


def test_narrow_then_wide_again_restores_the_wide_layout(qtbot, main_window):
    """A window dragged from a 1024 px terminal's size back to 1366 px gets the wide layout
    back: full navigation, one row of report controls, the producer column."""
    _sized(qtbot, main_window, (1024, 768))
    assert main_window.compact and main_window.nav.width() < 120
    assert main_window.stock.table.isColumnHidden(1)
    _sized(qtbot, main_window, (1366, 768))
    assert not main_window.compact and main_window.nav.width() == 232
    assert not main_window.stock.table.isColumnHidden(1)
    reports = main_window.reports
    assert reports._controls_more.count() == 0
    assert all(reports._controls.indexOf(b) >= 0 for b in reports._buttons)
    for button in main_window.nav_buttons.values():
        assert button.key_label.isVisibleTo(button)
