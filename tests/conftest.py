"""Fixtures shared by every test package (keep this small).

``demo_ctx``: an :class:`pos_app.app.AppContext` on a private copy of the demo showroom in
``tmp_path`` (catalog loaded once per session into a template, then copied per test).
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest


def pytest_configure(config):
    """Keep every test — and every CLI or app process a test starts — out of the real home:
    platformdirs' data and config folders point into a temporary folder for the whole run."""
    home = tempfile.mkdtemp(prefix="ocop-pos-test-home-")
    os.environ["XDG_DATA_HOME"] = os.path.join(home, "data")
    os.environ["XDG_CONFIG_HOME"] = os.path.join(home, "config")
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    # One QApplication for the whole run, made before any test: CLI commands run in-process
    # make a bare QCoreApplication for their translated messages when none exists, and a
    # QCoreApplication left behind crashes the widget tests that follow. With this one in
    # place, they and pytest-qt's ``qapp`` all reuse it.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    global _QAPP
    _QAPP = QApplication.instance() or QApplication(["pytest"])


_QAPP = None


@pytest.fixture(autouse=True)
def _source_language_after_each_test():
    """The shared QApplication goes back to English (the source language) after every test,
    so a test that switched it to Vietnamese (the setup wizard, a CLI command, a themed UI
    test) cannot change the messages a later test reads."""
    yield
    if _QAPP is not None and getattr(_QAPP, "_ocop_translators", None):
        from pos_app.ui.i18n import install_translator

        install_translator(_QAPP, "en")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A data folder holding the demo showroom, built once per test session."""
    from pos_app.app import open_context

    folder = tmp_path_factory.mktemp("demo-template")
    with open_context(folder, demo=True):
        pass
    return folder


@pytest.fixture
def demo_ctx(tmp_path, demo_template):
    """Settings, migrated database and services on this test's own copy of the demo showroom."""
    from pos_app.app import open_context

    data = tmp_path / "data"
    shutil.copytree(demo_template, data)
    with open_context(data, demo=True) as ctx:
        yield ctx
