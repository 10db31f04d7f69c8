"""Calendar arithmetic: turn a parsed time expression into a TimeML TIMEX3 value.

`resolve(spec, anchor)` is a pure function of a small JSON-able `spec` (the normalised slots
of the match, the rule's constants and the clause tense) and the ISO reference date. The
same spec is stored on relative timexes (`Timex.relative`), so re-anchoring after the date
check is one more call of this function.

Spec keys (all optional except `type`): year, month, day, weekday (1 = Monday), dayrel
(offset in days), num, unit (Y, M, W, D, H, MIN, S, DE, CE, Q, HY, WE), sign (-1 "ago",
+1 "from now"), dir (-1 last, 0 this, +1 next), season (SP SU FA WI), pod (MO AF EV NI DT),
hour, minute, ampm, decade ("199"), century (20 for "XXe siècle"), quarter, half,
value (a fixed value), fuzzy (an unspecified number: "PXY"), tense (past, present, future,
infinitive).

Year choice for a month or a day without a year (evidence: TimeBank / FTiB dev files, where
news mostly reports the recent past): the direction word decides first ("dernier", "next"),
then the clause tense; with neither, the occurrence nearest to the anchor. A weekday with no
tense information is taken as the most recent one, the anchor day included ("said Friday" on
a Friday is that day in TimeBank).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

Result = tuple[str | None, str | None]  # (value, reason when value is None)

DURATION_UNITS = {"Y": "Y", "M": "M", "W": "W", "D": "D", "H": "H", "MIN": "M", "S": "S", "WE": "WE"}
TIME_UNITS = {"H", "MIN", "S"}
MAX_YEAR = 9999
NEEDS_ANCHOR = "relative expression and no reference date"


def parse_anchor(anchor: str | None) -> date | None:
    if not anchor:
        return None
    try:
        return date.fromisoformat(anchor[:10])
    except ValueError:
        return None


def _num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:.3f}".rstrip("0").rstrip(".")


def duration(spec: dict[str, Any]) -> Result:
    unit = spec.get("unit")
    if unit is None:
        return None, "duration without a unit"
    n = spec.get("num")
    if n is None and not spec.get("fuzzy"):
        n = 1.0
    counted = re.fullmatch(r"([A-Z]+)(\d+)", str(unit))  # "Y5": a five-year term
    if counted:
        unit = counted.group(1)
        n = None if n is None else n * int(counted.group(2))
    if unit == "DE":
        return ("PXDE" if n is None else f"P{_num(10 * n)}Y"), None
    if unit == "CE":
        return ("PXCE" if n is None else f"P{_num(100 * n)}Y"), None
    if unit == "Q":
        return ("PXQ" if n is None else f"P{_num(3 * n)}M"), None
    if unit == "HY":
        return ("PXM" if n is None else f"P{_num(6 * n)}M"), None
    code = DURATION_UNITS.get(unit)
    if code is None:
        return None, f"unknown duration unit {unit}"
    prefix = "PT" if unit in TIME_UNITS else "P"
    return f"{prefix}{'X' if n is None else _num(n)}{code}", None


def set_value(spec: dict[str, Any]) -> Result:
    if spec.get("weekday"):
        suffix = f"T{spec['pod']}" if spec.get("pod") else ""
        return f"XXXX-WXX-{spec['weekday']}{suffix}", None
    if spec.get("pod"):
        return f"XXXX-XX-XXT{spec['pod']}", None
    if spec.get("month"):
        return f"XXXX-{spec['month']:02d}", None
    if spec.get("season"):
        return f"XXXX-{spec['season']}", None
    if spec.get("unit"):
        spec = {**spec, "num": spec.get("num") or 1.0}
        return duration(spec)
    return None, "set without a period"


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= MAX_YEAR:
        raise ValueError("year out of range")
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift(day: date, unit: str, n: int) -> date:
    if unit in ("D",):
        return day + timedelta(days=n)
    if unit in ("W", "WE"):
        return day + timedelta(weeks=n)
    if unit == "M":
        return _shift_months(day, n)
    if unit == "Q":
        return _shift_months(day, 3 * n)
    if unit == "HY":
        return _shift_months(day, 6 * n)
    if unit == "Y":
        return _shift_months(day, 12 * n)
    if unit == "DE":
        return _shift_months(day, 120 * n)
    if unit == "CE":
        return _shift_months(day, 1200 * n)
    return day


def _format(day: date, unit: str) -> str:
    if unit == "Y":
        return f"{day.year:04d}"
    if unit in ("M",):
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "W":
        iso = day.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if unit == "WE":
        iso = day.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}-WE"
    if unit == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "HY":
        return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
    if unit == "DE":
        return f"{day.year // 10:03d}"
    if unit == "CE":
        return f"{day.year // 100:02d}"
    return day.isoformat()


def _direction(spec: dict[str, Any], present_default: int) -> int | None:
    """-1 past, +1 future, None nearest: the direction word first, then the tense."""
    if spec.get("dir") in (-1, 1):
        return int(spec["dir"])
    tense = spec.get("tense")
    if tense == "past":
        return -1
    if tense == "future":
        return 1
    if tense == "present" and present_default:
        return present_default
    return None


def _weekday(anchor: date, weekday: int, spec: dict[str, Any]) -> date:
    current = anchor.isoweekday()
    strict = spec.get("dir") in (-1, 1)
    direction = _direction(spec, int(spec.get("present_dir", 0)))
    if direction is None and spec.get("tense") == "infinitive" and spec.get("infinitive_future"):
        direction = 1  # a weekday under an infinitive is planned: "set to resume Monday" (TBAQ dev)
    if direction == 1:
        ahead = (weekday - current) % 7
        return anchor + timedelta(days=ahead or (7 if strict or spec.get("tense") == "future" else 0))
    back = (current - weekday) % 7
    nearest = spec.get("dir") == 0 or spec.get("tense") == "present"
    if direction is None and back > 3 and nearest:
        # "ce jeudi" said on a Monday, "se rend jeudi": the nearest one, here the coming one
        return anchor + timedelta(days=7 - back)
    return anchor - timedelta(days=back or (7 if strict else 0))


def _pick_year(anchor: date, month: int, day: int | None, spec: dict[str, Any]) -> int:
    """The year of a month (and day) given without one."""
    target_day = day or 15
    # Only a direction word moves a month or a day off the nearest occurrence: clause tense
    # misled more than it helped on FTiB dev ("est prévue le 16 juillet" is a passive present).
    if spec.get("dir") in (-1, 1):
        direction: int | None = int(spec["dir"])
    elif spec.get("year_tense"):
        direction = _direction(spec, 0)
    else:
        direction = int(spec.get("default_dir") or 0) or None
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        last = calendar.monthrange(year, month)[1]
        candidates.append((year, date(year, month, min(target_day, last))))
    if direction is not None:
        if day is None:  # month granularity: the anchor's own month counts as both past and future
            key = anchor.year * 12 + anchor.month
            if spec.get("dir") in (-1, 1):
                ok = [y for y, _ in candidates if (y * 12 + month - key) * direction > 0]
            else:
                ok = [y for y, _ in candidates if (y * 12 + month - key) * direction >= 0]
            return min(ok, key=lambda y: abs(y * 12 + month - key)) if ok else anchor.year
        ok2 = [(y, d) for y, d in candidates if (d - anchor).days * direction >= 0]
        if ok2:
            return min(ok2, key=lambda c: abs((c[1] - anchor).days))[0]
    return min(candidates, key=lambda c: (abs((c[1] - anchor).days), c[0] != anchor.year))[0]


def easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


_FIXED = re.compile(r"^(\d\d)-(\d\d)$")
_NTH = re.compile(r"^(\d\d)-W(\d)-(-?\d)$")
_EASTER = re.compile(r"^E([+-]\d+)$")


def holiday(rule: str, year: int) -> date | None:
    """The day of a holiday rule in a year: "12-25" (fixed), "11-W4-4" (4th Thursday of
    November; -1 = last), "E-2" (two days before Easter)."""
    if m := _FIXED.match(rule):
        return date(year, int(m.group(1)), int(m.group(2)))
    if m := _NTH.match(rule):
        month, weekday, nth = int(m.group(1)), int(m.group(2)), int(m.group(3))
        days = [
            d for d in range(1, calendar.monthrange(year, month)[1] + 1) if date(year, month, d).isoweekday() == weekday
        ]
        return date(year, month, days[nth - 1 if nth > 0 else nth])
    if m := _EASTER.match(rule):
        return easter(year) + timedelta(days=int(m.group(1)))
    return None


def _holiday(spec: dict[str, Any], ref: date | None) -> str | None:
    rule = str(spec["holiday"])
    if spec.get("year") is not None:
        found = holiday(rule, int(spec["year"]))
        return found.isoformat() if found else None
    if ref is None:
        return None
    candidates = [d for d in (holiday(rule, y) for y in (ref.year - 1, ref.year, ref.year + 1)) if d is not None]
    direction = _direction(spec, 0) if spec.get("year_tense") or spec.get("dir") in (-1, 1) else None
    direction = direction or int(spec.get("default_dir") or 0) or None
    if direction is not None:
        candidates = [d for d in candidates if (d - ref).days * direction >= 0] or candidates
    return min(candidates, key=lambda d: abs((d - ref).days)).isoformat()


def _valid_day(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12:
        return False
    last = calendar.monthrange(year if year else 2000, month)[1]  # 2000: a leap year, so 29 Feb passes
    return 1 <= day <= last


def _time(spec: dict[str, Any]) -> str | None:
    hour = spec.get("hour")
    if hour is None:
        return f"T{spec['pod']}" if spec.get("pod") else None
    hour = int(hour)
    minute = int(spec.get("minute") or 0)
    if spec.get("ampm") == "pm" and hour < 12:
        hour += 12
    if spec.get("ampm") == "am" and hour == 12:
        hour = 0
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return "invalid"
    return f"T{hour:02d}:{minute:02d}"


def resolve(spec: dict[str, Any], anchor: str | None) -> Result:
    """The TIMEX3 value of `spec` against the ISO date `anchor` (None: no reference date)."""
    if spec.get("value"):
        return str(spec["value"]), None
    kind = spec.get("type", "DATE")
    if kind == "DURATION":
        return duration(spec)
    if kind == "SET":
        return set_value(spec)
    try:
        return _point(spec, parse_anchor(anchor))
    except (ValueError, OverflowError) as exc:
        return None, f"cannot be normalised: {exc}"


def _point(spec: dict[str, Any], ref: date | None) -> Result:
    year, month, day = spec.get("year"), spec.get("month"), spec.get("day")
    if spec.get("numeric") and month is not None and day is not None and int(month) > 12 >= int(day):
        month, day = day, month  # "13/01/2020" in a month-first language can only be day-first
    clock = _time(spec)
    if clock == "invalid":
        return None, "impossible clock time"
    if year is not None and not 1 <= int(year) <= MAX_YEAR:
        return None, f"year {year} out of range"
    if month is not None and not 1 <= int(month) <= 12:
        return None, f"month {month} does not exist"
    if day is not None and month is not None and not _valid_day(year, int(month), int(day)):
        return None, f"day {day} does not exist in month {month}"
    suffix = str(spec.get("suffix", ""))
    if spec.get("decade") is not None:
        return str(spec["decade"]) + suffix[:1], None
    if spec.get("century") is not None:
        return f"{int(spec['century']) - 1:02d}" + suffix[:2], None
    relative = year is None and (
        month is not None
        or spec.get("holiday") is not None
        or spec.get("weekday") is not None
        or spec.get("dayrel") is not None
        or spec.get("unit") is not None
        or spec.get("season") is not None
        or spec.get("quarter") is not None
        or spec.get("half") is not None
        or clock is not None
    )
    if relative and ref is None:
        return None, NEEDS_ANCHOR
    text = _calendar(spec, ref, year, month, day)
    if text is None:
        return None, "no date in the expression"
    if clock is not None:
        if len(text) != 10:
            if ref is None or spec.get("pod") is None:
                return None, "clock time without a day"
            text = ref.isoformat()
        return text + clock, None
    return text, None


def _calendar(spec: dict[str, Any], ref: date | None, year: Any, month: Any, day: Any) -> str | None:
    if spec.get("holiday"):
        return _holiday(spec, ref)
    if year is not None:
        year = int(year)
        if spec.get("season"):
            return f"{year:04d}-{spec['season']}"
        if spec.get("quarter"):
            return f"{year:04d}-Q{spec['quarter']}"
        if spec.get("half"):
            return f"{year:04d}-H{spec['half']}"
        if month is None:
            return f"{year:04d}"
        if day is None:
            return f"{year:04d}-{int(month):02d}"
        return f"{year:04d}-{int(month):02d}-{int(day):02d}"
    if ref is None:
        return None
    if month is not None:
        y = _pick_year(ref, int(month), None if day is None else int(day), spec)
        return f"{y:04d}-{int(month):02d}" if day is None else f"{y:04d}-{int(month):02d}-{int(day):02d}"
    if spec.get("dayrel") is not None:
        return (ref + timedelta(days=int(spec["dayrel"]))).isoformat()
    if spec.get("weekday") is not None:
        return _weekday(ref, int(spec["weekday"]), spec).isoformat()
    unit = spec.get("unit")
    if spec.get("season"):
        shift = int(spec.get("dir") or 0)
        return f"{ref.year + shift:04d}-{spec['season']}"
    if spec.get("quarter") or spec.get("half"):
        kind, n = ("Q", spec["quarter"]) if spec.get("quarter") else ("H", spec["half"])
        return f"{ref.year + int(spec.get('dir') or 0):04d}-{kind}{n}"
    if unit is not None:
        if spec.get("sign"):
            n = spec.get("num") or 1
            if not float(n).is_integer():
                return None
            if unit in TIME_UNITS:
                return None
            # "il y a une semaine", "a week ago": that day (FTiB); "two years ago": that year (TimeBank).
            grain = "D" if unit in ("W", "D") else unit
            return _format(_shift(ref, unit, int(spec["sign"]) * int(n)), grain)
        return _format(_shift(ref, unit, int(spec.get("dir") or 0)), unit)
    if spec.get("pod") or spec.get("hour") is not None:
        return ref.isoformat()
    return None
