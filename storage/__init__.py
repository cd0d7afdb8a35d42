"""Persistence: SQLAlchemy models, engine/session setup, migrations and the repository."""
