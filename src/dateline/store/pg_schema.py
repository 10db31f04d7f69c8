"""The PostgreSQL store's schema: the SQLite store's tables (store/migrations.py), with a
weighted `tsvector` column and a GIN index in place of FTS5, and the few SQLite functions the
shared SQL uses (store/queries.py, analytics.py, export.py) defined as SQL functions.

- `nocase`: a case-insensitive ICU collation, so `name = ? COLLATE NOCASE` reads the same in
  both databases (PostgreSQL folds the unquoted name to `nocase`; Debian's server has ICU).
- `instr`, `json_array_length(text)`, `json_extract(text, path)`, `group_concat`: SQLite's
  meanings (json_extract returns a string's value, other JSON as its text).
- Text columns that are compared as ranges or sorted (ids, dates, hosts, names) use the "C"
  collation: ids are matched by prefix with `id >= x AND id < x || U+FFFF`, dates by ISO
  string ranges, and lists sort as SQLite's binary order does, whatever the database locale.
- `articles.search`: title (weight A), body (B) and lemmas (C) of canonical articles only,
  built in Python (store/pg_search.py) from accent-folded words, so no extension is needed;
  NULL for duplicates, which a search reaches through their links as in SQLite.

Migrations are recorded in `schema_migrations` like SQLite's; a store written by a newer
dateline is refused. Concurrent first opens are serialised by an advisory lock.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..errors import Code, DatelineError

_FUNCTIONS = """
CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE OR REPLACE FUNCTION instr(haystack text, needle text) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT strpos(haystack, needle)';
CREATE OR REPLACE FUNCTION json_array_length(value text) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT json_array_length(value::json)';
CREATE OR REPLACE FUNCTION json_extract(value text, path text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE jsonb_typeof(v) WHEN 'string' THEN v #>> '{}' WHEN 'null' THEN NULL ELSE v::text END
    FROM (SELECT jsonb_path_query_first(value::jsonb, path::jsonpath) AS v) AS found
$$;
CREATE OR REPLACE FUNCTION group_concat_step(acc text, item text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN item IS NULL THEN acc WHEN acc IS NULL THEN item ELSE acc || ',' || item END
$$;
CREATE OR REPLACE AGGREGATE group_concat(text) (SFUNC = group_concat_step, STYPE = text);
"""

_TABLES = """
CREATE TABLE articles (
    n bigserial PRIMARY KEY,
    id text COLLATE "C" NOT NULL UNIQUE,
    url text,
    canonical_url text,
    host text COLLATE "C",
    source_kind text,
    source_location text,
    language text COLLATE "C",
    title text,
    stated_date text COLLATE "C",
    estimated_date text COLLATE "C",
    verdict text,
    text text NOT NULL,
    lemmas text NOT NULL DEFAULT '',
    lemma_forms text NOT NULL DEFAULT '{}',
    text_hash text NOT NULL,
    signature bytea,
    duplicate_of bigint REFERENCES articles(n),
    steps text NOT NULL DEFAULT '[]',
    record text NOT NULL,
    ingested text NOT NULL,
    search tsvector
);
CREATE INDEX articles_canonical ON articles(canonical_url);
CREATE INDEX articles_hash ON articles(text_hash);
CREATE INDEX articles_stated ON articles(stated_date DESC NULLS LAST, n DESC);
CREATE INDEX articles_estimated ON articles(estimated_date);
CREATE INDEX articles_language ON articles(language, stated_date);
CREATE INDEX articles_host ON articles(host);
CREATE INDEX articles_verdict ON articles(verdict);
CREATE INDEX articles_copies ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX articles_search ON articles USING gin(search);

CREATE TABLE entities (
    article bigint NOT NULL REFERENCES articles(n),
    eid text NOT NULL, label text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL,
    roles text NOT NULL, mentions text NOT NULL, step text
);
CREATE INDEX entities_article ON entities(article);
CREATE INDEX entities_name ON entities((name COLLATE nocase));
CREATE TABLE quotes (
    article bigint NOT NULL REFERENCES articles(n), idx integer NOT NULL,
    kind text NOT NULL, start integer NOT NULL, "end" integer NOT NULL, text text NOT NULL,
    speaker text COLLATE "C", speaker_entity text, cue text, said_on text COLLATE "C", step text,
    rowid bigserial UNIQUE
);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_speaker ON quotes((speaker COLLATE nocase));
CREATE TABLE claims (
    article bigint NOT NULL REFERENCES articles(n), idx integer NOT NULL,
    stance text NOT NULL, start integer NOT NULL, "end" integer NOT NULL, text text NOT NULL,
    holder text COLLATE "C", holder_entity text, cue text, negated integer NOT NULL, hedged integer NOT NULL,
    step text, rowid bigserial UNIQUE
);
CREATE INDEX claims_article ON claims(article);
CREATE INDEX claims_holder ON claims((holder COLLATE nocase));
CREATE TABLE timexes (
    article bigint NOT NULL REFERENCES articles(n), idx integer NOT NULL,
    type text NOT NULL, value text, start integer NOT NULL, "end" integer NOT NULL, text text NOT NULL,
    anchor text, mod text, step text
);
CREATE INDEX timexes_article ON timexes(article);
CREATE TABLE date_checks (
    article bigint PRIMARY KEY REFERENCES articles(n),
    stated text, estimated text, verdict text NOT NULL, confidence double precision NOT NULL,
    reason text, evidence text NOT NULL, step text
);
CREATE TABLE duplicates (
    article bigint NOT NULL REFERENCES articles(n),
    of bigint NOT NULL REFERENCES articles(n),
    kind text NOT NULL, score double precision NOT NULL,
    PRIMARY KEY (article, of, kind)
);
CREATE INDEX duplicates_of ON duplicates(of);
CREATE TABLE lsh (band integer NOT NULL, bucket bigint NOT NULL, article bigint NOT NULL);
CREATE INDEX lsh_bucket ON lsh(band, bucket);
CREATE TABLE items (key text PRIMARY KEY, outcome text NOT NULL, reason text, article text, seen text NOT NULL);
CREATE TABLE feeds (url text PRIMARY KEY, etag text, last_modified text, checked text NOT NULL);
"""

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "functions", _FUNCTIONS),
    (2, "tables and full-text index", _TABLES),
)


def applied(conn: Any) -> list[int]:
    """Versions recorded in `schema_migrations` ([] when the table does not exist)."""
    row = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
    if not row[0]:
        return []
    return [int(r[0]) for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]


def migrate(conn: Any) -> list[int]:
    """Apply the missing migrations in one transaction; return the versions applied now.
    `conn`: a psycopg connection in autocommit mode (store/postgres.py opens it so)."""
    with conn.transaction():
        # One opener migrates at a time; the others wait and then find the work done.
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('dateline schema'))")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version integer PRIMARY KEY, name text NOT NULL, applied text)"
        )
        done = set(applied(conn))
        unknown = sorted(done - {version for version, _, _ in MIGRATIONS})
        if unknown:
            raise DatelineError(
                Code.STORE,
                f"this store was written by a newer dateline (schema migration {unknown[-1]}); "
                "upgrade dateline to open it",
            )
        now = datetime.now(UTC).isoformat(timespec="seconds")
        new: list[int] = []
        for version, name, script in MIGRATIONS:
            if version not in done:
                conn.execute(script)
                conn.execute("INSERT INTO schema_migrations VALUES (%s, %s, %s)", (version, name, now))
                new.append(version)
    return new
