"""Identifiers: UUIDv7 for every fact that leaves the till, and human receipt numbers.

UUIDv7 (RFC 9562 §5.7) puts the Unix time in milliseconds first, so ids sort by creation time
(good B-tree locality in SQLite, a natural order for sync batches) and need no central counter
to be unique across tills. Python 3.11 has no ``uuid.uuid7``, hence this module.

Receipt numbers are for people: ``Q01-20261123-0042`` is the till, the local business date and
that day's sequence, unique across tills and easy to read aloud over the phone.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MAX_MS = (1 << 48) - 1
_COUNTER_BITS = 12
_COUNTER_MAX = (1 << _COUNTER_BITS) - 1
_VARIANT_RFC = 0b10


class UUIDv7Generator:
    """Makes UUIDv7 strings that increase strictly within one process.

    RFC 9562 §6.2 method 1: the 12 ``rand_a`` bits are a counter. A new millisecond seeds it
    with a random value whose top bit is clear, which leaves at least 2048 increments before it
    would overflow; on overflow (or when the wall clock steps back, e.g. an NTP correction on a
    till that booted with a wrong clock) the timestamp is carried forward by a millisecond, so
    ids never go backwards while the process lives. The 62 ``rand_b`` bits stay random.

    ``clock_ms`` and ``random_bits`` are injectable so tests can freeze time.
    """

    def __init__(
        self,
        clock_ms: Callable[[], int] | None = None,
        random_bits: Callable[[int], int] = secrets.randbits,
    ) -> None:
        self._clock_ms = clock_ms or (lambda: time.time_ns() // 1_000_000)
        self._random_bits = random_bits
        self._lock = threading.Lock()
        self._last_ms = -1
        self._counter = 0

    def __call__(self) -> str:
        with self._lock:
            now = self._clock_ms()
            if now > self._last_ms:
                self._last_ms = now
                self._counter = self._random_bits(_COUNTER_BITS - 1)
            elif self._counter < _COUNTER_MAX:
                self._counter += 1
            else:
                self._last_ms += 1
                self._counter = self._random_bits(_COUNTER_BITS - 1)
            if not 0 <= self._last_ms <= _MAX_MS:
                raise OverflowError("the clock is outside the UUIDv7 range")
            value = (
                (self._last_ms << 80)
                | (0x7 << 76)
                | (self._counter << 64)
                | (_VARIANT_RFC << 62)
                | self._random_bits(62)
            )
        return str(uuid.UUID(int=value))


_generator = UUIDv7Generator()


def new_id() -> str:
    """A new UUIDv7 as a lower-case hyphenated string, e.g. ``"0193b1e4-7c2a-7d41-9f3e-…"``.

    Strictly increasing (as strings too) across all threads of this process.
    """
    return _generator()


def id_time(uuid_str: str) -> datetime:
    """When a UUIDv7 was made (UTC, millisecond precision).

    Raises ValueError for text that is not a UUID, or a UUID of another version, whose first
    bits are not a time at all; OverflowError for a timestamp past the year 9999 (valid in
    48 bits, but beyond what ``datetime`` holds).
    """
    parsed = uuid.UUID(uuid_str)
    if parsed.version != 7 or parsed.variant != uuid.RFC_4122:
        raise ValueError(f"not a UUIDv7: {uuid_str!r}")
    return _EPOCH + timedelta(milliseconds=parsed.int >> 80)


class ReceiptNumber(NamedTuple):
    till: str
    date: date
    seq: int


_TILL = re.compile(r"^[A-Z0-9]{1,8}$")
_RECEIPT = re.compile(r"^([A-Z0-9]{1,8})-(\d{8})-(\d{4,})$")


def receipt_number(till_code: str, local_date: date, seq: int) -> str:
    """``("Q01", 2026-11-23, 42)`` → ``"Q01-20261123-0042"``.

    The till code is 1–8 letters or digits (upper-cased; no hyphen, which separates the parts);
    ``seq`` starts at 1 and is padded to four digits, growing past 9999 without wrapping.
    ``local_date`` is the showroom's business date (Asia/Ho_Chi_Minh), not the UTC date.
    """
    till = till_code.strip().upper()
    if not _TILL.match(till):
        raise ValueError(f"a till code is 1-8 letters or digits: {till_code!r}")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise ValueError(f"a receipt sequence starts at 1: {seq!r}")
    day = f"{local_date.year:04d}{local_date.month:02d}{local_date.day:02d}"  # %Y is unpadded
    return f"{till}-{day}-{seq:04d}"


def parse_receipt_number(text: str) -> ReceiptNumber:
    """Read a receipt number as a cashier types it (case and surrounding spaces forgiven).

    Returns ``(till, date, seq)``; raises ValueError for anything :func:`receipt_number` would
    not have produced, such as an impossible date or a sequence with extra leading zeros.
    """
    match = _RECEIPT.match(text.strip().upper()) if text.isascii() else None
    if match is None:
        raise ValueError(f"not a receipt number: {text!r}")
    till, day, digits = match.groups()
    if len(digits) > 4 and digits.startswith("0"):
        raise ValueError(f"not a receipt number: {text!r}")
    try:
        local_date = date(int(day[:4]), int(day[4:6]), int(day[6:]))
    except ValueError:
        raise ValueError(f"not a receipt number (no such date): {text!r}") from None
    seq = int(digits)
    if seq < 1:
        raise ValueError(f"not a receipt number: {text!r}")
    return ReceiptNumber(till, local_date, seq)
