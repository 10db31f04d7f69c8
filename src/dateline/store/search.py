"""Full-text search in the SQLite store: the shared query (store/query.py) rendered as an FTS5
MATCH expression, ranked with BM25, counted and sampled.

Matching folds case and accents (the FTS5 `unicode61 remove_diacritics 2` tokenizer), so
`dementi` finds `démenti`. Ranking is BM25 with title hits weighted 10x the body and
lemma-only hits half. The names other modules import from here (Filters, Hit, kwic, …) are the
shared ones of store/query.py and store/lemmas.py.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from .lemmas import Lemmatizer, lemma_index, model_lemmatizer
from .query import RANK_CAP, WINDOW, Filters, Hit, Query, Snippet, Term, filter_sql, kwic, parse
from .query import count as _count
from .query import search as _search

__all__ = [
    "FTS5",
    "RANK_CAP",
    "WINDOW",
    "Filters",
    "Hit",
    "Lemmatizer",
    "Parsed",
    "Snippet",
    "count",
    "kwic",
    "lemma_index",
    "model_lemmatizer",
    "parse_query",
    "search",
]  # fmt: skip


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _term(term: Term) -> str:
    if term.kind == "prefix":
        return "{title text}: " + _quote(term.text) + " *"
    expr = "{title text}: " + _quote(term.text)
    if term.lemmas:
        expr = "(" + expr + " OR lemmas: (" + " OR ".join(map(_quote, term.lemmas)) + "))"
    return expr


def match(query: Query) -> str | None:
    """The FTS5 MATCH expression of a query, None when it has no positive term."""
    if not query.clauses:
        return None
    positive = []
    for clause in query.clauses:
        expr = _term(clause[0])
        for other in clause[1:]:
            expr = f"({expr} OR {_term(other)})"
        positive.append(expr)
    out = " AND ".join(positive)
    for term in query.negative:
        out = f"({out}) NOT {_term(term)}"
    return out


@dataclass
class Parsed:
    match: str | None  # the FTS5 MATCH expression, None when the query has no positive term
    words: list[str]  # folded words and prefixes ("demen*") to highlight


def parse_query(query: str, lemmatize: Lemmatizer | None = None) -> Parsed:
    parsed = parse(query, lemmatize)
    return Parsed(match(parsed), parsed.words)


class FTS5:
    """The SQLite store's engine (store/query.py `Engine`)."""

    by_date = "articles INDEXED BY articles_stated"

    def rank(
        self, conn: sqlite3.Connection, query: Query, filters: Filters, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        """(row, score) of the best matches. Only the row number and the score go through the
        sort: carrying the text of every match made a 100k-article search ten times slower.
        Filters run once as an `IN (subquery)` (SQLite builds it as a temporary index), so each
        match costs a lookup in that index, not a join into `articles`: on the 100k store a
        common word restricted to one language and year went from ~800 ms to the figure in
        bench/RESULTS.md."""
        where, params = filter_sql(filters, indexed=True)
        score = "bm25(fts, 10.0, 1.0, 0.5)"
        inner = f"SELECT rowid AS n, {score} AS score FROM fts WHERE fts MATCH ?"
        if where:
            # "+rowid": without the "+", SQLite hands each value of the IN list to FTS5 as a separate
            # rowid lookup that re-reads the whole doclist (8 s instead of 0.2 s on the 100k store).
            inner += " AND +rowid IN (SELECT a.n FROM articles a WHERE " + " AND ".join(where) + ")"
        sql = f"SELECT n, score FROM ({inner} ORDER BY rowid DESC LIMIT {RANK_CAP}) ORDER BY score LIMIT ? OFFSET ?"
        return [(int(r[0]), -float(r[1])) for r in conn.execute(sql, [match(query), *params, limit, offset])]

    def count(self, conn: sqlite3.Connection, query: Query, filters: Filters) -> int:
        where, params = filter_sql(filters, indexed=True)
        expr = match(query)
        # Without filters the join to articles is not needed, and it cost a row read per match
        # (725 ms instead of 7 ms for a word in 65k of 100k articles, bench/web.py).
        # With filters, the same "+rowid IN (subquery)" as rank (a filtered count was 5-10x the
        # search it goes with through the join, bench/web.py).
        sql = "SELECT count(*) FROM fts WHERE fts MATCH ?"
        if where:
            sql += " AND +rowid IN (SELECT a.n FROM articles a WHERE " + " AND ".join(where) + ")"
        total = int(conn.execute(sql, [expr, *params]).fetchone()[0])
        if filters.duplicates:
            sql = "SELECT count(*) FROM fts JOIN articles a ON a.duplicate_of = fts.rowid WHERE fts MATCH ?"
            total += int(conn.execute(sql, [expr]).fetchone()[0])
        return total

    def matching(self, query: Query, filters: Filters, sample: int | None) -> tuple[str, list[Any]]:
        limit = f" ORDER BY 1 DESC LIMIT {int(sample)}" if sample else ""
        where, params = filter_sql(filters, indexed=True)
        if where:
            sql = "SELECT fts.rowid FROM fts JOIN articles a ON a.n = fts.rowid WHERE fts MATCH ?"
            sql += "".join(" AND " + w for w in where)
        else:
            sql = "SELECT fts.rowid FROM fts WHERE fts MATCH ?"
        return sql + limit, [match(query), *params]


ENGINE = FTS5()


def search(
    conn: sqlite3.Connection,
    query: str,
    filters: Filters | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    lemmatize: Lemmatizer | None = None,
) -> list[Hit]:
    return _search(conn, ENGINE, parse(query, lemmatize), filters, limit=limit, offset=offset)


def count(
    conn: sqlite3.Connection, query: str, filters: Filters | None = None, lemmatize: Lemmatizer | None = None
) -> int:
    return _count(conn, ENGINE, parse(query, lemmatize), filters)
