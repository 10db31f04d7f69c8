"""Read-only questions over a store that the web pages ask beyond `Store`'s read interface:
facets and counts over time for a query, one entity's profile, per-source date-alert shares.

Every function takes the store (its connection and lemmatiser) and reuses store/search.py's
query parser and filter SQL, so a facet or a chart counts exactly the articles a search finds.
Only canonical articles are counted (duplicates are links, not new reporting).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from . import query as fts
from .queries import Queries

# Facets are counted on at most this many matches, the most recently stored ones: a common word
# matches most of a 100k store; ranking all its matches by BM25 to pick a sample cost ~190 ms
# and grouping all of them ~300 ms (bench/web.py), while FTS5 gives the newest rows in index
# order at no cost. The page says when a sample was used.
FACET_SAMPLE = 2000


def _matches(store: Queries, query: str, filters: fts.Filters, *, sample: int | None) -> tuple[str, list[Any]]:
    """SQL selecting the row numbers (`n`) of the canonical articles a search finds (the newest
    `sample` of them when given)."""
    parsed = fts.parse(query, store.lemmatizer())
    filters = fts.Filters(**{**filters.__dict__, "duplicates": False})
    if not parsed.clauses:
        limit = f" ORDER BY 1 DESC LIMIT {int(sample)}" if sample else ""
        where, params = fts.filter_sql(filters)
        return "SELECT a.n FROM articles a WHERE " + " AND ".join(where) + limit, params
    return store.engine.matching(parsed, filters, sample)


def facets(store: Queries, query: str, filters: fts.Filters, *, top: int = 8) -> dict[str, Any]:
    """Top sources, people, organisations and places among the matches of a query."""
    sql, params = _matches(store, query, filters, sample=FACET_SAMPLE)
    conn = store.conn
    # A temporary table (per connection, unqualified: SQLite and PostgreSQL both look in the
    # temporary schema first); every row of the match SQL is a distinct article.
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS facet_rows (n INTEGER PRIMARY KEY)")
    try:
        conn.execute("DELETE FROM facet_rows")
        conn.execute(f"INSERT INTO facet_rows {sql}", params)
        sampled = int(conn.execute("SELECT count(*) FROM facet_rows").fetchone()[0])
        sources = conn.execute(
            "SELECT coalesce(a.host, '(' || a.source_kind || ')'), count(*) FROM facet_rows r "
            "JOIN articles a ON a.n = r.n GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
            (top,),
        ).fetchall()
        out: dict[str, Any] = {"sampled": sampled, "sample_limit": FACET_SAMPLE}
        out["sources"] = [{"name": r[0], "articles": r[1]} for r in sources]
        for key, label in (("people", "PER"), ("organisations", "ORG"), ("places", "LOC")):
            rows = conn.execute(
                "SELECT e.name, count(DISTINCT e.article) FROM facet_rows r JOIN entities e ON e.article = r.n "
                "WHERE e.label = ? GROUP BY e.name ORDER BY 2 DESC, 1 LIMIT ?",
                (label, top),
            ).fetchall()
            out[key] = [{"name": r[0], "articles": r[1]} for r in rows]
    finally:
        conn.execute("DELETE FROM facet_rows")
    return out


def _period(span_days: int) -> int:
    """Characters of an ISO date to group by: months for up to six years, else years (a chart
    of more than ~72 bars stops being readable at 400 px)."""
    return 7 if span_days <= 6 * 366 else 4


# Per-period counts read the (stated_date, rowid) index only: reading the articles' rows (5 kB
# each with text and record) for 65k matches took ~700 ms on 100k articles, the index ~60 ms.
# The FROM clause comes from the engine: an INDEXED BY hint in SQLite, plain "articles" in
# PostgreSQL, whose planner picks its own path.
def _by_date(store: Queries) -> str:
    return store.engine.by_date


def timeline(store: Queries, query: str, filters: fts.Filters) -> dict[str, Any]:
    """Articles per period (stated date) matching the query, beside all articles of the period."""
    sql, params = _matches(store, query, filters, sample=None)
    conn = store.conn
    totals = _totals(store)
    if not totals:
        return {"period": "month", "rows": []}
    width = _period(_days(totals[0][0], totals[-1][0]))
    merged: Counter[str] = Counter()
    for period, n in totals:
        merged[period[:width]] += n
    if not query.strip() and fts.Filters(**{**filters.__dict__, "duplicates": False}) == fts.Filters():
        matched: dict[str, int] = dict(merged)  # every article: the denominator itself
    else:
        matched = dict(
            conn.execute(
                f"SELECT substr(stated_date, 1, {width}), count(*) FROM {_by_date(store)} "
                f"WHERE stated_date >= '1' AND n IN ({sql}) GROUP BY 1",
                params,
            ).fetchall()
        )
    rows = []
    for p in _fill(min(merged), max(merged)):
        t, m = merged.get(p, 0), int(matched.get(p, 0))
        rows.append({"period": p, "articles": m, "all": t, "share": round(m / t, 4) if t else 0.0})
    return {"period": "month" if width == 7 else "year", "rows": rows}


_TOTALS: dict[str, list[tuple[str, int]]] = {}


def _totals(store: Queries) -> list[tuple[str, int]]:
    """Canonical articles per month, cached per store state (its location and last row number):
    the denominator of every chart (duplicates are subtracted through their links)."""
    conn = store.conn
    last = conn.execute("SELECT max(n) FROM articles").fetchone()[0]
    key = f"{store.path}:{last}"
    if key not in _TOTALS:
        if len(_TOTALS) > 64:
            _TOTALS.clear()
        counts = Counter(
            dict(
                conn.execute(
                    f"SELECT substr(stated_date, 1, 7), count(*) FROM {_by_date(store)} "
                    "WHERE stated_date >= '1' GROUP BY 1"
                ).fetchall()
            )
        )
        counts.subtract(
            dict(
                conn.execute(
                    "SELECT substr(a.stated_date, 1, 7), count(DISTINCT a.n) FROM duplicates d "
                    "JOIN articles a ON a.n = d.article WHERE a.stated_date >= '1' GROUP BY 1"
                ).fetchall()
            )
        )
        _TOTALS[key] = sorted((str(p), int(c)) for p, c in counts.items() if c > 0)
    return _TOTALS[key]


def _days(first: str, last: str) -> int:
    def ordinal(value: str) -> int:
        year = int(value[:4]) if value[:4].isdigit() else 0
        month = int(value[5:7]) if value[5:7].isdigit() else 1
        return year * 372 + month * 31

    return max(0, ordinal(last) - ordinal(first))


# -- one entity --------------------------------------------------------------------------------


def entity(store: Queries, name: str, *, limit: int = 200) -> dict[str, Any] | None:
    """Everything the store knows about one named entity: labels, roles seen (with counts),
    the articles naming it, the quotes it said and the claims it holds (by date)."""
    conn = store.conn
    rows = conn.execute(
        "SELECT e.label, e.roles, e.mentions, a.id, a.title, a.stated_date, a.host, a.n, e.eid FROM entities e "
        "JOIN articles a ON a.n = e.article WHERE e.name = ? COLLATE NOCASE AND a.duplicate_of IS NULL "
        "ORDER BY coalesce(a.stated_date, '') DESC, a.n DESC",
        (name,),
    ).fetchall()
    quotes = _said(store, name, limit=limit)
    claims = _held(store, name, limit=limit)
    if not rows and not quotes and not claims:
        return None
    labels: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    articles: list[dict[str, Any]] = []
    for label, role_json, mentions, aid, title, date, host, _n, _eid in rows:
        labels[label] += 1
        roles.update(str(r) for r in json.loads(role_json))
        if len(articles) < limit:
            articles.append(
                {"article": aid, "title": title, "stated_date": date, "source": host,
                 "mentions": len(json.loads(mentions))}
            )  # fmt: skip
    return {
        "name": _canonical(conn, name) if rows else name,
        "labels": [label for label, _ in labels.most_common()],
        "roles": [{"role": r, "articles": c} for r, c in roles.most_common()],
        "articles_count": len(rows),
        "articles": articles,
        "quotes": quotes,
        "claims": claims,
    }


def _canonical(conn: Any, name: str) -> str:
    """The most frequent spelling of a name matched case-insensitively."""
    row = conn.execute(
        "SELECT name FROM entities WHERE name = ? COLLATE NOCASE GROUP BY name ORDER BY count(*) DESC LIMIT 1", (name,)
    ).fetchone()
    return str(row[0]) if row else name


# Who said it: the quote's resolved speaker name, or its speaker entity's canonical name in the
# same article (a quote by "la ministre" resolved to entity e3 counts for e3's name). Written as
# one IN over two indexed lookups: an OR with a correlated EXISTS scanned every quote and ran
# the EXISTS through the name index each time (1.3 s for a person page on 102k articles,
# bench/web.py).
_SPEAKER = (
    "q.rowid IN (SELECT rowid FROM quotes WHERE speaker = ? COLLATE NOCASE UNION "
    "SELECT x.rowid FROM entities e JOIN quotes x ON x.article = e.article AND x.speaker_entity = e.eid "
    "WHERE e.name = ? COLLATE NOCASE)"
)
_HOLDER = (
    "c.rowid IN (SELECT rowid FROM claims WHERE holder = ? COLLATE NOCASE UNION "
    "SELECT x.rowid FROM entities e JOIN claims x ON x.article = e.article AND x.holder_entity = e.eid "
    "WHERE e.name = ? COLLATE NOCASE)"
)


def _said(store: Queries, name: str, *, limit: int) -> list[dict[str, Any]]:
    rows = store.conn.execute(
        'SELECT a.id, a.title, a.stated_date, q.kind, q.text, q.speaker, q.cue, q.said_on, q.start, q."end", q.idx '
        f"FROM quotes q JOIN articles a ON a.n = q.article WHERE {_SPEAKER} AND a.duplicate_of IS NULL "
        "ORDER BY coalesce(q.said_on, a.stated_date, '') DESC, a.n, q.idx LIMIT ?",
        (name, name, limit),
    )
    keys = ("article", "title", "stated_date", "kind", "text", "speaker", "cue", "said_on", "start", "end", "idx")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def per_period(dates: list[str | None]) -> tuple[str, list[dict[str, Any]]]:
    """Counts of dated items per month (or year over six years), gaps filled with zeros."""
    valid = sorted(d for d in dates if d and d[:4].isdigit())
    if not valid:
        return "month", []
    width = _period(_days(valid[0], valid[-1]))
    counts = Counter(d[:width] for d in valid)
    periods = _fill(min(counts), max(counts))
    return ("month" if width == 7 else "year"), [{"period": p, "articles": counts.get(p, 0)} for p in periods]


def _fill(first: str, last: str) -> list[str]:
    if len(first) == 4:
        return [str(y) for y in range(int(first), int(last) + 1)]
    out: list[str] = []
    y, m = int(first[:4]), int(first[5:7])
    while f"{y:04d}-{m:02d}" <= last and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _held(store: Queries, name: str, *, limit: int) -> list[dict[str, Any]]:
    rows = store.conn.execute(
        'SELECT a.id, a.title, a.stated_date, c.stance, c.text, c.holder, c.cue, c.negated, c.hedged, c.start, c."end" '
        f"FROM claims c JOIN articles a ON a.n = c.article WHERE {_HOLDER} AND a.duplicate_of IS NULL "
        "ORDER BY coalesce(a.stated_date, '') DESC, a.n, c.idx LIMIT ?",
        (name, name, limit),
    )
    keys = ("article", "title", "stated_date", "stance", "text", "holder", "cue", "negated", "hedged", "start", "end")
    return [dict(zip(keys, r, strict=True)) for r in rows]


# -- sources -----------------------------------------------------------------------------------


def sources(store: Queries) -> list[dict[str, Any]]:
    """Per outlet (host, or input kind without a URL): canonical articles, duplicates, languages,
    date span and the share of its checked articles whose stated date the text contradicts."""
    rows = store.conn.execute(
        "SELECT coalesce(a.host, '(' || a.source_kind || ')') AS src, "
        "sum(CASE WHEN a.duplicate_of IS NULL THEN 1 END), count(a.duplicate_of), group_concat(DISTINCT a.language), "
        "min(a.stated_date), max(a.stated_date), "
        "sum(CASE WHEN a.verdict = 'inconsistent' AND a.duplicate_of IS NULL THEN 1 END), "
        "sum(CASE WHEN a.verdict IN ('inconsistent', 'consistent') AND a.duplicate_of IS NULL THEN 1 END) "
        "FROM articles a GROUP BY src ORDER BY 2 DESC, 1"
    )
    out = []
    for src, articles, dups, langs, first, last, alerts, checked in rows:
        out.append(
            {
                "source": src,
                "articles": int(articles or 0),
                "duplicates": int(dups or 0),
                "languages": sorted(set((langs or "").split(","))) if langs else [],
                "first_date": first,
                "last_date": last,
                "date_alerts": int(alerts or 0),
                "checked": int(checked or 0),
                "alert_share": round(int(alerts or 0) / int(articles), 4) if articles else 0.0,
            }
        )
    return out


def alerts_total(store: Queries) -> int:
    row = store.conn.execute(
        "SELECT count(*) FROM date_checks d JOIN articles a ON a.n = d.article "
        "WHERE d.verdict = 'inconsistent' AND a.duplicate_of IS NULL"
    ).fetchone()
    return int(row[0])
