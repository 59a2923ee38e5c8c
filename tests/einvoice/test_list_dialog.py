"""The manager's "E-invoices" view: a day's invoices with their status and reason, refused ones
queued again, the buyer's PDF opened."""

from __future__ import annotations

import os

import pytest

from pos_app.domain.cart import PaymentInput
from pos_app.domain.einvoice import Party
from pos_app.formats.einvoice_wire import InvoiceAnswer
from pos_app.services.einvoice.settings import EInvoiceSettings
from tests.services.fixtures import CASHIER, add_catalog, make_services

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SELLER = dict(showroom_tax_code="0100109106", showroom_address="1 Tràng Tiền, Hoàn Kiếm, Hà Nội")


class RefuseFirst:
    """A provider that refuses the first invoice it sees and accepts the rest."""

    def __init__(self) -> None:
        self.refused: set[str] = set()

    def health(self) -> bool:
        return True

    def send(self, invoices):
        answers = []
        for inv in invoices:
            if not self.refused:
                self.refused.add(inv.id)
                answers.append(InvoiceAnswer(inv.id, False, inv.mccqt, reason="schema",
                                             detail="DLHDon missing"))
            else:
                answers.append(InvoiceAnswer(inv.id, True, inv.mccqt, ack_id="ok-" + inv.id))
        return answers


@pytest.fixture
def env(tmp_path):
    services, clock = make_services(tmp_path, **SELLER)
    catalog = add_catalog(services.db, opening_stock=1000)
    svc = services.einvoice
    svc.connector = None
    svc.transport = RefuseFirst()
    svc.configure(EInvoiceSettings(
        enabled=True, seller=Party(), vat_method="credit", symbol_letters="AA",
        authority_code="A1B2C", till_slot=3))
    for qty in (1, 2, 3):
        cart = services.checkout.open_cart()
        services.checkout.add_product(cart, catalog.tea, qty=qty)
        services.checkout.complete_sale(cart, [PaymentInput("cash", cart.total)],
                                        cashier=CASHIER)
    yield services, svc
    services.db.close()


def test_day_list_retry_refused_and_open_pdf(qtbot, env):
    from pos_app.ui.einvoice_list import EInvoiceListDialog

    services, svc = env
    result = svc.send_once()
    assert (result.sent, result.refused) == (2, 1)
    opened = []
    dialog = EInvoiceListDialog(svc, open_file=opened.append)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    statuses = sorted(dialog.status_of(r) for r in dialog.rows)
    assert statuses == ["refused", "sent", "sent"]
    refused_row = next(i for i, r in enumerate(dialog.rows) if r.status == "refused")
    assert "DLHDon missing" in dialog.table.item(refused_row, 6).text()
    assert dialog.retry_button.isEnabled()
    assert dialog.retry() == 1
    assert sorted(dialog.status_of(r) for r in dialog.rows) == ["queued", "sent", "sent"]
    assert not dialog.retry_button.isEnabled()
    assert svc.send_once().sent == 1

    dialog.table.selectRow(0)
    path = dialog.open_pdf()
    assert path is not None and opened == [path]
    assert path.read_bytes().startswith(b"%PDF")


def test_queued_from_an_earlier_day_is_late(qtbot, env):
    from pos_app.ui.einvoice_list import EInvoiceListDialog

    _, svc = env
    svc.clock.advance(days=1)  # nothing was sent: yesterday's invoices are late today
    dialog = EInvoiceListDialog(svc, open_file=lambda p: None)
    qtbot.addWidget(dialog)
    assert dialog.rows == []  # today: none yet
    dialog.day.setDate(dialog.day.date().addDays(-1))
    assert len(dialog.rows) == 3
    assert {dialog.status_of(r) for r in dialog.rows} == {"late"}
    assert "3 late" in dialog.summary.text() or "3" in dialog.summary.text()
