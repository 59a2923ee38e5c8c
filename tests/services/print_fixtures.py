"""Committed sales for the printing tests, inserted as rows (checkout is tested on its own).

A sale here is what checkout commits: a Sale with its lines and payments, amounts in đồng,
times in naive UTC. Returns are Sales with kind='return' and negative amounts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pos_app import config
from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.db.models import Producer, Product, Sale, SaleLine, SalePayment, SaleVat
from pos_app.domain.ids import new_id, receipt_number
from pos_app.domain.receipt import hanoi_tz
from pos_app.domain.vat import vat_by_rate
from pos_app.services.ports import FixedClock

BANK_BIN, BANK_ACCOUNT = "970436", "0011001234567"
TRACE_URL = "https://ocop.hanoi.gov.vn/truy-xuat/HN-BT-0007"
NOW = dt.datetime(2026, 11, 23, 3, 15, tzinfo=dt.UTC)  # 10:15 in Hanoi

# sku, name_vi, name_en, stars, price (per piece, or per kg when sold by gram), VAT %, trace url
PRODUCTS: tuple[tuple[str, str, str, int, int, int, str], ...] = (
    ("BT-0007", "Ấm chén men rạn Bát Tràng", "Bat Trang crackle tea set", 5, 850_000, 10,
     TRACE_URL),
    ("HD-0001", "Bánh đậu xanh Hải Dương", "Mung bean cake", 4, 45_000, 8, ""),
    ("VP-0003", "Khăn lụa tơ tằm Vạn Phúc", "Van Phuc silk scarf", 4, 350_000, 10,
     "https://ocop.hanoi.gov.vn/truy-xuat/HN-VP-0003"),
    ("DL-0002", "Kẹo lạc Đường Lâm", "Duong Lam peanut candy", 3, 30_000, 8, ""),
    ("SG-0005", "Chè Shan tuyết cổ thụ Suối Giàng", "Suoi Giang Shan tea", 5, 420_000, 8, ""),
    ("YL-0004", "Rượu nếp cái hoa vàng Ỷ La", "Y La sticky rice wine", 4, 120_000, 10, ""),
    ("MN-0006", "Mộc nhĩ rừng sấy khô", "Dried wood ear mushroom", 3, 250_000, 8, ""),
)


@dataclass
class Shop:
    db: Database
    settings: Settings
    clock: FixedClock
    product_ids: dict[str, int]
    seq: int = 0


def make_shop(tmp_path: Path, *, printer_uri: str = "", paper: int = 80,
              languages: str = "vi,en") -> Shop:
    data = tmp_path / "data"
    settings = Settings.load(data, env={})
    settings.paths.ensure()
    for setting, value in (
        (config.PRINTER_URI, printer_uri), (config.PAPER_WIDTH_MM, paper),
        (config.RECEIPT_LANGUAGES, languages), (config.TILL_CODE, "Q01"),
        (config.SHOWROOM_NAME, "Điểm giới thiệu và bán sản phẩm OCOP Hà Nội"),
        (config.SHOWROOM_ADDRESS, "Số 8 Tràng Tiền, phường Hoàn Kiếm, Hà Nội"),
        (config.SHOWROOM_TAX_CODE, "0109876543"), (config.SHOWROOM_PHONE, "024 3825 1234"),
        (config.BANK_BIN, BANK_BIN),
        (config.BANK_ACCOUNT, BANK_ACCOUNT), (config.BANK_ACCOUNT_NAME, "TT XUC TIEN OCOP HN"),
    ):
        settings.set(setting, value)
    db = Database(settings.paths.database, settings.paths.backups)
    ids: dict[str, int] = {}
    with db.transaction() as session:
        producer = Producer(code="HN-P1", name="HTX Gốm Bát Tràng", kind="cooperative")
        session.add(producer)
        session.flush()
        for sku, name_vi, name_en, stars, price, vat, trace in PRODUCTS:
            product = Product(sku=sku, name_vi=name_vi, name_en=name_en, producer_id=producer.id,
                              product_group="handicrafts", stars=stars, price=price,
                              vat_rate=vat, trace_url=trace,
                              unit="kg" if sku == "MN-0006" else "cái")
            session.add(product)
            session.flush()
            ids[sku] = product.id
    return Shop(db, settings, FixedClock(NOW), ids)


def insert_sale(shop: Shop, items: list[tuple[str, int]], *, method: str = "cash",
                kind: str = "sale", original_sale_id: str | None = None,
                cashier: str = "Nguyễn Thị Hằng", discount: int = 0,
                at: dt.datetime = NOW) -> tuple[str, str]:
    """Commit a sale (or a return: negative quantities) of ``(sku, qty)``; returns
    (sale id, receipt number). Goods sold by weight take their qty in grams."""
    shop.seq += 1
    local_date = at.astimezone(hanoi_tz()).date()
    number = receipt_number("Q01", local_date, shop.seq)
    by_sku = {p[0]: p for p in PRODUCTS}
    sale_id = new_id()
    lines: list[SaleLine] = []
    for n, (sku, qty) in enumerate(items, 1):
        _, name_vi, name_en, stars, price, vat, _ = by_sku[sku]
        gram = sku == "MN-0006"
        total = qty * price // 1000 if gram else qty * price
        lines.append(SaleLine(
            id=new_id(), sale_id=sale_id, line_no=n, product_id=shop.product_ids[sku], sku=sku,
            name_vi=name_vi, name_en=name_en, stars=stars, unit="gram" if gram else "piece",
            qty=qty, list_price=price, unit_price=price, discount=0, line_total=total,
            vat_rate=vat))
    subtotal = sum(line.line_total for line in lines)
    total = subtotal - discount
    vat = vat_by_rate([(line.line_total, line.vat_rate) for line in lines], discount)
    vat_total = sum(v.amount for v in vat)
    if kind == "return" or method != "cash":
        tendered, change = total, 0
    else:
        tendered = -(-total // 100_000) * 100_000
        change = tendered - total
    sale = Sale(
        id=sale_id, receipt_no=number, till_code="Q01", local_date=local_date, seq=shop.seq,
        kind=kind, status="completed", original_sale_id=original_sale_id,
        cashier_name=cashier, created_at=at.astimezone(dt.UTC).replace(tzinfo=None),
        subtotal=subtotal, discount=discount, total=total, vat_total=vat_total,
        tendered=tendered, change=change)
    payment = SalePayment(id=new_id(), sale_id=sale_id, method=method, amount=total,
                          tendered=tendered, reference="FT26327123456" if method == "transfer"
                          else "")
    with shop.db.transaction() as session:
        session.add(sale)
        session.flush()
        session.add_all(lines)
        session.add(payment)
        session.add_all(SaleVat(sale_id=sale_id, rate=v.rate, net=v.net, vat=v.amount,
                                gross=v.gross) for v in vat)
    return sale_id, number


def sale_snapshot(shop: Shop, sale_id: str) -> tuple[object, ...]:
    """Everything about a sale that printing must never change."""
    with shop.db.reader() as session:
        sale = session.get(Sale, sale_id)
        assert sale is not None
        return (
            tuple(getattr(sale, c.key) for c in Sale.__table__.columns),
            tuple(tuple(getattr(ln, c.key) for c in SaleLine.__table__.columns)
                  for ln in sale.lines),
            tuple(tuple(getattr(p, c.key) for c in SalePayment.__table__.columns)
                  for p in sale.payments),
        )


def make_readme_receipts(out_dir: Path, work_dir: Path) -> list[Path]:
    """The README's receipt pictures, made the way a till makes them: a committed sale, the
    print service, TCP to the virtual printer, the printer's PNG. Run from the repository::

        python -c "from pathlib import Path; import tempfile; \\
            from tests.services.print_fixtures import make_readme_receipts as m; \\
            print(m(Path('resources/readme'), Path(tempfile.mkdtemp())))"
    """
    import shutil

    from pos_app.hardware.receipt_printer import EscposReceiptPrinter
    from pos_app.hardware.virtual_printer import VirtualPrinter
    from pos_app.services.printing.queue import PrintService

    out_dir.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    baskets = {
        58: ([("HD-0001", 2), ("DL-0002", 3), ("VP-0003", 1), ("MN-0006", 350)], "cash"),
        80: ([("BT-0007", 1), ("SG-0005", 1), ("YL-0004", 2), ("HD-0001", 4)], "transfer"),
    }
    for paper, (items, method) in baskets.items():
        with VirtualPrinter(work_dir / f"vp{paper}", paper_dots=384 if paper == 58 else 576,
                            idle_timeout=0.5) as printer:
            shop = make_shop(work_dir / f"shop{paper}", printer_uri=printer.uri, paper=paper)
            service = PrintService(shop.db, shop.settings, shop.clock, EscposReceiptPrinter())
            try:
                sale_id, _ = insert_sale(shop, items, method=method,
                                         cashier="Nguyễn Thị Hằng")
                info = service.wait(service.print_receipt(sale_id))
                if info.status != "printed":
                    raise RuntimeError(info.error_code)
                (job,) = printer.wait_for_jobs(1)
                assert job.png_path is not None
                target = out_dir / f"receipt-{paper}mm.png"
                shutil.copyfile(job.png_path, target)
                made.append(target)
            finally:
                service.shutdown()
                shop.db.close()
    return made
