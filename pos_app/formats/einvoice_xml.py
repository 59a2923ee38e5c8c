"""The invoice XML in the tax authority's format (``HDon``), built with lxml, checked against our
XSD under ``resources/einvoice/`` (one file per format version).

:func:`build_xml` turns a validated :class:`~pos_app.domain.einvoice.Invoice` into bytes;
:func:`validate_xml` parses untrusted bytes safely (no entities, no network, size cap) and checks
them against the schema of the format version they declare; :func:`summary` reads back the few
figures a gateway or a test compares. Amounts are whole đồng; negative on an adjustment down.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from lxml import etree

from pos_app.config import resources_dir
from pos_app.domain.einvoice import (
    FORMAT_VERSIONS,
    LINE_DISCOUNT,
    VAT_RATE_TEXT,
    FormatVersion,
    Invoice,
)
from pos_app.domain.errors import CodedValueError

MAX_XML_BYTES = 2_000_000
"""No invoice of a showroom comes near this; anything larger is refused unparsed."""


class InvoiceXmlError(CodedValueError):
    """XML that is not an invoice of a known format version; ``code`` says why."""


def _sub(parent: etree._Element, tag: str, text: object = None) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if text is not None:
        element.text = str(text)
    return element


def _goods_line(goods: etree._Element, *fields: tuple[str, object]) -> None:
    """One ``HHDVu`` under ``goods``: a child per field in order, leaving out a None one."""
    item = _sub(goods, "HHDVu")
    for tag, value in fields:
        if value is not None:
            _sub(item, tag, value)


def _qty(value: Decimal) -> str:
    return format(value.normalize(), "f")


def build_xml(invoice: Invoice, qr_data: str = "") -> bytes:
    """The invoice as ``HDon`` XML (UTF-8, with declaration). Validates the invoice first."""
    invoice.validate()
    root = etree.Element("HDon")
    data = _sub(root, "DLHDon")
    data.set("Id", "DLHDon")
    head = _sub(data, "TTChung")
    _sub(head, "PBan", invoice.fmt.pban)
    _sub(head, "THDon", invoice.name)
    _sub(head, "KHMSHDon", invoice.template)
    _sub(head, "KHHDon", invoice.symbol)
    _sub(head, "SHDon", invoice.number)
    _sub(head, "NLap", invoice.issued_at.date().isoformat())
    _sub(head, "DVTTe", "VND")
    _sub(head, "TGia", 1)
    _sub(head, "HTTToan", invoice.payment_form)
    if invoice.provider_tax_code:
        _sub(head, "MSTTCGP", invoice.provider_tax_code)
    if invoice.related is not None:
        rel = _sub(head, "TTHDLQuan")
        _sub(rel, "TCHDon", invoice.related.relation)
        _sub(rel, "LHDCLQuan", invoice.related.template)
        _sub(rel, "KHMSHDCLQuan", invoice.related.template)
        _sub(rel, "KHHDCLQuan", invoice.related.symbol)
        _sub(rel, "SHDCLQuan", invoice.related.number)
        _sub(rel, "NLHDCLQuan", invoice.related.issued_on.isoformat())
        _sub(rel, "MCCQTCLQuan", invoice.related.mccqt)
    body = _sub(data, "NDHDon")
    seller = _sub(body, "NBan")
    _sub(seller, "Ten", invoice.seller.name)
    _sub(seller, "MST", invoice.seller.tax_code)
    _sub(seller, "DChi", invoice.seller.address)
    if invoice.seller.phone:
        _sub(seller, "SDThoai", invoice.seller.phone)
    if invoice.seller.email:
        _sub(seller, "DCTDTu", invoice.seller.email)
    buyer = _sub(body, "NMua")
    b = invoice.buyer
    for tag, value in (("Ten", b.name), ("MST", b.tax_code), ("DChi", b.address),
                       ("CCCDan", b.id_number), ("SDThoai", b.phone), ("DCTDTu", b.email)):
        if value:
            _sub(buyer, tag, value)
    goods = _sub(body, "DSHHDVu")
    for line in invoice.lines:
        _goods_line(goods, ("TChat", line.kind), ("STT", line.no), ("MHHDVu", line.code or None),
                    ("THHDVu", line.name), ("DVTinh", line.unit), ("SLuong", _qty(line.qty)),
                    ("DGia", line.unit_price), ("STCKhau", line.discount or None),
                    ("ThTien", line.amount), ("TSuat", VAT_RATE_TEXT[line.vat_rate]))
    if invoice.discount:  # the receipt-level discount is a line of its own kind
        _goods_line(goods, ("TChat", LINE_DISCOUNT), ("STT", len(invoice.lines) + 1),
                    ("THHDVu", "Chiết khấu thương mại"), ("ThTien", invoice.discount))
    totals = _sub(body, "TToan")
    per_rate = _sub(totals, "THTTLTSuat")
    for part in invoice.vat_parts:
        rate = _sub(per_rate, "LTSuat")
        _sub(rate, "TSuat", VAT_RATE_TEXT[part.rate])
        _sub(rate, "ThTien", part.net)
        _sub(rate, "TThue", part.vat)
    _sub(totals, "TgTCThue", invoice.total_net)
    _sub(totals, "TgTThue", invoice.total_vat)
    if invoice.discount:
        _sub(totals, "TTCKTMai", invoice.discount)
    _sub(totals, "TgTTTBSo", invoice.total)
    _sub(totals, "TgTTTBChu", invoice.total_words)
    _sub(root, "MCCQT", invoice.mccqt)
    if qr_data:
        _sub(root, "DLQRCode", qr_data)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


@functools.cache
def schema(pban: str) -> etree.XMLSchema:
    fmt: FormatVersion | None = FORMAT_VERSIONS.get(pban)
    if fmt is None:
        raise InvoiceXmlError("unknown_format", pban)
    path = resources_dir() / "einvoice" / fmt.xsd
    return etree.XMLSchema(etree.parse(str(path), _parser()))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_blank_text=False)


def validate_xml(data: bytes) -> etree._Element:
    """Parse untrusted invoice XML and check it against its format version's XSD."""
    if len(data) > MAX_XML_BYTES:
        raise InvoiceXmlError("too_large", str(len(data)))
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise InvoiceXmlError("not_xml", str(exc)[:200]) from exc
    if root.getroottree().docinfo.doctype:  # no DTDs, no entities, ever
        raise InvoiceXmlError("doctype")
    if root.tag != "HDon":
        raise InvoiceXmlError("not_invoice", str(root.tag)[:50])
    pban = root.findtext("DLHDon/TTChung/PBan") or ""
    xsd = schema(pban)
    if not xsd.validate(root):
        first = xsd.error_log.filter_from_errors()[0] if xsd.error_log else None
        raise InvoiceXmlError("schema", first.message[:300] if first else "")
    return root


@dataclass(frozen=True)
class XmlSummary:
    mccqt: str
    template: int
    symbol: str
    number: int
    issued_on: str
    seller_tax_code: str
    total: int
    total_vat: int
    vat_by_rate: dict[str, tuple[int, int]]
    related_mccqt: str


def summary(root: etree._Element) -> XmlSummary:
    """The figures of a validated ``HDon`` (see :func:`validate_xml`)."""
    head = "DLHDon/TTChung/"
    totals = "DLHDon/NDHDon/TToan/"
    return XmlSummary(
        mccqt=root.findtext("MCCQT") or "",
        template=int(root.findtext(head + "KHMSHDon") or 0),
        symbol=root.findtext(head + "KHHDon") or "",
        number=int(root.findtext(head + "SHDon") or 0),
        issued_on=root.findtext(head + "NLap") or "",
        seller_tax_code=root.findtext("DLHDon/NDHDon/NBan/MST") or "",
        total=int(root.findtext(totals + "TgTTTBSo") or 0),
        total_vat=int(root.findtext(totals + "TgTThue") or 0),
        vat_by_rate={
            (el.findtext("TSuat") or ""): (int(el.findtext("ThTien") or 0),
                                           int(el.findtext("TThue") or 0))
            for el in root.iterfind(totals + "THTTLTSuat/LTSuat")
        },
        related_mccqt=root.findtext(head + "TTHDLQuan/MCCQTCLQuan") or "",
    )
