"""Indexes for the web view at 100,000 events: the per-month chart, the date order, covering link
indexes, and on PostgreSQL trigram indexes for the `q` search.

* events (date, type): the chart counts events per day and type by walking this index, no sort;
* PostgreSQL only, events (date DESC NULLS LAST, id DESC): the listing's order, so a page is read
  from the index instead of sorting every event (SQLite's plain date index already gives that order,
  and SQLite has no NULLS LAST in an index);
* the link tables' indexes of 0004 gain the event id, so a filter by source or party reads the
  event ids from the index alone;
* PostgreSQL only, where the pg_trgm extension can be created (it ships with PostgreSQL and is
  trusted, so a database owner may create it): trigram indexes on lower() of the headline, the
  evidence and the place, which `q`'s `lower(...) LIKE '%word%'` uses instead of reading every row.
  Without the extension the search scans, as on SQLite.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TRIGRAM_INDEXES = {
    'ix_articles_title_trgm': 'ON articles USING gin (lower(title) gin_trgm_ops)',
    'ix_events_evidence_trgm': 'ON events USING gin (lower(CAST(evidence AS TEXT)) gin_trgm_ops)',
    'ix_events_location_trgm': 'ON events USING gin (lower(location) gin_trgm_ops)',
}


def upgrade() -> None:
    op.create_index('ix_events_date_type', 'events', ['date', 'type'])
    op.create_index('ix_event_articles_article_event', 'event_articles', ['article_id', 'event_id'])
    op.drop_index('ix_event_articles_article_id', table_name='event_articles')
    op.create_index('ix_event_parties_party_event', 'event_parties', ['party_id', 'event_id'])
    op.drop_index('ix_event_parties_party_id', table_name='event_parties')
    if op.get_bind().dialect.name == 'postgresql':
        op.create_index('ix_events_date_desc_id', 'events',
                        [sa.text('date DESC NULLS LAST'), sa.text('id DESC')])
        _trigram_indexes()


def _trigram_indexes() -> None:
    connection = op.get_bind()
    try:
        with connection.begin_nested():  # a refused CREATE EXTENSION must not abort the migration
            connection.execute(sa.text('CREATE EXTENSION IF NOT EXISTS pg_trgm'))
    except sa.exc.DBAPIError:
        return
    for name, definition in TRIGRAM_INDEXES.items():
        connection.execute(sa.text(f'CREATE INDEX {name} {definition}'))


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for name in TRIGRAM_INDEXES:
            op.execute(f'DROP INDEX IF EXISTS {name}')
        op.drop_index('ix_events_date_desc_id', table_name='events')
    op.create_index('ix_event_parties_party_id', 'event_parties', ['party_id'])
    op.drop_index('ix_event_parties_party_event', table_name='event_parties')
    op.create_index('ix_event_articles_article_id', 'event_articles', ['article_id'])
    op.drop_index('ix_event_articles_article_event', table_name='event_articles')
    op.drop_index('ix_events_date_type', table_name='events')
