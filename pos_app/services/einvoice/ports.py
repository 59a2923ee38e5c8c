"""The provider port: how the e-invoice service talks to a provider (T-VAN / gateway).

The reference implementation is :class:`pos_app.sync.einvoice_client.EInvoiceClient`; an adapter
for a real provider implements the same two calls. Errors raise an exception with a ``code``
attribute (:data:`pos_app.sync.einvoice_client.SEND_ERROR_CODES`). ``app.py`` hands the service
an :class:`EInvoiceConnector` (the HTTP client) and the provider's token store, so the
transport follows the provider URL and token the manager sets, without a restart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pos_app.formats.einvoice_wire import InvoiceAnswer, OutgoingInvoice


class EInvoiceTransport(Protocol):
    def health(self) -> bool: ...

    def send(self, invoices: list[OutgoingInvoice]) -> list[InvoiceAnswer]: ...


class EInvoiceConnector(Protocol):
    """Opens a transport to the provider at ``url`` with ``token``."""

    def connect(self, url: str, token: str) -> EInvoiceTransport: ...
