import datetime as dt

import pytest

from pos_app.domain.receipt import QtyUnit, Receipt, ReceiptError, ReceiptLine
from tests.hardware.samples import sample_receipt


def test_local_time_is_hanoi():
    receipt = sample_receipt(1)
    assert receipt.local_time.hour == 14  # 07:32 UTC
    assert receipt.local_time.utcoffset() == dt.timedelta(hours=7)


def test_naive_time_refused():
    receipt = sample_receipt(1)
    with pytest.raises(ReceiptError) as err:
        Receipt(**{**vars(receipt), "sold_at": dt.datetime(2025, 1, 15, 14, 32)})
    assert err.value.code == "naive_time"


@pytest.mark.parametrize("stars", [0, 2, 6])
def test_stars_outside_ocop_range_refused(stars):
    with pytest.raises(ReceiptError):
        ReceiptLine("x", 1, 1000, 1000, 10, stars=stars)


def test_bad_vat_and_language_refused():
    with pytest.raises(ReceiptError):
        ReceiptLine("x", 1, 1000, 1000, 7)
    receipt = sample_receipt(1)
    with pytest.raises(ReceiptError):
        Receipt(**{**vars(receipt), "languages": ("fr",)})


def test_receipt_is_frozen():
    receipt = sample_receipt(1)
    with pytest.raises(AttributeError):
        receipt.number = "x"  # type: ignore[misc]
    assert receipt.lines[0].unit is QtyUnit.PIECE
