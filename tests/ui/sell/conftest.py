"""Sell-screen fixtures: the screen on a private demo showroom, the demo cashier logged in,
approvals auto-given by the demo manager (``approvals`` in tests/ui/conftest.py), VietQR bank
settings filled in."""

from __future__ import annotations

import pytest

from pos_app import config
from pos_app.domain.barcodes import make_ean13

BANH_DAU_CODE = make_ean13("893999900001")

EXTRA_PRODUCTS = (
    "Mã hàng,Mã vạch,Tên sản phẩm,Tên tiếng Anh,Mã NSX,Nhóm sản phẩm,Số sao,Số chứng nhận,"
    "Ngày cấp,Ngày hết hạn,Trạng thái chứng nhận,Đơn vị tính,Giá bán,Thuế GTGT (%)\n"
    f"TEST-BD1,{BANH_DAU_CODE},Bánh đậu xanh Rồng Vàng hộp 250g,Mung bean cake 250 g,NSX001,"
    "Thực phẩm,4,OCOP-HN-2025-09999,2025-01-10,2028-01-10,Còn hiệu lực,hộp,45.000,8\n"
)


@pytest.fixture
def ctx(demo_ctx, tmp_path):
    """The demo showroom plus a "Bánh đậu xanh" product (the demo has none) and bank settings."""
    from pos_app.services.catalog.importer import apply_import, plan_import

    csv = tmp_path / "extra_products.csv"
    csv.write_text(EXTRA_PRODUCTS, encoding="utf-8")
    plan = plan_import(demo_ctx.db, [csv])
    assert plan.ok, plan.problems
    apply_import(demo_ctx.db, plan)
    demo_ctx.services.catalog.invalidate()
    demo_ctx.settings.set(config.BANK_BIN, "970436")
    demo_ctx.settings.set(config.BANK_ACCOUNT, "0011004321987")
    demo_ctx.settings.set(config.BANK_ACCOUNT_NAME, "CONG TY OCOP HA NOI")
    return demo_ctx


@pytest.fixture
def make_screen(qtbot, ctx, lanes, counter_session, approvals):
    from pos_app.ui.events import UiEvents
    from pos_app.ui.sell.screen import SellScreen

    made = []
    bridges = []

    def make():
        events = UiEvents(ctx.services.events)
        screen = SellScreen(ctx.services, lanes, counter_session, events)
        bridges.append(events)
        qtbot.addWidget(screen)
        screen.resize(1280, 720)
        screen.show()
        made.append(screen)
        return screen

    yield make
    for screen in made:
        qtbot.waitUntil(lambda s=screen: s.idle)
        for dialog in (screen.payment_dialog, screen.returns_dialog):
            if dialog is not None and dialog.isVisible() and not getattr(dialog, "busy", False):
                dialog.done(0)
        screen.shutdown()
    for events in bridges:
        events.close()


@pytest.fixture
def screen(make_screen):
    return make_screen()


def barcode_of(ctx, query: str) -> tuple[str, object]:
    info = ctx.services.catalog.search(query, 1)[0]
    return info.barcodes[0], info
