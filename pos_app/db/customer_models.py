"""Customers, promotions and channel orders (migration ``0008_customers``).

Kept beside ``models.py`` (same ``Base``) so this work stays in its own files. A sale's customer
and the promotions applied to its lines are rows beside the sale (``sale_customers``,
``sale_promotions``), written in the sale's transaction; the sale's own columns are unchanged.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.db.models import Base, utcnow
from pos_app.db.types import UTCDateTime

ORDER_STATUSES = ("pending", "completed", "cancelled")


class Customer(Base):
    """A customer of the showroom. ``phone`` is normalised (``0912345678``) and unique among
    records not erased; an erased record keeps its id (old sales point at it) and nothing else."""

    __tablename__ = "customers"
    __table_args__ = (
        Index("ix_customers_phone", "phone"),
        Index("ix_customers_name_key", "name_key"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(16), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    tax_code: Mapped[str] = mapped_column(String(14), default="")
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    erased_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SaleCustomer(Base):
    """Which customer a sale was made to (at most one)."""

    __tablename__ = "sale_customers"

    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)


class Promotion(Base):
    """A promotion rule (:mod:`pos_app.domain.promotions`) as JSON, from a file or the
    registry (``source``)."""

    __tablename__ = "promotions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    rule: Mapped[str] = mapped_column(Text)
    starts: Mapped[dt.date] = mapped_column(Date)
    ends: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(16), default="file")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SalePromotion(Base):
    """The discount a promotion gave one sale line, computed once in the domain at checkout."""

    __tablename__ = "sale_promotions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    sale_line_id: Mapped[str] = mapped_column(ForeignKey("sale_lines.id"))
    promotion_id: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(200))
    amount: Mapped[int] = mapped_column(Integer)


class ChannelOrder(Base):
    """An order taken away from the counter (online shop, livestream, phone) waiting to be
    picked and completed as a sale. ``external_ref`` is the marketplace's order number."""

    __tablename__ = "channel_orders"
    __table_args__ = (
        CheckConstraint("status IN ('pending','completed','cancelled')",
                        name="channel_order_status"),
        Index("ix_channel_orders_status", "status"),
        Index("ix_channel_orders_ref", "channel", "external_ref", unique=True),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_ref: Mapped[str] = mapped_column(String(64))
    buyer_name: Mapped[str] = mapped_column(String(200), default="")
    buyer_phone: Mapped[str] = mapped_column(String(16), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    sale_id: Mapped[str | None] = mapped_column(ForeignKey("sales.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChannelOrderLine(Base):
    __tablename__ = "channel_order_lines"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("channel_orders.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String(64))
    qty: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)


class SaleChannel(Base):
    """The channel a sale came through, when not the counter (for reports)."""

    __tablename__ = "sale_channels"

    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), index=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("channel_orders.id"))
