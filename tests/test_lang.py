"""Every language folder provides every resource (a new language is one folder)."""

from __future__ import annotations

import pytest

from dateline import lang
from dateline.errors import DatelineError


@pytest.mark.parametrize("code", lang.supported())
def test_each_language_provides_every_resource(code: str) -> None:
    pack = lang.load(code)
    for name, keys in lang.RESOURCES.items():
        assert keys <= pack.resource(name).keys()


def test_french_and_english_are_supported() -> None:
    assert {"fr", "en"} <= set(lang.supported())


def test_unsupported_language_names_what_exists() -> None:
    with pytest.raises(DatelineError, match="language de not supported; supported: en, fr"):
        lang.load("de")
