"""Fixtures shared by every test package (keep this small).

``demo_ctx``: an :class:`pos_app.app.AppContext` on a private copy of the demo showroom in
``tmp_path`` (catalog loaded once per session into a template, then copied per test).

Every test is also guarded (:func:`_no_thread_left_running`): one that leaves a non-daemon thread,
a worker lane (``lane-*``, the sync pump runs on one) or the print worker running
:data:`THREAD_GRACE_S` after it ends fails. A test that means to leave one says so with
``@pytest.mark.leaves_threads("why")``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time

import pytest


def pytest_configure(config):
    """Keep every test — and every CLI or app process a test starts — out of the real home:
    platformdirs' data and config folders point into a temporary folder for the whole run."""
    home = tempfile.mkdtemp(prefix="ocop-pos-test-home-")
    os.environ["XDG_DATA_HOME"] = os.path.join(home, "data")
    os.environ["XDG_CONFIG_HOME"] = os.path.join(home, "config")
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    config.addinivalue_line(
        "markers", "leaves_threads(reason): the test may leave worker threads running")
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


THREAD_GRACE_S = 3.0
"""How long a test's threads get, after it ends, to finish on their own."""

WORKER_PREFIXES = ("lane-", "print-worker")
"""Daemon threads that still count: the UI's worker lanes (pos_app.ui.tasks.Lanes; the sync and
e-invoice pumps run on one) and the print queue's worker."""


def _guarded(thread: threading.Thread) -> bool:
    return not thread.daemon or thread.name.startswith(WORKER_PREFIXES)


def leftover_threads(before: set[int], grace_s: float = THREAD_GRACE_S) -> list[threading.Thread]:
    """Threads not in ``before`` (idents) that are still alive and guarded after ``grace_s``."""
    deadline = time.monotonic() + grace_s
    while True:
        left = [t for t in threading.enumerate()
                if t.ident not in before and t is not threading.current_thread()
                and t.is_alive() and _guarded(t)]
        remaining = deadline - time.monotonic()
        if not left or remaining <= 0:
            return left
        left[0].join(min(remaining, 0.05))
        if _QAPP is not None:  # a lane may wait for a queued delivery to the GUI thread
            _QAPP.processEvents()


@pytest.fixture(autouse=True)
def _no_thread_left_running(request):
    """Fail a test that leaves a thread or lane running (as napari's thread guard does)."""
    before = {t.ident for t in threading.enumerate()}
    yield
    if request.node.get_closest_marker("leaves_threads") is not None:
        return
    left = leftover_threads(before)
    if left:
        names = ", ".join(sorted(f"{t.name}{'' if t.daemon else ' (non-daemon)'}" for t in left))
        pytest.fail(f"test left threads running after {THREAD_GRACE_S:.0f} s: {names} "
                    "(shut the lanes / print queue down, or mark leaves_threads)", pytrace=False)


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
