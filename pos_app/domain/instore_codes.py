"""In-store codes: the showroom's own EAN-13 barcodes for goods that carry none.

GS1 keeps the prefixes 20–29 for "restricted circulation": a shop may print them on its own
labels, and no manufacturer's GTIN ever starts with them. A weighing scale also prints its
labels in that range (see :mod:`pos_app.domain.scale`), so the showroom chooses a *prefix* for
its in-store codes (two or three digits, starting with 2) that the scale pattern never matches:
a scanned code is then either a scale label or an in-store code, never both.

A code is ``prefix + serial (zero-padded) + check digit``, 13 digits. The check digit is the
GS1 one from :mod:`pos_app.domain.barcodes`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from itertools import chain

from pos_app.domain.barcodes import gtin_check_digit, make_ean13
from pos_app.domain.scale import ScalePattern

DEFAULT_PREFIX = "21"
CODE_LENGTH = 13


class CodeProblem(Enum):
    """Why a prefix or an in-store code was refused (the UI and the CLI word it)."""

    BAD_PREFIX = "bad_prefix"  # not 2 or 3 digits, or not in 20–29
    SCALE_PREFIX = "scale_prefix"  # the scale's labels start the same way
    BAD_LENGTH = "bad_length"  # not 13 digits
    BAD_CHECK_DIGIT = "bad_check_digit"
    NOT_THIS_PREFIX = "not_this_prefix"  # a valid EAN-13 that is not one of our in-store codes
    EXHAUSTED = "exhausted"  # every serial of the prefix is taken


class InStoreCodeError(ValueError):
    """An in-store prefix or code was refused; ``problem`` says why, ``text`` what."""

    def __init__(self, problem: CodeProblem, text: str, expected: int | None = None) -> None:
        super().__init__(problem, text)
        self.problem = problem
        self.text = text
        self.expected_check_digit = expected

    def __str__(self) -> str:
        return f"{self.text!r}: {self.problem.value}"


def _collides(prefix: str, scale: ScalePattern | None) -> bool:
    """Could a 13-digit code starting with ``prefix`` also start with the scale's prefix?"""
    if scale is None or scale.length != CODE_LENGTH:
        return False
    return prefix.startswith(scale.prefix) or scale.prefix.startswith(prefix)


@dataclass(frozen=True)
class InStoreScheme:
    """A checked prefix: build with :meth:`parse`, then :meth:`code` / :meth:`check`."""

    prefix: str

    @classmethod
    def parse(cls, prefix: str, scale: ScalePattern | None = None) -> InStoreScheme:
        """Accept a prefix of 2 or 3 digits in 20–29 that the scale pattern never matches."""
        text = prefix.strip()
        if not (text.isascii() and text.isdigit() and 2 <= len(text) <= 3
                and text.startswith("2")):
            raise InStoreCodeError(CodeProblem.BAD_PREFIX, prefix)
        if _collides(text, scale):
            raise InStoreCodeError(CodeProblem.SCALE_PREFIX, prefix)
        return cls(text)

    @property
    def serial_width(self) -> int:
        return CODE_LENGTH - 1 - len(self.prefix)

    @property
    def capacity(self) -> int:
        """How many codes the prefix holds (serial 0 is never used)."""
        return int(10**self.serial_width) - 1

    def code(self, serial: int) -> str:
        """The code for ``serial`` (1 …), check digit included."""
        if not 1 <= serial <= self.capacity:
            raise InStoreCodeError(CodeProblem.EXHAUSTED, str(serial))
        return make_ean13(self.prefix + str(serial).zfill(self.serial_width))

    def serial_of(self, code: str) -> int | None:
        """The serial of one of our codes; None for any other code (no error)."""
        cleaned = code.strip()
        if (len(cleaned) != CODE_LENGTH or not cleaned.isascii() or not cleaned.isdigit()
                or not cleaned.startswith(self.prefix)):
            return None
        if gtin_check_digit(cleaned[:-1]) != int(cleaned[-1]):
            return None
        return int(cleaned[len(self.prefix):-1])

    def check(self, code: str, scale: ScalePattern | None = None) -> str:
        """A code a manager typed: 13 digits, right check digit, this prefix, not a scale
        label. Returns it cleaned; raises :class:`InStoreCodeError` saying what is wrong."""
        cleaned = code.strip()
        if len(cleaned) != CODE_LENGTH or not cleaned.isascii() or not cleaned.isdigit():
            raise InStoreCodeError(CodeProblem.BAD_LENGTH, code)
        expected = gtin_check_digit(cleaned[:-1])
        if expected != int(cleaned[-1]):
            raise InStoreCodeError(CodeProblem.BAD_CHECK_DIGIT, cleaned, expected)
        if scale is not None and scale.matches(cleaned):
            raise InStoreCodeError(CodeProblem.SCALE_PREFIX, cleaned)
        if not cleaned.startswith(self.prefix):
            raise InStoreCodeError(CodeProblem.NOT_THIS_PREFIX, cleaned)
        return cleaned

    def next_codes(self, taken: Iterable[str], count: int) -> Iterator[str]:
        """``count`` new codes after the highest serial already ``taken`` (then any gaps), so
        codes are handed out in order and a freed code is not reused before the others."""
        used = {s for s in (self.serial_of(c) for c in taken) if s is not None}
        top = max(used, default=0)
        order = chain(range(top + 1, self.capacity + 1), range(1, top))
        made = 0
        if count <= 0:
            return
        for serial in order:
            if serial not in used:
                made += 1
                yield self.code(serial)
                if made >= count:
                    return
        if made < count:
            raise InStoreCodeError(CodeProblem.EXHAUSTED, self.prefix)
