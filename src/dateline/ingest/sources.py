"""What `dateline ingest` reads: every SOURCE argument expanded into a stream of items.

A SOURCE is a folder (walked, sorted), an http(s) URL (a page, or a feed when the response is
RSS/Atom/OPML), or a file recognised by its name or its content:
- `.warc`, `.warc.gz`, `.arc.gz`: WARC records (ingest/warc.py);
- `.jsonl`, `.ndjson` (optionally `.gz`): one JSON object a line, {url, html or text, date};
- `.rss`, `.atom`, `.xml`, `.opml`: a feed or an OPML list of feeds (ingest/feeds.py);
- `.urls`, or a text file whose lines are mostly bare http(s) URLs: a URL list;
- `.html`, `.htm`, `.xhtml`, `.txt`, `.text` (optionally `.gz`): one page or scraped text each.

Each yielded `Item` is a picklable page (bytes plus what is known about it) with a stable
`key` (path+size+mtime, URL, WARC file#record id, ...) recorded in the store, so a rerun skips
it unread. `Skip` reports an input that gave no page: counted under its reason, recorded when
it has a key (skipped for good) and retried next run when `outcome` is "failed". Generators
never raise for bad input: one broken source must not stop the others.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import Code

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".text")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".opml")
URL_LIST_SUFFIXES = (".urls",)
_URL_LINE = re.compile(r"^https?://[^\s/]+\S*$", re.I)


@dataclass
class Item:
    key: str
    location: str
    data: bytes | None = None  # None: fetch `url` first (feeds, URL lists)
    kind: str | None = None  # "html" | "text" | None (sniffed)
    url: str | None = None
    date: str | None = None  # a date the source states for the page (JSONL "date")
    charset: str | None = None
    fetched: str | None = None
    source_kind: str = "html"  # Article.source.kind: html | text | url | feed | warc | jsonl


@dataclass
class Skip:
    key: str | None  # None: a whole source failed (reported, retried next run)
    outcome: str  # "skipped" (for good) | "failed" | "already"
    reason: str  # short, countable: "revisit", "http-status", "bad-url-line", ...
    message: str = ""


@dataclass
class FeedDone:
    """Validators of a feed whose entries were all yielded; the ingest loop stores them in
    order after those entries, so a run killed mid-feed re-reads the whole feed next time."""

    url: str
    etag: str | None
    last_modified: str | None


Seen = Callable[[str], bool]
Entry = Item | Skip | FeedDone


@dataclass
class Options:
    allow_private: bool = False
    feed_content: bool = False  # use the feed's own entry content instead of fetching pages
    delay: float = 1.0  # seconds between two requests to one host


def kind_of(path: Path) -> str:
    name = path.name.lower()
    for kind, suffixes in (
        ("warc", WARC_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("feed", FEED_SUFFIXES),
        ("urls", URL_LIST_SUFFIXES),
    ):
        if name.endswith(suffixes):
            return kind
    bare = name[:-3] if name.endswith(".gz") else name
    if bare.endswith(PAGE_SUFFIXES):
        return "urls" if bare.endswith((".txt", ".text")) and _is_url_list(path) else "page"
    return "other"


def _is_url_list(path: Path) -> bool:
    """True when most non-blank, non-comment lines are bare URLs (no article looks like that)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    if head[:2] == b"\x1f\x8b":
        return False
    lines = [ln.strip() for ln in head.decode("utf-8", "replace").splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    urls = sum(1 for ln in lines if _URL_LINE.match(ln))
    return bool(lines) and urls / len(lines) >= 0.5


def expand(sources: list[str], seen: Seen, options: Options, fetcher: object | None = None) -> Iterator[Entry]:
    """Every item of every source, in order. `fetcher` is an ingest.feeds.Fetcher (URLs, feeds)."""
    for source in sources:
        if "://" in source:
            if not source.lower().startswith(("http://", "https://")):
                yield Skip(None, "failed", "bad-url", f"{source}: only http and https URLs are read")
                continue
            from .feeds import url_source

            yield from url_source(source, seen, options, fetcher)
            continue
        path = Path(source)
        if not path.exists():
            yield Skip(None, "failed", "not-found", f"{source}: no such file or folder")
        elif path.is_dir():
            yield from folder(path, seen, options, fetcher)
        else:
            yield from one_file(path, seen, options, fetcher, explicit=True)


def folder(root: Path, seen: Seen, options: Options, fetcher: object | None) -> Iterator[Entry]:
    for parent, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield from one_file(Path(parent) / name, seen, options, fetcher, explicit=False)


def one_file(path: Path, seen: Seen, options: Options, fetcher: object | None, *, explicit: bool) -> Iterator[Entry]:
    kind = kind_of(path)
    if kind == "warc":
        from .warc import records

        yield from records(path, seen)
    elif kind == "jsonl":
        yield from jsonl(path, seen)
    elif kind == "feed":
        from .feeds import feed_file

        yield from feed_file(path, seen, options, fetcher)
    elif kind == "urls":
        yield from url_list(path, seen)
    elif kind == "page" or explicit:
        yield page_file(path, seen)
    else:
        yield Skip(None, "skipped", "not-a-page", f"{path}: not a page, text, WARC, JSONL, feed or URL list")


def page_file(path: Path, seen: Seen) -> Entry:
    try:
        stat = path.stat()
        key = f"file:{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
        if seen(key):
            return Skip(key, "already", "already")
        from .. import settings

        limit = int(settings.load().get("input", "max_bytes"))
        if stat.st_size > limit and not path.name.endswith(".gz"):
            return Skip(
                key, "failed", Code.TOO_LARGE.value, f"{path} is {stat.st_size:,} bytes; the limit is {limit:,}"
            )
        data = path.read_bytes()
    except OSError as exc:
        return Skip(None, "failed", Code.UNREADABLE.value, f"{path}: {exc.strerror or exc}")
    bare = path.name.lower().removesuffix(".gz")
    kind = "text" if bare.endswith((".txt", ".text")) else None
    return Item(key=key, location=str(path), data=data, kind=kind, source_kind=kind or "html")


def _open_text(path: Path) -> Iterator[str]:
    """Lines of a text file (gzip-aware), decoded leniently: a bad byte spoils one line only."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        for raw in handle:
            yield raw.decode("utf-8", "replace")


def valid_url(line: str) -> bool:
    if not _URL_LINE.match(line):
        return False
    try:
        return bool(urlsplit(line).hostname)
    except ValueError:
        return False


def url_list(path: Path, seen: Seen) -> Iterator[Entry]:
    try:
        for number, line in enumerate(_open_text(path), 1):
            url = line.strip()
            if not url or url.startswith("#"):
                continue
            if not valid_url(url):
                shown = url if len(url) <= 60 else url[:57] + "..."
                yield Skip(None, "failed", "bad-url-line", f"{path}:{number}: not an http(s) URL: {shown!r}")
                continue
            if seen(url):
                yield Skip(url, "already", "already")
                continue
            yield Item(key=url, location=url, url=url, source_kind="url")
    except (OSError, EOFError) as exc:
        yield Skip(None, "failed", Code.UNREADABLE.value, f"{path}: {exc}")


def jsonl(path: Path, seen: Seen) -> Iterator[Entry]:
    """Records scraped elsewhere: {"url": ..., "html": ... | "text": ..., "date": ...}."""
    try:
        for number, line in enumerate(_open_text(path), 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Skip(None, "failed", "bad-jsonl-line", f"{where}: not JSON ({exc.msg})")
                continue
            entry = _jsonl_item(record, where, seen)
            if entry is not None:
                yield entry
    except (OSError, EOFError) as exc:
        yield Skip(None, "failed", Code.UNREADABLE.value, f"{path}: {exc}")


def _jsonl_item(record: object, where: str, seen: Seen) -> Entry | None:
    if not isinstance(record, dict):
        return Skip(None, "failed", "bad-jsonl-line", f"{where}: a JSON object is expected")
    html, text = record.get("html"), record.get("text")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        return Skip(None, "failed", "bad-jsonl-line", f"{where}: no 'html' or 'text' field")
    url = record.get("url") if isinstance(record.get("url"), str) else None
    date = record.get("date") if isinstance(record.get("date"), str) else None
    data = body.encode("utf-8")
    key = "jsonl:" + (url or hashlib.sha1(data).hexdigest())
    if seen(key):
        return Skip(key, "already", "already")
    kind = "html" if body is html else "text"
    return Item(key=key, location=where, data=data, kind=kind, url=url, date=date, charset="utf-8", source_kind="jsonl")


def count_items(sources: list[str]) -> int | None:
    """A cheap total for the progress bar, or None when a source has no cheap count (WARC, URL)."""
    total = 0
    for source in sources:
        if "://" in source:
            return None
        path = Path(source)
        paths = [path] if not path.is_dir() else [Path(d) / n for d, _, ns in os.walk(path) for n in ns]
        for p in paths:
            kind = kind_of(p)
            if kind == "page" or (kind == "other" and p == path):
                total += 1
            elif kind in ("urls", "jsonl") and p.stat().st_size < 200_000_000:
                try:
                    total += sum(1 for ln in _open_text(p) if ln.strip() and not ln.startswith("#"))
                except (OSError, EOFError):
                    return None
            elif kind in ("warc", "feed"):
                return None
    return total
