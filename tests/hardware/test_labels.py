"""Labels: EAN-13 drawing, TSPL/ZPL jobs through the virtual label printer, A4 sheets — every
barcode read back by an independent reader (zxing-cpp)."""

from __future__ import annotations

import socket

import pytest
import zxingcpp
from PIL import Image

from pos_app.domain.barcodes import make_ean13
from pos_app.hardware.label_printer import (
    LabelLanguage,
    PrintedLabel,
    label_job,
    send_labels,
)
from pos_app.hardware.label_render import (
    LabelContent,
    LabelSize,
    SheetError,
    ean13_modules,
    render_label,
    sheet_layout,
    sheet_pages,
)
from pos_app.hardware.printers import PrintError
from pos_app.hardware.virtual_label_printer import VirtualLabelPrinter, decode_labels

VASE = LabelContent("Bình hút lộc men rạn Bát Tràng cao 30cm", "1.450.000 ₫",
                    "8939091000946", 4, "Hợp tác xã Gốm sứ Bát Tràng",
                    "https://truyxuat.ocop.hanoi.example/p/BT-001", "cái")
SCARF = LabelContent("Khăn lụa tơ tằm Vạn Phúc thêu hoa sen", "125.000 ₫",
                     make_ean13("210000000007"), 5, "Hợp tác xã Lụa Vạn Phúc")


def read(image: Image.Image) -> dict[str, str]:
    return {r.text: r.format.name for r in zxingcpp.read_barcodes(image.convert("L"))}


def test_ean13_modules_match_the_standard():
    modules, _ = ean13_modules("4006381333931")  # a GS1 example
    assert len(modules) == 95
    assert modules[:3] == "101" and modules[45:50] == "01010" and modules[-3:] == "101"
    with pytest.raises(ValueError):
        ean13_modules("4006381333932")


@pytest.mark.parametrize(("size", "dpi", "qr"), [
    (LabelSize(50, 30), 203, False), (LabelSize(60, 40), 203, True),
    (LabelSize(38.1, 21.2), 300, False), (LabelSize(63.5, 38.1), 300, True),
])
def test_every_label_size_scans(size, dpi, qr):
    image = render_label(VASE, size, dpi, with_qr=qr)
    assert image.mode == "1"
    found = read(image)
    assert found.get("8939091000946") == "EAN13"
    assert ("https://truyxuat.ocop.hanoi.example/p/BT-001" in found) is qr


@pytest.mark.parametrize("language", list(LabelLanguage))
def test_jobs_through_the_virtual_label_printer(tmp_path, language):
    labels = [PrintedLabel(render_label(VASE, LabelSize(50, 30)), copies=2),
              PrintedLabel(render_label(SCARF, LabelSize(50, 30)))]
    with VirtualLabelPrinter(tmp_path, idle_timeout=0.5) as printer:
        size = send_labels(printer.uri, labels, language)
        (job,) = printer.wait_for_jobs(1)
    assert job.size == size and job.complete
    assert len(job.labels) == 3
    codes = [read(Image.open(path)) for path in job.labels]
    assert [list(c) for c in codes] == [["8939091000946"], ["8939091000946"], [SCARF.barcode]]
    # the decoder draws exactly what was rendered
    assert Image.open(job.labels[2]).convert("1").tobytes() == labels[1].image.tobytes()


def test_tspl_and_zpl_jobs_say_what_printers_expect():
    label = PrintedLabel(render_label(SCARF, LabelSize(50, 30)), copies=3)
    tspl = label_job([label], LabelLanguage.TSPL)
    assert tspl.startswith(b"SIZE 50 mm,30 mm\r\n") and b"BITMAP 0,0,50,240,0," in tspl
    assert tspl.endswith(b"PRINT 1,3\r\n")
    zpl = label_job([label], LabelLanguage.ZPL)
    assert zpl.startswith(b"^XA") and b"^GFA,12000,12000,50," in zpl and b"^PQ3^XZ" in zpl
    assert len(decode_labels(zpl)) == 3 and len(decode_labels(tspl)) == 3


def test_a_printer_that_is_off_gets_nothing(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(PrintError) as err:
        send_labels(f"tcp://127.0.0.1:{port}?timeout=2",
                    [PrintedLabel(render_label(SCARF, LabelSize(50, 30)))])
    assert err.value.code == "offline"


def test_sheets_place_labels_and_refuse_what_does_not_fit(tmp_path):
    layout = sheet_layout("5x13")
    cell = layout.label
    labels = [render_label(c, cell, 300) for c in [VASE, SCARF] * 33]  # 66: two pages
    pages = sheet_pages(labels, layout)
    assert len(pages) == 2 and pages[0].size == (2480, 3508)
    assert read(pages[1]) == {SCARF.barcode: "EAN13"}  # the 66th
    first = read(pages[0])
    assert first == {"8939091000946": "EAN13", SCARF.barcode: "EAN13"}
    with pytest.raises(SheetError) as err:
        sheet_layout("5x13", left_mm=15)
    assert err.value.code == "sheet_does_not_fit"
    with pytest.raises(SheetError):
        sheet_layout("3x7", top_mm=40)
    with pytest.raises(SheetError) as err:
        sheet_layout("4x10")
    assert err.value.code == "unknown_sheet"
    assert sheet_layout("3x7", top_mm=10, left_mm=5).cell_mm(4) == (5 + 63.5 + 2.5, 10 + 38.1)
