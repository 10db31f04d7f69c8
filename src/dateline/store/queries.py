"""The store's read interface (mixed into `Store`): what the CLI and the web UI ask.

All methods return plain dicts / dataclasses ready for JSON. Lists take `limit`/`offset`.
Articles are named by their id (the SHA-1 in the record) or a unique prefix of it.
"""

from __future__ import annotations

import json
from typing import Any

from ..article import Article
from ..errors import Code, DatelineError
from . import query as fts
from .lemmas import Lemmatizer, model_lemmatizer


class Queries:
    """The read methods; the SQL is what SQLite and PostgreSQL both accept (the PostgreSQL
    store's connection turns `?` into `%s` and LIKE into ILIKE, and its schema defines the
    few SQLite functions used here: store/pg_schema.py)."""

    conn: Any  # sqlite3.Connection, or store/postgres.py's Connection
    path: str
    engine: fts.Engine  # the full-text index (store/search.py FTS5, store/pg_search.py)
    query_errors: tuple[type[Exception], ...] = ()  # what a malformed query can raise
    _lemmatizer: Lemmatizer | bool | None = False  # False: not looked up yet

    # -- search ------------------------------------------------------------------------------

    def lemmatizer(self) -> Lemmatizer | None:
        """Query lemmatiser for the languages that have lemmas in this store (loaded once)."""
        if self._lemmatizer is False:
            languages = [
                str(r[0])
                for r in self.conn.execute("SELECT DISTINCT language FROM articles WHERE language IS NOT NULL")
            ]
            with_lemmas = [
                code
                for code in languages
                if self.conn.execute(
                    "SELECT 1 FROM articles WHERE language = ? AND lemmas != '' LIMIT 1", (code,)
                ).fetchone()
            ]
            self._lemmatizer = model_lemmatizer(with_lemmas) if with_lemmas else None
        return self._lemmatizer if callable(self._lemmatizer) else None

    def search(
        self, query: str, filters: fts.Filters | None = None, *, limit: int = 20, offset: int = 0, lemmas: bool = True
    ) -> list[fts.Hit]:
        parsed = fts.parse(query, self.lemmatizer() if lemmas else None)
        try:
            return fts.search(self.conn, self.engine, parsed, filters, limit=limit, offset=offset)
        except self.query_errors as exc:
            raise DatelineError(Code.STORE, f"cannot search for {query!r}: {exc}") from exc

    def count(self, query: str, filters: fts.Filters | None = None, *, lemmas: bool = True) -> int:
        return fts.count(self.conn, self.engine, fts.parse(query, self.lemmatizer() if lemmas else None), filters)

    # -- one article -------------------------------------------------------------------------

    def resolve(self, ident: str) -> int | None:
        """The row number of an article id, or of a unique id prefix (6+ characters)."""
        row = self.conn.execute("SELECT n FROM articles WHERE id = ?", (ident,)).fetchone()
        if row is not None:
            return int(row[0])
        if len(ident) < 6 or not ident.isalnum():
            return None
        rows = self.conn.execute(
            "SELECT n FROM articles WHERE id >= ? AND id < ? LIMIT 2", (ident, ident + "\uffff")
        ).fetchall()
        if len(rows) > 1:
            raise DatelineError(Code.NOT_FOUND, f"{ident} names more than one article; give more characters")
        return int(rows[0][0]) if rows else None

    def record(self, ident: str) -> dict[str, Any] | None:
        n = self.resolve(ident)
        if n is None:
            return None
        row = self.conn.execute("SELECT record FROM articles WHERE n = ?", (n,)).fetchone()
        record: dict[str, Any] = json.loads(row[0])
        return record

    def get(self, ident: str) -> Article | None:
        record = self.record(ident)
        return Article.from_dict(record) if record is not None else None

    def duplicates(self, ident: str) -> list[dict[str, Any]]:
        """Links from and to this article: its original, or the copies of it."""
        n = self.resolve(ident)
        if n is None:
            return []
        rows = self.conn.execute(
            "SELECT a.id, a.url, o.id, o.url, d.kind, d.score FROM duplicates d "
            "JOIN articles a ON a.n = d.article JOIN articles o ON o.n = d.of WHERE d.article = ? OR d.of = ?",
            (n, n),
        )
        return [
            {"article": r[0], "url": r[1], "duplicate_of": r[2], "of_url": r[3], "kind": r[4], "score": r[5]}
            for r in rows
        ]

    # -- lists over the corpus ---------------------------------------------------------------

    def entities(
        self, *, label: str | None = None, name: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Entities by number of articles that mention them."""
        where, params = ["a.duplicate_of IS NULL"], []
        if label:
            where.append("e.label = ?")
            params.append(label)
        if name:
            where.append("e.name LIKE ?")
            params.append(f"%{name}%")
        rows = self.conn.execute(
            "SELECT e.name, e.label, count(DISTINCT e.article), sum(json_array_length(e.mentions)) "
            "FROM entities e JOIN articles a ON a.n = e.article WHERE " + " AND ".join(where) + " "
            "GROUP BY e.name, e.label ORDER BY 3 DESC, 4 DESC, 1 LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [{"name": r[0], "label": r[1], "articles": r[2], "mentions": r[3]} for r in rows]

    def quotes(
        self, *, speaker: str | None = None, article: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        where, params = self._scope(article)
        if speaker:
            where.append("q.speaker LIKE ?")
            params.append(f"%{speaker}%")
        rows = self.conn.execute(
            'SELECT a.id, a.title, a.stated_date, q.kind, q.text, q.speaker, q.cue, q.said_on, q.start, q."end", '
            "q.step FROM quotes q JOIN articles a ON a.n = q.article WHERE " + " AND ".join(where) + " "
            "ORDER BY a.stated_date DESC, a.n, q.idx LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        keys = ("article", "title", "stated_date", "kind", "text", "speaker", "cue", "said_on", "start", "end", "step")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def speakers(self, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Speakers by number of quotes (canonical articles only)."""
        rows = self.conn.execute(
            "SELECT q.speaker, count(*), count(DISTINCT q.article) FROM quotes q JOIN articles a ON a.n = q.article "
            "WHERE q.speaker IS NOT NULL AND a.duplicate_of IS NULL GROUP BY q.speaker ORDER BY 2 DESC, 1 "
            "LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [{"name": r[0], "quotes": r[1], "articles": r[2]} for r in rows]

    def claims(
        self,
        *,
        stance: str | None = None,
        holder: str | None = None,
        article: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        where, params = self._scope(article)
        if stance:
            where.append("c.stance = ?")
            params.append(stance)
        if holder:
            where.append("c.holder LIKE ?")
            params.append(f"%{holder}%")
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.stated_date, c.stance, c.text, c.holder, c.cue, c.negated, c.hedged, c.start, "
            'c."end", c.step FROM claims c JOIN articles a ON a.n = c.article WHERE ' + " AND ".join(where) + " "
            "ORDER BY a.stated_date DESC, a.n, c.idx LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        keys = (
            "article", "title", "stated_date", "stance", "text", "holder", "cue", "negated", "hedged", "start",
            "end", "step",
        )  # fmt: skip
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def date_alerts(self, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Articles whose stated date the date check found inconsistent, most confident first."""
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.url, d.stated, d.estimated, d.confidence, d.reason, d.evidence, d.step "
            "FROM date_checks d JOIN articles a ON a.n = d.article "
            "WHERE d.verdict = 'inconsistent' AND a.duplicate_of IS NULL "
            "ORDER BY d.confidence DESC, a.n LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [
            {
                "article": r[0],
                "title": r[1],
                "url": r[2],
                "stated": r[3],
                "estimated": r[4],
                "confidence": r[5],
                "reason": r[6],
                "evidence": json.loads(r[7]),
                "step": r[8],
            }
            for r in rows
        ]

    def sources(self) -> list[dict[str, Any]]:
        """Per host (or input kind when there is no URL): articles, duplicates, date span, languages."""
        rows = self.conn.execute(
            "SELECT coalesce(host, '(' || source_kind || ')'), count(*), count(duplicate_of), min(stated_date), "
            "max(stated_date), group_concat(DISTINCT language) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        keys = ("source", "articles", "duplicates", "first_date", "last_date", "languages")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def stats(self) -> dict[str, Any]:
        one = self.conn.execute
        outcomes = dict(one("SELECT outcome, count(*) FROM items GROUP BY outcome").fetchall())
        return {
            "articles": one("SELECT count(*) FROM articles").fetchone()[0],
            "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0],
            "entities": one("SELECT count(*) FROM entities").fetchone()[0],
            "quotes": one("SELECT count(*) FROM quotes").fetchone()[0],
            "claims": one("SELECT count(*) FROM claims").fetchone()[0],
            "timexes": one("SELECT count(*) FROM timexes").fetchone()[0],
            "date_alerts": one("SELECT count(*) FROM date_checks WHERE verdict = 'inconsistent'").fetchone()[0],
            "items": outcomes,
        }

    def _scope(self, article: str | None) -> tuple[list[str], list[Any]]:
        if article is None:
            return ["a.duplicate_of IS NULL"], []
        n = self.resolve(article)
        if n is None:
            raise DatelineError(Code.NOT_FOUND, f"no article {article} in {self.path}")
        return ["a.n = ?"], [n]
