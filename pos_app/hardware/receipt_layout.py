"""Lay a :class:`~pos_app.domain.receipt.Receipt` out on receipt paper, whatever prints it.

The layout is a flat list of blocks (text rows with a left and a right part, rules, a barcode,
QR codes). The raster renderer draws it with a TrueType font; the native text modes print the
same blocks with the printer's own font. Keeping one layout means a receipt reads the same
whichever mode IT had to pick for a given printer.

Fixed texts come from ``resources/receipts/<lang>.json``: a receipt prints in the showroom's
languages (Vietnamese first, English on a second, smaller line when both are chosen), never in
the cashier's UI language, and never from strings hard-coded here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from pos_app.config import resources_dir
from pos_app.domain.money import format_vnd
from pos_app.domain.ocop import stars_text
from pos_app.domain.receipt import PaymentMethod, QtyUnit, Receipt, ReceiptLine


class Paper(Enum):
    """Receipt paper: printable width in dots (203 dpi) and columns of the printer's font A."""

    MM58 = (384, 32)
    MM80 = (576, 48)

    @property
    def dots(self) -> int:
        return self.value[0]

    @property
    def cols(self) -> int:
        return self.value[1]


class Align(Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class Size(Enum):
    SMALL = "small"  # the second language, references, captions
    NORMAL = "normal"
    LARGE = "large"  # showroom name, grand total


@dataclass(frozen=True)
class TextRow:
    """A row of text: ``left`` wraps; ``right`` (an amount) stays flush right on the last line."""

    left: str
    right: str = ""
    middle: str = ""  # a column right-aligned before ``right``: "2 × 45.000" on wide paper
    align: Align = Align.LEFT
    bold: bool = False
    size: Size = Size.NORMAL
    indent: int = 0  # in columns of the printer font


@dataclass(frozen=True)
class Rule:
    double: bool = False


@dataclass(frozen=True)
class Spacer:
    dots: int = 8


@dataclass(frozen=True)
class Barcode:
    """A Code 128 barcode; the caption is its human-readable text."""

    data: str
    caption: str


@dataclass(frozen=True)
class QrCode:
    data: str
    caption: tuple[str, ...] = ()


@dataclass(frozen=True)
class QrRow:
    """QR codes that may stand side by side when the paper is wide enough."""

    codes: tuple[QrCode, ...]


Block = TextRow | Rule | Spacer | Barcode | QrRow


@dataclass(frozen=True)
class ReceiptLayout:
    paper: Paper
    blocks: tuple[Block, ...]


@lru_cache(maxsize=8)
def load_texts(lang: str) -> dict[str, str]:
    """The fixed receipt texts of one language, from ``resources/receipts/<lang>.json``."""
    path = resources_dir() / "receipts" / f"{lang}.json"
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {str(k): str(v) for k, v in data.items()}


def _amount(value: int) -> str:
    """Line amounts without the đồng sign: the column reads cleaner; totals carry the sign."""
    return format_vnd(value, symbol=False)


def _qty_text(line: ReceiptLine) -> str:
    if line.unit is QtyUnit.GRAM:
        kg, grams = divmod(abs(line.qty), 1000)
        sign = "-" if line.qty < 0 else ""
        return f"{sign}{kg},{grams:03d} kg × {_amount(line.unit_price)}/kg"
    return f"{line.qty} × {_amount(line.unit_price)}"


class _Texts:
    """Looks up a key in each of the receipt's languages, in print order."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self._tables = [load_texts(lang) for lang in languages]

    def all(self, key: str, **fmt: object) -> list[str]:
        return [table[key].format(**fmt) for table in self._tables]

    def first(self, key: str, **fmt: object) -> str:
        return self.all(key, **fmt)[0]


def _labelled(
    texts: _Texts, key: str, right: str, *, bold: bool = False, size: Size = Size.NORMAL,
    indent: int = 0, **fmt: object,
) -> list[TextRow]:
    """A label in the first language with its amount, then the other languages beneath, small."""
    labels = texts.all(key, **fmt)
    rows = [TextRow(labels[0], right, bold=bold, size=size, indent=indent)]
    rows.extend(TextRow(label, size=Size.SMALL, indent=indent) for label in labels[1:])
    return rows


def _centered(texts: _Texts, key: str, *, bold: bool = False, **fmt: object) -> list[TextRow]:
    labels = texts.all(key, **fmt)
    rows = [TextRow(labels[0], align=Align.CENTER, bold=bold)]
    rows.extend(TextRow(label, align=Align.CENTER, size=Size.SMALL) for label in labels[1:])
    return rows


MIDDLE_MAX = 14
"""Widest "qty × price" (in characters) that stands in a column beside the name on 80 mm."""


def _line_rows(line: ReceiptLine, texts: _Texts, paper: Paper) -> list[Block]:
    # a no-break space keeps the stars with the last word of the name when it wraps
    name = f"{line.name}\u00a0{stars_text(line.stars)}" if line.stars else line.name
    gross = line.line_total + line.discount
    qty = _qty_text(line)
    if line.unit is QtyUnit.PIECE and line.qty == 1 and not line.discount:
        rows: list[Block] = [TextRow(name, _amount(line.line_total))]
    elif paper is Paper.MM80 and len(qty) <= MIDDLE_MAX:
        rows = [TextRow(name, _amount(gross), middle=qty)]
    else:
        rows = [TextRow(name), TextRow(qty, _amount(gross), indent=2)]
    if line.discount:
        label = line.promotion or " / ".join(texts.all("line_discount"))
        rows.append(TextRow(label, _amount(-line.discount), size=Size.SMALL, indent=2))
    return rows


def _meta_row(texts: _Texts, key: str, value: str) -> TextRow:
    return TextRow(" / ".join(texts.all(key)), value, size=Size.SMALL)


_PAY_KEYS = {
    PaymentMethod.CASH: "pay_cash",
    PaymentMethod.CARD: "pay_card",
    PaymentMethod.TRANSFER: "pay_transfer",
}
_REFUND_KEYS = {
    PaymentMethod.CASH: "refund_cash",
    PaymentMethod.CARD: "refund_card",
    PaymentMethod.TRANSFER: "refund_transfer",
}


def _header_rows(receipt: Receipt, texts: _Texts) -> list[Block]:
    """The showroom's name, address, tax code and phone: each only when its setting has a value,
    so an unset tax code never prints as a bare "MST:"."""
    head = receipt.header
    name, address = head.name.strip(), head.address.strip()
    tax_code, phone = head.tax_code.strip(), (head.phone or "").strip()
    rows: list[Block] = []
    if name:
        rows.append(TextRow(name, align=Align.CENTER, bold=True, size=Size.LARGE))
    if address:
        rows.append(TextRow(address, align=Align.CENTER, size=Size.SMALL))
    if tax_code:
        rows.append(TextRow(texts.first("tax_code", tax_code=tax_code), align=Align.CENTER,
                            size=Size.SMALL))
    if phone:
        rows.append(TextRow(texts.first("phone", phone=phone), align=Align.CENTER,
                            size=Size.SMALL))
    return rows


def layout_receipt(receipt: Receipt, paper: Paper) -> ReceiptLayout:
    """The blocks of one receipt, top to bottom."""
    texts = _Texts(receipt.languages)
    blocks: list[Block] = _header_rows(receipt, texts)
    blocks += [Spacer(6), Rule(double=True), Spacer(4)]
    title = "title_refund" if receipt.refund else "title_bill" if receipt.bill else "title"
    blocks += _centered(texts, title, bold=True)
    if receipt.reprint:
        blocks += _centered(texts, "reprint", bold=True)
    blocks.append(Spacer(4))
    blocks.append(_meta_row(texts, "receipt_no", receipt.number))
    blocks.append(_meta_row(texts, "time", receipt.local_time.strftime("%d/%m/%Y %H:%M")))
    blocks.append(_meta_row(texts, "cashier", receipt.cashier))
    if receipt.original_number:
        blocks.append(_meta_row(texts, "original_receipt", receipt.original_number))
    blocks += [Spacer(4), Rule(), Spacer(4)]

    for line in receipt.lines:
        blocks += _line_rows(line, texts, paper)
    blocks += [Spacer(4), Rule(), Spacer(4)]

    totals = receipt.totals
    if totals.discount:
        blocks += _labelled(texts, "subtotal", format_vnd(totals.subtotal))
        blocks += _labelled(texts, "discount", format_vnd(-totals.discount))
    blocks += _labelled(texts, "total", format_vnd(totals.total), bold=True, size=Size.LARGE)
    for part in totals.vat:
        if part.rate:
            blocks += _labelled(texts, "vat_included", format_vnd(part.amount), size=Size.SMALL,
                                rate=part.rate)
    blocks.append(Spacer(6))
    pay_keys = _REFUND_KEYS if receipt.refund else _PAY_KEYS
    for payment in receipt.payments:
        key = pay_keys[payment.method]
        if payment.method is PaymentMethod.TRANSFER and not receipt.refund:
            key = "paid_transfer"  # the money is in: say so, never "scan to pay"
        blocks += _labelled(texts, key, format_vnd(payment.amount))
        if payment.reference:
            blocks.append(TextRow(texts.first("reference", reference=payment.reference),
                                  size=Size.SMALL, indent=2))
    if receipt.change or (not receipt.refund and any(
            p.method is PaymentMethod.CASH for p in receipt.payments)):
        blocks += _labelled(texts, "change", format_vnd(receipt.change), bold=True)
    if receipt.bill:
        blocks += _centered(texts, "not_paid", bold=True)
    blocks += [Spacer(6), Rule(), Spacer(8)]

    invoice = receipt.einvoice
    if invoice is not None:
        blocks += _centered(texts, "einvoice", bold=True)
        blocks.append(_meta_row(texts, "einvoice_no", invoice.label))
        blocks.append(_meta_row(texts, "einvoice_code", invoice.mccqt))
        blocks.append(Spacer(6))
    blocks.append(Barcode(receipt.number, receipt.number))
    codes: list[QrCode] = []
    if invoice is not None and invoice.lookup_url:
        codes.append(QrCode(invoice.lookup_url, tuple(texts.all("einvoice_lookup"))))
    if receipt.asks_for_transfer and receipt.vietqr_payload:
        codes.append(QrCode(receipt.vietqr_payload, tuple(texts.all("scan_to_pay"))))
    if receipt.trace_url:
        codes.append(QrCode(receipt.trace_url, tuple(texts.all("trace"))))
    if codes:
        blocks += [Spacer(10), QrRow(tuple(codes))]
    blocks.append(Spacer(10))
    for thanks in texts.all("thank_you"):
        blocks.append(TextRow(thanks, align=Align.CENTER, bold=True))
    return ReceiptLayout(paper, tuple(blocks))
