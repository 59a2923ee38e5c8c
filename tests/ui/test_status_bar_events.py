"""The status bar follows the core's events (no polling timer), and the one Qt bridge delivers
events published on any thread on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread, QTimer

from pos_app.services.events import EventBus, PrintJobState, SyncState


def test_the_bridge_delivers_events_from_a_worker_on_the_gui_thread(qtbot, qapp):
    from pos_app.ui.events import UiEvents

    bus = EventBus()
    bridge = UiEvents(bus)
    threads: list[QThread] = []
    bridge.sync_state.connect(lambda _e: threads.append(QThread.currentThread()))
    worker = threading.Thread(target=bus.publish,
                              args=(SyncState(configured=True, online=True, pending=1,
                                              rejected=0),))
    with qtbot.waitSignal(bridge.sync_state, timeout=5000):
        worker.start()
    worker.join()
    assert threads == [qapp.thread()]
    bridge.close()
    assert bus.subscriber_count(SyncState) == 0


def test_the_status_bar_follows_sync_and_print_events_without_polling(qtbot, main_window):
    bar = main_window.status
    assert not [t for t in bar.findChildren(QTimer) if t.isActive() and t.interval() == 5000]
    bus = main_window.services.events
    publish = threading.Thread(target=bus.publish, args=(
        SyncState(configured=True, online=False, pending=7, rejected=2, last_error="offline"),))
    publish.start()
    publish.join()
    qtbot.waitUntil(lambda: bar.status is not None and bar.status.pending_events == 7,
                    timeout=5000)
    assert bar.sync_state == "offline"
    assert bar.rejected_button.isVisibleTo(bar)
    assert "7" in bar.pending_label.text() and "2" in bar.pending_label.text()

    bus.publish(PrintJobState("j1", "receipt", "printing"))
    qtbot.waitUntil(lambda: bar.printer_state == "printing", timeout=5000)
    bus.publish(PrintJobState("j1", "receipt", "failed", error_code="paper_out"))
    qtbot.waitUntil(lambda: bar.printer_state == "error", timeout=5000)
    assert bar.printer_label.property("state") == "error"


def test_a_queued_sale_event_updates_the_waiting_count(qtbot, main_window, demo_ctx):
    import json

    from pos_app.db.models import OutboxEvent
    from pos_app.domain.ids import new_id

    bar = main_window.status
    with demo_ctx.db.transaction() as session:
        session.add(OutboxEvent(id=new_id(), kind="test", payload=json.dumps({"i": 1})))
    demo_ctx.services.sync.notify()  # what the sell screen does after a sale
    qtbot.waitUntil(lambda: bar.status is not None and bar.status.pending_events >= 1,
                    timeout=5000)


def test_the_registrys_audit_warning_shows_in_the_status_bar(qtbot, main_window, demo_ctx):
    """Issue 13: a till whose audit chain the registry disputes says so to the manager, in the
    status bar as in ``sync-status`` (the warning is stored by the sync service)."""
    from pos_app.db.database import set_meta
    from pos_app.services.sync.service import AUDIT_WARNING_KEY

    bar = main_window.status
    assert not bar.audit_label.isVisibleTo(bar)
    with demo_ctx.db.transaction() as session:
        set_meta(session, AUDIT_WARNING_KEY, "rewritten:12")
    main_window.services.sync.publish_state()
    qtbot.waitUntil(lambda: bar.audit_label.isVisibleTo(bar), timeout=5000)
    assert "rewritten:12" in bar.audit_label.toolTip()
    assert "nhật ký" in bar.audit_label.text()
    with demo_ctx.db.transaction() as session:
        set_meta(session, AUDIT_WARNING_KEY, "")
    main_window.services.sync.publish_state()
    qtbot.waitUntil(lambda: not bar.audit_label.isVisibleTo(bar), timeout=5000)
