"""The page's own metadata in scraped text: title, standfirst, kicker, byline, date line,
captions and credits, read from the units around the main run of prose (see text.py)."""

from __future__ import annotations

import re

from ..article import Article, Media
from ..lang import LangPack
from .bylines import Bylines
from .cues import Cues
from .lines import (
    BOILERPLATE,
    BYLINE,
    CAPTION,
    CREDIT,
    DATE,
    HEADING,
    KICKER,
    PARAGRAPH,
    PROSE,
    RELATED,
    SECTION,
    SHORT,
    STANDFIRST,
    TITLE,
    Unit,
    credit_tail,
)
from .mainrun import strip_site, title_anchors

# Titles and headings are lines of 1 to 30 words; the title is looked for among the 8 units
# above the body (seed: date line, title, standfirst, credit, caption).
TITLE_MAX_WORDS = 30
HEAD_WINDOW = 8
# The date line and a section label may sit just above the title (seed: date, then title).
ABOVE_TITLE = 3
# A date line may also close the article ("First published: ..." right under the body).
TAIL_WINDOW = 3
# Breadcrumbs: steps of at most 4 words joined by an arrow-like separator.
_BREADCRUMB = re.compile(r"\s[>›»]\s")
BREADCRUMB_STEP_WORDS = 4
BREADCRUMB_MAX_CHARS = 200
_META = (DATE, BYLINE, CREDIT, CAPTION, BOILERPLATE, SECTION)


def keep_meta(units: list[Unit], low: int, high: int) -> None:
    """Date lines, bylines, credits and captions count only around the article: the same
    lines in a list of other stories ("By REUTERS", "November 19, 2019") are boilerplate."""
    for unit in units:
        if unit.role in (DATE, BYLINE, CREDIT, CAPTION) and not low <= unit.index <= high:
            unit.role = BOILERPLATE


def find_head(units: list[Unit], start: int, cues: Cues) -> int:
    """Title, standfirst and kicker around the run's first unit; returns the first body unit."""
    title = _find_title(units, start, cues)
    first = start
    if title is not None:
        units[title].role = TITLE
        between = units[title + 1 : start]
        # A standfirst sits right under the title; far from it (a <title> line at the top of
        # the page) any long line would qualify.
        lead = [u for u in between if u.role == PROSE or (u.role == SHORT and u.words >= 8)]
        if len(between) > HEAD_WINDOW:
            lead, between = [], between[-HEAD_WINDOW:]
        if lead:
            lead[0].role = STANDFIRST
        elif units[start].role == PROSE and all(u.role in _META for u in between):
            # The run opens on a lead sentence cut off from the rest by a meta line
            # (seed: standfirst, then credit and caption, then the body).
            following = next((u for u in units[start + 1 :] if u.role != BOILERPLATE), None)
            if following is not None and following.role in (DATE, BYLINE, CREDIT, CAPTION):
                units[start].role = STANDFIRST
                first = following.index
        above = units[title - 1] if title > 0 else None
        if above is not None and above.role == SHORT and above.words <= 3 and above.text.isupper():
            above.role = KICKER
    return first


def _find_title(units: list[Unit], start: int, cues: Cues) -> int | None:
    """The title: the page's <title> line repeated above the body (its headline), else the
    nearest heading-like line above the body (metadata lines skipped), else the page's first
    line when it has the "Title | Site" form of a <title>."""
    anchors = [i for i in title_anchors(units, cues) if i < start]
    if anchors:
        return anchors[-1]
    low = max(0, start - HEAD_WINDOW)
    lead_seen = False
    candidates: list[Unit] = []
    for unit in reversed(units[low:start]):
        if unit.role == RELATED:
            candidates = []  # the short lines below it were links to other stories
            break
        if unit.role in _META:
            continue
        if unit.role == SHORT:
            if 2 <= unit.words <= TITLE_MAX_WORDS and not unit.text.endswith(".") and not _breadcrumb(unit):
                candidates.append(unit)
            continue
        if unit.role == PROSE and not lead_seen:
            lead_seen = True  # a standfirst left out of the run sits between title and body
            continue
        break
    if candidates:
        # The headline is the longest of the short lines above the body; buttons and labels
        # ("Offrir cet article", "Pin It") are shorter. Ties go to the nearest.
        return max(candidates, key=lambda u: u.words).index
    if start > 0 and _page_title(units[0], cues):
        return 0
    return None


def _page_title(unit: Unit, cues: Cues) -> bool:
    """A first line shaped like an HTML <title>: a headline, a separator, a site name."""
    return (
        unit.role in (SHORT, PROSE) and 2 <= unit.words <= TITLE_MAX_WORDS and strip_site(unit.text, cues) != unit.text
    )


def read_fields(article: Article, units: list[Unit], cues: Cues, packs: list[LangPack]) -> None:
    for unit in units:
        role = unit.role
        if role == TITLE and article.title is None:
            article.title = strip_site(unit.text, cues) if unit.index == 0 else unit.text
        elif role == STANDFIRST and article.standfirst is None:
            article.standfirst = unit.text
        elif role == KICKER and article.kicker is None:
            article.kicker = unit.text
        elif role == PARAGRAPH and unit.kicker:
            article.kicker = article.kicker or unit.kicker
        elif role == BYLINE:
            article.authors.extend(a for a in _authors(unit, cues, packs) if a not in article.authors)
    # One section named once or repeated; several different ones are a menu of sections.
    named = {cues.section(u.text, u.key) for u in units if u.role == SECTION} - {None}
    article.section = named.pop() if len(named) == 1 else _breadcrumb_section(units)
    _read_media(article, units, cues)
    _read_date(article, units)


def _breadcrumb_section(units: list[Unit]) -> str | None:
    """The last step of a breadcrumb line above the title ("Home > World > Europe")."""
    title = next((u.index for u in units if u.role == TITLE), None)
    if title is None:
        return None
    for unit in units[max(0, title - HEAD_WINDOW) : title]:
        steps = _breadcrumb(unit)
        if steps and unit.role in (BOILERPLATE, SHORT):
            return steps[-1]
    return None


def _breadcrumb(unit: Unit) -> list[str]:
    """The steps of a breadcrumb line ("Home > World > Europe"), or [] for any other line."""
    if len(unit.text) > BREADCRUMB_MAX_CHARS or not _BREADCRUMB.search(unit.text):
        return []  # (bounded: the separator pattern backtracks on long runs of spaces)
    steps = [p.strip() for p in _BREADCRUMB.split(unit.text.rstrip(" >›»"))]
    if 2 <= len(steps) <= 6 and all(
        0 < len(p.split()) <= BREADCRUMB_STEP_WORDS and not any(c.isdigit() for c in p) for p in steps
    ):
        return steps
    return []


def _authors(unit: Unit, cues: Cues, packs: list[LangPack]) -> list[str]:
    """Names on a byline, read by the same rules as HTML bylines (roles and desks dropped);
    a date on the same line ("By Ann Lee | March 3, 2024") is cut off first."""
    head = unit.text.split("|")[0]
    found = cues.find_date(head)
    if found is not None:
        head = head[: found[1]]
    # What joined the name to the date ("on", "le") is lower case; names are not.
    words = head.split()
    while words and not words[-1][:1].isupper():
        words.pop()
    return Bylines.of(tuple(packs)).names(" ".join(words), set())


def _read_media(article: Article, units: list[Unit], cues: Cues) -> None:
    """Pair each credit with the caption beside it (same block)."""
    used: set[int] = set()
    for unit in units:
        if unit.role != CREDIT:
            continue
        caption = None
        for j in (unit.index + 1, unit.index - 1):
            if 0 <= j < len(units) and units[j].role == CAPTION and j not in used:
                caption = units[j]
                used.add(j)
                break
        article.media.append(Media(caption=caption.text if caption else None, credit=unit.text))
    for unit in units:
        if unit.role == CAPTION and unit.index not in used:
            split = credit_tail(unit.text, cues)
            article.media.append(Media(caption=split[0], credit=split[1]) if split else Media(caption=unit.text))


def _read_date(article: Article, units: list[Unit]) -> None:
    """The stated date: the first date line above the body, else the first in it."""
    first_body = next((u.index for u in units if u.role in (PARAGRAPH, HEADING)), len(units))
    candidates = [u for u in units if u.role in (DATE, BYLINE, TITLE) and u.date and u.index <= first_body]
    if not candidates:
        candidates = [u for u in units if u.role in (DATE, BYLINE) and u.date]
    if candidates:
        article.page_dates.dateline = candidates[0].date
        if article.stated_date is None:
            article.stated_date = candidates[0].date
