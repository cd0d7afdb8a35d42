"""PostgreSQL: the trigram index of `q` takes each write at once (GIN `fastupdate` off).

With `fastupdate` on (PostgreSQL's default), a GIN index collects new entries in a pending list of
up to 4 MB (`gin_pending_list_limit`) that every search reads through in full until a vacuum
merges it. After a bulk load, or a few days of crawling between autovacuums of `events`, the
planner counts that list into the index's cost and reads a common `q` word by scanning the whole
table instead (100,000 events just loaded: a sequential scan of 28-60 ms where the index takes
15 ms). Off, each write of an event's search text updates the index itself (a crawl writes a few
hundred events a run), and searches never meet a pending list. Entries already pending are
merged here.

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

INDEX = 'ix_events_search_trgm'  # migration 0008, where pg_trgm could be created


def upgrade() -> None:
    if not _has_index():
        return
    op.execute(f'ALTER INDEX {INDEX} SET (fastupdate = off)')
    op.execute(f"SELECT gin_clean_pending_list('{INDEX}'::regclass)")


def downgrade() -> None:
    if _has_index():
        op.execute(f'ALTER INDEX {INDEX} RESET (fastupdate)')


def _has_index() -> bool:
    connection = op.get_bind()
    if connection.dialect.name != 'postgresql':
        return False
    return connection.execute(sa.text('SELECT to_regclass(:name)'), {'name': INDEX}).scalar() is not None
