"""The till's writes in a loop, for the kill and power-cut tests: a zygote and its children.

Run as ``python -m tests.e2e.workload DATA_DIR PRODUCT_IDS``. The zygote imports the app once
(no Qt). For each line (a seed) on standard input it forks a child that opens the till at
``DATA_DIR`` and, until it is killed, does one write after another, chosen at random: a sale, a
return, a void of the last sale, a shift close with its Z report (and a new shift), a goods
receipt, a catalog page applied, and outbox events marked sent. After each write's transaction
committed (its call returned) the child prints one line naming what it saw commit::

    sale <sale_id>          return <return_id>      void <sale_id>
    z <shift_id> <number>   shift <shift_id>        receipt <goods_receipt_id>
    catalog <sku> <price>   sent <event_id>,...

The parent checks every reported line against the database the child left (see
:func:`tests.e2e.checks.check_reported`). The zygote prints ``ready <pid>`` when a child
starts and ``dead <status>`` when it is gone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import sys


def child(data: str, products: list[int], seed: int, out: int) -> None:
    from sqlalchemy import select

    from pos_app.app import build_services
    from pos_app.config import Settings
    from pos_app.db.database import Database
    from pos_app.db.models import OutboxEvent, SaleLine
    from pos_app.domain.cart import PaymentInput
    from pos_app.formats import protocol as p
    from pos_app.services.people.approval import Actor, Approval
    from pos_app.services.stock.desk import ReceiptInput, ReceiptLine
    from pos_app.services.sync.pull import apply_catalog_page

    rng = random.Random(seed)
    settings = Settings.load(data, env={})
    db = Database(settings.paths.database, settings.paths.backups)
    services = build_services(settings, db)
    co = services.checkout
    cashier = Actor(None, "Thu ngân Lan", "cashier")
    manager = Actor(None, "Quản lý Hùng", "manager")
    approval = Approval(manager)

    def say(line: str) -> None:
        os.write(out, (line + "\n").encode())

    say(f"ready {os.getpid()}")
    last_sale: str | None = None
    last_receipt: str | None = None
    if services.shifts.current() is None:
        say(f"shift {services.shifts.open(manager, 500_000).id}")
    while True:
        kind = rng.choices(["sale", "return", "void", "z", "receipt", "catalog", "sent"],
                           weights=[10, 2, 2, 1, 2, 1, 2])[0]
        if kind == "sale" or last_sale is None:
            cart = co.open_cart()
            for _ in range(rng.randint(1, 3)):
                co.add_product(cart, rng.choice(products), qty=rng.randint(1, 3))
            co.save_cart(cart, cashier_name=cashier.name)
            payments = ([PaymentInput("card", cart.total, reference=f"A{seed}")]
                        if rng.random() < 0.3 else
                        [PaymentInput("cash", cart.total, tendered=cart.total + 5000)])
            sale = co.complete_sale(cart, payments, cashier=cashier)
            last_sale, last_receipt = sale.sale_id, sale.receipt_no
            say(f"sale {sale.sale_id}")
        elif kind == "return" and last_receipt is not None:
            with db.reader() as session:
                line = session.scalars(select(SaleLine).where(
                    SaleLine.sale_id == last_sale).limit(1)).first()
            assert line is not None
            done = co.return_items(last_receipt, {line.id: 1}, cashier=cashier,
                                   approval=approval, reason="khách đổi ý")
            last_sale = last_receipt = None  # a sale with a return cannot be voided
            say(f"return {done.sale_id}")
        elif kind == "void":
            co.void_sale(last_sale, cashier=cashier, approval=approval, reason="nhập nhầm")
            say(f"void {last_sale}")
            last_sale = last_receipt = None
        elif kind == "z":
            z = services.shifts.close(manager, {500_000: 1})
            say(f"z {z.id} {z.number}")
            last_sale = last_receipt = None
            say(f"shift {services.shifts.open(manager, 500_000).id}")
        elif kind == "receipt":
            result = services.stock.receive(ReceiptInput(
                producer_id=1, doc_no=f"PN-{seed}", consignment=rng.random() < 0.5,
                lines=[ReceiptLine(rng.choice(products), rng.randint(1, 20), 10_000)]),
                user=manager)
            say(f"receipt {result.receipt_id}")
        elif kind == "catalog":
            sku, price = f"PC{rng.randint(1, 5)}", rng.randint(1, 500) * 1000
            page = p.CatalogPage(
                producers=[p.CatalogProducer(code="NSX01", name="HTX Làng nghề",
                                             kind="cooperative")],
                products=[p.CatalogProduct(sku=sku, name_vi=f"Sản phẩm {sku}",
                                           producer_code="NSX01", group="food", stars=4,
                                           price=price, vat_rate=8)],
                next_cursor=f"c{seed}-{rng.random()}", has_more=False)
            apply_catalog_page(db, page, dt.date.today())
            say(f"catalog {sku} {price}")
        elif kind == "sent":
            with db.reader() as session:
                ids = list(session.scalars(select(OutboxEvent.id).where(
                    OutboxEvent.status == "pending").order_by(OutboxEvent.id).limit(5)))
            if ids:
                answer = p.PushResponse(results=[p.EventResult(id=i, status="accepted")
                                                 for i in ids])
                services.sync._apply_answer(ids, answer)
                say(f"sent {','.join(ids)}")


def warm_imports() -> None:
    """Import what the services import, once, so a forked child starts in milliseconds."""
    import importlib
    import pkgutil

    import pos_app.app  # noqa: F401

    for package in ("pos_app.services", "pos_app.sync", "pos_app.hardware", "pos_app.formats"):
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            # an optional driver missing here: the child does without it
            with contextlib.suppress(Exception):
                importlib.import_module(info.name)


def zygote(data: str, products: list[int]) -> None:
    from sqlalchemy.orm import configure_mappers

    import pos_app.db.database as database_module
    from pos_app.db.migrate import MigrationResult, head_revision

    # The parent migrated the file already; a child skips re-reading the migration scripts so
    # a round costs a fork, not an Alembic start.
    head = head_revision()
    database_module.upgrade = (  # type: ignore[assignment]
        lambda engine, path, backups: MigrationResult(head, head, None))
    configure_mappers()
    warm_imports()
    out = sys.stdout.fileno()
    for command in sys.stdin:
        seed = int(command)
        pid = os.fork()
        if pid == 0:
            try:
                child(data, products, seed, out)
            except BaseException as exc:  # a write failed (a power cut: EIO) — stop there
                said = " ".join(str(exc).split())[:300]
                os.write(out, f"error {type(exc).__name__}: {said}\n".encode())
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        os.write(out, f"dead {status}\n".encode())


if __name__ == "__main__":
    zygote(sys.argv[1], [int(x) for x in sys.argv[2].split(",")])
