"""Template helpers: dates for people, confidence words, safe links, highlighted snippets,
links that keep a page's state. Registered as Jinja globals and filters by app.templates()."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode, urlsplit

from markupsafe import Markup, escape

from ..report import _day, _level
from . import charts
from .annotate import LABELS, entity_href, speaker_colours


def day(value: str | None) -> str:
    """ "2025-01-02" -> "2 Jan 2025"; partial dates as they are."""
    return _day(value) if value else "—"


def level(confidence: float | None) -> str:
    return _level(float(confidence or 0.0))


def safe_url(url: str | None) -> str | None:
    """An http(s) URL to link to, or None: a page's metadata may carry javascript: or data: URLs."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def marked(snippet: dict[str, Any]) -> Markup:
    """A KWIC snippet with its highlights in <mark>, everything else escaped."""
    text: str = snippet.get("text") or ""
    out: list[Markup] = []
    pos = 0
    for start, end in snippet.get("highlights") or []:
        if start < pos or end > len(text):
            continue
        out.append(escape(text[pos:start]))
        out.append(Markup("<mark>{}</mark>").format(text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def link(path: str, items: Iterable[tuple[str, str]] = (), **changes: Any) -> str:
    """`path?query` from a page's parameters with some changed (None removes one)."""
    params = dict(items)
    for key, value in changes.items():
        key = key.rstrip("_")
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return path + ("?" + urlencode(params) if params else "")


def verdict_word(verdict: str | None) -> str:
    return {"inconsistent": "date alert", "consistent": "date checked", "unknown": "date unchecked"}.get(
        verdict or "", "not checked"
    )


GLOBALS: dict[str, Any] = {
    "link": link,
    "entity_href": entity_href,
    "labels": LABELS,
    "bars": charts.bars,
    "fmt_count": charts.count,
    "fmt_percent": charts.percent,
    "speaker_colours": speaker_colours,
}
FILTERS: dict[str, Any] = {
    "day": day,
    "level": level,
    "safe_url": safe_url,
    "marked": marked,
    "verdict_word": verdict_word,
    "percent": charts.percent,
}
