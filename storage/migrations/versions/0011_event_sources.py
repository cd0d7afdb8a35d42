"""The sources of each event, with its date and type, for the source filter's count and chart.

A source filter counted and charted its events by joining every event to its articles (33,000
events of one source at 100,000: a hash join of the links and the articles, 40 ms on PostgreSQL,
12 ms with a type and a year); `event_sources` holds one row per event and source, indexed by
(source, date, type, event id), so that count is one range of an index and the filter's ids are
read from the same index. storage/search.py keeps it in step with the search text; filled here
for the events already stored.

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'event_sources',
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('source', sa.String(length=40), nullable=False),
        sa.Column('date', sa.Date(), nullable=True),
        sa.Column('type', sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('event_id', 'source'),
    )
    op.create_index('ix_event_sources_source_date', 'event_sources', ['source', 'date', 'type', 'event_id'])
    op.execute(
        'INSERT INTO event_sources (event_id, source, date, type) '
        'SELECT DISTINCT event_articles.event_id, articles.source, events.date, events.type '
        'FROM event_articles JOIN articles ON articles.id = event_articles.article_id '
        'JOIN events ON events.id = event_articles.event_id')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ANALYZE event_sources')


def downgrade() -> None:
    op.drop_index('ix_event_sources_source_date', table_name='event_sources')
    op.drop_table('event_sources')
