"""The Transfers dialog of the stock screen: a cashier sends with a manager's approval, sees a
transfer in transit and receives it with a difference; "who else has it?" offline."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("PySide6")

from pos_app.domain.ids import new_id  # noqa: E402
from pos_app.formats import protocol as p  # noqa: E402
from pos_app.services.sync.pull import apply_transfer_page  # noqa: E402
from tests.ui.conftest import approvals, counter_session, themed_app  # noqa: E402,F401


@pytest.fixture
def dialog(qtbot, themed_app, demo_ctx, counter_session, approvals):  # noqa: F811
    from pos_app.ui.stock.transfers import TransfersDialog

    widget = TransfersDialog(demo_ctx.services, counter_session)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _stocked(demo_ctx):
    return next(r for r in demo_ctx.services.stock.stock_rows() if r.on_hand >= 5)


def test_a_cashier_sends_with_the_managers_approval(dialog, demo_ctx, approvals):  # noqa: F811
    row = _stocked(demo_ctx)
    dialog.destination.setText("HN02")
    dialog.code.setText(row.sku)
    dialog.qty.setValue(3)
    dialog.add_line()
    assert dialog.send_table.rowCount() == 1
    done = dialog.send()
    assert done is not None and done.status == "in_transit"
    assert approvals.asked == [("stock_transfer",)]
    assert demo_ctx.services.stock.level(row.id) == row.on_hand - 3
    assert done.number in dialog.error.text()
    assert dialog.all_table.rowCount() == 1

    approvals.refuse = True
    dialog.code.setText(row.sku)
    dialog.add_line()
    assert dialog.send() is None and dialog.error.text()
    assert demo_ctx.services.stock.level(row.id) == row.on_hand - 3


def test_a_transfer_in_transit_is_received_with_a_difference(dialog, demo_ctx):
    row = _stocked(demo_ctx)
    tid = new_id()
    page = p.TransferPage(transfers=[p.Transfer(
        id=tid, number="CK-Q01-20261203-1", from_showroom="HN05", from_till="Q01",
        to_showroom="HN01", sent_at=dt.datetime.now(dt.UTC),
        lines=[p.TransferLine(sku=row.sku, qty=4)])], next_cursor="c1", has_more=False)
    apply_transfer_page(demo_ctx.db, demo_ctx.settings, page)
    dialog.refresh()
    assert dialog.incoming.rowCount() == 1
    dialog.incoming.selectRow(0)
    assert len(dialog.arrived) == 1
    dialog.arrived[0][1].setValue(3)
    assert dialog.receive() is None  # a difference needs its reason
    dialog.reason.setText("vỡ một chiếc")
    done = dialog.receive()
    assert done is not None and (done.received_total, done.difference_total) == (3, 1)
    assert demo_ctx.services.stock.level(row.id) == row.on_hand + 3
    assert dialog.incoming.rowCount() == 0


def test_who_else_has_it_offline_says_so(demo_ctx, themed_app):  # noqa: F811
    from pos_app.ui.stock.transfers import elsewhere_text

    found = demo_ctx.services.transfers.stock_elsewhere("BT-001")
    assert found.cached and found.showrooms == ()
    assert "BT-001" in elsewhere_text(found)
