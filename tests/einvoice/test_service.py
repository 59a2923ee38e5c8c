"""The e-invoice service on a real SQLite database and a real gateway process."""

import pytest
import requests
from sqlalchemy import text

from pos_app.domain.cart import PaymentInput
from pos_app.domain.einvoice import EInvoiceError, Party
from pos_app.formats.einvoice_xml import summary, validate_xml
from pos_app.services.einvoice.service import EInvoiceService
from pos_app.services.einvoice.settings import EInvoiceSettings
from pos_app.sync.einvoice_client import EInvoiceClient
from tests.services.fixtures import APPROVAL, CASHIER, add_catalog, make_services

SELLER = dict(showroom_tax_code="0100109106", showroom_address="1 Tràng Tiền, Hoàn Kiếm, Hà Nội")


@pytest.fixture
def env(tmp_path, gateway):
    services, clock = make_services(tmp_path, **SELLER)
    catalog = add_catalog(services.db, opening_stock=50_000)
    svc = EInvoiceService(services.db, services.settings, clock,
                          EInvoiceClient(gateway.url, read_timeout=2), backoff_base=1,
                          backoff_cap=2)
    svc.configure(EInvoiceSettings(
        enabled=True, seller=Party(), vat_method="credit", symbol_letters="AA",
        authority_code="A1B2C", till_slot=3, lookup_url=f"{gateway.url}/tra-cuu"))
    yield services, svc, catalog, clock, gateway
    services.db.close()


def sell(co, items, discount=0):
    cart = co.open_cart()
    for product_id, qty in items:
        if isinstance(qty, tuple):
            co.add_product(cart, product_id, grams=qty[1])
        else:
            co.add_product(cart, product_id, qty=qty)
    if discount:
        cart.set_discount(discount)
    return co.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER)


def test_sale_invoiced_queued_sent_and_looked_up(env):
    services, svc, catalog, clock, gateway = env
    sale = sell(services.checkout, [(catalog.tea, 3), (catalog.rice, ("g", 500)),
                                    (catalog.silk, 1)], discount=10_000)
    assert svc.issue_pending() == (0, [])  # checkout issued it in the sale's transaction
    assert svc.issue_pending() == (0, [])  # never twice
    [inv] = svc.for_sale(sale.sale_id)
    assert inv.status == "queued" and inv.number == 1 and inv.symbol == "C26MAA"
    assert inv.mccqt == "M1-26-A1B2C-03000000001"
    row, xml, _ = svc.find(inv.mccqt)
    facts = summary(validate_xml(xml))  # the stored XML validates against our XSD
    with services.db.reader() as s:
        vat_total = s.execute(text("SELECT vat_total, total FROM sales WHERE id=:i"),
                              {"i": sale.sale_id}).one()
    assert (facts.total_vat, facts.total) == tuple(vat_total) == (inv.total_vat, sale.total)
    assert set(facts.vat_by_rate) == {"5%", "8%", "10%"}

    gateway.mode("garbage")
    assert svc.send_once().error == "bad_response"
    assert svc.status().queued == 1
    gateway.mode("ok")
    assert svc.send_once().sent == 0  # backing off: not yet due
    clock.advance(seconds=5)
    assert svc.send_once().sent == 1
    assert svc.status().queued == 0 and svc.status().sent == 1
    page = requests.get(f"{gateway.url}/tra-cuu", params={"ma": inv.mccqt}, timeout=5)
    assert page.status_code == 200 and inv.mccqt in page.text


def test_offline_day_then_everything_exactly_once(env, tmp_path):
    services, svc, catalog, clock, gateway = env
    svc.transport = EInvoiceClient("http://127.0.0.1:9", connect_timeout=0.5)
    for _ in range(12):
        sell(services.checkout, [(catalog.candy, 2)])
    svc.issue_pending()
    assert svc.send_once().error == "offline"
    clock.advance(days=1)
    assert svc.status().late == 12
    svc.transport = EInvoiceClient(gateway.url)
    svc.batch_size = 5
    gateway.mode("drop")  # stored by the gateway, but the answer is lost
    assert svc.send_once(max_batches=1).error == "offline"
    gateway.mode("ok")
    clock.advance(seconds=5)
    result = svc.send_once()
    assert (result.sent, result.refused, result.error) == (12, 0, "")
    numbers = sorted(r.number for r in svc.invoices())
    assert numbers == list(range(1, 13))


def test_return_and_void_issue_adjustments(env):
    services, svc, catalog, clock, _ = env
    co = services.checkout
    sale = sell(co, [(catalog.tea, 3), (catalog.book, 1)])
    svc.issue_pending()
    line = next(ln for ln in co.find_sale(sale.receipt_no).lines if ln.sku == "TEA01")
    co.return_items(sale.receipt_no, {line.id: 1}, cashier=CASHIER, approval=APPROVAL,
                    reason="khách đổi ý")
    other = sell(co, [(catalog.silk, 1)])
    svc.issue_pending()
    co.void_sale(other.sale_id, cashier=CASHIER, approval=APPROVAL, reason="nhầm hàng")
    assert svc.issue_pending()[0] == 0  # the void's adjustment came with the void
    kinds = {(r.purpose, r.kind, r.total) for r in svc.invoices()}
    assert ("return", "adjustment", -120_000) in kinds
    assert ("void", "adjustment", -450_000) in kinds
    original = svc.for_sale(sale.sale_id)[0]
    adj = next(r for r in svc.invoices() if r.purpose == "return")
    assert summary(validate_xml(svc.find(adj.id)[1])).related_mccqt == original.mccqt
    assert svc.send_once().sent == 4  # sale, its return, the other sale, its void


def test_refused_parked_then_retried_and_replacement(env):
    services, svc, catalog, clock, gateway = env
    sale = sell(services.checkout, [(catalog.vase, 1)])
    svc.issue_pending()
    gateway.mode("refuse")
    assert svc.send_once().refused == 1
    assert svc.status().refused == 1
    assert svc.invoices(status="refused")[0].last_error == "refused_by_authority"
    gateway.mode("ok")
    assert svc.retry() == 1 and svc.send_once().sent == 1
    original = svc.for_sale(sale.sale_id)[0]
    with pytest.raises(EInvoiceError) as info:
        svc.replace(original.id, {"name": "Công ty A", "tax_code": "0100109107",
                                  "address": "Hà Nội"})
    assert info.value.code == "tax_code_check_digit"
    new = svc.replace(original.id, {"name": "Công ty A", "tax_code": "0101248141",
                                    "address": "Hà Nội"})
    assert new.kind == "replacement" and new.number == 2
    assert svc.find(new.id)[2]["tax_code"] == "0101248141"
    assert svc.send_once().sent == 1


def test_issued_invoice_is_immutable(env):
    services, svc, catalog, _, _ = env
    sell(services.checkout, [(catalog.tea, 1)])
    svc.issue_pending()
    with pytest.raises(Exception, match="einvoice_immutable"), \
            services.db.transaction() as s:
        s.execute(text("UPDATE einvoices SET total = 1"))
    with pytest.raises(Exception, match="einvoice_immutable"), \
            services.db.transaction() as s:
        s.execute(text("DELETE FROM einvoices"))


def test_bad_settings_refused(env):
    _, svc, _, _, _ = env
    with pytest.raises(EInvoiceError):
        svc.configure(EInvoiceSettings(enabled=True, seller=Party(), vat_method="credit",
                                       symbol_letters="A1", authority_code="A1B2C",
                                       till_slot=3))


def test_checkout_hook_keeps_the_sale_when_no_invoice_can_be_made(env):
    """A setting that makes no lawful invoice (here the seller's tax code went bad) costs the
    sale nothing: it commits, and the pump issues its invoice once the setting is fixed."""
    services, svc, catalog, clock, _ = env
    services.settings._stored["showroom_tax_code"] = "0100109107"  # bad check digit
    sale = sell(services.checkout, [(catalog.tea, 1)])
    assert services.checkout.find_sale(sale.receipt_no) is not None  # the sale stands
    assert svc.for_sale(sale.sale_id) == []
    assert svc.issue_pending() == (0, [(sale.receipt_no, "tax_code_check_digit")])
    services.settings._stored["showroom_tax_code"] = "0100109106"
    assert svc.issue_pending() == (1, [])


def test_buyer_details_go_with_the_sale(env):
    services, svc, catalog, clock, _ = env
    co = services.checkout
    cart = co.open_cart()
    co.add_product(cart, catalog.tea, qty=1)
    with pytest.raises(EInvoiceError) as info:  # refused before anything is written
        co.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER,
                         buyer={"name": "Công ty A", "tax_code": "0100109107",
                                "address": "Hà Nội"})
    assert info.value.code == "tax_code_check_digit"
    done = co.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER,
                            buyer={"name": "Công ty A", "tax_code": "0101248141",
                                   "address": "Hà Nội", "email": "ke.toan@a.vn"})
    [inv] = svc.for_sale(done.sale_id)
    buyer = svc.find(inv.id)[2]
    assert buyer["tax_code"] == "0101248141" and buyer["email"] == "ke.toan@a.vn"


def test_receipt_prints_the_code_and_lookup_qr(env):
    from pos_app.hardware.receipt_layout import Paper, QrRow, TextRow, layout_receipt
    from pos_app.hardware.receipt_printer import EscposReceiptPrinter

    services, svc, catalog, clock, gateway = env
    sale = sell(services.checkout, [(catalog.tea, 2)])
    [inv] = svc.for_sale(sale.sale_id)
    receipt = services.printing.receipt_for(sale.sale_id)
    assert receipt.einvoice is not None and receipt.einvoice.mccqt == inv.mccqt
    assert receipt.einvoice.label == f"1{inv.symbol}-{inv.number:08d}"
    blocks = layout_receipt(receipt, Paper.MM80).blocks
    rows = [b for b in blocks if isinstance(b, TextRow)]
    assert any(r.right == inv.mccqt for r in rows)
    qr = [c.data for b in blocks if isinstance(b, QrRow) for c in b.codes]
    assert f"{gateway.url}/tra-cuu?ma={inv.mccqt}" in qr
    data = EscposReceiptPrinter().render(receipt, 80, "ascii", False)
    assert inv.mccqt.encode() in data
