"""The corpus store: one SQLite file (WAL mode) holding articles and their annotations.

Writing (ingest): `prepare(article, key, producers)` runs where the article was analysed (a
pool worker) and returns a picklable `Prepared`; `Store.add(prepared)` links duplicates and
writes the article, its annotations, its full-text row and its `items` row in the current
transaction. `Store.commit()` ends a batch: a kill at any moment loses at most the open batch,
never half an article, and the rerun redoes exactly that batch (`Store.seen(key)`).

Reading (CLI, web UI) — every method returns plain dataclasses or dicts ready for JSON:

    from dateline.store.sqlite import Store
    from dateline.store.search import Filters
    with Store.open("news.db", readonly=True) as store:
        hits = store.search("démenti", Filters(language="fr", date_from="2024-03"), limit=20, offset=0)
        hits[0].to_dict()   # id, title, url, host, language, stated_date, estimated_date, verdict,
                            # duplicate_of, score, snippets=[{text, highlights=[[start, end]]}]
        store.count("démenti", Filters(language="fr"))      # exact number of matching articles
        store.get(hits[0].id)         # Article (or None); store.record(id) -> the JSON dict
        store.duplicates(id)          # links: [{article, duplicate_of, kind url|exact|near, score}]
        store.entities(label="PER", name=None, limit=50, offset=0)   # name, label, articles, mentions
        store.quotes(speaker=None, article=None, limit=50, offset=0)
        store.claims(stance=None, holder=None, article=None, limit=50, offset=0)
        store.date_alerts(limit=50, offset=0)   # verdict "inconsistent", most confident first
        store.sources()                          # per host: articles, duplicates, date span, languages
        store.speakers(limit=50)                 # speakers by number of quotes
        store.stats()                            # counts, and input items by outcome

Filters (store/search.py): date_from/date_to (stated date, inclusive ISO prefixes),
estimated_from/estimated_to (date-check estimate), language, source (host or input location),
entity, speaker, verdict, duplicates. Query syntax: words ANDed, "phrases", prefix*, -word,
a OR b; accents and case folded; bare words also match lemmas when the store has them. An
`id` may be a unique prefix of 6+ characters. A read-only `Store` is safe to share between
threads only with one connection per thread (open one per request or per worker).

Open with `Store.open(path)` (creates and migrates) or `Store.open(path, readonly=True)`, or
through `dateline.store.open_store(db)`, which also opens a PostgreSQL store (store/postgres.py,
the same interface) when `db` is a postgresql:// URL. The write logic and the read SQL are
shared with it (store/writer.py, store/queries.py); this module holds what is SQLite's own:
opening the file, transactions, the error messages, and the FTS5 row.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import Code, DatelineError
from .migrations import migrate
from .queries import Queries
from .search import FTS5
from .writer import ALREADY, DUPLICATE, FAILED, NEW, SKIPPED, Added, Prepared, Writer, batched_commit, prepare

__all__ = [
    "ALREADY", "DUPLICATE", "FAILED", "NEW", "SKIPPED", "Added", "Prepared", "Store", "batched_commit", "prepare",
    "store_error",
]  # fmt: skip


def store_error(exc: sqlite3.Error, path: str) -> DatelineError:
    """A one-line, actionable message for the SQLite errors users meet."""
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        hint = "the database (or its folder) is read-only; choose a writable --db or fix its permissions"
    elif "disk is full" in text or "full" in text:
        hint = "the disk is full; free space and run the same command again to resume"
    elif "locked" in text or "busy" in text:
        hint = "another process holds the database; wait for it or use another --db"
    elif "unable to open" in text:
        hint = "cannot open or create the database file (does its folder exist and is it writable?)"
    elif "not a database" in text or "malformed" in text:
        hint = "the file is not a dateline store (or is damaged)"
    else:
        hint = text
    return DatelineError(Code.STORE, f"{path}: {hint} ({text})")


class Store(Queries, Writer):
    engine = FTS5()
    query_errors = (sqlite3.OperationalError,)
    db_errors = (sqlite3.Error,)

    def __init__(self, conn: sqlite3.Connection, path: str, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self._pending = 0

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, timeout: float = 30.0) -> Store:
        location = str(path)
        p = Path(path)
        if readonly and not p.exists():
            raise DatelineError(Code.NOT_FOUND, f"{location}: no such store; create it with dateline ingest")
        try:
            if readonly:
                conn = sqlite3.connect(f"file:{p.resolve()}?mode=ro", uri=True, timeout=timeout, isolation_level=None)
                try:
                    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                except sqlite3.OperationalError:
                    # A WAL store in a read-only folder cannot create its -shm file: read it as
                    # immutable (safe: nobody can be writing where we cannot).
                    conn.close()
                    conn = sqlite3.connect(
                        f"file:{p.resolve()}?immutable=1", uri=True, timeout=timeout, isolation_level=None
                    )
            else:
                conn = sqlite3.connect(location, timeout=timeout, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                # NORMAL in WAL mode: a committed batch survives a process kill; only an OS
                # crash can lose the last batches, never corrupt the file (SQLite docs, WAL).
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("PRAGMA foreign_keys=ON")
                migrate(conn)
            conn.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache
            version = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
            if version is None or version[0] is None:
                raise DatelineError(Code.STORE, f"{location} is not a dateline store")
        except sqlite3.Error as exc:
            raise store_error(exc, location) from exc
        return cls(conn, location, readonly)

    def close(self) -> None:
        if self.conn.in_transaction:
            self.commit()
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if kind is not None and self.conn.in_transaction:
            self.conn.rollback()
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def _begin(self) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        try:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self.rollback()
            raise store_error(exc, self.path) from exc
        self._pending = 0

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self._pending = 0

    def _error(self, exc: Exception) -> DatelineError:
        return store_error(exc, self.path) if isinstance(exc, sqlite3.Error) else DatelineError(Code.STORE, str(exc))

    def _insert_article(self, values: dict[str, Any], item: Prepared, canonical: bool) -> int:
        marks = ", ".join("?" * len(values))
        cur = self.conn.execute(f"INSERT INTO articles ({', '.join(values)}) VALUES ({marks})", list(values.values()))
        n = int(cur.lastrowid or 0)
        if canonical:
            self.conn.execute(
                "INSERT INTO fts (rowid, title, text, lemmas) VALUES (?, ?, ?, ?)",
                (n, values["title"] or "", values["text"], item.lemmas),
            )
        return n
