"""``ocop-pos-admin einvoice …`` as IT types it, against a real gateway process."""

import datetime as dt

from pos_app import config
from pos_app.cli import main
from pos_app.domain.cart import PaymentInput
from pos_app.formats.einvoice_xml import validate_xml
from pos_app.services.ports import FixedClock
from tests.services.fixtures import CASHIER, add_catalog, make_services


def test_setup_issue_send_show_export(tmp_path, capsys, gateway):
    data = str(tmp_path / "data")
    settings = config.Settings.load(data, env={})
    settings.set(config.SHOWROOM_TAX_CODE, "0100109106")
    settings.set(config.SHOWROOM_ADDRESS, "1 Tràng Tiền, Hà Nội")
    settings.save()
    assert main(["einvoice", "setup", "--data-dir", data, "--on", "--symbol-letters", "A1",
                 "--authority-code", "A1B2C", "--till-slot", "1"]) == 1  # bad letters
    assert main(["einvoice", "setup", "--data-dir", data, "--on", "--symbol-letters", "AB",
                 "--authority-code", "A1B2C", "--till-slot", "1",
                 "--provider", gateway.url]) == 0
    services, clock = make_services(tmp_path, clock=FixedClock(
        dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)),
        showroom_tax_code="0100109106", showroom_address="1 Tràng Tiền, Hà Nội")
    catalog = add_catalog(services.db)
    co = services.checkout
    for n in range(3):
        cart = co.open_cart()
        co.add_product(cart, catalog.tea, qty=n + 1)
        co.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER)
    services.db.close()
    capsys.readouterr()
    assert main(["einvoice", "issue", "--data-dir", data]) == 0
    assert "issued 0" in capsys.readouterr().out  # checkout issued them with the sales
    # (a second ahead of the wall clock: --all sends those not yet due too)
    assert main(["einvoice", "send", "--data-dir", data, "--all"]) == 0
    assert main(["einvoice", "list", "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert out.count("sent") >= 3 and "M1-" in out
    year = dt.datetime.now(dt.UTC).year % 100
    assert main(["einvoice", "show", "--data-dir", data, "--xml", f"1C{year}MAB-1"]) == 0
    assert "<HDon>" in capsys.readouterr().out
    assert main(["einvoice", "show", "--data-dir", data, "nothing"]) == 1
    today = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=7))).date()
    out_dir = tmp_path / "export"
    assert main(["einvoice", "export", "--data-dir", data, "--date", today.isoformat(),
                 "--out", str(out_dir)]) == 0
    files = sorted(out_dir.glob("*.xml"))
    assert len(files) == 3
    for f in files:
        validate_xml(f.read_bytes())
    assert main(["einvoice", "status", "--data-dir", data]) == 0
    # the buyer's copy, in Vietnamese: HTML, and a PDF through Qt's text engine
    page = tmp_path / "hd.html"
    assert main(["einvoice", "pdf", "--data-dir", data, f"1C{year}MAB-1", "--html",
                 "--out", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert "HÓA ĐƠN GIÁ TRỊ GIA TĂNG" in text and "Khởi tạo từ máy tính tiền" in text
    assert "Mã của cơ quan thuế" in text and "đồng" in text and "120.000 ₫" in text
    pdf = tmp_path / "hd.pdf"
    assert main(["einvoice", "pdf", "--data-dir", data, f"1C{year}MAB-1",
                 "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_token_goes_to_the_token_store(tmp_path, monkeypatch, capsys):
    import io

    data = str(tmp_path / "data")
    settings = config.Settings.load(data, env={})
    settings.set(config.TOKEN_STORE, "file")
    settings.save()
    monkeypatch.setattr("sys.stdin", io.StringIO("lab-token\n"))
    assert main(["einvoice", "token", "--data-dir", data]) == 0
    assert "file" in capsys.readouterr().out
    token_file = settings.paths.config_dir / "einvoice.token"
    assert token_file.read_text(encoding="utf-8") == "lab-token"
    assert (token_file.stat().st_mode & 0o777) == 0o600
    assert "lab-token" not in settings.paths.settings_file.read_text(encoding="utf-8")
