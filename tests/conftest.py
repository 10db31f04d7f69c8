"""Shared fixtures. Tests that need ../shared skip with a message when it is absent, and
fail when CI is set (CI must always measure quality)."""

from __future__ import annotations

import os
from pathlib import Path

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
