"""Sample receipts for the hardware tests and for looking at renders by eye."""

from __future__ import annotations

import datetime as dt

from pos_app.domain.money import vat_part
from pos_app.domain.receipt import (
    Payment,
    PaymentMethod,
    QtyUnit,
    Receipt,
    ReceiptLine,
    ShowroomHeader,
    Totals,
    VatPart,
)

HEADER = ShowroomHeader(
    name="Showroom OCOP Hà Nội",
    address="Số 8 Tràng Tiền, phường Hoàn Kiếm, Hà Nội",
    tax_code="0109876543",
    phone="024 3825 1234",
)

VIETQR = (
    "00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA53037045405"
    "1250005802VN62150811HN01-0042630459D1"
)

_PRODUCTS: list[tuple[str, int | None, int, int, int, int, QtyUnit]] = [
    # name, stars, qty, unit price, discount, vat, unit
    ("Bánh đậu xanh Hải Dương", 4, 2, 45_000, 0, 8, QtyUnit.PIECE),
    ("Ấm chén men rạn Bát Tràng", 5, 1, 850_000, 50_000, 10, QtyUnit.PIECE),
    ("Khăn lụa Vạn Phúc", 4, 1, 350_000, 0, 10, QtyUnit.PIECE),
    ("Kẹo lạc Đường Lâm", 3, 3, 30_000, 0, 8, QtyUnit.PIECE),
    ("Chè Shan tuyết cổ thụ Suối Giàng (hộp 200 g)", 5, 1, 420_000, 0, 8, QtyUnit.PIECE),
    ("Mắm tôm Thanh Hóa", None, 1, 38_000, 0, 8, QtyUnit.PIECE),
    ("Mộc nhĩ rừng sấy khô", 3, 350, 250_000, 0, 8, QtyUnit.GRAM),
    ("Rượu nếp cái hoa vàng Ỷ La", 4, 2, 120_000, 0, 10, QtyUnit.PIECE),
    ("Bình gốm Chu Đậu vẽ tay", 5, 1, 1_250_000, 0, 10, QtyUnit.PIECE),
    ("Nón lá Chuông", 3, 2, 95_000, 10_000, 10, QtyUnit.PIECE),
    ("Miến dong Bình Lư", 4, 4, 55_000, 0, 5, QtyUnit.PIECE),
    ("Giò chả Ước Lễ", 4, 1, 180_000, 0, 5, QtyUnit.PIECE),
    ("Cốm làng Vòng", 4, 500, 300_000, 0, 5, QtyUnit.GRAM),
    ("Tranh Đông Hồ “Đám cưới chuột”", 5, 1, 150_000, 0, 10, QtyUnit.PIECE),
    ("Gạo nếp cái hoa vàng", 3, 2, 65_000, 0, 5, QtyUnit.PIECE),
    ("Mật ong bạc hà Đồng Văn", 4, 1, 280_000, 0, 5, QtyUnit.PIECE),
    ("Quạt giấy Chàng Sơn", 3, 3, 45_000, 0, 10, QtyUnit.PIECE),
    ("Hương trầm Quảng Phú Cầu", 3, 2, 70_000, 0, 10, QtyUnit.PIECE),
    ("Ỗ ữ ỹ ậ ặ Đ — kiểm tra dấu", None, 1, 1_000, 0, 0, QtyUnit.PIECE),
    ("Bún Phú Đô sấy", 3, 5, 25_000, 0, 5, QtyUnit.PIECE),
]


def _line(spec: tuple[str, int | None, int, int, int, int, QtyUnit]) -> ReceiptLine:
    name, stars, qty, price, discount, vat, unit = spec
    gross = qty * price // 1000 if unit is QtyUnit.GRAM else qty * price
    return ReceiptLine(name=name, qty=qty, unit_price=price, line_total=gross - discount,
                       vat_rate=vat, stars=stars, discount=discount, unit=unit)


def sample_receipt(
    n_lines: int = 6,
    *,
    languages: tuple[str, ...] = ("vi", "en"),
    method: PaymentMethod = PaymentMethod.CASH,
    trace_url: str | None = "https://ocop.hanoi.gov.vn/t/HN-0042",
    receipt_discount: int = 20_000,
    bill: bool = False,
) -> Receipt:
    lines = tuple(_line(_PRODUCTS[i % len(_PRODUCTS)]) for i in range(n_lines))
    subtotal = sum(line.line_total for line in lines)
    total = subtotal - receipt_discount
    by_rate: dict[int, int] = {}
    for line in lines:  # the receipt discount is shared in proportion; close enough for samples
        by_rate[line.vat_rate] = by_rate.get(line.vat_rate, 0) + line.line_total
    vat = tuple(VatPart(rate, vat_part(amount * total // subtotal, rate))
                for rate, amount in sorted(by_rate.items()))
    if bill:  # printed before payment: nothing paid yet, the VietQR asks for the total
        payments: tuple[Payment, ...] = ()
        change = 0
    elif method is PaymentMethod.CASH:
        tendered = -(-total // 50_000) * 50_000 + 50_000
        payments = (Payment(PaymentMethod.CASH, tendered),)
        change = tendered - total
    else:
        payments = (Payment(method, total, "FT25015123456"),)
        change = 0
    return Receipt(
        header=HEADER,
        number="HN01-20250115-0042",
        sold_at=dt.datetime(2025, 1, 15, 7, 32, tzinfo=dt.UTC),
        cashier="Nguyễn Thị Hằng",
        lines=lines,
        totals=Totals(subtotal=subtotal, discount=receipt_discount, total=total, vat=vat),
        payments=payments,
        change=change,
        vietqr_payload=VIETQR,
        trace_url=trace_url,
        languages=languages,
        bill=bill,
    )
