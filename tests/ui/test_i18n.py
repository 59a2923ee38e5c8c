"""The Vietnamese translation is complete, compiled from the committed .ts, and covers every
string in the code; the interface starts in Vietnamese and switches to English with --lang en."""

from __future__ import annotations

import ast
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontMetrics

from pos_app import config
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


def _contexts_in_code():
    """Class names, literal ``translate("X", ...)`` / ``QT_TRANSLATE_NOOP("X", ...)`` contexts and
    ``X = Context("X")`` names."""
    classes, literal, named = set(), set(), {}
    for path in i18n.source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                classes.add(node.name)
            elif isinstance(node, ast.Call) and node.args \
                    and isinstance(node.args[0], ast.Constant) \
                    and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                        "translate", "QT_TRANSLATE_NOOP"):
                literal.add(node.args[0].value)
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) \
                    and getattr(node.value.func, "id", "") == "Context":
                named[node.targets[0].id] = node.value.args[0].value
    return classes, literal, named


def test_every_context_is_the_one_qt_asks_with():
    # no context-free fallback at run time: lupdate must file each string under the context the
    # code asks with (a class's self.tr, a literal translate("X", ...), or X = Context("X"))
    classes, literal, named = _contexts_in_code()
    assert named and all(variable == context for variable, context in named.items()), named
    contexts = {e.context for e in i18n.ts_entries(i18n.ts_path("vi"))}
    assert "" not in contexts
    assert contexts - classes - literal - set(named) == set()


def test_module_level_messages_and_wizard_pages_are_translated(themed_app):
    from pos_app.ui.messages import sell, sync
    from pos_app.ui.messages.settings import problem_text

    assert sync.error_text("timeout") == "hệ thống OCOP thành phố không phản hồi kịp"
    assert sell.Sell.tr("The cart is empty.") != "The cart is empty."
    assert problem_text(config.SHOWROOM_CODE.problem("hn")) == \
        "Dùng 1 đến 8 chữ in hoa hoặc chữ số, ví dụ HN01."
    # no guessing: a text asked under a context it was not filed under stays English
    assert QCoreApplication.translate("SomeDialog", "Settings saved.") == "Settings saved."
