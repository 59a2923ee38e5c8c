"""The admin CLI and setup_logging() attach a log file to the root logger; put it back after
each test so other tests' log capture is untouched."""

from __future__ import annotations

import pytest

from tests.installer.logging_guard import restore_root_logging


@pytest.fixture(autouse=True)
def _root_logging_restored():
    with restore_root_logging():
        yield
