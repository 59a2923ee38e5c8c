"""Who did it and who approved it: the small types checkout, returns and voids take.

People, PIN login and lock-outs belong to the users service; it will produce :class:`Actor` and
:class:`Approval` values (a manager typing their PIN at the till). Until then this module is the
seam: services only ever see these two types and :func:`check_approval`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

APPROVER_ROLES = ("manager", "admin")

# Actions that always need a manager (reasons from the cart are added to these).
REFUND = "refund"
VOID = "void"


@dataclass(frozen=True)
class Actor:
    """A person at the till. ``user_id`` is the ``users`` row when known (None for scripts)."""

    user_id: int | None
    name: str
    role: str  # cashier | manager | admin


@dataclass(frozen=True)
class Approval:
    """A manager's consent, given at the till for the action at hand."""

    approver: Actor


class ApprovalRequired(Exception):
    """The action needs a manager's approval that was not (validly) given.

    ``codes``: what needs approving (``price_override``, ``line_discount``, ``cart_discount``,
    ``expired_cert``, ``refund``, ``void``). ``problem``: ``missing`` (no approval),
    ``self_approval`` (the approver is the cashier) or ``not_manager``.
    """

    def __init__(self, codes: Sequence[str], problem: str = "missing") -> None:
        super().__init__(tuple(codes), problem)
        self.codes = tuple(codes)
        self.problem = problem


def _same_person(a: Actor, b: Actor) -> bool:
    if a.user_id is not None and b.user_id is not None:
        return a.user_id == b.user_id
    return a.name.strip().casefold() == b.name.strip().casefold()


def check_approval(actions: Sequence[str], cashier: Actor, approval: Approval | None) -> str:
    """Enforce the approval rule for ``actions``; returns the approver's name ("" if nothing
    needed approval). Raises :class:`ApprovalRequired` when the approval is missing, given by
    the cashier themself, or given by someone who is not a manager or admin."""
    if not actions:
        return ""
    if approval is None:
        raise ApprovalRequired(actions, "missing")
    if approval.approver.role not in APPROVER_ROLES:
        raise ApprovalRequired(actions, "not_manager")
    if _same_person(approval.approver, cashier):
        raise ApprovalRequired(actions, "self_approval")
    return approval.approver.name
