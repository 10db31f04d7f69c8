"""Full-text search in the PostgreSQL store: the shared query (store/query.py) rendered as a
tsquery over the `articles.search` tsvector (GIN index), ranked with ts_rank, counted and sampled.

The tsvector is built here, in Python, from the same accent folding as everything else
(dedup.fold) and the same word pattern as the query parser, and handed to the server as a
tsvector literal: no text-search configuration, dictionary or extension is involved, so
`dementi` finds `démenti` whatever the server's locale. Title words carry weight A, body words
B (positions continue after the title with a gap, so a phrase never spans the two), lemmas C.
A query word is restricted to A and B, its lemmas to C, as FTS5 restricts columns; ranking
weighs A:B:C as 10:1:0.5 like the SQLite store's BM25 column weights.
"""

from __future__ import annotations

import re
from typing import Any

from .dedup import fold
from .query import RANK_CAP, Filters, Query, Term, filter_sql

_WORD = re.compile(r"\w+")
# tsvector limits (PostgreSQL docs, "Text Search Types"): positions above 16383 are stored as
# 16383, a lexeme keeps at most 256 positions, and a lexeme is at most 2047 bytes; words longer
# than 200 characters are not words (base64, URLs run together) and are left out.
_MAX_POS, _MAX_POSITIONS, _MAX_WORD = 16383, 256, 200
# ts_rank weights, in the order {D, C, B, A}: lemmas 0.05, body 0.1, title 1.0.
_WEIGHTS = "'{0, 0.05, 0.1, 1.0}'"


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(title: str, text: str, lemmas: str) -> str:
    """The tsvector literal of an article: folded words with positions and weights."""
    positions: dict[str, list[str]] = {}
    pos = 0
    for weight, source in (("A", title), ("B", text)):
        for word in _WORD.findall(fold(source)):
            pos += 1
            if len(word) <= _MAX_WORD:
                found = positions.setdefault(word, [])
                if len(found) < _MAX_POSITIONS:
                    found.append(f"{min(pos, _MAX_POS)}{weight}")
        pos += 1
    lemma_pos = f"{min(pos + 1, _MAX_POS)}C"  # lemmas match as single words: one shared position
    for lemma in set(fold(lemmas).split()):
        if len(lemma) <= _MAX_WORD:
            found = positions.setdefault(lemma, [])
            if len(found) < _MAX_POSITIONS and lemma_pos not in found:
                found.append(lemma_pos)
    return " ".join(f"{_lexeme(w)}:{','.join(p)}" for w, p in positions.items())


def _term(term: Term) -> str:
    words = _WORD.findall(fold(term.text))
    if term.kind == "prefix":
        return f"{_lexeme(words[0])}:*AB"
    expr = " <-> ".join(f"{_lexeme(w)}:AB" for w in words)
    if term.kind == "phrase":
        return f"({expr})"
    alternatives = [expr, *(f"{_lexeme(lemma)}:C" for lemma in term.lemmas)]
    return "(" + " | ".join(alternatives) + ")"


def tsquery(query: Query) -> str:
    """The tsquery literal of a query with at least one positive term."""
    clauses = ["(" + " | ".join(_term(t) for t in clause) + ")" for clause in query.clauses]
    clauses += [f"!{_term(t)}" for t in query.negative]
    return " & ".join(clauses)


def _where(query: Query, filters: Filters) -> tuple[str, list[Any]]:
    where, params = filter_sql(filters, indexed=True)
    return " AND ".join(["a.search @@ CAST(? AS tsquery)", *where]), [tsquery(query), *params]


class TsQuery:
    """The PostgreSQL store's engine (store/query.py `Engine`)."""

    by_date = "articles"

    def rank(self, conn: Any, query: Query, filters: Filters, limit: int, offset: int) -> list[tuple[int, float]]:
        """The RANK_CAP most recently stored matches ranked, as the SQLite store does (the GIN
        index finds the matches; ts_rank reads each ranked row's tsvector)."""
        where, params = _where(query, filters)
        sql = (
            f"SELECT n, score FROM (SELECT a.n, ts_rank({_WEIGHTS}, a.search, CAST(? AS tsquery)) AS score "
            f"FROM articles a WHERE {where} ORDER BY a.n DESC LIMIT {RANK_CAP}) AS recent "
            "ORDER BY score DESC, n DESC LIMIT ? OFFSET ?"
        )
        rows = conn.execute(sql, [tsquery(query), *params, limit, offset])
        return [(int(r[0]), float(r[1])) for r in rows]

    def count(self, conn: Any, query: Query, filters: Filters) -> int:
        where, params = _where(query, filters)
        total = int(conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0])
        if filters.duplicates:
            sql = (
                "SELECT count(*) FROM articles a JOIN articles c ON c.duplicate_of = a.n "
                "WHERE a.search @@ CAST(? AS tsquery)"
            )
            total += int(conn.execute(sql, [tsquery(query)]).fetchone()[0])
        return total

    def matching(self, query: Query, filters: Filters, sample: int | None) -> tuple[str, list[Any]]:
        where, params = _where(query, filters)
        limit = f" ORDER BY 1 DESC LIMIT {int(sample)}" if sample else ""
        return f"SELECT a.n FROM articles a WHERE {where}{limit}", params
