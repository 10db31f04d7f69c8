"""Scraped text (no markup): a line classifier separates the article from what surrounded it.

1. `lines.py` cuts the text into units and gives each a local role (boilerplate cue, date line,
   byline, credit, caption, prose, short line).
2. The main run of prose is the stretch of units with the highest score, prose counting for
   its length and every other unit against it (a maximum-sum segment, as in body-text
   extraction by token density). Menus, share bars and related-story lists fall outside.
3. Around and inside the run, position settles the rest: the title and date line above it,
   a standfirst cut off from the body by a credit or a byline, the kicker opening the first
   paragraph, headings (short lines followed by prose), related-story lists.

Decisions users see:
- The kicker ("ÉTATS-UNIS – Imbroglio militaire. ...") goes to `Article.kicker` and the first
  paragraph in `text` starts after the dash ("Imbroglio militaire. ..."): the kicker is a label
  in capitals, not part of the first sentence.
- `removed` lists every input line that is neither in `text` nor read into a field (title,
  standfirst, kicker, date line, byline, caption, credit). A "More from <section>" line is
  listed there too: it is navigation, the section is only read from it.
"""

from __future__ import annotations

import re
from itertools import accumulate

from ..article import Article, Block, BlockKind, Media
from ..lang import LangPack
from .bylines import Bylines
from .cues import Cues, compile_cues, key
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
    classify,
    credit_tail,
    split_units,
)

# Unit scores for the main run. Prose counts its words; a short line -4 (four menu items
# cost as much as a short sentence, so a menu of 30 items between two articles separates
# them, while a heading or two inside the body does not); cue lines -10 (a share bar or a
# "Related" list ends the body). Tuned on scrapinghub/scraped-text: see bench/RESULTS.md.
SHORT_COST = 4.0
META_COST = 4.0
CUE_COST = 10.0
# Prose with no prose next to it counts half: body paragraphs come in runs, while story
# teasers alternate a title and a one-paragraph summary. 0.5 over 1.0: scrapinghub F1
# 0.923 -> 0.930 and the French check 0.892 -> 0.908 (0.3 helps English, hurts French).
ISOLATED_WEIGHT = 0.5
_COSTS = {SHORT: SHORT_COST, DATE: META_COST, BYLINE: META_COST, CREDIT: META_COST, CAPTION: META_COST}
# Titles and headings are lines of 1 to 30 words; the title is looked for among the 8 units
# above the body (seed: date line, title, standfirst, credit, caption).
TITLE_MAX_WORDS = 30
HEAD_WINDOW = 8
HEADING_MAX_WORDS = 20
# The date line and a section label may sit just above the title (seed: date, then title).
ABOVE_TITLE = 3
# A date line may also close the article ("First published: ..." right under the body).
TAIL_WINDOW = 3
# Kicker: one to four words in capitals opening the first paragraph, then a dash.
_KICKER = re.compile(r"^((?:[^\W\d_a-z][^\W_a-z]*[’'\-]?\s?){1,4}?)\s*[–—-]\s+(?=\w)")
# The headline repeated under the page's <title> line anchors the body: it starts at a prose
# unit within 20 units after it (byline, date, credit, share buttons and a "most read" box sit
# between; the start with the best-scoring run wins; 12 -> 20: F1 0.933 -> 0.933 on
# scrapinghub, French check 0.908 -> 0.914). On the
# 181 scrapinghub pages, 147 repeat their title (15 characters at least, so that a lone
# "Home" or site name does not count) and the first body line follows within 12 units in
# all but a few; without the anchor, a long footer paragraph or a block of story teasers can
# outweigh a short article (F1 0.895 -> 0.903).
ANCHOR_MIN_CHARS = 15
ANCHOR_REACH = 20
MAX_ANCHORS = 10  # a line repeated thousands of times is not a headline; bound the work
# Three dated lines after the body open a comment thread (blogs: "<name> on <date> said:");
# one or two are an update notice or a date in a list. Seen on 6 scrapinghub pages.
COMMENT_DATES = 3
# Both count once 60 words of prose have passed: the page's own "Published <date>" line and
# a "Comments (11)" link sit under the standfirst (snopes: 41 words; regards.fr: 19 words).
COMMENT_AFTER_WORDS = 60
# A paragraph of 8 words or more whose 4-word sequences are 80% in the body already is a
# repeat (scrapinghub: one page prints its whole text a second and third time).
REPEAT_MIN_WORDS = 8
REPEAT_SHARE = 0.8
_TOKEN = re.compile(r"\w+")
# ... when at most 15% of the run's prose follows it. 0.15 gained on both benchmarks (French
# evaldata pages as text: 3 fewer boilerplate segments, 1 body segment lost; scrapinghub F1
# +0.001); a mid-article "Lire aussi" link sits much earlier.
RELATED_TAIL_SHARE = 0.15
_META = (DATE, BYLINE, CREDIT, CAPTION, BOILERPLATE, SECTION)


def title_anchors(units: list[Unit], cues: Cues) -> list[int]:
    """Lines repeating the page's first line (its <title> in html-to-text output), whole or
    without its " - Site name" suffixes: the article's own headline, which the body follows.
    A shorter prefix does not count ("Pear Jam" under "Pear Jam Recipe | Blog" is a recipe
    card further down, not the headline)."""
    if len(units) < 2:
        return []
    heads = {units[0].key}
    head = units[0].text
    for _ in range(3):
        head = _strip_site(head, cues)
        heads.add(key(head))
    return [u.index for u in units[1:] if len(u.key) >= ANCHOR_MIN_CHARS and u.key in heads]


def prose_scores(units: list[Unit]) -> list[float]:
    """Each unit's contribution to the main run (see the constants above)."""
    scores = [float(u.words) if u.role == PROSE else -_COSTS.get(u.role, CUE_COST) for u in units]
    for i, unit in enumerate(units):
        if unit.role == PROSE and not any(0 <= j < len(units) and units[j].role == PROSE for j in (i - 1, i + 1)):
            scores[i] *= ISOLATED_WEIGHT
    return scores


def main_run(units: list[Unit], cues: Cues) -> tuple[int, int] | None:
    """The [start, end] indexes of the main run of prose, or None without prose.

    When the page repeats its headline, the run starts at the first prose after a repeat
    (the best-scoring such start); otherwise it is the highest-scoring stretch anywhere.
    """
    scores = prose_scores(units)
    # best_end[i]: the end e >= i maximising the running sum up to e, so the best run from
    # any start s is (s, best_end[s]) and costs nothing more to find (pages can be long).
    prefix = list(accumulate(scores))
    best_end = list(range(len(units)))
    for i in range(len(units) - 2, -1, -1):
        if prefix[best_end[i + 1]] > prefix[i]:
            best_end[i] = best_end[i + 1]
    anchored: tuple[float, tuple[int, int]] | None = None
    for anchor in title_anchors(units, cues)[:MAX_ANCHORS]:
        for first in range(anchor + 1, min(len(units), anchor + 1 + ANCHOR_REACH)):
            if units[first].role != PROSE:
                continue
            end = best_end[first]
            total = prefix[end] - (prefix[first - 1] if first else 0.0)
            if anchored is None or total > anchored[0]:
                anchored = (total, (first, end))
    if anchored is not None:
        return anchored[1]
    return _best_stretch(scores)


def _best_stretch(scores: list[float]) -> tuple[int, int] | None:
    """The maximum-sum segment (Kadane); None when no score is positive."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def extract(article: Article, packs: list[LangPack]) -> None:
    """Fill `article` from `article.raw_text`: text, blocks and the page's own metadata."""
    cues = compile_cues(packs)
    units = split_units(article.raw_text or "", cues)
    classify(units, cues)
    span = main_run(units, cues)
    if span is None:
        _keep_meta(units, 0, -1)
    else:
        start, end = span
        end = _cut_tail(units, start, end, cues)
        start = _find_head(units, start, cues)
        heads = [u.index for u in units[:start] if u.role in (TITLE, KICKER, STANDFIRST)]
        low = min(heads) - ABOVE_TITLE if heads else start - HEAD_WINDOW
        _keep_meta(units, max(0, low), end + TAIL_WINDOW)
        _read_body(units, start, end)
    _read_fields(article, units, cues, packs)
    _assemble(article, units)


def _keep_meta(units: list[Unit], low: int, high: int) -> None:
    """Date lines, bylines, credits and captions count only around the article: the same
    lines in a list of other stories ("By REUTERS", "November 19, 2019") are boilerplate."""
    for unit in units:
        if unit.role in (DATE, BYLINE, CREDIT, CAPTION) and not low <= unit.index <= high:
            unit.role = BOILERPLATE


def _cut_tail(units: list[Unit], start: int, end: int, cues: Cues) -> int:
    """End the run before the comments: at a line that closes the article ("34 Comments"),
    or at the first of several dated entries after the body ("Alex on May 2, 2019 said:")."""
    prose_words = 0
    dated: list[int] = []
    for unit in units[start : end + 1]:
        if (
            prose_words >= COMMENT_AFTER_WORDS
            and cues.ends_article(unit.key, unit.words)
            and not _in_share_bar(units, unit.index)
        ):
            return _last_prose(units, start, unit.index - 1)
        if unit.role == PROSE:
            prose_words += unit.words
        elif unit.role == DATE and prose_words >= COMMENT_AFTER_WORDS:
            dated.append(unit.index)
    if len(dated) >= COMMENT_DATES:
        end = _last_prose(units, start, dated[0] - 1)
    # A "Related" heading with little prose left after it opens the list of other stories
    # (teasers with a summary each); earlier, it is a link inside the article.
    total = sum(u.words for u in units[start : end + 1] if u.role == PROSE)
    after = 0
    for unit in reversed(units[start : end + 1]):
        if unit.role == PROSE:
            after += unit.words
        elif unit.role == RELATED and after <= RELATED_TAIL_SHARE * total:
            return _last_prose(units, start, unit.index - 1)
    return end


def _in_share_bar(units: list[Unit], index: int) -> bool:
    """ "Comments" between "Twitter" and "Print" is a share button, not the comment thread."""
    return all(0 <= j < len(units) and units[j].role == BOILERPLATE for j in (index - 1, index + 1))


def _last_prose(units: list[Unit], start: int, end: int) -> int:
    return next((i for i in range(end, start - 1, -1) if units[i].role == PROSE), start)


def _find_head(units: list[Unit], start: int, cues: Cues) -> int:
    """Title, standfirst and kicker around the run's first unit; returns the first body unit."""
    title = _find_title(units, start, cues)
    first = start
    if title is not None:
        units[title].role = TITLE
        between = units[title + 1 : start]
        lead = [u for u in between if u.role == PROSE or (u.role == SHORT and u.words >= 8)]
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
    """The title: the page's <title> line repeated above the body, else the nearest
    heading-like line above it (metadata lines skipped)."""
    page_title = _strip_site(units[0].text, cues).lower() if units else ""
    low = max(0, start - HEAD_WINDOW)
    for unit in units[low:start]:
        if unit.index > 0 and unit.role in (SHORT, PROSE) and unit.text.lower() == page_title:
            return unit.index
    lead_seen = False
    for unit in reversed(units[low:start]):
        if unit.role in _META:
            continue
        if unit.role == SHORT and 2 <= unit.words <= TITLE_MAX_WORDS and not unit.text.endswith("."):
            return unit.index
        if unit.role == PROSE and not lead_seen:
            lead_seen = True  # a standfirst left out of the run sits between title and body
            continue
        break
    return None


def _strip_site(title: str, cues: Cues) -> str:
    """ "Title - Site name" -> "Title" (the last separator, when the rest is not the title)."""
    for sep in cues.title_separators:
        head, found, tail = title.rpartition(sep)
        if found and head and len(tail.split()) <= 6:
            return head.strip()
    return title


def _read_body(units: list[Unit], start: int, end: int) -> None:
    """Settle the roles inside the run; everything outside it is boilerplate."""
    inside = {u.text for u in units[start : end + 1]}
    outside_count: dict[str, int] = {}
    for unit in units[:start] + units[end + 1 :]:
        outside_count[unit.text] = outside_count.get(unit.text, 0) + 1
    for unit in units:
        if (unit.index < start or unit.index > end) and unit.role in (PROSE, SHORT):
            unit.role = BOILERPLATE
    in_related = False
    for i in range(start, end + 1):
        unit = units[i]
        if unit.role == RELATED:
            in_related = True
            continue
        if unit.role == PROSE:
            in_related = False
            unit.role = PARAGRAPH
        elif unit.role == SHORT:
            # A menu item repeated outside the body, or a link under a "Related" heading.
            if in_related or (unit.text in outside_count and unit.text in inside):
                unit.role = BOILERPLATE
                continue
            following = units[i + 1] if i < end else None
            if unit.words <= HEADING_MAX_WORDS and following is not None and following.role == PROSE:
                unit.role = HEADING
            else:
                unit.role = PARAGRAPH
    _drop_repeats(units[start : end + 1])
    first = next((u for u in units[start : end + 1] if u.role == PARAGRAPH), None)
    if first is not None:
        match = _KICKER.match(first.text)
        if match and match.group(1).strip().isupper() and len(match.group(1).strip()) >= 2:
            first.kicker = match.group(1).strip()
            first.text = first.text[match.end() :]


def _drop_repeats(run: list[Unit]) -> None:
    """Drop a paragraph whose word sequence the body already holds: pages that print the
    article twice (a plain-text copy for sharing, teasers of the same story)."""
    seen: set[tuple[str, ...]] = set()
    for unit in run:
        if unit.role != PARAGRAPH:
            continue
        tokens = _TOKEN.findall(unit.key)
        grams = {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}
        if unit.words >= REPEAT_MIN_WORDS and grams and len(grams & seen) >= REPEAT_SHARE * len(grams):
            unit.role = BOILERPLATE
        else:
            seen |= grams


def _read_fields(article: Article, units: list[Unit], cues: Cues, packs: list[LangPack]) -> None:
    for unit in units:
        role = unit.role
        if role == TITLE and article.title is None:
            article.title = unit.text
        elif role == STANDFIRST and article.standfirst is None:
            article.standfirst = unit.text
        elif role == KICKER and article.kicker is None:
            article.kicker = unit.text
        elif role == PARAGRAPH and unit.kicker:
            article.kicker = article.kicker or unit.kicker
        elif role == BYLINE:
            article.authors.extend(a for a in _authors(unit, cues, packs) if a not in article.authors)
        if role == SECTION and article.section is None:
            article.section = cues.section(unit.text)
    _read_media(article, units, cues)
    _read_date(article, units)


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


def _assemble(article: Article, units: list[Unit]) -> None:
    parts: list[str] = []
    pos = 0
    kept = (TITLE, STANDFIRST, KICKER, DATE, BYLINE, CREDIT, CAPTION)
    for unit in units:
        if unit.role in (PARAGRAPH, HEADING):
            if parts:
                parts.append("\n\n")
                pos += 2
            kind: BlockKind = "heading" if unit.role == HEADING else "paragraph"
            article.blocks.append(Block(kind=kind, start=pos, end=pos + len(unit.text)))
            parts.append(unit.text)
            pos += len(unit.text)
        elif unit.role not in kept:
            article.removed.append(unit.text)
    article.text = "".join(parts)
