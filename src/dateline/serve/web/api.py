"""The JSON API under /api: the same data as the pages (views.py), documented in the OpenAPI
document at /api/openapi.json. Every list also answers `format=csv` or `format=json` as a
download. The parameters are declared here for the document and validated by params.py (so a
bad value is a 400 with a sentence, whatever its type)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from . import export, views
from .ingest import ingest_url
from .params import BadRequest, export_format, integer, paging, search_params, text

router = APIRouter(prefix="/api", tags=["read"])

Text = Annotated[str | None, Query()]
Q = Annotated[str | None, Query(description='words ANDed; "a phrase"; word*; -word excludes; a OR b')]
DateQ = Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD", pattern=None)]
Number = Annotated[str | None, Query(description="a whole number")]
Format = Annotated[str | None, Query(description="csv or json: download the list")]


def store(request: Request) -> Any:
    return request.app.state.stores.get()


@router.get("/search", summary="Search articles: ranked hits with KWIC snippets")
def api_search(
    request: Request,
    q: Q = None,
    from_: Annotated[str | None, Query(alias="from", description="stated date on or after")] = None,
    to: DateQ = None,
    est_from: DateQ = None,
    est_to: DateQ = None,
    lang: Text = None,
    source: Text = None,
    entity: Text = None,
    speaker: Text = None,
    verdict: Annotated[str | None, Query(description="consistent | inconsistent | unknown")] = None,
    duplicates: Text = None,
    limit: Number = None,
    offset: Number = None,
    format: Format = None,
) -> Response:
    fmt = export_format(request.query_params)
    sp = search_params(request.query_params, export=fmt is not None)
    data = views.search(store(request), sp)
    if fmt:
        return export.download(export.hit_rows(data["hits"]) if fmt == "csv" else data["hits"], fmt, "search")
    return JSONResponse(data)


@router.get("/search/facets", summary="Top sources, people, organisations and places for a query")
def api_facets(request: Request, q: Q = None) -> Any:
    return views.facets(store(request), search_params(request.query_params))


@router.get("/search/timeline", summary="Articles per period for a query, raw and as a share of all")
def api_timeline(request: Request, q: Q = None, format: Format = None) -> Any:
    data = views.timeline(store(request), search_params(request.query_params))
    fmt = export_format(request.query_params)
    return export.download(data["rows"], fmt, "timeline") if fmt else data


@router.get("/article/{ident}", summary="One article: the dateline.article/1 record, its date check and duplicates")
def api_article(request: Request, ident: str) -> Any:
    return views.article(store(request), ident)


@router.get("/entity", summary="One person, organisation or place: roles, quotes, claims, articles")
def api_entity(
    request: Request,
    name: Annotated[str, Query(max_length=200)],
    list: Annotated[str | None, Query(description="with format: quotes | claims | articles | roles")] = None,
    format: Format = None,
) -> Any:
    data = views.entity(store(request), text(request.query_params, "name") or "")
    fmt = export_format(request.query_params)
    if not fmt:
        return data
    which = request.query_params.get("list") or ("quotes" if fmt == "csv" else None)
    if which is None:
        return export.download([data], fmt, "entity")
    if which not in ("quotes", "claims", "articles", "roles"):
        raise BadRequest("list must be quotes, claims, articles or roles")
    return export.download(data[which], fmt, f"entity-{which}")


@router.get("/entities", summary="Entities by number of articles naming them")
def api_entities(
    request: Request, label: Text = None, name: Text = None, limit: Number = None, offset: Number = None,
    format: Format = None,
) -> Any:  # fmt: skip
    fmt = export_format(request.query_params)
    lim, off = paging(request.query_params, export=fmt is not None)
    data = views.entities(
        store(request), text(request.query_params, "label"), text(request.query_params, "name"), lim, off
    )
    return export.download(data["entities"], fmt, "entities") if fmt else data


@router.get("/quotes", summary="Quotes, newest first; by speaker or article")
def api_quotes(
    request: Request, speaker: Text = None, article: Text = None, limit: Number = None, offset: Number = None,
    format: Format = None,
) -> Any:  # fmt: skip
    fmt = export_format(request.query_params)
    lim, off = paging(request.query_params, export=fmt is not None)
    p = request.query_params
    data = views.quotes(store(request), text(p, "speaker"), text(p, "article", limit=64), lim, off)
    return export.download(data["quotes"], fmt, "quotes") if fmt else data


@router.get("/claims", summary="Claims with their stance; by stance, holder or article")
def api_claims(
    request: Request, stance: Text = None, holder: Text = None, article: Text = None, limit: Number = None,
    offset: Number = None, format: Format = None,
) -> Any:  # fmt: skip
    fmt = export_format(request.query_params)
    lim, off = paging(request.query_params, export=fmt is not None)
    p = request.query_params
    data = views.claims(store(request), text(p, "stance"), text(p, "holder"), text(p, "article", limit=64), lim, off)
    return export.download(data["claims"], fmt, "claims") if fmt else data


@router.get("/alerts", summary="Date alerts: articles whose stated date the text contradicts, most confident first")
def api_alerts(request: Request, limit: Number = None, offset: Number = None, format: Format = None) -> Any:
    fmt = export_format(request.query_params)
    lim, off = paging(request.query_params, export=fmt is not None)
    data = views.alerts(store(request), lim, off)
    if fmt:
        return export.download(export.alert_rows(data["alerts"]) if fmt == "csv" else data["alerts"], fmt, "alerts")
    return data


@router.get("/sources", summary="Per outlet: articles, languages, date span, share of date alerts")
def api_sources(request: Request, format: Format = None) -> Any:
    data = views.sources(store(request))
    fmt = export_format(request.query_params)
    return export.download(data["sources"], fmt, "sources") if fmt else data


class IngestRequest(BaseModel):
    url: str


@router.post("/ingest", tags=["write"], summary="Read a page or a feed by URL into the store (needs the token)")
def api_ingest(
    request: Request, body: IngestRequest, authorization: Annotated[str | None, Header()] = None
) -> dict[str, Any]:
    token = authorization[7:].strip() if authorization and authorization.lower().startswith("bearer ") else None
    return ingest_url(request.app.state.settings, body.url, token)


__all__ = ["integer", "router"]
