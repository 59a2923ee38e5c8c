"""``ocop-pos-admin screenshots`` and the scene registry other screens add dialogs to."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from pos_app.ui import screenshots


@pytest.fixture
def saved_scenes():
    before = dict(screenshots.SCENES)
    yield
    screenshots.SCENES.clear()
    screenshots.SCENES.update(before)


def test_screenshots_command_saves_every_main_screen(qapp, tmp_path, capsys, restore_vi):
    from pos_app.cli import main

    out = tmp_path / "shots"
    main(["screenshots", str(out), "--lang", "en", "--size", "1366x768",
          "--data-dir", str(tmp_path / "data")])
    printed = capsys.readouterr().out
    for area in ("sell", "stock", "reports", "settings"):
        path = out / f"{area}.png"
        assert str(path) in printed
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1366, 768)


def test_screenshots_command_refuses_a_bad_size(qapp, tmp_path, capsys):
    from pos_app.cli import main

    assert main(["screenshots", str(tmp_path), "--size", "big"]) == 2
    assert "1366x768" in capsys.readouterr().err


@pytest.fixture
def restore_vi(qapp):
    yield
    from pos_app.ui.i18n import install_translator

    install_translator(qapp, "vi")


def test_registered_scenes_render_and_a_broken_one_is_reported(qtbot, themed_app, demo_ctx,
                                                                lanes, tmp_path, saved_scenes):
    from pos_app.ui.main_window import MainWindow

    window = MainWindow(demo_ctx.services, lanes)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()

    def a_dialog(ctx):
        dialog = QDialog(ctx.window)
        QVBoxLayout(dialog).addWidget(QLabel("Thanh toán", dialog))
        dialog.resize(480, 320)
        dialog.show()
        return dialog

    def broken(ctx):
        raise RuntimeError("boom")

    screenshots.SCENES.clear()
    screenshots.register_scene("zz-dialog", a_dialog, order=5)
    screenshots.register_scene("broken", broken, order=1)
    screenshots.register_scene("stock", lambda ctx: (ctx.window.show_area("stock"), None)[1])
    ctx = screenshots.SceneContext(app=themed_app, services=demo_ctx.services, lanes=lanes,
                                   window=window, size=QSize(1366, 768))
    files, errors = screenshots.render_scenes(ctx, tmp_path)
    assert [p.name for p in files] == ["zz-dialog.png", "stock.png"]
    assert QImage(str(tmp_path / "zz-dialog.png")).width() == 480
    assert errors == ["broken: RuntimeError: boom"]
    window.close()


def test_a_real_scanner_burst_reaches_the_sell_screen_whatever_has_focus(
        qtbot, themed_app, demo_ctx, lanes):
    from pos_app.ui.main_window import MainWindow
    from pos_app.ui.scanner import ScannerFilter

    now = {"ms": 0.0}
    scanner = ScannerFilter(clock=lambda: now["ms"])
    themed_app.installEventFilter(scanner)
    try:
        window = MainWindow(demo_ctx.services, lanes, scanner=scanner)
        qtbot.addWidget(window)
        window.show()
        seen = []
        window.sell.on_scanned = seen.append
        window.show_area("settings")
        field = window.settings_screen.fields["showroom_address"].widget
        field.setFocus()
        before = field.text()  # the demo showroom has an address (issue 18: a full header)
        for ch in "8935049510010":
            QTest.keyClick(field, ch)
            now["ms"] += 7
        QTest.keyClick(field, Qt.Key.Key_Return)
        assert seen == ["8935049510010"]
        assert field.text() == before  # not one digit landed in the field
        assert window.current_area == "sell"
        window.close()
    finally:
        themed_app.removeEventFilter(scanner)
