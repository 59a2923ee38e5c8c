"""Small catalog files for importer, catalog and CLI tests (Vietnamese headers, as showrooms
write them), and a snapshot of the catalog tables to prove "nothing was written"."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

from pos_app.domain.barcodes import make_ean13

PRODUCER_HEADERS = ["Mã NSX", "Tên nhà sản xuất", "Loại hình", "Xã/Phường", "Quận/Huyện",
                    "Điện thoại"]
PRODUCERS = [
    ["NSX001", "Hợp tác xã Gốm sứ Bát Tràng", "Hợp tác xã", "Bát Tràng", "Gia Lâm", ""],
    ["NSX002", "Hộ kinh doanh Kẹo lạc Đường Lâm", "Hộ kinh doanh", "Đường Lâm", "Sơn Tây", ""],
]
PRODUCT_HEADERS = ["Mã hàng", "Mã vạch", "Tên sản phẩm", "Tên tiếng Anh", "Mã NSX",
                   "Nhóm sản phẩm", "Số sao", "Số chứng nhận", "Ngày cấp", "Ngày hết hạn",
                   "Trạng thái chứng nhận", "Đơn vị tính", "Giá bán", "Thuế GTGT (%)"]

VASE_CODE = make_ean13("893909100094")
SET_CODE = make_ean13("893909100095")
CANDY_CODE = make_ean13("893909100096")
CANDY_CODE_2 = make_ean13("893909100097")
RICE_CODE = make_ean13("893909100098")


def product_rows() -> list[list[str]]:
    return [
        ["BT-001", VASE_CODE, "Bình hút lộc men rạn", "Crackle-glaze vase", "NSX001",
         "Lưu niệm - nội thất - trang trí", "4", "OCOP-HN-2024-01902", "2024-12-20",
         "2027-12-20", "Còn hiệu lực", "cái", "1.450.000", "8"],
        ["BT-002", SET_CODE, "Bộ ấm chén men lam vẽ sen", "Lotus tea set", "NSX001",
         "Lưu niệm - nội thất - trang trí", "4", "OCOP-HN-2026-00998", "29/05/2026",
         "29/05/2029", "Còn hiệu lực", "bộ", "850000", "8"],
        ["DL-001", f"{CANDY_CODE};{CANDY_CODE_2}", "Bánh đậu xanh Đường Lâm", "Mung bean cake",
         "NSX002", "Thực phẩm", "3", "OCOP-HN-2025-00100", "2025-01-10", "2026-12-15",
         "Còn hiệu lực", "hộp", "45.000", "8"],
        ["12345", f"{RICE_CODE} 00777", "Gạo nếp cái hoa vàng", "Yellow-flower sticky rice",
         "NSX002", "Thực phẩm", "3", "", "", "", "", "kg", "80.000", "5"],
    ]


def write_csv(path: Path, headers: list[str], rows: list[list[str]], *, delimiter: str = ",",
              bom: bool = True) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    path.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))
    return path


def write_samples(folder: Path, products: list[list[str]] | None = None, **options: object
                  ) -> list[Path]:
    """producers.csv and products.csv in ``folder`` (products: the sample rows unless given)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_csv(folder / "producers.csv", PRODUCER_HEADERS, PRODUCERS, **options),  # type: ignore[arg-type]
        write_csv(folder / "products.csv", PRODUCT_HEADERS,
                  product_rows() if products is None else products, **options),  # type: ignore[arg-type]
    ]


def snapshot(db_path: Path) -> tuple[object, ...]:
    """Every row of the catalog tables and the catalog version (what an import may change)."""
    connection = sqlite3.connect(str(db_path))
    try:
        return tuple(
            tuple(connection.execute(query).fetchall())
            for query in (
                "SELECT * FROM producers ORDER BY id",
                "SELECT * FROM products ORDER BY id",
                "SELECT * FROM barcodes ORDER BY code",
                "SELECT * FROM app_meta WHERE key = 'catalog_version'",
            )
        )
    finally:
        connection.close()
