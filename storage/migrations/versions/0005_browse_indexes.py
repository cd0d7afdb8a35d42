"""Indexes for the web view at 100,000 events: the per-month chart, the date order, covering link indexes.

* events (date, type): the chart counts events per day and type by walking this index, no sort;
* PostgreSQL only, events (date DESC NULLS LAST, id DESC): the listing's order, so a page is read
  from the index instead of sorting every event (SQLite's plain date index already gives that order,
  and SQLite has no NULLS LAST in an index);
* the link tables' indexes of 0004 gain the event id, so a filter by source or party reads the
  event ids from the index alone.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_events_date_type', 'events', ['date', 'type'])
    if op.get_bind().dialect.name == 'postgresql':
        op.create_index('ix_events_date_desc_id', 'events',
                        [sa.text('date DESC NULLS LAST'), sa.text('id DESC')])
    op.create_index('ix_event_articles_article_event', 'event_articles', ['article_id', 'event_id'])
    op.drop_index('ix_event_articles_article_id', table_name='event_articles')
    op.create_index('ix_event_parties_party_event', 'event_parties', ['party_id', 'event_id'])
    op.drop_index('ix_event_parties_party_id', table_name='event_parties')


def downgrade() -> None:
    op.create_index('ix_event_parties_party_id', 'event_parties', ['party_id'])
    op.drop_index('ix_event_parties_party_event', table_name='event_parties')
    op.create_index('ix_event_articles_article_id', 'event_articles', ['article_id'])
    op.drop_index('ix_event_articles_article_event', table_name='event_articles')
    if op.get_bind().dialect.name == 'postgresql':
        op.drop_index('ix_events_date_desc_id', table_name='events')
    op.drop_index('ix_events_date_type', table_name='events')
