import datetime as dt

import pytest

from pos_app.domain import einvoice as e
from pos_app.formats import einvoice_xml as x
from tests.einvoice.test_domain import sample_invoice


def test_built_xml_validates_and_reads_back():
    inv = sample_invoice(buyer=e.Party(name="Công ty A", tax_code="0101248141",
                                       address="Hà Nội", email="a@example.vn"))
    root = x.validate_xml(x.build_xml(inv, qr_data="https://lookup/x"))
    s = x.summary(root)
    assert s.mccqt == inv.mccqt and s.total == 260_000 and s.total_vat == inv.total_vat
    assert s.vat_by_rate == {"8%": (110_000 - 8_148, 8_148), "10%": (150_000 - 13_636, 13_636)}
    assert root.findtext("DLHDon/NDHDon/TToan/TgTTTBChu") == "Hai trăm sáu mươi nghìn đồng chẵn"
    assert root.findtext("DLHDon/NDHDon/DSHHDVu/HHDVu[2]/SLuong") == "0.5"


def test_adjustment_validates():
    orig = sample_invoice()
    rel = e.RelatedInvoice(e.RELATION_ADJUST, 1, orig.symbol, orig.number,
                           dt.date(2026, 12, 3), orig.mccqt)
    adj = sample_invoice(number=2, mccqt=e.make_mccqt(1, 2026, "A1B2C", 1, 2), related=rel,
                         lines=(e.InvoiceLine(1, "Chè", "gói", e.Decimal(-1), 60_000,
                                              -60_000, 8),),
                         vat_parts=(e.VatPart(8, -60_000, -4_444),), total=-60_000, discount=0)
    s = x.summary(x.validate_xml(x.build_xml(adj)))
    assert s.related_mccqt == orig.mccqt and s.total == -60_000


@pytest.mark.parametrize(("data", "code"), [
    (b"not xml", "not_xml"),
    (b"<Other/>", "not_invoice"),
    (b"<HDon><DLHDon Id='a'><TTChung><PBan>9.9</PBan></TTChung></DLHDon></HDon>",
     "unknown_format"),
    (b"<HDon><DLHDon Id='a'><TTChung><PBan>2.0.1</PBan></TTChung></DLHDon></HDon>", "schema"),
    (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><HDon>&e;</HDon>',
     "doctype"),
    (b"<HDon>" + b"x" * x.MAX_XML_BYTES + b"</HDon>", "too_large"),
])
def test_bad_xml_refused(data, code):
    with pytest.raises(x.InvoiceXmlError) as info:
        x.validate_xml(data)
    assert info.value.code == code


def test_tampered_xml_refused():
    data = x.build_xml(sample_invoice()).replace(b"C26MAA", b"C26KAA")
    with pytest.raises(x.InvoiceXmlError):
        x.validate_xml(data)
