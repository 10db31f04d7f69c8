"""The Python API: `read`, `read_text`, `read_many`.

import dateline
article = dateline.read("page.html")        # a path, a URL or bytes
article = dateline.read_text(text, language="fr", date="2020-01-06")
for article in dateline.read_many(paths):    # models load once
    print(article.to_dict())
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .article import Article
from .errors import Code, DatelineError
from .pipeline import Pipeline

Input = str | Path | bytes


def build_pipeline(
    *,
    raw: bool = False,
    language: str | None = None,
    date: str | None = None,
    analyze: bool = True,
    fast: bool | None = None,
) -> Pipeline:
    """Extraction followed by the default analysis steps. `fast`: HTML through the fast
    extractor (extract/fast.py); None follows the setting [extract] fast."""
    from .analyze import default_steps
    from .extract import Extract

    steps = [Extract(raw=raw, language=language, date=date, fast=fast), *(default_steps() if analyze else [])]
    return Pipeline(steps, provided=("source", "url"))


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def load(source: Input, *, allow_private: bool = False, kind: str | None = None) -> Article:
    """An unextracted Article from a path, a URL, bytes, or "-" for standard input."""
    from .ingest import files

    if isinstance(source, bytes):
        return files.from_bytes(source, location="<bytes>", kind=kind)
    text = str(source)
    if text == "-":
        import sys

        return files.from_bytes(sys.stdin.buffer.read(), location="<stdin>", kind=kind)
    if isinstance(source, str) and "://" in text:
        if not is_url(text):
            raise DatelineError(Code.URL_SCHEME, f"{text}: only http and https URLs are read")
        from .ingest import url

        return url.fetch(text, allow_private=allow_private)
    return files.from_path(text, kind=kind)


def read(
    source: Input,
    *,
    language: str | None = None,
    date: str | None = None,
    raw: bool = False,
    allow_private: bool = False,
    analyze: bool = True,
    fast: bool | None = None,
) -> Article:
    """Read one article from a path, a URL (http/https) or bytes, and analyse it.

    Fatal input problems (missing, empty, binary, too large, unreachable) raise
    `DatelineError`; partial ones are listed on `article.problems`.
    """
    pipeline = build_pipeline(raw=raw, language=language, date=date, analyze=analyze, fast=fast)
    return pipeline(load(source, allow_private=allow_private, kind="text" if raw else None))


def read_text(
    text: str,
    *,
    language: str | None = None,
    date: str | None = None,
    raw: bool = False,
    url: str | None = None,
    analyze: bool = True,
) -> Article:
    """Read scraped text given as a string (`raw=True`: it is already the clean body)."""
    from .ingest import files

    article = files.from_bytes(text.encode("utf-8"), location="<text>", kind="text", url=url)
    return build_pipeline(raw=raw, language=language, date=date, analyze=analyze)(article)


def read_many(
    sources: Iterable[Input],
    *,
    language: str | None = None,
    date: str | None = None,
    raw: bool = False,
    allow_private: bool = False,
    analyze: bool = True,
    fast: bool | None = None,
) -> Iterator[Article | DatelineError]:
    """Stream one result per source, in order: an Article, or the DatelineError that made
    that source unreadable. The pipeline (and its models) is built once."""
    pipeline = build_pipeline(raw=raw, language=language, date=date, analyze=analyze, fast=fast)
    for source in sources:
        try:
            article = load(source, allow_private=allow_private, kind="text" if raw else None)
        except DatelineError as exc:
            yield exc
            continue
        yield pipeline(article)
