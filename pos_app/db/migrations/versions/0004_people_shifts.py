"""people and shifts: shifts, cash movements, Z reports

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

Also ``sales.shift_id`` (nullable) with a trigger that stamps a new sale with its till's open
shift inside the sale's own transaction, so checkout needs no change, and triggers that make a
Z report immutable.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'shifts',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('till_code', sa.String(length=8), nullable=False),
        sa.Column('status', sa.String(length=8), nullable=False),
        sa.Column('opened_at', sa.DateTime(), nullable=False),
        sa.Column('opened_by', sa.String(length=100), nullable=False),
        sa.Column('opening_float', sa.Integer(), nullable=False),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        sa.Column('closed_by', sa.String(length=100), nullable=False),
        sa.Column('expected_cash', sa.Integer(), nullable=True),
        sa.Column('counted_cash', sa.Integer(), nullable=True),
        sa.Column('counted_detail', sa.Text(), nullable=False),
        sa.CheckConstraint("status IN ('open','closed')", name='shift_status'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_shifts_till_status', 'shifts', ['till_code', 'status'], unique=False)
    # At most one open shift per till, whatever the code above does.
    op.execute("CREATE UNIQUE INDEX ux_shifts_one_open ON shifts (till_code) "
               "WHERE status = 'open'")
    op.create_table(
        'cash_movements',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('shift_id', sa.String(length=36), nullable=False),
        sa.Column('kind', sa.String(length=4), nullable=False),
        sa.Column('amount', sa.Integer(), nullable=False),
        sa.Column('reason', sa.String(length=200), nullable=False),
        sa.Column('user_name', sa.String(length=100), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('in','out')", name='cash_movement_kind'),
        sa.ForeignKeyConstraint(['shift_id'], ['shifts.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_cash_movements_shift_id', 'cash_movements', ['shift_id'], unique=False)
    op.create_table(
        'z_reports',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('till_code', sa.String(length=8), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('shift_id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('data', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['shift_id'], ['shifts.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('shift_id'),
        sa.UniqueConstraint('till_code', 'number', name='z_report_till_number'),
    )
    op.execute("CREATE TRIGGER z_reports_no_update BEFORE UPDATE ON z_reports "
               "BEGIN SELECT RAISE(ABORT, 'z_report_immutable'); END")
    op.execute("CREATE TRIGGER z_reports_no_delete BEFORE DELETE ON z_reports "
               "BEGIN SELECT RAISE(ABORT, 'z_report_immutable'); END")
    op.add_column('sales', sa.Column('shift_id', sa.String(length=36), nullable=True))
    op.create_index('ix_sales_shift_id', 'sales', ['shift_id'], unique=False)
    op.execute(
        "CREATE TRIGGER sales_stamp_shift AFTER INSERT ON sales WHEN NEW.shift_id IS NULL "
        "BEGIN UPDATE sales SET shift_id = (SELECT id FROM shifts WHERE status = 'open' "
        "AND till_code = NEW.till_code) WHERE id = NEW.id; END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS sales_stamp_shift")
    with op.batch_alter_table('sales', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_shift_id')
        batch_op.drop_column('shift_id')
    op.execute("DROP TRIGGER IF EXISTS z_reports_no_update")
    op.execute("DROP TRIGGER IF EXISTS z_reports_no_delete")
    op.drop_table('z_reports')
    op.drop_index('ix_cash_movements_shift_id', table_name='cash_movements')
    op.drop_table('cash_movements')
    op.execute("DROP INDEX IF EXISTS ux_shifts_one_open")
    op.drop_index('ix_shifts_till_status', table_name='shifts')
    op.drop_table('shifts')
