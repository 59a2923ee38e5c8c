"""The status bar's e-invoice line: what waits, what is late (from an earlier day), what the
provider refused (the reason in the tooltip). Read once on the ``io`` lane, then kept current
by the pump's ``EInvoiceState`` events; hidden while e-invoicing is off."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QWidget

from pos_app.services.events import EInvoiceState
from pos_app.ui.messages.einvoice import bar_text, error_text
from pos_app.ui.theme import set_state

if TYPE_CHECKING:
    from pos_app.services import Services
    from pos_app.ui.events import UiEvents
    from pos_app.ui.tasks import Lanes

log = logging.getLogger(__name__)


class EInvoiceStatusLabel(QLabel):
    def __init__(self, services: Services, lanes: Lanes, events: UiEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("einvoiceState")
        self.setProperty("role", "status")
        self.hide()
        events.einvoice_state.connect(self.show_state)
        lanes.run("io", services.einvoice.publish_state,
                  on_error=lambda exc: log.warning("e-invoice status failed: %s", exc))

    @Slot(object)
    def show_state(self, state: EInvoiceState) -> None:
        self.setVisible(state.enabled)
        self.setText(bar_text(state.queued, state.late, state.refused))
        self.setToolTip(error_text(state.last_error) if state.last_error else "")
        set_state(self, "state", "error" if state.refused else "warn" if state.late
                  else "" if state.queued else "ok")
