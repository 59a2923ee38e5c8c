"""UUIDv7 ids and receipt numbers."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.ids import (
    ReceiptNumber,
    UUIDv7Generator,
    id_time,
    new_id,
    parse_receipt_number,
    receipt_number,
)

# --- UUIDv7 -------------------------------------------------------------------------------------


def test_layout_follows_rfc_9562():
    value = uuid.UUID(new_id())
    assert value.version == 7
    assert value.variant == uuid.RFC_4122  # variant bits 10
    assert str(value) == str(value).lower()
    assert len(str(value)) == 36


def test_rfc_9562_appendix_a6_example_time():
    # RFC 9562 Appendix A.6: 017F22E2-79B0-7CC3-98C4-DC0C0C07398F was made at
    # Tuesday, February 22, 2022 2:22:22.00 PM GMT-05:00.
    assert id_time("017F22E2-79B0-7CC3-98C4-DC0C0C07398F") == datetime(
        2022, 2, 22, 19, 22, 22, tzinfo=UTC
    )


def test_id_time_is_now_in_utc():
    before = datetime.now(UTC) - timedelta(milliseconds=1)
    made = id_time(new_id())
    after = datetime.now(UTC) + timedelta(milliseconds=1)
    assert made.tzinfo is UTC
    assert before <= made <= after


@pytest.mark.parametrize(
    "text", [str(uuid.uuid4()), str(uuid.uuid1()), "not a uuid", "", str(uuid.UUID(int=0))]
)
def test_id_time_refuses_other_versions(text):
    with pytest.raises(ValueError):
        id_time(text)


def test_ids_made_in_a_burst_sort_in_creation_order():
    ids = [new_id() for _ in range(20_000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_frozen_clock_counts_in_rand_a_then_borrows_the_next_millisecond():
    make = UUIDv7Generator(clock_ms=lambda: 1_700_000_000_000)
    ids = [make() for _ in range(10_000)]  # far more than 4096 in "one millisecond"
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    first, last = id_time(ids[0]), id_time(ids[-1])
    assert first == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert timedelta(0) < last - first < timedelta(milliseconds=10)


def test_counter_seed_leaves_room_and_rand_b_stays_random():
    make = UUIDv7Generator(clock_ms=lambda: 5, random_bits=lambda bits: (1 << bits) - 1)
    value = uuid.UUID(make()).int
    assert value >> 80 == 5
    assert (value >> 64) & 0xFFF == 0x7FF  # seeded with the top counter bit clear
    assert value & ((1 << 62) - 1) == (1 << 62) - 1


def test_clock_stepping_back_never_makes_an_older_id():
    times = iter([1_000, 1_000, 990, 995, 1_001, 1_001])
    make = UUIDv7Generator(clock_ms=lambda: next(times))
    ids = [make() for _ in range(6)]
    assert ids == sorted(ids)
    assert len(set(ids)) == 6
    assert id_time(ids[3]) == datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=1_000)


def test_clock_outside_the_48_bit_range_is_refused():
    with pytest.raises(OverflowError):
        UUIDv7Generator(clock_ms=lambda: 1 << 48)()


def test_threads_share_one_strictly_increasing_sequence():
    results: list[list[str]] = []

    def work() -> None:
        results.append([new_id() for _ in range(2_000)])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = [i for chunk in results for i in chunk]
    assert len(set(everything)) == len(everything)
    for chunk in results:
        assert chunk == sorted(chunk)


MAX_DATETIME_MS = 253_402_300_799_999  # 9999-12-31 23:59:59.999, the end of datetime


@given(st.lists(st.integers(0, MAX_DATETIME_MS), min_size=2, max_size=50))
def test_ids_order_by_time_whatever_the_clock_does(clock_values):
    ticks = iter(clock_values)
    make = UUIDv7Generator(clock_ms=lambda: next(ticks))
    ids = [make() for _ in clock_values]
    assert ids == sorted(ids)  # strictly increasing as strings, not just as integers
    assert len(set(ids)) == len(ids)
    assert id_time(ids[0]) == datetime(1970, 1, 1, tzinfo=UTC) + timedelta(
        milliseconds=clock_values[0]
    )


@given(st.integers(0, 2**48 - 1), st.integers(0, 2**48 - 1))
def test_later_millisecond_means_larger_id(earlier, later):
    if earlier >= later:
        return
    a = UUIDv7Generator(clock_ms=lambda: earlier)()
    b = UUIDv7Generator(clock_ms=lambda: later)()
    assert a < b


# --- Receipt numbers ----------------------------------------------------------------------------


def test_receipt_number_format():
    assert receipt_number("Q01", date(2026, 11, 23), 42) == "Q01-20261123-0042"
    assert receipt_number("q01", date(2026, 1, 5), 1) == "Q01-20260105-0001"
    assert receipt_number("Q01", date(2026, 11, 23), 12_345) == "Q01-20261123-12345"
    assert receipt_number("Q01", date(999, 1, 1), 1) == "Q01-09990101-0001"


@pytest.mark.parametrize(
    ("till", "seq"),
    [("", 1), ("Q-01", 1), ("QUẦY1", 1), ("ABCDEFGHI", 1), ("Q01", 0), ("Q01", -3), ("Q01", True)],
)
def test_receipt_number_refuses_bad_parts(till, seq):
    with pytest.raises(ValueError):
        receipt_number(till, date(2026, 11, 23), seq)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q01-20261123-0042", ReceiptNumber("Q01", date(2026, 11, 23), 42)),
        ("  q01-20261123-0042\n", ReceiptNumber("Q01", date(2026, 11, 23), 42)),
        ("Q01-20261123-12345", ReceiptNumber("Q01", date(2026, 11, 23), 12_345)),
        ("BT2-20240229-0001", ReceiptNumber("BT2", date(2024, 2, 29), 1)),
    ],
)
def test_parse_receipt_number(text, expected):
    parsed = parse_receipt_number(text)
    assert parsed == expected
    till, day, seq = parsed  # a plain (till, date, seq) tuple
    assert (till, day, seq) == tuple(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Q01",
        "Q01-20261123",
        "Q01-20261123-42",  # fewer than four digits
        "Q01-20261123-00042",  # padding beyond four digits
        "Q01-20261123-0000",
        "Q01-20231329-0001",  # no 13th month
        "Q01-20230229-0001",  # 2023 is not a leap year
        "Q01 20261123 0042",
        "Q01-2026-11-23-0042",
        "Q01-20261123-００42",  # full-width digits
        "Q-01-20261123-0042",
    ],
)
def test_parse_receipt_number_refuses_bad_input(text):
    with pytest.raises(ValueError):
        parse_receipt_number(text)


@given(
    till=st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=8),
    day=st.dates(),
    seq=st.integers(1, 10**9),
)
def test_receipt_number_round_trips(till, day, seq):
    text = receipt_number(till, day, seq)
    assert parse_receipt_number(text) == (till, day, seq)
    assert parse_receipt_number(f" {text.lower()} ") == (till, day, seq)
