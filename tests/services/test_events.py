"""The core's event bus: typed topics, any thread, a failing subscriber harms nobody, and the
services really publish (print jobs, sync state, shifts)."""

from __future__ import annotations

import threading

import pytest

from pos_app.services.events import (
    CatalogChanged,
    EventBus,
    PrintJobState,
    ShiftChanged,
    SyncState,
)
from tests.services.fixtures import make_services


def test_subscribers_hear_only_their_topic_until_they_unsubscribe():
    bus = EventBus()
    heard: list[object] = []
    stop = bus.subscribe(SyncState, heard.append)
    bus.subscribe(CatalogChanged, lambda e: heard.append(("catalog", e.source)))
    state = SyncState(configured=True, online=False, pending=3, rejected=0)
    bus.publish(state)
    bus.publish(CatalogChanged("registry", 2))
    stop()
    bus.publish(SyncState(configured=True, online=True, pending=0, rejected=0))
    assert heard == [state, ("catalog", "registry")]
    assert bus.subscriber_count(SyncState) == 0
    stop()  # twice is fine


def test_a_failing_subscriber_does_not_stop_the_others(caplog):
    bus = EventBus()
    heard: list[object] = []

    def broken(_event: object) -> None:
        raise RuntimeError("boom")

    bus.subscribe(ShiftChanged, broken)
    bus.subscribe(ShiftChanged, heard.append)
    bus.publish(ShiftChanged(open=True))
    assert heard == [ShiftChanged(open=True)]
    assert "event subscriber failed" in caplog.text


def test_an_unknown_topic_is_refused():
    with pytest.raises(ValueError):
        EventBus().subscribe(int, lambda _e: None)


def test_publishing_from_many_threads_while_subscribing_loses_nothing():
    bus = EventBus()
    heard: list[object] = []
    lock = threading.Lock()

    def keep(event: object) -> None:
        with lock:
            heard.append(event)

    bus.subscribe(PrintJobState, keep)

    def publish(n: int) -> None:
        for i in range(200):
            bus.publish(PrintJobState(f"{n}-{i}", "receipt", "queued"))
            if i % 50 == 0:
                bus.subscribe(PrintJobState, lambda _e: None)()

    threads = [threading.Thread(target=publish, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(heard) == 800
    assert len({e.job_id for e in heard}) == 800  # type: ignore[attr-defined]


def test_the_services_publish_sync_state_and_shift_changes(tmp_path):
    from pos_app.services.people.approval import Actor

    services, _clock = make_services(tmp_path)
    heard: list[object] = []
    services.events.subscribe(SyncState, heard.append)
    services.events.subscribe(ShiftChanged, heard.append)
    services.sync.notify()
    assert heard and isinstance(heard[-1], SyncState)
    assert heard[-1].configured is False and heard[-1].pending == 0
    services.shifts.open(Actor(None, "Lan", "cashier"), 500_000)
    assert heard[-1] == ShiftChanged(open=True)
    services.printing.shutdown()
    services.db.close()


def test_print_jobs_are_published_as_they_change(tmp_path):
    services, _clock = make_services(tmp_path)
    heard: list[PrintJobState] = []
    services.events.subscribe(PrintJobState, heard.append)
    try:
        job = services.printing.print_test_page(uri="tcp://127.0.0.1:9?timeout=1")
        services.printing.wait(job, timeout=30)
    finally:
        services.printing.shutdown()
        services.db.close()
    assert [e.status for e in heard if e.job_id == job][0] == "queued"
    assert heard[-1].job_id == job and heard[-1].status in ("printed", "failed")
