"""A registry store on SQLite (tmp) and, with ``OCOP_TEST_PG_URL``, on PostgreSQL."""

from __future__ import annotations

import os

import pytest

pytest.importorskip("fastapi")

from pos_app.registry.models import RegistryBase  # noqa: E402
from pos_app.registry.store import RegistryStore  # noqa: E402

PG_URL = os.environ.get("OCOP_TEST_PG_URL", "")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.skipif(
    not PG_URL, reason="OCOP_TEST_PG_URL not set (.ci/postgres.sh prints one)"))])
def store(request, tmp_path):
    if request.param == "postgres":
        url = PG_URL
        wipe = RegistryStore(url)
        RegistryBase.metadata.drop_all(wipe.engine)
        wipe.close()
    else:
        url = f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    registry = RegistryStore(url)
    registry.create_showroom("HN01", "Showroom")
    yield registry
    registry.close()
