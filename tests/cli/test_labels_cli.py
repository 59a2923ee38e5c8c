"""``ocop-pos-admin labels …`` and ``virtual-label-printer`` on the demo showroom: its 20 craft
items without barcodes get in-store codes, their labels go to the virtual label printer and to
an A4 PDF, and every label read back by zxing-cpp finds the right product at the counter."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import func, select

from pos_app.app import open_context
from pos_app.cli import main
from pos_app.db.models import AuditEntry, Barcode, SaleLine
from pos_app.domain.cart import PaymentInput
from pos_app.hardware.label_render import SHEET_DPI, Dots, sheet_layout
from pos_app.hardware.virtual_label_printer import VirtualLabelPrinter
from pos_app.services.people.approval import Actor

REPO = Path(__file__).resolve().parents[2]
# the demo's handicrafts, silk and village tea sold without a GS1 barcode (SKU order)
CRAFTS = ["BT-004", "BT-006", "BT-008", "BT-010", "BT-016", "CS-001", "CS-002", "CS-005",
          "PV-001", "PV-002", "PV-008", "QA-001", "SD-001", "SD-006", "TX-001", "TX-002",
          "TX-003", "VP-009", "VP-015", "VP-018"]


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Messages in the source language, and no Qt application created inside pytest."""
    monkeypatch.setenv("OCOP_POS_LANGUAGE", "en")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "data"
    os.environ["OCOP_POS_LANGUAGE"] = "en"
    try:
        assert main(["init", "--demo", "--data-dir", str(folder)]) == 0
    finally:
        del os.environ["OCOP_POS_LANGUAGE"]
    return folder


@pytest.fixture
def demo(pristine, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(pristine, folder)
    return folder


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rasterize(pdf: Path, out: Path) -> list[Image.Image]:
    """The PDF's pages as pictures, drawn by an independent renderer (poppler's pdftoppm)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    subprocess.run([tool, "-r", str(SHEET_DPI), "-png", str(pdf), str(out / "page")],
                   check=True, timeout=120)
    return [Image.open(p) for p in sorted(out.glob("page-*.png"))]


def scan(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image.convert("L"),
                                                   formats=zxingcpp.BarcodeFormat.EAN13)]


def test_codes_labels_and_scans_end_to_end(demo, tmp_path, capsys):
    data = str(demo)
    assert main(["labels", "assign-codes", "--all-missing", "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assigned = dict(line.split("\t") for line in out.splitlines() if "\t" in line)
    assert sorted(assigned) == CRAFTS and "In-store codes assigned: 20" in out

    with VirtualLabelPrinter(tmp_path / "vlp", idle_timeout=0.5) as printer:
        assert main(["labels", "print", *CRAFTS, "CS-002:3", "--data-dir", data,
                     "--printer", printer.uri]) == 0
        assert main(["labels", "print", "QA-001", "BT-001", "--template", "trace",
                     "--language", "zpl", "--data-dir", data, "--printer", printer.uri]) == 0
        tspl, zpl = printer.wait_for_jobs(2)
    assert "Printed 23 labels for 21 products" in capsys.readouterr().out
    assert len(tspl.labels) == 23 and len(zpl.labels) == 2
    read = [scan(Image.open(p)) for p in (*tspl.labels, *zpl.labels)]
    assert all(len(codes) == 1 for codes in read)
    codes = [c[0] for c in read]
    assert codes[:20] == [assigned[s] for s in CRAFTS]
    assert codes[20:23] == [assigned["CS-002"]] * 3
    assert codes[23:] == [assigned["QA-001"], "8939091000946"]

    pdf = tmp_path / "labels.pdf"
    assert main(["labels", "print", *CRAFTS, "--copies", "2", "--sheet", "5x13",
                 "--pdf", str(pdf), "--data-dir", data]) == 0
    pages = rasterize(pdf, tmp_path)
    assert len(pages) == 1
    layout = sheet_layout("5x13")
    mm = Dots(SHEET_DPI)
    from_pdf = []
    for index in range(40):
        x, y = layout.cell_mm(index)
        cell = pages[0].crop((mm(x), mm(y), mm(x + layout.label.width_mm),
                              mm(y + layout.label.height_mm)))
        from_pdf.extend(scan(cell))
    assert from_pdf == [assigned[s] for s in CRAFTS for _ in range(2)]

    # a scan of each decoded label sells the right product
    with open_context(data) as ctx:
        catalog, checkout = ctx.services.catalog, ctx.services.checkout
        cart = checkout.open_cart()
        for code in codes[:20]:
            found = catalog.lookup_code(code)
            assert found.product is not None and not found.is_scale_label
            checkout.add_product(cart, found.product.id, barcode=code, known=found.product)
        sale = checkout.complete_sale(cart, [PaymentInput("cash", cart.totals().total)],
                                      cashier=Actor(None, "Lan", "cashier"))
        detail = checkout.find_sale(sale.receipt_no)
    assert [line.sku for line in detail.lines] == CRAFTS
    with open_context(data) as ctx, ctx.db.reader() as session:
        sold = list(session.scalars(select(SaleLine.barcode).where(
            SaleLine.sale_id == sale.sale_id).order_by(SaleLine.line_no)))
    assert sold == codes[:20]


def _state(data: Path) -> tuple[int, int]:
    with open_context(str(data)) as ctx, ctx.db.reader() as session:
        return (int(session.scalar(select(func.count()).select_from(Barcode)) or 0),
                int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0))


def _admin(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OCOP_POS_LANGUAGE": "vi", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "pos_app.cli", "--data-dir", str(data), *args],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_bad_input_says_why_in_vietnamese_and_changes_nothing(demo, tmp_path):
    assert main(["labels", "assign-codes", "TX-001", "--data-dir", str(demo)]) == 0
    before = _state(demo)
    with open_context(str(demo)) as ctx:
        taken = ctx.services.catalog.by_sku("TX-001").barcodes[0]
    wrong_check = taken[:-1] + str((int(taken[-1]) + 1) % 10)
    off = f"tcp://127.0.0.1:{_free_port()}?timeout=2"
    cases = [
        (["labels", "add-code", "TX-002", taken], 2, "đã được dùng"),
        (["labels", "add-code", "TX-002", wrong_check], 2, "Số kiểm tra"),
        (["labels", "add-code", "TX-002", "2600000000017"], 2, "cân điện tử"),
        (["labels", "assign-codes", "TX-002", "BT-001"], 2, "đã có mã vạch"),
        (["labels", "print", "TX-001", "--printer", off], 1, "Máy in chưa bật"),
        (["labels", "print", "TX-002", "--pdf", str(tmp_path / "x.pdf")], 2, "chưa có mã vạch"),
        (["labels", "print", "TX-001", "--pdf", str(tmp_path / "x.pdf"), "--margin-left", "20"],
         2, "không vừa trang A4"),
    ]
    for args, code, words in cases:
        done = _admin(demo, *args)
        assert done.returncode == code, (args, done.stderr)
        assert words in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert _state(demo) == before
    assert not (tmp_path / "x.pdf").exists()
    assert not list(tmp_path.glob("*.part"))


def test_virtual_label_printer_command_saves_labels(tmp_path):
    port = _free_port()
    out = tmp_path / "labels"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_app.cli", "virtual-label-printer", "--port", str(port),
         "--out", str(out), "--data-dir", str(tmp_path / "d")],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "OCOP_POS_LANGUAGE": "en"})
    try:
        assert proc.stdout is not None
        assert "virtual label printer" in proc.stdout.readline()
        from pos_app.hardware.label_printer import PrintedLabel, send_labels
        from pos_app.hardware.label_render import LabelContent, LabelSize, render_label

        label = render_label(LabelContent("Nón lá Chuông", "85.000 ₫", "2100000000012", 3),
                             LabelSize(50, 30))
        send_labels(f"tcp://127.0.0.1:{port}", [PrintedLabel(label, 2)])
        lines = [proc.stdout.readline().strip() for _ in range(2)]
        assert all(line.endswith(".png") for line in lines)
        assert [scan(Image.open(line)) for line in lines] == [["2100000000012"]] * 2
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)
