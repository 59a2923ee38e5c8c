"""The provider port: how the e-invoice service talks to a provider (T-VAN / gateway).

The reference implementation is :class:`pos_app.sync.einvoice_client.EInvoiceClient`; an adapter
for a real provider implements the same two calls. Errors raise an exception with a ``code``
attribute (:data:`pos_app.sync.einvoice_client.SEND_ERROR_CODES`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pos_app.formats.einvoice_wire import InvoiceAnswer, OutgoingInvoice


class EInvoiceTransport(Protocol):
    def health(self) -> bool: ...

    def send(self, invoices: list[OutgoingInvoice]) -> list[InvoiceAnswer]: ...
