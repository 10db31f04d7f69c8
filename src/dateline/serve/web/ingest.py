"""The one write the web app offers: read a page or a feed by URL into the store.

Allowed only with the token the server was started with (`dateline serve --token-file F`);
with no token configured, writes are off and every write gets a 403. Only http(s) URLs are
taken (never a path on the server), private and loopback addresses are refused unless the
app was built with allow_private (tests), and one write runs at a time.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException

from ...errors import DatelineError
from .params import BadRequest


def ingest_url(settings: Any, url: str, token: str | None) -> dict[str, Any]:
    if settings.token is None:
        raise HTTPException(403, "writes are off: start the server with --token-file to allow ingesting from the page")
    if not settings.authorised(token):
        raise HTTPException(403, "a write needs the server's token, and this one is missing or wrong")
    url = url.strip()
    if len(url) > 2000 or any(ord(c) < 33 for c in url):
        raise BadRequest("the URL is too long or contains spaces or control characters")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadRequest("give an http:// or https:// URL of a page or a feed")
    from ...ingest.batch import ingest
    from ...ingest.sources import Options

    with settings.write_lock:
        try:
            report = ingest([url], settings.db_path, options=Options(allow_private=settings.allow_private))
        except DatelineError as exc:
            raise BadRequest(str(exc)) from exc
    tally = report.tally.to_dict()
    return {
        "url": url,
        "summary": tally,
        "messages": report.tally.messages,
        "errors": report.errors,
        "seconds": round(report.seconds, 2),
    }
