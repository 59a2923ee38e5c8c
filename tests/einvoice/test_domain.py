import datetime as dt
from decimal import Decimal

import pytest

from pos_app.domain import einvoice as e


@pytest.mark.parametrize(("amount", "words"), [
    (0, "Không đồng"),
    (5, "Năm đồng"),
    (15, "Mười lăm đồng"),
    (21, "Hai mươi mốt đồng"),
    (105, "Một trăm linh năm đồng"),
    (125_000, "Một trăm hai mươi lăm nghìn đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (1_690_000, "Một triệu sáu trăm chín mươi nghìn đồng"),
    (2_000_000_050, "Hai tỷ không trăm năm mươi đồng"),
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
    (-45_000, "Âm bốn mươi lăm nghìn đồng"),
])
def test_amount_in_words(amount, words):
    assert e.amount_in_words(amount) == words


def test_even_suffix():
    assert e.amount_in_words(1_690_000, even_suffix=True) == (
        "Một triệu sáu trăm chín mươi nghìn đồng chẵn")


@pytest.mark.parametrize("mst", ["0100109106", "0101248141", "0100109106-001", " 0101248141 "])
def test_good_tax_codes(mst):
    assert e.validate_tax_code(mst) == mst.strip()


@pytest.mark.parametrize(("mst", "code"), [
    ("0100109107", "tax_code_check_digit"), ("010010910", "bad_tax_code"),
    ("0100109106-01", "bad_tax_code"), ("0100109106-000", "bad_tax_code"),
    ("abc", "bad_tax_code"), ("0000000000", "tax_code_check_digit"),
])
def test_bad_tax_codes(mst, code):
    with pytest.raises(e.EInvoiceError) as info:
        e.validate_tax_code(mst)
    assert info.value.code == code


def test_symbol_and_mccqt():
    assert e.validate_symbol(" c26maa ", 2026) == "C26MAA"
    for bad in ("C26KAA", "C2MAA", "C26MA1", "K26MAA"):
        with pytest.raises(e.EInvoiceError):
            e.validate_symbol(bad)
    with pytest.raises(e.EInvoiceError) as info:
        e.validate_symbol("C25MAA", 2026)
    assert info.value.code == "symbol_year"
    code = e.make_mccqt(1, 2026, "a1b2c", 7, 1234567)
    assert code == "M1-26-A1B2C-07001234567" and len(code) == 23
    assert e.parse_mccqt(code) == (1, 26, "A1B2C", 7, 1234567)
    # two tills never collide: the slot is part of the digits
    assert e.make_mccqt(1, 2026, "A1B2C", 1, 5) != e.make_mccqt(1, 2026, "A1B2C", 2, 5)


def sample_invoice(**kw):
    base = dict(
        template=1, symbol="C26MAA", number=1, mccqt=e.make_mccqt(1, 2026, "A1B2C", 1, 1),
        issued_at=dt.datetime(2026, 12, 3, 10, 0),
        seller=e.Party(name="Showroom OCOP Hà Nội", tax_code="0100109106", address="Hà Nội"),
        buyer=e.Party(),
        lines=(e.InvoiceLine(1, "Chè Thái Nguyên", "gói", Decimal(2), 60_000, 120_000, 8),
               e.InvoiceLine(2, "Mật ong", "kg", Decimal("0.500"), 300_000, 150_000, 10)),
        vat_parts=(e.VatPart(8, 110_000, 8_148), e.VatPart(10, 150_000, 13_636)),
        total=260_000, discount=10_000)
    base.update(kw)
    return e.Invoice(**base)


def test_invoice_validates_and_adds_up():
    inv = sample_invoice().validate()
    assert inv.total_vat == 21_784 and inv.total_net == 260_000 - 21_784
    assert inv.full_symbol == "1C26MAA"
    assert inv.total_words == "Hai trăm sáu mươi nghìn đồng chẵn"


@pytest.mark.parametrize(("kw", "code"), [
    (dict(total=250_000), "lines_total_mismatch"),
    (dict(vat_parts=(e.VatPart(8, 260_000, 1),)), "vat_parts_missing_rate"),
    (dict(buyer=e.Party(tax_code="0100109107", name="A", address="B")), "tax_code_check_digit"),
    (dict(buyer=e.Party(tax_code="0100109106")), "buyer_incomplete"),
    (dict(symbol="C25MAA"), "symbol_year"),
    (dict(mccqt="M2-26-A1B2C-00000000001"), "mccqt_mismatch"),
])
def test_invoice_refused(kw, code):
    with pytest.raises(e.EInvoiceError) as info:
        sample_invoice(**kw).validate()
    assert info.value.code == code


def test_payment_form_and_qty():
    assert e.payment_form(["cash"]) == "TM"
    assert e.payment_form(["cash", "transfer"]) == "TM/CK"
    assert e.qty_for_invoice(1500, "gram") == (Decimal("1.500"), "kg")
    assert e.qty_for_invoice(3, "piece") == (Decimal(3), "cái")
