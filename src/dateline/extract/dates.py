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
