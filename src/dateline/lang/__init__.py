"""Language knowledge as data: one folder per language, loaded and validated here only.

Each `lang/<code>/` folder holds TOML resources, one per concern (`boilerplate.toml` for the
scraped-text cleaner, `time.toml` for time expressions, ...). `RESOURCES` names every
resource and the keys it must define; `load(code)` reads and checks them all, so a new
language is one folder and a missing word list fails loudly at load time (and in
tests/test_lang.py, which runs over every folder). Analyzers contain no words of any language.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..errors import Code, DatelineError

# resource name -> top-level keys it must define. Extend when a step needs new knowledge.
RESOURCES: dict[str, frozenset[str]] = {
    "quotes": frozenset({"marks", "quote_verbs", "stance_verbs", "source", "words", "deps"}),
    "meta": frozenset({"name", "code"}),
    # First names of one gender (analyze/quote_speakers.py: pronouns prefer a person of theirs).
    "names": frozenset({"feminine", "masculine"}),
    # Date check (analyze/datecheck*.py): date patterns, tense cues, role phrases per office.
    "datecheck": frozenset({"months_capitalised", "day_before_month", "ordinals", "tense", "words", "roles"}),
    # Time expressions (analyze/timex*.py): words, numbers, pattern macros and rules.
    "time": frozenset({"settings", "macros", "numbers", "words", "rule"}),
    # Entities and roles (analyze/entity_data.py); quantities (analyze/quantities.py).
    "entities": frozenset(
        {
            "label_map",
            "labels",
            "metonyms",
            "calendar",
            "not_entities",
            "drop_prefixes",
            "leading_articles",
            "not_person_start",
            "not_names",
            "event_before",
            "event_heads",
            "honorifics",
            "definite",
            "portfolios",
            "institution_heads",
            "role_stopwords",
            "roles",
            "synonyms",
            "leaders",
            "countries",
        }
    ),
    "quantities": frozenset(
        {
            "thousands",
            "decimal",
            "joiners",
            "one",
            "link",
            "range",
            "symbols",
            "prefix_symbols",
            "not_units",
            "not_after",
            "anaphoric",
            "function_words",
            "numbers",
            "multipliers",
            "approximate",
            "vague",
        }
    ),
    # HTML page metadata: bylines, date cues (extract/bylines.py, extract/pagedates.py).
    "page": frozenset(
        {"byline_prefix", "author_joiners", "author_roles", "ordinal_suffixes", "published_cue", "modified_cue"}
    ),
    "boilerplate": frozenset(
        {
            "exact",
            "prefix",
            "contains",
            "related",
            "section_prefix",
            "credit_cue",
            "caption_cue",
            "byline_prefix",
            "months",
            "weekdays",
            "title_separators",
            "byline_joiners",
            "ordinals",
            "stopwords",
            "article_end",
        }
    ),
}


@dataclass(frozen=True)
class LangPack:
    code: str
    data: dict[str, dict[str, Any]]

    def resource(self, name: str) -> dict[str, Any]:
        return self.data[name]


def supported() -> list[str]:
    root = resources.files("dateline.lang")
    codes = [p.name for p in root.iterdir() if p.is_dir() and (p / "meta.toml").is_file()]
    return sorted(codes)


def unsupported_message(code: str | None) -> str:
    return f"language {code or 'unknown'} not supported; supported: {', '.join(supported())}"


@cache
def load(code: str) -> LangPack:
    if code not in supported():
        raise DatelineError(Code.LANGUAGE_UNSUPPORTED, unsupported_message(code))
    folder = resources.files("dateline.lang").joinpath(code)
    data: dict[str, dict[str, Any]] = {}
    for name, keys in RESOURCES.items():
        entry = folder.joinpath(f"{name}.toml")
        if not entry.is_file():
            raise DatelineError(Code.LANG_DATA, f"lang/{code}/{name}.toml is missing")
        try:
            table = tomllib.loads(entry.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise DatelineError(Code.LANG_DATA, f"lang/{code}/{name}.toml: {exc}") from exc
        absent = sorted(keys - table.keys())
        if absent:
            raise DatelineError(Code.LANG_DATA, f"lang/{code}/{name}.toml lacks {', '.join(absent)}")
        data[name] = table
    return LangPack(code=code, data=data)
