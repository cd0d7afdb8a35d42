"""Photo captions of articles and the sentences each event was read from.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # rows stored before this revision get empty lists; `coopwatch reparse` fills events' evidence
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('captions', sa.JSON(), nullable=False, server_default='[]'))

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('evidence')

    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_column('captions')
