"""The corpus store on a PostgreSQL server: the same interface as store/sqlite.py.

    from dateline.store import open_store
    with open_store("postgresql://user@host/news") as store:   # or a SQLite path
        store.search("démenti", Filters(language="fr"))

Everything above the database is shared with the SQLite store: the write logic (writer.py),
the read SQL (queries.py, analytics.py, export.py), the query syntax, filters and KWIC
snippets (query.py). This module holds what is PostgreSQL's own: connecting (psycopg 3, the
`postgres` extra), transactions, error messages, and the article row with its tsvector
(pg_search.py builds it; pg_schema.py has the tables). The shared SQL is written with `?`
placeholders, SQLite's case-insensitive LIKE and its NULL order; `Connection` translates
those three, so the SQL text stays one.

The connection runs in autocommit mode: a reader sees every batch as soon as it is committed;
a writer opens a transaction at its first write and `commit()` ends it, so a kill loses at most
the open batch, as with SQLite. The schema lives in the URL's database and the first schema of
its search_path (`?options=-csearch_path%3Dnews` keeps several stores in one database).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Any

import psycopg
from psycopg import errors as pgerrors
from psycopg.pq import TransactionStatus

from ..errors import Code, DatelineError
from . import describe
from .pg_schema import applied, migrate
from .pg_search import TsQuery, tsvector
from .queries import Queries
from .writer import Prepared, Writer


@functools.lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """SQLite-flavoured SQL to PostgreSQL: `?` placeholders to `%s`; LIKE to ILIKE (SQLite's
    LIKE ignores ASCII case); DESC to DESC NULLS LAST (SQLite puts NULLs last in DESC order)."""
    sql = sql.replace("%", "%%").replace("?", "%s")
    sql = re.sub(r"\bLIKE\b", "ILIKE", sql)
    return re.sub(r"\bDESC\b(?!\s+NULLS)", "DESC NULLS LAST", sql)


_STREAMS = itertools.count()


class Connection:
    """A psycopg connection that takes the shared modules' SQL (see `translate`)."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        return self.raw.execute(translate(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.raw.cursor() as cur:
            cur.executemany(translate(sql), list(rows))

    def stream(self, sql: str, params: Sequence[Any] = ()) -> psycopg.ServerCursor[Any]:
        """A server-side cursor: rows arrive in batches, so memory stays bounded (export)."""
        cur = self.raw.cursor(name=f"dateline_stream_{next(_STREAMS)}", withhold=True)
        cur.itersize = 500
        return cur.execute(translate(sql), params)

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status in (TransactionStatus.INTRANS, TransactionStatus.INERROR)


def store_error(exc: Exception, where: str) -> DatelineError:
    """A one-line, actionable message for the PostgreSQL errors users meet."""
    text = " ".join(str(exc).split())
    if isinstance(exc, pgerrors.InsufficientPrivilege):
        hint = "the database user may not do this; grant it the rights or use another --db"
    elif isinstance(exc, pgerrors.DiskFull):
        hint = "the server's disk is full; free space and run the same command again to resume"
    elif isinstance(exc, pgerrors.InvalidCatalogName):
        hint = "no such database on the server; create it (createdb) or fix the URL"
    elif isinstance(exc, pgerrors.UndefinedTable | pgerrors.UndefinedColumn):
        hint = "this database is not a dateline store (or is damaged)"
    elif isinstance(exc, psycopg.OperationalError):
        hint = "cannot reach the PostgreSQL server (is it running, and are the URL, user and password right?)"
    else:
        hint = "the PostgreSQL server refused the operation"
    return DatelineError(Code.STORE, f"{where}: {hint} ({text})")


class Store(Queries, Writer):
    engine = TsQuery()
    query_errors = (psycopg.DataError, psycopg.ProgrammingError)
    db_errors = (psycopg.Error,)

    def __init__(self, conn: Connection, path: str, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self._pending = 0

    @classmethod
    def open(cls, url: str, *, readonly: bool = False, timeout: float = 30.0) -> Store:
        where = describe(url)
        try:
            raw = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(timeout)))
        except psycopg.Error as exc:
            raise store_error(exc, where) from exc
        try:
            raw.execute("SET statement_timeout = 0")
            if readonly:
                if not applied(raw):
                    raise DatelineError(
                        Code.NOT_FOUND, f"{where}: no dateline store there; create it with dateline ingest"
                    )
            else:
                migrate(raw)
        except psycopg.Error as exc:
            raw.close()
            raise store_error(exc, where) from exc
        except DatelineError:
            raw.close()
            raise
        return cls(Connection(raw), where, readonly)

    def close(self) -> None:
        if self.conn.in_transaction:
            self.commit()
        self.conn.raw.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if kind is not None and self.conn.in_transaction:
            self.rollback()
        self.close()

    # -- writing (the rest is store/writer.py) -------------------------------------------------

    def _begin(self) -> None:
        if self.readonly:
            raise DatelineError(Code.STORE, f"{self.path} was opened read-only")
        if not self.conn.in_transaction:
            self.conn.raw.execute("BEGIN")

    def commit(self) -> None:
        try:
            if self.conn.in_transaction:
                self.conn.raw.execute("COMMIT")
        except psycopg.Error as exc:
            self.rollback()
            raise store_error(exc, self.path) from exc
        self._pending = 0

    def rollback(self) -> None:
        if self.conn.in_transaction and not self.conn.raw.closed:
            self.conn.raw.execute("ROLLBACK")
        self._pending = 0

    def _error(self, exc: Exception) -> DatelineError:
        return store_error(exc, self.path)

    def _insert_article(self, values: dict[str, Any], item: Prepared, canonical: bool) -> int:
        values = {
            **values,
            "search": tsvector(values["title"] or "", values["text"], item.lemmas) if canonical else None,
        }
        marks = ", ".join("CAST(? AS tsvector)" if key == "search" else "?" for key in values)
        sql = f"INSERT INTO articles ({', '.join(values)}) VALUES ({marks}) RETURNING n"
        return int(self.conn.execute(sql, list(values.values())).fetchone()[0])
