"""The buyer's copy of an e-invoice as HTML, in Vietnamese, read from its stored XML (the XML
is the invoice; this is only its rendering). ``ocop-pos-admin einvoice pdf`` prints it to PDF.

Every figure comes from the XML as issued (money, VAT per rate, the total in words); nothing is
computed here but the display of numbers (``format_vnd``).
"""

from __future__ import annotations

import html

from lxml import etree

from pos_app.domain.money import format_vnd
from pos_app.formats.einvoice_xml import validate_xml

RELATION = {"1": "Hóa đơn thay thế cho", "2": "Hóa đơn điều chỉnh cho"}


def _t(node: etree._Element | None, path: str) -> str:
    if node is None:
        return ""
    found = node.find(path)
    return (found.text or "").strip() if found is not None else ""


def _money(text: str) -> str:
    return format_vnd(int(text)) if text.lstrip("-").isdigit() else html.escape(text)


def _qty(text: str) -> str:
    return text.replace(".", ",") if text else ""


def invoice_html(xml: bytes) -> str:
    """The invoice for the buyer: seller, buyer (what they gave), lines, VAT per rate, total in
    figures and words, the tax authority's code and the lookup link. Validates the XML first."""
    root = validate_xml(xml)
    head = root.find("DLHDon/TTChung")
    body = root.find("DLHDon/NDHDon")
    seller = body.find("NBan") if body is not None else None
    buyer = body.find("NMua") if body is not None else None
    totals = body.find("TToan") if body is not None else None
    e = html.escape
    number = _t(head, "SHDon")
    parts = [
        "<html><head><meta charset='utf-8'><style>"
        "body{font-family:'DejaVu Sans',sans-serif;font-size:10pt}"
        "h1{font-size:15pt;text-align:center;margin:0}"
        "p.c{text-align:center;margin:2px}"
        "table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #444;padding:3px}"
        "td.n{text-align:right}</style></head><body>",
        f"<h1>{e(_t(head, 'THDon').upper())}</h1>",
        "<p class='c'><i>(Khởi tạo từ máy tính tiền)</i></p>",
        f"<p class='c'>Mẫu số: {e(_t(head, 'KHMSHDon'))} &nbsp; Ký hiệu: "
        f"{e(_t(head, 'KHHDon'))} &nbsp; Số: <b>{e(number.zfill(8))}</b></p>",
        f"<p class='c'>Ngày lập: {e(_t(head, 'NLap'))}</p>",
        f"<p class='c'>Mã của cơ quan thuế: <b>{e(_t(root, 'MCCQT'))}</b></p>",
    ]
    rel = head.find("TTHDLQuan") if head is not None else None
    if rel is not None:
        parts.append(
            f"<p class='c'>{e(RELATION.get(_t(rel, 'TCHDon'), 'Liên quan đến'))} hóa đơn "
            f"{e(_t(rel, 'KHHDCLQuan'))} số {e(_t(rel, 'SHDCLQuan'))} ngày "
            f"{e(_t(rel, 'NLHDCLQuan'))} (mã CQT {e(_t(rel, 'MCCQTCLQuan'))})</p>")
    parts += [
        "<p><b>Đơn vị bán hàng:</b> " + e(_t(seller, "Ten")) + "<br>"
        "Mã số thuế: " + e(_t(seller, "MST")) + "<br>Địa chỉ: " + e(_t(seller, "DChi")) + "</p>",
    ]
    who = [(label, _t(buyer, tag)) for label, tag in (
        ("Tên người mua / đơn vị", "Ten"), ("Mã số thuế", "MST"), ("Địa chỉ", "DChi"),
        ("Số CCCD", "CCCDan"), ("Điện thoại", "SDThoai"), ("E-mail", "DCTDTu"))]
    given = [f"{label}: {e(value)}" for label, value in who if value]
    parts.append("<p><b>Người mua:</b> " + ("<br>".join(given) if given
                                            else "Khách lẻ (không lấy thông tin)") + "</p>")
    parts.append(f"<p>Hình thức thanh toán: {e(_t(head, 'HTTToan'))}</p>")
    parts.append("<table><tr><th>STT</th><th>Tên hàng hóa, dịch vụ</th><th>ĐVT</th>"
                 "<th>Số lượng</th><th>Đơn giá</th><th>Thuế suất</th><th>Thành tiền</th></tr>")
    for item in (body.findall("DSHHDVu/HHDVu") if body is not None else []):
        parts.append(
            f"<tr><td>{e(_t(item, 'STT'))}</td><td>{e(_t(item, 'THHDVu'))}</td>"
            f"<td>{e(_t(item, 'DVTinh'))}</td><td class='n'>{e(_qty(_t(item, 'SLuong')))}</td>"
            f"<td class='n'>{_money(_t(item, 'DGia')) if _t(item, 'DGia') else ''}</td>"
            f"<td>{e(_t(item, 'TSuat'))}</td>"
            f"<td class='n'>{_money(_t(item, 'ThTien'))}</td></tr>")
    parts.append("</table><br><table><tr><th>Thuế suất</th><th>Tiền chưa thuế</th>"
                 "<th>Tiền thuế GTGT</th></tr>")
    for rate in (totals.findall("THTTLTSuat/LTSuat") if totals is not None else []):
        parts.append(f"<tr><td>{e(_t(rate, 'TSuat'))}</td>"
                     f"<td class='n'>{_money(_t(rate, 'ThTien'))}</td>"
                     f"<td class='n'>{_money(_t(rate, 'TThue'))}</td></tr>")
    parts += [
        "</table>",
        f"<p>Cộng tiền hàng chưa thuế: {_money(_t(totals, 'TgTCThue'))}<br>"
        f"Tiền thuế GTGT: {_money(_t(totals, 'TgTThue'))}<br>"
        f"<b>Tổng tiền thanh toán: {_money(_t(totals, 'TgTTTBSo'))}</b><br>"
        f"Số tiền viết bằng chữ: <i>{e(_t(totals, 'TgTTTBChu'))}</i></p>",
    ]
    qr = _t(root, "DLQRCode")
    if qr:
        parts.append(f"<p>Tra cứu hóa đơn: {e(qr)}</p>")
    parts.append("</body></html>")
    return "".join(parts)
