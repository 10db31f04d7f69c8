"""The HTML pages. Each page's state is in its URL (query parameters), so a view can be
shared; htmx requests (HX-Request header) get only the part of the page that changes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from . import views
from .annotate import blocks
from .app import html
from .ingest import ingest_url
from .params import BadRequest, paging, search_params, text

router = APIRouter(include_in_schema=False)


def store(request: Request) -> Any:
    return request.app.state.stores.get()


def partial(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


@router.get("/")
def home() -> Response:
    return RedirectResponse("/search", status_code=302)


@router.get("/search")
def search_page(request: Request) -> Response:
    sp = search_params(request.query_params)
    data = views.search(store(request), sp)
    context = {"data": data, "sp": sp, "items": sp.query_items(), "page": "search"}
    return html(request, "_results.html" if partial(request) else "search.html", context)


@router.get("/search/facets")
def facets_fragment(request: Request) -> Response:
    sp = search_params(request.query_params)
    return html(request, "_facets.html", {"facets": views.facets(store(request), sp), "items": sp.query_items()})


@router.get("/search/timeline")
def timeline_fragment(request: Request) -> Response:
    sp = search_params(request.query_params)
    return html(request, "_timeline.html", {"timeline": views.timeline(store(request), sp), "items": sp.query_items()})


@router.get("/article/{ident}")
def article_page(request: Request, ident: str) -> Response:
    data = views.article(store(request), ident)
    data["blocks"] = blocks(data["record"])
    return html(request, "article.html", {"data": data, "r": data["record"], "page": "article"})


@router.get("/entity")
def entity_page(request: Request) -> Response:
    name = text(request.query_params, "name")
    if not name:
        raise BadRequest("name the person, organisation or place: /entity?name=…")
    data = views.entity(store(request), name)
    return html(request, "entity.html", {"data": data, "page": "entity"})


@router.get("/entities")
def entities_page(request: Request) -> Response:
    p = request.query_params
    limit, offset = paging(p)
    limit = 100 if "limit" not in p else limit
    label, name = text(p, "label"), text(p, "name")
    data = views.entities(store(request), label, name, limit, offset)
    items = [(k, v) for k, v in (("label", label), ("name", name)) if v]
    return html(
        request,
        "entities.html",
        {"data": data, "items": items, "label": label, "name": name, "page": "entities", "limit": limit},
    )


@router.get("/alerts")
def alerts_page(request: Request) -> Response:
    limit, offset = paging(request.query_params)
    data = views.alerts(store(request), limit, offset)
    return html(request, "alerts.html", {"data": data, "page": "alerts"})


@router.get("/sources")
def sources_page(request: Request) -> Response:
    data = views.sources(store(request))
    writable = request.app.state.settings.token is not None
    return html(request, "sources.html", {"data": data, "page": "sources", "writable": writable, "result": None})


@router.post("/ingest")
def ingest_form(request: Request, url: Annotated[str, Form()], token: Annotated[str, Form()] = "") -> Response:
    result = ingest_url(request.app.state.settings, url, token or None)
    data = views.sources(store(request))
    return html(request, "sources.html", {"data": data, "page": "sources", "writable": True, "result": result})
