"""The counter session: who is at the till now, and a manager's approval for what they do.

One :class:`CounterSession` is made by the main window and handed to every screen that acts for
someone (``SellScreen(services, lanes, session)``, the stock and settings screens, the status
bar). ``actor`` is the person logged in (``None`` until someone logs in at the lock screen);
``changed`` fires with the new actor (or ``None``) whenever it changes.

:meth:`CounterSession.approve` asks a manager for ``codes`` (reason codes from
``ApprovalRequired``) with the manager's OWN PIN (:class:`PinApprovalDialog`). With nobody
logged in there is no approval and no action: the cashier is told to log in first.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from pos_app.services.people.approval import APPROVER_ROLES, Actor, Approval
from pos_app.services.people.users import UsersService
from pos_app.ui.common.approval import PinApprovalDialog


class CounterSession(QObject):
    changed = Signal(object)  # Actor | None

    def __init__(self, users: UsersService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.users = users
        self.actor: Actor | None = None

    def set_actor(self, actor: Actor | None) -> None:
        """Someone logged in (or, with ``None``, nobody is at the till any more)."""
        if actor == self.actor:
            return
        self.actor = actor
        self.changed.emit(actor)

    @property
    def actor_name(self) -> str:
        return self.actor.name if self.actor is not None else ""

    def nobody_text(self) -> str:
        return self.tr("Nobody is logged in at this till: log in first (Ctrl+L).")

    def require_actor(self, parent: QWidget | None) -> Actor | None:
        """The logged-in person, or ``None`` after telling the cashier to log in."""
        if self.actor is None:
            QMessageBox.warning(parent, self.tr("Log in first"), self.nobody_text())
        return self.actor

    def approve(self, parent: QWidget | None, codes: Sequence[str]) -> Approval | None:
        """A manager's approval for ``codes`` (their own PIN), or ``None`` when refused,
        cancelled or nobody is logged in (said so)."""
        actor = self.require_actor(parent)
        if actor is None:
            return None
        dialog = PinApprovalDialog(self.users, codes, actor, parent)
        dialog.exec()
        return dialog.approval()

    def approve_for(self, actor: Actor, parent: QWidget | None,
                    codes: Sequence[str]) -> Approval | None:
        """What ``actor`` needs for ``codes``: nothing (None) when they are a manager or admin,
        who act on their own authority; else :meth:`approve` (None when refused)."""
        if actor.role in APPROVER_ROLES:
            return None
        return self.approve(parent, codes)
