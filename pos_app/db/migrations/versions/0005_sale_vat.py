"""sale VAT per rate, stored with the sale

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

Checkout now stores each sale's VAT parts per rate (``sale_vat``) so the receipt, the reports
and the registry event read one set of figures. Existing sales and returns are backfilled with
the same domain function checkout uses (:func:`pos_app.domain.vat.vat_by_rate` over the stored
line totals and the sale's discount).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pos_app.domain.vat import vat_by_rate

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sale_vat',
        sa.Column('sale_id', sa.String(length=36), nullable=False),
        sa.Column('rate', sa.Integer(), nullable=False),
        sa.Column('net', sa.Integer(), nullable=False),
        sa.Column('vat', sa.Integer(), nullable=False),
        sa.Column('gross', sa.Integer(), nullable=False),
        sa.CheckConstraint('rate IN (0, 5, 8, 10)', name='sale_vat_rate'),
        sa.ForeignKeyConstraint(['sale_id'], ['sales.id'], ),
        sa.PrimaryKeyConstraint('sale_id', 'rate'),
    )
    backfill(op.get_bind())


def backfill(connection: sa.Connection) -> None:
    """Store the VAT parts of every sale that has none yet."""
    discounts: dict[str, int] = {
        str(row[0]): int(row[1] or 0) for row in connection.execute(sa.text(
            "SELECT id, discount FROM sales WHERE id NOT IN (SELECT sale_id FROM sale_vat)"))
    }
    lines: dict[str, list[tuple[int, int]]] = {}
    for sale_id, line_total, rate in connection.execute(sa.text(
        "SELECT sale_id, line_total, vat_rate FROM sale_lines ORDER BY sale_id, line_no"
    )):
        if sale_id in discounts:
            lines.setdefault(sale_id, []).append((int(line_total), int(rate)))
    rows = [
        {"sale_id": sale_id, "rate": part.rate, "net": part.net, "vat": part.amount,
         "gross": part.gross}
        for sale_id, pairs in lines.items()
        for part in vat_by_rate(pairs, int(discounts[sale_id] or 0))
    ]
    if rows:
        connection.execute(sa.text(
            "INSERT INTO sale_vat (sale_id, rate, net, vat, gross) "
            "VALUES (:sale_id, :rate, :net, :vat, :gross)"
        ), rows)


def downgrade() -> None:
    op.drop_table('sale_vat')
