"""Customers: Vietnamese mobile numbers, e-mail and the customer's record checks. Standard library.

A phone number is stored normalised as ten digits starting ``0`` (``+84 912 345 678``,
``84912345678`` and ``0912.345.678`` are all ``0912345678``). Only mobile numbers are accepted:
the networks' prefixes 03, 05, 07, 08 and 09 (after the 2018 change from 11 digits). Errors are
:class:`CustomerError` codes; the UI words them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pos_app.domain.einvoice import EInvoiceError, validate_tax_code
from pos_app.domain.errors import CodedValueError
from pos_app.domain.text import fold

__all__ = [
    "MOBILE_PREFIXES", "CustomerError", "CustomerInput", "check_customer", "normalise_email",
    "name_key", "normalise_phone", "phone_search_key",
]

MOBILE_PREFIXES = frozenset({
    "032", "033", "034", "035", "036", "037", "038", "039",
    "052", "055", "056", "058", "059",
    "070", "076", "077", "078", "079",
    "081", "082", "083", "084", "085", "086", "087", "088", "089",
    "090", "091", "092", "093", "094", "096", "097", "098", "099",
})
"""Vietnamese mobile prefixes (Viettel, VinaPhone, MobiFone, Vietnamobile, Gmobile, Itel,
Reddi), three digits with the leading 0."""

MAX_NAME = 200
MAX_ADDRESS = 400
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")
_SEPARATORS = re.compile(r"[\s.\-()]")


class CustomerError(CodedValueError):
    """Customer input refused. Codes: ``phone_empty``, ``phone_not_digits``,
    ``phone_wrong_length``, ``phone_not_mobile``, ``phone_not_vietnamese``,
    ``name_empty``, ``name_too_long``,
    ``email_invalid``, ``address_too_long``, ``bad_tax_code``,
    ``tax_code_check_digit``, ``no_such_customer``, ``phone_taken``,
    ``customer_erased``."""


def normalise_phone(text: str) -> str:
    """``text`` as ten digits starting 0, or :class:`CustomerError`."""
    cleaned = _SEPARATORS.sub("", text or "")
    if not cleaned:
        raise CustomerError("phone_empty")
    if cleaned.startswith("+84"):
        cleaned = "0" + cleaned[3:]
    elif cleaned.startswith("0084"):
        cleaned = "0" + cleaned[4:]
    elif cleaned.startswith("84") and len(cleaned) == 11:
        cleaned = "0" + cleaned[2:]
    elif cleaned.startswith(("+", "00")):
        raise CustomerError("phone_not_vietnamese")
    if not cleaned.isascii() or not cleaned.isdigit():
        raise CustomerError("phone_not_digits")
    if not cleaned.startswith("0"):
        cleaned = "0" + cleaned
    if cleaned.startswith("02"):  # a landline (area code 02x)
        raise CustomerError("phone_not_mobile")
    if len(cleaned) != 10:
        raise CustomerError("phone_wrong_length")
    if cleaned[:3] not in MOBILE_PREFIXES:
        raise CustomerError("phone_not_mobile")
    return cleaned


def phone_search_key(text: str) -> str:
    """The digits to search by while a number is being typed (``+84 91`` → ``091``); a full
    valid number gives its normalised form."""
    try:
        return normalise_phone(text)
    except CustomerError:
        digits = "".join(ch for ch in text if ch.isdigit())
        if text.strip().startswith("+84") or (digits.startswith("84") and len(digits) > 9):
            digits = "0" + digits[2:]
        return digits


def normalise_email(text: str) -> str:
    """Trimmed, lower-cased e-mail ("" stays ""), or ``email_invalid``."""
    email = (text or "").strip().lower()
    if email and not _EMAIL.match(email):
        raise CustomerError("email_invalid")
    return email


@dataclass(frozen=True)
class CustomerInput:
    """What the cashier or back office typed for a customer."""

    name: str
    phone: str
    email: str = ""
    address: str = ""
    tax_code: str = ""
    consent: bool = False


def check_customer(data: CustomerInput) -> CustomerInput:
    """``data`` cleaned and normalised (phone, e-mail, tax code), or :class:`CustomerError`."""
    name = " ".join((data.name or "").split())
    if not name:
        raise CustomerError("name_empty")
    if len(name) > MAX_NAME:
        raise CustomerError("name_too_long")
    address = " ".join((data.address or "").split())
    if len(address) > MAX_ADDRESS:
        raise CustomerError("address_too_long")
    tax_code = ""
    if (data.tax_code or "").strip():
        try:
            tax_code = validate_tax_code(data.tax_code)
        except EInvoiceError as exc:
            raise CustomerError(exc.code) from exc
    return CustomerInput(
        name=name, phone=normalise_phone(data.phone), email=normalise_email(data.email),
        address=address, tax_code=tax_code, consent=bool(data.consent),
    )


def name_key(name: str) -> str:
    """The folded name a search matches (no tone marks, đ→d)."""
    return fold(name)
