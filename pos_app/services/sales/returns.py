"""Returns and voids of recorded sales (the refund arithmetic lives in
:mod:`pos_app.domain.refund`). See :mod:`pos_app.services.sales.checkout` for the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pos_app import config
from pos_app.db.models import Sale, SalePayment
from pos_app.domain.cart import (
    SettledPayment,
    check_qty,
    gross_amount,
)
from pos_app.domain.ids import new_id, receipt_number
from pos_app.domain.receipt import hanoi_tz
from pos_app.domain.refund import SoldLine, refund_amounts, refund_tender
from pos_app.domain.vat import vat_by_rate, vat_total
from pos_app.services.people.approval import REFUND, VOID, Actor, Approval, check_approval
from pos_app.services.sales.records import (
    CheckoutError,
    CompletedSale,
    SaleRecords,
    SaleSummary,
    _insert_rows,
    _iso,
)
from pos_app.services.stock import ledger
from pos_app.services.sync import outbox


class SaleReturns(SaleRecords):
    """Taking goods back and cancelling the last sale."""

    # --- returns ----------------------------------------------------------------------------

    def return_items(
        self,
        sale_ref: str,
        quantities: Mapping[str, int],
        *,
        cashier: Actor,
        approval: Approval | None,
        reason: str = "",
    ) -> CompletedSale:
        """Take goods back from a sale and refund them (see the module notes for the rules).

        ``quantities`` maps the original sale line id to how many pieces (or grams) come back.
        """
        if not quantities:
            raise CheckoutError("nothing_to_return")
        now = self._now()
        local_date = now.astimezone(hanoi_tz()).date()
        till = self.till_code
        return_id = new_id()
        with self.db.transaction() as session:
            original = self._live_sale(session, sale_ref)
            by_id = {ln.id: ln for ln in original.lines}
            returned = self._returned_by_line(session, original.id)
            for line_id, qty in quantities.items():
                line = by_id.get(line_id)
                if line is None:
                    raise CheckoutError("no_such_line", line_id=line_id)
                check_qty(qty, line.unit)
                left = line.qty - returned.get(line_id, (0, 0))[0]
                if qty > left:
                    raise CheckoutError("over_return", line_id=line_id, returnable=left)
            approved_by = check_approval([REFUND], cashier, approval)

            refunds = refund_amounts(
                [SoldLine(ln.id, ln.qty, ln.line_total) for ln in original.lines],
                original.discount, quantities, returned,
            )
            refund_total = sum(refunds.values())
            paid_back = self._refund_tender(session, original, refund_total)

            seq = self._next_seq(session, local_date)
            receipt_no = receipt_number(till, local_date, seq)
            ordered = sorted(quantities.items(), key=lambda item: by_id[item[0]].line_no)
            line_rows: list[dict[str, Any]] = []
            moves: list[dict[str, Any]] = []
            for number, (line_id, qty) in enumerate(ordered, start=1):
                line = by_id[line_id]
                gross = gross_amount(qty, line.unit_price, line.unit)
                line_rows.append(dict(
                    id=new_id(), sale_id=return_id, line_no=number, product_id=line.product_id,
                    sku=line.sku, barcode=line.barcode, name_vi=line.name_vi,
                    name_en=line.name_en, stars=line.stars, unit=line.unit, qty=-qty,
                    list_price=line.list_price, unit_price=line.unit_price,
                    discount=-(gross - refunds[line_id]), line_total=-refunds[line_id],
                    vat_rate=line.vat_rate, original_line_id=line.id,
                ))
                moves.append(ledger.movement(
                    product_id=line.product_id, qty=qty, kind="return", till_code=till,
                    at=now, user_name=cashier.name, reason=reason.strip(), ref_id=return_id,
                ))
            vat = vat_by_rate((r["line_total"], r["vat_rate"]) for r in line_rows)
            ret: dict[str, Any] = dict(
                id=return_id, receipt_no=receipt_no, till_code=till, local_date=local_date,
                seq=seq, kind="return", status="completed", original_sale_id=original.id,
                cashier_id=self._cashier_id(session, cashier), cashier_name=cashier.name,
                approved_by=approved_by, created_at=now, subtotal=-refund_total,
                discount=0, total=-refund_total, vat_total=vat_total(vat),
                tendered=-refund_total, change=0, void_reason="", note=reason.strip()[:200],
            )
            _insert_rows(session, ret, line_rows, moves, paid_back, vat)
            outbox.add_event(session, "return", self._payload(ret, line_rows, paid_back, vat),
                             at=now)
            self.audit.append(
                session, action="return", user=cashier.name, approved_by=approved_by,
                target=return_id,
                detail={
                    "receipt_no": receipt_no, "original": original.receipt_no,
                    "refund": refund_total, "reason": reason.strip()[:200],
                    "lines": {line_id: qty for line_id, qty in ordered},
                },
            )
            self._invoice(session, return_id)  # the adjustment of the original's invoice
        if self.invoicer is not None:
            self.invoicer.wake()  # committed: the pump may send the adjustment now
        return CompletedSale(
            sale_id=return_id, receipt_no=receipt_no, total=-refund_total, change=0,
            paid_by=paid_back, created_at=now, kind="return",
        )

    def _live_sale(self, session: Session, ref: str) -> Sale:
        """The sale ``ref`` names, refused unless it is a sale (not a return) still standing."""
        sale = self._find_row(session, ref)
        if sale.kind != "sale":
            raise CheckoutError("not_a_sale")
        if sale.status == "voided":
            raise CheckoutError("sale_voided")
        return sale

    def _refund_tender(
        self, session: Session, original: Sale, amount: int
    ) -> tuple[SettledPayment, ...]:
        """Split a refund over the original payments (:func:`refund_tender`)."""
        already: dict[tuple[str, str], int] = {}
        for method, reference, paid in session.execute(
            select(SalePayment.method, SalePayment.reference, SalePayment.amount)
            .join(Sale, Sale.id == SalePayment.sale_id)
            .where(Sale.original_sale_id == original.id, Sale.kind == "return")
        ):
            already[(method, reference)] = already.get((method, reference), 0) - paid
        paid_with = [SettledPayment(p.method, p.amount, p.tendered, p.reference)
                     for p in original.payments]
        return refund_tender(paid_with, amount, already)

    # --- void -------------------------------------------------------------------------------

    def void_sale(
        self,
        sale_id: str,
        *,
        cashier: Actor,
        approval: Approval | None,
        reason: str = "",
    ) -> SaleSummary:
        """Cancel the sale just made (see the module notes); stock comes back."""
        now = self._now()
        window = dt.timedelta(minutes=self.settings.get(config.VOID_WINDOW_MINUTES))
        with self.db.transaction() as session:
            sale = self._live_sale(session, sale_id)
            if session.scalar(select(func.count()).where(Sale.original_sale_id == sale.id)):
                raise CheckoutError("has_returns")
            last = self._last_row(session)
            if last is None or last.id != sale.id:
                raise CheckoutError("not_last_sale")
            if now - sale.created_at > window:
                raise CheckoutError("void_window_passed")
            approved_by = check_approval([VOID], cashier, approval)
            session.execute(
                update(Sale)
                .where(Sale.id == sale.id)
                .values(
                    status="voided", voided_at=now, void_reason=reason.strip()[:200],
                    approved_by=approved_by,
                )
            )
            ledger.record(session, [
                ledger.movement(
                    product_id=line.product_id, qty=line.qty, kind="return",
                    till_code=sale.till_code, at=now, user_name=cashier.name, reason="void",
                    ref_id=sale.id,
                )
                for line in sale.lines
            ])
            outbox.add_event(
                session, "sale_voided",
                {
                    "sale_id": sale.id, "receipt_no": sale.receipt_no, "till": sale.till_code,
                    "voided_at": _iso(now), "reason": reason.strip()[:200],
                    "cashier": cashier.name, "approved_by": approved_by,
                    "lines": [{"product_id": ln.product_id, "sku": ln.sku, "qty": ln.qty}
                              for ln in sale.lines],
                },
                at=now,
            )
            self.audit.append(
                session, action="void", user=cashier.name, approved_by=approved_by,
                target=sale.id,
                detail={"receipt_no": sale.receipt_no, "total": sale.total,
                        "reason": reason.strip()[:200]},
            )
            session.flush()
            self._invoice(session, sale.id, purpose="void")  # its invoice adjusted to zero
            session.refresh(sale)
            summary = self._summaries(session, [sale])[0]
        if self.invoicer is not None:
            self.invoicer.wake()
        return summary
