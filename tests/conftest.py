"""Fixtures shared by every test package (keep this small).

``demo_ctx``: an :class:`pos_app.app.AppContext` on a private copy of the demo showroom in
``tmp_path`` (catalog loaded once per session into a template, then copied per test).
"""

from __future__ import annotations

import shutil

import pytest


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
