"""Ordered analysis steps, checked when the pipeline is built.

A step is a small object with a `name`, a `version`, the Article fields it `requires`
and those it `assigns`, and a `__call__(article) -> Article`. `Pipeline` refuses an order
in which a step needs a field no earlier step (nor extraction) provides, so a wrong order
fails at build time, not on article 40,000. A step that cannot work records a problem on
the article and returns it; a step that raises is caught here and recorded the same way,
so one bad article never stops a run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from .article import Article
from .errors import Code, DatelineError

log = logging.getLogger(__name__)

# What extraction provides before any analysis step runs.
EXTRACTED: frozenset[str] = frozenset(
    {
        "text",
        "blocks",
        "language",
        "title",
        "standfirst",
        "kicker",
        "section",
        "authors",
        "stated_date",
        "page_dates",
        "media",
        "removed",
        "url",
        "source",
    }
)


@runtime_checkable
class Step(Protocol):
    name: str
    version: int
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, article: Article) -> Article: ...


def step_id(step: Step) -> str:
    return f"{step.name}@{step.version}"


class Pipeline:
    """Steps run in order over each article; `run` streams."""

    def __init__(self, steps: Sequence[Step], *, provided: Iterable[str] = EXTRACTED) -> None:
        available = set(provided)
        for step in steps:
            missing = [r for r in step.requires if r not in available]
            if missing:
                raise DatelineError(
                    Code.PIPELINE_ORDER,
                    f"step {step_id(step)} requires {', '.join(missing)}, "
                    "which no earlier step assigns; reorder the pipeline",
                )
            available.update(step.assigns)
        self.steps: tuple[Step, ...] = tuple(steps)

    def __call__(self, article: Article) -> Article:
        for step in self.steps:
            try:
                article = step(article)
            except Exception as exc:
                log.warning("step %s failed: %s", step_id(step), exc)
                log.debug("traceback", exc_info=True)
                article.problem(step.name, Code.STEP_FAILED.value, f"{type(exc).__name__}: {exc}")
                continue
            article.steps.append(step_id(step))
        return article

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            yield self(article)

    def describe(self) -> list[dict[str, object]]:
        return [{"step": step_id(s), "requires": list(s.requires), "assigns": list(s.assigns)} for s in self.steps]
