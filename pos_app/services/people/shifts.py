"""Shifts and the cash drawer: open with a counted float, cash in/out, X report, close with a
count by denomination, Z report.

API (plain Python, no Qt; run on the DB lane)::

    shifts = services.shifts                                   # ShiftService
    shifts.current() -> ShiftInfo | None                       # this till's open shift
    shifts.open(actor, opening_float=1_000_000)                # -> ShiftInfo
    shifts.cash_move(actor, "out", 200_000, "mua nước")        # "in" | "out", reason required
    shifts.x_report() -> ShiftReport                           # any time, changes nothing
    z = shifts.close(actor, {500_000: 2, 100_000: 3, ...})     # -> ZReportInfo ("Z-0001")
    shifts.z_report("Z-0001") -> ZReportInfo                   # stored, immutable

Sales carry their shift in ``sales.shift_id``: a trigger (migration 0004) stamps every new sale
with the till's open shift inside the sale's own transaction.

Cash expected = opening float + cash taken by sales − cash refunded by returns + cash in − cash
out (voided sales count nothing). Over/short = counted − expected (negative: short).

Closing is ONE write transaction: the shift row, the Z report (numbered per till, immutable by
trigger), an outbox event (kind ``z_report``) and an audit entry. Printing and the backup happen
after the commit and never undo it (:attr:`after_close` hooks).

Errors (:class:`ShiftError` codes): ``shift_open`` (already open), ``no_open_shift``,
``already_closed``, ``no_such_shift``, ``bad_amount``, ``bad_kind``, ``reason_required``,
``bad_denomination``, ``no_such_report``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.db.models import CashMovement, Sale, SalePayment, Shift, ZReport
from pos_app.domain.errors import CodedError
from pos_app.domain.ids import new_id
from pos_app.services.audit import AuditLog
from pos_app.services.people.approval import Actor
from pos_app.services.ports import Clock
from pos_app.services.sync import outbox
from pos_app.services.till import TillService

log = logging.getLogger(__name__)

DENOMINATIONS: tuple[int, ...] = (
    500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000,
)
"""Vietnamese notes counted at close, largest first."""

METHODS: tuple[str, ...] = ("cash", "card", "transfer")
MAX_AMOUNT = 10_000_000_000


class ShiftError(CodedError):
    """A shift step refused; ``code`` says why, ``info`` carries figures."""


@dataclass(frozen=True)
class ShiftInfo:
    id: str
    till_code: str
    status: str
    opened_at: dt.datetime  # aware UTC
    opened_by: str
    opening_float: int
    closed_at: dt.datetime | None = None
    closed_by: str = ""


@dataclass(frozen=True)
class CashMove:
    kind: str
    amount: int
    reason: str
    user_name: str
    at: dt.datetime


@dataclass(frozen=True)
class ShiftReport:
    """X (running) or Z (closing) figures of one shift. Amounts in đồng."""

    shift_id: str
    till_code: str
    opened_at: dt.datetime
    opened_by: str
    at: dt.datetime
    opening_float: int
    sales_count: int
    sales_total: int
    returns_count: int
    returns_total: int  # negative or 0
    voided_count: int
    by_method: dict[str, int]  # net (sales + returns) per payment method
    cash_in: int
    cash_out: int
    cash_expected: int
    moves: tuple[CashMove, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("opened_at", "at"):
            data[key] = data[key].isoformat()
        data["moves"] = [{**m, "at": m["at"].isoformat()} for m in data["moves"]]
        return data


@dataclass(frozen=True)
class ZReportInfo:
    id: str
    number: int
    till_code: str
    created_at: dt.datetime
    closed_by: str
    report: ShiftReport
    counted: dict[int, int] = field(default_factory=dict)  # denomination -> count
    counted_cash: int = 0
    over_short: int = 0  # counted - expected

    @property
    def label(self) -> str:
        return z_label(self.number)


def z_label(number: int) -> str:
    return f"Z-{number:04d}"


def counted_total(counted: Mapping[int, int]) -> int:
    """Validate a count by denomination and add it up."""
    total = 0
    for denomination, count in counted.items():
        if denomination not in DENOMINATIONS:
            raise ShiftError("bad_denomination", denomination=denomination)
        if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= 100_000:
            raise ShiftError("bad_amount", denomination=denomination)
        total += denomination * count
    return total


def _info(row: Shift) -> ShiftInfo:
    return ShiftInfo(row.id, row.till_code, row.status, row.opened_at, row.opened_by,
                     row.opening_float, row.closed_at, row.closed_by)


def _check_amount(amount: int, *, allow_zero: bool) -> None:
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise ShiftError("bad_amount")
    if amount < 0 or amount > MAX_AMOUNT or (amount == 0 and not allow_zero):
        raise ShiftError("bad_amount")


class ShiftService(TillService):
    def __init__(self, db: Database, settings: Settings, clock: Clock | None = None,
                 audit: AuditLog | None = None) -> None:
        super().__init__(db, settings, clock, audit)
        self.after_close: list[Callable[[ZReportInfo], object]] = []
        self.after_open: list[Callable[[ShiftInfo], object]] = []
        """Called after an open commits (``app.py`` publishes a ``ShiftChanged``)."""
        """Called after a close commits (print the Z, back up); failures are logged only."""

    def _open_row(self, session: Session) -> Shift | None:
        return session.scalar(select(Shift).where(Shift.till_code == self.till_code,
                                                  Shift.status == "open"))

    def current(self) -> ShiftInfo | None:
        with self.db.reader() as session:
            row = self._open_row(session)
            return None if row is None else _info(row)

    def open(self, actor: Actor, opening_float: int) -> ShiftInfo:
        _check_amount(opening_float, allow_zero=True)
        now = self.clock.now()
        with self.db.transaction() as session:
            if self._open_row(session) is not None:
                raise ShiftError("shift_open")
            row = Shift(id=new_id(), till_code=self.till_code, status="open",
                        opened_at=now, opened_by=actor.name,
                        opening_float=opening_float, closed_by="", counted_detail="{}")
            session.add(row)
            self.audit.append(session, action="shift_open", user=actor.name, target=row.id,
                              detail={"till": row.till_code, "float": opening_float})
            info = _info(row)
        for hook in self.after_open:
            try:
                hook(info)
            except Exception:
                log.exception("after-open hook failed")
        return info

    def cash_move(self, actor: Actor, kind: str, amount: int, reason: str) -> CashMove:
        if kind not in ("in", "out"):
            raise ShiftError("bad_kind")
        _check_amount(amount, allow_zero=False)
        reason = " ".join(reason.split())[:200]
        if not reason:
            raise ShiftError("reason_required")
        now = self.clock.now()
        with self.db.transaction() as session:
            shift = self._open_row(session)
            if shift is None:
                raise ShiftError("no_open_shift")
            move = CashMovement(id=new_id(), shift_id=shift.id, kind=kind, amount=amount,
                                reason=reason, user_name=actor.name, created_at=now)
            session.add(move)
            self.audit.append(session, action=f"cash_{kind}", user=actor.name, target=move.id,
                              detail={"shift": shift.id, "amount": amount, "reason": reason})
        return CashMove(kind, amount, reason, actor.name, now)

    # -- reports ---------------------------------------------------------------------------------

    def _report(self, session: Session, shift: Shift, at: dt.datetime) -> ShiftReport:
        def sums(kind: str) -> tuple[int, int]:
            row = session.execute(select(func.count(), func.coalesce(func.sum(Sale.total), 0))
                                  .where(Sale.shift_id == shift.id, Sale.kind == kind,
                                         Sale.status == "completed")).one()
            return int(row[0]), int(row[1])

        sales_count, sales_total = sums("sale")
        returns_count, returns_total = sums("return")
        voided = int(session.scalar(select(func.count()).select_from(Sale).where(
            Sale.shift_id == shift.id, Sale.status == "voided")) or 0)
        by_method = dict.fromkeys(METHODS, 0)
        for method, amount in session.execute(
                select(SalePayment.method, func.sum(SalePayment.amount))
                .join(Sale, Sale.id == SalePayment.sale_id)
                .where(Sale.shift_id == shift.id, Sale.status == "completed")
                .group_by(SalePayment.method)):
            by_method[method] = int(amount or 0)
        moves = tuple(
            CashMove(m.kind, m.amount, m.reason, m.user_name, m.created_at)
            for m in session.scalars(select(CashMovement).where(
                CashMovement.shift_id == shift.id).order_by(CashMovement.created_at,
                                                            CashMovement.id)))
        cash_in = sum(m.amount for m in moves if m.kind == "in")
        cash_out = sum(m.amount for m in moves if m.kind == "out")
        expected = shift.opening_float + by_method["cash"] + cash_in - cash_out
        return ShiftReport(
            shift_id=shift.id, till_code=shift.till_code, opened_at=shift.opened_at,
            opened_by=shift.opened_by, at=at, opening_float=shift.opening_float,
            sales_count=sales_count, sales_total=sales_total, returns_count=returns_count,
            returns_total=returns_total, voided_count=voided, by_method=by_method,
            cash_in=cash_in, cash_out=cash_out, cash_expected=expected, moves=moves)

    def x_report(self) -> ShiftReport:
        """The open shift's figures so far (changes nothing)."""
        with self.db.reader() as session:
            shift = self._open_row(session)
            if shift is None:
                raise ShiftError("no_open_shift")
            return self._report(session, shift, self.clock.now())

    def close(self, actor: Actor, counted: Mapping[int, int],
              shift_id: str | None = None) -> ZReportInfo:
        """Close the open shift (or ``shift_id``) with the cash counted by denomination."""
        counted = {int(d): c for d, c in counted.items() if c}
        counted_cash = counted_total(counted)
        now = self.clock.now()
        with self.db.transaction() as session:
            if shift_id is not None:
                shift = session.get(Shift, shift_id)
                if shift is None:
                    raise ShiftError("no_such_shift")
            else:
                shift = self._open_row(session)
                if shift is None:
                    raise ShiftError("no_open_shift")
            if shift.status != "open":
                raise ShiftError("already_closed")
            report = self._report(session, shift, now)
            over_short = counted_cash - report.cash_expected
            number = int(session.scalar(select(func.coalesce(func.max(ZReport.number), 0))
                                        .where(ZReport.till_code == shift.till_code)) or 0) + 1
            shift.status = "closed"
            shift.closed_at = now
            shift.closed_by = actor.name
            shift.expected_cash = report.cash_expected
            shift.counted_cash = counted_cash
            shift.counted_detail = json.dumps({str(d): c for d, c in counted.items()},
                                              sort_keys=True)
            data = {
                "z_no": z_label(number), "number": number, "closed_by": actor.name,
                "counted": {str(d): c for d, c in sorted(counted.items(), reverse=True)},
                "counted_cash": counted_cash, "over_short": over_short,
                "report": report.to_json(),
            }
            z = ZReport(id=new_id(), till_code=shift.till_code, number=number,
                        shift_id=shift.id, created_at=now,
                        data=outbox.canonical_json(data))
            session.add(z)
            outbox.add_event(session, "z_report", {"id": z.id, "till": shift.till_code, **data},
                             at=now)
            self.audit.append(session, action="shift_close", user=actor.name, target=z.id,
                              detail={"shift": shift.id, "z": z_label(number),
                                      "expected": report.cash_expected,
                                      "counted": counted_cash, "over_short": over_short})
            info = ZReportInfo(z.id, number, shift.till_code, now, actor.name, report,
                               counted, counted_cash, over_short)
        for hook in self.after_close:
            try:
                hook(info)
            except Exception:  # printing or backup trouble never undoes the close
                log.exception("after-close step failed for %s", info.label)
        return info

    def z_report(self, ref: str | int) -> ZReportInfo:
        """A stored Z report by number (``3`` or ``"Z-0003"``) on this till, or by id."""
        with self.db.reader() as session:
            query = select(ZReport)
            text = str(ref).strip().upper()
            if isinstance(ref, int) or text.removeprefix("Z-").isdigit():
                query = query.where(ZReport.till_code == self.till_code,
                                    ZReport.number == int(text.removeprefix("Z-")))
            else:
                query = query.where(ZReport.id == str(ref).strip())
            z = session.scalar(query)
            if z is None:
                raise ShiftError("no_such_report")
            return _z_from_row(z)

    def z_reports(self, limit: int = 50) -> list[ZReportInfo]:
        with self.db.reader() as session:
            return [_z_from_row(z) for z in session.scalars(
                select(ZReport).where(ZReport.till_code == self.till_code)
                .order_by(ZReport.number.desc()).limit(limit))]


def _z_from_row(z: ZReport) -> ZReportInfo:
    data = json.loads(z.data)
    r = data["report"]
    report = ShiftReport(
        shift_id=r["shift_id"], till_code=r["till_code"],
        opened_at=dt.datetime.fromisoformat(r["opened_at"]), opened_by=r["opened_by"],
        at=dt.datetime.fromisoformat(r["at"]), opening_float=r["opening_float"],
        sales_count=r["sales_count"], sales_total=r["sales_total"],
        returns_count=r["returns_count"], returns_total=r["returns_total"],
        voided_count=r["voided_count"], by_method=dict(r["by_method"]), cash_in=r["cash_in"],
        cash_out=r["cash_out"], cash_expected=r["cash_expected"],
        moves=tuple(CashMove(m["kind"], m["amount"], m["reason"], m["user_name"],
                             dt.datetime.fromisoformat(m["at"])) for m in r["moves"]))
    return ZReportInfo(z.id, z.number, z.till_code, z.created_at, data["closed_by"],
                       report, {int(k): v for k, v in data["counted"].items()},
                       data["counted_cash"], data["over_short"])
