"""Finding products for the sell screen: scanner bursts, typed codes, the name search,
weighed goods (grams asked for)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from pos_app.domain.barcodes import BarcodeError
from pos_app.domain.cart import CartError, parse_qty
from pos_app.domain.ocop import Saleability, stars_text
from pos_app.services.catalog.lookup import ProductInfo
from pos_app.services.sales.checkout import CheckoutError
from pos_app.ui.common.style import money
from pos_app.ui.messages.sell import barcode_text
from pos_app.ui.sell.base import error_message
from pos_app.ui.sell.dialogs import ValueDialog

SEARCH_MIN_CHARS = 2
SEARCH_LIMIT = 30


if TYPE_CHECKING:
    from pos_app.ui.sell.base import SellBase as _Host
else:
    _Host = object


class Lookup(_Host):
    """Scan, type or search a product into the cart (mixed into ``SellScreen``)."""

    def on_scanned(self, code: str) -> None:
        """A scanner burst (from the app-wide filter or a serial scanner)."""
        if self.returns_dialog is not None and self.returns_dialog.isVisible():
            self.returns_dialog.find_receipt(code)  # the receipt's barcode
            return
        paid = self.payment_dialog
        if paid is not None and paid.isVisible() and paid.done_ok:
            paid.accept()  # the next customer's first item closes the "paid" view
        if self.dialog_open():
            self.on_scanned_while_busy(code)
            return
        # every outcome of add_by_code shows its own message: hiding the old one first would
        # only re-lay out the column twice per scan
        self.clear_search(keep_message=True)
        self.add_by_code(code)

    def on_scanned_while_busy(self, code: str) -> None:
        if self.returns_dialog is not None and self.returns_dialog.isVisible():
            self.returns_dialog.find_receipt(code)
            return
        self.show_message(
            self.tr("Scanned {code}: finish the open window first, then scan again.").format(
                code=code
            ),
            "warn",
        )

    def add_by_code(self, code: str) -> bool:
        try:
            result = self.catalog.lookup_code(code)
        except BarcodeError as exc:
            self.show_message(barcode_text(exc), "error")
            return False
        if result.product is None:
            self.scan_field.setText(code.strip())
            self._run_search(code.strip())
            self.show_message(
                self.tr("Code {code} is not in the catalog. Search by name below, or press Esc.")
                .format(code=code.strip()),
                "warn",
            )
            return False
        return self.add_product(result.product, grams=result.grams, barcode=result.code)

    def add_product(self, product: Any, *, grams: int | None = None, barcode: str = "") -> bool:
        """Put a catalog product (``ProductInfo``) in the cart, applying the OCOP guard."""
        if getattr(product, "saleability", None) is not None:
            self.model.saleability[product.id] = product.saleability
        try:
            line = self.checkout.add_product(
                self.cart, product.id, grams=grams, barcode=barcode,
                known=product if isinstance(product, ProductInfo) else None,
            )
        except CheckoutError as exc:
            if exc.code == "needs_weight":
                return self._ask_weight(product, barcode)
            self.show_message(self._refusal(exc, product), "error")
            return False
        except CartError as exc:
            self.show_message(error_message(exc), "error")
            return False
        self._changed(line.id)
        state = self.model.saleability.get(product.id)
        if "expired_cert" in line.approvals:
            self.show_message(
                self.tr("{name}: OCOP certificate expired — a manager approves at payment.")
                .format(name=product.name_vi),
                "warn",
            )
        elif state is Saleability.EXPIRING and product.cert_expires is not None:
            self.show_message(
                self.tr("{name}: OCOP certificate expires on {date}.").format(
                    name=product.name_vi, date=product.cert_expires.strftime("%d/%m/%Y")
                ),
                "warn",
            )
        else:
            self.show_message(
                self.tr("Added {name} — {price}").format(
                    name=product.name_vi, price=money(line.unit_price)
                ),
                "info",
            )
        return True

    def _refusal(self, exc: CheckoutError, product: Any) -> str:
        if exc.code == "revoked":
            return self.tr(
                "{name} cannot be sold: its OCOP certificate {number} has been revoked."
            ).format(name=product.name_vi, number=getattr(product, "certificate_no", "") or "—")
        return error_message(exc)

    def _ask_weight(self, product: Any, barcode: str) -> bool:
        added = False

        def apply(text: str) -> str | None:
            nonlocal added
            try:
                grams = parse_qty(text, "gram")
                line = self.checkout.add_product(
                    self.cart, product.id, grams=grams, barcode=barcode
                )
            except (CartError, CheckoutError) as exc:
                return error_message(exc)
            added = True
            self._changed(line.id)
            return None

        dialog = ValueDialog(
            self.tr("Weight"),
            self.tr("{name} is sold by weight. Grams on the scale:").format(name=product.name_vi),
            apply, hint=self.tr("e.g. 250"), parent=self,
        )
        self.run_modal(dialog)
        return added

    def _on_search_text(self, text: str) -> None:
        self.hide_message()
        self._run_search(text)

    def _run_search(self, text: str) -> None:
        query = text.strip()
        if len(query) < SEARCH_MIN_CHARS:
            self.results = []
            self.results_list.clear()
            self.results_list.hide()
            return
        self.results = self._safe(self.catalog.search, query, SEARCH_LIMIT) or []
        self.results_list.clear()
        for info in self.results:
            stars = stars_text(info.stars) if info.stars else ""
            flag = ""
            if info.saleability is Saleability.REVOKED:
                flag = "  ⛔ " + self.tr("revoked")
            elif info.saleability is Saleability.EXPIRED:
                flag = "  ⚠ " + self.tr("certificate expired")
            elif info.saleability is Saleability.EXPIRING:
                flag = "  · " + self.tr("certificate expires soon")
            text_line = f"{info.name_vi}  {stars}   {money(info.price)}{flag}\n" \
                        f"{info.name_en} · {info.producer_name} · {info.sku}"
            self.results_list.addItem(QListWidgetItem(text_line))
        if not self.results:
            item = QListWidgetItem(self.tr("No product matches “{query}”.").format(query=query))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results_list.addItem(item)
        else:
            self.results_list.setCurrentRow(0)
        self.results_list.show()

    def _on_enter(self) -> None:
        """Enter in the scan field: pick the highlighted result, or treat the text as a code."""
        text = self.scan_field.text().strip()
        if not text:
            return
        looks_like_code = text.isascii() and text.isdigit() and len(text) >= 8
        if looks_like_code:  # a barcode typed by hand: never guess another product for it
            if self.add_by_code(text):
                self.clear_search(keep_message=True)
            return
        if self.results and self.results_list.isVisible():
            self.pick_result()
            return
        if self.add_by_code(text):
            self.clear_search()

    def pick_result(self, row: int | None = None) -> bool:
        index = self.results_list.currentRow() if row is None else row
        if not 0 <= index < len(self.results):
            return False
        product = self.results[index]
        added = self.add_product(product)
        if added:
            self.clear_search(keep_message=True)
        return added

