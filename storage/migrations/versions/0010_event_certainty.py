"""The party model's certainty of each event's parties, for the review queue (lowest first).

Events stored before have none until `coopwatch reparse` reads their articles again.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('events', sa.Column('certainty', sa.Float(), nullable=True))


def downgrade() -> None:
    op.drop_column('events', 'certainty')
