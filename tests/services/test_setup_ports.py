"""Enrolment and printer discovery go through the ports app.py wires: a fake registry, token
store and discovery are all the setup service needs."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pos_app import config
from pos_app.services.maintenance.setup import EnrollError, SetupService
from tests.services.fixtures import make_services


class FakeClient:
    def __init__(self, log: list[str], url: str, token: str, health: object) -> None:
        self.log, self.url, self.token, self._health = log, url, token, health

    def health(self) -> object:
        if isinstance(self._health, Exception):
            raise self._health
        return self._health

    def close(self) -> None:
        self.log.append(f"close {self.url}")


class FakeRegistry:
    def __init__(self, health: object) -> None:
        self.health = health
        self.log: list[str] = []

    def connect(self, url: str, token: str, *, ca_bundle: str, read_timeout: float) -> FakeClient:
        self.log.append(f"connect {url} {token}")
        return FakeClient(self.log, url, token, self.health)


class FakeTokens:
    def __init__(self) -> None:
        self.token = ""

    def get(self) -> str:
        return self.token

    def set(self, token: str) -> str:
        self.token = token
        return "file"


def _setup(tmp_path, health: object, printers: object = ()) -> tuple[SetupService, FakeRegistry,
                                                                      FakeTokens]:
    services, clock = make_services(tmp_path)
    registry, tokens = FakeRegistry(health), FakeTokens()
    setup = SetupService(services.db, services.settings, clock, users=services.users,
                         sync=services.sync, registry=registry, tokens=tokens,
                         printers=SimpleNamespace(discover=lambda: printers))
    return setup, registry, tokens


def test_enrolment_keeps_the_token_in_the_store_and_points_sync_at_the_registry(tmp_path):
    setup, registry, tokens = _setup(tmp_path, SimpleNamespace(till="Q02", showroom="HN01"))
    done = setup.enroll("https://registry.example/", " tok_secret ")
    assert (done.till, done.showroom, done.token_place) == ("Q02", "HN01", "file")
    assert tokens.token == "tok_secret"
    assert setup.settings.get(config.REGISTRY_URL) == "https://registry.example"
    assert isinstance(setup.sync.transport, FakeClient)
    assert setup.sync.transport.token == "tok_secret"
    assert registry.log[:2] == ["connect https://registry.example tok_secret",
                                "close https://registry.example"]  # the check's client closed


def test_a_refused_token_saves_nothing(tmp_path):
    refused = Exception("no")
    refused.code = "unauthorized"  # type: ignore[attr-defined]
    setup, _registry, tokens = _setup(tmp_path, refused)
    with pytest.raises(EnrollError) as caught:
        setup.enroll("https://registry.example", "tok")
    assert caught.value.code == "unauthorized"
    assert tokens.token == "" and setup.settings.get(config.REGISTRY_URL) == ""
    assert setup.sync.transport is None


def test_discovery_comes_from_the_port_and_a_failure_offers_nothing(tmp_path):
    found = [SimpleNamespace(uri="usb://0x0416:0x5011", description="POS-80")]
    setup, _r, _t = _setup(tmp_path, None, found)
    assert [(p.uri, p.description) for p in setup.discover_printers()] == [
        ("usb://0x0416:0x5011", "POS-80")]

    def broken() -> list[object]:
        raise OSError("no bus")

    setup.printers = SimpleNamespace(discover=broken)  # type: ignore[assignment]
    assert setup.discover_printers() == []
