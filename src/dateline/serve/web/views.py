"""What each page shows, as plain data: pages.py renders it, api.py returns it as JSON (so the
API mirrors the pages exactly), export.py turns its list into CSV or JSON downloads."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...article import Article
from ...errors import Code, DatelineError
from ...store import analytics
from ...store.queries import Queries as Store
from ..report import date_line
from .annotate import speaker_colours
from .params import BadRequest, SearchParams


def search(store: Store, sp: SearchParams) -> dict[str, Any]:
    hits = store.search(sp.q, sp.filters, limit=sp.limit, offset=sp.offset)
    total = store.count(sp.q, sp.filters) if hits or sp.offset else 0
    return {
        "query": sp.q,
        "filters": dict(sp.query_items()),
        "total": total,
        "offset": sp.offset,
        "limit": sp.limit,
        "hits": [h.to_dict() for h in hits],
    }


def facets(store: Store, sp: SearchParams) -> dict[str, Any]:
    return analytics.facets(store, sp.q, sp.filters)


def timeline(store: Store, sp: SearchParams) -> dict[str, Any]:
    return analytics.timeline(store, sp.q, sp.filters)


def check_id(ident: str) -> str:
    if not (6 <= len(ident) <= 64) or not ident.isascii() or not ident.isalnum():
        raise BadRequest("an article id is 6 to 64 letters and digits (the id or a unique prefix of it)")
    return ident


def article(store: Store, ident: str) -> dict[str, Any]:
    record = store.record(check_id(ident))
    if record is None:
        raise DatelineError(Code.NOT_FOUND, f"no article {ident} in this store")
    links = store.duplicates(str(record["id"]))
    colours = speaker_colours(record)
    said = Counter((q.get("speaker") or {}).get("name") for q in record.get("quotes") or [])
    return {
        "record": record,
        "date_line": date_line(Article.from_dict(record)),
        "duplicates": links,
        "speakers": [(name, colour, said[name]) for name, colour in colours.items()],
        "unattributed": said[None],
    }


def entity(store: Store, name: str) -> dict[str, Any]:
    found = analytics.entity(store, name)
    if found is None:
        raise DatelineError(Code.NOT_FOUND, f"nobody and nothing named {name!r} in this store")
    period, rows = analytics.per_period([q["said_on"] or q["stated_date"] for q in found["quotes"]])
    return found | {"quote_period": period, "quote_timeline": rows}


def alerts(store: Store, limit: int, offset: int) -> dict[str, Any]:
    return {
        "total": analytics.alerts_total(store),
        "offset": offset,
        "limit": limit,
        "alerts": store.date_alerts(limit=limit, offset=offset),
    }


def sources(store: Store) -> dict[str, Any]:
    return {"stats": store.stats(), "sources": analytics.sources(store)}


def entities(store: Store, label: str | None, name: str | None, limit: int, offset: int) -> dict[str, Any]:
    if label and label not in ("PER", "ORG", "LOC", "MISC"):
        raise BadRequest("label must be PER, ORG, LOC or MISC")
    return {"entities": store.entities(label=label, name=name, limit=limit, offset=offset), "offset": offset}


def quotes(store: Store, speaker: str | None, article_id: str | None, limit: int, offset: int) -> dict[str, Any]:
    if article_id:
        check_id(article_id)
    return {"quotes": store.quotes(speaker=speaker, article=article_id, limit=limit, offset=offset)}


STANCES = ("announce", "deny", "confirm", "retract", "accuse", "reject", "report")


def claims(
    store: Store, stance: str | None, holder: str | None, article_id: str | None, limit: int, offset: int
) -> dict[str, Any]:
    if stance and stance not in STANCES:
        raise BadRequest(f"stance must be one of {', '.join(STANCES)}")
    if article_id:
        check_id(article_id)
    return {"claims": store.claims(stance=stance, holder=holder, article=article_id, limit=limit, offset=offset)}
