"""transfers: documents between showrooms, their receipts, and "who else has it?" cache

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'transfers',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('number', sa.String(length=40), nullable=False),
        sa.Column('direction', sa.String(length=4), nullable=False),
        sa.Column('from_showroom', sa.String(length=32), nullable=False),
        sa.Column('from_till', sa.String(length=8), nullable=False),
        sa.Column('to_showroom', sa.String(length=32), nullable=False),
        sa.Column('sent_by', sa.String(length=100), nullable=False),
        sa.Column('approved_by', sa.String(length=100), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=False),
        sa.Column('note', sa.String(length=200), nullable=False),
        sa.CheckConstraint("direction IN ('out','in')", name='transfer_direction'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_transfers_direction_sent', 'transfers', ['direction', 'sent_at'])
    op.create_table(
        'transfer_lines',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('transfer_id', sa.String(length=36), nullable=False),
        sa.Column('sku', sa.String(length=32), nullable=False),
        sa.Column('qty', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['transfer_id'], ['transfers.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('transfer_id', 'sku', name='transfer_line_once'),
    )
    op.create_index('ix_transfer_lines_transfer_id', 'transfer_lines', ['transfer_id'])
    op.create_table(
        'transfer_receipts',
        sa.Column('transfer_id', sa.String(length=36), nullable=False),
        sa.Column('received_by', sa.String(length=100), nullable=False),
        sa.Column('approved_by', sa.String(length=100), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['transfer_id'], ['transfers.id']),
        sa.PrimaryKeyConstraint('transfer_id'),
    )
    op.create_table(
        'transfer_receipt_lines',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('transfer_id', sa.String(length=36), nullable=False),
        sa.Column('sku', sa.String(length=32), nullable=False),
        sa.Column('sent', sa.Integer(), nullable=False),
        sa.Column('received', sa.Integer(), nullable=False),
        sa.Column('difference', sa.Integer(), nullable=False),
        sa.Column('reason', sa.String(length=200), nullable=False),
        sa.CheckConstraint('sent = received + difference', name='transfer_receipt_balanced'),
        sa.ForeignKeyConstraint(['transfer_id'], ['transfer_receipts.transfer_id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('transfer_id', 'sku', name='transfer_receipt_line_once'),
    )
    op.create_index('ix_transfer_receipt_lines_transfer_id', 'transfer_receipt_lines',
                    ['transfer_id'])
    op.create_table(
        'stock_elsewhere',
        sa.Column('sku', sa.String(length=32), nullable=False),
        sa.Column('showroom', sa.String(length=32), nullable=False),
        sa.Column('qty', sa.Integer(), nullable=False),
        sa.Column('as_of', sa.DateTime(), nullable=True),
        sa.Column('fetched_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('sku', 'showroom'),
    )
    # Transfer documents and receipts are append-only, like the ledger.
    for table in ('transfers', 'transfer_lines', 'transfer_receipts', 'transfer_receipt_lines'):
        op.execute(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                   f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END")
        op.execute(f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                   f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END")


def downgrade() -> None:
    for table in ('transfers', 'transfer_lines', 'transfer_receipts', 'transfer_receipt_lines'):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    op.drop_table('stock_elsewhere')
    op.drop_index('ix_transfer_receipt_lines_transfer_id', table_name='transfer_receipt_lines')
    op.drop_table('transfer_receipt_lines')
    op.drop_table('transfer_receipts')
    op.drop_index('ix_transfer_lines_transfer_id', table_name='transfer_lines')
    op.drop_table('transfer_lines')
    op.drop_index('ix_transfers_direction_sent', table_name='transfers')
    op.drop_table('transfers')
