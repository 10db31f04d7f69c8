"""Ingest many sources into a store: the loop behind `dateline ingest`.

sources (ingest/sources.py) -> fetch pages that have only a URL (ingest/feeds.py, politely,
in this process) -> analyse (scale/pool.py, in order, `workers` processes) -> store
(store/sqlite.py, this process, the only writer). Items already in the store are skipped
unread, so the same command twice adds nothing, and a run killed at any moment resumes where
its last committed batch ended.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatelineError
from ..store import AnyStore, open_store
from ..store.writer import DUPLICATE, FAILED, NEW, SKIPPED, Prepared, batched_commit
from .progress import Progress, Tally
from .sources import Entry, FeedDone, Item, Options, Skip, count_items, expand


@dataclass
class Report:
    tally: Tally
    seconds: float
    errors: list[str]  # whole sources that failed (truncated WARC, HTML "feed", missing file)


def ingest(
    sources: list[str],
    db: str | Path,
    *,
    workers: int = 1,
    analyze: bool = True,
    options: Options | None = None,
    progress: Progress | None = None,
    store: AnyStore | None = None,
    fast: bool | None = None,
) -> Report:
    """Ingest `sources` into `db`. `fast`: HTML through the fast extractor (extract/fast.py);
    None follows the setting [extract] fast."""
    from ..scale.pool import Failed, Rejected, ordered
    from .feeds import Fetcher, fill

    options = options or Options()
    own = store is None
    store = store or open_store(db)
    tally = Tally()
    errors: list[str] = []
    progress = progress or Progress(count_items(sources), quiet=True)
    fetcher = Fetcher(options, store.feed_state)
    started = time.monotonic()
    batch = started

    def seen(key: str) -> bool:
        return store.seen(key) is not None

    def fetched(entries: Iterator[Entry]) -> Iterator[Entry]:
        for entry in entries:
            if isinstance(entry, Item) and entry.data is None:
                try:
                    entry = fill(entry, fetcher)
                except DatelineError as exc:
                    entry = Skip(None, FAILED, exc.code.value, str(exc))
            yield entry

    try:
        stream = fetched(expand(sources, seen, options, fetcher))
        for entry, result in ordered(stream, workers=workers, analyze=analyze, fast=fast):
            if isinstance(entry, FeedDone):
                store.set_feed_state(entry.url, entry.etag, entry.last_modified)
                continue
            if isinstance(entry, Skip):
                _skip(store, tally, errors, entry)
            else:
                tally.read += 1
                if isinstance(result, Prepared):
                    added = store.add(result)
                    if added.outcome == NEW:
                        tally.new += 1
                    elif added.outcome == DUPLICATE:
                        tally.duplicates[added.kind or "?"] += 1
                    else:
                        tally.already += 1
                elif isinstance(result, Rejected):
                    tally.skipped[result.reason] += 1
                    store.note(result.key, SKIPPED, result.reason)
                elif isinstance(result, Failed):
                    tally.fail(result.reason, result.message)
                    store.note(result.key, FAILED, result.message)
                if result is not None:
                    tally.peak_mb = max(tally.peak_mb, getattr(result, "peak_mb", 0.0))
            batch = batched_commit(store, batch)
            progress.tick(tally)
        store.commit()
    finally:
        progress.tick(tally, force=True)
        progress.done()
        if own:
            with contextlib.suppress(DatelineError):  # the error that stopped the loop is the one to report
                store.close()
    return Report(tally, time.monotonic() - started, errors)


def _skip(store: AnyStore, tally: Tally, errors: list[str], entry: Skip) -> None:
    if entry.outcome == "already":
        tally.read += 1
        tally.already += 1
        return
    if entry.key is None and entry.outcome == FAILED:
        # A whole source (or a line of a list) could not be read: counted and reported.
        tally.fail(entry.reason, entry.message)
        errors.append(entry.message)
        return
    tally.read += 1
    if entry.outcome == FAILED:
        tally.fail(entry.reason, entry.message)
    else:
        tally.skipped[entry.reason] += 1
    if entry.key is not None:
        store.note(entry.key, entry.outcome, entry.reason)
