"""SQLAlchemy 2 models. Money columns are integer đồng; dates are dates, times are UTC
(:class:`pos_app.db.types.UTCDateTime`: stored naive UTC, read back aware)."""

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
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from pos_app.db.types import UTCDateTime


class Base(DeclarativeBase):
    pass


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class AppMeta(Base):
    """Small key/value facts about this database (which app version wrote it, demo or not)."""

    __tablename__ = "app_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Producer(Base):
    __tablename__ = "producers"
    __table_args__ = (
        CheckConstraint("kind IN ('enterprise','cooperative','household')", name="producer_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    commune: Mapped[str] = mapped_column(String(100), default="")
    district: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    products: Mapped[list[Product]] = relationship(back_populates="producer")


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("stars BETWEEN 3 AND 5", name="product_stars"),
        CheckConstraint("price >= 0", name="product_price"),
        CheckConstraint("vat_rate IN (0, 5, 8, 10)", name="product_vat_rate"),
        CheckConstraint(
            "product_group IN ('food','beverages','herbal','textiles','handicrafts','tourism')",
            name="product_group",
        ),
        CheckConstraint("cert_status IN ('active','expired','revoked')", name="product_cert"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(32), unique=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"), index=True)
    product_group: Mapped[str] = mapped_column(String(16))
    stars: Mapped[int] = mapped_column(Integer)
    certificate_no: Mapped[str] = mapped_column(String(64), default="")
    cert_issued: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    cert_expires: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    cert_status: Mapped[str] = mapped_column(String(16), default="active")
    unit: Mapped[str] = mapped_column(String(20), default="cái")
    price: Mapped[int] = mapped_column(Integer)
    vat_rate: Mapped[int] = mapped_column(Integer, default=8)
    story: Mapped[str] = mapped_column(Text, default="")
    trace_url: Mapped[str] = mapped_column(String(500), default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    """Folded (no tone marks, đ→d, lower case) name, SKU, producer and commune, for search."""
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    producer: Mapped[Producer] = relationship(back_populates="products")
    barcodes: Mapped[list[Barcode]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="Barcode.code"
    )


class Barcode(Base):
    __tablename__ = "barcodes"

    code: Mapped[str] = mapped_column(String(48), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)

    product: Mapped[Product] = relationship(back_populates="barcodes")


# --- People -------------------------------------------------------------------------------------


class User(Base):
    """A person who works the till. PINs are argon2id hashes, never stored in clear."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('cashier','manager','admin')", name="user_role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


# --- Sales --------------------------------------------------------------------------------------


class Sale(Base):
    """One completed sale or return. A return is its own row (kind='return') whose lines,
    payments and totals are negative, so sums over sales net out by themselves.

    ``id`` is a UUIDv7 (leaves the till); ``receipt_no`` is ``<till>-<yyyymmdd>-<seq>``.
    """

    __tablename__ = "sales"
    __table_args__ = (
        CheckConstraint("kind IN ('sale','return')", name="sale_kind"),
        CheckConstraint("status IN ('completed','voided')", name="sale_status"),
        UniqueConstraint("till_code", "local_date", "seq", name="sale_till_day_seq"),
        Index("ix_sales_created_at", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    till_code: Mapped[str] = mapped_column(String(8))
    local_date: Mapped[dt.date] = mapped_column(Date)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8), default="sale")
    status: Mapped[str] = mapped_column(String(12), default="completed")
    original_sale_id: Mapped[str | None] = mapped_column(
        ForeignKey("sales.id"), nullable=True, index=True
    )
    cashier_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    cashier_name: Mapped[str] = mapped_column(String(100), default="")
    approved_by: Mapped[str] = mapped_column(String(100), default="")
    """Manager who approved an override, void or refund on this sale (empty if none)."""
    shift_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    """The till's open shift when the sale was recorded (set by a trigger, migration 0004)."""
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    subtotal: Mapped[int] = mapped_column(Integer)
    discount: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer)
    vat_total: Mapped[int] = mapped_column(Integer, default=0)
    tendered: Mapped[int] = mapped_column(Integer, default=0)
    change: Mapped[int] = mapped_column(Integer, default=0)
    voided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    void_reason: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(String(200), default="")

    lines: Mapped[list[SaleLine]] = relationship(
        back_populates="sale", cascade="all, delete-orphan", order_by="SaleLine.line_no"
    )
    payments: Mapped[list[SalePayment]] = relationship(
        back_populates="sale", cascade="all, delete-orphan", order_by="SalePayment.id"
    )
    vat: Mapped[list[SaleVat]] = relationship(
        back_populates="sale", cascade="all, delete-orphan", order_by="SaleVat.rate"
    )


class SaleLine(Base):
    """A sold (or, on a return, given back) product, frozen as it was sold: name, price, stars.

    ``qty`` counts pieces, or grams when ``unit`` is 'gram' (``unit_price`` is then per kg).
    ``line_total`` = qty × unit_price − discount, computed once by checkout.
    """

    __tablename__ = "sale_lines"
    __table_args__ = (
        CheckConstraint("unit IN ('piece','gram')", name="sale_line_unit"),
        CheckConstraint("vat_rate IN (0, 5, 8, 10)", name="sale_line_vat_rate"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    sku: Mapped[str] = mapped_column(String(32))
    barcode: Mapped[str] = mapped_column(String(48), default="")
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    stars: Mapped[int | None] = mapped_column(Integer, nullable=True)
    unit: Mapped[str] = mapped_column(String(8), default="piece")
    qty: Mapped[int] = mapped_column(Integer)
    list_price: Mapped[int] = mapped_column(Integer)
    """Catalog price when sold; differs from unit_price after a price override."""
    unit_price: Mapped[int] = mapped_column(Integer)
    discount: Mapped[int] = mapped_column(Integer, default=0)
    line_total: Mapped[int] = mapped_column(Integer)
    vat_rate: Mapped[int] = mapped_column(Integer)
    original_line_id: Mapped[str | None] = mapped_column(
        ForeignKey("sale_lines.id"), nullable=True, index=True
    )

    sale: Mapped[Sale] = relationship(back_populates="lines")


class SaleVat(Base):
    """The VAT a sale (or return: negative) contains at one rate, as checkout computed it
    (:func:`pos_app.domain.vat.vat_by_rate`). Receipt, reports and the registry event read these
    rows; nothing splits a stored sale's VAT again. ``net`` + ``vat`` = ``gross``."""

    __tablename__ = "sale_vat"
    __table_args__ = (CheckConstraint("rate IN (0, 5, 8, 10)", name="sale_vat_rate"),)

    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), primary_key=True)
    rate: Mapped[int] = mapped_column(Integer, primary_key=True)
    net: Mapped[int] = mapped_column(Integer)
    vat: Mapped[int] = mapped_column(Integer)
    gross: Mapped[int] = mapped_column(Integer)

    sale: Mapped[Sale] = relationship(back_populates="vat")


class SalePayment(Base):
    """Money taken (or, on a return, refunded: negative) by one method."""

    __tablename__ = "sale_payments"
    __table_args__ = (
        CheckConstraint("method IN ('cash','card','transfer')", name="payment_method"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    method: Mapped[str] = mapped_column(String(12))
    amount: Mapped[int] = mapped_column(Integer)
    """Applied to the sale's total (cash: tendered − change)."""
    tendered: Mapped[int] = mapped_column(Integer, default=0)
    """What the customer handed over by this method (cash may exceed ``amount``)."""
    reference: Mapped[str] = mapped_column(String(100), default="")
    """Card approval code or bank transfer reference."""

    sale: Mapped[Sale] = relationship(back_populates="payments")


class Cart(Base):
    """A cart not yet paid: the open one (survives a crash) or a parked one (hold / recall)."""

    __tablename__ = "carts"
    __table_args__ = (CheckConstraint("status IN ('open','parked')", name="cart_status"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    status: Mapped[str] = mapped_column(String(8))
    label: Mapped[str] = mapped_column(String(100), default="")
    cashier_name: Mapped[str] = mapped_column(String(100), default="")
    data: Mapped[str] = mapped_column(Text)
    """The cart's lines and discounts as JSON (see services/checkout)."""
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


# --- Stock --------------------------------------------------------------------------------------


class StockMovement(Base):
    """One append-only change of stock. A level is the sum of ``qty`` over a product's rows."""

    __tablename__ = "stock_movements"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('receipt','sale','return','adjustment','count','writeoff',"
            "'transfer_in','transfer_out')",
            name="stock_movement_kind",
        ),
        Index("ix_stock_movements_product", "product_id", "qty"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    qty: Mapped[int] = mapped_column(Integer)
    """Signed change, in the product's unit (pieces, or grams for goods sold by weight)."""
    kind: Mapped[str] = mapped_column(String(16))
    till_code: Mapped[str] = mapped_column(String(8))
    user_name: Mapped[str] = mapped_column(String(100), default="")
    reason: Mapped[str] = mapped_column(String(200), default="")
    ref_id: Mapped[str] = mapped_column(String(36), default="", index=True)
    """The sale, goods receipt or count this movement belongs to."""
    unit_cost: Mapped[int | None] = mapped_column(Integer, nullable=True)
    consignment: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


# --- Outbox, audit, printing ---------------------------------------------------------------------


class OutboxEvent(Base):
    """A fact for the city registry, written in the same transaction as the fact itself."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint("status IN ('pending','sent','rejected')", name="outbox_status"),
        Index("ix_outbox_status", "status", "id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    """The event id (UUIDv7): the registry stores each one once."""
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(String(400), default="")


class AuditEntry(Base):
    """Append-only, hash-chained: ``hash`` = sha256 over ``prev_hash`` and this entry's fields."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_name: Mapped[str] = mapped_column(String(100), default="")
    approved_by: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class PrintJob(Base):
    """A print job, kept so a failed receipt can be reprinted and shown to the cashier."""

    __tablename__ = "print_jobs"
    __table_args__ = (
        CheckConstraint("status IN ('queued','printing','printed','failed')", name="print_status"),
        Index("ix_print_jobs_status", "status"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    """receipt, reprint, test, drawer, report."""
    sale_id: Mapped[str | None] = mapped_column(ForeignKey("sales.id"), nullable=True, index=True)
    printer_uri: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(12), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    printed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


# --- Shifts and cash (migration 0004) ------------------------------------------------------------


class Shift(Base):
    """One cashier session at a till: opened with a counted float, closed with a count and a Z."""

    __tablename__ = "shifts"
    __table_args__ = (
        CheckConstraint("status IN ('open','closed')", name="shift_status"),
        Index("ix_shifts_till_status", "till_code", "status"),
        # at most one open shift per till
        Index("ux_shifts_one_open", "till_code", unique=True,
              sqlite_where=text("status = 'open'")),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    till_code: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(8), default="open")
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_by: Mapped[str] = mapped_column(String(100), default="")
    opening_float: Mapped[int] = mapped_column(Integer, default=0)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_by: Mapped[str] = mapped_column(String(100), default="")
    expected_cash: Mapped[int | None] = mapped_column(Integer, nullable=True)
    counted_cash: Mapped[int | None] = mapped_column(Integer, nullable=True)
    counted_detail: Mapped[str] = mapped_column(Text, default="{}")
    """Notes and coins counted at close: JSON {denomination: count}."""


class CashMovement(Base):
    """Cash put into (kind 'in') or taken out of ('out') the drawer during a shift, with why."""

    __tablename__ = "cash_movements"
    __table_args__ = (CheckConstraint("kind IN ('in','out')", name="cash_movement_kind"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(4))
    amount: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200), default="")
    user_name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ZReport(Base):
    """A shift's closing report, numbered per till (Z-0001 …). Immutable: triggers refuse
    UPDATE and DELETE (migration 0004)."""

    __tablename__ = "z_reports"
    __table_args__ = (UniqueConstraint("till_code", "number", name="z_report_till_number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    till_code: Mapped[str] = mapped_column(String(8))
    number: Mapped[int] = mapped_column(Integer)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    data: Mapped[str] = mapped_column(Text)
    """The report's figures as canonical JSON (what was printed and sent)."""


# --- Stock desk (migration 0003) ----------------------------------------------


class GoodsReceipt(Base):
    """Goods received from one producer on one document; its lines are the stock movements
    (kind 'receipt', ``ref_id`` = this id, ``unit_cost`` and ``consignment`` on each)."""

    __tablename__ = "goods_receipts"
    __table_args__ = (Index("ix_goods_receipts_received_at", "received_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    doc_no: Mapped[str] = mapped_column(String(64), default="")
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"), index=True)
    consignment: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_name: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(String(200), default="")
    lines: Mapped[int] = mapped_column(Integer, default=0)
    total_cost: Mapped[int] = mapped_column(Integer, default=0)


class StockCount(Base):
    """A stock count session: open while counting, then posted (immutable) or cancelled."""

    __tablename__ = "stock_counts"
    __table_args__ = (
        CheckConstraint("status IN ('open','posted','cancelled')", name="stock_count_status"),
        CheckConstraint("scope IN ('all','group','producer')", name="stock_count_scope"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    scope: Mapped[str] = mapped_column(String(16), default="all")
    scope_value: Mapped[str] = mapped_column(String(32), default="")
    status: Mapped[str] = mapped_column(String(12), default="open")
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_by: Mapped[str] = mapped_column(String(100), default="")
    posted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    approved_by: Mapped[str] = mapped_column(String(100), default="")


class StockCountLine(Base):
    """One counted product in a session: ``expected`` is the ledger level when it was counted."""

    __tablename__ = "stock_count_lines"
    __table_args__ = (UniqueConstraint("count_id", "product_id", name="stock_count_line_once"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    count_id: Mapped[str] = mapped_column(ForeignKey("stock_counts.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    expected: Mapped[int] = mapped_column(Integer)
    counted: Mapped[int] = mapped_column(Integer)
    counted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class StockThreshold(Base):
    """Low-stock threshold of a product (no row: no alert)."""

    __tablename__ = "stock_thresholds"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    min_qty: Mapped[int] = mapped_column(Integer)


# Reports read sales by Hanoi business day, and consignment receipts by kind (migration 0003).
Index("ix_sales_local_date", Sale.local_date, Sale.status)
Index("ix_stock_movements_kind", StockMovement.kind, StockMovement.product_id)


class StockLevel(Base):
    """Cached stock level per product, kept by triggers on ``stock_movements`` (migration 0003):
    always the ledger's sum; tests check it against the ledger."""

    __tablename__ = "stock_levels"

    product_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    qty: Mapped[int] = mapped_column(Integer)


# --- Transfers between showrooms (migration 0007_transfers) --------------------------------------


class Transfer(Base):
    """A transfer document between showrooms, sent from here (``out``) or pulled from the
    registry (``in``). Never changed once written; its receipt is a row of its own."""

    __tablename__ = "transfers"
    __table_args__ = (
        CheckConstraint("direction IN ('out','in')", name="transfer_direction"),
        Index("ix_transfers_direction_sent", "direction", "sent_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(40), default="")
    direction: Mapped[str] = mapped_column(String(4))
    from_showroom: Mapped[str] = mapped_column(String(32))
    from_till: Mapped[str] = mapped_column(String(8))
    to_showroom: Mapped[str] = mapped_column(String(32))
    sent_by: Mapped[str] = mapped_column(String(100), default="")
    approved_by: Mapped[str] = mapped_column(String(100), default="")
    sent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(String(200), default="")


class TransferLine(Base):
    __tablename__ = "transfer_lines"
    __table_args__ = (UniqueConstraint("transfer_id", "sku", name="transfer_line_once"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    transfer_id: Mapped[str] = mapped_column(ForeignKey("transfers.id"), index=True)
    sku: Mapped[str] = mapped_column(String(32))
    qty: Mapped[int] = mapped_column(Integer)
    """Sent; always positive."""


class TransferReceipt(Base):
    """What the destination confirmed, once per transfer (here, or pulled for one we sent)."""

    __tablename__ = "transfer_receipts"

    transfer_id: Mapped[str] = mapped_column(ForeignKey("transfers.id"), primary_key=True)
    received_by: Mapped[str] = mapped_column(String(100), default="")
    approved_by: Mapped[str] = mapped_column(String(100), default="")
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class TransferReceiptLine(Base):
    """Per line: sent = received + difference; a difference carries its reason."""

    __tablename__ = "transfer_receipt_lines"
    __table_args__ = (
        UniqueConstraint("transfer_id", "sku", name="transfer_receipt_line_once"),
        CheckConstraint("sent = received + difference", name="transfer_receipt_balanced"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    transfer_id: Mapped[str] = mapped_column(ForeignKey("transfer_receipts.transfer_id"),
                                             index=True)
    sku: Mapped[str] = mapped_column(String(32))
    sent: Mapped[int] = mapped_column(Integer)
    received: Mapped[int] = mapped_column(Integer)
    difference: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200), default="")


class StockElsewhere(Base):
    """"Who else has it?" as the registry last answered, kept for when the till is offline."""

    __tablename__ = "stock_elsewhere"

    sku: Mapped[str] = mapped_column(String(32), primary_key=True)
    showroom: Mapped[str] = mapped_column(String(32), primary_key=True)
    qty: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    fetched_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
