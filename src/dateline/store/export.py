"""Export a store: JSONL (the dateline.article/1 record per article), CSV and Parquet tables.

Tables (`table=`): articles (one row per article), quotes, claims, entities, timexes (one row
per annotation, with the article id, URL and stated date, and the producing step version).
JSONL of `articles` is the full record; JSONL of another table is its rows as objects.
Parquet of `articles` also carries the full record as a JSON string column. Rows stream from
the database (a server-side cursor with PostgreSQL; Parquet in batches of 1,000), so memory
stays bounded whatever the store size.
Duplicates are left out unless `duplicates=True` (their `duplicate_of` column names the
canonical article).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from ..errors import Code, DatelineError

TABLES = ("articles", "quotes", "claims", "entities", "timexes")
FORMATS = ("jsonl", "csv", "parquet")
_JOIN = "JOIN articles a ON a.n = t.article"
_ARTICLE = "a.id AS article, a.url AS url, a.stated_date AS stated_date"

_QUERIES: dict[str, str] = {
    "articles": (
        "SELECT a.id, a.url, a.source_kind, a.source_location, a.language, a.title, "
        "json_extract(a.record, '$.authors') AS authors, json_extract(a.record, '$.section') AS section, "
        "a.stated_date, a.estimated_date, a.verdict, (SELECT d.id FROM articles d WHERE d.n = a.duplicate_of) "
        "AS duplicate_of, (SELECT count(*) FROM entities e WHERE e.article = a.n) AS entities, "
        "(SELECT count(*) FROM quotes q WHERE q.article = a.n) AS quotes, "
        "(SELECT count(*) FROM claims c WHERE c.article = a.n) AS claims, a.steps, a.text, a.record "
        "FROM articles a"
    ),
    "quotes": f'SELECT {_ARTICLE}, t.kind, t.text, t.speaker, t.speaker_entity, t.cue, t.said_on, t.start, t."end", '
    f"t.step FROM quotes t {_JOIN}",
    "claims": f"SELECT {_ARTICLE}, t.stance, t.text, t.holder, t.holder_entity, t.cue, t.negated, t.hedged, "
    f't.start, t."end", t.step FROM claims t {_JOIN}',
    "entities": f"SELECT {_ARTICLE}, t.eid, t.label, t.name, t.roles, json_array_length(t.mentions) AS mentions, "
    f"t.step FROM entities t {_JOIN}",
    "timexes": f'SELECT {_ARTICLE}, t.type, t.value, t.text, t.start, t."end", t.anchor, t.mod, t.step '
    f"FROM timexes t {_JOIN}",
}
_ORDER = {"articles": " ORDER BY a.n", "quotes": " ORDER BY a.n, t.idx", "claims": " ORDER BY a.n, t.idx"}


def rows(conn: Any, table: str, *, duplicates: bool = False) -> Iterator[dict[str, Any]]:
    if table not in _QUERIES:
        raise DatelineError(Code.STORE, f"no table {table!r}; choose one of {', '.join(TABLES)}")
    sql = _QUERIES[table] + ("" if duplicates else " WHERE a.duplicate_of IS NULL") + _ORDER.get(table, " ORDER BY a.n")
    # The PostgreSQL connection streams through a server-side cursor; sqlite3's cursor already
    # reads row by row.
    stream = getattr(conn, "stream", None)
    cursor = stream(sql) if stream is not None else conn.execute(sql)
    names = [d[0] for d in cursor.description]
    try:
        for row in cursor:
            out = dict(zip(names, row, strict=True))
            if table == "articles":
                out["authors"] = "; ".join(json.loads(out["authors"] or "[]"))
                out["steps"] = " ".join(json.loads(out["steps"] or "[]"))
            yield out
    finally:
        cursor.close()


def write_jsonl(conn: Any, out: IO[str], table: str = "articles", *, duplicates: bool = False) -> int:
    n = 0
    for row in rows(conn, table, duplicates=duplicates):
        if table == "articles":
            out.write(row["record"] + "\n")
        else:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(conn: Any, out: IO[str], table: str = "articles", *, duplicates: bool = False) -> int:
    writer: csv.DictWriter[str] | None = None
    n = 0
    for row in rows(conn, table, duplicates=duplicates):
        row.pop("record", None)
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)
        n += 1
    if writer is None:  # an empty table still gets its header
        cursor = conn.execute(_QUERIES[table] + " LIMIT 0")
        csv.writer(out).writerow([d[0] for d in cursor.description if d[0] != "record"])
    return n


def write_parquet(conn: Any, path: str, table: str = "articles", *, duplicates: bool = False) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise DatelineError(Code.STORE, "Parquet export needs pyarrow: pip install pyarrow") from exc
    cursor = conn.execute(_QUERIES[table] + " LIMIT 0")
    names = [d[0] for d in cursor.description]
    ints = {"entities", "quotes", "claims", "start", "end", "negated", "hedged", "mentions"}
    schema = pa.schema([(name, pa.int64() if name in ints else pa.string()) for name in names])
    n = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, schema) as writer:
        for row in rows(conn, table, duplicates=duplicates):
            batch.append(row)
            if len(batch) >= 1000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
