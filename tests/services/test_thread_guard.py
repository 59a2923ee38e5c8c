"""The conftest guard that fails a test leaving a thread or worker lane running."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from tests.conftest import leftover_threads


def test_a_non_daemon_thread_still_running_is_caught():
    before = {t.ident for t in threading.enumerate()}
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="stray")
    thread.start()
    try:
        assert [t.name for t in leftover_threads(before, grace_s=0.1)] == ["stray"]
    finally:
        stop.set()
        thread.join()
    assert leftover_threads(before, grace_s=0.1) == []


def test_a_lane_left_open_is_caught_and_a_shut_one_is_not():
    before = {t.ident for t in threading.enumerate()}
    lane = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lane-io")
    assert lane.submit(lambda: 41 + 1).result() == 42
    try:
        assert [t.name for t in leftover_threads(before, grace_s=0.1)] == ["lane-io_0"]
    finally:
        lane.shutdown(wait=True)
    assert leftover_threads(before, grace_s=0.1) == []


def test_a_daemon_helper_thread_is_allowed():
    before = {t.ident for t in threading.enumerate()}
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="printer-probe", daemon=True)
    thread.start()
    try:
        assert leftover_threads(before, grace_s=0.1) == []
    finally:
        stop.set()
        thread.join()


def test_a_thread_that_ends_within_the_grace_is_allowed():
    before = {t.ident for t in threading.enumerate()}
    thread = threading.Thread(target=threading.Event().wait, args=(0.2,), name="short")
    thread.start()
    assert leftover_threads(before, grace_s=2.0) == []
    assert not thread.is_alive()
