"""E-invoices generated from a cash register ("hóa đơn điện tử khởi tạo từ máy tính tiền", MTT).

The invoice as a document, built from a stored sale: seller, buyer (only what the buyer asked to
have on it), lines, and the per-rate VAT parts **as the sale stored them** — this module never
computes VAT (that has one home, the VAT module of the domain); it only checks that the figures it
is given add up. Also the identifier rules (template, symbol, invoice number, the MTT tax-authority
code), the buyer tax-code check (MST) and the total in Vietnamese words. Standard library only.

Identifiers (Decree 123/2020 as amended by 70/2025; see shared/research/einvoice-mtt.md):

* template ``KHMSHDon``: 1 = VAT invoice (credit method), 2 = sales invoice (direct method);
* symbol ``KHHDon``: ``C`` + 2-digit year + ``M`` + 2 capital letters, e.g. ``C26MAA``;
* number ``SHDon``: 1 … 99,999,999, starting at 1 each year for a symbol. **Each till issues on
  its own symbol** (its own 2 letters), so numbers stay consecutive per symbol offline;
* tax-authority code ``MCCQT`` = ``M`` + type (1-6) + ``-YY-`` + 5 characters issued once by the
  tax authority + ``-`` + 11 digits made by the till. The 11 digits are partitioned per till:
  the till's 2-digit slot (00-99, configured once per seller) then its own 9-digit sequence, so no
  two tills of one seller can ever make the same code without talking to each other.

A change of decree is a new :class:`FormatVersion` (data), not a rewrite of the builder.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from pos_app.domain.errors import CodedValueError

# --- errors ---------------------------------------------------------------------------------


class EInvoiceError(CodedValueError):
    """An invoice or identifier that cannot be issued as given; ``code`` says why (the UI words
    it)."""


# --- format version (data) ------------------------------------------------------------------


@dataclass(frozen=True)
class FormatVersion:
    """What one version of the tax authority's format says; builders read it, never hard-code
    it. ``xsd`` is the file name under ``resources/einvoice/``."""

    pban: str
    xsd: str
    invoice_names: dict[int, str]
    words_even_suffix: bool = True  # "… đồng chẵn" on a whole amount
    mccqt_type_by_template: dict[int, int] = field(default_factory=lambda: {1: 1, 2: 2})


FORMAT_1450 = FormatVersion(
    pban="2.0.1",
    xsd="hdon-mtt-2.0.1.xsd",
    invoice_names={1: "Hóa đơn giá trị gia tăng", 2: "Hóa đơn bán hàng"},
)
"""Decision 1450/QĐ-TCT as amended by 1510/QĐ-TCT (the version the research describes)."""

FORMAT_VERSIONS: dict[str, FormatVersion] = {FORMAT_1450.pban: FORMAT_1450}
CURRENT_FORMAT = FORMAT_1450


# --- identifiers ----------------------------------------------------------------------------

TEMPLATES: tuple[int, ...] = (1, 2)
VAT_METHOD_TEMPLATE: dict[str, int] = {"credit": 1, "direct": 2}
MAX_INVOICE_NUMBER = 99_999_999
MAX_TILL_SLOT = 99
MAX_TILL_SEQUENCE = 999_999_999

_SYMBOL = re.compile(r"^C(\d{2})M([A-Z]{2})$")
_AUTHORITY_CODE = re.compile(r"^[A-Z0-9]{5}$")
_MCCQT = re.compile(r"^M([1-6])-(\d{2})-([A-Z0-9]{5})-(\d{11})$")
_MST = re.compile(r"^(\d{10})(?:-(\d{3}))?$")
_MST_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def validate_symbol(symbol: str, year: int | None = None) -> str:
    """``C26MAA`` (stripped, upper-cased) or :class:`EInvoiceError` ``bad_symbol`` /
    ``symbol_year`` (the symbol's year is not the invoice's)."""
    cleaned = symbol.strip().upper()
    match = _SYMBOL.match(cleaned)
    if match is None:
        raise EInvoiceError("bad_symbol", symbol)
    if year is not None and int(match.group(1)) != year % 100:
        raise EInvoiceError("symbol_year", f"{cleaned} in {year}")
    return cleaned


def validate_authority_code(code: str) -> str:
    """The 5 characters the tax authority issued for MTT codes (letters and digits)."""
    cleaned = code.strip().upper()
    if _AUTHORITY_CODE.match(cleaned) is None:
        raise EInvoiceError("bad_authority_code", code)
    return cleaned


def validate_template(template: int) -> int:
    if template not in TEMPLATES:
        raise EInvoiceError("bad_template", str(template))
    return template


def make_mccqt(template: int, year: int, authority_code: str, till_slot: int,
               sequence: int, fmt: FormatVersion = CURRENT_FORMAT) -> str:
    """The MTT tax-authority code ``Mn-YY-XXXXX-SSNNNNNNNNN`` (SS = till slot, N = the till's
    own sequence), e.g. ``M1-26-A1B2C-00000000001``."""
    validate_template(template)
    if not 0 <= till_slot <= MAX_TILL_SLOT:
        raise EInvoiceError("bad_till_slot", str(till_slot))
    if not 1 <= sequence <= MAX_TILL_SEQUENCE:
        raise EInvoiceError("sequence_exhausted", str(sequence))
    kind = fmt.mccqt_type_by_template[template]
    code = validate_authority_code(authority_code)
    return f"M{kind}-{year % 100:02d}-{code}-{till_slot:02d}{sequence:09d}"


def parse_mccqt(code: str) -> tuple[int, int, str, int, int]:
    """``(type, yy, authority_code, till_slot, sequence)`` of an MTT code, or ``bad_mccqt``."""
    match = _MCCQT.match(code.strip())
    if match is None:
        raise EInvoiceError("bad_mccqt", code)
    digits = match.group(4)
    return (int(match.group(1)), int(match.group(2)), match.group(3), int(digits[:2]),
            int(digits[2:]))


def validate_invoice_number(number: int) -> int:
    if not 1 <= number <= MAX_INVOICE_NUMBER:
        raise EInvoiceError("bad_invoice_number", str(number))
    return number


def mst_check_digit(first_nine: str) -> int | None:
    """The 10th digit of a tax code from its first nine (weights 31 29 23 19 17 13 7 5 3,
    10 − sum mod 11), or None where the rule gives 10 (no such code is issued)."""
    if len(first_nine) != 9 or not first_nine.isdigit():
        raise EInvoiceError("bad_tax_code", first_nine)
    total = sum(int(d) * w for d, w in zip(first_nine, _MST_WEIGHTS, strict=True))
    digit = 10 - total % 11
    return None if digit == 10 else digit


def validate_tax_code(tax_code: str) -> str:
    """A seller's or buyer's MST: 10 digits with a correct check digit, or 10-3 for a branch.
    Spaces are dropped; raises ``bad_tax_code`` (shape) or ``tax_code_check_digit``."""
    cleaned = re.sub(r"\s", "", tax_code)
    match = _MST.match(cleaned)
    if match is None:
        raise EInvoiceError("bad_tax_code", tax_code)
    main = match.group(1)
    if main[:9] == "000000000" or mst_check_digit(main[:9]) != int(main[9]):
        raise EInvoiceError("tax_code_check_digit", tax_code)
    if match.group(2) == "000":
        raise EInvoiceError("bad_tax_code", tax_code)
    return cleaned


# --- amount in words ------------------------------------------------------------------------

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _three(n: int, full: bool) -> list[str]:
    """Words of 0 < n < 1000; ``full`` reads a leading zero hundred ("không trăm linh năm")."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += (["linh"] if words else []) + [_DIGITS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 5: "lăm"}.get(units, _DIGITS[units]))
    return words


def _below_billion(n: int, full: bool) -> list[str]:
    words: list[str] = []
    for scale, name in ((1_000_000, "triệu"), (1_000, "nghìn"), (1, "")):
        group, n = divmod(n, scale)
        if group:
            words += _three(group, full or bool(words))
            if name:
                words.append(name)
    return words


def _number_words(n: int, full: bool = False) -> list[str]:
    billions, rest = divmod(n, 1_000_000_000)
    if not billions:
        return _below_billion(rest, full)
    words = [*_number_words(billions, full), "tỷ"]
    if rest:
        words += _below_billion(rest, True)
    return words


def amount_in_words(amount: int, *, even_suffix: bool = False) -> str:
    """``125000`` → ``"Một trăm hai mươi lăm nghìn đồng"`` (``even_suffix``: ``"… đồng chẵn"``);
    a negative amount (an adjustment down) starts with ``"Âm"``."""
    if amount == 0:
        words = ["không"]
    else:
        words = _number_words(abs(amount))
        if amount < 0:
            words.insert(0, "âm")
    words.append("đồng")
    if even_suffix:
        words.append("chẵn")
    text = " ".join(words)
    return text[0].upper() + text[1:]


# --- the invoice ----------------------------------------------------------------------------

LINE_GOODS, LINE_PROMOTION, LINE_DISCOUNT, LINE_NOTE = 1, 2, 3, 4
PAYMENT_FORMS: dict[str, str] = {"cash": "TM", "card": "CK", "transfer": "CK"}
VAT_RATE_TEXT: dict[int, str] = {0: "0%", 5: "5%", 8: "8%", 10: "10%"}
RELATION_REPLACE, RELATION_ADJUST = 1, 2


@dataclass(frozen=True)
class Party:
    """Seller, or buyer with only what the buyer gave (all optional for a buyer)."""

    name: str = ""
    tax_code: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    id_number: str = ""  # CCCD

    def is_empty(self) -> bool:
        return not any((self.name, self.tax_code, self.address, self.phone, self.email,
                        self.id_number))


@dataclass(frozen=True)
class InvoiceLine:
    """One line as the sale stored it: ``amount`` is the line total in đồng (VAT-inclusive, as
    on the receipt), ``qty`` a Decimal (kilograms for goods sold by weight)."""

    no: int
    name: str
    unit: str
    qty: Decimal
    unit_price: int
    amount: int
    vat_rate: int
    code: str = ""
    discount: int = 0
    kind: int = LINE_GOODS


@dataclass(frozen=True)
class VatPart:
    """The sale's stored VAT part for one rate: ``gross`` (VAT-inclusive) and ``vat``."""

    rate: int
    gross: int
    vat: int

    @property
    def net(self) -> int:
        return self.gross - self.vat


@dataclass(frozen=True)
class RelatedInvoice:
    """The invoice an adjustment (2) or replacement (1) refers to (``TTHDLQuan``)."""

    relation: int
    template: int
    symbol: str
    number: int
    issued_on: dt.date
    mccqt: str


@dataclass(frozen=True)
class Invoice:
    template: int
    symbol: str
    number: int
    mccqt: str
    issued_at: dt.datetime
    seller: Party
    buyer: Party
    lines: tuple[InvoiceLine, ...]
    vat_parts: tuple[VatPart, ...]
    total: int
    discount: int = 0
    payment_form: str = "TM"
    provider_tax_code: str = ""
    related: RelatedInvoice | None = None
    sale_id: str = ""
    fmt: FormatVersion = CURRENT_FORMAT

    @property
    def name(self) -> str:
        return self.fmt.invoice_names[self.template]

    @property
    def full_symbol(self) -> str:
        """``1C26MAA``: template digit then symbol, as printed."""
        return f"{self.template}{self.symbol}"

    @property
    def total_net(self) -> int:
        return sum(p.net for p in self.vat_parts)

    @property
    def total_vat(self) -> int:
        return sum(p.vat for p in self.vat_parts)

    @property
    def total_words(self) -> str:
        return amount_in_words(self.total, even_suffix=self.fmt.words_even_suffix)

    def validate(self) -> Invoice:
        """Check the identifiers and that the figures add up; raises :class:`EInvoiceError`."""
        validate_template(self.template)
        validate_symbol(self.symbol, self.issued_at.year)
        validate_invoice_number(self.number)
        kind, yy, _, _, _ = parse_mccqt(self.mccqt)
        expected_kind = self.fmt.mccqt_type_by_template[self.template]
        if kind != expected_kind or yy != self.issued_at.year % 100:
            raise EInvoiceError("mccqt_mismatch", self.mccqt)
        if not self.seller.name or not self.seller.address:
            raise EInvoiceError("seller_incomplete")
        validate_tax_code(self.seller.tax_code)
        if self.buyer.tax_code:
            validate_tax_code(self.buyer.tax_code)
            if not self.buyer.name or not self.buyer.address:
                raise EInvoiceError("buyer_incomplete")
        if not self.lines:
            raise EInvoiceError("no_lines")
        for line in self.lines:
            if line.vat_rate not in VAT_RATE_TEXT:
                raise EInvoiceError("bad_vat_rate", str(line.vat_rate))
            if not line.name.strip():
                raise EInvoiceError("line_without_name", str(line.no))
        rates = [p.rate for p in self.vat_parts]
        if len(set(rates)) != len(rates) or any(r not in VAT_RATE_TEXT for r in rates):
            raise EInvoiceError("bad_vat_parts")
        if {ln.vat_rate for ln in self.lines} - set(rates):
            raise EInvoiceError("vat_parts_missing_rate")
        goods = sum(ln.amount for ln in self.lines if ln.kind == LINE_GOODS)
        if goods - self.discount != self.total:
            raise EInvoiceError("lines_total_mismatch",
                                f"{goods} - {self.discount} != {self.total}")
        if sum(p.gross for p in self.vat_parts) != self.total:
            raise EInvoiceError("vat_total_mismatch")
        if self.payment_form not in {"TM", "CK", "TM/CK"}:
            raise EInvoiceError("bad_payment_form", self.payment_form)
        return self


def payment_form(methods: list[str]) -> str:
    """``HTTToan`` from the sale's payment methods: ``TM`` cash, ``CK`` card or transfer."""
    forms = {PAYMENT_FORMS.get(m, "CK") for m in methods} or {"TM"}
    return forms.pop() if len(forms) == 1 else "TM/CK"


def qty_for_invoice(qty: int, unit: str) -> tuple[Decimal, str]:
    """Stored quantity → ``(SLuong, DVTinh)``: grams become kilograms."""
    if unit == "gram":
        return (Decimal(qty) / Decimal(1000)).quantize(Decimal("0.001")), "kg"
    return Decimal(qty), unit if unit not in ("piece", "") else "cái"
