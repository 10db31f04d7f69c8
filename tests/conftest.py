"""Shared fixtures. Tests that need ../shared skip with a message when it is absent, and
fail when CI is set (CI must always measure quality)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "article-fr-pentagone.txt"
EXAMPLES = ROOT / "examples"


def need_shared(*parts: str) -> Path:
    """The path under ../shared, or skip (fail under CI) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is absent: the shared benchmarks are needed for this test"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return need_shared("seed", "article-fr-pentagone.txt").read_text(encoding="utf-8")


def read_fr(text: str) -> Any:
    """A French text written for a test, analysed with a fixed page date."""
    import dateline

    return dateline.read_text(text, raw=True, language="fr", date="2024-03-05")


def quote_with(article: Any, words: str) -> Any:
    """The first quote of the article whose text contains `words`."""
    return next(q for q in article.quotes if words in q.text)


def speaker(article: Any, words: str) -> str | None:
    """The speaker's name of the quote containing `words`, or None."""
    found = quote_with(article, words).speaker
    return found.name if found is not None else None
