"""The print service against the virtual printer over real TCP on 127.0.0.1.

What a cashier relies on: a paid sale prints; a printer that is off, drops the line, is slow
or out of paper leaves the job 'failed' with the reason, never touches the sale, and the job
prints on retry once the printer is back; reprints say they are copies; jobs print in order;
and asking to print never waits for the printer.
"""

from __future__ import annotations

import socket
import threading

import pytest
import zxingcpp
from PIL import Image, ImageChops
from sqlalchemy import func, select

from pos_app import config
from pos_app.db.models import AuditEntry, PrintJob, Sale, SaleVat
from pos_app.domain.vat import vat_by_rate
from pos_app.domain.vietqr import build_payload, parse_payload
from pos_app.hardware.escpos_decode import decode_escpos
from pos_app.hardware.raster import DRAWER_KICK, render_receipt
from pos_app.hardware.receipt_layout import Paper, TextRow, layout_receipt, load_texts
from pos_app.hardware.receipt_printer import EscposReceiptPrinter
from pos_app.hardware.virtual_printer import VirtualPrinter
from pos_app.services.printing.queue import JobEvent, PrintService, PrintServiceError
from tests.services.print_fixtures import (
    BANK_ACCOUNT,
    BANK_BIN,
    PRODUCTS,
    TRACE_URL,
    insert_sale,
    make_shop,
    sale_snapshot,
)

BASKET = [("BT-0007", 1), ("HD-0001", 2), ("VP-0003", 1), ("MN-0006", 350), ("DL-0002", 3)]


@pytest.fixture
def printer(tmp_path):
    with VirtualPrinter(tmp_path / "vp", idle_timeout=0.5) as vp:
        yield vp


@pytest.fixture
def printer58(tmp_path):
    with VirtualPrinter(tmp_path / "vp58", paper_dots=384, idle_timeout=0.5) as vp:
        yield vp


def _service(shop, port=None):
    return PrintService(shop.db, shop.settings, shop.clock, port or EscposReceiptPrinter())


@pytest.fixture
def shop(tmp_path, printer):
    shop = make_shop(tmp_path, printer_uri=printer.uri + "?timeout=2")
    yield shop
    shop.db.close()


@pytest.fixture
def service(shop):
    svc = _service(shop)
    yield svc
    svc.shutdown()


def _codes(png_path) -> dict[str, str]:
    image = Image.open(png_path).convert("L")
    return {r.text: r.format.name for r in zxingcpp.read_barcodes(image)}


def _texts(receipt, paper):
    rows = [b for b in layout_receipt(receipt, paper).blocks if isinstance(b, TextRow)]
    return [part for b in rows for part in (b.left, b.middle, b.right) if part]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- a committed sale prints ----------------------------------------------------------------------


def test_transfer_sale_prints_80mm_paid_with_barcode_and_trace_qr_not_the_vietqr(shop, service,
                                                                                 printer):
    sale_id, number = insert_sale(shop, BASKET, method="transfer")
    job_id = service.print_receipt(sale_id)
    info = service.wait(job_id)
    assert (info.status, info.error_code, info.attempts, info.receipt_no) == (
        "printed", "", 1, number)
    (job,) = printer.wait_for_jobs(1)
    assert job.complete
    codes = _codes(job.png_path)
    assert codes[number] == "Code128"
    receipt = service.receipt_for(sale_id)
    expected_qr = build_payload(bank_bin=BANK_BIN, account=BANK_ACCOUNT,
                                amount=receipt.totals.total, purpose=number)
    assert receipt.vietqr_payload == expected_qr  # ready for a bill, if one is printed
    paid = parse_payload(expected_qr)
    assert paid.amount == receipt.totals.total and paid.account == BANK_ACCOUNT
    # issue 18: the money is in, so the paper says so and never asks to scan and pay again
    assert codes[TRACE_URL] == "QRCode" and expected_qr not in codes
    texts = _texts(receipt, Paper.MM80)
    assert "Đã thanh toán chuyển khoản" in texts and "Quét mã để chuyển khoản" not in texts


def test_printed_raster_is_exactly_the_rendered_receipt_with_vietnamese_text(shop, service,
                                                                             printer):
    sale_id, number = insert_sale(shop, BASKET)
    service.wait(service.print_receipt(sale_id))
    (job,) = printer.wait_for_jobs(1)
    receipt = service.receipt_for(sale_id)
    texts = _texts(receipt, Paper.MM80)
    for expected in ("HÓA ĐƠN BÁN LẺ", "Điểm giới thiệu và bán sản phẩm OCOP Hà Nội",
                     "Ấm chén men rạn Bát Tràng\u00a0★★★★★", "Khăn lụa tơ tằm Vạn Phúc\u00a0★★★★",
                     "Kẹo lạc Đường Lâm\u00a0★★★", "Nguyễn Thị Hằng", "23/11/2026 10:15",
                     "0,350 kg × 250.000/kg", "Tiền thừa", "Cảm ơn quý khách!", number):
        assert expected in texts, expected
    # no OCR here: the paper must show pixel for pixel what the layout rendered
    rendered = render_receipt(receipt, Paper.MM80).convert("L")
    printed = Image.open(job.png_path).convert("L")
    top = printed.crop((0, 0, rendered.width, rendered.height))
    assert ImageChops.difference(top, rendered).getbbox() is None
    assert _codes(job.png_path)[number] == "Code128"
    assert receipt.vietqr_payload is None  # cash: nothing to scan and pay


def test_58mm_cash_sale(tmp_path, printer58):
    shop = make_shop(tmp_path, printer_uri=printer58.uri, paper=58)
    service = _service(shop)
    try:
        sale_id, number = insert_sale(shop, BASKET)
        assert service.wait(service.print_receipt(sale_id)).status == "printed"
        (job,) = printer58.wait_for_jobs(1)
        printed = Image.open(job.png_path)
        assert printed.width == 384
        rendered = render_receipt(service.receipt_for(sale_id), Paper.MM58).convert("L")
        assert rendered.width == 384
        top = printed.convert("L").crop((0, 0, 384, rendered.height))
        assert ImageChops.difference(top, rendered).getbbox() is None
        codes = _codes(job.png_path)
        assert codes[number] == "Code128" and codes[TRACE_URL] == "QRCode"
    finally:
        service.shutdown()
        shop.db.close()


def test_receipt_carries_vat_per_rate_payments_and_change(shop, service):
    sale_id, _ = insert_sale(shop, BASKET)
    receipt = service.receipt_for(sale_id)
    with shop.db.reader() as session:
        sale = session.get(Sale, sale_id)
        assert sale is not None
        stored = [(v.rate, v.vat) for v in sale.vat]
        vat_total = sale.vat_total
        expected = vat_by_rate([(ln.line_total, ln.vat_rate) for ln in sale.lines],
                               sale.discount)
    # the receipt prints the parts stored with the sale, rate by rate, to the đồng
    assert [(p.rate, p.amount) for p in receipt.totals.vat] == stored
    assert stored == [(v.rate, v.amount) for v in expected]
    assert [p.rate for p in receipt.totals.vat] == [8, 10]
    assert sum(p.amount for p in receipt.totals.vat) == vat_total
    assert all(p.amount > 0 for p in receipt.totals.vat)
    (payment,) = receipt.payments
    assert payment.amount - receipt.change == receipt.totals.total
    assert receipt.languages == ("vi", "en") and not receipt.reprint and not receipt.refund
    assert receipt.trace_url == TRACE_URL
    assert receipt.local_time.hour == 10  # Hanoi wall clock


def test_receipt_vat_comes_from_the_stored_parts_not_a_recount(shop, service):
    """A receipt never re-splits VAT: what checkout stored (here deliberately odd) is printed."""
    sale_id, _ = insert_sale(shop, BASKET, discount=40_000)
    with shop.db.transaction() as session:
        for row in session.scalars(select(SaleVat).where(SaleVat.sale_id == sale_id)):
            row.vat += 1
        stored = [(v.rate, v.vat) for v in session.scalars(
            select(SaleVat).where(SaleVat.sale_id == sale_id).order_by(SaleVat.rate))]
    receipt = service.receipt_for(sale_id)
    assert [(p.rate, p.amount) for p in receipt.totals.vat] == stored


def test_receipt_vat_of_a_discounted_sale_sums_to_the_sale_total(shop, service):
    sale_id, _ = insert_sale(shop, BASKET, discount=40_000)
    receipt = service.receipt_for(sale_id)
    with shop.db.reader() as session:
        sale = session.get(Sale, sale_id)
        assert sale is not None
        lines = [(ln.line_total, ln.vat_rate) for ln in sale.lines]
        vat_total = sale.vat_total
    # the discount is shared over the lines first, then each rate's VAT is taken
    parts = vat_by_rate(lines, 40_000)
    assert sum(p.gross for p in parts) == receipt.totals.total
    assert [(p.rate, p.amount) for p in receipt.totals.vat] == [(p.rate, p.amount)
                                                                  for p in parts]
    assert sum(p.amount for p in receipt.totals.vat) == vat_total
    assert vat_by_rate([(10_000, 0)])[0].amount == 0


def test_return_prints_as_a_refund_slip_naming_the_original(shop, service, printer):
    sale_id, number = insert_sale(shop, BASKET)
    ret_id, _ = insert_sale(shop, [("HD-0001", -2)], kind="return", original_sale_id=sale_id)
    receipt = service.receipt_for(ret_id)
    assert receipt.refund and receipt.original_number == number
    assert receipt.totals.total == -90_000
    texts = _texts(receipt, Paper.MM80)
    assert "PHIẾU TRẢ HÀNG" in texts and "REFUND RECEIPT" in texts
    assert "HÓA ĐƠN BÁN LẺ" not in texts and "Tiền thừa" not in texts
    assert load_texts("vi")["refund_cash"] in texts
    assert service.wait(service.print_receipt(ret_id)).status == "printed"


# -- faults: the job fails with its reason, the sale stays, retry prints -------------------------


def test_printer_offline_then_back_retry_prints(tmp_path):
    port = _free_port()
    shop = make_shop(tmp_path, printer_uri=f"tcp://127.0.0.1:{port}?timeout=2")
    service = _service(shop)
    try:
        sale_id, number = insert_sale(shop, BASKET)
        before = sale_snapshot(shop, sale_id)
        events: list[JobEvent] = []
        service.add_listener(events.append)
        job_id = service.print_receipt(sale_id)
        info = service.wait(job_id)
        assert (info.status, info.error_code) == ("failed", "offline")
        assert [e.status for e in events] == ["queued", "printing", "failed"]
        assert events[-1].receipt_no == number and events[-1].error_code == "offline"
        assert [j.id for j in service.failed_jobs()] == [job_id]
        assert sale_snapshot(shop, sale_id) == before
        with VirtualPrinter(tmp_path / "vp", port=port, idle_timeout=0.5) as printer:
            assert service.retry(job_id) == job_id
            info = service.wait(job_id)
            assert (info.status, info.error_code, info.attempts) == ("printed", "", 2)
            (job,) = printer.wait_for_jobs(1)
            assert _codes(job.png_path)[number] == "Code128"
        assert service.failed_jobs() == []
        assert sale_snapshot(shop, sale_id) == before
    finally:
        service.shutdown()
        shop.db.close()


def test_connection_dropped_mid_job_fails_and_stays_for_reprint(shop, service, printer):
    sale_id, number = insert_sale(shop, BASKET)
    before = sale_snapshot(shop, sale_id)
    printer.faults.close_after = 3000
    job_id = service.print_receipt(sale_id)
    info = service.wait(job_id)
    assert (info.status, info.error_code) == ("failed", "io_error")
    (partial,) = printer.wait_for_jobs(1)
    assert not partial.complete
    (listed,) = service.failed_jobs()
    assert (listed.id, listed.receipt_no, listed.kind) == (job_id, number, "receipt")
    assert sale_snapshot(shop, sale_id) == before
    printer.faults.close_after = None
    service.retry(job_id)
    assert service.wait(job_id).status == "printed"
    assert printer.wait_for_jobs(2)[-1].complete
    assert service.failed_jobs() == []


def test_slow_printer_past_the_timeout(tmp_path, printer):
    shop = make_shop(tmp_path, printer_uri=printer.uri + "?timeout=0.5")
    service = _service(shop)
    try:
        sale_id, _ = insert_sale(shop, BASKET)
        printer.faults.delay_s = 2
        info = service.wait(service.print_receipt(sale_id))
        assert (info.status, info.error_code) == ("failed", "timeout")
        printer.faults.delay_s = 0
        assert service.wait(service.retry(info.id)).status == "printed"
    finally:
        service.shutdown()
        shop.db.close()


@pytest.mark.parametrize("fault", ["paper_out", "cover_open"])
def test_paper_out_and_cover_open_seen_by_status_before_printing(shop, service, printer, fault):
    sale_id, _ = insert_sale(shop, BASKET)
    before = sale_snapshot(shop, sale_id)
    setattr(printer.faults, fault, True)
    assert service.printer_status() == fault
    info = service.wait(service.print_receipt(sale_id))
    assert (info.status, info.error_code) == ("failed", fault)
    assert sale_snapshot(shop, sale_id) == before
    setattr(printer.faults, fault, False)
    assert service.printer_status() == "ok"
    assert service.wait(service.retry(info.id)).status == "printed"


def test_no_printer_configured(tmp_path):
    shop = make_shop(tmp_path, printer_uri="")
    service = _service(shop)
    try:
        sale_id, _ = insert_sale(shop, BASKET)
        assert service.printer_status() == "not_configured"
        info = service.wait(service.print_receipt(sale_id))
        assert (info.status, info.error_code) == ("failed", "not_configured")
        shop.settings.set(config.PRINTER_URI, "lpt://nowhere")
        info = service.wait(service.retry(info.id))
        assert (info.status, info.error_code) == ("failed", "bad_uri")
    finally:
        service.shutdown()
        shop.db.close()


def test_bad_requests_change_nothing(shop, service):
    sale_id, _ = insert_sale(shop, BASKET)
    for call in (lambda: service.print_receipt("no-such-sale"),
                 lambda: service.reprint("Q01-20261123-0999"),
                 lambda: service.print_test_page("klingon"),
                 lambda: service.retry("no-such-job")):
        with pytest.raises(PrintServiceError):
            call()
    with shop.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(PrintJob)) == 0
    job_id = service.print_receipt(sale_id)
    service.wait(job_id)
    with pytest.raises(PrintServiceError) as err:
        service.retry(job_id)  # printed: nothing to retry
    assert err.value.code == "not_failed"


# -- reprints, order, never blocking ------------------------------------------------------------


def test_reprint_of_a_past_sale_says_it_is_a_copy(shop, service, printer):
    sale_id, number = insert_sale(shop, BASKET)
    job_id = service.reprint(number.lower())  # as typed at the till
    info = service.wait(job_id)
    assert (info.kind, info.status, info.sale_id) == ("reprint", "printed", sale_id)
    copy = service.receipt_for(sale_id, reprint=True)
    assert copy.reprint
    assert {"BẢN IN LẠI", "REPRINT"} <= set(_texts(copy, Paper.MM80))
    (job,) = printer.wait_for_jobs(1)
    rendered = render_receipt(copy, Paper.MM80).convert("L")
    top = Image.open(job.png_path).convert("L").crop((0, 0, 576, rendered.height))
    assert ImageChops.difference(top, rendered).getbbox() is None
    assert service.wait(service.reprint(sale_id)).status == "printed"  # by sale id too


def test_jobs_print_in_the_order_they_were_asked(shop, service, printer):
    sales = [insert_sale(shop, BASKET[: n + 1]) for n in range(4)]
    jobs = [service.print_receipt(sale_id) for sale_id, _ in sales]
    for job_id in jobs:
        assert service.wait(job_id).status == "printed"
    printed = printer.wait_for_jobs(4)
    assert [next(iter(k for k, v in _codes(j.png_path).items() if v == "Code128"))
            for j in printed] == [number for _, number in sales]


class _GatedPrinter(EscposReceiptPrinter):
    """The real adapter, but ``send`` waits for the test to open the gate."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.gate = threading.Event()

    def send(self, uri: str, data: bytes) -> None:
        self.entered.set()
        assert self.gate.wait(10)
        super().send(uri, data)


def test_asking_to_print_returns_before_the_printer_answers(shop, printer):
    port = _GatedPrinter()
    service = _service(shop, port)
    try:
        sale_id, _ = insert_sale(shop, BASKET)
        job_id = service.print_receipt(sale_id)  # returns although send cannot finish yet
        assert port.entered.wait(10)
        assert service.job(job_id).status == "printing"
        assert printer.jobs == []
        second = service.print_receipt(sale_id)  # queued behind the first, still no wait
        assert service.job(second).status == "queued"
        port.gate.set()
        assert service.wait(job_id).status == "printed"
        assert service.wait(second).status == "printed"
        assert len(printer.wait_for_jobs(2)) == 2
    finally:
        port.gate.set()
        service.shutdown()


# -- test pages, the drawer, status, modes, recovery ---------------------------------------------


def test_test_page_and_demo_receipt_in_a_text_mode(shop, service, printer):
    assert service.wait(service.print_test_page()).status == "printed"
    assert service.wait(service.print_test_page("tcvn3")).status == "printed"
    first, second = printer.wait_for_jobs(2)
    assert b"== TCVN3" in first.bin_path.read_bytes()
    assert b"\x1bt\x1e" in second.bin_path.read_bytes()  # ESC t 30: TCVN-3 lower case page


def test_text_mode_setting_prints_receipts_in_the_printer_font(shop, service, printer):
    shop.settings.set(config.PRINTER_TEXT_MODE, "cp1258")
    sale_id, _ = insert_sale(shop, BASKET)
    assert service.wait(service.print_receipt(sale_id)).status == "printed"
    (job,) = printer.wait_for_jobs(1)
    data = job.bin_path.read_bytes()
    assert b"\x1bt\x34" in data and b"\x1dv0" not in data  # ESC t 52, no raster
    assert decode_escpos(data).height > 500


def test_open_drawer_is_audited_and_kicks(shop, service, printer):
    before = 0
    with shop.db.reader() as session:
        before = session.scalar(select(func.count()).select_from(AuditEntry))
    job_id = service.open_drawer(user="Nguyễn Thị Hằng")
    assert service.wait(job_id).status == "printed"
    (job,) = printer.wait_for_jobs(1)
    assert DRAWER_KICK in job.bin_path.read_bytes()
    with shop.db.reader() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
    assert len(entries) == before + 1
    assert (entries[-1].action, entries[-1].user_name, entries[-1].target) == (
        "drawer_open", "Nguyễn Thị Hằng", job_id)


def test_receipt_with_drawer_kick(shop, service, printer):
    sale_id, _ = insert_sale(shop, BASKET)
    assert service.wait(service.print_receipt(sale_id, kick_drawer=True)).status == "printed"
    (job,) = printer.wait_for_jobs(1)
    assert DRAWER_KICK in job.bin_path.read_bytes()


def test_status_of_a_printer_that_is_not_there(tmp_path):
    shop = make_shop(tmp_path, printer_uri=f"tcp://127.0.0.1:{_free_port()}?timeout=1")
    service = _service(shop)
    try:
        assert service.printer_status() == "offline"
        assert service.printer_status("file:///tmp/x.bin") == "unknown"
    finally:
        shop.db.close()


def test_jobs_interrupted_by_a_crash_become_failed_and_listed(shop, printer):
    sale_id, number = insert_sale(shop, BASKET)
    with shop.db.transaction() as session:
        session.add(PrintJob(id="01a20000-0000-7000-8000-000000000001", kind="receipt",
                             sale_id=sale_id, printer_uri=printer.uri, status="printing",
                             attempts=1))
    service = _service(shop)
    try:
        service.wait(service.print_test_page())
        (stale,) = service.failed_jobs()
        assert (stale.error_code, stale.receipt_no) == ("interrupted", number)
        assert service.wait(service.retry(stale.id)).status == "printed"
    finally:
        service.shutdown()


def test_a_later_reprint_clears_the_failed_receipt_from_the_list(shop, service, printer):
    sale_id, number = insert_sale(shop, BASKET)
    printer.faults.paper_out = True
    failed = service.wait(service.print_receipt(sale_id))
    assert [j.id for j in service.failed_jobs()] == [failed.id]
    printer.faults.paper_out = False
    assert service.wait(service.reprint(number)).status == "printed"
    assert service.failed_jobs() == []


def test_listener_errors_do_not_stop_printing(shop, service, printer):
    def broken(event: JobEvent) -> None:
        raise RuntimeError("listener bug")

    service.add_listener(broken)
    sale_id, _ = insert_sale(shop, BASKET)
    assert service.wait(service.print_receipt(sale_id)).status == "printed"
    service.remove_listener(broken)


def test_every_printing_code_has_its_own_sentence():
    from pos_app.services.ports import PRINT_ERROR_CODES
    from pos_app.ui.messages.printing import error_text, job_failed_text, status_text

    codes = (*PRINT_ERROR_CODES, "no_such_sale", "no_such_job", "not_failed")
    sentences = {code: error_text(code) for code in codes}
    assert all("(" not in text for text in sentences.values())  # none fell back to the code
    assert len(set(sentences.values())) == len(codes)
    assert job_failed_text("paper_out", "Q01-20261123-0042") == (
        "The printer is out of paper — receipt Q01-20261123-0042 is waiting to be printed again")
    assert status_text("ok") == "Printer ready"
    assert error_text("martian") == "Printing failed (martian)"


def test_header_carries_every_showroom_line_including_the_phone(shop, service):
    sale_id, _ = insert_sale(shop, BASKET)
    texts = _texts(service.receipt_for(sale_id), Paper.MM58)
    assert texts[:4] == ["Điểm giới thiệu và bán sản phẩm OCOP Hà Nội",
                         "Số 8 Tràng Tiền, phường Hoàn Kiếm, Hà Nội", "MST: 0109876543",
                         "ĐT: 024 3825 1234"]


def test_the_demo_showroom_has_a_full_header(tmp_path):
    from pos_app.app import DEMO_HEADER, open_context

    with open_context(tmp_path / "demo", demo=True) as ctx:
        values = {key: ctx.settings.get(config.SETTINGS[key]) for key in DEMO_HEADER}
        assert values == DEMO_HEADER and ctx.settings.get(config.SHOWROOM_NAME)
    with open_context(tmp_path / "demo") as ctx:  # stored, not only in memory
        assert ctx.settings.get(config.SHOWROOM_PHONE) == DEMO_HEADER["showroom_phone"]


# -- the bill before payment (issue 18) -----------------------------------------------------------


def _cart(shop, items):
    from pos_app.domain.cart import Cart, CartLine

    by_sku = {p[0]: p for p in PRODUCTS}
    cart = Cart()
    for sku, qty in items:
        _, name_vi, name_en, stars, price, vat, _ = by_sku[sku]
        cart.lines.append(CartLine(product_id=shop.product_ids[sku], sku=sku, name_vi=name_vi,
                                   name_en=name_en, stars=stars, list_price=price,
                                   vat_rate=vat, qty=qty))
    return cart


def test_bill_before_payment_goes_through_the_queue_with_the_vietqr_to_pay(shop, service,
                                                                           printer):
    cart = _cart(shop, [("HD-0001", 2), ("VP-0003", 1)])
    job_id = service.print_bill(cart, "Q01-20261123-0007", cashier="Lan")
    info = service.wait(job_id)
    assert (info.kind, info.status, info.error_code) == ("bill", "printed", "")
    (job,) = printer.wait_for_jobs(1)
    expected_qr = build_payload(bank_bin=BANK_BIN, account=BANK_ACCOUNT,
                                amount=cart.total, purpose="Q01-20261123-0007")
    assert _codes(job.png_path).get(expected_qr) == "QRCode"
    bill = service.bill_for(cart, "Q01-20261123-0007", "Lan")
    assert bill.bill and not bill.payments and bill.totals.total == cart.total == 440_000
    texts = _texts(bill, Paper.MM80)
    assert "PHIẾU TẠM TÍNH" in texts and "Đã thanh toán chuyển khoản" not in texts
    assert any("024 3825 1234" in t for t in texts)  # the showroom phone in the header
    # nothing was sold: no sale row appeared
    with shop.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == 0


def test_bill_of_an_empty_cart_is_refused(service):
    from pos_app.domain.cart import Cart

    with pytest.raises(PrintServiceError) as err:
        service.print_bill(Cart(), "Q01-20261123-0007")
    assert err.value.code == "empty_cart"
