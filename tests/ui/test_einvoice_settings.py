"""The settings screen's e-invoice card: checked by the e-invoice settings' own rules (worded in
Vietnamese), nothing saved while wrong, the token kept in the token store (not settings.json)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QLabel

from pos_app import config
from tests.einvoice.conftest import gateway  # noqa: F401 (the fixture)


@pytest.fixture
def screen(qtbot, themed_app, demo_ctx, lanes, counter_session):
    from pos_app.ui.settings_screen import SettingsScreen
    from tests.ui.conftest import demo_actor

    demo_ctx.settings.set(config.TOKEN_STORE, "file")
    demo_ctx.settings.set(config.SHOWROOM_TAX_CODE, "0100109106")
    counter_session.set_actor(demo_actor(demo_ctx, "admin"))
    screen = SettingsScreen(demo_ctx.services, lanes, counter_session)
    qtbot.addWidget(screen)
    screen.resize(1166, 900)
    screen.show()
    return screen


def test_wrong_values_refused_then_saved_with_the_token(screen, demo_ctx):
    card = screen.einvoice_card
    svc = demo_ctx.services.einvoice
    assert not card.enabled.isChecked()
    card.enabled.setChecked(True)
    card.symbol_letters.setText("A1")
    card.authority_code.setText("A1B2C")
    card.till_slot.setValue(4)
    card.provider_url.setText("http://127.0.0.1:8790")
    assert not screen.save()
    assert "ký hiệu hóa đơn" in card.errors["symbol_letters"].text()
    assert not svc.config().enabled  # nothing stored
    card.symbol_letters.setText("ab")
    card.token.setText("s3cret-einvoice")
    assert screen.save(), screen.message.text()
    cfg = svc.config()
    assert (cfg.enabled, cfg.symbol_letters, cfg.authority_code, cfg.till_slot) == (
        True, "AB", "A1B2C", 4)
    assert cfg.provider_url == "http://127.0.0.1:8790" and cfg.since is not None
    assert svc.has_token() and svc.tokens is not None and svc.tokens.get() == "s3cret-einvoice"
    settings_file = demo_ctx.settings.paths.settings_file
    text = settings_file.read_text(encoding="utf-8") if settings_file.exists() else "{}"
    assert "s3cret" not in text and "einvoice" not in json.loads(text)
    assert card.token.text() == "" and "C" in card.status.text()


def test_switching_on_needs_a_valid_seller_tax_code(screen, demo_ctx):
    card = screen.einvoice_card
    screen.fields["showroom_tax_code"].widget.setText("0100109107")  # bad check digit
    card.enabled.setChecked(True)
    card.symbol_letters.setText("AA")
    card.authority_code.setText("A1B2C")
    assert not screen.save()
    assert "mã số thuế" in card.status.text()
    assert not demo_ctx.services.einvoice.config().enabled


def test_status_bar_line_follows_the_pump(qtbot, themed_app, main_window):
    import threading

    from pos_app.services.events import EInvoiceState

    label = main_window.status.findChild(QLabel, "einvoiceState")
    assert label is not None and not label.isVisible()  # e-invoicing is off in the demo
    bus = main_window.services.events
    worker = threading.Thread(target=bus.publish, args=(
        EInvoiceState(enabled=True, queued=5, sent=10, refused=1, late=2,
                      last_error="offline"),))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: "5" in label.text(), timeout=5000)
    assert label.text() == "Hóa đơn điện tử chờ gửi: 5 · trễ: 2 · bị từ chối: 1"
    assert label.toolTip()  # the last problem, worded
    assert label.property("state") == "error"


def test_the_pump_starts_and_stops_with_the_shell(qtbot, themed_app, demo_ctx,
                                                  gateway):  # noqa: F811
    import time

    from PySide6.QtWidgets import QApplication

    from pos_app.domain.cart import PaymentInput
    from pos_app.domain.einvoice import Party
    from pos_app.services.einvoice.settings import EInvoiceSettings
    from pos_app.ui import startup
    from tests.ui.conftest import demo_actor

    services = demo_ctx.services
    demo_ctx.settings.set(config.SHOWROOM_TAX_CODE, "0100109106")
    services.einvoice.configure(EInvoiceSettings(
        enabled=True, seller=Party(), vat_method="credit", symbol_letters="AA",
        authority_code="A1B2C", till_slot=2, provider_url=gateway.url))
    shell = startup.build_shell(services, QApplication.instance())
    try:
        startup.start_einvoice(services, shell, interval_s=3600)
        co = services.checkout
        cart = co.open_cart()
        product = services.catalog.search("trà", 1)[0]
        co.add_product(cart, product.id, known=product)
        done = co.complete_sale(cart, [PaymentInput("cash", cart.total)],
                                cashier=demo_actor(demo_ctx, "admin"))
        qtbot.waitUntil(lambda: services.einvoice.for_sale(done.sale_id)[0].status == "sent",
                        timeout=10000)
        label = shell.window.status.findChild(QLabel, "einvoiceState")
        qtbot.waitUntil(lambda: label.text() == "Hóa đơn điện tử: đã gửi hết", timeout=5000)
    finally:
        shell.window.close()
        started = time.monotonic()
        shell.shutdown()
    assert time.monotonic() - started < 5  # the pump leaves its lane at once
