"""Local inputs (paths, standard input, bytes) to an unextracted Article."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from .. import settings
from ..article import Article, Source
from ..errors import Code, DatelineError
from .decode import decode

# Markup that only HTML has in its first KiBs; scraped text never starts like this.
_HTML_SIGNS = re.compile(rb"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<div[\s>]|<p[\s>]", re.I)


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_SIGNS.search(data[:4096]))


def from_bytes(
    data: bytes,
    *,
    location: str,
    kind: str | None = None,
    declared_charset: str | None = None,
    url: str | None = None,
    fetched: str | None = None,
) -> Article:
    """Make an Article from raw bytes; `kind` is "html" or "text" (sniffed when None)."""
    if data[:2] == b"\x1f\x8b":  # a .gz page, as the benchmark corpora keep them
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise DatelineError(Code.UNREADABLE, f"{location}: broken gzip data ({exc})") from exc
    limit = int(settings.load().get("input", "max_bytes"))
    if len(data) > limit:
        raise DatelineError(
            Code.TOO_LARGE,
            f"{location} is {len(data):,} bytes; the limit is {limit:,} (settings input.max_bytes)",
        )
    decoded = decode(data, location=location, declared=declared_charset)
    if kind is None:
        kind = "html" if looks_like_html(data) else "text"
    source_kind = "url" if url and kind == "html" and fetched else kind
    article = Article(source=Source(kind=source_kind, location=location, fetched=fetched), url=url)  # type: ignore[arg-type]
    if kind == "html":
        article.html = decoded.text
    else:
        article.raw_text = decoded.text
    if decoded.guessed:
        article.problem("ingest", Code.ENCODING_GUESSED.value, f"no charset declared; decoded as {decoded.encoding}")
    return article


def from_path(path: str | Path, *, kind: str | None = None) -> Article:
    p = Path(path)
    location = str(p)
    if not p.exists():
        raise DatelineError(Code.NOT_FOUND, f"{location}: no such file")
    if p.is_dir():
        raise DatelineError(Code.UNREADABLE, f"{location} is a folder; give files")
    limit = int(settings.load().get("input", "max_bytes"))
    size = p.stat().st_size
    # Check the size before reading, so a 200 MB file is refused without loading it.
    if size > limit and not p.name.endswith(".gz"):
        raise DatelineError(
            Code.TOO_LARGE, f"{location} is {size:,} bytes; the limit is {limit:,} (settings input.max_bytes)"
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise DatelineError(Code.UNREADABLE, f"{location}: {exc.strerror or exc}") from exc
    if kind is None and p.suffix.lower() in {".txt", ".text"}:
        kind = "text"
    return from_bytes(data, location=location, kind=kind)
