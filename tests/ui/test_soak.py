"""Soak: 100,000 Qt signals from worker threads to a GUI-thread receiver, in a child process.

PySide6 6.12.0 on Python 3.11 drops a reference to ``True`` on every ``Signal.emit()`` and the
interpreter aborts (exit 134, ``bool_dealloc``) after a few hundred emissions; we pin 6.11.3.
This test is the judge of any PySide6 upgrade: the child must exit 0 having received every one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

EMISSIONS = 100_000

CHILD = textwrap.dedent(
    """
    import sys, threading
    from concurrent.futures import ThreadPoolExecutor
    from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

    TOTAL = int(sys.argv[1])
    WORKERS = 4

    class Receiver(QObject):
        deliver = Signal(object)     # like pos_app.ui.tasks.Lanes: a tuple with booleans
        flag = Signal(bool)

        def __init__(self):
            super().__init__()
            self.objects = 0
            self.flags = 0
            self.deliver.connect(self.on_deliver, Qt.ConnectionType.QueuedConnection)
            self.flag.connect(self.on_flag, Qt.ConnectionType.QueuedConnection)

        @Slot(object)
        def on_deliver(self, item):
            assert threading.current_thread() is threading.main_thread()
            self.objects += 1
            self.check()

        @Slot(bool)
        def on_flag(self, value):
            self.flags += 1
            self.check()

        def check(self):
            if self.objects + self.flags == TOTAL:
                QCoreApplication.quit()

    app = QCoreApplication([])
    receiver = Receiver()
    per_worker = TOTAL // WORKERS

    def work(worker):
        for i in range(per_worker):
            if i % 2:
                receiver.deliver.emit(("db", i % 3 == 0, None, i))
            else:
                receiver.flag.emit(i % 4 == 0)

    pool = ThreadPoolExecutor(max_workers=WORKERS)
    for w in range(WORKERS):
        pool.submit(work, w)
    app.exec()
    pool.shutdown(wait=True)
    received = receiver.objects + receiver.flags
    print(f"received {received} of {TOTAL}")
    sys.exit(0 if received == TOTAL else 3)
    """
)


@pytest.mark.slow
def test_100k_cross_thread_emissions_do_not_crash_the_interpreter():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(EMISSIONS)],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert done.returncode == 0, (
        f"child exited {done.returncode} (134 = the PySide6 bool refcount abort)\n"
        f"{done.stdout}\n{done.stderr[-2000:]}"
    )
    assert f"received {EMISSIONS} of {EMISSIONS}" in done.stdout
