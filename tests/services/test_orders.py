"""Channel orders on a real SQLite file: a Shopee export imported into pending orders that hold
their stock, refused whole on an unknown SKU or a changed layout, completed once as a sale."""

from __future__ import annotations

import datetime as dt

import pytest

from pos_app.domain.cart import PaymentInput
from pos_app.services.orders import OrderError
from pos_app.services.sales.checkout import CheckoutError
from pos_app.services.stock import ledger
from tests.services.fixtures import APPROVAL, CASHIER, add_catalog, make_services, stock_level

SHOPEE = ("Mã đơn hàng,Ngày đặt hàng,Trạng Thái Đơn Hàng,Tên sản phẩm,SKU phân loại hàng,"
          "Số lượng,Giá ưu đãi,Tên Người nhận,Số điện thoại,Địa chỉ nhận hàng\n"
          "2611230001ABC,2026-11-23 09:12,Chờ lấy hàng,Trà shan tuyết,TEA01,2,120.000,"
          "Nguyễn Lan,84912345678,\"12 Hàng Bông, Hoàn Kiếm\"\n"
          "2611230001ABC,2026-11-23 09:12,Chờ lấy hàng,Kẹo lạc,8930000000026,3,35.000,"
          "Nguyễn Lan,84912345678,\"12 Hàng Bông, Hoàn Kiếm\"\n"
          "2611230002XYZ,2026-11-23 09:40,Chờ lấy hàng,Khăn lụa,LUA01,1,430.000,Trần Minh,"
          "0987654321,Hà Đông\n")
TIKTOK = ("Order ID,Order Status,Seller SKU,Product Name,Quantity,SKU Unit Original Price,"
          "Recipient,Phone #,Detail Address\n"
          "577001,AWAITING_SHIPMENT,TEA01,Trà,1,120000,Lê Hoa,0911222333,Cầu Giấy\n")


@pytest.fixture
def env(tmp_path):
    services, clock = make_services(tmp_path)
    catalog = add_catalog(services.db, opening_stock=5)
    yield services, catalog, tmp_path
    services.db.close()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_shopee_export_becomes_pending_orders_that_hold_stock(env):
    services, catalog, tmp_path = env
    orders = services.orders
    path = write(tmp_path, "shopee.csv", SHOPEE)
    dry = orders.import_file(path, dry_run=True, user="Hùng")
    assert dry.ok and dry.channel == "shopee" and orders.pending() == []
    result = orders.import_file(path, user="Hùng")
    assert result.ok and [o.ref for o in result.orders] == ["2611230001ABC", "2611230002XYZ"]
    pending = orders.pending()
    assert [(o.ref, o.lines, o.total) for o in pending] == [
        ("2611230001ABC", 2, 345_000), ("2611230002XYZ", 1, 430_000)]
    with services.db.reader() as session:
        assert ledger.available(session, [catalog.tea, catalog.candy]) == {
            catalog.tea: 3, catalog.candy: 2}
    again = orders.import_file(path, user="Hùng")  # the same file twice sells nothing twice
    assert (2, "Mã đơn hàng", "duplicate_order") in again.problems
    assert len(orders.pending()) == 2
    tiktok = orders.import_file(write(tmp_path, "tt.csv", TIKTOK), user="Hùng")
    assert tiktok.ok and tiktok.channel == "tiktok"


def test_unknown_sku_changed_layout_or_too_little_stock_refuse_the_whole_file(env):
    services, _, tmp_path = env
    orders = services.orders
    bad = write(tmp_path, "bad.csv", SHOPEE.replace("LUA01", "NOPE99"))
    assert orders.import_file(bad, user="Hùng").problems == [
        (4, "SKU phân loại hàng", "unknown_sku")]
    changed = write(tmp_path, "changed.csv", SHOPEE.replace("Số lượng", "SL"))
    assert orders.import_file(changed, user="Hùng").problems == [(1, "", "unknown_layout")]
    forced = orders.import_file(changed, channel="shopee", user="Hùng")
    assert forced.problems == [(1, "Số lượng", "missing_column")]
    much = write(tmp_path, "much.csv", SHOPEE.replace(",2,120.000", ",9,120.000"))
    assert orders.import_file(much, user="Hùng").problems == [
        (2, "SKU phân loại hàng", "not_enough_stock")]
    assert orders.pending() == []


def test_the_counter_completes_an_order_once_stock_and_channel_follow(env):
    services, catalog, tmp_path = env
    orders = services.orders
    orders.import_file(write(tmp_path, "shopee.csv", SHOPEE), user="Hùng")
    first, second = orders.pending()
    cart = orders.to_cart(second.id)  # silk at 430.000 instead of 450.000 (within 10 %)
    assert cart.order_id == second.id and cart.total == 430_000 and not cart.approvals
    services.checkout.save_cart(cart)
    cart = services.checkout.open_cart()
    done = services.checkout.complete_sale(cart, [PaymentInput("cash", cart.total)],
                                           cashier=CASHIER, approval=APPROVAL)
    assert stock_level(services.db, catalog.silk) == 4
    assert [o.ref for o in orders.pending()] == [first.ref]
    with pytest.raises(OrderError, match="order_not_pending"):
        orders.to_cart(second.id)
    stale = services.checkout.open_cart()
    stale.order_id = second.id  # a second till holding the same order: refused whole
    services.checkout.add_product(stale, catalog.silk)
    with pytest.raises(CheckoutError, match="order_not_pending"):
        services.checkout.complete_sale(stale, [PaymentInput("cash", stale.total)],
                                        cashier=CASHIER)
    assert stock_level(services.db, catalog.silk) == 4
    counter = services.checkout.open_cart()
    services.checkout.add_product(counter, catalog.book)
    services.checkout.complete_sale(counter, [PaymentInput("cash", counter.total)],
                                    cashier=CASHIER)
    day = dt.date(2026, 11, 23)
    assert orders.by_channel(day, day) == {"shopee": (1, 430_000), "counter": (1, 99_000)}
    assert done.total == 430_000
    orders.cancel(first.id, user="Hùng")
    with services.db.reader() as session:
        assert ledger.available(session, [catalog.tea]) == {catalog.tea: 5}


def test_stock_held_for_orders_is_not_sold_at_the_counter(env):
    services, catalog, tmp_path = env
    services.orders.import_file(write(tmp_path, "shopee.csv", SHOPEE), user="Hùng")
    cart = services.checkout.open_cart()  # 5 teas on hand, 2 held: 3 may go at the counter
    line = services.checkout.add_product(cart, catalog.tea, qty=4)
    with pytest.raises(CheckoutError, match="reserved_stock") as info:
        services.checkout.complete_sale(cart, [PaymentInput("cash", cart.total)],
                                        cashier=CASHIER)
    assert info.value.info["product_id"] == catalog.tea
    assert stock_level(services.db, catalog.tea) == 5
    cart.set_qty(line.id, 3)
    services.checkout.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER)
    assert stock_level(services.db, catalog.tea) == 2
