"""price changes: the showroom's own selling prices and the labels to reprint

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'price_changes',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('old_price', sa.Integer(), nullable=False),
        sa.Column('new_price', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('user_name', sa.String(length=100), nullable=False),
        sa.Column('approved_by', sa.String(length=100), nullable=False),
        sa.Column('labels_printed_at', sa.DateTime(), nullable=True),
        sa.CheckConstraint('new_price >= 0', name='price_change_price'),
        sa.ForeignKeyConstraint(['product_id'], ['products.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_price_changes_at', 'price_changes', ['at'])
    op.create_index('ix_price_changes_reprint', 'price_changes',
                    ['labels_printed_at', 'product_id'])


def downgrade() -> None:
    op.drop_index('ix_price_changes_reprint', table_name='price_changes')
    op.drop_index('ix_price_changes_at', table_name='price_changes')
    op.drop_table('price_changes')
