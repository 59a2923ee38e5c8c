"""The showroom's own prices: ``labels set-price`` is audited (who, when), queued for the
registry as a ``price_set`` event and puts the product on the labels-to-reprint list; ``labels
print --reprint / --changed-since D / --receipt DOC`` picks the products and the new price shows
on the next label."""

from __future__ import annotations

import json
import shutil

import pytest
from sqlalchemy import select

from pos_app.app import open_context
from pos_app.cli import main
from pos_app.db.models import AuditEntry, OutboxEvent
from pos_app.services.people.approval import Actor
from pos_app.services.printing.labels import label_content
from pos_app.services.stock.desk import ReceiptInput, ReceiptLine


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("OCOP_POS_LANGUAGE", "en")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    import os

    folder = tmp_path_factory.mktemp("demo") / "data"
    os.environ["OCOP_POS_LANGUAGE"] = "en"
    try:
        assert main(["init", "--demo", "--data-dir", str(folder)]) == 0
    finally:
        del os.environ["OCOP_POS_LANGUAGE"]
    return folder


@pytest.fixture
def demo(pristine, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(pristine, folder)
    return str(folder)


def test_price_change_audited_sent_and_reprinted(demo, tmp_path, capsys):
    from pos_app.hardware.virtual_label_printer import VirtualLabelPrinter

    assert main(["labels", "assign-codes", "TX-001", "--data-dir", demo]) == 0
    assert main(["labels", "set-price", "TX-001", "125000", "--user", "Minh",
                 "--data-dir", demo]) == 0
    assert "125.000 ₫" in capsys.readouterr().out
    assert main(["labels", "set-price", "TX-001", "125000", "--data-dir", demo]) == 2
    with open_context(demo) as ctx:
        assert ctx.services.catalog.by_sku("TX-001").price == 125000
        assert ctx.services.prices.to_reprint() == ["TX-001"]
        with ctx.db.reader() as session:
            entry = session.scalars(select(AuditEntry).where(
                AuditEntry.action == "price_set")).one()
            event = session.scalars(select(OutboxEvent).where(
                OutboxEvent.kind == "price_set")).one()
        assert (entry.user_name, entry.target) == ("Minh", "TX-001") and entry.at is not None
        assert json.loads(event.payload)["new_price"] == 125000
        assert event.status == "pending"

    with VirtualLabelPrinter(tmp_path / "vlp", idle_timeout=0.5) as printer:
        assert main(["labels", "print", "--reprint", "--data-dir", demo,
                     "--printer", printer.uri]) == 0
        (job,) = printer.wait_for_jobs(1)
    assert len(job.labels) == 1
    with open_context(demo) as ctx:
        assert ctx.services.prices.to_reprint() == []
        product = ctx.services.catalog.by_sku("TX-001")
        assert label_content(product, product.barcodes[0]).price_text == "125.000 ₫"
    capsys.readouterr()
    assert main(["labels", "print", "--changed-since", "2000-01-01", "--pdf",
                 str(tmp_path / "a.pdf"), "--data-dir", demo]) == 0
    assert "1 products" in capsys.readouterr().out
    assert main(["labels", "print", "--changed-since", "hôm qua", "--pdf",
                 str(tmp_path / "b.pdf"), "--data-dir", demo]) == 2


def test_print_everything_of_a_goods_receipt(demo, tmp_path, capsys):
    assert main(["labels", "assign-codes", "--all-missing", "--data-dir", demo]) == 0
    with open_context(demo) as ctx:
        a, b = (ctx.services.catalog.by_sku(s) for s in ("TX-001", "TX-002"))
        assert a.producer_id == b.producer_id
        ctx.services.stock.receive(
            ReceiptInput(a.producer_id, "PN-77", False,
                         [ReceiptLine(a.id, 3), ReceiptLine(b.id, 2)]),
            user=Actor(None, "Minh", "manager"))
    capsys.readouterr()
    assert main(["labels", "print", "--receipt", "PN-77", "--pdf", str(tmp_path / "r.pdf"),
                 "--data-dir", demo]) == 0
    assert "Printed 5 labels for 2 products" in capsys.readouterr().out
    assert main(["labels", "print", "--receipt", "PN-00", "--pdf", str(tmp_path / "x.pdf"),
                 "--data-dir", demo]) == 2
    assert "PN-00" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
