"""``ocop-pos-admin demo-sales | sales | verify-audit`` as IT types them."""

from __future__ import annotations

import sqlite3

from sqlalchemy import func, select

from pos_app.cli import main
from pos_app.db.models import Sale, SalePayment
from pos_app.domain.cart import PaymentInput
from tests.services.fixtures import CASHIER, add_catalog, make_services


def prepared(tmp_path, sales: int = 0):
    services, clock = make_services(tmp_path)
    catalog = add_catalog(services.db)
    co = services.checkout
    for n in range(sales):
        cart = co.open_cart()
        co.add_product(cart, catalog.tea, qty=n + 1)
        payments = ([PaymentInput("card", cart.total, reference="A1")] if n % 2
                    else [PaymentInput("cash", cart.total)])
        co.complete_sale(cart, payments, cashier=CASHIER)
        clock.advance(minutes=5)
    services.db.close()
    return str(tmp_path / "data")


def test_demo_sales_records_through_checkout(tmp_path, capsys):
    data = prepared(tmp_path)
    assert main(["demo-sales", "25", "--seed", "7", "--days", "3", "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert out.startswith("recorded 25 sales, total ")
    services, _ = make_services(tmp_path)
    with services.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == 25
        methods = set(session.scalars(select(SalePayment.method).distinct()))
    services.db.close()
    assert "cash" in methods and methods <= {"cash", "card", "transfer"}
    assert main(["verify-audit", "--data-dir", data]) == 0
    assert "audit log ok: 30 entries" in capsys.readouterr().out  # 25 sales, 5 demo customers


def test_demo_sales_is_repeatable_with_a_seed(tmp_path, capsys):
    first = prepared(tmp_path / "a")
    second = prepared(tmp_path / "b")
    main(["demo-sales", "10", "--seed", "42", "--data-dir", first])
    main(["demo-sales", "10", "--seed", "42", "--data-dir", second])
    out = capsys.readouterr().out.splitlines()
    assert out[0] == out[1]


def test_demo_sales_without_a_catalog(tmp_path, capsys):
    assert main(["demo-sales", "3", "--data-dir", str(tmp_path / "empty")]) == 2
    assert "no sellable products" in capsys.readouterr().out


def test_sales_lists_a_hanoi_day(tmp_path, capsys):
    data = prepared(tmp_path, sales=3)
    assert main(["sales", "--date", "2026-11-23", "--data-dir", data]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["Q01-20261123-0001", "10:00:00", "120.000"]
    assert lines[1].split()[-1] == "card"
    assert lines[-1] == "2026-11-23: 3 receipts, net 720.000 ₫"
    assert main(["sales", "--date", "2026-11-22", "--data-dir", data]) == 0
    assert capsys.readouterr().out.strip() == "2026-11-22: 0 receipts, net 0 ₫"
    assert main(["sales", "--date", "23/11/2026", "--data-dir", data]) == 2


def test_verify_audit_fails_on_a_hand_edit(tmp_path, capsys):
    data = prepared(tmp_path, sales=3)
    con = sqlite3.connect(str(tmp_path / "data" / "pos.sqlite3"))
    con.execute("UPDATE audit_log SET detail = '{}' WHERE seq = 2")
    con.commit()
    con.close()
    assert main(["verify-audit", "--data-dir", data]) == 1
    assert "entry 2 edited" in capsys.readouterr().out


def test_demo_sales_without_a_seed_runs(tmp_path, capsys):
    """The package check sells through ``demo-sales N`` with no ``--seed`` (it crashed on
    ``None + 1`` once the demo customers came)."""
    from pos_app.cli import main

    data = str(tmp_path / "data")
    assert main(["init", "--demo", "--data-dir", data]) == 0
    assert main(["demo-sales", "3", "--data-dir", data]) == 0
