"""Two showrooms against the real registry process on 127.0.0.1 (the fixtures of tests/sync):
HN01's till Q01 and HN02's till Q01, the demo catalog loaded at the registry and pulled."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pos_app import config
from pos_app.services.ports import SystemClock
from pos_app.services.stock.transfers import TransferService
from tests.sync.conftest import DEMO, Till, registry, till_factory  # noqa: F401 - fixtures

__all__ = ["registry", "till_factory"]


class Showroom:
    def __init__(self, till: Till) -> None:
        self.till = till
        self.transfers = TransferService(till.db, till.settings, SystemClock(),
                                         transport=lambda: till.sync.transport)

    @property
    def db(self) -> Any:
        return self.till.db

    def sync(self) -> None:
        result = self.till.sync.sync_once()
        assert not result.error, result


@pytest.fixture
def showrooms(registry, till_factory) -> Callable[[], tuple[Showroom, Showroom]]:  # noqa: F811
    registry.store.load_catalog_files([DEMO / "producers.csv", DEMO / "products.csv"])

    def make() -> tuple[Showroom, Showroom]:
        sender = till_factory("Q01", registry.url, registry.tokens["Q01"])
        receiver = till_factory("Q01", registry.url, registry.tokens["other"])
        receiver.settings.set(config.SHOWROOM_CODE, "HN02")
        for till in (sender, receiver):
            assert not till.sync.pull_catalog().error
        return Showroom(sender), Showroom(receiver)

    return make
