import threading

import pytest

from pos_app.ui.tasks import Lanes


@pytest.fixture
def lanes(qapp):
    lanes = Lanes()
    yield lanes
    lanes.shutdown()


def test_result_comes_back_on_the_gui_thread(qtbot, lanes):
    seen = {}

    def done(value):
        seen["value"] = value
        seen["thread"] = threading.current_thread()

    lanes.run("db", lambda a, b: a + b, 2, 3, on_done=done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 5
    assert seen["thread"] is threading.main_thread()


def test_error_goes_to_on_error(qtbot, lanes):
    errors = []

    def boom():
        raise ValueError("nope")

    lanes.run("print", boom, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)


def test_unhandled_error_is_reported(qtbot, lanes):
    def boom():
        raise RuntimeError("x")

    with qtbot.waitSignal(lanes.failed) as blocker:
        lanes.run("io", boom)
    assert blocker.args[0] == "io"


def test_one_lane_runs_in_order(qtbot, lanes):
    order = []
    for i in range(50):
        lanes.run("db", order.append, i)
    lanes.call("db", lambda: None)
    assert order == list(range(50))
