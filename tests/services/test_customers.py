"""Customers on a real SQLite file: found by phone or name, attached to a sale, history, the
privacy export and erase."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pos_app.db.customer_models import SaleCustomer
from pos_app.db.models import AuditEntry
from pos_app.domain.cart import PaymentInput
from pos_app.domain.customers import CustomerError, CustomerInput
from pos_app.services.audit import verify
from pos_app.services.sales.checkout import CheckoutError
from tests.services.fixtures import CASHIER, add_catalog, make_services


@pytest.fixture
def env(tmp_path):
    services, clock = make_services(tmp_path)
    catalog = add_catalog(services.db, opening_stock=50)
    yield services, catalog, clock
    services.db.close()


def test_add_find_by_phone_or_name_without_tone_marks(env):
    services, _, _ = env
    svc = services.customers
    lan = svc.add(CustomerInput("Nguyễn Thị Lan", "+84 912 345 678", email="lan@x.vn",
                                consent=True), user="Lan")
    svc.add(CustomerInput("Khách sạn Đồng Xuân", "0987654321"), user="Lan")
    assert svc.by_phone("0912.345.678") == lan
    assert svc.by_phone("0900000000") is None
    assert [c.name for c in svc.search("nguyen thi")] == ["Nguyễn Thị Lan"]
    assert [c.name for c in svc.search("dong xuan")] == ["Khách sạn Đồng Xuân"]
    assert [c.id for c in svc.search("0912")] == [lan.id]
    assert [c.id for c in svc.search("+84 91")] == [lan.id]


def test_the_same_phone_twice_is_refused_and_edits_are_audited(env):
    services, _, clock = env
    svc = services.customers
    lan = svc.add(CustomerInput("Lan", "0912345678"), user="Lan")
    with pytest.raises(CustomerError) as info:
        svc.add(CustomerInput("Lan khác", "+84912345678"), user="Lan")
    assert info.value.code == "phone_taken" and info.value.info["customer_id"] == lan.id
    with pytest.raises(CustomerError, match="phone_not_mobile"):
        svc.add(CustomerInput("Cơ quan", "0243826 1234"), user="Lan")
    edited = svc.update(lan.id, CustomerInput("Lan", "0912345678", address="12 Hàng Bông"),
                        user="Hùng")
    assert edited.address == "12 Hàng Bông"
    with services.db.reader() as session:
        actions = [(e.action, e.user_name) for e in session.scalars(
            select(AuditEntry).order_by(AuditEntry.seq))]
    assert verify(services.db).ok
    assert actions == [("customer_add", "Lan"), ("customer_edit", "Hùng")]


def test_a_sale_to_a_customer_is_in_their_history_and_export_and_survives_erase(env):
    services, catalog, _ = env
    lan = services.customers.add(CustomerInput("Lan", "0912345678", consent=True), user="Lan")
    checkout = services.checkout
    cart = checkout.open_cart()
    checkout.add_product(cart, catalog.tea, qty=2)
    cart.customer_id = lan.id
    checkout.save_cart(cart)
    cart = checkout.open_cart()  # the customer survives a restart with the cart
    assert cart.customer_id == lan.id
    done = checkout.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER)
    history = services.customers.history(lan.id)
    assert [(p.receipt_no, p.total) for p in history] == [(done.receipt_no, 240_000)]
    exported = services.customers.export(lan.id)
    assert exported["customer"]["phone"] == "0912345678"
    assert exported["purchases"][0]["receipt_no"] == done.receipt_no

    services.customers.erase(lan.id, user="Hùng", approved_by="Hùng")
    assert services.customers.by_phone("0912345678") is None
    assert services.customers.search("lan") == []
    with pytest.raises(CustomerError, match="customer_erased"):
        services.customers.get(lan.id)
    with services.db.reader() as session:  # the sale keeps its link, with no personal data left
        assert session.scalar(select(SaleCustomer.customer_id)) == lan.id
    # the number is free again for a new record
    services.customers.add(CustomerInput("Người mới", "0912345678"), user="Lan")


def test_a_sale_to_an_erased_customer_writes_nothing(env):
    services, catalog, _ = env
    lan = services.customers.add(CustomerInput("Lan", "0912345678"), user="Lan")
    cart = services.checkout.open_cart()
    services.checkout.add_product(cart, catalog.tea)
    cart.customer_id = lan.id
    services.customers.erase(lan.id, user="Hùng")
    with pytest.raises(CheckoutError, match="no_such_customer"):
        services.checkout.complete_sale(cart, [PaymentInput("cash", cart.total)],
                                        cashier=CASHIER)
    assert services.checkout.recent_sales(5) == []
