"""customers: customers, promotions, channel orders and their links to sales

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'customers',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('name_key', sa.String(length=200), nullable=False),
        sa.Column('phone', sa.String(length=16), nullable=False),
        sa.Column('email', sa.String(length=200), nullable=False),
        sa.Column('address', sa.String(length=400), nullable=False),
        sa.Column('tax_code', sa.String(length=14), nullable=False),
        sa.Column('consent', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by', sa.String(length=100), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by', sa.String(length=100), nullable=False),
        sa.Column('erased_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_customers_phone', 'customers', ['phone'])
    op.create_index('ix_customers_name_key', 'customers', ['name_key'])
    op.create_table(
        'sale_customers',
        sa.Column('sale_id', sa.String(length=36), nullable=False),
        sa.Column('customer_id', sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(['sale_id'], ['sales.id']),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id']),
        sa.PrimaryKeyConstraint('sale_id'),
    )
    op.create_index('ix_sale_customers_customer_id', 'sale_customers', ['customer_id'])
    op.create_table(
        'promotions',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('rule', sa.Text(), nullable=False),
        sa.Column('starts', sa.Date(), nullable=False),
        sa.Column('ends', sa.Date(), nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'sale_promotions',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('sale_id', sa.String(length=36), nullable=False),
        sa.Column('sale_line_id', sa.String(length=36), nullable=False),
        sa.Column('promotion_id', sa.String(length=64), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('amount', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['sale_id'], ['sales.id']),
        sa.ForeignKeyConstraint(['sale_line_id'], ['sale_lines.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_sale_promotions_sale_id', 'sale_promotions', ['sale_id'])
    op.create_index('ix_sale_promotions_promotion_id', 'sale_promotions', ['promotion_id'])
    op.create_table(
        'channel_orders',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('external_ref', sa.String(length=64), nullable=False),
        sa.Column('buyer_name', sa.String(length=200), nullable=False),
        sa.Column('buyer_phone', sa.String(length=16), nullable=False),
        sa.Column('address', sa.String(length=400), nullable=False),
        sa.Column('customer_id', sa.String(length=36), nullable=True),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('sale_id', sa.String(length=36), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('pending','completed','cancelled')",
                           name='channel_order_status'),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id']),
        sa.ForeignKeyConstraint(['sale_id'], ['sales.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_channel_orders_status', 'channel_orders', ['status'])
    op.create_index('ix_channel_orders_ref', 'channel_orders', ['channel', 'external_ref'],
                    unique=True)
    op.create_table(
        'channel_order_lines',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('order_id', sa.String(length=36), nullable=False),
        sa.Column('line_no', sa.Integer(), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('sku', sa.String(length=64), nullable=False),
        sa.Column('qty', sa.Integer(), nullable=False),
        sa.Column('unit_price', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['order_id'], ['channel_orders.id']),
        sa.ForeignKeyConstraint(['product_id'], ['products.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_channel_order_lines_order_id', 'channel_order_lines', ['order_id'])
    op.create_table(
        'sale_channels',
        sa.Column('sale_id', sa.String(length=36), nullable=False),
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('order_id', sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(['sale_id'], ['sales.id']),
        sa.ForeignKeyConstraint(['order_id'], ['channel_orders.id']),
        sa.PrimaryKeyConstraint('sale_id'),
    )
    op.create_index('ix_sale_channels_channel', 'sale_channels', ['channel'])


def downgrade() -> None:
    for table in ('sale_channels', 'channel_order_lines', 'channel_orders', 'sale_promotions',
                  'promotions', 'sale_customers', 'customers'):
        op.drop_table(table)
