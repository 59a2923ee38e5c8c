"""What the till sends an e-invoice provider and what it answers, per invoice: the values the
service's transport port speaks (``services/einvoice/ports.py``) and the HTTP client fills
(``pos_app/sync/einvoice_client.py``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutgoingInvoice:
    id: str
    mccqt: str
    xml: bytes


@dataclass(frozen=True)
class InvoiceAnswer:
    id: str
    accepted: bool
    mccqt: str = ""
    ack_id: str = ""
    reason: str = ""
    detail: str = ""
