"""``ocop-pos-admin stock [--low]`` and ``receive``."""

from __future__ import annotations

from pos_app.cli import main
from pos_app.services.stock.desk import StockService
from tests.services.fixtures import MANAGER, add_catalog, make_services


def prepared(tmp_path):
    services, clock = make_services(tmp_path)
    catalog = add_catalog(services.db)
    stock = StockService(services.db, services.settings, clock)
    stock.set_threshold(catalog.tea, 5, user=MANAGER)
    services.db.close()
    return str(tmp_path / "data")


def test_receive_then_stock_and_low(tmp_path, capsys):
    data = prepared(tmp_path)
    assert main(["receive", "--producer", "NSX01", "--doc", "PN-9", "--consignment",
                 "TEA01:3:70000", "8930000000033:10:300000", "--data-dir", data]) == 0
    receipt = capsys.readouterr().out.split()
    assert receipt[1:] == ["2", "13", str(3 * 70_000 + 10 * 300_000)]
    assert main(["stock", "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert any(line.startswith("LUA01") and " 10 " in line for line in out.splitlines())
    assert main(["stock", "--low", "--data-dir", data]) == 0
    low = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in low] == ["TEA01"]


def test_bad_receive_is_refused(tmp_path, capsys):
    data = prepared(tmp_path)
    assert main(["receive", "--producer", "NSX01", "TEA01:-3", "--data-dir", data]) == 2
    from pos_app.ui.messages.stock import stock_error

    assert stock_error("bad_qty") in capsys.readouterr().err  # a sentence, not a code
    assert main(["receive", "--producer", "NOPE", "TEA01:3", "--data-dir", data]) == 2
    assert main(["stock", "--low", "--data-dir", data]) == 0
    assert capsys.readouterr().out.split()[:2] == ["TEA01", "0"]
