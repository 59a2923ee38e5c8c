"""Manager approval with a real PIN check: the manager picks their name and types THEIR OWN PIN.

:class:`PinApprovalDialog` is what :meth:`pos_app.ui.common.session.CounterSession.approve`
shows. The users service checks the PIN: a wrong PIN, a disabled or locked manager, a cashier
approving themself or someone who is not a manager gets a clear message in the dialog and no
approval.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.people.approval import Actor, Approval
from pos_app.services.people.users import UserError, UserInfo, UsersService
from pos_app.ui.common.dialogs import (
    button_row,
    dialog_layout,
    dialog_title,
    error_label,
    show_error,
)
from pos_app.ui.common.pin_entry import PEOPLE_STYLE, PinPad, UserButton
from pos_app.ui.messages import people as messages
from pos_app.ui.messages.sell import approval_reason


class PinApprovalDialog(QDialog):
    def __init__(self, users: UsersService, codes: Sequence[str], cashier: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.users = users
        self.codes = tuple(dict.fromkeys(codes))
        self.cashier = cashier
        self._approval: Approval | None = None
        layout = dialog_layout(self, self.tr("Manager approval"), PEOPLE_STYLE, spacing=14)
        self.setMinimumWidth(760)
        layout.addWidget(dialog_title(self.tr("Manager approval needed"), self))
        intro = QLabel(self.tr("{cashier} asks a manager to approve:").format(
            cashier=cashier.name), self)
        intro.setObjectName("Muted")
        layout.addWidget(intro)
        reasons = QFrame(self)
        reasons.setObjectName("Card")
        reasons_layout = QVBoxLayout(reasons)
        reasons_layout.setContentsMargins(16, 12, 16, 12)
        self.reason_labels: list[QLabel] = []
        for code in self.codes:
            label = QLabel("•  " + approval_reason(code), reasons)
            label.setWordWrap(True)
            label.setStyleSheet("font-size: 16px;")
            reasons_layout.addWidget(label)
            self.reason_labels.append(label)
        layout.addWidget(reasons)

        row = QHBoxLayout()
        row.setSpacing(28)
        left = QVBoxLayout()
        left.setSpacing(8)
        who = QLabel(self.tr("Manager"), self)
        who.setObjectName("SectionTitle")
        left.addWidget(who)
        self.group = QButtonGroup(self)
        self.manager_buttons: dict[int, UserButton] = {}
        self.managers: list[UserInfo] = list(users.managers())
        grid = QGridLayout()
        grid.setSpacing(8)
        for index, manager in enumerate(self.managers):
            button = UserButton(manager, self)
            button.clicked.connect(lambda _c=False, m=manager: self.select(m))
            self.group.addButton(button)
            grid.addWidget(button, index, 0)
            self.manager_buttons[manager.id] = button
        left.addLayout(grid)
        left.addStretch(1)
        note = QLabel(self.tr("The approval is recorded with both names in the audit log."), self)
        note.setObjectName("Muted")
        note.setWordWrap(True)
        left.addWidget(note)
        row.addLayout(left, 1)
        right = QVBoxLayout()
        self.pin_title = QLabel(self)
        self.pin_title.setObjectName("SectionTitle")
        right.addWidget(self.pin_title)
        self.pad = PinPad(self, ok_text=self.tr("Approve"))
        self.pad.submitted.connect(self._approve)
        right.addWidget(self.pad)
        row.addLayout(right, 1)
        layout.addLayout(row)

        self.error = error_label(self)
        layout.addWidget(self.error)
        buttons, _ = button_row(self, cancel_text=self.tr("Cancel (Esc)"))
        layout.addLayout(buttons)

        self.selected: UserInfo | None = None
        others = [m for m in self.managers if m.id != cashier.user_id]
        if others or self.managers:
            self.select((others or self.managers)[0])
        else:
            self.pin_title.setText(self.tr("PIN"))
            self.show_error(self.tr("No active manager exists: an admin must add one."))
        self.pad.field.setFocus()

    def select(self, manager: UserInfo) -> None:
        self.selected = manager
        self.manager_buttons[manager.id].setChecked(True)
        self.pin_title.setText(self.tr("PIN of {name}").format(name=manager.name))
        self.error.hide()
        self.pad.clear()

    def show_error(self, text: str) -> None:
        show_error(self.error, text)

    def _approve(self, pin: str) -> None:
        if self.selected is None:
            return
        try:
            self._approval = self.users.approve(self.selected.id, pin, cashier=self.cashier,
                                                codes=self.codes)
        except UserError as exc:
            self.pad.clear()
            self.show_error(messages.user_error(exc.code, exc.info))
            return
        self.accept()

    def approval(self) -> Approval | None:
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        return self._approval
