"""The web view reads through the repositories in storage/ and never builds its own SQL: a web
module may hold a session and catch the database's errors, but not write a query."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

ALLOWED = {"sqlalchemy.orm": {"Session", "sessionmaker"}, "sqlalchemy.exc": {"SQLAlchemyError"}}


def sqlalchemy_imports(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy":
            found |= {f"{node.module}.{a.name}" for a in node.names
                      if a.name not in ALLOWED.get(node.module or "", set())}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "sqlalchemy"}
    return found


def test_web_modules_import_no_query_building_from_sqlalchemy() -> None:
    offending = {path.name: sorted(names) for path in sorted((ROOT / "web").glob("*.py"))
                 if (names := sqlalchemy_imports(path.read_text(encoding="utf-8")))}
    assert offending == {}
