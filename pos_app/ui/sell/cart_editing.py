"""Editing the sell screen's cart: quantity, price, discount, removing lines; hold, recall,
new sale."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog

from pos_app.domain.cart import Cart, CartError, CartLine, parse_qty
from pos_app.domain.money import parse_vnd
from pos_app.ui.common.style import money
from pos_app.ui.messages.sell import error_text
from pos_app.ui.sell.base import error_message
from pos_app.ui.sell.dialogs import RecallDialog, ValueDialog

if TYPE_CHECKING:
    from pos_app.ui.sell.base import SellBase as _Host
else:
    _Host = object


class CartEditing(_Host):
    """Change the open cart's lines and park or recall carts (mixed into ``SellScreen``)."""

    # --- editing lines ----------------------------------------------------------------------

    def set_qty_text(self, line_id: str, text: str) -> bool:
        """Set a line's quantity from typed text; refused input shows why and changes nothing."""
        problem = self._apply_qty(line_id, text)
        if problem:
            self.show_message(problem, "error")
            return False
        return True

    def _apply_qty(self, line_id: str, text: str) -> str | None:
        try:
            line = self.cart.line(line_id)
            qty = parse_qty(text, line.unit)
            self.cart.set_qty(line_id, qty)
        except CartError as exc:
            return error_message(exc)
        self._changed(line_id)
        return None

    def change_qty(self, step: int) -> None:
        line_id = self.selected_line_id()
        if line_id is None:
            return
        line = self.cart.line(line_id)
        if line.weighed:
            self.show_message(error_text("needs_weight"), "warn")
            return
        if line.qty + step < 1:
            self.remove_line(line_id)
            return
        self.set_qty_text(line_id, str(line.qty + step))

    def _edit_selected(self, title: str, caption: Callable[[CartLine], str],
                       apply: Callable[[str, str], str | None], initial: Callable[[CartLine], str],
                       hint: str = "") -> None:
        """Ask for a new value for the selected line (``apply(line_id, text)`` says why not)."""
        line_id = self.selected_line_id()
        if line_id is None:
            return
        line = self.cart.line(line_id)
        self.run_modal(ValueDialog(title, caption(line), lambda text: apply(line_id, text),
                                   initial=initial(line), hint=hint, parent=self))

    def edit_qty(self) -> None:
        self._edit_selected(
            self.tr("Quantity"),
            lambda line: (self.tr("{name}: how many grams?") if line.weighed
                          else self.tr("{name}: how many?")).format(name=line.name_vi),
            self._apply_qty, lambda line: str(line.qty))

    def set_price_text(self, line_id: str, text: str) -> str | None:
        try:
            price = int(parse_vnd(text))
        except ValueError:
            return error_text("price_not_positive")
        return self._change_line(
            line_id, lambda: self.cart.override_price(line_id, price),
            self.tr("Price changed to {price}: a manager approves at payment.").format(
                price=money(price)))

    def _change_line(self, line_id: str, change: Callable[[], CartLine],
                     needs_approval: str) -> str | None:
        """Apply ``change`` to the cart: None when done (saying ``needs_approval`` if the line
        now waits for a manager), else why it was refused."""
        try:
            line = change()
        except CartError as exc:
            return error_message(exc)
        self._changed(line_id)
        if line.approvals:
            self.show_message(needs_approval, "warn")
        return None

    def edit_price(self) -> None:
        self._edit_selected(
            self.tr("Price"),
            lambda line: self.tr("{name}: list price {price}. New unit price:").format(
                name=line.name_vi, price=money(line.list_price)),
            self.set_price_text, lambda line: str(line.unit_price),
            self.tr("More than {percent}% below the list price needs a manager.").format(
                percent=self.cart.approval_percent))

    def set_discount_text(self, line_id: str, text: str) -> str | None:
        cleaned = text.strip()
        try:
            if cleaned.endswith("%"):
                percent = int(cleaned[:-1].strip())
                if not 0 <= percent <= 100:
                    return error_text("discount_too_large")
                line = self.cart.line(line_id)
                amount = (line.gross * percent + 50) // 100
            else:
                amount = int(parse_vnd(cleaned)) if cleaned else 0
        except ValueError:
            return error_text("discount_negative")
        return self._change_line(
            line_id, lambda: self.cart.set_line_discount(line_id, amount),
            self.tr("Discount {amount}: a manager approves at payment.").format(
                amount=money(amount)))

    def edit_discount(self) -> None:
        self._edit_selected(
            self.tr("Line discount"),
            lambda line: self.tr("{name}: discount in đồng, or a percentage like 5%.").format(
                name=line.name_vi),
            self.set_discount_text, lambda line: str(line.discount or ""),
            self.tr("More than {percent}% needs a manager.").format(
                percent=self.cart.approval_percent))

    def remove_line(self, line_id: str) -> None:
        try:
            line = self.cart.remove(line_id)
        except CartError as exc:
            self.show_message(error_message(exc), "error")
            return
        self._changed()
        if self.cart.lines:
            self._select_row(min(self.model.row_of(line_id), len(self.cart.lines) - 1)
                             if self.model.row_of(line_id) >= 0 else len(self.cart.lines) - 1)
        self.show_message(self.tr("Removed {name}.").format(name=line.name_vi), "info")

    def remove_selected(self) -> None:
        line_id = self.selected_line_id()
        if line_id is not None:
            self.remove_line(line_id)

    # --- hold, recall, new sale -------------------------------------------------------------

    def hold(self, label: str | None = None) -> bool:
        """F8: put the cart on hold under a label (asked for when not given)."""
        if self.cart.empty:
            self.show_message(error_text("empty_cart"), "warn")
            return False
        if label is None:
            chosen: list[str] = []

            def take(text: str) -> str | None:
                chosen.append(text.strip())
                return None

            dialog = ValueDialog(
                self.tr("Hold sale"), self.tr("A label to find it again (optional):"), take,
                hint=self.tr("e.g. lady in the blue dress"), parent=self,
            )
            if self.run_modal(dialog) != QDialog.DialogCode.Accepted:
                return False
            label = chosen[-1] if chosen else ""
        held = self.cart
        snapshot = Cart.from_json(held.to_json(), held.approval_percent)
        fresh = Cart(approval_percent=self.checkout.approval_percent)

        def parked(_result: Any) -> None:
            self.show_message(
                self.tr("Sale held as “{label}”. F9 recalls it.").format(
                    label=label or self.tr("(no label)")), "info")

        def failed(exc: BaseException) -> None:
            if self.cart.empty:
                self._set_cart(held)
            self.show_message(error_message(exc), "error")

        self._write(self.checkout.park, snapshot, label, cashier_name=self.session.actor_name,
                    on_done=parked, on_error=failed)
        self._set_cart(fresh)
        self.cart_changed.emit()
        return True

    def open_recall(self) -> None:
        carts = self._safe(self.checkout.parked) or []
        dialog = RecallDialog(carts, self, on_drop=self.drop_held)
        if self.run_modal(dialog) == QDialog.DialogCode.Accepted:
            chosen = dialog.chosen()
            if chosen is not None:
                self.recall(chosen.id)

    def drop_held(self, cart_id: str) -> None:
        """Discard a held sale for good (the customer left)."""
        self._write(self.checkout.drop_parked, cart_id, on_done=lambda _r: self.show_message(
            self.tr("Held sale discarded."), "info"))

    def recall(self, cart_id: str) -> None:
        """Make a held cart the open one (the current one, if not empty, is held unlabelled)."""
        had_lines = not self.cart.empty

        def recalled(cart: Cart) -> None:
            self._set_cart(cart)
            self.cart_changed.emit()
            text = self.tr("Held sale recalled.")
            if had_lines:
                text = self.tr("Held sale recalled; the previous sale was put on hold.")
            self.show_message(text, "info")

        self._write(self.checkout.recall, cart_id, on_done=recalled)

    def new_sale(self) -> None:
        """Ctrl+N: start an empty cart at once. A cart with lines is never thrown away: it is
        held unlabelled (F9 recalls it; Del in the held list discards it for good)."""
        if not self.cart.empty:
            self.hold(label="")
            self.show_message(
                self.tr("New sale. The previous one was held: F9 recalls it."), "info")
        self.clear_search(keep_message=True)

