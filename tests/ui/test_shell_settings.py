"""The settings screen: shows the values in force, refuses wrong input with a message in the
user's language and changes nothing, saves good input through Settings.set."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from pos_app import config


@pytest.fixture
def screen(qtbot, themed_app, demo_ctx, lanes, counter_session):
    from pos_app.ui.settings_screen import SettingsScreen
    from tests.ui.conftest import demo_actor

    counter_session.set_actor(demo_actor(demo_ctx, "admin"))  # may change settings
    screen = SettingsScreen(demo_ctx.services, lanes, counter_session)
    qtbot.addWidget(screen)
    screen.resize(1166, 900)
    screen.show()
    return screen


def stored(ctx):
    path = ctx.settings.paths.settings_file
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def test_shows_the_values_in_force(screen, demo_ctx):
    assert screen.fields["showroom_name"].widget.text() == demo_ctx.settings.get(
        config.SHOWROOM_NAME)
    assert screen.fields["till_code"].widget.text() == "Q01"
    assert screen.fields["language"].get() == "vi"
    assert screen.fields["paper_width_mm"].get() == 80
    assert screen.fields["scanner_max_gap_ms"].get() == 30


@pytest.mark.parametrize(
    ("key", "bad", "words"),
    [
        ("till_code", "q 1", "chữ in hoa"),
        ("showroom_name", "", "tên điểm bán"),
        ("showroom_tax_code", "12345", "Mã số thuế"),
        ("printer_uri", "192.168.1.50", "tcp://"),
        ("bank_bin", "97043", "6 chữ số"),
        ("bank_account_name", "Nguyễn Văn An", "không dấu"),
        ("scanner_prefix", "123456789", "tối đa 8"),
    ],
)
def test_wrong_input_is_refused_with_a_vietnamese_message(screen, demo_ctx, key, bad, words):
    before = stored(demo_ctx)
    value_before = demo_ctx.settings.get(config.SETTINGS[key])
    screen.fields[key].widget.setText(bad)
    assert screen.save() is False
    error = screen.fields[key].error
    assert error.isVisibleTo(screen) and words.lower() in error.text().lower()
    assert screen.fields[key].widget.property("invalid") is True
    assert "Chưa lưu" in screen.message.text()
    assert stored(demo_ctx) == before
    assert demo_ctx.settings.get(config.SETTINGS[key]) == value_before


def test_bank_details_go_together(screen, demo_ctx):
    screen.fields["bank_bin"].widget.setText("970436")
    assert screen.save() is False
    assert "cả ba" in screen.fields["bank_account"].error.text()
    assert demo_ctx.settings.get(config.BANK_BIN) == ""


def test_good_input_is_saved_and_reported(qtbot, screen, demo_ctx):
    changed = []
    screen.saved.connect(changed.append)
    screen.fields["showroom_address"].widget.setText("Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội")
    screen.fields["showroom_tax_code"].widget.setText("0101234567-001")
    screen.fields["bank_bin"].widget.setText("970436")
    screen.fields["bank_account"].widget.setText("0011001234567")
    screen.fields["bank_account_name"].widget.setText("CONG TY OCOP HA NOI")
    screen.fields["paper_width_mm"].put(58)
    screen.fields["scanner_max_gap_ms"].widget.setValue(45)
    field = screen.fields["showroom_address"].widget
    screen.activateWindow()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert changed, "Ctrl+S saves"
    assert set(changed[0]) == {"showroom_address", "showroom_tax_code", "bank_bin",
                               "bank_account", "bank_account_name", "paper_width_mm",
                               "scanner_max_gap_ms"}
    again = config.Settings.load(demo_ctx.settings.paths.data_dir)
    assert again.get(config.SHOWROOM_ADDRESS) == "Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội"
    assert again.get(config.PAPER_WIDTH_MM) == 58
    assert again.get(config.SCANNER_MAX_GAP_MS) == 45
    assert screen.message.text() == "Đã lưu cài đặt."
    assert screen.save() and screen.message.text() == "Không có thay đổi nào cần lưu."


def test_language_change_says_it_applies_after_restart(screen, demo_ctx):
    screen.fields["language"].put("en")
    assert screen.save()
    assert "khởi động lại" in screen.message.text() or "mở lại" in screen.message.text()
    assert config.Settings.load(demo_ctx.settings.paths.data_dir).get(config.LANGUAGE) == "en"


def test_undo_restores_the_saved_values(screen):
    screen.fields["till_code"].widget.setText("??")
    screen.validate()
    screen.revert_button.click()
    assert screen.fields["till_code"].widget.text() == "Q01"
    assert screen.fields["till_code"].widget.property("invalid") is False


def test_test_print_needs_an_address(screen):
    screen.test_print_button.click()
    assert screen.fields["printer_uri"].error.text() == "Hãy nhập địa chỉ máy in trước."


def test_test_print_reaches_a_real_tcp_printer(qtbot, screen, tmp_path):
    from pos_app.hardware.virtual_printer import VirtualPrinter

    if getattr(screen.services, "printing", None) is None:
        pytest.skip("printing service not wired")
    with VirtualPrinter(tmp_path / "vp", idle_timeout=0.5) as printer:
        screen.fields["printer_uri"].widget.setText(printer.uri)
        screen.test_print_button.click()
        qtbot.waitUntil(lambda: "hàng chờ" in screen.test_print_result.text()
                        or "không in" in screen.test_print_result.text(), timeout=10000)
        assert "hàng chờ" in screen.test_print_result.text()
        jobs = printer.wait_for_jobs(1, timeout=20)
        assert jobs and jobs[0].size > 1000


def test_the_screen_asks_the_settings_own_rules(screen):
    # one check per rule: the screen shows config.problems' answer, worded by ui.messages.settings
    from pos_app.ui.messages.settings import problem_text

    screen.fields["till_code"].widget.setText("Q-1")
    screen.fields["scanner_prefix"].widget.setText("x" * 9)
    errors = screen.validate()
    assert errors == {
        key: problem_text(problem)
        for key, problem in config.problems(screen.values()).items()}
    assert set(errors) == {"till_code", "scanner_prefix"}
    spin = screen.fields["scanner_max_gap_ms"].widget
    assert (spin.minimum(), spin.maximum()) == (config.SCANNER_MAX_GAP_MS.minimum,
                                                config.SCANNER_MAX_GAP_MS.maximum)


@pytest.mark.parametrize("code", ["required", "too_long", "too_small", "too_large", "pattern",
                                  "scheme", "together", "invalid"])
def test_every_problem_code_has_vietnamese_words(themed_app, code):
    from pos_app.ui.messages.settings import problem_text

    for setting in config.SETTINGS.values():
        text = problem_text(config.Problem(setting.key, code, 8))
        assert text and "{" not in text
        assert not text.isascii(), text  # Vietnamese, so translated
