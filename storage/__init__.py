"""Persistence: SQLAlchemy models, engine/session setup, migrations and the repository."""

# every session keeps the events' search text in step on flush (storage/search.py registers the hook)
from storage import search as _search  # noqa: F401
