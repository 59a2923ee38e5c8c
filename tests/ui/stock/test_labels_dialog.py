"""The Labels dialog of the real stock screen: a cashier, with the manager's approval, gives the
demo's 20 crafts without barcodes in-store codes, prints their labels to the virtual label printer
and to an A4 PDF, and every label read back by zxing-cpp sells the right product."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pos_app import config

zxingcpp = pytest.importorskip("zxingcpp")

CRAFTS = ["BT-004", "BT-006", "BT-008", "BT-010", "BT-016", "CS-001", "CS-002", "CS-005",
          "PV-001", "PV-002", "PV-008", "QA-001", "SD-001", "SD-006", "TX-001", "TX-002",
          "TX-003", "VP-009", "VP-015", "VP-018"]


def scan(path) -> list[str]:
    from PIL import Image

    image = Image.open(path).convert("L")
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.EAN13)]


@pytest.fixture
def printer(tmp_path, demo_ctx):
    from pos_app.hardware.virtual_label_printer import VirtualLabelPrinter

    with VirtualLabelPrinter(tmp_path / "vlp", idle_timeout=0.5) as running:
        demo_ctx.settings.set(config.LABEL_PRINTER_URI, running.uri)
        yield running


@pytest.fixture
def dialog(qtbot, themed_app, demo_ctx, lanes, counter_session, approvals, printer):
    from pos_app.ui.stock.labels import LabelsDialog

    widget = LabelsDialog(demo_ctx.services, lanes, counter_session)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_twenty_crafts_get_codes_labels_and_sell(dialog, qtbot, demo_ctx, printer, approvals,
                                                 tmp_path):
    from pos_app.domain.cart import PaymentInput
    from pos_app.services.people.approval import Actor

    qtbot.mouseClick(dialog.missing_button, Qt.MouseButton.LeftButton)
    assert dialog.skus() == CRAFTS
    dialog.print_labels()  # no barcode yet: refused, nothing printed
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "mã nội bộ" in dialog.message.text() and not printer.jobs

    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and "20" in dialog.message.text(), timeout=10000)
    assert approvals.asked == [("instore_codes",)]
    codes = [dialog.table.item(row, 2).text() for row in range(dialog.table.rowCount())]
    assert all(len(c) == 13 and c.startswith("21") for c in codes)

    dialog._copies_box(CRAFTS.index("CS-002")).setValue(3)
    assert dialog.target.currentData() == "printer"
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_printed is not None, timeout=20000)
    (job,) = printer.wait_for_jobs(1)
    read = [scan(p) for p in job.labels]
    assert all(len(c) == 1 for c in read)
    expected = [code for sku, code in zip(CRAFTS, codes, strict=True)
                for _ in range(3 if sku == "CS-002" else 1)]
    assert [c[0] for c in read] == expected

    pdf = tmp_path / "nhan.pdf"
    dialog.last_printed = None
    dialog.target.setCurrentIndex(dialog.target.findData("3x7"))
    dialog.pdf_path.setText(str(pdf))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_printed is not None, timeout=20000)
    assert pdf.read_bytes().startswith(b"%PDF") and dialog.last_printed.pages == 2

    catalog, checkout = demo_ctx.services.catalog, demo_ctx.services.checkout
    cart = checkout.open_cart()
    for code in codes:
        found = catalog.lookup_code(code)
        assert found.product is not None
        checkout.add_product(cart, found.product.id, barcode=code, known=found.product)
    sale = checkout.complete_sale(cart, [PaymentInput("cash", cart.totals().total)],
                                  cashier=Actor(None, "Lan", "cashier"))
    assert [line.sku for line in checkout.find_sale(sale.receipt_no).lines] == CRAFTS


def test_refused_approval_and_printer_off_change_nothing(dialog, qtbot, approvals, demo_ctx):
    import socket

    dialog.add_sku("TX-001")
    approvals.refuse = True
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert "Quản lý chưa duyệt" in dialog.message.text()
    assert demo_ctx.services.codes.missing().count("TX-001") == 1

    approvals.refuse = False
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and "TX-001" not in
                    demo_ctx.services.codes.missing(), timeout=10000)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo_ctx.settings.set(config.LABEL_PRINTER_URI, f"tcp://127.0.0.1:{port}?timeout=2")
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and "Máy in" in dialog.message.text(),
                    timeout=20000)
    assert dialog.last_printed is None


def test_stock_screen_opens_the_labels_dialog(qtbot, themed_app, demo_ctx, counter_session):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from pos_app.ui.stock.labels import LabelsDialog
    from pos_app.ui.stock.screen import StockScreen

    screen = StockScreen(demo_ctx.services, None, counter_session)
    qtbot.addWidget(screen)
    screen.show()
    seen = []

    def step():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LabelsDialog):
            QTimer.singleShot(20, step)
            return
        seen.append(dialog.windowTitle())
        dialog.accept()

    QTimer.singleShot(0, step)
    qtbot.mouseClick(screen.labels_button, Qt.MouseButton.LeftButton)
    assert seen == ["Nhãn giá"]


def test_price_change_goes_on_the_reprint_list_and_the_next_label(dialog, qtbot, demo_ctx,
                                                                   approvals, printer):
    from pos_app.services.printing.labels import label_content

    dialog.add_sku("TX-001")
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and "TX-001" not in
                    demo_ctx.services.codes.missing(), timeout=10000)
    dialog.table.selectRow(0)
    dialog.price.setText("125.000")
    qtbot.mouseClick(dialog.price_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and "125.000 ₫" in dialog.message.text(),
                    timeout=10000)
    assert approvals.asked[-1] == ("price_set",)
    assert demo_ctx.services.prices.to_reprint() == ["TX-001"]
    product = demo_ctx.services.catalog.by_sku("TX-001")
    assert label_content(product, product.barcodes[0]).price_text == "125.000 ₫"

    dialog.remove_selected()
    assert dialog.skus() == []
    qtbot.mouseClick(dialog.reprint_button, Qt.MouseButton.LeftButton)
    assert dialog.skus() == ["TX-001"]
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_printed is not None, timeout=20000)
    qtbot.waitUntil(lambda: demo_ctx.services.prices.to_reprint() == [], timeout=10000)
