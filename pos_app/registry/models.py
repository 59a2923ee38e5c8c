"""The reference registry's tables (SQLAlchemy 2; SQLite by default, PostgreSQL by URL).

Its own metadata, unrelated to the till's database. Catalog rows carry ``rev``, a number from one
registry-wide counter moved by every catalog change, so a cursor is just "the last rev seen".
Stock movements carry ``seq`` from a second counter, moved under a row lock inside the push's
transaction, so on PostgreSQL too a reader never sees seq 11 committed before seq 10.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class RegistryBase(DeclarativeBase):
    pass


class Counter(RegistryBase):
    __tablename__ = "reg_counters"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Showroom(RegistryBase):
    __tablename__ = "reg_showrooms"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Till(RegistryBase):
    __tablename__ = "reg_tills"
    __table_args__ = (UniqueConstraint("showroom_code", "code", name="reg_till_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    showroom_code: Mapped[str] = mapped_column(ForeignKey("reg_showrooms.code"))
    code: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    """sha256 of the bearer token (the token itself is shown once, at enrolment)."""
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    audit_head: Mapped[str] = mapped_column(String(100), default="")
    audit_warning: Mapped[str] = mapped_column(String(100), default="")
    """Set when a push's audit head went backwards (the till's history may have been rewritten)."""
    last_push_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class AuditAnchor(RegistryBase):
    """The chain hash a till reported at one sequence number of its audit log, kept so a later
    report that disagrees (an edited, truncated or re-padded chain) is caught."""

    __tablename__ = "reg_audit_anchors"

    till_id: Mapped[int] = mapped_column(ForeignKey("reg_tills.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    digest: Mapped[str] = mapped_column(String(64))
    reported_at: Mapped[dt.datetime] = mapped_column(DateTime)


class StoredEvent(RegistryBase):
    __tablename__ = "reg_events"
    __table_args__ = (Index("ix_reg_events_till", "till_id", "received_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    till_id: Mapped[int] = mapped_column(ForeignKey("reg_tills.id"))
    showroom_code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    content_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    flag: Mapped[str] = mapped_column(String(40), default="")
    """Why a person should review this event ("" = nothing to review)."""


class EventConflict(RegistryBase):
    """A resend of a stored event id with different content: kept aside, never applied."""

    __tablename__ = "reg_event_conflicts"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    till_id: Mapped[int] = mapped_column(ForeignKey("reg_tills.id"))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    content_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)


class RegStockMovement(RegistryBase):
    __tablename__ = "reg_stock_movements"
    __table_args__ = (Index("ix_reg_stock_showroom_seq", "showroom_code", "seq"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    showroom_code: Mapped[str] = mapped_column(String(32))
    till_code: Mapped[str] = mapped_column(String(8))
    event_id: Mapped[str] = mapped_column(String(36))
    data: Mapped[str] = mapped_column(Text)
    """The movement as :class:`pos_app.formats.protocol.StockMovementOut` JSON."""


class RegProducer(RegistryBase):
    __tablename__ = "reg_producers"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    rev: Mapped[int] = mapped_column(BigInteger, index=True)
    data: Mapped[str] = mapped_column(Text)
    """:class:`pos_app.formats.protocol.CatalogProducer` JSON."""


class RegProduct(RegistryBase):
    __tablename__ = "reg_products"
    sku: Mapped[str] = mapped_column(String(32), primary_key=True)
    producer_code: Mapped[str] = mapped_column(ForeignKey("reg_producers.code"))
    certificate_no: Mapped[str] = mapped_column(String(64), default="", index=True)
    cert_status: Mapped[str] = mapped_column(String(16))
    rev: Mapped[int] = mapped_column(BigInteger, index=True)
    data: Mapped[str] = mapped_column(Text)
    """:class:`pos_app.formats.protocol.CatalogProduct` JSON."""


class RegRevocation(RegistryBase):
    __tablename__ = "reg_revocations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rev: Mapped[int] = mapped_column(BigInteger, index=True)
    target: Mapped[str] = mapped_column(String(64))
    revoked: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(String(200), default="")


class RegTransfer(RegistryBase):
    """A transfer between showrooms, as its ``transfer_sent`` event carried it; ``seq`` (from
    its own counter) orders the destination's pull. The receipt is filled once, by the
    destination's ``transfer_received`` event."""

    __tablename__ = "reg_transfers"
    __table_args__ = (Index("ix_reg_transfers_to_seq", "to_showroom", "seq"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    from_showroom: Mapped[str] = mapped_column(String(32), index=True)
    to_showroom: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[str] = mapped_column(String(36))
    data: Mapped[str] = mapped_column(Text)
    """:class:`pos_app.formats.protocol.Transfer` JSON."""
    received_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    receipt: Mapped[str] = mapped_column(Text, default="")
    """:class:`pos_app.formats.protocol.TransferReceipt` JSON, once received."""


class RegStockLevel(RegistryBase):
    """A showroom's level of one SKU: the sum of the movements its tills pushed, moved in the
    same transaction as they are stored (so "who else has it?" reads one indexed row)."""

    __tablename__ = "reg_stock_levels"
    __table_args__ = (Index("ix_reg_stock_levels_sku", "sku"),)

    showroom_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    sku: Mapped[str] = mapped_column(String(32), primary_key=True)
    qty: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class RegCampaign(RegistryBase):
    """A city campaign's promotion, sent to every till with the catalog."""

    __tablename__ = "reg_campaigns"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    rev: Mapped[int] = mapped_column(BigInteger, index=True)
    data: Mapped[str] = mapped_column(Text)
    """:class:`pos_app.formats.protocol.Campaign` JSON."""
