"""What both stores share about searching: the query syntax, filters, hits and KWIC snippets.

Query syntax (what a user types): words are ANDed; "a phrase" in double quotes; `word*` for a
prefix; `-word` excludes; `OR` between two terms. `parse` turns it into a `Query` (clauses of
`Term`s) that each store renders in its own full-text language: FTS5 MATCH (store/search.py)
or a tsquery (store/pg_search.py). Matching folds case and accents (dedup.fold); each bare word
also matches the lemma column when a lemmatiser is given (store/lemmas.py).

`search` and `count` run a query through an `Engine` (the store's full-text index); filters,
the duplicate expansion and the hit rows are plain SQL both databases accept (`?` placeholders:
the PostgreSQL connection translates them). Hits carry KWIC snippets: up to three windows of
the clean text around matched words (surface forms of a lemma hit come from the article's
`lemma_forms` map), with highlight offsets into the snippet text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from .dedup import fold
from .lemmas import Lemmatizer

_TOKEN = re.compile(r'-?"[^"]*"|\S+')
WINDOW = 70  # characters of context each side of a KWIC match: about ten words of French

# BM25 is computed for every row a query ranks. On the generated 100k store (bench/search.py)
# that is ~2.5 µs a match, so a word found in 65,000 articles took ~170 ms unloaded. Ranking is
# therefore done over at most RANK_CAP matches, the most recently stored ones; `count()` stays
# exact, and the CLI says when the cap applied. Narrowing with a filter or a second word makes
# every match rankable again. The PostgreSQL store applies the same cap.
RANK_CAP = 2000


@dataclass
class Filters:
    date_from: str | None = None  # stated date, inclusive, ISO prefix ("2024", "2024-03")
    date_to: str | None = None
    estimated_from: str | None = None  # date-check estimate of the writing date
    estimated_to: str | None = None
    language: str | None = None
    source: str | None = None  # host ("lequotidien.example") or a substring of the input location
    entity: str | None = None  # an entity name (case-insensitive)
    speaker: str | None = None  # a quote speaker name (case-insensitive)
    verdict: str | None = None  # consistent | inconsistent | unknown
    duplicates: bool = False  # include rows marked as duplicates


@dataclass
class Snippet:
    text: str
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Hit:
    id: str
    title: str | None
    url: str | None
    host: str | None
    language: str | None
    stated_date: str | None
    estimated_date: str | None
    verdict: str | None
    duplicate_of: str | None
    score: float
    snippets: list[Snippet] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["snippets"] = [{"text": s.text, "highlights": [list(h) for h in s.highlights]} for s in self.snippets]
        return out


@dataclass(frozen=True)
class Term:
    kind: str  # word | phrase | prefix
    text: str  # as typed (a phrase: its words joined by one space; a prefix: without the "*")
    lemmas: tuple[str, ...] = ()  # folded lemmas a bare word also matches in the lemma column


@dataclass
class Query:
    clauses: list[list[Term]]  # ANDed; the terms of one clause are ORed
    negative: list[Term]  # none of these may match
    words: list[str]  # folded words and prefixes ("demen*") to highlight


def parse(query: str, lemmatize: Lemmatizer | None = None) -> Query:
    clauses: list[list[Term]] = []
    negative: list[Term] = []
    words: list[str] = []
    pending_or = False
    for raw in _TOKEN.findall(query):
        if raw == "OR" and clauses:
            pending_or = True
            continue
        negated = raw.startswith("-") and len(raw) > 1
        token = raw[1:] if negated else raw
        if token.startswith('"'):
            phrase = " ".join(re.findall(r"\w+", token.strip('"')))
            if not phrase:
                continue
            term = Term("phrase", phrase)
        else:
            word_list = re.findall(r"\w+", token)
            if not word_list:
                continue
            if len(word_list) > 1:  # "l'armée", "porte-parole": a phrase of its parts
                term = Term("phrase", " ".join(word_list))
            elif token.endswith("*"):
                term = Term("prefix", word_list[0])
            else:
                word = word_list[0]
                # The lemma column doubles the doclists read: only when asked.
                lemmas = tuple(sorted({fold(x) for x in lemmatize(word)} | {fold(word)})) if lemmatize else ()
                term = Term("word", word, lemmas)
        if negated:
            negative.append(term)
            continue
        words.append(fold(term.text) + ("*" if term.kind == "prefix" else ""))
        words.extend(term.lemmas)
        if pending_or:
            clauses[-1].append(term)
            pending_or = False
        else:
            clauses.append([term])
    return Query(clauses, negative, words)


def filter_sql(filters: Filters, *, indexed: bool = False) -> tuple[list[str], list[Any]]:
    """SQL conditions on `articles a`. `indexed`: the rows come from the full-text index, which
    holds canonical articles only (duplicates are reached through their links), so the
    duplicate condition is not needed there."""
    where: list[str] = []
    params: list[Any] = []
    if not filters.duplicates and not indexed:
        where.append("a.duplicate_of IS NULL")
    # ISO strings compare in order; an upper bound "2024-03" must include "2024-03-31T...".
    for column, low, high in (
        ("a.stated_date", filters.date_from, filters.date_to),
        ("a.estimated_date", filters.estimated_from, filters.estimated_to),
    ):
        if low:
            where.append(f"{column} >= ?")
            params.append(low)
        if high:
            where.append(f"{column} < ?")
            params.append(high + "\uffff")
    if filters.language:
        where.append("a.language = ?")
        params.append(filters.language)
    if filters.verdict:
        where.append("a.verdict = ?")
        params.append(filters.verdict)
    if filters.source and "." in filters.source and "/" not in filters.source:
        # A host: the site or one of its subdomains (index-only: covering filter indexes).
        where.append("(a.host = ? OR a.host LIKE ?)")
        params.extend([filters.source.lower(), "%." + filters.source.lower()])
    elif filters.source:  # part of an input location (a folder, a WARC file name): reads every row
        where.append("instr(a.source_location, ?) > 0")
        params.append(filters.source)
    if filters.entity:
        # IN, not a correlated EXISTS: SQLite ran the EXISTS through the name index once per
        # article (a name in 500 of 102k articles: 49 s for the unqueried list, bench/web.py).
        where.append("a.n IN (SELECT e.article FROM entities e WHERE e.name = ? COLLATE NOCASE)")
        params.append(filters.entity)
    if filters.speaker:
        where.append("a.n IN (SELECT q.article FROM quotes q WHERE q.speaker = ? COLLATE NOCASE)")
        params.append(filters.speaker)
    return where, params


class Engine(Protocol):
    """A store's full-text index: ranks and counts the canonical articles a `Query` matches."""

    # FROM clause of the per-period counts of store/analytics.py (an index hint or the table).
    by_date: str

    def rank(self, conn: Any, query: Query, filters: Filters, limit: int, offset: int) -> list[tuple[int, float]]:
        """(row n, score; higher is better) of the best matches, RANK_CAP most recent ranked."""
        ...

    def count(self, conn: Any, query: Query, filters: Filters) -> int:
        """Articles matching: canonical ones, and their copies too with `filters.duplicates`."""
        ...

    def matching(self, query: Query, filters: Filters, sample: int | None) -> tuple[str, list[Any]]:
        """SQL selecting the `n` of the canonical matches (the newest `sample` when given)."""
        ...


_COLUMNS = (
    "a.n, a.id, a.title, a.url, a.host, a.language, a.stated_date, a.estimated_date, a.verdict, "
    "(SELECT d.id FROM articles d WHERE d.n = a.duplicate_of), a.text, a.lemma_forms"
)


def search(
    conn: Any, engine: Engine, query: Query, filters: Filters | None = None, *, limit: int = 20, offset: int = 0
) -> list[Hit]:
    filters = filters or Filters()
    if not query.clauses:
        where, params = filter_sql(filters)
        sql = "SELECT a.n, 0.0 FROM articles a" + ((" WHERE " + " AND ".join(where)) if where else "")
        # NULL dates sort last in DESC as '' did; the bare column lets the stated-date index serve the
        # order (0.2 ms instead of a 400 ms scan and sort on 100k articles, bench/web.py).
        sql += " ORDER BY a.stated_date DESC, a.n DESC LIMIT ? OFFSET ?"
        ranked = [(int(r[0]), 0.0) for r in conn.execute(sql, [*params, limit, offset])]
    else:
        ranked = engine.rank(conn, query, filters, limit, offset)
        if filters.duplicates:  # each canonical hit followed by its copies, same score
            ranked = [
                (n, score)
                for row, score in ranked
                for n in [
                    row,
                    *(int(d[0]) for d in conn.execute("SELECT n FROM articles WHERE duplicate_of = ?", (row,))),
                ]
            ]
    if not ranked:
        return []
    marks = ",".join("?" * len(ranked))
    rows = {
        int(r[0]): r
        for r in conn.execute(f"SELECT {_COLUMNS} FROM articles a WHERE a.n IN ({marks})", [n for n, _ in ranked])
    }
    hits = []
    for n, score in ranked:
        row = rows[n]
        forms: dict[str, list[str]] = json.loads(row[11] or "{}")
        hits.append(
            Hit(
                id=row[1],
                title=row[2],
                url=row[3],
                host=row[4],
                language=row[5],
                stated_date=row[6],
                estimated_date=row[7],
                verdict=row[8],
                duplicate_of=row[9],
                score=float(f"{score:.4g}"),
                snippets=kwic(row[10], query.words, forms),
            )
        )
    return hits


def count(conn: Any, engine: Engine, query: Query, filters: Filters | None = None) -> int:
    filters = filters or Filters()
    if not query.clauses:
        where, params = filter_sql(filters)
        if where == ["a.duplicate_of IS NULL"]:  # no filter: index counts, not a scan of every row
            sql = "SELECT (SELECT count(*) FROM articles) - (SELECT count(DISTINCT article) FROM duplicates)"
            return int(conn.execute(sql).fetchone()[0])
        sql = "SELECT count(*) FROM articles a" + ((" WHERE " + " AND ".join(where)) if where else "")
        return int(conn.execute(sql, params).fetchone()[0])
    return engine.count(conn, query, filters)


def kwic(text: str, words: list[str], forms: dict[str, list[str]], *, most: int = 3) -> list[Snippet]:
    """Keyword-in-context windows around the first matches of `words` (folded; "x*" = prefix)."""
    if not text:
        return []
    targets: set[str] = set()
    prefixes: list[str] = []
    for word in words:
        if word.endswith("*"):
            prefixes.append(re.escape(word[:-1]) + r"\w*")
        else:
            targets.add(word)
            targets.update(forms.get(word, ()))
    alternatives = [re.escape(t).replace(r"\ ", r"\W+") for t in sorted(targets, key=len, reverse=True) if t]
    alternatives += prefixes
    spans: list[tuple[int, int]] = []
    if alternatives:
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
        spans = [(m.start(), m.end()) for m in pattern.finditer(fold(text))]
    if not spans:
        end = min(len(text), 2 * WINDOW)
        return [Snippet(_flat(text[:end]) + ("…" if end < len(text) else ""))]
    windows: list[list[int]] = []  # [start, end, first span index, last span index]
    for i, (s, e) in enumerate(spans):
        lo, hi = max(0, s - WINDOW), min(len(text), e + WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1][1], windows[-1][3] = hi, i
        elif len(windows) < most:
            windows.append([lo, hi, i, i])
        else:
            break
    out = []
    for lo, hi, first, last in windows:
        lo, hi = _word_edge(text, lo, back=True), _word_edge(text, hi, back=False)
        lead = "…" if lo > 0 else ""
        body = _flat(text[lo:hi])
        marks = [(s - lo + len(lead), e - lo + len(lead)) for s, e in spans[first : last + 1] if s >= lo and e <= hi]
        out.append(Snippet(lead + body + ("…" if hi < len(text) else ""), marks))
    return out


def _word_edge(text: str, pos: int, *, back: bool) -> int:
    """Move a window edge to a space so words are not cut (at most 15 characters)."""
    for step in range(15):
        p = pos - step if back else pos + step
        if p <= 0 or p >= len(text):
            return max(0, min(p, len(text)))
        if text[p].isspace():
            return p + 1 if back else p
    return pos


def _flat(text: str) -> str:
    """Line breaks to spaces, one for one, so highlight offsets stay valid."""
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
