"""``demo-sales``, ``sales`` and ``verify-audit``: sales data for demos, IT and audits."""

from __future__ import annotations

import argparse
import datetime as dt
import random
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo-sales", parents=[common],
                       help="record N realistic demo sales through checkout")
    p.add_argument("count", type=int, metavar="N", help="how many sales")
    p.add_argument("--seed", type=int, default=None, help="random seed (repeatable data)")
    p.add_argument("--days", type=int, default=7, help="spread over the last D days (default 7)")
    p.set_defaults(func=_demo_sales)

    p = sub.add_parser("sales", parents=[common], help="list the sales of a day (Hanoi time)")
    p.add_argument("--date", metavar="YYYY-MM-DD", default=None,
                   help="business date (default: today in Hanoi)")
    p.set_defaults(func=_sales)

    p = sub.add_parser("verify-audit", parents=[common],
                       help="check the audit log's hash chain")
    p.set_defaults(func=_verify_audit)


# --- demo-sales ---------------------------------------------------------------------------------


def _demo_times(rng: random.Random, count: int, days: int, now: dt.datetime) -> list[dt.datetime]:
    """Moments in opening hours (8:00–20:00 Hanoi) over the last ``days`` days, in order."""
    from pos_app.domain.receipt import hanoi_tz

    tz = hanoi_tz()
    today = now.astimezone(tz).date()
    times: list[dt.datetime] = []
    while len(times) < count:
        day = today - dt.timedelta(days=rng.randrange(max(days, 1)))
        local = dt.datetime.combine(day, dt.time(8), tzinfo=tz) + dt.timedelta(
            seconds=rng.randrange(12 * 3600))
        moment = local.astimezone(dt.UTC)
        if moment <= now:
            times.append(moment)
    return sorted(times)


def _cash_tendered(total: int, rng: random.Random) -> int:
    """What a customer hands over: exact, or rounded up to a note."""
    note = rng.choice([0, 10_000, 50_000, 100_000, 500_000])
    return total if note == 0 else -(-total // note) * note


DEMO_CUSTOMERS = (
    ("Khách sạn Phố Cổ Hà Nội", "0912000101"), ("Công ty Du lịch Sen Vàng", "0987000202"),
    ("Nguyễn Thị Mai", "0903000303"), ("Trần Văn Bình", "0356000404"),
    ("Văn phòng UBND phường Hàng Trống", "0868000505"),
)


def _demo_customers(customers: Any) -> list[str]:
    """Ids of the demo's regular customers, added the first time (a CustomerService)."""
    from pos_app.domain.customers import CustomerInput

    ids = []
    for name, phone in DEMO_CUSTOMERS:
        found = customers.by_phone(phone)
        if found is None:
            found = customers.add(CustomerInput(name, phone, consent=True), user="demo")
        ids.append(found.id)
    return ids


def _demo_sales(args: argparse.Namespace) -> int:
    from sqlalchemy import or_, select

    from pos_app.app import open_context
    from pos_app.db.models import Barcode, Product
    from pos_app.domain.cart import Cart, PaymentInput
    from pos_app.domain.money import format_vnd
    from pos_app.domain.receipt import hanoi_tz
    from pos_app.domain.text import fold
    from pos_app.services.audit import AuditLog
    from pos_app.services.people.approval import Actor
    from pos_app.services.ports import FixedClock, SystemClock
    from pos_app.services.sales.checkout import WEIGHED_UNITS, CheckoutService

    if args.count < 1 or args.days < 1:
        print("N and --days must be at least 1")
        return 2
    rng = random.Random(args.seed)
    now = SystemClock().now()
    with open_context(args.data_dir) as ctx:
        today = now.astimezone(hanoi_tz()).date()
        with ctx.db.reader() as session:
            rows = session.execute(
                select(Product.id, Product.unit, Product.price)
                .where(Product.cert_status == "active", Product.price > 0)
                .where(or_(Product.cert_expires.is_(None), Product.cert_expires >= today))
                .order_by(Product.id)
            ).all()
            barcodes = dict(session.execute(select(Barcode.product_id, Barcode.code)).all())
        if not rows:
            print("no sellable products: load a catalog first (init --demo or import)")
            return 2
        clock = FixedClock(now)
        checkout = CheckoutService(ctx.db, ctx.settings, clock, AuditLog(clock))
        cashiers = [Actor(None, name, "cashier") for name in ("Lan", "Minh", "Thu")]
        buyers = _demo_customers(ctx.services.customers)
        # the sales' own sequence stays as it was; no --seed: a fresh sequence each run
        buyer_rng = random.Random(None if args.seed is None else args.seed + 1)

        total = 0
        for moment in _demo_times(rng, args.count, args.days, now):
            clock.at = moment
            cart = Cart(approval_percent=checkout.approval_percent)
            for product_id, unit, _price in rng.sample(rows, k=min(len(rows), rng.randint(1, 6))):
                if fold(unit) in WEIGHED_UNITS:
                    checkout.add_product(cart, product_id, grams=rng.randrange(200, 2_001, 50))
                else:
                    checkout.add_product(cart, product_id, qty=rng.choice([1, 1, 1, 2, 2, 3]),
                                         barcode=barcodes.get(product_id, ""))
            if buyers and buyer_rng.random() < 0.25:  # a share of the sales to a regular customer
                cart.customer_id = buyer_rng.choice(buyers)
            ctx.services.promotions.apply(cart, at=moment)  # the demo's campaigns, if loaded
            amount = cart.total
            roll = rng.random()
            if roll < 0.60:
                payments = [PaymentInput("cash", amount, tendered=_cash_tendered(amount, rng))]
            elif roll < 0.78:
                payments = [PaymentInput("card", amount, reference=f"{rng.randrange(10**6):06d}")]
            elif roll < 0.93:
                payments = [PaymentInput("transfer", amount,
                                         reference=f"VQR{rng.randrange(10**9):09d}")]
            else:
                card = max(1, amount // 2)
                payments = [PaymentInput("card", card, reference=f"{rng.randrange(10**6):06d}"),
                            PaymentInput("cash", amount - card,
                                         tendered=_cash_tendered(amount - card, rng))]
                if amount - card == 0:
                    payments = payments[:1]
            checkout.complete_sale(cart, payments, cashier=rng.choice(cashiers))
            total += amount
        print(f"recorded {args.count} sales, total {format_vnd(total)}")
    return 0


# --- sales --------------------------------------------------------------------------------------


def _sales(args: argparse.Namespace) -> int:
    from pos_app.app import open_context
    from pos_app.domain.money import format_vnd
    from pos_app.domain.receipt import hanoi_tz

    tz = hanoi_tz()
    if args.date:
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"not a date (YYYY-MM-DD): {args.date}")
            return 2
    else:
        day = dt.datetime.now(tz).date()
    with open_context(args.data_dir) as ctx:
        assert ctx.services.checkout is not None
        sales = ctx.services.checkout.sales_on(day)
    net = 0
    for sale in sales:
        time_text = sale.created_at.astimezone(tz).strftime("%H:%M:%S")
        flags = sale.kind if sale.kind != "sale" else ""
        if sale.status != "completed":
            flags = (flags + " " + sale.status).strip()
        else:
            net += sale.total
        print(f"{sale.receipt_no:<20} {time_text}  {format_vnd(sale.total):>16}  "
              f"{'+'.join(sale.methods) or '-':<14} {flags}".rstrip())
    print(f"{day.isoformat()}: {len(sales)} receipts, net {format_vnd(net)}")
    return 0


# --- verify-audit -------------------------------------------------------------------------------


def _verify_audit(args: argparse.Namespace) -> int:
    from pos_app.app import open_context
    from pos_app.services.audit import verify

    with open_context(args.data_dir) as ctx:
        result = verify(ctx.db)
    if result.ok:
        print(f"audit log ok: {result.entries} entries")
        return 0
    print(f"audit log BROKEN: entry {result.first_bad_seq} {result.problem} "
          f"({result.entries} entries)")
    return 1
