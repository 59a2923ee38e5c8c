"""Scale (variable-measure) barcodes: the labels a weighing scale prints for loose goods.

GS1 keeps the prefixes 20–29 for "restricted circulation": each shop decides what the digits
mean, so the layout is a setting, not a standard. A pattern spells it out one character per
digit::

    "26IIIIIWWWWWC"       2 6   fixed prefix digits (one or more, the first always 2)
                          I     item code (the product's PLU at the scale)
                          W     weight in grams
                          P     price in đồng
                          C     GS1 check digit, last

Scales that print coarser units take a factor after the pattern, separated by spaces:
``"27IIIIIPPPPPC P*100"`` reads five price digits as hundreds of đồng (``01234`` → 123.400 đ),
``"28IIIIIWWWWWC W*10"`` reads the weight in tens of grams.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from pos_app.domain.barcodes import BarcodeError, BarcodeProblem, gtin_check_digit
from pos_app.domain.money import Dong

DEFAULT_PATTERN = "26IIIIIWWWWWC"
GTIN_LENGTHS = (8, 12, 13)
_FIELDS = "IWP"
_RUN = re.compile(r"I+|W+|P+")
_FACTOR = re.compile(r"^([WP])\*([1-9]\d{0,5})$")


class ScaleProblem(Enum):
    """Why a pattern or a code was refused (the UI words it)."""

    BAD_LENGTH = "bad_length"  # a pattern that is not 8, 12 or 13 digits long
    BAD_PREFIX = "bad_prefix"  # the fixed digits at the start do not begin with 2
    BAD_CHARACTER = "bad_character"
    NO_CHECK_DIGIT = "no_check_digit"  # C missing, repeated, or not last
    SPLIT_FIELD = "split_field"  # a field's digits are not together
    NO_ITEM = "no_item"
    NO_MEASURE = "no_measure"  # neither W nor P
    BAD_FACTOR = "bad_factor"
    NOT_THIS_PATTERN = "not_this_pattern"  # decode() of a code the pattern does not match


class ScaleError(ValueError):
    """A scale pattern or code was refused; ``problem`` says why."""

    def __init__(self, problem: ScaleProblem, text: str) -> None:
        super().__init__(problem, text)
        self.problem = problem
        self.text = text

    def __str__(self) -> str:
        return f"{self.text!r}: {self.problem.value}"


@dataclass(frozen=True)
class ScaleReading:
    """What a scale label says: the item, and its weight and/or price."""

    item_code: str
    grams: int | None
    price: Dong | None


@dataclass(frozen=True)
class ScalePattern:
    """A parsed layout. Build it with :meth:`parse`; the fields are slices into the code."""

    text: str
    prefix: str
    length: int
    item: slice
    weight: slice | None
    price: slice | None
    weight_factor: int = 1
    price_factor: int = 1

    @classmethod
    def parse(cls, pattern: str) -> ScalePattern:
        """Read a pattern such as ``"26IIIIIWWWWWC"`` or ``"27IIIIIPPPPPC P*100"``.

        Refuses anything that could silently misread a label: a length that is not a GTIN
        length, a prefix outside 2x, a field split in two, a missing check digit.
        """
        words = pattern.split()
        if not words:
            raise ScaleError(ScaleProblem.BAD_LENGTH, pattern)
        layout, options = words[0].upper(), words[1:]
        if len(layout) not in GTIN_LENGTHS:
            raise ScaleError(ScaleProblem.BAD_LENGTH, pattern)
        prefix = layout[: len(layout) - len(layout.lstrip("0123456789"))]
        if not prefix.startswith("2"):
            raise ScaleError(ScaleProblem.BAD_PREFIX, pattern)
        body = layout[len(prefix) :]
        if layout.count("C") != 1 or not body.endswith("C"):
            raise ScaleError(ScaleProblem.NO_CHECK_DIGIT, pattern)
        fields = body[:-1]
        if any(ch not in _FIELDS for ch in fields):
            raise ScaleError(ScaleProblem.BAD_CHARACTER, pattern)
        runs: dict[str, slice] = {}
        for run in _RUN.finditer(fields):
            letter = run.group()[0]
            if letter in runs:
                raise ScaleError(ScaleProblem.SPLIT_FIELD, pattern)
            runs[letter] = slice(len(prefix) + run.start(), len(prefix) + run.end())
        if "I" not in runs:
            raise ScaleError(ScaleProblem.NO_ITEM, pattern)
        if "W" not in runs and "P" not in runs:
            raise ScaleError(ScaleProblem.NO_MEASURE, pattern)
        factors = {"W": 1, "P": 1}
        for option in options:
            match = _FACTOR.match(option.upper())
            if match is None or match.group(1) not in runs:
                raise ScaleError(ScaleProblem.BAD_FACTOR, pattern)
            factors[match.group(1)] = int(match.group(2))
        return cls(
            text=pattern,
            prefix=prefix,
            length=len(layout),
            item=runs["I"],
            weight=runs.get("W"),
            price=runs.get("P"),
            weight_factor=factors["W"],
            price_factor=factors["P"],
        )

    def matches(self, code: str) -> bool:
        """Is this code laid out by this pattern (right length, digits, prefix)?

        The check digit is deliberately not looked at: a label with a bad check digit is
        still a scale label, and :meth:`decode` should say so rather than let the code fall
        through to the product lookup as "unknown barcode".
        """
        cleaned = code.strip()
        return (
            len(cleaned) == self.length
            and cleaned.isascii()
            and cleaned.isdigit()
            and cleaned.startswith(self.prefix)
        )

    def decode(self, code: str) -> ScaleReading:
        """Read a label. Raises :class:`BarcodeError` for a wrong check digit, and
        :class:`ScaleError` (``NOT_THIS_PATTERN``) for a code this pattern does not describe."""
        cleaned = code.strip()
        if not self.matches(cleaned):
            raise ScaleError(ScaleProblem.NOT_THIS_PATTERN, code)
        expected = gtin_check_digit(cleaned[:-1])
        if expected != int(cleaned[-1]):
            raise BarcodeError(cleaned, BarcodeProblem.BAD_CHECK_DIGIT, expected)
        grams = None if self.weight is None else int(cleaned[self.weight]) * self.weight_factor
        price = None if self.price is None else Dong(int(cleaned[self.price]) * self.price_factor)
        return ScaleReading(item_code=cleaned[self.item], grams=grams, price=price)

    def encode(self, item_code: str, *, grams: int | None = None, price: int | None = None) -> str:
        """Make a label as the scale would (for tests, demo data and label printing).

        Values must fit their fields exactly, in the pattern's units: nothing is rounded.
        """
        digits = list(self.prefix.ljust(self.length - 1, "0"))

        def put(where: slice | None, value: int | str | None, factor: int, name: str) -> None:
            if where is None or value is None:
                if where is not None or value is not None:
                    raise ValueError(
                        f"this pattern {'needs' if value is None else 'has no'} {name}"
                    )
                return
            if isinstance(value, int):
                if value < 0 or value % factor:
                    raise ValueError(f"{name} {value} is not a whole number of {factor}")
                value = str(value // factor)
            width = where.stop - where.start
            if not (value.isascii() and value.isdigit()) or len(value) > width:
                raise ValueError(f"{name} {value!r} does not fit {width} digits")
            digits[where] = value.zfill(width)

        put(self.item, item_code, 1, "item code")
        put(self.weight, grams, self.weight_factor, "weight")
        put(self.price, price, self.price_factor, "price")
        body = "".join(digits)
        return body + str(gtin_check_digit(body))


def weighed_amount(price_per_kg: int, grams: int) -> Dong:
    """The price of ``grams`` at ``price_per_kg`` đồng/kg, rounded half up to the đồng.

    Integer arithmetic only (``price × grams / 1000``), so 333 g at 100.001 đ/kg is always the
    same number of đồng on every till. Negative inputs are refused: returns are priced from the
    original sale line, not re-weighed.
    """
    if isinstance(price_per_kg, bool) or isinstance(grams, bool):
        raise TypeError("price and weight are integers")
    if price_per_kg < 0 or grams < 0:
        raise ValueError("price and weight cannot be negative")
    quotient, remainder = divmod(price_per_kg * grams, 1000)
    return Dong(quotient + (1 if remainder * 2 >= 1000 else 0))
