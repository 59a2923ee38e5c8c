"""The service caches its settings and sees every save: its own, another instance's (another
process on the same database) and a change of the showroom's seller settings."""

from dataclasses import replace

from pos_app import config
from pos_app.app import DEMO_HEADER
from pos_app.domain.einvoice import Party, validate_tax_code
from pos_app.services.einvoice import settings as es
from pos_app.services.einvoice.service import EInvoiceService
from tests.services.fixtures import make_services

SELLER = dict(showroom_tax_code="0100109106", showroom_address="1 Tràng Tiền, Hoàn Kiếm, Hà Nội")
ON = es.EInvoiceSettings(enabled=True, seller=Party(), vat_method="credit", symbol_letters="AA",
                         authority_code="A1B2C", till_slot=3)


def test_cache_follows_saves_from_anywhere(tmp_path):
    services, clock = make_services(tmp_path, **SELLER)
    till = EInvoiceService(services.db, services.settings, clock)
    cli = EInvoiceService(services.db, services.settings, clock)  # another process, in effect
    assert not till.config().enabled
    till.configure(ON)
    first = till.config()
    assert first.enabled and till.config() is first  # cached
    cli.configure(replace(ON, symbol_letters="BB", till_slot=4))
    assert (till.config().symbol_letters, till.config().till_slot) == ("BB", 4)
    services.settings.set(config.SHOWROOM_ADDRESS, "2 Hàng Bài, Hà Nội")
    assert till.config().seller.address == "2 Hàng Bài, Hà Nội"
    services.db.close()


def test_demo_tax_code_passes_and_demo_settings_can_be_switched_on(tmp_path):
    assert validate_tax_code(DEMO_HEADER["showroom_tax_code"]) == es.DEMO_TAX_CODE
    services, clock = make_services(tmp_path, showroom_tax_code=es.DEMO_TAX_CODE,
                                    showroom_address=DEMO_HEADER["showroom_address"])
    svc = EInvoiceService(services.db, services.settings, clock)
    svc.prepare_demo()
    demo = svc.config()
    assert not demo.enabled and demo.provider_url == es.DEMO_GATEWAY
    svc.configure(replace(demo, enabled=True))  # checks pass: the demo can switch it on
    assert svc.config().enabled and svc.config().since is not None
    svc.prepare_demo()  # never overwrites what is set
    assert svc.config().enabled
    services.db.close()
