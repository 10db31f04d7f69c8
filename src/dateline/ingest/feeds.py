"""RSS/Atom feeds, OPML lists and URLs, fetched politely.

`Fetcher` is the one door to the network during an ingest: it reads robots.txt once per host
and obeys it (RFC 9309: a 4xx robots.txt allows everything, an unreachable one forbids), waits
`delay` seconds between two requests to the same host, sends dateline's user agent (settings
fetch.user_agent) and does conditional GETs for feeds (ETag / Last-Modified kept in the store),
so polling an unchanged feed costs one 304. Every request goes through ingest.url.fetch_bytes
(scheme, private-address, size and redirect checks).

Feeds are parsed with feedparser. A "feed" that turns out to be an HTML page is refused with
a clear error naming the feed links the page advertises. Feed entries become items keyed by
their link; with `feed_content` the entry's own content is used instead of fetching the page.
The feed's new validators are handed back as a `FeedDone` entry that the ingest loop stores in
order, after the entries: a run killed mid-feed re-reads the whole feed next time.
"""

from __future__ import annotations

import re
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from .. import settings
from ..errors import Code, DatelineError
from .files import looks_like_html
from .sources import Entry, FeedDone, Item, Options, Seen, Skip, valid_url
from .url import fetch_bytes

_FEED_SIGNS = re.compile(rb"<(rss|feed|rdf:RDF|opml)[\s>]", re.I)
_ALTERNATE = re.compile(
    rb"""<link[^>]+type=["']application/(?:rss|atom)\+xml["'][^>]*>""",
    re.I,
)
_HREF = re.compile(rb"""href=["']([^"']+)["']""", re.I)


@dataclass
class Page:
    body: bytes
    url: str
    content_type: str
    charset: str | None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


class Fetcher:
    def __init__(
        self,
        options: Options,
        feed_state: Callable[[str], tuple[str | None, str | None]] | None = None,
    ) -> None:
        self.options = options
        self.feed_state = feed_state or (lambda url: (None, None))
        self.agent = str(settings.load().get("fetch", "user_agent"))
        self._robots: dict[str, urllib.robotparser.RobotFileParser | DatelineError | None] = {}
        self._last: dict[str, float] = {}

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.options.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch `url`; raises DatelineError when robots.txt cannot
        be read (network error or 5xx): RFC 9309 then forbids crawling, and the message says why."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._wait(parts.netloc)
            try:
                body, _, _ = fetch_bytes(origin + "/robots.txt", allow_private=self.options.allow_private)
                parser = urllib.robotparser.RobotFileParser()
                parser.parse(body.decode("utf-8", "replace").splitlines())
                self._robots[origin] = parser
            except DatelineError as exc:
                status = re.search(r"HTTP (\d{3})", exc.message)
                self._robots[origin] = None if status and status.group(1).startswith("4") else exc
        robots = self._robots[origin]
        if isinstance(robots, DatelineError):
            raise DatelineError(
                Code.URL_FETCH, f"{url}: {origin}/robots.txt cannot be read ({robots.message}); not fetching the site"
            )
        return robots is None or robots.can_fetch(self.agent, url)

    def get(self, url: str, *, conditional: bool = False) -> Page:
        """Fetch a URL (DatelineError when refused by robots.txt or when it fails)."""
        if not self.allowed(url):
            raise DatelineError(Code.URL_FETCH, f"{url}: robots.txt of {urlsplit(url).netloc} forbids it")
        headers: dict[str, str] = {}
        if conditional:
            etag, modified = self.feed_state(url)
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        self._wait(urlsplit(url).netloc)
        body, final, reply = fetch_bytes(url, allow_private=self.options.allow_private, headers=headers or None)
        charset = reply.get_content_charset()
        return Page(
            body=body,
            url=final,
            content_type=(reply.get_content_type() or "").lower(),
            charset=str(charset) if charset else None,
            etag=reply.get("ETag"),
            last_modified=reply.get("Last-Modified"),
            not_modified=bool(headers) and not body,
        )


def fill(item: Item, fetcher: Fetcher) -> Item:
    """Fetch the page of an item that has only a URL."""
    assert item.url is not None
    page = fetcher.get(item.url)
    item.data = page.body
    item.url = page.url
    item.charset = page.charset
    item.kind = "text" if page.content_type == "text/plain" else "html"
    item.fetched = datetime.now(UTC).isoformat(timespec="seconds")
    return item


def is_feed(body: bytes, content_type: str = "") -> bool:
    if any(t in content_type for t in ("rss", "atom", "opml")):
        return True
    return bool(_FEED_SIGNS.search(body[:2048])) and not looks_like_html(body[:2048])


def url_source(
    url: str, seen: Seen, options: Options, fetcher: object | None, *, expect_feed: bool = False
) -> Iterator[Entry]:
    """A URL argument: a feed (its entries) or a page; `expect_feed` (OPML) refuses pages."""
    assert isinstance(fetcher, Fetcher)
    if not expect_feed and seen(url):
        yield Skip(url, "already", "already")
        return
    try:
        page = fetcher.get(url, conditional=True)
    except DatelineError as exc:
        yield Skip(None, "failed", exc.code.value, str(exc))
        return
    if page.not_modified:
        yield Skip(None, "skipped", "feed-unchanged", f"{url}: not modified since the last run")
        return
    if expect_feed or is_feed(page.body, page.content_type):
        yield from feed_entries(page.body, url, seen, options, fetcher, page)
        return
    kind = "text" if page.content_type == "text/plain" else "html"
    fetched = datetime.now(UTC).isoformat(timespec="seconds")
    yield Item(url, url, page.body, kind, page.url, None, page.charset, fetched, "url")


def feed_file(path: Path, seen: Seen, options: Options, fetcher: object | None) -> Iterator[Entry]:
    try:
        body = path.read_bytes()
    except OSError as exc:
        yield Skip(None, "failed", Code.UNREADABLE.value, f"{path}: {exc.strerror or exc}")
        return
    yield from feed_entries(body, str(path), seen, options, fetcher, None)


def feed_entries(
    body: bytes, location: str, seen: Seen, options: Options, fetcher: object | None, page: Page | None
) -> Iterator[Entry]:
    if re.search(rb"<opml[\s>]", body[:4096], re.I):
        yield from _opml(body, location, seen, options, fetcher)
        return
    try:
        entries = parse_feed(body, location)
    except DatelineError as exc:
        yield Skip(None, "failed", exc.code.value, str(exc))
        return
    for entry in entries:
        link = entry.get("link") or ""
        base = page.url if page else location
        link = urljoin(base, link) if "://" in base else link
        if not valid_url(link):
            yield Skip(None, "failed", "bad-feed-entry", f"{location}: entry without an http(s) link")
            continue
        if seen(link):
            yield Skip(link, "already", "already")
            continue
        content = _entry_content(entry)
        if options.feed_content and content:
            yield Item(link, link, content.encode("utf-8"), "html", link, _entry_date(entry), "utf-8", None, "feed")
        elif fetcher is None:
            yield Skip(None, "failed", "offline", f"{link}: no network here; use --feed-content")
        else:
            yield Item(key=link, location=link, url=link, source_kind="feed")
    if page is not None and (page.etag or page.last_modified):
        yield FeedDone(location, page.etag, page.last_modified)


def parse_feed(body: bytes, location: str) -> list[Any]:
    import feedparser

    parsed = feedparser.parse(body)
    if parsed.entries:
        return list(parsed.entries)
    if looks_like_html(body):
        links = [m.group(1).decode("utf-8", "replace") for tag in _ALTERNATE.findall(body) for m in [_HREF.search(tag)]
                 if m]  # fmt: skip
        hint = f"; the page names its feed: {links[0]}" if links else "; give the site's RSS or Atom URL"
        raise DatelineError(Code.UNREADABLE, f"{location} is an HTML page, not an RSS/Atom feed{hint}")
    if parsed.bozo and not parsed.version:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "not well-formed XML")()
        raise DatelineError(Code.UNREADABLE, f"{location} is not an RSS/Atom feed ({reason})")
    return []


def _entry_content(entry: Any) -> str | None:
    for content in entry.get("content") or []:
        if content.get("value"):
            title = entry.get("title") or ""
            return f"<html><head><title>{title}</title></head><body><article>{content['value']}</article></body></html>"
    return None


def _entry_date(entry: Any) -> str | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", stamp) if stamp else None


def _opml(body: bytes, location: str, seen: Seen, options: Options, fetcher: object | None) -> Iterator[Entry]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        yield Skip(None, "failed", Code.UNREADABLE.value, f"{location}: broken OPML ({exc})")
        return
    if root is None:
        yield Skip(None, "failed", Code.UNREADABLE.value, f"{location}: empty OPML")
        return
    for outline in root.iter("outline"):
        feed = outline.get("xmlUrl")
        if not feed:
            continue
        if not valid_url(feed):
            yield Skip(None, "failed", "bad-url-line", f"{location}: not an http(s) feed URL: {feed[:60]!r}")
            continue
        if fetcher is None:
            yield Skip(None, "failed", "offline", f"{feed}: no network here")
            continue
        yield from url_source(feed, seen, options, fetcher, expect_feed=True)
