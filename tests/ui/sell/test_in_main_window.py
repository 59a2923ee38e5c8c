"""The sell screen hosted by the real main window (shell, log-in session, scanner routing)."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_hosted_screen_scans_and_pays_with_f12(main_window, qtbot):
    from pos_app.ui.sell.screen import SellScreen

    sell = main_window.sell
    assert isinstance(sell, SellScreen)
    session = getattr(main_window, "people", None)
    if session is not None and session.locked:
        users = main_window.services.users if hasattr(main_window, "services") else None
        actor = None
        if users is not None and users.active_users():
            actor = users.active_users()[0].actor()
        if actor is not None:
            session._unlocked(actor)
    info = sell.catalog.search("keo lac duong lam", 1)[0]
    main_window.on_scanned(info.barcodes[0])  # what the scanner filter's signal reaches
    assert len(sell.cart.lines) == 1
    main_window.activateWindow()
    sell.scan_field.setFocus()
    qtbot.keyClick(sell.scan_field, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: sell.payment_dialog is not None)
    dialog = sell.payment_dialog
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.done_ok)
    qtbot.waitUntil(lambda: sell.idle)
    dialog.accept()
    assert sell.cart.empty
