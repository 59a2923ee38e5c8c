"""``ocop-pos-admin orders import|list|cancel``."""

from __future__ import annotations

from pos_app.cli import main
from tests.services.fixtures import add_catalog, make_services
from tests.services.test_orders import SHOPEE


def test_import_dry_run_list_and_a_refused_file(tmp_path, capsys):
    services, _ = make_services(tmp_path)
    add_catalog(services.db, opening_stock=5)
    services.db.close()
    data = str(tmp_path / "data")
    bad = tmp_path / "bad.csv"
    bad.write_text(SHOPEE.replace("LUA01", "NOPE99"), encoding="utf-8")
    assert main(["orders", "import", str(bad), "--data-dir", data]) == 2
    err = capsys.readouterr().err
    assert "bad.csv" in err and "4" in err and "SKU phân loại hàng" in err
    good = tmp_path / "shopee.csv"
    good.write_text(SHOPEE, encoding="utf-8")
    assert main(["orders", "import", str(good), "--dry-run", "--data-dir", data]) == 0
    assert "dry run" in capsys.readouterr().out
    assert main(["orders", "import", str(good), "--channel", "shopee", "--data-dir", data]) == 0
    assert "imported 2" in capsys.readouterr().out
    assert main(["orders", "list", "--data-dir", data]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert [r.split()[2] for r in rows] == ["2611230001ABC", "2611230002XYZ"]
    assert main(["orders", "cancel", rows[0].split()[0], "--data-dir", data]) == 0
    capsys.readouterr()
    assert main(["orders", "list", "--data-dir", data]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    assert main(["orders", "channels", "--from", "2026-11-01", "--to", "2026-11-30",
                 "--data-dir", data]) == 0
