"""At the counter with e-invoicing on: a sale with the buyer's details through the real payment
dialog (offscreen), its invoice sent to a real gateway process, the code on the receipt bytes;
a wrong tax code is refused in the dialog; offline, nothing is lost."""

from __future__ import annotations

import time

import pytest
import requests
from PySide6.QtCore import Qt

from pos_app import config
from pos_app.domain.einvoice import Party
from pos_app.services.einvoice.settings import EInvoiceSettings
from tests.einvoice.conftest import gateway  # noqa: F401 (the fixture)
from tests.ui.sell.conftest import BANH_DAU_CODE


@pytest.fixture
def invoicing(ctx, gateway, tmp_path):  # noqa: F811
    out = tmp_path / "receipts.bin"
    ctx.settings.set(config.SHOWROOM_TAX_CODE, "0100109106")
    ctx.settings.set(config.PRINTER_URI, f"file://{out}")
    ctx.settings.set(config.PRINTER_TEXT_MODE, "ascii")
    ctx.services.einvoice.configure(EInvoiceSettings(
        enabled=True, seller=Party(), vat_method="credit", symbol_letters="AA",
        authority_code="A1B2C", till_slot=7, provider_url=gateway.url,
        lookup_url=f"{gateway.url}/tra-cuu"))
    return out


def pay_with_buyer(screen, qtbot, buyer):
    screen.on_scanned(BANH_DAU_CODE)
    dialog = screen.open_payment()
    assert dialog.buyer_button.isVisible()
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: dialog.buyer_dialog is not None and dialog.buyer_dialog.isVisible())
    form = dialog.buyer_dialog
    for key, value in buyer.items():
        form.fields[key].setText(value)
    form.ok_button.click()
    return dialog, form


def test_sale_with_buyer_invoice_sent_and_code_on_the_receipt(themed_app, ctx, screen, qtbot,
                                                              invoicing, gateway):  # noqa: F811
    dialog, form = pay_with_buyer(screen, qtbot, {"tax_code": "0100109107", "name": "Công ty A",
                                                  "address": "Hà Nội"})
    assert form.isVisible()  # refused: the domain's check digit, in Vietnamese
    assert form.message.text() == "chữ số kiểm tra của mã số thuế không đúng (gõ nhầm?)"
    form.fields["tax_code"].setText("0101248141")
    form.fields["email"].setText("ke.toan@congtya.vn")
    form.ok_button.click()
    assert not form.isVisible()
    assert dialog.buyer == {"tax_code": "0101248141", "name": "Công ty A", "address": "Hà Nội",
                            "email": "ke.toan@congtya.vn"}
    assert "0101248141" in dialog.buyer_label.text()
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.done_ok, timeout=10000)
    qtbot.waitUntil(lambda: screen.idle)
    sale = screen.last_completed
    svc = ctx.services.einvoice
    [inv] = svc.for_sale(sale.sale_id)
    assert inv.mccqt in dialog.success_invoice.text()
    assert svc.find(inv.id)[2]["tax_code"] == "0101248141"
    assert svc.send_once().sent == 1
    assert svc.for_sale(sale.sale_id)[0].status == "sent"
    page = requests.get(f"{gateway.url}/tra-cuu", params={"ma": inv.mccqt}, timeout=5)
    assert page.status_code == 200 and inv.mccqt in page.text
    assert b"<MST>0101248141</MST>" in svc.find(inv.id)[1]  # the buyer, in the sent XML
    deadline = time.monotonic() + 20
    while inv.mccqt.encode() not in (invoicing.read_bytes() if invoicing.exists() else b""):
        assert time.monotonic() < deadline, "the receipt never printed the code"
        qtbot.wait(100)
    data = invoicing.read_bytes()
    assert f"1{inv.symbol}-{inv.number:08d}".encode() in data
    assert f"tra-cuu?ma={inv.mccqt}".encode() in data  # the lookup QR's data


def test_offline_provider_loses_nothing(ctx, screen, qtbot, invoicing, gateway):  # noqa: F811
    svc = ctx.services.einvoice
    gateway.proc.terminate()
    gateway.proc.wait(10)
    screen.on_scanned(BANH_DAU_CODE)
    dialog = screen.open_payment()
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.done_ok, timeout=10000)
    qtbot.waitUntil(lambda: screen.idle)
    sale = screen.last_completed
    [inv] = svc.for_sale(sale.sale_id)  # issued with the sale, though nobody answers
    assert inv.mccqt in dialog.success_invoice.text()
    assert svc.send_once().error == "offline"
    assert svc.status().queued == 1 and svc.for_sale(sale.sale_id)[0].status == "queued"


def test_a_sale_stands_when_its_invoice_cannot_be_made(themed_app, ctx, screen, qtbot,
                                                       invoicing):
    ctx.settings.set(config.SHOWROOM_TAX_CODE, "0100109107")  # broken after setup
    screen.on_scanned(BANH_DAU_CODE)
    dialog = screen.open_payment()
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.done_ok, timeout=10000)
    qtbot.waitUntil(lambda: screen.idle)
    sale = screen.last_completed
    assert ctx.services.einvoice.for_sale(sale.sale_id) == []
    assert "sẽ được lập" in dialog.success_invoice.text()
    ctx.settings.set(config.SHOWROOM_TAX_CODE, "0100109106")
    assert ctx.services.einvoice.issue_pending() == (1, [])  # the pump's job, nothing lost
