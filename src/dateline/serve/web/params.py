"""Validation of what comes in through a URL: the search query, filters, paging.

Every bad value raises `BadRequest` with a sentence a journalist can act on; the app turns it
into a 400 (never a 500). Limits are generous for people and small enough that no request can
make the server scan or render without bound.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ...store.search import Filters, parse_query

MAX_QUERY = 500  # characters: a long boolean query is ~200; more is a paste accident
MAX_TERMS = 40
MAX_TEXT = 200  # a source, entity or speaker name
MAX_OFFSET = 10_000  # deep paging past this is an export's job
PAGE_SIZES = (10, 20, 50, 100)
MAX_EXPORT = 5_000  # rows in one CSV/JSON download
VERDICTS = ("consistent", "inconsistent", "unknown")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_TOKEN = re.compile(r'-?"[^"]*"|\S+')


class BadRequest(ValueError):
    """A parameter the server cannot use; the message says which and why."""


@dataclass
class SearchParams:
    q: str
    filters: Filters
    limit: int
    offset: int

    def query_items(self) -> list[tuple[str, str]]:
        """The non-empty parameters, in a stable order, for links that keep the page's state."""
        f = self.filters
        pairs = [
            ("q", self.q),
            ("from", f.date_from),
            ("to", f.date_to),
            ("est_from", f.estimated_from),
            ("est_to", f.estimated_to),
            ("lang", f.language),
            ("source", f.source),
            ("entity", f.entity),
            ("speaker", f.speaker),
            ("verdict", f.verdict),
            ("duplicates", "1" if f.duplicates else None),
        ]
        return [(k, v) for k, v in pairs if v]


def text(params: Mapping[str, str], name: str, *, limit: int = MAX_TEXT) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise BadRequest(f"{name} is {len(value)} characters long; at most {limit} are accepted")
    if any(ord(c) < 32 for c in value):
        raise BadRequest(f"{name} contains control characters")
    return value or None


def integer(params: Mapping[str, str], name: str, default: int, *, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw.strip() == "":
        return default
    raw = raw.strip()
    if not re.fullmatch(r"-?\d{1,12}", raw):
        raise BadRequest(f"{name} must be a whole number between {low} and {high}, not {raw[:40]!r}")
    value = int(raw)
    if not low <= value <= high:
        raise BadRequest(f"{name} must be between {low} and {high}, not {value}")
    return value


def iso_date(params: Mapping[str, str], name: str) -> str | None:
    """A date bound: YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date."""
    raw = text(params, name, limit=20)
    if raw is None:
        return None
    m = _DATE.match(raw)
    if not m:
        raise BadRequest(f"{name} must be a date written 2024, 2024-03 or 2024-03-12, not {raw!r}")
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        date(year, month, day)
    except ValueError:
        raise BadRequest(f"{name}: {raw} is not a calendar date") from None
    if year < 1000:
        raise BadRequest(f"{name}: the year {year} is out of range")
    return raw


def check_query(q: str) -> str:
    """The query as typed, if the parser can read it as the user meant it."""
    if len(q) > MAX_QUERY:
        raise BadRequest(f"the query is {len(q)} characters long; at most {MAX_QUERY} are accepted")
    if any(ord(c) < 32 and c not in "\t" for c in q):
        raise BadRequest("the query contains control characters")
    if q.count('"') % 2:
        raise BadRequest('the query has an unbalanced quotation mark: close the phrase with a second "')
    tokens = _TOKEN.findall(q)
    if len(tokens) > MAX_TERMS:
        raise BadRequest(f"the query has {len(tokens)} terms; at most {MAX_TERMS} are accepted")
    for i, token in enumerate(tokens):
        if token == "OR" and (i == 0 or i == len(tokens) - 1 or tokens[i + 1] == "OR" or tokens[i - 1] == "OR"):
            raise BadRequest("OR needs a term on each side, as in: grève OR manifestation")
        bare = token.lstrip("-").strip('"').rstrip("*")
        if not re.search(r"\w", bare):
            raise BadRequest(f"{token!r} has no letters or digits to search for")
    if tokens and parse_query(q).match is None:
        raise BadRequest("the query only excludes words: add at least one word to look for")
    return q


def search_params(params: Mapping[str, str], *, export: bool = False) -> SearchParams:
    q = check_query((params.get("q") or "").strip())
    filters = Filters(
        date_from=iso_date(params, "from"),
        date_to=iso_date(params, "to"),
        estimated_from=iso_date(params, "est_from"),
        estimated_to=iso_date(params, "est_to"),
        language=text(params, "lang", limit=3),
        source=text(params, "source"),
        entity=text(params, "entity"),
        speaker=text(params, "speaker"),
        verdict=text(params, "verdict", limit=20),
        duplicates=flag(params, "duplicates"),
    )
    if filters.language and not _LANG.match(filters.language):
        raise BadRequest(f"lang must be a language code such as fr or en, not {filters.language!r}")
    if filters.verdict and filters.verdict not in VERDICTS:
        raise BadRequest(f"verdict must be one of {', '.join(VERDICTS)}")
    for low, high, what in (
        (filters.date_from, filters.date_to, "stated date"),
        (filters.estimated_from, filters.estimated_to, "estimated date"),
    ):
        if low and high and low[: len(high)] > high:
            raise BadRequest(f"the {what} range is empty: {low} comes after {high}")
    limit, offset = paging(params, export=export)
    return SearchParams(q, filters, limit, offset)


def paging(params: Mapping[str, str], *, export: bool = False) -> tuple[int, int]:
    limit = integer(params, "limit", MAX_EXPORT if export else 20, low=1, high=MAX_EXPORT if export else 100)
    offset = integer(params, "offset", 0, low=0, high=MAX_OFFSET)
    return limit, offset


def flag(params: Mapping[str, str], name: str) -> bool:
    raw = (params.get(name) or "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise BadRequest(f"{name} must be 1 or 0, not {raw[:20]!r}")


def export_format(params: Mapping[str, str]) -> str | None:
    raw = params.get("format")
    if raw is None or raw == "":
        return None
    if raw not in ("csv", "json"):
        raise BadRequest(f"format must be csv or json, not {raw[:20]!r}")
    return raw
