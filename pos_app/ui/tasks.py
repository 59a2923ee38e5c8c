"""Background work in one line at the call site, results back on the GUI thread.

Three lanes, as in DESIGN.md: ``db`` (the one database writer), ``print`` and ``sync``, plus
``io`` for anything else slow (file export, backups), and ``einvoice`` for the e-invoice pump.
Each lane is a single worker thread, so work in one lane runs in order and a slow printer never
delays a sale's commit.

    lanes.run("db", checkout.complete_sale, cart, payments,
              on_done=self._sale_done, on_error=self._sale_failed)

``on_done(result)`` and ``on_error(exc)`` always run on the GUI thread; workers never touch
widgets. An error without ``on_error`` is logged and reported through ``Lanes.failed``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)

LANES: tuple[str, ...] = ("db", "print", "sync", "io", "einvoice")


class Lanes(QObject):
    """The app's worker lanes. Create one on the GUI thread; call :meth:`shutdown` at exit."""

    _deliver = Signal(object)
    failed = Signal(str, object)
    """(lane, exception) for errors that had no ``on_error``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executors = {
            name: ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"lane-{name}")
            for name in LANES
        }
        self._deliver.connect(self._on_deliver, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        lane: str,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        **kwargs: Any,
    ) -> Future[Any]:
        """Run ``fn(*args, **kwargs)`` on ``lane``; call back on the GUI thread."""
        executor = self._executors[lane]

        def work() -> Any:
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # delivered, never swallowed
                self._deliver.emit((lane, True, on_error, exc))
                raise
            self._deliver.emit((lane, False, on_done, result))
            return result

        return executor.submit(work)

    def call(self, lane: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run on ``lane`` and wait for the result (for tests and shutdown paths only)."""
        return self._executors[lane].submit(fn, *args, **kwargs).result()

    @Slot(object)
    def _on_deliver(self, item: tuple[str, bool, Any, Any]) -> None:
        lane, is_error, callback, value = item
        if callback is not None:
            callback(value)
        elif is_error:
            log.error("unhandled error in lane %s", lane, exc_info=value)
            self.failed.emit(lane, value)

    def shutdown(self, wait: bool = True) -> None:
        for executor in self._executors.values():
            executor.shutdown(wait=wait, cancel_futures=not wait)
