"""einvoices: cash-register e-invoices and their outbox

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'einvoices',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('sale_id', sa.String(length=36), nullable=False),
        sa.Column('purpose', sa.String(length=8), nullable=False),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('related_id', sa.String(length=36), nullable=True),
        sa.Column('template', sa.Integer(), nullable=False),
        sa.Column('symbol', sa.String(length=6), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('mccqt', sa.String(length=34), nullable=False),
        sa.Column('format_version', sa.String(length=16), nullable=False),
        sa.Column('issued_at', sa.DateTime(), nullable=False),
        sa.Column('local_date', sa.Date(), nullable=False),
        sa.Column('buyer', sa.Text(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('total_vat', sa.Integer(), nullable=False),
        sa.Column('xml', sa.LargeBinary(), nullable=False),
        sa.Column('status', sa.String(length=8), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
        sa.Column('last_error', sa.String(length=400), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.Column('ack_id', sa.String(length=64), nullable=False),
        sa.CheckConstraint("kind IN ('original','adjustment','replacement')",
                           name='einvoice_kind'),
        sa.CheckConstraint("status IN ('queued','sent','refused')", name='einvoice_status'),
        sa.CheckConstraint("purpose IN ('sale','return','void','replace')",
                           name='einvoice_purpose'),
        sa.ForeignKeyConstraint(['sale_id'], ['sales.id']),
        sa.ForeignKeyConstraint(['related_id'], ['einvoices.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('mccqt'),
        sa.UniqueConstraint('symbol', 'number', name='einvoice_symbol_number'),
        sa.UniqueConstraint('sale_id', 'purpose', name='einvoice_sale_purpose'),
    )
    op.create_index('ix_einvoices_sale_id', 'einvoices', ['sale_id'])
    op.create_index('ix_einvoices_related_id', 'einvoices', ['related_id'])
    op.create_index('ix_einvoices_status_next', 'einvoices', ['status', 'next_attempt_at'])
    op.create_index('ix_einvoices_local_date', 'einvoices', ['local_date'])
    # An issued invoice is a legal document: only its transmission columns may change.
    op.execute(
        "CREATE TRIGGER einvoices_immutable BEFORE UPDATE OF sale_id, purpose, kind, "
        "related_id, template, symbol, number, mccqt, format_version, issued_at, local_date, "
        "buyer, total, total_vat, xml ON einvoices "
        "BEGIN SELECT RAISE(ABORT, 'einvoice_immutable'); END"
    )
    op.execute(
        "CREATE TRIGGER einvoices_no_delete BEFORE DELETE ON einvoices "
        "BEGIN SELECT RAISE(ABORT, 'einvoice_immutable'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS einvoices_no_delete")
    op.execute("DROP TRIGGER IF EXISTS einvoices_immutable")
    op.drop_index('ix_einvoices_local_date', table_name='einvoices')
    op.drop_index('ix_einvoices_status_next', table_name='einvoices')
    op.drop_index('ix_einvoices_related_id', table_name='einvoices')
    op.drop_index('ix_einvoices_sale_id', table_name='einvoices')
    op.drop_table('einvoices')
