"""Vietnamese mobile numbers and the customer record's checks."""

from __future__ import annotations

import pytest

from pos_app.domain.customers import (
    CustomerError,
    CustomerInput,
    check_customer,
    normalise_email,
    normalise_phone,
    phone_search_key,
)


@pytest.mark.parametrize("text", ["0912345678", "+84 912 345 678", "84912345678",
                                  "0912.345.678", "(+84) 912-345-678", "0084912345678",
                                  "912345678"])
def test_the_same_mobile_number_written_many_ways_is_one(text):
    assert normalise_phone(text) == "0912345678"


@pytest.mark.parametrize(("text", "code"), [
    ("", "phone_empty"), ("09123abc78", "phone_not_digits"), ("091234567", "phone_wrong_length"),
    ("01234567890", "phone_wrong_length"), ("0241234567", "phone_not_mobile"),
    ("+1 415 555 0100", "phone_not_vietnamese"), ("0112345678", "phone_not_mobile"),
    ("０９１２３４５６７８", "phone_not_digits"),
])
def test_a_number_that_is_not_a_vietnamese_mobile_is_refused(text, code):
    with pytest.raises(CustomerError) as info:
        normalise_phone(text)
    assert info.value.code == code


def test_search_key_while_typing():
    assert phone_search_key("+84 91") == "091"
    assert phone_search_key("0912") == "0912"
    assert phone_search_key("+84912345678") == "0912345678"


def test_email_and_tax_code_and_name_are_checked():
    assert normalise_email(" Lan@Example.VN ") == "lan@example.vn"
    with pytest.raises(CustomerError, match="email_invalid"):
        normalise_email("lan@")
    clean = check_customer(CustomerInput("  Nguyễn   Thị Lan ", "+84 912 345 678",
                                         tax_code="0100109106", consent=True))
    assert (clean.name, clean.phone, clean.tax_code) == ("Nguyễn Thị Lan", "0912345678",
                                                          "0100109106")
    with pytest.raises(CustomerError, match="name_empty"):
        check_customer(CustomerInput(" ", "0912345678"))
    with pytest.raises(CustomerError) as info:
        check_customer(CustomerInput("Lan", "0912345678", tax_code="0100109107"))
    assert info.value.code == "tax_code_check_digit"
