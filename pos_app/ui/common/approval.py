"""Manager approval seam.

Until people and PIN log-in exist (a later issue), the counter runs as one cashier ``Actor``
("Thu ngân", role cashier) and a manager approves by picking the demo manager ("Quản lý", role
manager) in :class:`ApprovalDialog`. The PIN field is drawn but NOT checked yet.

The seam is one function type, :data:`ApprovalProvider`::

    provider(parent, codes, cashier) -> Approval | None

:func:`request_approval` is the default provider (shows the dialog). The people/PIN issue replaces
it with :func:`set_approval_provider` (or per screen: ``SellScreen.request_approval = ...``) by a
provider that checks the PIN through a users service and returns ``Approval(approver=<Actor>)``.
Tests install a provider that approves or refuses without a dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.people.approval import Actor, Approval
from pos_app.ui.common.style import SELL_STYLE
from pos_app.ui.messages.sell import approval_reason

CASHIER = Actor(user_id=None, name="Thu ngân", role="cashier")
"""The counter's user until log-in exists (people/PIN issue)."""

DEMO_MANAGER = Actor(user_id=None, name="Quản lý", role="manager")
"""The manager who approves until users exist (people/PIN issue)."""

ApprovalProvider = Callable[[QWidget | None, Sequence[str], Actor], Approval | None]


class ApprovalDialog(QDialog):
    """"Cần quản lý duyệt": why, who approves, PIN. Returns the approver via :meth:`approval`."""

    def __init__(
        self,
        codes: Sequence[str],
        cashier: Actor,
        managers: Sequence[Actor] = (DEMO_MANAGER,),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SellDialog")
        self.setStyleSheet(SELL_STYLE)
        self.setWindowTitle(self.tr("Manager approval"))
        self.setMinimumWidth(520)
        self._cashier = cashier
        self._managers = list(managers)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        title = QLabel(self.tr("Manager approval needed"))
        title.setObjectName("DialogTitle")
        layout.addWidget(title)
        intro = QLabel(self.tr("A manager must approve before this can go ahead:"))
        intro.setObjectName("Muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        reasons = QFrame()
        reasons.setObjectName("Card")
        reasons_layout = QVBoxLayout(reasons)
        reasons_layout.setContentsMargins(16, 12, 16, 12)
        self.reason_labels: list[QLabel] = []
        for code in dict.fromkeys(codes):
            label = QLabel("•  " + approval_reason(code))
            label.setWordWrap(True)
            label.setStyleSheet("font-size: 16px;")
            reasons_layout.addWidget(label)
            self.reason_labels.append(label)
        layout.addWidget(reasons)

        who = QLabel(self.tr("Manager"))
        who.setObjectName("SectionTitle")
        layout.addWidget(who)
        self.manager_box = QComboBox()
        self.manager_box.setStyleSheet("font-size: 17px; padding: 8px;")
        for manager in self._managers:
            self.manager_box.addItem(manager.name)
        layout.addWidget(self.manager_box)

        pin_title = QLabel(self.tr("PIN"))
        pin_title.setObjectName("SectionTitle")
        layout.addWidget(pin_title)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("Manager's PIN"))
        self.pin.setMaxLength(12)
        layout.addWidget(self.pin)
        note = QLabel(self.tr("The approval is recorded with the manager's name in the audit log."))
        note.setObjectName("Muted")
        note.setWordWrap(True)
        layout.addWidget(note)

        self.error = QLabel()
        self.error.setObjectName("Message")
        self.error.setProperty("kind", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"))
        self.cancel_button.clicked.connect(self.reject)
        self.approve_button = QPushButton(self.tr("Approve (Enter)"))
        self.approve_button.setObjectName("Primary")
        self.approve_button.setDefault(True)
        self.approve_button.clicked.connect(self._approve)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.approve_button)
        layout.addLayout(buttons)
        self.pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_manager(self) -> Actor:
        return self._managers[self.manager_box.currentIndex()]

    def _approve(self) -> None:
        # PIN checking belongs to the people/PIN issue; this placeholder only refuses the
        # cashier approving their own action, which the service refuses too.
        if self.selected_manager() == self._cashier:
            self.error.setText(self.tr("The cashier cannot approve their own action."))
            self.error.show()
            return
        self.accept()

    def approval(self) -> Approval | None:
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        return Approval(approver=self.selected_manager())


def _dialog_provider(
    parent: QWidget | None, codes: Sequence[str], cashier: Actor
) -> Approval | None:
    dialog = ApprovalDialog(codes, cashier, parent=parent)
    dialog.exec()
    return dialog.approval()


_provider: ApprovalProvider = _dialog_provider


def set_approval_provider(provider: ApprovalProvider | None) -> None:
    """Replace how approvals are obtained (the people/PIN issue); ``None`` restores the dialog."""
    global _provider
    _provider = provider or _dialog_provider


def request_approval(
    parent: QWidget | None, codes: Sequence[str], cashier: Actor = CASHIER
) -> Approval | None:
    """Ask a manager to approve ``codes`` (reason codes from ``ApprovalRequired``).

    Returns the :class:`Approval` or ``None`` when refused/cancelled.
    """
    return _provider(parent, codes, cashier)
