"""stock desk: goods receipts, stock counts, low-stock thresholds

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


_ADD = ("INSERT INTO stock_levels (product_id, qty) VALUES ({pid}, {qty}) "
        "ON CONFLICT(product_id) DO UPDATE SET qty = qty + excluded.qty;")

LEVEL_TRIGGERS = (
    "CREATE TRIGGER stock_levels_insert AFTER INSERT ON stock_movements BEGIN "
    + _ADD.format(pid="NEW.product_id", qty="NEW.qty") + " END",
    "CREATE TRIGGER stock_levels_delete AFTER DELETE ON stock_movements BEGIN "
    + _ADD.format(pid="OLD.product_id", qty="-OLD.qty") + " END",
    "CREATE TRIGGER stock_levels_update AFTER UPDATE OF product_id, qty ON stock_movements "
    "BEGIN " + _ADD.format(pid="OLD.product_id", qty="-OLD.qty") + " "
    + _ADD.format(pid="NEW.product_id", qty="NEW.qty") + " END",
)


def upgrade() -> None:
    op.create_table(
        'goods_receipts',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('doc_no', sa.String(length=64), nullable=False),
        sa.Column('producer_id', sa.Integer(), nullable=False),
        sa.Column('consignment', sa.Boolean(), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.Column('user_name', sa.String(length=100), nullable=False),
        sa.Column('note', sa.String(length=200), nullable=False),
        sa.Column('lines', sa.Integer(), nullable=False),
        sa.Column('total_cost', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['producer_id'], ['producers.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_goods_receipts_received_at', 'goods_receipts', ['received_at'])
    op.create_index('ix_goods_receipts_producer_id', 'goods_receipts', ['producer_id'])
    op.create_table(
        'stock_counts',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('scope', sa.String(length=16), nullable=False),
        sa.Column('scope_value', sa.String(length=32), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('opened_at', sa.DateTime(), nullable=False),
        sa.Column('opened_by', sa.String(length=100), nullable=False),
        sa.Column('posted_at', sa.DateTime(), nullable=True),
        sa.Column('approved_by', sa.String(length=100), nullable=False),
        sa.CheckConstraint("status IN ('open','posted','cancelled')", name='stock_count_status'),
        sa.CheckConstraint("scope IN ('all','group','producer')", name='stock_count_scope'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'stock_count_lines',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('count_id', sa.String(length=36), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('expected', sa.Integer(), nullable=False),
        sa.Column('counted', sa.Integer(), nullable=False),
        sa.Column('counted_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['count_id'], ['stock_counts.id']),
        sa.ForeignKeyConstraint(['product_id'], ['products.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('count_id', 'product_id', name='stock_count_line_once'),
    )
    op.create_index('ix_stock_count_lines_count_id', 'stock_count_lines', ['count_id'])
    op.create_table(
        'stock_thresholds',
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('min_qty', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['product_id'], ['products.id']),
        sa.PrimaryKeyConstraint('product_id'),
    )
    # Reports read sales by Hanoi business day, and consignment receipts by kind.
    op.create_index('ix_sales_local_date', 'sales', ['local_date', 'status'])
    op.create_index('ix_stock_movements_kind', 'stock_movements', ['kind', 'product_id'])
    # A cached level per product, kept by the database itself from every change to the ledger
    # (checkout, returns, the stock desk, movements pulled from other tills), so the stock
    # screen reads 20,000 levels without summing a million movements.
    op.create_table(
        'stock_levels',
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('qty', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('product_id'),
    )
    op.execute("INSERT INTO stock_levels (product_id, qty) "
               "SELECT product_id, SUM(qty) FROM stock_movements GROUP BY product_id")
    for statement in LEVEL_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in ('stock_levels_insert', 'stock_levels_delete', 'stock_levels_update'):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table('stock_levels')
    op.drop_index('ix_stock_movements_kind', table_name='stock_movements')
    op.drop_index('ix_sales_local_date', table_name='sales')
    op.drop_table('stock_thresholds')
    op.drop_index('ix_stock_count_lines_count_id', table_name='stock_count_lines')
    op.drop_table('stock_count_lines')
    op.drop_table('stock_counts')
    op.drop_index('ix_goods_receipts_producer_id', table_name='goods_receipts')
    op.drop_index('ix_goods_receipts_received_at', table_name='goods_receipts')
    op.drop_table('goods_receipts')
