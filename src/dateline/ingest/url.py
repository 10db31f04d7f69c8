"""Fetch one URL politely and safely.

Only http(s); every hop of a redirect is checked again; hosts that resolve to private,
loopback, link-local or reserved addresses are refused unless `allow_private` (tests use a
local server with it); a size cap stops reading early; timeouts on connect and read; a user
agent that names dateline.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from datetime import UTC, datetime
from email.message import Message
from urllib.parse import urljoin, urlsplit

from .. import settings
from ..article import Article
from ..errors import Code, DatelineError
from .files import from_bytes


def check_url(url: str, *, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise DatelineError(Code.URL_SCHEME, f"{url}: only http and https URLs are read")
    host = parts.hostname
    if not host:
        raise DatelineError(Code.URL_SCHEME, f"{url}: no host in URL")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError) as exc:
        raise DatelineError(Code.URL_FETCH, f"{url}: cannot resolve host {host} ({exc})") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise DatelineError(
                Code.URL_PRIVATE,
                f"{url}: {host} resolves to the non-public address {address}; pass --allow-private to read it",
            )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by `fetch` itself, so every hop is checked."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


def _charset(headers: Message) -> str | None:
    value = headers.get_content_charset()
    return str(value) if value else None


def fetch_bytes(
    url: str, *, allow_private: bool = False, headers: dict[str, str] | None = None
) -> tuple[bytes, str, Message]:
    """Return (body, final URL, headers) or raise DatelineError. Extra request `headers`
    (If-None-Match, If-Modified-Since) make a conditional GET: a 304 returns an empty body."""
    conf = settings.load()
    timeout = float(conf.get("fetch", "timeout"))
    cap = int(conf.get("fetch", "max_bytes"))
    max_redirects = int(conf.get("fetch", "max_redirects"))
    opener = urllib.request.build_opener(_NoRedirect)
    current = url
    for _hop in range(max_redirects + 1):
        check_url(current, allow_private=allow_private)
        request = urllib.request.Request(
            current,
            headers={"User-Agent": str(conf.get("fetch", "user_agent")), "Accept": "text/html,*/*;q=0.5"}
            | (headers or {}),
        )
        try:
            response = opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as exc:
            if exc.code in (301, 302, 303, 307, 308) and exc.headers.get("Location"):
                current = urljoin(current, exc.headers["Location"])
                continue
            if exc.code == 304 and headers:
                return b"", current, exc.headers
            raise DatelineError(Code.URL_STATUS, f"{current}: HTTP {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise DatelineError(Code.URL_FETCH, f"{current}: cannot fetch ({reason})") from exc
        with response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > cap:
                raise DatelineError(
                    Code.URL_TOO_LARGE, f"{current}: {int(declared):,} bytes is over the {cap:,}-byte cap"
                )
            try:
                body = response.read(cap + 1)
            except (OSError, ValueError) as exc:
                raise DatelineError(Code.URL_FETCH, f"{current}: read failed ({exc})") from exc
            if len(body) > cap:
                raise DatelineError(Code.URL_TOO_LARGE, f"{current}: response is over the {cap:,}-byte cap")
            return body, current, response.headers
    raise DatelineError(Code.URL_REDIRECTS, f"{url}: more than {max_redirects} redirects")


def fetch(url: str, *, allow_private: bool = False) -> Article:
    body, final, headers = fetch_bytes(url, allow_private=allow_private)
    content_type = (headers.get_content_type() or "").lower()
    kind = "text" if content_type == "text/plain" else "html"
    fetched = datetime.now(UTC).isoformat(timespec="seconds")
    return from_bytes(body, location=url, kind=kind, declared_charset=_charset(headers), url=final, fetched=fetched)
