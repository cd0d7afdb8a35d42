"""Persistence: SQLAlchemy models, engine/session setup, migrations and the repository."""

# every session keeps the events' search text and day counts in step on flush (these modules
# register the hooks)
from storage import counts as _counts  # noqa: F401
from storage import search as _search  # noqa: F401
