"""Label printer languages: TSPL (TSC, Xprinter, Gprinter — the common ones in Vietnam) and ZPL
(Zebra), each label sent as one bitmap so no printer font is needed for Vietnamese.

* TSPL: ``SIZE``/``GAP``/``CLS``, then ``BITMAP x,y,width_bytes,height,0,<raw bytes>`` (a 0 bit
  prints, a 1 bit stays white) and ``PRINT 1,copies``.
* ZPL: ``^XA ^PW ^LL ^FO0,0 ^GFA,total,total,bytes_per_row,<hex> ^FS ^PQcopies ^XZ`` (a 1 bit
  prints).

:func:`label_job` builds the whole job (every label of a print request) before anything is
sent, and :func:`send_labels` hands it to the receipt printers' transport
(:func:`pos_app.hardware.printers.send_job`), so the same URIs work: ``tcp://host:9100``,
``usb://…``, ``serial://…``, ``win32://…``, ``file://…``. A label printer does not answer the
receipt printers' ``DLE EOT`` status query, so it is not asked: a printer that is off or
unplugged still fails before the first byte (connection refused, device not found).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from PIL import Image, ImageOps

from pos_app.domain.labels import LabelContent, LabelOutputError, LabelSize
from pos_app.hardware.label_render import (
    PRINTER_DPI,
    SHEET_DPI,
    render_label,
    sheet_layout,
    sheet_pages,
    write_pdf,
)
from pos_app.hardware.printers import (
    PrintError,
    PrinterSpec,
    PrinterUriError,
    parse_printer_uri,
    send_job,
)

DOTS_PER_MM = 8  # 203 dpi


class LabelLanguage(Enum):
    TSPL = "tspl"
    ZPL = "zpl"


@dataclass(frozen=True)
class PrintedLabel:
    """One label picture (mode "1", 0 = black) and how many copies of it to print."""

    image: Image.Image
    copies: int = 1


def _packed(image: Image.Image, black_bit: int) -> tuple[int, bytes]:
    """Rows packed 8 dots a byte, most significant first; returns (bytes per row, data)."""
    mono = image.convert("1")
    width_bytes = (mono.width + 7) // 8
    padded = Image.new("1", (width_bytes * 8, mono.height), 1)
    padded.paste(mono, (0, 0))
    # Pillow packs mode "1" with 1 = white; invert for a language where 1 = black
    if black_bit == 1:
        padded = ImageOps.invert(padded.convert("L")).convert("1")
    return width_bytes, padded.tobytes()


def _mm(dots: int) -> str:
    return f"{dots / DOTS_PER_MM:g}"


def tspl_label(label: PrintedLabel, gap_mm: float = 2.0) -> bytes:
    width_bytes, data = _packed(label.image, black_bit=0)
    w, h = label.image.size
    head = (f"SIZE {_mm(w)} mm,{_mm(h)} mm\r\nGAP {gap_mm:g} mm,0 mm\r\nDIRECTION 1\r\n"
            f"REFERENCE 0,0\r\nCLS\r\nBITMAP 0,0,{width_bytes},{h},0,").encode("ascii")
    return head + data + f"\r\nPRINT 1,{label.copies}\r\n".encode("ascii")


def zpl_label(label: PrintedLabel) -> bytes:
    width_bytes, data = _packed(label.image, black_bit=1)
    w, h = label.image.size
    total = len(data)
    return (f"^XA^CI28^PW{w}^LL{h}^LH0,0^FO0,0^GFA,{total},{total},{width_bytes},"
            f"{data.hex().upper()}^FS^PQ{label.copies}^XZ\n").encode("ascii")


def label_job(labels: Sequence[PrintedLabel], language: LabelLanguage) -> bytes:
    """Every label of a request as one job, built whole before it is sent."""
    if not labels:
        raise ValueError("no labels")
    if any(label.copies < 1 for label in labels):
        raise ValueError("copies must be at least 1")
    build = tspl_label if language is LabelLanguage.TSPL else zpl_label
    return b"".join(build(label) for label in labels)


def label_spec(uri: str) -> PrinterSpec:
    """The printer URI as a spec, without the ESC/POS status queries (see the module doc).
    Raises :class:`pos_app.hardware.printers.PrinterUriError`."""
    return replace(parse_printer_uri(uri), status=False)


def send_labels(uri: str, labels: Sequence[PrintedLabel],
                language: LabelLanguage = LabelLanguage.TSPL) -> int:
    """Build and send the job; returns its size in bytes. Raises ``PrinterUriError`` for an
    address that is not a printer URI and ``PrintError`` (offline, not_found, timeout …) when
    the printer cannot be reached or drops the job."""
    spec = label_spec(uri)
    data = label_job(labels, language)
    send_job(spec, data)
    return len(data)


class LabelOutput:
    """The label output port (``services.ports.LabelOutput``): draws each label with
    :mod:`pos_app.hardware.label_render` and sends one TSPL/ZPL job over the receipts' printer
    URIs, or fills A4 decal sheets into a PDF. Everything is drawn before the first byte goes
    out; errors are :class:`~pos_app.domain.labels.LabelOutputError`."""

    def print_labels(self, uri: str, labels: Sequence[tuple[LabelContent, int]], size: LabelSize,
                     *, with_qr: bool, language: str) -> int:
        try:
            spec = label_spec(uri)
            lang = LabelLanguage(language)
        except (PrinterUriError, ValueError):
            raise LabelOutputError("bad_uri", uri) from None
        printed = [PrintedLabel(render_label(c, size, PRINTER_DPI, with_qr=with_qr), copies)
                   for c, copies in labels]
        data = label_job(printed, lang)
        try:
            send_job(spec, data)
        except PrintError as exc:
            raise LabelOutputError(exc.code, uri.strip()) from exc
        return len(data)

    def write_sheets(self, path: Path, labels: Sequence[tuple[LabelContent, int]], *,
                     sheet: str, top_mm: float | None, left_mm: float | None,
                     with_qr: bool) -> int:
        layout = sheet_layout(sheet, top_mm=top_mm, left_mm=left_mm)  # SheetError first
        images = []
        for content, copies in labels:
            image = render_label(content, layout.label, SHEET_DPI, with_qr=with_qr)
            images.extend([image] * copies)
        pages = sheet_pages(images, layout)
        try:
            write_pdf(pages, path)
        except OSError as exc:
            raise LabelOutputError("write_failed", f"{path}: {exc.strerror or exc}") from exc
        return len(pages)
