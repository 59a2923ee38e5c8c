"""The receipt printer the services see: render a receipt to bytes, send bytes, ask for status.

``pos_app.app`` hands an :class:`EscposReceiptPrinter` to the print service as its
``ReceiptPrinter`` port (``services/ports.py``), so the services never import this package.
Failures are :class:`~pos_app.hardware.printers.PrintError` whose ``code`` the service records
on the print job; a URI that cannot name a printer is ``bad_uri``, none at all ``not_configured``.

Also here: :func:`demo_receipt`, a realistic receipt for test pages, and :func:`bench_printing`,
the render benchmark that ``ocop-pos-admin bench`` reports.
"""

from __future__ import annotations

import datetime as dt
import logging
import statistics
import time
from collections.abc import Sequence
from typing import Any

from pos_app.domain.receipt import (
    PRINT_MODES,
    Payment,
    PaymentMethod,
    QtyUnit,
    Receipt,
    ReceiptLine,
    ShowroomHeader,
    Totals,
    VatPart,
)
from pos_app.domain.vat import vat_by_rate
from pos_app.domain.vietqr import build_payload
from pos_app.hardware.printers import (
    STATUS_TIMEOUT,
    PrinterKind,
    PrintError,
    PrinterSpec,
    PrinterUriError,
    _map_error,
    _query,
    _status_error,
    open_printer,
    parse_printer_uri,
    send_job,
)
from pos_app.hardware.raster import (
    DRAWER_KICK,
    ESC_INIT,
    FEED_AND_CUT,
    raster_commands,
    receipt_job,
    render_layout,
)
from pos_app.hardware.receipt_layout import (
    Align,
    Block,
    Paper,
    ReceiptLayout,
    Rule,
    Size,
    TextRow,
)
from pos_app.hardware.text_modes import TextMode, self_test_page, text_job

log = logging.getLogger(__name__)

MODES = PRINT_MODES
_READABLE = (PrinterKind.TCP, PrinterKind.USB, PrinterKind.SERIAL)


def paper_of(width_mm: int) -> Paper:
    return Paper.MM58 if width_mm == 58 else Paper.MM80


def _spec(uri: str) -> PrinterSpec:
    if not uri.strip():
        raise PrintError("not_configured")
    try:
        return parse_printer_uri(uri)
    except PrinterUriError as exc:
        raise PrintError("bad_uri", exc.code) from None


class EscposReceiptPrinter:
    """ESC/POS printers through python-escpos (see ``printers.py``); stateless, thread-safe."""

    def warm_up(self) -> None:
        """Import python-escpos now (its profile database is parsed from YAML at import, and
        it pulls in python-barcode), rather than on the print worker during the first job."""
        import escpos.printer  # noqa: F401

    def render(self, receipt: Receipt, paper_mm: int, mode: str, kick_drawer: bool) -> bytes:
        """One complete job: raster by default, or native text in ``mode``."""
        paper = paper_of(paper_mm)
        if mode == "raster":
            return receipt_job(receipt, paper, kick_drawer=kick_drawer)
        try:
            text_mode = TextMode(mode)
        except ValueError:
            raise PrintError("bad_mode", mode) from None
        return text_job(receipt, paper, text_mode, kick_drawer=kick_drawer)

    def test_page(self, paper_mm: int, mode: str | None) -> bytes:
        """The self-test page (every mode side by side), or a demo receipt in one ``mode``."""
        if mode is None:
            return self_test_page(paper_of(paper_mm))
        return self.render(demo_receipt(8), paper_mm, mode, False)

    def drawer_kick(self) -> bytes:
        return ESC_INIT + DRAWER_KICK

    def document(self, rows: Sequence[tuple[str, str, str]], paper_mm: int) -> bytes:
        """A plain report (Z/X report) as raster: ``(left, right, style)`` rows, style ``""``,
        ``"bold"``, ``"title"`` (large, centred) or ``"rule"`` (a line across)."""
        paper = paper_of(paper_mm)
        blocks: list[Block] = []
        for left, right, style in rows:
            if style == "rule":
                blocks.append(Rule())
            elif style == "title":
                blocks.append(TextRow(left, align=Align.CENTER, bold=True, size=Size.LARGE))
            else:
                blocks.append(TextRow(left, right, bold=style == "bold"))
        image = render_layout(ReceiptLayout(paper, tuple(blocks)))
        return ESC_INIT + raster_commands(image) + FEED_AND_CUT

    def send(self, uri: str, data: bytes) -> None:
        """Deliver ``data``; raise PrintError(offline | paper_out | cover_open | timeout |
        not_found | io_error | unsupported | bad_uri | not_configured)."""
        send_job(_spec(uri), data)

    def status(self, uri: str) -> str:
        """"ok", "unknown" (a printer that does not answer DLE EOT, a spooler, a file) or an
        error code. Never raises."""
        try:
            spec = _spec(uri)
        except PrintError as exc:
            return exc.code
        if not spec.status or spec.kind not in _READABLE:
            return "unknown"
        try:
            conn: Any = open_printer(spec)
        except PrintError as exc:
            return exc.code
        try:
            if spec.kind is PrinterKind.TCP:
                conn.device.settimeout(min(spec.timeout, STATUS_TIMEOUT))
            offline_cause, paper = _query(conn, 2, spec), _query(conn, 4, spec)
            error = _status_error(offline_cause, paper)
            if error:
                return error
            return "unknown" if offline_cause is None and paper is None else "ok"
        except PrintError as exc:
            return exc.code
        except Exception as exc:
            return _map_error(spec, exc).code
        finally:
            try:
                conn.close()
            except Exception:
                log.debug("closing printer %s failed", spec.uri, exc_info=True)


# -- a realistic receipt for test pages and the benchmark --------------------------------------

_DEMO_LINES: tuple[tuple[str, int | None, int, int, int, int, QtyUnit], ...] = (
    # name, stars, qty, unit price, line discount, VAT %, unit
    ("Bánh đậu xanh Hải Dương", 4, 2, 45_000, 0, 8, QtyUnit.PIECE),
    ("Ấm chén men rạn Bát Tràng", 5, 1, 850_000, 50_000, 10, QtyUnit.PIECE),
    ("Khăn lụa tơ tằm Vạn Phúc", 4, 1, 350_000, 0, 10, QtyUnit.PIECE),
    ("Kẹo lạc Đường Lâm", 3, 3, 30_000, 0, 8, QtyUnit.PIECE),
    ("Chè Shan tuyết Suối Giàng (hộp 200 g)", 5, 1, 420_000, 0, 8, QtyUnit.PIECE),
    ("Mộc nhĩ rừng sấy khô", 3, 350, 250_000, 0, 8, QtyUnit.GRAM),
    ("Rượu nếp cái hoa vàng Ỷ La", 4, 2, 120_000, 0, 10, QtyUnit.PIECE),
    ("Bình gốm Chu Đậu vẽ tay", 5, 1, 1_250_000, 0, 10, QtyUnit.PIECE),
    ("Nón lá làng Chuông", 3, 2, 95_000, 10_000, 10, QtyUnit.PIECE),
    ("Miến dong Bình Lư", 4, 4, 55_000, 0, 5, QtyUnit.PIECE),
    ("Giò lụa Ước Lễ", 4, 1, 180_000, 0, 5, QtyUnit.PIECE),
    ("Cốm làng Vòng", 4, 500, 300_000, 0, 5, QtyUnit.GRAM),
    ("Tranh Đông Hồ “Đám cưới chuột”", 5, 1, 150_000, 0, 10, QtyUnit.PIECE),
    ("Gạo nếp cái hoa vàng", 3, 2, 65_000, 0, 5, QtyUnit.PIECE),
    ("Mật ong bạc hà Đồng Văn", 4, 1, 280_000, 0, 5, QtyUnit.PIECE),
    ("Quạt giấy Chàng Sơn", 3, 3, 45_000, 0, 10, QtyUnit.PIECE),
    ("Hương trầm Quảng Phú Cầu", 3, 2, 70_000, 0, 10, QtyUnit.PIECE),
    ("Bún Phú Đô sấy khô", 3, 5, 25_000, 0, 5, QtyUnit.PIECE),
    ("Trà sen Tây Hồ", 5, 1, 390_000, 0, 8, QtyUnit.PIECE),
    ("Bánh cuốn Thanh Trì (hộp)", 4, 2, 40_000, 0, 5, QtyUnit.PIECE),
)


def demo_receipt(n_lines: int = 20, *, transfer: bool = False, bill: bool = False) -> Receipt:
    """A showroom receipt of ``n_lines`` Vietnamese products: paid in cash, paid by bank
    transfer, or (``bill``) a bill printed before payment with the VietQR to pay it."""
    lines = []
    for i in range(n_lines):
        name, stars, qty, price, discount, vat, unit = _DEMO_LINES[i % len(_DEMO_LINES)]
        gross = qty * price // 1000 if unit is QtyUnit.GRAM else qty * price
        lines.append(ReceiptLine(name=name, qty=qty, unit_price=price, line_total=gross - discount,
                                 vat_rate=vat, stars=stars, discount=discount, unit=unit))
    total = sum(line.line_total for line in lines)
    number = "Q01-20261123-0042"
    payload = None
    payments: tuple[Payment, ...]
    if bill:
        payments, change = (), 0
        payload = build_payload(bank_bin="970436", account="0011001234567", amount=total,
                                purpose=number)
    elif transfer:
        payments = (Payment(PaymentMethod.TRANSFER, total, "FT26327123456"),)
        change = 0
    else:
        tendered = -(-total // 100_000) * 100_000
        payments, change = (Payment(PaymentMethod.CASH, tendered),), tendered - total
    return Receipt(
        header=ShowroomHeader("Điểm giới thiệu và bán sản phẩm OCOP Hà Nội",
                              "Số 8 Tràng Tiền, phường Hoàn Kiếm, Hà Nội", "0109876543",
                              "024 3825 1234"),
        number=number,
        sold_at=dt.datetime(2026, 11, 23, 3, 15, tzinfo=dt.UTC),
        cashier="Nguyễn Thị Hằng",
        lines=tuple(lines),
        totals=Totals(total, 0, total, tuple(
            VatPart(v.rate, v.amount)
            for v in vat_by_rate((line.line_total, line.vat_rate) for line in lines))),
        payments=payments,
        change=change,
        vietqr_payload=payload,
        trace_url="https://ocop.hanoi.gov.vn/truy-xuat/HN-BT-0042",
        languages=("vi", "en"),
        bill=bill,
    )


def bench_printing(n: int = 50) -> dict[str, float]:
    """Render an 80 mm, 20-line raster receipt to ESC/POS bytes ``n`` times.

    Returns ``{"n", "p50_ms", "p99_ms", "bytes", "bytes_vietqr"}`` (targets: p50 ≤ 50 ms,
    size ≤ 60 kB, paid in cash, and the bill before payment that carries the VietQR beside the
    origin QR).
    """
    receipt = demo_receipt(20)
    size = len(receipt_job(receipt, Paper.MM80))  # warms the font and QR caches
    size_vietqr = len(receipt_job(demo_receipt(20, bill=True), Paper.MM80))
    times: list[float] = []
    for _ in range(max(1, n)):
        start = time.perf_counter()
        receipt_job(receipt, Paper.MM80)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    return {"n": float(len(times)), "p50_ms": round(statistics.median(times), 2),
            "p99_ms": round(p99, 2), "bytes": float(size), "bytes_vietqr": float(size_vietqr)}
