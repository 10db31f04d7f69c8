"""Full-text search over the store: FTS5 query building, filters, ranking, KWIC snippets.

Query syntax (what a user types): words are ANDed; "a phrase" in double quotes; `word*` for a
prefix; `-word` excludes; `OR` between two terms. Matching folds case and accents (the FTS5
`unicode61 remove_diacritics 2` tokenizer), so `dementi` finds `démenti`. Each bare word also
matches the lemma column: the word is lemmatised with the spaCy model of every language that
has lemmas in the store (all its rule lemmas as noun, verb and adjective), so "démenti" finds
"démentent" and "dément" (lemma "démentir"). Ranking is BM25 with title hits weighted 10x the
body and lemma-only hits half.

Hits carry KWIC snippets: up to three windows of the clean text around matched words (surface
forms of a lemma hit come from the article's `lemma_forms` map), with highlight offsets into
the snippet text.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .dedup import fold

# Parts of speech a query word is lemmatised as: a bare query word has no context, so every
# reading is tried ("démenti" is a noun and a participle of "démentir").
_QUERY_POS = ("NOUN", "VERB", "ADJ")
_INDEX_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "AUX"})
_TOKEN = re.compile(r'-?"[^"]*"|\S+')
WINDOW = 70  # characters of context each side of a KWIC match: about ten words of French


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


Lemmatizer = Callable[[str], set[str]]


def lemma_index(doc: Any) -> tuple[str, dict[str, list[str]]]:
    """The lemma column (lemmas in token order; rule lemmas of other readings appended) and
    the lemma -> surface forms map used for KWIC, from a spaCy Doc."""
    lemmatizer = _rule_lemmatizer(doc)
    out: list[str] = []
    forms: dict[str, set[str]] = {}
    for token in doc:
        if not token.is_alpha:
            continue
        surface = fold(token.text)
        lemmas = {fold(token.lemma_)} if token.lemma_ else {surface}
        if lemmatizer is not None and token.pos_ in _INDEX_POS:
            lemmas.update(fold(x) for x in lemmatizer(token.text))
        for lemma in sorted(lemmas):
            out.append(lemma)
            if lemma != surface:
                forms.setdefault(lemma, set()).add(surface)
    return " ".join(out), {k: sorted(v) for k, v in forms.items()}


_RULE_CACHE: dict[tuple[str, str], set[str]] = {}


def _rule_lemmatizer(doc: Any, nlp: Any = None) -> Callable[[str], set[str]] | None:
    """Every rule lemma of a word under the query parts of speech, cached per (lang, word).
    `nlp`: the pipeline to use (default: the full model of the doc's language, already loaded
    by the nlp step in an ingest worker)."""
    from ..analyze.nlp import model

    code = doc.lang_
    if nlp is None:
        try:
            nlp = model(code)
        except Exception:  # noqa: BLE001 - no model: lemma search is simply unavailable
            return None
    if "lemmatizer" not in nlp.pipe_names or not hasattr(nlp.get_pipe("lemmatizer"), "rule_lemmatize"):
        return None
    pipe = nlp.get_pipe("lemmatizer")

    def lemmas(word: str) -> set[str]:
        key = (code, word.lower())
        found = _RULE_CACHE.get(key)
        if found is None:
            found = set()
            for pos in _QUERY_POS:
                tokens = nlp.make_doc(word.lower())
                if len(tokens) != 1:
                    break
                tokens[0].pos_ = pos
                found.update(pipe.rule_lemmatize(tokens[0]))
            if len(_RULE_CACHE) > 200_000:  # bounded memory on long runs
                _RULE_CACHE.clear()
            _RULE_CACHE[key] = found
        return found

    return lemmas


@cache
def _lemmatizer_only(code: str) -> Any:
    """The language's model with only its tokenizer and rule lemmatizer: a query needs no
    parse, and leaving the other components unloaded makes `dateline search` start faster."""
    import spacy

    from ..analyze.nlp import installed_model

    name = installed_model(code)
    if name is None:
        return None
    return spacy.load(name, exclude=["tok2vec", "morphologizer", "tagger", "parser", "ner", "senter"])


def model_lemmatizer(languages: Iterable[str]) -> Lemmatizer | None:
    """Lemmatise query words with the installed models of these languages (None if none)."""
    rules = []
    for code in languages:
        try:
            nlp = _lemmatizer_only(code)
        except Exception:  # noqa: BLE001 - a broken model package: lemma search is unavailable
            nlp = None
        if nlp is not None:
            rule = _rule_lemmatizer(nlp.make_doc("x"), nlp)
            if rule is not None:
                rules.append(rule)
    if not rules:
        return None

    def lemmatize(word: str) -> set[str]:
        out: set[str] = set()
        for rule in rules:
            out.update(fold(x) for x in rule(word))
        return out

    return lemmatize


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass
class Parsed:
    match: str | None  # the FTS5 MATCH expression, None when the query has no positive term
    words: list[str]  # folded words and prefixes ("demen*") to highlight


def parse_query(query: str, lemmatize: Lemmatizer | None = None) -> Parsed:
    positive: list[str] = []
    negative: list[str] = []
    words: list[str] = []
    pending_or = False
    for raw in _TOKEN.findall(query):
        if raw == "OR" and positive:
            pending_or = True
            continue
        negated = raw.startswith("-") and len(raw) > 1
        token = raw[1:] if negated else raw
        if token.startswith('"'):
            phrase = " ".join(re.findall(r"\w+", token.strip('"')))
            if not phrase:
                continue
            expr = "{title text}: " + _quote(phrase)
            terms = [phrase]
        else:
            prefix = token.endswith("*")
            word_list = re.findall(r"\w+", token)
            if not word_list:
                continue
            if len(word_list) > 1:  # "l'armée", "porte-parole": a phrase of its parts
                expr = "{title text}: " + _quote(" ".join(word_list))
                terms = [" ".join(word_list)]
            elif prefix:
                expr = "{title text}: " + _quote(word_list[0]) + " *"
                terms = [word_list[0] + "*"]
            else:
                word = word_list[0]
                expr = "{title text}: " + _quote(word)
                terms = [word]
                if lemmatize is not None:  # the lemma column doubles the doclists read: only when asked
                    lemmas = sorted(lemmatize(word) | {fold(word)})
                    expr = "(" + expr + " OR lemmas: (" + " OR ".join(map(_quote, lemmas)) + "))"
                    terms += lemmas
        if negated:
            negative.append(expr)
            continue
        words.extend(fold(t) for t in terms)
        if pending_or:
            positive[-1] = f"({positive[-1]} OR {expr})"
            pending_or = False
        else:
            positive.append(expr)
    if not positive:
        return Parsed(None, words)
    match = " AND ".join(positive)
    for expr in negative:
        match = f"({match}) NOT {expr}"
    return Parsed(match, words)


def _filter_sql(filters: Filters, *, indexed: bool = False) -> tuple[list[str], list[Any]]:
    """SQL conditions on `articles a`. `indexed`: the rows come from the FTS table, which holds
    canonical articles only (duplicates are reached through their links), so the duplicate
    condition is not needed there."""
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


_COLUMNS = (
    "a.n, a.id, a.title, a.url, a.host, a.language, a.stated_date, a.estimated_date, a.verdict, "
    "(SELECT d.id FROM articles d WHERE d.n = a.duplicate_of), a.text, a.lemma_forms"
)


# BM25 is computed for every row a query ranks. On the generated 100k store (bench/search.py)
# that is ~2.5 µs a match, so a word found in 65,000 articles took ~170 ms unloaded. Ranking is
# therefore done over at most RANK_CAP matches, the most recently stored ones; `count()` stays
# exact, and the CLI says when the cap applied. Narrowing with a filter or a second word makes
# every match rankable again.
RANK_CAP = 2000


def _ranked(conn: sqlite3.Connection, match: str, filters: Filters, limit: int, offset: int) -> list[tuple[int, float]]:
    """(row, score) of the best matches. Only the row number and the score go through the
    sort: carrying the text of every match made a 100k-article search ten times slower.
    Filters run once as an `IN (subquery)` (SQLite builds it as a temporary index), so each
    match costs a lookup in that index, not a join into `articles`: on the 100k store a
    common word restricted to one language and year went from ~800 ms to the figure in
    bench/RESULTS.md."""
    where, params = _filter_sql(filters, indexed=True)
    score = "bm25(fts, 10.0, 1.0, 0.5)"
    inner = f"SELECT rowid AS n, {score} AS score FROM fts WHERE fts MATCH ?"
    if where:
        # "+rowid": without the "+", SQLite hands each value of the IN list to FTS5 as a separate
        # rowid lookup that re-reads the whole doclist (8 s instead of 0.2 s on the 100k store).
        inner += " AND +rowid IN (SELECT a.n FROM articles a WHERE " + " AND ".join(where) + ")"
    sql = f"SELECT n, score FROM ({inner} ORDER BY rowid DESC LIMIT {RANK_CAP}) ORDER BY score LIMIT ? OFFSET ?"
    return [(int(r[0]), float(r[1])) for r in conn.execute(sql, [match, *params, limit, offset])]


def search(
    conn: sqlite3.Connection,
    query: str,
    filters: Filters | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    lemmatize: Lemmatizer | None = None,
) -> list[Hit]:
    filters = filters or Filters()
    parsed = parse_query(query, lemmatize)
    if parsed.match is None:
        where, params = _filter_sql(filters)
        sql = "SELECT a.n, 0.0 FROM articles a" + ((" WHERE " + " AND ".join(where)) if where else "")
        # NULL dates sort last in DESC as '' did; the bare column lets the stated-date index serve
        # the order (0.2 ms instead of a 400 ms scan and sort on 100k articles, bench/web.py).
        sql += " ORDER BY a.stated_date DESC, a.n DESC LIMIT ? OFFSET ?"
        ranked = [(int(r[0]), 0.0) for r in conn.execute(sql, [*params, limit, offset])]
    else:
        ranked = _ranked(conn, parsed.match, filters, limit, offset)
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
                score=float(f"{-score:.4g}"),
                snippets=kwic(row[10], parsed.words, forms),
            )
        )
    return hits


def count(
    conn: sqlite3.Connection, query: str, filters: Filters | None = None, lemmatize: Lemmatizer | None = None
) -> int:
    filters = filters or Filters()
    parsed = parse_query(query, lemmatize)
    if parsed.match is None:
        where, params = _filter_sql(filters)
        if where == ["a.duplicate_of IS NULL"]:  # no filter: index counts, not a scan of every row
            sql = "SELECT (SELECT count(*) FROM articles) - (SELECT count(DISTINCT article) FROM duplicates)"
            return int(conn.execute(sql).fetchone()[0])
        sql = "SELECT count(*) FROM articles a" + ((" WHERE " + " AND ".join(where)) if where else "")
        return int(conn.execute(sql, params).fetchone()[0])
    where, params = _filter_sql(filters, indexed=True)
    # Without filters the join to articles is not needed, and it cost a row read per match
    # (725 ms instead of 7 ms for a word in 65k of 100k articles, bench/web.py).
    # With filters, the same "+rowid IN (subquery)" as _ranked (a filtered count was 5-10x the
    # search it goes with through the join, bench/web.py).
    sql = "SELECT count(*) FROM fts WHERE fts MATCH ?"
    if where:
        sql += " AND +rowid IN (SELECT a.n FROM articles a WHERE " + " AND ".join(where) + ")"
    total = int(conn.execute(sql, [parsed.match, *params]).fetchone()[0])
    if filters.duplicates:
        sql = "SELECT count(*) FROM fts JOIN articles a ON a.duplicate_of = fts.rowid WHERE fts MATCH ?"
        total += int(conn.execute(sql, [parsed.match]).fetchone()[0])
    return total


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
