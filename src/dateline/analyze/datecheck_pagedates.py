"""Page-date clues: the dates a page states about itself, checked against each other.

The stated date is one of them (usually the published date). A date in the URL path or a
date line in the text that disagrees with it is evidence on its own (sites that re-serve
old stories refresh the meta date, not the URL); a modification date before the
publication date is contradictory metadata and is reported, not used.
"""

from __future__ import annotations

from datetime import date

from ..article import PageDates
from .datecheck_clues import EARLIEST, LATEST, Clue, parse_day, shift

# Page dates are claims, not observations: weaker than a weekday match or an officeholder,
# but a URL date or a date line that disagrees with the stated date by more than the slack
# is enough for an alarm on its own (WEIGHT = datecheck_combine.ALARM): that is the pattern
# of re-served pages. Not measured on a corpus: the TimeML corpora carry no page metadata.
WEIGHT = 2.0
# A URL date or a date line may be a day off the meta date (time zones, late edits).
SLACK_DAYS = 2


def clues(dates: PageDates, stated: date | None = None) -> tuple[list[Clue], list[str]]:
    """Clues from the URL date and the date line, and notes on contradictory metadata.
    A page date that agrees with the stated date is the same claim, not more evidence."""
    out: list[Clue] = []
    notes: list[str] = []
    published, modified = parse_day(dates.published), parse_day(dates.modified)
    if published and modified and modified < published:
        notes.append(f"the page says it was modified ({modified}) before it was published ({published})")
    for label, value in (("URL", dates.url), ("date line", dates.dateline)):
        day = parse_day(value)
        if day is None or not EARLIEST <= day <= LATEST:
            continue
        if stated is not None and abs((day - stated).days) <= SLACK_DAYS:
            continue
        window = (shift(day, -SLACK_DAYS), shift(day, SLACK_DAYS))

        def describe(_e: date | None, lab: str = label, d: date = day) -> str:
            return f"the page's {lab} says {d.isoformat()}"

        out.append(Clue("page_dates", (window,), WEIGHT, None, None, value or "", describe))
    if modified is not None and (stated is None or modified < stated):

        def before_modified(_e: date | None, d: date = modified) -> str:
            return f"the page says it was modified on {d.isoformat()}"

        out.append(
            Clue(
                "page_dates",
                ((EARLIEST, shift(modified, 1)),),
                WEIGHT,
                None,
                None,
                dates.modified or "",
                before_modified,
            )
        )
    return out, notes
