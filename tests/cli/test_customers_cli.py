"""``ocop-pos-admin customers list|add|show|export|erase``."""

from __future__ import annotations

import json

from pos_app.cli import main
from tests.services.fixtures import make_services


def prepared(tmp_path):
    services, _ = make_services(tmp_path)
    services.db.close()
    return str(tmp_path / "data")


def test_add_list_show_export_erase(tmp_path, capsys):
    data = prepared(tmp_path)
    assert main(["customers", "add", "--name", "Khách sạn Phố Cổ", "--phone", "+84 987 654 321",
                 "--email", "LeTan@phoco.vn", "--consent", "--data-dir", data]) == 0
    assert capsys.readouterr().out.split()[1] == "0987654321"
    assert main(["customers", "list", "pho co", "--data-dir", data]) == 0
    assert "Khách sạn Phố Cổ" in capsys.readouterr().out
    assert main(["customers", "show", "0987 654 321", "--data-dir", data]) == 0
    assert "letan@phoco.vn" in capsys.readouterr().out
    assert main(["customers", "export", "0987654321", "--data-dir", data]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["customer"]["consent"] is True and exported["purchases"] == []
    assert main(["customers", "erase", "0987654321", "--data-dir", data]) == 0
    capsys.readouterr()
    assert main(["customers", "show", "0987654321", "--data-dir", data]) == 2


def test_a_number_that_is_not_vietnamese_is_refused_with_a_sentence(tmp_path, capsys):
    data = prepared(tmp_path)
    assert main(["customers", "add", "--name", "Lan", "--phone", "0243 826 1234",
                 "--data-dir", data]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "phone_" not in err
    assert main(["customers", "list", "--data-dir", data]) == 0
    assert capsys.readouterr().out == ""


def test_demo_sales_give_a_share_of_their_sales_a_customer(tmp_path, capsys):
    from tests.services.fixtures import add_catalog

    services, _ = make_services(tmp_path)
    add_catalog(services.db, opening_stock=100)
    services.db.close()
    data = str(tmp_path / "data")
    assert main(["demo-sales", "40", "--seed", "3", "--data-dir", data]) == 0
    capsys.readouterr()
    assert main(["customers", "list", "--data-dir", data]) == 0
    phones = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert len(phones) == 5
    bought = 0
    for phone in phones:
        assert main(["customers", "show", phone, "--data-dir", data]) == 0
        bought += len(capsys.readouterr().out.splitlines()) - 1
    assert 0 < bought < 40
