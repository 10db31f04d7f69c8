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

Open with `Store.open(path)` (creates and migrates) or `Store.open(path, readonly=True)`.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from ..article import Article
from ..errors import Code, DatelineError
from . import dedup
from .migrations import migrate
from .queries import Queries
from .search import lemma_index

# Outcomes recorded per input item; `failed` items are retried by the next run.
NEW, DUPLICATE, ALREADY, SKIPPED, FAILED = "new", "duplicate", "already", "skipped", "failed"


@dataclass
class Prepared:
    """An analysed article reduced to what the store writes (picklable, no spaCy objects)."""

    key: str
    record: dict[str, Any]
    text_hash: str
    signature: bytes
    canonical_url: str | None
    lemmas: str = ""
    lemma_forms: dict[str, list[str]] = field(default_factory=dict)
    producers: dict[str, str] = field(default_factory=dict)


@dataclass
class Added:
    outcome: str  # new | duplicate | already
    article: str
    duplicate_of: str | None = None
    kind: str | None = None  # url | exact | near
    score: float = 1.0


def prepare(article: Article, key: str, producers: dict[str, str] | None = None) -> Prepared:
    if article.id is None:
        article.assign_id()
    lemmas, forms = lemma_index(article.nlp) if article.nlp is not None else ("", {})
    done = set(article.steps)
    return Prepared(
        key=key,
        record=article.to_dict(),
        text_hash=dedup.text_hash(article.text),
        signature=dedup.to_blob(dedup.signature(article.text)),
        canonical_url=dedup.canonical_url(article.url),
        lemmas=lemmas,
        lemma_forms=forms,
        producers={f: s for f, s in (producers or {}).items() if s in done},
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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


class Store(Queries):
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

    def seen(self, key: str) -> str | None:
        """The outcome of an input item already handled (None: new, or failed last time)."""
        row = self.conn.execute("SELECT outcome FROM items WHERE key = ?", (key,)).fetchone()
        if row is None or row[0] == FAILED:
            return None
        return str(row[0])

    def note(self, key: str, outcome: str, reason: str | None = None, article: str | None = None) -> None:
        """Record an item that produced no new article (skipped, failed, already stored)."""
        self._write(
            "INSERT INTO items VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
            "outcome=excluded.outcome, reason=excluded.reason, article=excluded.article, seen=excluded.seen",
            (key, outcome, reason, article, _now()),
        )

    def _write(self, sql: str, params: tuple[Any, ...]) -> sqlite3.Cursor:
        try:
            self._begin()
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            self.rollback()
            raise store_error(exc, self.path) from exc

    def add(self, item: Prepared) -> Added:
        try:
            self._begin()
            result = self._add(item)
        except sqlite3.Error as exc:
            self.rollback()
            raise store_error(exc, self.path) from exc
        self._pending += 1
        return result

    def _add(self, item: Prepared) -> Added:
        rec = item.record
        aid = str(rec["id"])
        row = self.conn.execute("SELECT n FROM articles WHERE id = ?", (aid,)).fetchone()
        if row is not None:
            self.note(item.key, ALREADY, "the same article is already stored", aid)
            return Added(ALREADY, aid)
        link = self._find_duplicate(item)
        check = rec.get("date_check") or {}
        url = rec.get("url")
        cur = self.conn.execute(
            "INSERT INTO articles (id, url, canonical_url, host, source_kind, source_location, language, title, "
            "stated_date, estimated_date, verdict, text, lemmas, lemma_forms, text_hash, signature, duplicate_of, "
            "steps, record, ingested) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                aid,
                url,
                item.canonical_url,
                dedup.host(url),
                (rec.get("source") or {}).get("kind"),
                (rec.get("source") or {}).get("location"),
                rec.get("language"),
                rec.get("title"),
                rec.get("stated_date"),
                check.get("estimated"),
                check.get("verdict"),
                rec.get("text") or "",
                item.lemmas,
                json.dumps(item.lemma_forms, ensure_ascii=False),
                item.text_hash,
                item.signature,
                link[0] if link else None,
                json.dumps(rec.get("steps") or []),
                json.dumps(rec, ensure_ascii=False),
                _now(),
            ),
        )
        n = int(cur.lastrowid or 0)
        self._annotations(n, rec, item.producers)
        if link is None:
            # Only canonical articles are indexed: a search reaches copies through their links
            # (Filters.duplicates), and common words do not rank the same text twice.
            self.conn.execute(
                "INSERT INTO fts (rowid, title, text, lemmas) VALUES (?, ?, ?, ?)",
                (n, rec.get("title") or "", rec.get("text") or "", item.lemmas),
            )
            sig = dedup.from_blob(item.signature)
            self.conn.executemany(
                "INSERT INTO lsh VALUES (?, ?, ?)", [(b, bucket, n) for b, bucket in enumerate(dedup.bands(sig))]
            )
            self.note(item.key, NEW, None, aid)
            return Added(NEW, aid)
        of, kind, score = link
        self.conn.execute("INSERT OR IGNORE INTO duplicates VALUES (?, ?, ?, ?)", (n, of, kind, score))
        of_id = str(self.conn.execute("SELECT id FROM articles WHERE n = ?", (of,)).fetchone()[0])
        self.note(item.key, DUPLICATE, f"{kind} duplicate of {of_id}", aid)
        return Added(DUPLICATE, aid, of_id, kind, score)

    def _find_duplicate(self, item: Prepared) -> tuple[int, str, float] | None:
        """(canonical article n, kind, score) of the first stored copy, or None."""
        if item.canonical_url:
            row = self.conn.execute(
                "SELECT coalesce(duplicate_of, n) FROM articles WHERE canonical_url = ? ORDER BY n LIMIT 1",
                (item.canonical_url,),
            ).fetchone()
            if row is not None:
                return int(row[0]), "url", 1.0
        row = self.conn.execute(
            "SELECT coalesce(duplicate_of, n) FROM articles WHERE text_hash = ? ORDER BY n LIMIT 1", (item.text_hash,)
        ).fetchone()
        if row is not None:
            return int(row[0]), "exact", 1.0
        sig = dedup.from_blob(item.signature)
        buckets = dedup.bands(sig)
        where = " OR ".join("(band = ? AND bucket = ?)" for _ in buckets)
        params = [v for b, bucket in enumerate(buckets) for v in (b, bucket)]
        best: tuple[int, str, float] | None = None
        for cand, blob in self.conn.execute(
            f"SELECT DISTINCT a.n, a.signature FROM lsh JOIN articles a ON a.n = lsh.article WHERE {where}", params
        ):
            score = dedup.similarity(sig, dedup.from_blob(blob))
            if score >= dedup.NEAR_THRESHOLD and (best is None or score > best[2]):
                best = (int(cand), "near", round(score, 3))
        return best

    def _annotations(self, n: int, rec: dict[str, Any], producers: dict[str, str]) -> None:
        step = producers.get
        self.conn.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    n,
                    e["id"],
                    e["label"],
                    e["name"],
                    json.dumps(e.get("roles") or [], ensure_ascii=False),
                    json.dumps(e.get("mentions") or [], ensure_ascii=False),
                    step("entities"),
                )
                for e in rec.get("entities") or []
            ],
        )
        self.conn.executemany(
            "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    n,
                    i,
                    q["kind"],
                    q["start"],
                    q["end"],
                    q["text"],
                    (q.get("speaker") or {}).get("name"),
                    (q.get("speaker") or {}).get("entity"),
                    (q.get("cue") or {}).get("text"),
                    q.get("said_on"),
                    step("quotes"),
                )
                for i, q in enumerate(rec.get("quotes") or [])
            ],
        )
        self.conn.executemany(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    n,
                    i,
                    c["stance"],
                    c["start"],
                    c["end"],
                    c["text"],
                    (c.get("holder") or {}).get("name"),
                    (c.get("holder") or {}).get("entity"),
                    (c.get("cue") or {}).get("text"),
                    int(bool(c.get("negated"))),
                    int(bool(c.get("hedged"))),
                    step("claims"),
                )
                for i, c in enumerate(rec.get("claims") or [])
            ],
        )
        self.conn.executemany(
            "INSERT INTO timexes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    n,
                    i,
                    t["type"],
                    t.get("value"),
                    t["start"],
                    t["end"],
                    t["text"],
                    t.get("anchor"),
                    t.get("mod"),
                    step("timexes"),
                )
                for i, t in enumerate(rec.get("timexes") or [])
            ],
        )
        check = rec.get("date_check")
        if check:
            self.conn.execute(
                "INSERT INTO date_checks VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    n,
                    check.get("stated"),
                    check.get("estimated"),
                    check.get("verdict") or "unknown",
                    float(check.get("confidence") or 0.0),
                    check.get("reason"),
                    json.dumps(check.get("evidence") or [], ensure_ascii=False),
                    step("date_check"),
                ),
            )

    def pending(self) -> int:
        return self._pending

    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) of a feed's last complete read, for a conditional GET."""
        row = self.conn.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_feed_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._write(
            "INSERT INTO feeds VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, "
            "last_modified=excluded.last_modified, checked=excluded.checked",
            (url, etag, last_modified, _now()),
        )


def batched_commit(store: Store, started: float, *, every: int = 200, seconds: float = 2.0) -> float:
    """Commit when the batch is large or old enough; returns the new batch start time.
    200 articles or 2 s: a kill loses at most that much work, and commits stay rare enough
    that fsync does not dominate (each commit is one WAL sync)."""
    if store.pending() >= every or (store.pending() and time.monotonic() - started >= seconds):
        store.commit()
        return time.monotonic()
    return started
