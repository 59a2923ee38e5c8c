"""In-store EAN-13 codes: prefix rules, check digits, never a scale label."""

import pytest

from pos_app.domain.barcodes import is_valid_gtin
from pos_app.domain.instore_codes import CodeProblem, InStoreCodeError, InStoreScheme
from pos_app.domain.scale import ScalePattern

SCALE = ScalePattern.parse("26IIIIIWWWWWC")


def test_codes_are_valid_ean13_with_the_prefix():
    scheme = InStoreScheme.parse("21", SCALE)
    code = scheme.code(1)
    assert code == "2100000000012" and is_valid_gtin(code)
    assert scheme.serial_of(code) == 1
    assert scheme.check(code, SCALE) == code


@pytest.mark.parametrize("prefix", ["", "2", "30", "2a", "2100", "19", "８"])
def test_bad_prefixes(prefix):
    with pytest.raises(InStoreCodeError) as err:
        InStoreScheme.parse(prefix, SCALE)
    assert err.value.problem is CodeProblem.BAD_PREFIX


@pytest.mark.parametrize("prefix", ["26", "260", "269"])
def test_a_prefix_the_scale_uses_is_refused(prefix):
    with pytest.raises(InStoreCodeError) as err:
        InStoreScheme.parse(prefix, SCALE)
    assert err.value.problem is CodeProblem.SCALE_PREFIX


def test_a_one_digit_scale_prefix_blocks_the_whole_range():
    scale = ScalePattern.parse("2IIIIIIWWWWWC")
    for prefix in ("20", "21", "29"):
        with pytest.raises(InStoreCodeError):
            InStoreScheme.parse(prefix, scale)


def test_check_names_what_is_wrong():
    scheme = InStoreScheme.parse("21", SCALE)
    good = scheme.code(42)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(InStoreCodeError) as err:
        scheme.check(bad)
    assert err.value.problem is CodeProblem.BAD_CHECK_DIGIT
    assert err.value.expected_check_digit == int(good[-1])
    with pytest.raises(InStoreCodeError) as err:
        scheme.check(SCALE.encode("12345", grams=250), SCALE)
    assert err.value.problem is CodeProblem.SCALE_PREFIX
    with pytest.raises(InStoreCodeError) as err:
        scheme.check("8939091000946", SCALE)
    assert err.value.problem is CodeProblem.NOT_THIS_PREFIX
    with pytest.raises(InStoreCodeError) as err:
        scheme.check("21000")
    assert err.value.problem is CodeProblem.BAD_LENGTH


def test_next_codes_continue_after_the_highest_and_never_repeat():
    scheme = InStoreScheme.parse("219", SCALE)
    taken = [scheme.code(1), scheme.code(5), "8939091000946"]
    new = list(scheme.next_codes(taken, 3))
    assert [scheme.serial_of(c) for c in new] == [6, 7, 8]
    assert len(set(new) | set(taken)) == 6


def test_next_codes_fill_gaps_when_the_top_is_reached():
    small = InStoreScheme("21999999999")  # not a prefix parse() accepts: one serial digit
    assert small.capacity == 9
    taken = [small.code(9), small.code(2)]
    got = [small.serial_of(c) for c in small.next_codes(taken, 7)]
    assert got == [1, 3, 4, 5, 6, 7, 8]
    with pytest.raises(InStoreCodeError) as err:
        list(small.next_codes(taken, 8))
    assert err.value.problem is CodeProblem.EXHAUSTED
