"""``ocop-pos-admin promotions load|list|usage``."""

from __future__ import annotations

from pos_app.cli import main
from tests.services.fixtures import make_services
from tests.services.test_promotions import GOOD


def test_load_a_campaign_list_it_and_refuse_a_bad_row(tmp_path, capsys):
    services, _ = make_services(tmp_path)
    services.db.close()
    data = str(tmp_path / "data")
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD + "X,Sai,percent,120,,,2026-11-01,2026-11-30,,,,,,\n", encoding="utf-8")
    assert main(["promotions", "load", str(bad), "--data-dir", data]) == 2
    err = capsys.readouterr().err
    assert "bad.csv" in err and "5" in err and "value" in err
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["promotions", "load", str(good), "--dry-run", "--data-dir", data]) == 0
    assert "dry run" in capsys.readouterr().out
    assert main(["promotions", "list", "--data-dir", data]) == 0
    assert capsys.readouterr().out == ""
    assert main(["promotions", "add", str(good), "--data-dir", data]) == 0
    capsys.readouterr()
    assert main(["promotions", "list", "--data-dir", data]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == [
        "KEO-B2G1", "OCOP-W48", "OLD"]
    assert main(["promotions", "usage", "--from", "2026-11-01", "--to", "2026-11-30",
                 "--data-dir", data]) == 0
