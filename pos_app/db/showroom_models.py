"""The showroom's own prices (migration ``0009_price_changes``).

Kept beside ``models.py`` (same ``Base``) so this work stays in its own files. Each row is one
price a manager set at the showroom: the product's ``price`` is changed in the same transaction,
an audit entry and a ``price_set`` outbox event go with it. ``labels_printed_at`` stays empty until
a label with the new price was printed: the rows without it are the "labels to reprint" list.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pos_app.db.models import Base, utcnow
from pos_app.db.types import UTCDateTime


class PriceChange(Base):
    __tablename__ = "price_changes"
    __table_args__ = (
        CheckConstraint("new_price >= 0", name="price_change_price"),
        Index("ix_price_changes_at", "at"),
        Index("ix_price_changes_reprint", "labels_printed_at", "product_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    old_price: Mapped[int] = mapped_column(Integer)
    new_price: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_name: Mapped[str] = mapped_column(String(100), default="")
    approved_by: Mapped[str] = mapped_column(String(100), default="")
    labels_printed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
