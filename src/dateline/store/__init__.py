"""The corpus store: a SQLite file (store/sqlite.py, which documents the interface) or a
PostgreSQL database (store/postgres.py, the same interface); `open_store` picks by `--db`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from ..errors import Code, DatelineError

if TYPE_CHECKING:
    from .postgres import Store as PostgresStore
    from .sqlite import Store as SqliteStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
AnyStore: TypeAlias = "SqliteStore | PostgresStore"


def is_postgres(db: str | Path) -> bool:
    return isinstance(db, str) and db.startswith(POSTGRES_SCHEMES)


def describe(db: str | Path) -> str:
    """The store's name for messages: a URL without its password."""
    return re.sub(r"^(\w+://[^:/@]*):[^@/]*@", r"\1:***@", str(db))


def open_store(db: str | Path, *, readonly: bool = False) -> AnyStore:
    """The store named by `db`: a postgresql:// (or postgres://) URL opens a PostgreSQL store,
    anything else is a SQLite file path."""
    if is_postgres(db):
        try:
            from .postgres import Store as PgStore
        except ImportError as exc:
            raise DatelineError(
                Code.STORE,
                "a postgresql:// store needs psycopg: pip install 'dateline[postgres]' (or psycopg[binary])",
            ) from exc
        return PgStore.open(str(db), readonly=readonly)
    from .sqlite import Store

    return Store.open(db, readonly=readonly)
