"""Indexes on the link tables' second column: events by article source and by party (the web view).

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_event_articles_article_id', 'event_articles', ['article_id'])
    op.create_index('ix_event_parties_party_id', 'event_parties', ['party_id'])


def downgrade() -> None:
    op.drop_index('ix_event_parties_party_id', table_name='event_parties')
    op.drop_index('ix_event_articles_article_id', table_name='event_articles')
