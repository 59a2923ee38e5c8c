"""City campaigns from the real registry process on 127.0.0.1: loaded there, pulled with the
catalog, applied at the counter of a showroom that takes part, not at one that does not."""

from __future__ import annotations

import datetime as dt

from pos_app import config
from pos_app.domain.cart import PaymentInput
from pos_app.formats import protocol as p
from pos_app.registry.__main__ import main as registry_main
from pos_app.services import Services
from pos_app.services.ports import FixedClock
from tests.services.fixtures import CASHIER
from tests.sync.test_sync_loop import _load_demo

WEEK = dict(id="OCOP-W48", name="Tuần lễ OCOP Hà Nội", kind="percent", value=10,
            starts=dt.date(2026, 11, 20), ends=dt.date(2026, 11, 30), stars=[4, 5],
            showrooms=["HN01"])
NOON = dt.datetime(2026, 11, 23, 5, 0, tzinfo=dt.UTC)  # 12:00 in Hanoi


def _services(till) -> Services:
    from pos_app.app import build_services

    return build_services(till.settings, till.db, FixedClock(NOON))


def test_a_city_campaign_is_pulled_and_applies_where_the_showroom_takes_part(
        registry, till_factory, tmp_path):
    _load_demo(registry)
    registry.store.load_campaigns([p.Campaign(**WEEK)])
    broken = {**WEEK, "id": "BROKEN", "kind": "amount", "value": 0}  # refused by the till
    registry.store.load_campaigns([p.Campaign(**broken)])
    till = till_factory("Q01", registry.url, registry.tokens["Q01"], page_size=500)
    assert till.sync.pull_catalog().error == ""
    services = _services(till)
    assert [x.id for x in services.promotions.all()] == ["OCOP-W48"]
    assert "catalog:campaigns:BROKEN" in {r.id for r in _parked(till)}

    checkout = services.checkout
    cart = checkout.open_cart()
    product = next(x for x in services.catalog.search("binh hut loc", 5) if (x.stars or 0) >= 4)
    line = checkout.add_product(cart, product.id)
    assert services.promotions.apply(cart)
    assert line.promo_id == "OCOP-W48"
    assert line.promo_discount == (line.gross * 10 + 50) // 100
    done = checkout.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER)
    assert done.total == line.gross - line.promo_discount

    # A changed campaign (the registry's CLI, from a file) moves the cursor; the till follows.
    path = tmp_path / "week.csv"
    path.write_text("id,name,kind,value,starts,ends,stars,showrooms\n"
                    "OCOP-W48,Tuần lễ OCOP Hà Nội,percent,15,2026-11-20,2026-11-30,4;5,HN99\n",
                    encoding="utf-8")
    assert registry_main(["load-campaigns", str(path), "--db", registry.db_url]) == 0
    assert till.sync.pull_catalog().error == ""
    other = checkout.open_cart()
    line = checkout.add_product(other, product.id)
    services.promotions.apply(other)
    assert line.promo_id == ""  # HN01 no longer takes part
    assert till.settings.get(config.SHOWROOM_CODE) == "HN01"


def _parked(till):
    from pos_app.services.sync import parked as pk

    with till.db.reader() as session:
        return pk.load(session)
