"""The Vietnamese translation is complete, compiled from the committed .ts, and covers every
string in the code; the interface starts in Vietnamese and switches to English with --lang en."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontMetrics

from pos_app.ui import i18n

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _messages(ts):
    root = ET.parse(ts).getroot()
    found = {}
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                continue
            found[(name, message.findtext("source"))] = translation
    return found


def test_every_string_has_a_finished_vietnamese_translation():
    status = i18n.ts_status(i18n.ts_path("vi"))
    assert status.messages > 100
    assert status.unfinished == (), "run: python -m pos_app.ui.i18n update, translate, release"


def test_translations_keep_every_placeholder():
    wrong = []
    for entry in i18n.ts_entries(i18n.ts_path("vi")):
        found, kept = PLACEHOLDER.findall(entry.text), PLACEHOLDER.findall(entry.translation)
        if sorted(found) != sorted(kept):
            wrong.append((entry.context, entry.text, entry.translation))
    assert wrong == []


def test_lupdate_finds_no_string_missing_from_the_ts(tmp_path):
    fresh = tmp_path / "ocop_pos_vi.ts"
    shutil.copy(i18n.ts_path("vi"), fresh)
    i18n.lupdate(fresh)
    committed = set(_messages(i18n.ts_path("vi")))
    scanned = set(_messages(fresh))
    assert scanned - committed == set(), "new strings: run python -m pos_app.ui.i18n update"
    assert committed - scanned == set(), "stale strings: run python -m pos_app.ui.i18n update"


def test_qm_is_compiled_from_the_committed_ts(tmp_path):
    qm = tmp_path / "ocop_pos_vi.qm"
    i18n.lrelease(i18n.ts_path("vi"), qm)
    assert qm.read_bytes() == i18n.qm_path("vi").read_bytes(), (
        "the .qm is stale: run python -m pos_app.ui.i18n release")


def test_check_command_passes():
    assert i18n.main(["check"]) == 0


def test_resources_are_found_and_the_font_covers_vietnamese(themed_app):
    from pos_app.ui.theme import FONT_FAMILY, register_fonts

    assert (i18n.resources_dir() / "fonts" / "DejaVuSans.ttf").is_file()
    assert register_fonts() == FONT_FAMILY
    metrics = QFontMetrics(QFont(FONT_FAMILY))
    for ch in "ĐđƯươờữỹẫặếỗ₫":
        assert metrics.inFontUcs4(ord(ch)), ch


@pytest.fixture
def restore_vietnamese(qapp):
    yield
    i18n.install_translator(qapp, "vi")


def test_vietnamese_by_default_and_english_with_lang_en(qapp, tmp_path, restore_vietnamese,
                                                         capsys):
    from pos_app.__main__ import main

    assert main(["--self-check", "--data-dir", str(tmp_path)]) == 0
    assert QCoreApplication.translate("MainWindow", "Sell") == "Bán hàng"
    assert QCoreApplication.translate("MainWindow", "Settings") == "Cài đặt"
    assert main(["--self-check", "--data-dir", str(tmp_path), "--lang", "en"]) == 0
    assert QCoreApplication.translate("MainWindow", "Sell") == "Sell"


def test_language_from_settings_when_no_flag(qapp, tmp_path, restore_vietnamese, capsys):
    from pos_app import config
    from pos_app.__main__ import main

    settings = config.Settings.load(tmp_path)
    settings.set(config.LANGUAGE, "en")
    assert main(["--self-check", "--data-dir", str(tmp_path)]) == 0
    assert QCoreApplication.translate("MainWindow", "Stock") == "Stock"


def test_window_texts_in_vietnamese(main_window):
    texts = [main_window.nav_buttons[a].text_label.text()
             for a in ("sell", "stock", "reports", "settings")]
    assert texts == ["Bán hàng", "Kho hàng", "Báo cáo", "Cài đặt"]


def test_a_string_filed_under_another_context_is_still_translated(themed_app):
    # lupdate files module-level tr() helpers under no context, and obj.tr() under the variable's
    # name; Qt asks with the real class name. The fallback finds the text anyway.
    assert QCoreApplication.translate("SomeDialog", "Settings saved.") == "Đã lưu cài đặt."
    assert QCoreApplication.translate("SomeDialog", "Not a known text") == "Not a known text"
