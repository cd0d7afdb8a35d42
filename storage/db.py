"""Engine, sessions and migrations."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration (tests/storage checks that it is Alembic's head): a database already there
# needs no Alembic at all
HEAD_REVISION = "0014"


class DatabaseError(Exception):
    """The database URL is wrong or the database cannot be reached."""


def make_engine(url: str) -> Engine:
    """An engine for a SQLite file or a PostgreSQL URL; SQLite folders are created."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"COOPWATCH_DATABASE_URL: not a database URL: {url!r}") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:  # unknown dialect, driver not installed
        raise DatabaseError(f"COOPWATCH_DATABASE_URL: {exc}") from None


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL survives a crash of coopwatch; a power cut may undo the last commits, and those
    # articles are simply fetched again on the next run (they are not known yet)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """One factory per process; callers own each session's transaction."""
    return sessionmaker(engine, expire_on_commit=False)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision."""
    if _at_head(engine):
        # every command but the first on a database: Alembic's import and its run at head were
        # about 0.2 s of CPU of each crawl's and each reading command's start-up
        return
    # imported here: the storage writer process never migrates
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _at_head(engine: Engine) -> bool:
    """Whether the database says it is at HEAD_REVISION (a new one has no version table yet). A
    database that cannot be reached raises here as it did in Alembic's run."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return list(versions) == [HEAD_REVISION]
