"""The store's schema as an ordered list of migrations.

Each migration is applied once, in its own transaction, and recorded in `schema_migrations`;
opening a store applies the ones it lacks, so an old store upgrades in place and a store made
by a newer dateline (a version we do not know) is refused rather than misread. Never edit a
released migration: append a new one.

Tables (every annotation row carries `step`, the "name@version" that produced it):
- articles: one row per stored page; `record` is the full dateline.article/1 JSON;
  `duplicate_of` points at the canonical row when this one is a duplicate (never deleted).
- entities, quotes, claims, timexes, date_checks: stand-off spans into articles.text.
- duplicates: links (article, of, kind, score); kind is exact | url | near.
- lsh: MinHash band buckets for near-duplicate candidates.
- items: every input item seen (key: path, URL, WARC file#record id) and its outcome, so a
  rerun skips it without reading it again (idempotent, resumable).
- feeds: ETag / Last-Modified per feed URL for conditional GET.
- fts: FTS5 over title, text (accents folded) and lemmas of canonical articles only (its
  external content is the `canonical` view); copies are reached through `duplicates`.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from ..errors import Code, DatelineError

_ARTICLES = """
CREATE TABLE articles (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    canonical_url TEXT,
    host TEXT,
    source_kind TEXT,
    source_location TEXT,
    language TEXT,
    title TEXT,
    stated_date TEXT,
    estimated_date TEXT,
    verdict TEXT,
    text TEXT NOT NULL,
    lemmas TEXT NOT NULL DEFAULT '',
    lemma_forms TEXT NOT NULL DEFAULT '{}',
    text_hash TEXT NOT NULL,
    signature BLOB,
    duplicate_of INTEGER REFERENCES articles(n),
    steps TEXT NOT NULL DEFAULT '[]',
    record TEXT NOT NULL,
    ingested TEXT NOT NULL
);
CREATE INDEX articles_canonical ON articles(canonical_url);
CREATE INDEX articles_hash ON articles(text_hash);
CREATE INDEX articles_stated ON articles(stated_date);
CREATE INDEX articles_estimated ON articles(estimated_date);
CREATE INDEX articles_language ON articles(language);
CREATE INDEX articles_host ON articles(host);
CREATE INDEX articles_verdict ON articles(verdict);
"""

_ANNOTATIONS = """
CREATE TABLE entities (
    article INTEGER NOT NULL REFERENCES articles(n),
    eid TEXT NOT NULL, label TEXT NOT NULL, name TEXT NOT NULL,
    roles TEXT NOT NULL, mentions TEXT NOT NULL, step TEXT
);
CREATE INDEX entities_article ON entities(article);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE TABLE quotes (
    article INTEGER NOT NULL REFERENCES articles(n), idx INTEGER NOT NULL,
    kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    speaker TEXT, speaker_entity TEXT, cue TEXT, said_on TEXT, step TEXT
);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE);
CREATE TABLE claims (
    article INTEGER NOT NULL REFERENCES articles(n), idx INTEGER NOT NULL,
    stance TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    holder TEXT, holder_entity TEXT, cue TEXT, negated INTEGER NOT NULL, hedged INTEGER NOT NULL, step TEXT
);
CREATE INDEX claims_article ON claims(article);
CREATE TABLE timexes (
    article INTEGER NOT NULL REFERENCES articles(n), idx INTEGER NOT NULL,
    type TEXT NOT NULL, value TEXT, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    anchor TEXT, mod TEXT, step TEXT
);
CREATE INDEX timexes_article ON timexes(article);
CREATE TABLE date_checks (
    article INTEGER PRIMARY KEY REFERENCES articles(n),
    stated TEXT, estimated TEXT, verdict TEXT NOT NULL, confidence REAL NOT NULL,
    reason TEXT, evidence TEXT NOT NULL, step TEXT
);
"""

_LINKS = """
CREATE TABLE duplicates (
    article INTEGER NOT NULL REFERENCES articles(n),
    of INTEGER NOT NULL REFERENCES articles(n),
    kind TEXT NOT NULL, score REAL NOT NULL,
    PRIMARY KEY (article, of, kind)
);
CREATE INDEX duplicates_of ON duplicates(of);
CREATE TABLE lsh (band INTEGER NOT NULL, bucket INTEGER NOT NULL, article INTEGER NOT NULL);
CREATE INDEX lsh_bucket ON lsh(band, bucket);
CREATE TABLE items (
    key TEXT PRIMARY KEY, outcome TEXT NOT NULL, reason TEXT, article TEXT, seen TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE feeds (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, checked TEXT NOT NULL) WITHOUT ROWID;
"""

# remove_diacritics 2 folds accents on every letter ("démenti" = "dementi"); the lemma column
# is built from the spaCy Doc so inflected forms meet ("démentent" -> "démentir").
_FTS = """
CREATE VIEW canonical AS SELECT n, title, text, lemmas FROM articles WHERE duplicate_of IS NULL;
CREATE VIRTUAL TABLE fts USING fts5(
    title, text, lemmas, content='canonical', content_rowid='n',
    tokenize="unicode61 remove_diacritics 2"
);
"""

# Covering indexes for the search filters: the filter subquery of store/search.py reads them
# without touching the wide article rows (language + year on the 100k bench store: 110 ms of
# row lookups before, index-only after).
_FILTERS = """
CREATE INDEX articles_filter_language ON articles(language, stated_date, host, verdict, estimated_date);
CREATE INDEX articles_filter_date ON articles(stated_date, language, host, verdict, estimated_date);
"""

# Prefix indexes for 2-4 character prefixes ("dément*", "retrait*"): without them a prefix
# query merges the doclists of every matching word (73 ms p50 for a 4-letter prefix on the 100k
# bench store). FTS5 options cannot be altered, so the index is rebuilt from `canonical`.
_PREFIX = """
CREATE VIEW IF NOT EXISTS canonical AS SELECT n, title, text, lemmas FROM articles WHERE duplicate_of IS NULL;
DROP TABLE fts;
CREATE VIRTUAL TABLE fts USING fts5(
    title, text, lemmas, content='canonical', content_rowid='n',
    tokenize="unicode61 remove_diacritics 2", prefix='2 3 4'
);
INSERT INTO fts(fts) VALUES ('rebuild');
"""

# The filter indexes again with `duplicate_of` last, so a listing with a filter and no query
# ("/search?lang=fr") counts its canonical rows from the index alone: bench/web.py measured
# ~300 ms p95 on the 100k store while it read every matching row for `duplicate_of IS NULL`.
_FILTERS_CANONICAL = """
DROP INDEX articles_filter_language;
DROP INDEX articles_filter_date;
CREATE INDEX articles_filter_language ON articles(language, stated_date, host, verdict, estimated_date, duplicate_of);
CREATE INDEX articles_filter_date ON articles(stated_date, language, host, verdict, estimated_date, duplicate_of);
"""

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "articles", _ARTICLES),
    (2, "annotations", _ANNOTATIONS),
    (3, "duplicates, lsh, items, feeds", _LINKS),
    (4, "full-text index", _FTS),
    (5, "covering indexes for search filters", _FILTERS),
    (6, "prefix indexes", _PREFIX),
    (7, "filter indexes cover duplicate_of", _FILTERS_CANONICAL),
)


def applied(conn: sqlite3.Connection) -> list[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT)"
    )
    return [int(row[0]) for row in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply the missing migrations in order; return the versions applied now."""
    done = set(applied(conn))
    known = {version for version, _, _ in MIGRATIONS}
    unknown = sorted(done - known)
    if unknown:
        raise DatelineError(
            Code.STORE,
            f"this store was written by a newer dateline (schema migration {unknown[-1]}); upgrade dateline to open it",
        )
    now = datetime.now(UTC).isoformat(timespec="seconds")
    new: list[int] = []
    for version, name, script in MIGRATIONS:
        if version in done:
            continue
        # executescript commits first; wrap the script so a migration is all or nothing.
        try:
            conn.executescript(
                f"BEGIN;\n{script}\nINSERT INTO schema_migrations VALUES ({version}, '{name}', '{now}');\nCOMMIT;"
            )
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise DatelineError(Code.STORE, f"cannot upgrade the store (migration {version}, {name}): {exc}") from exc
        new.append(version)
    return new
