"""VietQR payloads: published examples, strict structure checks, round trips, a real QR reader."""

from __future__ import annotations

import contextlib
import string
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.vietqr import (
    MAX_AMOUNT,
    SERVICE_TO_CARD,
    VietQRError,
    VietQRPayload,
    VietQRProblem,
    ascii_purpose,
    build_payload,
    crc16_ccitt_false,
    decode_tlv,
    encode_tlv,
    parse_payload,
)

# --- Published examples -------------------------------------------------------------------------
# Each: (payload as published, the fields it was made from, where it was published).
PUBLISHED: list[tuple[str, dict[str, Any], str]] = [
    (
        # github.com/xuannghia/vietnam-qr-pay, README.md "VietQR Tĩnh" (static, no amount/note)
        "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA"
        "53037045802VN6304AE9F",
        {
            "bank_bin": "970416",
            "account": "257678859",
            "amount": None,
            "purpose": "",
            "dynamic": False,
        },
        "xuannghia/vietnam-qr-pay",
    ),
    (
        # github.com/xuannghia/vietnam-qr-pay, README.md "VietQR Động" (dynamic, 10.000 đ)
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
        "53037045405100005802VN62150811Chuyen tien630453E6",
        {
            "bank_bin": "970416",
            "account": "257678859",
            "amount": 10000,
            "purpose": "Chuyen tien",
            "dynamic": True,
        },
        "xuannghia/vietnam-qr-pay",
    ),
    (
        # github.com/xuannghia/vietnam-qr-pay, README.md "build() method" (amount and note edited)
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
        "530370454069999995802VN62140810Cam on nhe6304E786",
        {
            "bank_bin": "970416",
            "account": "257678859",
            "amount": 999999,
            "purpose": "Cam on nhe",
            "dynamic": True,
        },
        "xuannghia/vietnam-qr-pay",
    ),
    (
        # github.com/subiz/vietqr, README.md: vietqr.Generate(false, "QRIBFTTA", 0, "970423", ...)
        "00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA"
        "53037045802VN6304CBB4",
        {
            "bank_bin": "970423",
            "account": "0099999999",
            "amount": None,
            "purpose": "",
            "dynamic": False,
        },
        "subiz/vietqr",
    ),
    (
        # github.com/subiz/vietqr, README.md "Một ví dụ khác": 19-character alphanumeric account,
        # 25-character note (both at their maximum)
        "00020101021238630010A0000007270133000697042201190023457923442ASDFLJ0208QRIBFTTA"
        "53037045405401235802VN62290825chuyen khoan alsdkf laksj6304E5DB",
        {
            "bank_bin": "970422",
            "account": "0023457923442ASDFLJ",
            "amount": 40123,
            "purpose": "chuyen khoan alsdkf laksj",
            "dynamic": True,
        },
        "subiz/vietqr",
    ),
    (
        # github.com/subiz/vietqr, README.md (earlier revision): Generate(120000, "970415",
        # "0011001932418", "ủng hộ lũ lụt") — the note is given in Vietnamese and folded
        "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
        "530370454061200005802VN62170813ung ho lu lut6304C15C",
        {
            "bank_bin": "970415",
            "account": "0011001932418",
            "amount": 120000,
            "purpose": "ủng hộ lũ lụt",
            "dynamic": True,
        },
        "subiz/vietqr",
    ),
]

# github.com/xuannghia/vietnam-qr-pay README.md, "QR Đa năng MoMo": BVBank wallet account,
# a reference (62.05) instead of a note, and a wallet-specific top-level field 80.
MOMO = (
    "00020101021138620010A00000072701320006970454011899MM24011M348750800208QRIBFTTA"
    "53037045802VN62190515MOMOW2W3487508080030466304EBC8"
)
# Same README, "VNPay": a valid EMVCo QR, but a VNPAY merchant code (26), not a VietQR transfer.
VNPAY = (
    "00020101021126280010A0000007750110010531314453037045408210900005802VN5910CELLPHONES"
    "62600312CPSHN ONLINE0517021908061613127850705ONLHN0810CellphoneS63047685"
)


@pytest.mark.parametrize(("payload", "fields", "source"), PUBLISHED)
def test_builder_reproduces_published_examples(payload, fields, source):
    assert build_payload(**fields) == payload, source


@pytest.mark.parametrize(("payload", "fields", "source"), PUBLISHED)
def test_parser_accepts_published_examples(payload, fields, source):
    parsed = parse_payload(payload)
    assert parsed == VietQRPayload(
        bank_bin=str(fields["bank_bin"]),
        account=str(fields["account"]),
        amount=fields["amount"],
        purpose=ascii_purpose(str(fields["purpose"])),
        service="QRIBFTTA",
        dynamic=bool(fields["dynamic"]),
        currency="704",
        country="VN",
    ), source


def test_parser_accepts_wallet_extras_it_does_not_use():
    parsed = parse_payload(MOMO)
    assert (parsed.bank_bin, parsed.account, parsed.amount) == (
        "970454",
        "99MM24011M34875080",
        None,
    )
    assert parsed.purpose == ""


def test_a_vnpay_merchant_qr_is_not_a_vietqr_transfer():
    with pytest.raises(VietQRError) as err:
        parse_payload(VNPAY)
    assert (err.value.code, err.value.field) == (VietQRProblem.MISSING_FIELD, "38")


# --- CRC and TLV --------------------------------------------------------------------------------


def test_crc_is_ccitt_false():
    assert crc16_ccitt_false("123456789") == "29B1"  # the catalogue check value
    assert crc16_ccitt_false("") == "FFFF"


def test_tlv_round_trip_and_limits():
    assert encode_tlv("08", "abc") == "0803abc"
    assert decode_tlv("0803abc5802VN") == [("08", "abc"), ("58", "VN")]
    assert decode_tlv("") == []
    with pytest.raises(VietQRError) as err:
        decode_tlv("5802VN58")  # a header cut short
    assert (err.value.code, err.value.field) == (VietQRProblem.TRUNCATED, "58")
    with pytest.raises(VietQRError):
        encode_tlv("8", "x")
    with pytest.raises(VietQRError) as err:
        encode_tlv("62", "x" * 100)
    assert err.value.code is VietQRProblem.VALUE_TOO_LONG


def test_parse_tolerates_scanner_whitespace_and_lowercase_crc():
    payload = PUBLISHED[0][0]
    assert parse_payload(f"  {payload}\r\n") == parse_payload(payload)
    assert parse_payload(payload[:-4] + payload[-4:].lower()).account == "257678859"


# --- Malformed structure with a CRC that matches -----------------------------------------------

MERCHANT = "38530010A0000007270123000697041601092576788590208QRIBFTTA"
GUID = "0010A000000727"
BENEFICIARY = "00069704160109257678859"
SERVICE = "0208QRIBFTTA"
tlv = encode_tlv  # for the cases that are well-formed TLV but miss a field


def with_crc(body: str) -> str:
    """Seal ``body`` with a correct CRC, so only its structure can be wrong."""
    sealed = body + "6304"
    return sealed + crc16_ccitt_false(sealed)


def test_the_well_formed_base_case_parses():
    body = f"000201010212{MERCHANT}5303704540410005802VN62150811Chuyen tien"
    assert parse_payload(with_crc(body)).amount == 1000


MALFORMED = [
    # a length that runs past the end (62 claims 50 characters, 23 remain)
    (f"000201010212{MERCHANT}53037045802VN62500811Chuyen tien", VietQRProblem.TRUNCATED, "62"),
    # a length that runs past the end of its own template (38.01 claims 99 of 35)
    (
        "00020101021238530010A0000007270199000697041601092576788590208QRIBFTTA53037045802VN",
        VietQRProblem.TRUNCATED,
        "38.01",
    ),
    # non-digit id
    (f"000201010212{MERCHANT}5303704AB02xx5802VN", VietQRProblem.BAD_HEADER, "AB"),
    # non-digit length
    (f"000201010212{MERCHANT}530370458x2VN", VietQRProblem.BAD_HEADER, "58"),
    # duplicate top-level id
    (f"000201010212{MERCHANT}53037045802VN5802VN", VietQRProblem.DUPLICATE_ID, "58"),
    # duplicate id inside a template
    (
        "000201010212"
        + tlv("38", GUID + GUID + tlv("01", BENEFICIARY) + SERVICE)
        + "53037045802VN",
        VietQRProblem.DUPLICATE_ID,
        "38.00",
    ),
    # missing mandatory fields
    (f"010212{MERCHANT}53037045802VN", VietQRProblem.MISSING_FIELD, "00"),
    (f"000201{MERCHANT}53037045802VN", VietQRProblem.MISSING_FIELD, "01"),
    ("00020101021253037045802VN", VietQRProblem.MISSING_FIELD, "38"),
    (f"000201010212{MERCHANT}5802VN", VietQRProblem.MISSING_FIELD, "53"),
    (f"000201010212{MERCHANT}5303704", VietQRProblem.MISSING_FIELD, "58"),
    (
        "000201010212"
        + tlv("38", GUID + tlv("01", tlv("00", "970416")) + SERVICE)
        + "53037045802VN",
        VietQRProblem.MISSING_FIELD,
        "38.01.01",
    ),
    (
        "000201010212"
        + tlv("38", GUID + tlv("01", tlv("01", "257678859")) + SERVICE)
        + "53037045802VN",
        VietQRProblem.MISSING_FIELD,
        "38.01.00",
    ),
    (f"000201010212{tlv('38', GUID + SERVICE)}53037045802VN", VietQRProblem.MISSING_FIELD, "38.01"),
    # a field of length 00, at the top level and inside templates
    (f"000201010212{MERCHANT}53037045802VN62040800", VietQRProblem.EMPTY_VALUE, "62.08"),
    (f"000201010212{MERCHANT}53037045802VN6200", VietQRProblem.EMPTY_VALUE, "62"),
    (f"000201010212{MERCHANT}530370454005802VN", VietQRProblem.EMPTY_VALUE, "54"),
    (
        "000201010212" + tlv("38", GUID + tlv("01", BENEFICIARY) + "0200") + "53037045802VN",
        VietQRProblem.EMPTY_VALUE,
        "38.02",
    ),
    (
        "000201010212" + tlv("38", GUID + tlv("01", "0000" + "0109257678859") + SERVICE)
        + "53037045802VN",
        VietQRProblem.EMPTY_VALUE,
        "38.01.00",
    ),
    # 38 without the NAPAS GUID (another scheme's GUID)
    (
        "00020101021238530010A0000007750123000697041601092576788590208QRIBFTTA53037045802VN",
        VietQRProblem.NOT_VIETQR,
        "38.00",
    ),
    # payload format indicator wrong, or not first
    (f"000202010212{MERCHANT}53037045802VN", VietQRProblem.BAD_FORMAT_INDICATOR, "00"),
    (f"010212000201{MERCHANT}53037045802VN", VietQRProblem.BAD_FORMAT_INDICATOR, "00"),
    # point of initiation neither static nor dynamic
    (f"000201010213{MERCHANT}53037045802VN", VietQRProblem.BAD_INITIATION_METHOD, "01"),
    # non-numeric, fractional or zero amount
    (f"000201010212{MERCHANT}53037045405abcde5802VN", VietQRProblem.BAD_AMOUNT, "54"),
    (f"000201010212{MERCHANT}5303704540710000.55802VN", VietQRProblem.BAD_AMOUNT, "54"),
    (f"000201010212{MERCHANT}5303704540105802VN", VietQRProblem.BAD_AMOUNT, "54"),
    # wrong currency or country, unknown service, bad BIN
    (f"000201010212{MERCHANT}53038405802VN", VietQRProblem.BAD_CURRENCY, "53"),
    (f"000201010212{MERCHANT}53037045802US", VietQRProblem.BAD_COUNTRY, "58"),
    (
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTX53037045802VN",
        VietQRProblem.BAD_SERVICE,
        "38.02",
    ),
    (
        "00020101021238530010A00000072701230006970A1601092576788590208QRIBFTTA53037045802VN",
        VietQRProblem.BAD_BIN,
        "38.01.00",
    ),
]


@pytest.mark.parametrize(("body", "problem", "field"), MALFORMED)
def test_malformed_structure_is_refused_even_with_a_matching_crc(body, problem, field):
    with pytest.raises(VietQRError) as err:
        parse_payload(with_crc(body))
    assert (err.value.code, err.value.field) == (problem, field)


def test_empty_values_are_refused_by_the_tlv_codec_too():
    with pytest.raises(VietQRError) as err:
        decode_tlv("0800")
    assert (err.value.code, err.value.field) == (VietQRProblem.EMPTY_VALUE, "08")
    with pytest.raises(VietQRError) as err:
        encode_tlv("08", "")
    assert (err.value.code, err.value.field) == (VietQRProblem.EMPTY_VALUE, "08")
    for empty in ({"bank_bin": ""}, {"account": ""}):
        with pytest.raises(VietQRError):
            build_payload(**{"bank_bin": "970416", "account": "257678859", "amount": 1000,
                             "purpose": "x", **empty})
    # a purpose that folds to nothing leaves 62 out rather than writing "62040800"
    assert "6204" not in build_payload(bank_bin="970416", account="257678859", amount=1000,
                                       purpose="đ̀ !")


MERCHANT_ID = tlv("00", "970436") + tlv("01", "0011MERCHANT42")  # a shop's merchant account


@pytest.mark.parametrize("service", [tlv("02", "QRPUSH"), ""])
def test_merchant_presented_payloads_are_parsed(service):
    body = ("000201010212" + tlv("38", GUID + tlv("01", MERCHANT_ID) + service)
            + "53037045406125000" + "5802VN" + tlv("59", "OCOP HA NOI") + tlv("60", "HANOI")
            + tlv("62", tlv("08", "HD42")))
    parsed = parse_payload(with_crc(body))
    assert (parsed.bank_bin, parsed.account, parsed.amount, parsed.purpose, parsed.service) == (
        "970436", "0011MERCHANT42", 125000, "HD42", "QRPUSH" if service else "")


def test_crc_must_be_last():
    sealed = with_crc(f"000201010212{MERCHANT}5303704") + "5802VN"
    with pytest.raises(VietQRError) as err:
        parse_payload(sealed)
    assert err.value.code is VietQRProblem.CRC_NOT_LAST


def test_missing_crc():
    with pytest.raises(VietQRError) as err:
        parse_payload(f"000201010212{MERCHANT}53037045802VN")
    assert (err.value.code, err.value.field) == (VietQRProblem.MISSING_FIELD, "63")


@pytest.mark.parametrize("tail", ["6304AE9E", "6304AE9G", "6303AE9"])
def test_wrong_or_malformed_crc(tail):
    payload = PUBLISHED[0][0][:-8] + tail
    with pytest.raises(VietQRError) as err:
        parse_payload(payload)
    assert err.value.code is VietQRProblem.BAD_CRC


def test_non_ascii_payload_is_refused():
    with pytest.raises(VietQRError) as err:
        parse_payload(with_crc(f"000201010212{MERCHANT}53037045802VN62150811Chuyển tiền"))
    assert err.value.code is VietQRProblem.NOT_ASCII


# --- Builder input validation and purpose folding ----------------------------------------------

GOOD: dict[str, Any] = {"bank_bin": "970416", "account": "257678859", "amount": 1000, "purpose": ""}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"bank_bin": "97041"}, VietQRProblem.BAD_BIN),
        ({"bank_bin": "97041x"}, VietQRProblem.BAD_BIN),
        ({"bank_bin": "９７０４１６"}, VietQRProblem.BAD_BIN),  # full-width digits
        ({"account": ""}, VietQRProblem.BAD_ACCOUNT),
        ({"account": "1" * 20}, VietQRProblem.BAD_ACCOUNT),
        ({"account": "0123-456"}, VietQRProblem.BAD_ACCOUNT),
        ({"account": "Đ123"}, VietQRProblem.BAD_ACCOUNT),
        ({"amount": 0}, VietQRProblem.BAD_AMOUNT),
        ({"amount": -5}, VietQRProblem.BAD_AMOUNT),
        ({"amount": MAX_AMOUNT + 1}, VietQRProblem.BAD_AMOUNT),
        ({"amount": True}, VietQRProblem.BAD_AMOUNT),
        ({"amount": 1000.0}, VietQRProblem.BAD_AMOUNT),
        ({"service": "QRIBFTTX"}, VietQRProblem.BAD_SERVICE),
    ],
)
def test_builder_validates_inputs(change, problem):
    with pytest.raises(VietQRError) as err:
        build_payload(**{**GOOD, **change})
    assert err.value.code is problem
    assert str(err.value).startswith("VietQR: ")


def test_builder_edges_and_card_service():
    assert parse_payload(build_payload(**{**GOOD, "amount": MAX_AMOUNT})).amount == MAX_AMOUNT
    assert parse_payload(build_payload(**{**GOOD, "account": "1" * 19})).account == "1" * 19
    card = parse_payload(build_payload(**GOOD, service=SERVICE_TO_CARD))
    assert card.service == "QRIBFTTC"


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Bánh đậu Đường Lâm", "Banh dau Duong Lam"),
        ("Thanh toán HĐ Q01-20261123-0042", "Thanh toan HD Q01-2026112"),
        ("  Lụa   Vạn\tPhúc\n", "Lua Van Phuc"),
        ("Trà 🍵 & bánh!", "Tra banh"),
        ("★☆★", ""),
        ("Q01-20261123-0042 chè", "Q01-20261123-0042 che"),
        ("a" * 24 + " bc", "a" * 24),  # never ends on a space after the cut
    ],
)
def test_purpose_is_folded_to_ascii(raw, folded):
    assert ascii_purpose(raw) == folded
    assert len(ascii_purpose(raw)) <= 25


# --- Properties ---------------------------------------------------------------------------------

ALNUM = string.ascii_letters + string.digits


@given(
    bank_bin=st.text(string.digits, min_size=6, max_size=6),
    account=st.text(ALNUM, min_size=1, max_size=19),
    amount=st.none() | st.integers(1, MAX_AMOUNT),
    purpose=st.text(max_size=60),
    dynamic=st.booleans(),
)
def test_build_then_parse_round_trips(bank_bin, account, amount, purpose, dynamic):
    payload = build_payload(
        bank_bin=bank_bin, account=account, amount=amount, purpose=purpose, dynamic=dynamic
    )
    assert payload.isascii()
    parsed = parse_payload(payload)
    assert (parsed.bank_bin, parsed.account, parsed.amount, parsed.dynamic) == (
        bank_bin,
        account,
        amount,
        dynamic,
    )
    assert parsed.purpose == ascii_purpose(purpose)


@given(st.text(max_size=200))
def test_parse_refuses_garbage_only_with_vietqr_error(text):
    with contextlib.suppress(VietQRError):
        parse_payload(text)


@given(st.text(alphabet="0123456789AQRIBFTVN ", max_size=150))
def test_sealed_garbage_is_refused_only_with_vietqr_error(body):
    # Digits-heavy text with a correct CRC reaches the template and field checks, not just the
    # first header: nothing in there may fail with an IndexError or a bare ValueError.
    try:
        parse_payload(with_crc(body))
    except VietQRError:
        pass
    except ValueError as other:  # pragma: no cover - the failure message is the point
        raise AssertionError(f"not a VietQRError: {other!r}") from other


@given(st.integers(0, len(PUBLISHED[1][0]) - 5), st.sampled_from(string.printable.strip()))
def test_any_single_character_change_is_caught(position, replacement):
    payload = PUBLISHED[1][0]
    if payload[position] == replacement:
        return
    damaged = payload[:position] + replacement + payload[position + 1 :]
    with pytest.raises(VietQRError):
        parse_payload(damaged)


# --- An independent QR reader -------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        PUBLISHED[1][0],
        build_payload(
            bank_bin="970436",
            account="0011004567890",
            amount=1_250_000,
            purpose="Thanh toán Q01-20261123-0042",
        ),
    ],
)
def test_a_rendered_qr_reads_back_with_zxing(payload):
    # Imported here, not skipped if missing: a till that cannot be paid by QR is a real failure.
    import qrcode
    import zxingcpp

    image = qrcode.make(payload, error_correction=qrcode.constants.ERROR_CORRECT_M)
    results = zxingcpp.read_barcodes(image.get_image().convert("L"))
    assert [r.text for r in results] == [payload]
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode
    assert parse_payload(results[0].text).account in payload
