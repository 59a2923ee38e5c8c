"""The receipt as a document: what was sold, to whom it is owed, nothing about paper or printers.

Checkout builds one :class:`Receipt` from a committed sale; printing, reprinting, e-mailing or
showing a receipt on screen all start from the same frozen value, so every copy says the same
thing. Money is an integer number of đồng (see ``money.py``); the receipt never recomputes
prices, it only carries what the sale decided. Standard library only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pos_app.domain.errors import CodedValueError
from pos_app.domain.money import VAT_RATES
from pos_app.domain.ocop import MAX_STARS, MIN_STARS

LANGUAGES: tuple[str, ...] = ("vi", "en")
"""Languages a receipt can print in; the order of a receipt's ``languages`` is the print order."""

PRINT_MODES: tuple[str, ...] = ("raster", "cp1258", "tcvn3", "ascii")
"""How a receipt reaches paper: drawn as a raster image, or in the printer's own font in one of
the Vietnamese code pages (the printer adapter and the print service both check against this)."""


def hanoi_tz() -> dt.tzinfo:
    """Asia/Ho_Chi_Minh, or a fixed UTC+7 where the OS has no tz database (a bare Windows PC).

    Vietnam has not changed its offset since 1975 and has no daylight saving, so the fixed
    offset gives the same wall time.
    """
    try:
        return ZoneInfo("Asia/Ho_Chi_Minh")
    except ZoneInfoNotFoundError:
        return dt.timezone(dt.timedelta(hours=7), "ICT")


class PaymentMethod(Enum):
    CASH = "cash"
    CARD = "card"
    TRANSFER = "transfer"  # bank transfer, usually by VietQR


class QtyUnit(Enum):
    """How a line's ``qty`` is counted: pieces, or grams for goods sold by weight."""

    PIECE = "piece"
    GRAM = "gram"  # unit_price is then per kilogram


class ReceiptError(CodedValueError):
    """A receipt that cannot be printed as given; ``code`` says why (no sentences here)."""


@dataclass(frozen=True)
class ShowroomHeader:
    """The showroom's lines at the top of a receipt; an empty one is left out, not printed bare."""

    name: str
    address: str
    tax_code: str
    phone: str | None = None


@dataclass(frozen=True)
class ReceiptLine:
    """One sold product. ``line_total`` = qty × unit_price − discount, as the sale computed it."""

    name: str
    qty: int
    unit_price: int
    line_total: int
    vat_rate: int
    stars: int | None = None
    discount: int = 0
    unit: QtyUnit = QtyUnit.PIECE
    promotion: str = ""  # the promotion behind (part of) ``discount``, printed as its label

    def __post_init__(self) -> None:
        if self.stars is not None and not MIN_STARS <= self.stars <= MAX_STARS:
            raise ReceiptError("bad_stars")
        if self.vat_rate not in VAT_RATES:
            raise ReceiptError("bad_vat_rate")
        if self.qty == 0:
            raise ReceiptError("zero_qty")


@dataclass(frozen=True)
class VatPart:
    """The VAT contained in the VAT-inclusive amount sold at ``rate`` percent."""

    rate: int
    amount: int


@dataclass(frozen=True)
class Totals:
    subtotal: int  # sum of line totals before the receipt-level discount
    discount: int  # receipt-level discount (positive number)
    total: int  # what the customer pays
    vat: tuple[VatPart, ...] = ()


@dataclass(frozen=True)
class Payment:
    method: PaymentMethod
    amount: int  # what was tendered by this method (cash may exceed the total)
    reference: str | None = None  # card approval code, bank transfer reference


@dataclass(frozen=True)
class EInvoiceRef:
    """The sale's cash-register e-invoice as the receipt prints it: the symbol and number
    (``1C26MAA-00000012``), the tax authority's code, and where the buyer looks it up."""

    template: int
    symbol: str
    number: int
    mccqt: str
    lookup_url: str = ""  # the lookup page with the code, printed as a QR code

    @property
    def label(self) -> str:
        return f"{self.template}{self.symbol}-{self.number:08d}"


@dataclass(frozen=True)
class Receipt:
    header: ShowroomHeader
    number: str  # human receipt number, "<till>-<yyyymmdd>-<seq>"
    sold_at: dt.datetime  # aware; stored UTC, shown in Hanoi time
    cashier: str
    lines: tuple[ReceiptLine, ...]
    totals: Totals
    payments: tuple[Payment, ...] = ()
    change: int = 0
    vietqr_payload: str | None = None
    trace_url: str | None = None
    languages: tuple[str, ...] = ("vi",)
    reprint: bool = False
    notes: tuple[str, ...] = field(default=())
    refund: bool = False  # a return: prints as a refund slip, amounts negative
    original_number: str | None = None  # on a refund, the receipt it refunds
    bill: bool = False  # printed before payment: no payments yet, the VietQR asks to pay
    einvoice: EInvoiceRef | None = None  # when e-invoicing is on: printed with its lookup QR

    def __post_init__(self) -> None:
        if self.sold_at.tzinfo is None or self.sold_at.utcoffset() is None:
            raise ReceiptError("naive_time")
        if not self.languages or any(lang not in LANGUAGES for lang in self.languages):
            raise ReceiptError("bad_language")
        if len(set(self.languages)) != len(self.languages):
            raise ReceiptError("bad_language")
        if not self.number:
            raise ReceiptError("no_number")
        if self.bill and (self.payments or self.refund or self.change):
            raise ReceiptError("bill_already_paid")

    @property
    def local_time(self) -> dt.datetime:
        """The sale time on the showroom's wall clock."""
        return self.sold_at.astimezone(hanoi_tz())

    @property
    def paid_by_transfer(self) -> bool:
        return any(p.method is PaymentMethod.TRANSFER for p in self.payments)

    @property
    def asks_for_transfer(self) -> bool:
        """Whether the VietQR is printed: only on a bill not yet paid, never once paid."""
        return self.bill and bool(self.vietqr_payload)
