"""Scale labels: pattern parsing, decoding, check digits, weighed line amounts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.barcodes import BarcodeError, BarcodeProblem, gtin_check_digit, validate
from pos_app.domain.money import Dong
from pos_app.domain.scale import (
    DEFAULT_PATTERN,
    ScaleError,
    ScalePattern,
    ScaleProblem,
    ScaleReading,
    weighed_amount,
)


def label(body12: str) -> str:
    return body12 + str(gtin_check_digit(body12))


def test_default_pattern_reads_weight_in_grams():
    pattern = ScalePattern.parse(DEFAULT_PATTERN)
    code = label("260012301250")  # item 00123, 1.250 kg
    assert validate(code) == code  # an ordinary valid EAN-13 as far as the scanner cares
    assert pattern.matches(code)
    assert pattern.decode(code) == ScaleReading(item_code="00123", grams=1250, price=None)


def test_price_pattern_in_dong_and_in_hundreds():
    in_dong = ScalePattern.parse("27IIIIIPPPPPC")
    assert in_dong.decode(label("270045612345")).price == 12345
    hundreds = ScalePattern.parse("27IIIIIPPPPPC P*100")
    reading = hundreds.decode(label("270045601234"))
    assert reading == ScaleReading(item_code="00456", grams=None, price=Dong(123400))


def test_weight_in_tens_of_grams_and_weight_plus_price():
    tens = ScalePattern.parse("28iiiiiwwwwwc w*10")  # case does not matter
    assert tens.decode(label("280000100075")).grams == 750
    upc = ScalePattern.parse("2IIIIWWWPPPC")  # 12-digit UPC-A, number system 2, both fields
    body = "21234500129"
    code = body + str(gtin_check_digit(body))
    assert upc.prefix == "2"
    assert upc.decode(code) == ScaleReading(item_code="1234", grams=500, price=Dong(129))


def test_wrong_check_digit_is_a_barcode_error():
    pattern = ScalePattern.parse(DEFAULT_PATTERN)
    good = label("260012301250")
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert pattern.matches(bad)  # still recognised as a scale label...
    with pytest.raises(BarcodeError) as err:
        pattern.decode(bad)
    assert err.value.problem is BarcodeProblem.BAD_CHECK_DIGIT  # ...so the cashier hears why
    assert err.value.expected_check_digit == int(good[-1])


@pytest.mark.parametrize(
    "code",
    ["2500123012505", "260012301250", "26001230125055", "26001230125O5", "8935001234567", ""],
)
def test_codes_of_another_layout_do_not_match(code):
    pattern = ScalePattern.parse(DEFAULT_PATTERN)
    assert not pattern.matches(code)
    with pytest.raises(ScaleError) as err:
        pattern.decode(code)
    assert err.value.problem is ScaleProblem.NOT_THIS_PATTERN


def test_a_one_digit_prefix_takes_all_of_20_to_29():
    pattern = ScalePattern.parse("2IIIIIIWWWWWC")
    assert pattern.decode(label("291234501250")) == ScaleReading("912345", 1250, None)


def test_scanner_whitespace_is_ignored():
    pattern = ScalePattern.parse(DEFAULT_PATTERN)
    assert pattern.decode(" " + label("260012301250") + "\n").grams == 1250


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", ScaleProblem.BAD_LENGTH),
        ("   ", ScaleProblem.BAD_LENGTH),
        ("26IIIIIWWWWWWC", ScaleProblem.BAD_LENGTH),
        ("36IIIIIWWWWWC", ScaleProblem.BAD_PREFIX),
        ("I6IIIIIWWWWWC", ScaleProblem.BAD_PREFIX),
        ("26IIIIIWWWWW1", ScaleProblem.NO_CHECK_DIGIT),
        ("26IIIICWWWWWC", ScaleProblem.NO_CHECK_DIGIT),
        ("26IIIIIWWWWWX", ScaleProblem.NO_CHECK_DIGIT),
        ("26IIIIIXWWWWC", ScaleProblem.BAD_CHARACTER),
        ("26III5IWWWWWC", ScaleProblem.BAD_CHARACTER),
        ("26IIWWWIIWWWC", ScaleProblem.SPLIT_FIELD),
        ("26WWWWWWWWWWC", ScaleProblem.NO_ITEM),
        ("26IIIIIIIIIIC", ScaleProblem.NO_MEASURE),
        ("26IIIIIWWWWWC P*100", ScaleProblem.BAD_FACTOR),
        ("26IIIIIWWWWWC W*0", ScaleProblem.BAD_FACTOR),
        ("26IIIIIWWWWWC W*x", ScaleProblem.BAD_FACTOR),
        ("26IIIIIWWWWWC W/10", ScaleProblem.BAD_FACTOR),
    ],
)
def test_bad_patterns_are_refused(text, problem):
    with pytest.raises(ScaleError) as err:
        ScalePattern.parse(text)
    assert err.value.problem is problem
    assert problem.value in str(err.value)


def test_ean8_layout():
    pattern = ScalePattern.parse("21IIPPPC")
    code = pattern.encode("7", price=990)
    assert code == "2107990" + str(gtin_check_digit("2107990"))
    assert pattern.decode(code) == ScaleReading("07", None, Dong(990))


def test_encode_refuses_what_the_label_cannot_say():
    pattern = ScalePattern.parse("27IIIIIPPPPPC P*100")
    with pytest.raises(ValueError):
        pattern.encode("1", price=12350)  # not a whole number of hundreds
    with pytest.raises(ValueError):
        pattern.encode("1", price=100_000_000)  # six digits in a five-digit field
    with pytest.raises(ValueError):
        pattern.encode("123456", price=100)
    with pytest.raises(ValueError):
        pattern.encode("1")  # the price is missing
    with pytest.raises(ValueError):
        pattern.encode("1", price=100, grams=5)  # no weight field


@given(
    item=st.integers(0, 99_999),
    grams=st.integers(0, 99_999),
)
def test_encode_then_decode_round_trips(item, grams):
    pattern = ScalePattern.parse(DEFAULT_PATTERN)
    code = pattern.encode(str(item), grams=grams)
    assert validate(code) == code
    assert pattern.decode(code) == ScaleReading(f"{item:05d}", grams, None)


# --- Weighed line amounts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("price_per_kg", "grams", "amount"),
    [
        (250_000, 1000, 250_000),
        (250_000, 1250, 312_500),
        (180_000, 333, 59_940),
        (100_001, 333, 33_300),  # 33 300.333 → down
        (1_500, 333, 500),  # 499.5 → half up
        (1_001, 500, 501),  # 500.5 → half up
        (999, 1, 1),  # 0.999 → 1
        (499, 1, 0),  # 0.499 → 0
        (0, 1234, 0),
        (123_456, 0, 0),
    ],
)
def test_weighed_amount_rounds_half_up_to_the_dong(price_per_kg, grams, amount):
    assert weighed_amount(price_per_kg, grams) == amount


@given(st.integers(0, 10**9), st.integers(0, 10**6))
def test_weighed_amount_matches_exact_rational_rounding(price_per_kg, grams):
    from fractions import Fraction

    exact = Fraction(price_per_kg * grams, 1000)
    result = weighed_amount(price_per_kg, grams)
    assert abs(Fraction(result) - exact) <= Fraction(1, 2)
    assert result - exact != Fraction(-1, 2)  # a half always goes up


@pytest.mark.parametrize(("price_per_kg", "grams"), [(-1, 10), (10, -1)])
def test_weighed_amount_refuses_negatives(price_per_kg, grams):
    with pytest.raises(ValueError):
        weighed_amount(price_per_kg, grams)


def test_weighed_amount_refuses_bool():
    with pytest.raises(TypeError):
        weighed_amount(True, 10)
