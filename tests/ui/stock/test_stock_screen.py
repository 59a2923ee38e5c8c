"""The manager at the real stock screen: receives goods, counts, adjusts and writes off,
searches without tone marks and filters the low-stock products."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer


@pytest.fixture
def approvals(approvals):
    """The codes a manager was asked to approve (the demo manager approves each)."""
    return approvals.asked


@pytest.fixture
def screen(qtbot, themed_app, demo_ctx, counter_session):
    from pos_app.ui.stock.screen import StockScreen

    widget = StockScreen(demo_ctx.services, None, counter_session)
    qtbot.addWidget(widget)
    widget.resize(1134, 670)
    widget.show()
    widget.refresh()
    return widget


def in_dialog(act):
    """Run ``act(dialog)`` once the screen's modal dialog is up (exec() blocks the test)."""
    def step():
        from PySide6.QtWidgets import QApplication

        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, step)
            return
        act(dialog)

    QTimer.singleShot(0, step)


def level(demo_ctx, product_id):
    return demo_ctx.services.stock.level(product_id)


def test_search_folds_tone_marks_and_filters(screen, qtbot):
    total = screen.model.rowCount()
    assert total == 335
    qtbot.keyClicks(screen.search, "banh chung")
    qtbot.waitUntil(lambda: 0 < screen.model.rowCount() < total)
    assert all("chưng" in r.name_vi.lower() for r in screen.model.rows)
    screen.search.clear()
    screen.cert.setCurrentIndex(screen.cert.findData("revoked"))
    assert screen.model.rowCount() == 2
    assert all(r.cert_status == "revoked" for r in screen.model.rows)


def test_goods_receipt_through_the_dialog(screen, qtbot, demo_ctx):
    product = screen.model.rows[0]
    before = level(demo_ctx, product.id)

    def fill(dialog):
        dialog.consignment.setChecked(True)
        dialog.doc_no.setText("PN-2026-11")
        dialog.code.setText(product.sku)
        dialog.qty.setValue(12)
        dialog.cost.setText("85.000")
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        assert dialog.table.rowCount() == 1
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    in_dialog(fill)
    assert screen.open_receipt() == 1
    assert level(demo_ctx, product.id) == before + 12
    row = next(r for r in screen.model.all_rows if r.id == product.id)
    assert row.on_hand == before + 12


def test_receipt_without_cost_on_consignment_shows_why(screen, qtbot, demo_ctx):
    product = screen.model.rows[0]
    before = level(demo_ctx, product.id)
    seen = []

    def fill(dialog):
        dialog.consignment.setChecked(True)
        dialog.code.setText(product.sku)
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.error.text())
        dialog.reject()

    in_dialog(fill)
    assert screen.open_receipt() == 0
    assert seen and seen[0]
    assert level(demo_ctx, product.id) == before


def test_write_off_with_approval_and_threshold(screen, qtbot, demo_ctx, approvals):
    screen.table.selectRow(0)
    product = screen.model.rows[0]
    before = product.on_hand

    def fill(dialog):
        dialog.qty.setValue(before + 1)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.error.text()  # more than in stock: refused, dialog stays
        dialog.qty.setValue(2)
        dialog.threshold.setValue(before)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    in_dialog(fill)
    assert screen.open_adjust() == 1
    assert approvals == [("writeoff",)]
    assert level(demo_ctx, product.id) == before - 2
    assert screen.alert.isVisible()
    screen.low_only.setChecked(True)
    assert [r.id for r in screen.model.rows] == [product.id]


def test_count_twice_asks_then_posts(screen, qtbot, demo_ctx, approvals):
    product = screen.model.rows[0]
    expected = product.on_hand
    asked = []

    def fill(dialog):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        dialog.code.setText(product.sku)
        dialog.qty.setValue(expected - 3)
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
        assert dialog.table.rowCount() == 1
        dialog.ask_twice = lambda previous, n: asked.append((previous, n)) or "add"
        dialog.code.setText(product.sku)
        dialog.qty.setValue(1)
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
        assert dialog.table.item(0, 2).text() == str(expected - 2)
        qtbot.mouseClick(dialog.post_button, Qt.MouseButton.LeftButton)

    in_dialog(fill)
    assert screen.open_count() == 1
    assert asked == [(expected - 3, 1)]
    assert approvals == [("stock_count",)]
    assert level(demo_ctx, product.id) == expected - 2


def test_scanning_counts_up_receipt_lines_and_count_takes_code_then_qty(screen, qtbot,
                                                                         demo_ctx, approvals):
    from pos_app.ui.stock.dialogs import CountDialog, ReceiptDialog

    product = screen.model.rows[0]
    receipt = ReceiptDialog(demo_ctx.services, screen.session, screen)
    qtbot.addWidget(receipt)
    assert receipt.property("acceptsScans")
    for _ in range(3):  # a scanner types the code and Enter
        qtbot.keyClicks(receipt.code, product.sku)
        qtbot.keyClick(receipt.code, Qt.Key.Key_Return)
    assert receipt.table.rowCount() == 1 and receipt.lines[0].qty == 3

    count = CountDialog(demo_ctx.services, screen.session, screen)
    qtbot.addWidget(count)
    count.show()
    count.start()
    qtbot.keyClicks(count.code, product.sku)
    qtbot.keyClick(count.code, Qt.Key.Key_Return)
    assert count.table.rowCount() == 0  # waits for the quantity
    count.qty.lineEdit().selectAll()
    qtbot.keyClicks(count.qty.lineEdit(), "7")
    qtbot.keyClick(count.qty.lineEdit(), Qt.Key.Key_Return)
    assert count.table.rowCount() == 1 and count.table.item(0, 2).text() == "7"
    count.cancel_count()
