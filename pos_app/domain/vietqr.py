"""VietQR (NAPAS 247) bank-transfer QR payloads, per the EMVCo Merchant-Presented Mode layout.

A customer's banking app turns the payload into a transfer: bank, account, amount and the
transfer note ("purpose") that lets the showroom match the money to the sale. A wrong byte means
money lands in the wrong account or with an unmatchable note, so the builder validates every
input and the parser refuses anything structurally doubtful, *even when the CRC matches*: a CRC
only proves the text was not damaged in transit, not that whoever made it followed the format.

Layout (each element is ``id`` (2 digits) + ``length`` (2 digits) + ``value``)::

    00 "01"                 payload format indicator, always first
    01 "11" | "12"          static (reusable) | dynamic (one payment)
    38 { 00 "A000000727"    NAPAS GUID
         01 { 00 BIN, 01 account }
         02 "QRIBFTTA" | "QRIBFTTC" }  transfer to account | to card
                                       (a merchant-presented QR has "QRPUSH" or no 02)
    53 "704"                currency: VND
    54 amount               whole đồng, only when fixed
    58 "VN"
    62 { 08 purpose }       only when there is one
    63 CRC-16/CCITT-FALSE over everything before it, "6304" included

A length of ``00`` is refused at every level: EMVCo lengths run from 01 to 99, and an empty
field (a purpose ``6204 0800``) is a payload whoever made it did not finish.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
SERVICE_TO_CARD = "QRIBFTTC"
SERVICE_MERCHANT = "QRPUSH"  # merchant-presented: pay a shop's merchant account
SERVICES: frozenset[str] = frozenset({SERVICE_TO_ACCOUNT, SERVICE_TO_CARD})
# What a parsed payload may carry in 38.02; "" is a merchant QR that leaves 38.02 out.
PARSED_SERVICES: frozenset[str] = SERVICES | {SERVICE_MERCHANT}
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
MAX_AMOUNT = 9_999_999_999_999  # EMVCo caps the amount at 13 characters
MAX_PURPOSE_LENGTH = 25  # NAPAS: additional data 08 is "ans", up to 25
MAX_ACCOUNT_LENGTH = 19

_FORMAT_INDICATOR = "01"
_STATIC = "11"
_DYNAMIC = "12"
_MANDATORY_TOP_LEVEL = ("00", "01", "38", "53", "58", "63")
_HEX = frozenset("0123456789ABCDEFabcdef")
# Bank apps disagree on punctuation in transfer notes; letters, digits, space, "-" and "." pass
# everywhere we know of, and "-" keeps receipt numbers such as Q01-20261123-0042 matchable.
_PURPOSE_PUNCTUATION = frozenset(" -.")
_DD = str.maketrans({"đ": "d", "Đ": "D"})


class VietQRProblem(Enum):
    """What is wrong with a VietQR input or payload (the UI words it)."""

    BAD_BIN = "bad_bin"
    BAD_ACCOUNT = "bad_account"
    BAD_AMOUNT = "bad_amount"
    BAD_SERVICE = "bad_service"
    VALUE_TOO_LONG = "value_too_long"
    EMPTY_VALUE = "empty_value"  # a field of length 00
    NOT_ASCII = "not_ascii"
    BAD_HEADER = "bad_header"  # an id or a length that is not two digits
    TRUNCATED = "truncated"  # a length that runs past the end of its container
    DUPLICATE_ID = "duplicate_id"
    MISSING_FIELD = "missing_field"
    CRC_NOT_LAST = "crc_not_last"
    BAD_CRC = "bad_crc"
    BAD_FORMAT_INDICATOR = "bad_format_indicator"
    BAD_INITIATION_METHOD = "bad_initiation_method"
    NOT_VIETQR = "not_vietqr"  # merchant account 38 without the NAPAS GUID
    BAD_CURRENCY = "bad_currency"
    BAD_COUNTRY = "bad_country"


class VietQRError(ValueError):
    """A VietQR input or payload was refused; ``code`` says why, ``field`` says where."""

    def __init__(self, code: VietQRProblem, field: str | None = None) -> None:
        super().__init__(code, field)
        self.code = code
        self.field = field

    def __str__(self) -> str:
        where = f" (field {self.field})" if self.field else ""
        return f"VietQR: {self.code.value}{where}"


@dataclass(frozen=True)
class VietQRPayload:
    """The facts a VietQR payload carries, as read by :func:`parse_payload`."""

    bank_bin: str
    account: str
    amount: int | None
    purpose: str
    service: str  # QRIBFTTA, QRIBFTTC, QRPUSH, or "" (merchant-presented without 38.02)
    dynamic: bool
    currency: str
    country: str


def crc16_ccitt_false(data: str) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor), 4 hex digits.

    EMVCo computes it over the UTF-8 bytes of the payload up to and including ``"6304"``.
    """
    crc = 0xFFFF
    for byte in data.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return f"{crc:04X}"


def encode_tlv(tag: str, value: str) -> str:
    """One EMVCo element: two-digit id, two-digit length, value (1 to 99 characters)."""
    if len(tag) != 2 or not (tag.isascii() and tag.isdigit()):
        raise VietQRError(VietQRProblem.BAD_HEADER, tag)
    if not value:
        raise VietQRError(VietQRProblem.EMPTY_VALUE, tag)
    if len(value) > 99:
        raise VietQRError(VietQRProblem.VALUE_TOO_LONG, tag)
    return f"{tag}{len(value):02d}{value}"


def decode_tlv(text: str, *, container: str = "") -> list[tuple[str, str]]:
    """Split ``text`` into ``(id, value)`` pairs, strictly.

    Refuses non-digit ids or lengths, a length of zero, a length that runs past the end, and an
    id repeated at the same level: a reader that guessed its way past any of these could show
    the cashier an account or amount that the customer's bank would read differently.
    ``container`` names the enclosing template in errors (``"38"``, ``"38.01"``).
    """
    elements: list[tuple[str, str]] = []
    seen: set[str] = set()
    position = 0
    while position < len(text):
        header = text[position : position + 4]
        tag = header[:2]
        where = f"{container}.{tag}" if container else tag
        if len(header) < 4:
            raise VietQRError(VietQRProblem.TRUNCATED, where)
        if not (header.isascii() and header.isdigit()):
            raise VietQRError(VietQRProblem.BAD_HEADER, where)
        length = int(header[2:])
        if length == 0:
            raise VietQRError(VietQRProblem.EMPTY_VALUE, where)
        end = position + 4 + length
        if end > len(text):
            raise VietQRError(VietQRProblem.TRUNCATED, where)
        if tag in seen:
            raise VietQRError(VietQRProblem.DUPLICATE_ID, where)
        seen.add(tag)
        elements.append((tag, text[position + 4 : end]))
        position = end
    return elements


def ascii_purpose(text: str) -> str:
    """Make a transfer note every bank app accepts: Vietnamese folded to ASCII, case kept.

    Tone and vowel marks go (``"Bánh đậu"`` → ``"Banh dau"``, like :func:`text.fold` but without
    lower-casing, since the note is shown back to people), other characters are dropped, white
    space collapses, and the result is cut to 25 characters. An empty result is allowed: a
    payment without a note is still a payment.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_DD))
    kept = "".join(
        ch
        for ch in decomposed
        if ch.isascii() and (ch.isalnum() or ch in _PURPOSE_PUNCTUATION or ch.isspace())
    )
    return " ".join(kept.split())[:MAX_PURPOSE_LENGTH].rstrip()


def build_payload(
    *,
    bank_bin: str,
    account: str,
    amount: int | None,
    purpose: str,
    service: str = SERVICE_TO_ACCOUNT,
    dynamic: bool = True,
) -> str:
    """The VietQR text for a transfer to ``account`` at the bank ``bank_bin``.

    ``amount`` is whole đồng (``None``: the payer types it); ``purpose`` is folded by
    :func:`ascii_purpose`. Fields come out in ascending id order, as EMVCo requires, and the
    field 62 is left out when the purpose folds to nothing, which is what bank apps produce.
    """
    _check_bin(bank_bin)
    _check_account(account)
    if service not in SERVICES:
        raise VietQRError(VietQRProblem.BAD_SERVICE, "38.02")
    if amount is not None and (
        isinstance(amount, bool) or not isinstance(amount, int) or not 1 <= amount <= MAX_AMOUNT
    ):
        raise VietQRError(VietQRProblem.BAD_AMOUNT, "54")
    beneficiary = encode_tlv("00", bank_bin) + encode_tlv("01", account)
    merchant = encode_tlv("00", NAPAS_GUID) + encode_tlv("01", beneficiary)
    merchant += encode_tlv("02", service)
    parts = [
        encode_tlv("00", _FORMAT_INDICATOR),
        encode_tlv("01", _DYNAMIC if dynamic else _STATIC),
        encode_tlv("38", merchant),
        encode_tlv("53", CURRENCY_VND),
    ]
    if amount is not None:
        parts.append(encode_tlv("54", str(amount)))
    parts.append(encode_tlv("58", COUNTRY_VN))
    note = ascii_purpose(purpose)
    if note:
        parts.append(encode_tlv("62", encode_tlv("08", note)))
    body = "".join(parts) + "6304"
    return body + crc16_ccitt_false(body)


def parse_payload(text: str) -> VietQRPayload:
    """Read a VietQR payload, refusing anything malformed (see the module docstring).

    Order matters for useful errors: the structure is checked first, then the CRC, then the
    meaning of each field. Unknown fields (merchant name 59, city 60, the reserved 80–99 that
    wallets use) are allowed; surrounding white space from a scanner is ignored, and the CRC's
    hex digits are accepted in either case.
    """
    text = text.strip()
    if not text.isascii():
        raise VietQRError(VietQRProblem.NOT_ASCII)
    elements = decode_tlv(text)
    fields = dict(elements)
    for tag in _MANDATORY_TOP_LEVEL:
        if tag not in fields:
            raise VietQRError(VietQRProblem.MISSING_FIELD, tag)
    if elements[-1][0] != "63":
        raise VietQRError(VietQRProblem.CRC_NOT_LAST, "63")
    crc = fields["63"]
    if len(crc) != 4 or not set(crc) <= _HEX:
        raise VietQRError(VietQRProblem.BAD_CRC, "63")
    if crc16_ccitt_false(text[:-4]) != crc.upper():
        raise VietQRError(VietQRProblem.BAD_CRC, "63")
    if elements[0][0] != "00" or fields["00"] != _FORMAT_INDICATOR:
        raise VietQRError(VietQRProblem.BAD_FORMAT_INDICATOR, "00")
    if fields["01"] not in (_STATIC, _DYNAMIC):
        raise VietQRError(VietQRProblem.BAD_INITIATION_METHOD, "01")
    bank_bin, account, service = _parse_merchant(fields["38"])
    if fields["53"] != CURRENCY_VND:
        raise VietQRError(VietQRProblem.BAD_CURRENCY, "53")
    if fields["58"] != COUNTRY_VN:
        raise VietQRError(VietQRProblem.BAD_COUNTRY, "58")
    amount = _parse_amount(fields["54"]) if "54" in fields else None
    purpose = dict(decode_tlv(fields["62"], container="62")).get("08", "") if "62" in fields else ""
    return VietQRPayload(
        bank_bin=bank_bin,
        account=account,
        amount=amount,
        purpose=purpose,
        service=service,
        dynamic=fields["01"] == _DYNAMIC,
        currency=fields["53"],
        country=fields["58"],
    )


def _parse_merchant(value: str) -> tuple[str, str, str]:
    """The (BIN, account, service) of merchant account information 38.

    A merchant-presented QR (a shop's merchant account at its acquiring bank) carries the
    service ``QRPUSH`` or no 38.02 at all; both are read, the service then being ``"QRPUSH"``
    or ``""``.
    """
    merchant = dict(decode_tlv(value, container="38"))
    if merchant.get("00") != NAPAS_GUID:
        raise VietQRError(VietQRProblem.NOT_VIETQR, "38.00")
    if "01" not in merchant:
        raise VietQRError(VietQRProblem.MISSING_FIELD, "38.01")
    beneficiary = dict(decode_tlv(merchant["01"], container="38.01"))
    for tag in ("00", "01"):
        if tag not in beneficiary:
            raise VietQRError(VietQRProblem.MISSING_FIELD, f"38.01.{tag}")
    _check_bin(beneficiary["00"])
    _check_account(beneficiary["01"])
    service = merchant.get("02", "")
    if service and service not in PARSED_SERVICES:
        raise VietQRError(VietQRProblem.BAD_SERVICE, "38.02")
    return beneficiary["00"], beneficiary["01"], service


def _parse_amount(value: str) -> int:
    """Whole đồng only: VND has no minor unit, so "10000.50" or "1e4" is not a VietQR amount."""
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_AMOUNT:
        raise VietQRError(VietQRProblem.BAD_AMOUNT, "54")
    return int(value)


def _check_bin(bank_bin: str) -> None:
    if len(bank_bin) != 6 or not (bank_bin.isascii() and bank_bin.isdigit()):
        raise VietQRError(VietQRProblem.BAD_BIN, "38.01.00")


def _check_account(account: str) -> None:
    if not (1 <= len(account) <= MAX_ACCOUNT_LENGTH and account.isascii() and account.isalnum()):
        raise VietQRError(VietQRProblem.BAD_ACCOUNT, "38.01.01")
