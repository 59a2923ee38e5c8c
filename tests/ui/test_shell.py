"""The counter window on the demo showroom: navigation, header, status bar, scans, start-up."""

from __future__ import annotations

import json
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFrame, QLabel

from pos_app import config
from pos_app.domain.ids import new_id


def test_window_opens_on_the_sell_area_with_showroom_and_till(main_window, demo_ctx):
    assert main_window.current_area == "sell"
    assert main_window.nav_buttons["sell"].isChecked()
    assert main_window.showroom_label.text() == demo_ctx.settings.get(config.SHOWROOM_NAME)
    assert "Q01" in main_window.meta_label.text()
    assert main_window.clock_label.text().count(":") == 1


@pytest.mark.parametrize(
    ("keys", "area"),
    [
        ((Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier), "stock"),
        ((Qt.Key.Key_F3, Qt.KeyboardModifier.NoModifier), "reports"),
        ((Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier), "settings"),
        ((Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier), "stock"),
        ((Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier), "reports"),
        ((Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier), "settings"),
    ],
)
def test_keyboard_switches_areas_and_back_to_sell(qtbot, main_window, keys, area):
    key, modifier = keys
    QTest.keyClick(main_window, key, modifier)
    assert main_window.current_area == area
    assert main_window.nav_buttons[area].isChecked()
    back = Qt.Key.Key_1 if modifier else Qt.Key.Key_F1
    QTest.keyClick(main_window, back, modifier)
    assert main_window.current_area == "sell"


def test_touching_a_navigation_button_switches_area(qtbot, main_window):
    qtbot.mouseClick(main_window.nav_buttons["reports"], Qt.MouseButton.LeftButton)
    assert main_window.current_area == "reports"
    assert main_window.stack.currentWidget() is main_window.reports


def test_navigation_shows_its_shortcuts(main_window):
    keys = [main_window.nav_buttons[a].key_label.text() for a in
            ("sell", "stock", "reports", "settings")]
    assert keys == ["F1", "F2", "F3", "F4"]


def test_stock_area_shows_catalog_counts(qtbot, main_window):
    main_window.show_area("stock")
    card = main_window.stock.findChild(QFrame, "count_products")
    assert card.findChild(QLabel, "figure").text() == "335"
    producers = main_window.stock.findChild(QFrame, "count_producers")
    assert producers.findChild(QLabel, "figure").text() == "65"


def test_status_bar_shows_pending_outbox_events(qtbot, main_window, demo_ctx):
    from pos_app.db.models import OutboxEvent

    with demo_ctx.db.transaction() as session:
        for i in range(3):
            session.add(OutboxEvent(id=new_id(), kind="test", payload=json.dumps({"i": i})))
        session.add(OutboxEvent(id=new_id(), kind="test", payload="{}", status="rejected"))
    bar = main_window.status
    bar.refresh()
    qtbot.waitUntil(lambda: bar.status is not None and bar.status.pending_events >= 3,
                    timeout=5000)
    assert bar.status.rejected_events == 1
    text = bar.pending_label.text()
    assert "3" in text and "1" in text
    assert bar.pending_label.property("state") == "error"


def test_printer_state_slot_and_not_configured_default(qtbot, main_window):
    bar = main_window.status
    bar.refresh()
    qtbot.waitUntil(lambda: bar.status is not None, timeout=5000)
    assert bar.printer_state == "not_configured"
    bar.set_printer_state("error", "Hết giấy")
    assert "Hết giấy" in bar.printer_label.text()
    assert bar.printer_label.property("state") == "error"
    bar.set_printer_state("ready")
    assert bar.printer_label.property("state") == "ok"


def test_a_scan_anywhere_goes_to_the_sell_area(qtbot, themed_app, demo_ctx, lanes):
    from pos_app.ui.main_window import MainWindow
    from pos_app.ui.scanner import ScannerFilter

    scanner = ScannerFilter()
    window = MainWindow(demo_ctx.services, lanes, scanner=scanner)
    qtbot.addWidget(window)
    seen = []
    window.sell.on_scanned = seen.append  # what the sell screen receives
    window.show_area("settings")
    scanner.scanned.emit("8935049510010")
    assert window.current_area == "sell"
    assert seen == ["8935049510010"]
    scanner.scanned_while_busy.emit("8935049510010")
    assert "8935049510010" in window.status.currentMessage()
    window.close()


def test_settings_saved_in_the_screen_update_the_header(qtbot, main_window, demo_ctx):
    from tests.ui.conftest import demo_actor

    main_window.session.set_actor(demo_actor(demo_ctx, "admin"))  # may change settings
    screen = main_window.settings_screen
    screen.fields["till_code"].widget.setText("Q07")
    assert screen.save()
    assert "Q07" in main_window.meta_label.text()
    assert demo_ctx.settings.get(config.TILL_CODE) == "Q07"


def test_every_area_renders_at_counter_sizes(qtbot, main_window, tmp_path):
    for size in ((1366, 768), (1920, 1080)):
        main_window.resize(*size)
        for area in ("sell", "stock", "reports", "settings"):
            main_window.show_area(area)
            qtbot.wait(10)
            path = tmp_path / f"{area}-{size[0]}.png"
            assert main_window.grab().save(str(path))
            image = QImage(str(path))
            assert (image.width(), image.height()) == size


# --- start-up ------------------------------------------------------------------------------------


def test_self_check_exit_code(qapp, tmp_path, capsys):
    from pos_app.__main__ import main

    assert main(["--self-check", "--data-dir", str(tmp_path), "--demo"]) == 0
    assert "self-check ok" in capsys.readouterr().out


def test_self_check_refuses_a_database_from_a_newer_app(qapp, tmp_path, capsys):
    from pos_app.__main__ import main

    assert main(["--self-check", "--data-dir", str(tmp_path)]) == 0
    with sqlite3.connect(tmp_path / config.DB_FILE) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    capsys.readouterr()
    assert main(["--self-check", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "db_too_new" in err and "9999_from_the_future" in err


def test_self_check_reports_unreadable_settings(qapp, tmp_path, capsys):
    from pos_app.__main__ import main

    (tmp_path / config.SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    assert main(["--self-check", "--data-dir", str(tmp_path)]) == 1
    assert "settings_unreadable" in capsys.readouterr().err


def test_startup_errors_are_translated_sentences(themed_app):
    from pos_app.ui.i18n import install_translator
    from pos_app.ui.startup import error_text

    title, text = error_text("db_too_new", "0009")
    assert "0009" in text and "newer" not in text  # Vietnamese installed
    install_translator(themed_app, "en")
    title, text = error_text("db_too_new", "0009")
    assert "newer version" in text and "0009" in text


class FakeSync:
    """Stands in for services.sync (pos_app.services.sync.service.SyncService.status())."""

    def __init__(self, **status):
        import datetime as dt
        from types import SimpleNamespace

        base = dict(configured=True, online=True, pending=2, rejected=0,
                    last_success=dt.datetime(2026, 11, 23, 3, 5, tzinfo=dt.UTC), last_error="",
                    audit_warning="")
        base.update(status)
        self._status = SimpleNamespace(**base)

    def status(self):
        return self._status


@pytest.mark.parametrize(
    ("status", "words", "state"),
    [
        ({}, "Đã kết nối · đồng bộ lần cuối 10:05 23/11", "ok"),
        ({"online": False, "last_error": "offline"}, "Mất kết nối · đồng bộ lần cuối 10:05",
         "warn"),
        ({"online": None, "last_success": None}, "Đang kết nối", ""),
        ({"configured": False}, "Chưa kết nối hệ thống OCOP", ""),
    ],
)
def test_status_bar_shows_the_registry_sync_state(qtbot, themed_app, demo_ctx, lanes, status,
                                                   words, state, counter_session):
    from pos_app.ui.status_bar import ShellStatusBar

    demo_ctx.services.sync = FakeSync(**status)
    bar = ShellStatusBar(demo_ctx.services, lanes, counter_session)
    qtbot.addWidget(bar)
    bar.refresh()
    qtbot.waitUntil(lambda: bar.sync_status is not None, timeout=5000)
    assert words in bar.sync_label.text()
    assert (bar.sync_label.property("state") or "") == state
    assert "2" in bar.pending_label.text()


def test_reports_area_shows_todays_figures(qtbot, main_window, demo_ctx):
    from pos_app.db.models import Sale
    from pos_app.ui.theme import hanoi_now

    today = hanoi_now(demo_ctx.services.clock.now()).date()
    rows = [("sale", "completed", 150_000), ("sale", "completed", 200_000),
            ("return", "completed", -50_000), ("sale", "voided", 999_000)]
    with demo_ctx.db.transaction() as session:
        for seq, (kind, status, total) in enumerate(rows, start=900):
            session.add(Sale(id=new_id(), receipt_no=f"Q01-{today:%Y%m%d}-{seq:04d}",
                             till_code="Q01", local_date=today, seq=seq, kind=kind,
                             status=status, subtotal=total, total=total))
    main_window.show_area("reports")
    reports = main_window.reports
    qtbot.waitUntil(lambda: reports.figures is not None, timeout=5000)

    def figure(name):
        return reports.findChild(QFrame, name).findChild(QLabel, "figure").text()

    assert figure("today_sales") == "2"
    assert figure("today_returns") == "1"
    assert figure("today_takings") == "300.000 ₫"


def test_a_too_new_database_shows_a_message_box_not_a_traceback(qapp, tmp_path, monkeypatch):
    from pos_app.__main__ import main
    from pos_app.ui import startup

    assert main(["--self-check", "--data-dir", str(tmp_path)]) == 0
    with sqlite3.connect(tmp_path / config.DB_FILE) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    shown = []
    monkeypatch.setattr(startup, "show_startup_error", lambda code, detail: shown.append(
        (code, detail, startup.startup_error_box(code, detail).informativeText())))
    assert main(["--data-dir", str(tmp_path)]) == 1
    code, detail, text = shown[0]
    assert (code, detail) == ("db_too_new", "9999_from_the_future")
    assert "9999_from_the_future" in text and "mới hơn" in text
