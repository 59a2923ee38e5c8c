"""The e-invoice table (migration ``0006_einvoices``): one row per issued invoice, its own outbox.

Kept beside ``models.py`` (same ``Base``) so the e-invoice work stays in its own files; the lead
may fold it into ``models.py``. An issued invoice is never edited: a return or void adds an
adjustment row, a correction adds a replacement row, each pointing at the original
(``related_id``). Only the transmission columns change after issue.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.db.models import Base

EINVOICE_KINDS = ("original", "adjustment", "replacement")
EINVOICE_STATUSES = ("queued", "sent", "refused")


class EInvoice(Base):
    __tablename__ = "einvoices"
    __table_args__ = (
        CheckConstraint("kind IN ('original','adjustment','replacement')", name="einvoice_kind"),
        CheckConstraint("status IN ('queued','sent','refused')", name="einvoice_status"),
        CheckConstraint("purpose IN ('sale','return','void','replace')", name="einvoice_purpose"),
        UniqueConstraint("symbol", "number", name="einvoice_symbol_number"),
        UniqueConstraint("sale_id", "purpose", name="einvoice_sale_purpose"),
        Index("ix_einvoices_status_next", "status", "next_attempt_at"),
        Index("ix_einvoices_local_date", "local_date"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(12))
    related_id: Mapped[str | None] = mapped_column(
        ForeignKey("einvoices.id"), nullable=True, index=True)
    template: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(6))
    number: Mapped[int] = mapped_column(Integer)
    mccqt: Mapped[str] = mapped_column(String(34), unique=True)
    format_version: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime)
    local_date: Mapped[dt.date] = mapped_column(Date)
    buyer: Mapped[str] = mapped_column(Text, default="{}")
    total: Mapped[int] = mapped_column(Integer)
    total_vat: Mapped[int] = mapped_column(Integer)
    xml: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(8), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_error: Mapped[str] = mapped_column(String(400), default="")
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    ack_id: Mapped[str] = mapped_column(String(64), default="")
