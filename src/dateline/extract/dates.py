"""Page dates: parse what users and pages state, normalise to ISO 8601."""

from __future__ import annotations

import re
from datetime import date, datetime

from ..errors import Code, DatelineError

# /2020/01/06/, /2020-01-06-, /20200106/ in URL paths. Years 1990-2099: news URLs before
# 1990 do not exist, and the bound keeps article ids such as /1995123/ from matching.
_URL_DATE = re.compile(r"(?<!\d)((?:19[9]\d|20\d\d))[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_MONTH = re.compile(r"/((?:199\d|20\d\d))/(0[1-9]|1[0-2])/")


def parse_user_date(value: str) -> str:
    """A date the user gives (`--date`): YYYY-MM-DD or an ISO datetime."""
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise DatelineError(Code.BAD_DATE, f"cannot read date {value!r}; use YYYY-MM-DD") from exc


def normalise(value: str | None) -> str | None:
    """An ISO date or datetime from a page's metadata, or None when it is not one.

    Keeps the time and zone when the page gives them; drops midnight-UTC placeholders
    only when the source had no time at all.
    """
    if not value:
        return None
    value = value.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    if not 1800 <= parsed.year <= 2100:
        return None
    if len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


def url_date(url: str | None) -> str | None:
    """A full date in the URL path, or None."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    match = _URL_DATE.search(path)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError:
        return None


def _month_pattern(months: dict[str, int]) -> str:
    # Longest names first so "juillet" wins over "juil"; an optional dot after abbreviations.
    names = sorted(months, key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


class TextDates:
    """Dates written in words in one or more languages ("1er août 2019", "12 févr. 2020 à 14h30",
    "March 3rd, 2021"), from the month names in each lang pack's boilerplate.toml and the
    ordinal suffixes in page.toml. htmldate keeps all languages' months in one regex and misses
    "août", "1er" and "févr." (GUIDE.md, idea 5); this is our own reader for those."""

    def __init__(self, months: dict[str, int], ordinals: list[str]) -> None:
        self.months = {k.lower(): v for k, v in months.items()}
        month = _month_pattern(self.months)
        ordinal = "|".join(re.escape(o) for o in sorted(ordinals, key=len, reverse=True))
        day = rf"(?P<day>[0-3]?\d)(?:{ordinal})?" if ordinal else r"(?P<day>[0-3]?\d)"
        clock = r"(?:\D{0,6}?(?P<hour>[0-2]?\d)\s*[h:]\s*(?P<minute>[0-5]\d))?"
        self.day_first = re.compile(
            rf"(?<!\w){day}\.?\s+(?P<month>{month})\.?,?\s+(?P<year>(?:19|20)\d\d)(?!\d){clock}", re.IGNORECASE
        )
        self.month_first = re.compile(
            rf"(?<!\w)(?P<month>{month})\.?\s+{day},?\s+(?P<year>(?:19|20)\d\d)(?!\d){clock}", re.IGNORECASE
        )

    def find(self, text: str) -> str | None:
        """The first date written in words in `text`, ISO (with the time when given), or None."""
        best: tuple[int, str] | None = None
        for pattern in (self.day_first, self.month_first):
            for match in pattern.finditer(text):
                value = self._value(match)
                if value is not None:
                    if best is None or match.start() < best[0]:
                        best = (match.start(), value)
                    break
        return best[1] if best else None

    def _value(self, match: re.Match[str]) -> str | None:
        month = self.months.get(match.group("month").lower())
        if month is None:
            return None
        try:
            day = date(int(match.group("year")), month, int(match.group("day")))
        except ValueError:
            return None
        hour, minute = match.group("hour"), match.group("minute")
        if hour is not None and minute is not None and int(hour) < 24:
            return f"{day.isoformat()}T{int(hour):02d}:{minute}:00"
        return day.isoformat()


_NUMERIC = re.compile(r"(?<!\d)([0-3]?\d)[./-]([01]?\d)[./-]((?:19|20)\d\d)(?!\d)")


def numeric_day_first(text: str) -> str | None:
    """ "06/01/2020" or "6.1.2020" read day first (the European order of our languages)."""
    match = _NUMERIC.search(text)
    if match is None:
        return None
    try:
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1))).isoformat()
    except ValueError:
        return None


def same_day(a: str | None, b: str | None) -> bool:
    return bool(a and b and a[:10] == b[:10])
