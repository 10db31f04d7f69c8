"""WARC and WARC.gz files, streamed record by record (warcio): memory stays bounded by one
record whatever the file size.

Only HTTP `response` records with a 2xx status and an HTML (or plain text) payload become
items; warcio removes the chunked transfer encoding and gzip/deflate content encodings
(warcio-example-iana.org-chunked.warc is chunked), and the charset of the HTTP Content-Type
goes to the decoder. `revisit` records (no payload), non-2xx responses (the 404 page of
synthetic-fr-news.warc.gz) and non-HTML payloads (images, CSS of
ukwa-wikipedia-post-blackout.warc.gz) are skipped and counted. `request`, `warcinfo`,
`metadata` and `resource` records are not pages and are passed over silently. A truncated or
damaged file ends its stream with one failure; the records before the damage are kept.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from pathlib import Path

from .. import settings
from .sources import Entry, Item, Seen, Skip

_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def _content_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    parts = [p.strip() for p in value.split(";")]
    charset = None
    for part in parts[1:]:
        name, _, param = part.partition("=")
        if name.strip().lower() == "charset" and param:
            charset = param.strip().strip("\"'")
    return parts[0].lower(), charset


def records(path: Path, seen: Seen) -> Iterator[Entry]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = int(settings.load().get("input", "max_bytes"))
    where = str(path.resolve())
    count = 0
    last = None
    try:
        with path.open("rb") as handle:
            iterator = ArchiveIterator(handle)
            for record in iterator:
                count += 1
                last = record
                if record.rec_type not in ("response", "revisit"):
                    continue
                rid = record.rec_headers.get_header("WARC-Record-ID") or f"offset-{count}"
                key = f"warc:{where}#{rid}"
                if record.rec_type == "revisit":
                    yield Skip(key, "skipped", "revisit", "revisit record: no payload")
                    continue
                http = record.http_headers
                if http is None:
                    yield Skip(key, "skipped", "not-http", "response record without an HTTP envelope")
                    continue
                status = http.get_statuscode() or ""
                if not status.startswith("2"):
                    yield Skip(key, "skipped", "http-status", f"HTTP {status}")
                    continue
                ctype, charset = _content_type(http.get_header("Content-Type"))
                if not ctype:
                    ctype, _ = _content_type(record.rec_headers.get_header("WARC-Identified-Payload-Type"))
                if ctype not in _PAGE_TYPES:
                    yield Skip(key, "skipped", "not-html", ctype or "no content type")
                    continue
                if seen(key):
                    yield Skip(key, "already", "already")
                    continue
                data = record.content_stream().read(limit + 1)
                if len(data) > limit:
                    yield Skip(key, "skipped", "too-large", f"payload over {limit:,} bytes")
                    continue
                if _unread(record):
                    break  # the file ends inside this record: reported below, payload dropped
                url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>") or None
                yield Item(
                    key=key,
                    location=f"{path}#{rid}",
                    data=data,
                    kind="text" if ctype == "text/plain" else "html",
                    url=url,
                    charset=charset,
                    fetched=record.rec_headers.get_header("WARC-Date"),
                    source_kind="warc",
                )
            # warcio ends quietly on a gzip member cut short: bytes left after the last
            # complete record mean the file was truncated.
            size = os.fstat(handle.fileno()).st_size
            complete = iterator.offset >= size and (last is None or not _unread(last))
        if complete:
            return
        detail = "the file ends inside a record"
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    yield Skip(
        None,
        "failed",
        "bad-warc",
        f"{path}: truncated or damaged at record {count} ({detail}); the records before it were read",
    )


def _unread(record: object) -> int:
    """Bytes the record announced but the file did not hold (0 for a complete record)."""
    return int(getattr(getattr(record, "raw_stream", None), "limit", 0) or 0)
