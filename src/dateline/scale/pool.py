"""A local process pool that runs the same `Pipeline` as `dateline read` over many items.

Each worker builds the pipeline once (`dateline.api.build_pipeline`) and so loads each spaCy
model once (analyze.nlp caches it per process). `ordered(entries, ...)` keeps at most
`window` items in flight and yields results in input order: memory stays bounded whatever the
input size, and entries that need no work (skips, feed markers) flow through in their place,
so the ingest loop sees one ordered stream. With `workers <= 1` everything runs in-process.

A worker returns a `Prepared` (store/sqlite.py), a `Rejected` (the page is not an article:
home page, no text) or a `Failed` (a DatelineError or an unexpected exception: one bad page
never stops a run). Each result carries the worker's peak resident memory, for the summary.
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from ..errors import Code, DatelineError
from ..ingest.sources import Item
from ..store.sqlite import Prepared


@dataclass
class Rejected:
    key: str
    reason: str
    message: str
    peak_mb: float = 0.0


@dataclass
class Failed:
    key: str
    reason: str
    message: str
    peak_mb: float = 0.0


Result = Prepared | Rejected | Failed
_STATE: dict[str, Any] = {}


def init(analyze: bool, fast: bool | None = None) -> None:
    """Build the pipeline once for this process (again only if `analyze` or `fast` changes;
    `fast` None follows the setting [extract] fast)."""
    if "pipeline" in _STATE and _STATE.get("analyze") == analyze and _STATE.get("fast") == fast:
        return
    from ..api import build_pipeline
    from ..pipeline import step_id

    pipeline = build_pipeline(analyze=analyze, fast=fast)
    _STATE["pipeline"] = pipeline
    _STATE["analyze"] = analyze
    _STATE["fast"] = fast
    _STATE["producers"] = {f: step_id(s) for s in pipeline.steps for f in s.assigns}


def peak_mb() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6


def work(item: Item) -> Result:
    from ..article import Source
    from ..ingest.files import from_bytes
    from ..store.dedup import is_home_page
    from ..store.sqlite import prepare

    if "pipeline" not in _STATE:
        init(True)
    try:
        if item.data is None:
            return Failed(item.key, "not-fetched", f"{item.location}: no content", peak_mb())
        article = from_bytes(
            item.data,
            location=item.location,
            kind=item.kind,
            declared_charset=item.charset,
            url=item.url,
            fetched=item.fetched,
        )
        article.source = Source(kind=item.source_kind, location=item.location, fetched=item.fetched)  # type: ignore[arg-type]
        if is_home_page(article.url):  # known from the URL alone: no extraction or analysis spent on it
            return Rejected(item.key, "home-page", f"{item.url}: a site's front page, not an article", peak_mb())
        pipeline = _STATE["pipeline"]
        if item.date:
            pipeline = _with_date(item.date)
        article = pipeline(article)
        broken = [p for p in article.problems if p.step == "extract" and p.code == Code.STEP_FAILED.value]
        if broken:  # extraction itself crashed: a failure (retried next run), not "no article"
            return Failed(item.key, broken[0].code, f"{item.location}: {broken[0].message}", peak_mb())
        if not article.text.strip() or any(p.code == Code.NO_ARTICLE.value for p in article.problems):
            return Rejected(item.key, "no-article", f"{item.location}: no article text found", peak_mb())
        return prepare(article, item.key, _STATE["producers"])
    except DatelineError as exc:
        if exc.code in (Code.EMPTY_INPUT, Code.BINARY_INPUT):  # an empty or binary payload never becomes a page
            reason = "empty" if exc.code == Code.EMPTY_INPUT else "binary"
            return Rejected(item.key, reason, f"{item.location}: {exc.message}", peak_mb())
        return Failed(item.key, exc.code.value, f"{item.location}: {exc.message}", peak_mb())
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop a run of thousands
        return Failed(item.key, Code.STEP_FAILED.value, f"{item.location}: {type(exc).__name__}: {exc}", peak_mb())


def _with_date(date: str) -> Any:
    """The worker's pipeline with the source's stated date (JSONL "date") applied at extraction."""
    from ..extract import Extract
    from ..pipeline import Pipeline

    base = _STATE["pipeline"]
    try:
        extract = Extract(date=date, fast=_STATE.get("fast"))
    except DatelineError:
        return base  # an unreadable date is ignored; the page's own date is used
    return Pipeline([extract, *base.steps[1:]], provided=("source", "url"))


def ordered(
    entries: Iterable[Any], *, workers: int, analyze: bool, window: int = 0, fast: bool | None = None
) -> Iterator[tuple[Any, Any]]:
    """(entry, result) in input order; result is None for entries that are not `Item`s."""
    if workers <= 1:
        init(analyze, fast)
        for entry in entries:
            yield entry, (work(entry) if isinstance(entry, Item) else None)
        return
    window = window or workers * 4
    # forkserver: workers start from a clean process (no inherited threads or sqlite handles).
    context = multiprocessing.get_context("forkserver")
    pending: deque[tuple[Any, Future[Result] | None]] = deque()
    try:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=init, initargs=(analyze, fast)
        ) as pool:
            for entry in entries:
                pending.append((entry, pool.submit(work, entry) if isinstance(entry, Item) else None))
                while len(pending) > window or (pending and pending[0][1] is None):
                    head, future = pending.popleft()
                    yield head, (future.result() if future is not None else None)
            while pending:
                head, future = pending.popleft()
                yield head, (future.result() if future is not None else None)
    except BrokenProcessPool as exc:
        raise DatelineError(
            Code.STEP_FAILED,
            "a worker process died (out of memory?); what was stored is kept: rerun with fewer --workers to resume",
        ) from exc
