"""Parser events per month and type, beside the day counts of 0008.

The chart and count of all events, a type or a date range summed `event_counts` grouped by month:
14,600 day rows at 100,000 events over ten years, grouped through a temporary index on SQLite
(5 ms of the events page's 25). `event_month_counts` holds those sums (480 rows); the chart reads
whole months from it and only the days of a range's first and last month from the day counts.
storage/counts.py keeps both; filled here from the day counts.

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

from storage.counts import rebuild_months

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'event_month_counts',
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('type', sa.String(length=20), nullable=False),
        sa.Column('events', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('month', 'type'),
    )
    rebuild_months(op.get_bind())


def downgrade() -> None:
    op.drop_table('event_month_counts')
