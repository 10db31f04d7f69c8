"""Writing articles into a store, shared by both databases: what `prepare` keeps of an analysed
article, how `add` links duplicates and writes the article and its annotations, and the
`items` and `feeds` bookkeeping that makes an ingest idempotent and resumable.

The SQL is what SQLite and PostgreSQL both accept (`?` placeholders: the PostgreSQL connection
translates them; `ON CONFLICT` upserts). Each store supplies the transaction handling
(`_begin`, `commit`, `rollback`), its database errors (`db_errors`, `_error`) and the two
writes that differ: the article row itself and its full-text entry (`_insert_article`).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from ..article import Article
from ..errors import DatelineError
from . import dedup
from .lemmas import lemma_index

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


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Writer:
    """The write methods of a store (mixed into store/sqlite.py's and store/postgres.py's Store)."""

    conn: Any
    path: str
    db_errors: tuple[type[Exception], ...] = ()
    _pending = 0

    def _begin(self) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def rollback(self) -> None:
        raise NotImplementedError

    def _error(self, exc: Exception) -> DatelineError:
        raise NotImplementedError

    def _insert_article(self, values: dict[str, Any], item: Prepared, canonical: bool) -> int:
        """Insert the article row (and its full-text entry when `canonical`); return its n."""
        raise NotImplementedError

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
            (key, outcome, reason, article, now()),
        )

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        try:
            self._begin()
            self.conn.execute(sql, params)
        except self.db_errors as exc:
            self.rollback()
            raise self._error(exc) from exc

    def add(self, item: Prepared) -> Added:
        try:
            self._begin()
            result = self._add(item)
        except self.db_errors as exc:
            self.rollback()
            raise self._error(exc) from exc
        self._pending += 1
        return result

    def pending(self) -> int:
        return self._pending

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
        source = rec.get("source") or {}
        values = {
            "id": aid,
            "url": url,
            "canonical_url": item.canonical_url,
            "host": dedup.host(url),
            "source_kind": source.get("kind"),
            "source_location": source.get("location"),
            "language": rec.get("language"),
            "title": rec.get("title"),
            "stated_date": rec.get("stated_date"),
            "estimated_date": check.get("estimated"),
            "verdict": check.get("verdict"),
            "text": rec.get("text") or "",
            "lemmas": item.lemmas,
            "lemma_forms": json.dumps(item.lemma_forms, ensure_ascii=False),
            "text_hash": item.text_hash,
            "signature": item.signature,
            "duplicate_of": link[0] if link else None,
            "steps": json.dumps(rec.get("steps") or []),
            "record": json.dumps(rec, ensure_ascii=False),
            "ingested": now(),
        }
        # Only canonical articles are indexed: a search reaches copies through their links
        # (Filters.duplicates), and common words do not rank the same text twice.
        n = self._insert_article(values, item, link is None)
        self._annotations(n, rec, item.producers)
        if link is None:
            sig = dedup.from_blob(item.signature)
            self.conn.executemany(
                "INSERT INTO lsh VALUES (?, ?, ?)", [(b, bucket, n) for b, bucket in enumerate(dedup.bands(sig))]
            )
            self.note(item.key, NEW, None, aid)
            return Added(NEW, aid)
        of, kind, score = link
        self.conn.execute("INSERT INTO duplicates VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", (n, of, kind, score))
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

    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) of a feed's last complete read, for a conditional GET."""
        row = self.conn.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_feed_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._write(
            "INSERT INTO feeds VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, "
            "last_modified=excluded.last_modified, checked=excluded.checked",
            (url, etag, last_modified, now()),
        )


class Committer(Protocol):
    def pending(self) -> int: ...
    def commit(self) -> None: ...


def batched_commit(store: Committer, started: float, *, every: int = 200, seconds: float = 2.0) -> float:
    """Commit when the batch is large or old enough; returns the new batch start time.
    200 articles or 2 s: a kill loses at most that much work, and commits stay rare enough
    that fsync does not dominate (each commit is one WAL sync)."""
    if store.pending() >= every or (store.pending() and time.monotonic() - started >= seconds):
        store.commit()
        return time.monotonic()
    return started
