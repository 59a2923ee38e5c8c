"""Barcode checks: EAN-13, EAN-8, UPC-A (GTIN check digits) and plain codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

GS1_VIETNAM_PREFIX = "893"
MAX_BARCODE_LENGTH = 48


class Symbology(Enum):
    EAN13 = "ean13"
    EAN8 = "ean8"
    UPCA = "upca"
    CODE128 = "code128"


class BarcodeProblem(Enum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    BAD_CHECK_DIGIT = "bad_check_digit"
    BAD_CHARACTERS = "bad_characters"


@dataclass(frozen=True)
class BarcodeError(ValueError):
    code: str
    problem: BarcodeProblem
    expected_check_digit: int | None = None

    def __str__(self) -> str:
        if self.problem is BarcodeProblem.BAD_CHECK_DIGIT:
            return f"{self.code}: wrong check digit (expected {self.expected_check_digit})"
        return f"{self.code!r}: {self.problem.value}"


def gtin_check_digit(body: str) -> int:
    """GS1 mod-10 check digit for the digits before it (any GTIN length)."""
    total = 0
    for position, char in enumerate(reversed(body)):
        digit = int(char)
        total += digit * (3 if position % 2 == 0 else 1)
    return (10 - total % 10) % 10


def is_valid_gtin(code: str) -> bool:
    return (
        code.isascii()
        and code.isdigit()
        and len(code) in (8, 12, 13, 14)
        and gtin_check_digit(code[:-1]) == int(code[-1])
    )


def symbology_of(code: str) -> Symbology:
    if code.isascii() and code.isdigit():
        return {13: Symbology.EAN13, 8: Symbology.EAN8, 12: Symbology.UPCA}.get(
            len(code), Symbology.CODE128
        )
    return Symbology.CODE128


def validate(code: str) -> str:
    """Return the cleaned code, or raise BarcodeError saying what is wrong with it.

    Codes of 8, 12 or 13 digits are GTINs and must carry a correct check digit; anything else
    printable is accepted as a Code 128 / internal code.
    """
    cleaned = code.strip()
    if not cleaned:
        raise BarcodeError(code, BarcodeProblem.EMPTY)
    if len(cleaned) > MAX_BARCODE_LENGTH:
        raise BarcodeError(cleaned[:20] + "…", BarcodeProblem.TOO_LONG)
    if not cleaned.isprintable() or not cleaned.isascii():
        raise BarcodeError(cleaned, BarcodeProblem.BAD_CHARACTERS)
    if cleaned.isdigit() and len(cleaned) in (8, 12, 13):
        expected = gtin_check_digit(cleaned[:-1])
        if expected != int(cleaned[-1]):
            raise BarcodeError(cleaned, BarcodeProblem.BAD_CHECK_DIGIT, expected)
    return cleaned


def make_ean13(body12: str) -> str:
    """Complete a 12-digit body with its check digit."""
    if len(body12) != 12 or not body12.isdigit():
        raise ValueError("an EAN-13 body has 12 digits")
    return body12 + str(gtin_check_digit(body12))
