"""UI test fixtures: a themed QApplication, lanes that are shut down, the main window."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def themed_app(qapp):
    """The pytest-qt QApplication with the app's fonts, stylesheet and Vietnamese installed."""
    from pos_app.ui.i18n import install_translator
    from pos_app.ui.theme import apply_theme

    apply_theme(qapp)
    install_translator(qapp, "vi")
    yield qapp
    # The QApplication lives for the whole run (tests/conftest.py): leave it in the source
    # language, so tests after this one that read English messages are not given Vietnamese.
    install_translator(qapp, "en")


@pytest.fixture
def lanes(qapp):
    from pos_app.ui.tasks import Lanes

    lanes = Lanes()
    yield lanes
    lanes.shutdown()


@pytest.fixture
def main_window(qtbot, themed_app, demo_ctx, lanes):
    from pos_app.ui.main_window import MainWindow

    window = MainWindow(demo_ctx.services, lanes)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
