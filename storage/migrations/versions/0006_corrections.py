"""Analysts' corrections of events, where they are anchored, and the parser's conflicts with them.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'corrections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('field', sa.String(length=20), nullable=True),
        sa.Column('event_id', sa.Integer(), nullable=True),
        sa.Column('other_event_id', sa.Integer(), nullable=True),
        sa.Column('undoes_id', sa.Integer(), nullable=True),
        sa.Column('before', sa.JSON(), nullable=True),
        sa.Column('after', sa.JSON(), nullable=True),
        sa.Column('why', sa.Text(), nullable=False),
        sa.Column('by', sa.String(length=320), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id']),
        sa.ForeignKeyConstraint(['other_event_id'], ['events.id']),
        sa.ForeignKeyConstraint(['undoes_id'], ['corrections.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('undoes_id'),
    )
    op.create_index('ix_corrections_event_id', 'corrections', ['event_id'])
    op.create_table(
        'correction_anchors',
        sa.Column('correction_id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('event_key', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id']),
        sa.ForeignKeyConstraint(['correction_id'], ['corrections.id']),
        sa.ForeignKeyConstraint(['event_id'], ['events.id']),
        sa.PrimaryKeyConstraint('correction_id', 'event_id', 'article_id'),
    )
    op.create_index('ix_correction_anchors_article_id', 'correction_anchors', ['article_id'])
    op.create_table(
        'correction_conflicts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('correction_id', sa.Integer(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('found_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('detail', sa.Text(), nullable=False),
        sa.Column('parser_value', sa.JSON(), nullable=True),
        sa.Column('superseded_event_id', sa.Integer(), nullable=True),
        sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id']),
        sa.ForeignKeyConstraint(['correction_id'], ['corrections.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_correction_conflicts_correction_id', 'correction_conflicts', ['correction_id'])


def downgrade() -> None:
    op.drop_index('ix_correction_conflicts_correction_id', table_name='correction_conflicts')
    op.drop_table('correction_conflicts')
    op.drop_index('ix_correction_anchors_article_id', table_name='correction_anchors')
    op.drop_table('correction_anchors')
    op.drop_index('ix_corrections_event_id', table_name='corrections')
    op.drop_table('corrections')
