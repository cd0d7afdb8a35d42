"""Search and counts for the web view at 100,000 events: `q` reads one folded text per event through a
substring index, the unfiltered chart sums counts per day.

* events.search_text: the event's headlines, party keys, place and evidence, folded as party keys
  are (storage/search.py writes it on every flush; filled here for the events already stored);
* SQLite: an FTS5 table `events_search` over that column (external content, trigram tokenizer:
  substring matches, as `q` has always had, not whole words) and the triggers that keep it in step
  with the column. A later migration that rebuilds `events` with batch_alter_table drops these
  triggers and must create them again;
* SQLite only, events (id, date, type): the count-and-chart pass of a source, party or `q` filter
  looks up each matching id's date and type in this small index instead of in the table's rows
  (which carry the evidence and the search text); PostgreSQL reads them from the heap well enough;
* events (type, date) instead of (type): one type's chart walks its own part of the index in date
  order, and so does the look-up of the same event (type, date within a day);
* event_counts: parser events per day and type (storage/counts.py keeps it), which the chart and
  count of all events, or of a type and dates, sum instead of reading every event;
* PostgreSQL, where pg_trgm can be created: a trigram GIN index on the column, for `LIKE '%word%'`;
  the three trigram indexes of 0005 (headline, evidence, place) go, as `q` no longer reads those.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

from storage.counts import rebuild as count_events
from storage.search import refresh_all

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

OLD_TRIGRAM_INDEXES = {
    'ix_articles_title_trgm': 'ON articles USING gin (lower(title) gin_trgm_ops)',
    'ix_events_evidence_trgm': 'ON events USING gin (lower(CAST(evidence AS TEXT)) gin_trgm_ops)',
    'ix_events_location_trgm': 'ON events USING gin (lower(location) gin_trgm_ops)',
}
SQLITE_TRIGGERS = {
    'events_search_insert': """AFTER INSERT ON events BEGIN
        INSERT INTO events_search(rowid, search_text) VALUES (new.id, new.search_text); END""",
    'events_search_delete': """AFTER DELETE ON events BEGIN
        INSERT INTO events_search(events_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); END""",
    'events_search_update': """AFTER UPDATE OF search_text ON events BEGIN
        INSERT INTO events_search(events_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO events_search(rowid, search_text) VALUES (new.id, new.search_text); END""",
}


def upgrade() -> None:
    op.create_index('ix_events_type_date', 'events', ['type', 'date'])
    op.drop_index('ix_events_type', table_name='events')
    op.add_column('events', sa.Column('search_text', sa.Text(), nullable=False, server_default=''))
    op.create_table(
        'event_counts',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('type', sa.String(length=20), nullable=False),
        sa.Column('events', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('day', 'type'),
    )
    connection = op.get_bind()
    refresh_all(connection)
    count_events(connection, months=False)  # their table comes in 0012
    if connection.dialect.name == 'sqlite':
        op.execute("CREATE VIRTUAL TABLE events_search USING fts5("
                   "search_text, content='events', content_rowid='id', tokenize='trigram')")
        op.execute("INSERT INTO events_search(events_search) VALUES ('rebuild')")
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f'CREATE TRIGGER {name} {body}')
        op.create_index('ix_events_id_date_type', 'events', ['id', 'date', 'type'])
    elif connection.dialect.name == 'postgresql':
        for name in OLD_TRIGRAM_INDEXES:
            op.execute(f'DROP INDEX IF EXISTS {name}')
        if _has_trigrams(connection):
            op.execute('CREATE INDEX ix_events_search_trgm ON events USING gin (search_text gin_trgm_ops)')


def _has_trigrams(connection: sa.Connection) -> bool:
    try:
        with connection.begin_nested():  # a refused CREATE EXTENSION must not abort the migration
            connection.execute(sa.text('CREATE EXTENSION IF NOT EXISTS pg_trgm'))
    except sa.exc.DBAPIError:
        return False
    return True


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == 'sqlite':
        for name in SQLITE_TRIGGERS:
            op.execute(f'DROP TRIGGER IF EXISTS {name}')
        op.execute('DROP TABLE IF EXISTS events_search')
        op.drop_index('ix_events_id_date_type', table_name='events')
    elif connection.dialect.name == 'postgresql':
        op.execute('DROP INDEX IF EXISTS ix_events_search_trgm')
        if _has_trigrams(connection):
            for name, definition in OLD_TRIGRAM_INDEXES.items():
                op.execute(f'CREATE INDEX IF NOT EXISTS {name} {definition}')
    # SQLite (3.35 and later) drops a column in place; a batch rebuild of `events` would fail on
    # the foreign keys that point at it
    op.execute('ALTER TABLE events DROP COLUMN search_text')
    op.create_index('ix_events_type', 'events', ['type'])
    op.drop_index('ix_events_type_date', table_name='events')
    op.drop_table('event_counts')
