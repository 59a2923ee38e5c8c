"""The background pump as the app runs it, and a till killed mid-day: nothing lost, nothing
sent twice."""

import subprocess
import sys
import textwrap
import threading

from pos_app.domain.cart import PaymentInput
from pos_app.domain.einvoice import Party
from pos_app.services.einvoice.settings import EInvoiceSettings
from pos_app.services.events import EInvoiceState
from tests.services.fixtures import CASHIER, add_catalog, make_services

SELLER = dict(showroom_tax_code="0100109106", showroom_address="1 Tràng Tiền, Hoàn Kiếm, Hà Nội")


def configure(svc, url):
    svc.configure(EInvoiceSettings(
        enabled=True, seller=Party(), vat_method="credit", symbol_letters="AA",
        authority_code="A1B2C", till_slot=3, provider_url=url))


def test_the_pump_sends_a_sale_at_once_and_tells_the_bus(tmp_path, gateway):
    from pos_app.services.ports import SystemClock

    services, _ = make_services(tmp_path, **SELLER)
    services.einvoice.clock = services.checkout.clock = SystemClock()
    catalog = add_catalog(services.db)
    svc = services.einvoice
    configure(svc, gateway.url)
    states: list[EInvoiceState] = []
    services.events.subscribe(EInvoiceState, states.append)
    stop = threading.Event()
    pump = threading.Thread(target=svc.run_pump, args=(stop, 3600.0))
    pump.start()
    try:
        cart = services.checkout.open_cart()
        services.checkout.add_product(cart, catalog.tea, qty=2)
        done = services.checkout.complete_sale(cart, [PaymentInput("cash", cart.total)],
                                               cashier=CASHIER)
        deadline = threading.Event()
        for _ in range(100):  # woken by the sale, not the hour-long interval
            if svc.for_sale(done.sale_id)[0].status == "sent":
                break
            deadline.wait(0.1)
        assert svc.for_sale(done.sale_id)[0].status == "sent"
    finally:
        stop.set()
        pump.join(10)
    assert not pump.is_alive()
    assert any(s.enabled and s.sent == 1 and s.queued == 0 for s in states)
    services.db.close()


CRASHING_TILL = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from pos_app.domain.cart import PaymentInput
    from tests.services.fixtures import CASHIER, add_catalog, make_services
    from tests.einvoice.test_pump import SELLER, configure
    services, _ = make_services(Path({tmp!r}), **SELLER)
    catalog = add_catalog(services.db)
    configure(services.einvoice, {url!r})
    for n in range(5):
        cart = services.checkout.open_cart()
        services.checkout.add_product(cart, catalog.tea, qty=n + 1)
        services.checkout.complete_sale(cart, [PaymentInput("cash", cart.total)],
                                        cashier=CASHIER)
    os._exit(9)  # the power goes: nothing sent, nothing closed
""")


def test_a_till_killed_after_selling_sends_everything_once_after_restart(tmp_path, gateway):
    import os

    root = os.getcwd()
    script = CRASHING_TILL.format(root=root, tmp=str(tmp_path), url=gateway.url)
    proc = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 9, proc.stderr[-2000:]
    services, clock = make_services(tmp_path, **SELLER)
    svc = services.einvoice
    assert svc.status().queued == 5  # every sale came back with its invoice
    assert svc.issue_pending() == (0, [])
    assert svc.send_once(force=True).sent == 5
    assert svc.send_once(force=True).sent == 0  # exactly once
    assert sorted(r.number for r in svc.invoices()) == [1, 2, 3, 4, 5]
    services.db.close()
