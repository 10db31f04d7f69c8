"""The main run of prose: where the article lies among the lines of a scraped page.

Every unit scores for or against the article (prose counts its words, any other line costs a
little); the run is the best-scoring stretch, started after the headline when the page repeats
the title of its first line, then cut before comment threads and lists of related stories.
Thresholds are tuned on scrapinghub/scraped-text and checked on French pages (bench/RESULTS.md).
"""

from __future__ import annotations

from itertools import accumulate

from .cues import Cues, key
from .lines import BOILERPLATE, BYLINE, CAPTION, CREDIT, DATE, PROSE, RELATED, SHORT, Unit

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
LINK_BLOCK = 3  # links under a "Read more" heading inside the article
_COSTS = {SHORT: SHORT_COST, DATE: META_COST, BYLINE: META_COST, CREDIT: META_COST, CAPTION: META_COST}
# The headline repeated under the page's <title> line anchors the body: it starts at a prose
# unit within 20 units after it (byline, date, credit, share buttons and a "most read" box sit
# between; the start with the best-scoring run wins). On the 181 scrapinghub pages, 147
# repeat their title (15 characters at least, so that a lone "Home" or site name does not
# count) and the first body line follows within 12 units in all but a few; without the
# anchor, a long footer paragraph or a block of story teasers can outweigh a short article
# (F1 0.895 -> 0.903). Reach 12 -> 20: F1 unchanged, French check 0.908 -> 0.914.
ANCHOR_MIN_CHARS = 15
ANCHOR_REACH = 20
MAX_ANCHORS = 10  # a line repeated thousands of times is not a headline; bound the work
# Three dated lines after the body open a comment thread (blogs: "<name> on <date> said:");
# one or two are an update notice or a date in a list. Seen on 6 scrapinghub pages.
COMMENT_DATES = 3
# Both count once 60 words of prose have passed: the page's own "Published <date>" line and
# a "Comments (11)" link sit under the standfirst (snopes: 41 words; regards.fr: 19 words).
COMMENT_AFTER_WORDS = 60
# A "Related" heading closes the article when at most 15% of the run's prose follows it.
# 0.15 gained on both benchmarks (French evaldata pages as text: 3 fewer boilerplate
# segments, 1 body segment lost; scrapinghub F1 +0.001); a mid-article "Lire aussi" link
# sits much earlier.
RELATED_TAIL_SHARE = 0.15
# ... and a last paragraph after two non-prose lines or more is detached from the body
# (scrapinghub F1 +0.001; French check 0.914 -> 0.920: a site's self-description dropped).
DETACHED_GAP = 2
# A closing list: 3 items or more of 3 to 15 words, 80% of them of one shape.
LIST_MIN_ITEMS = 3
LIST_ITEM_MIN_WORDS = 3
LIST_ITEM_MAX_WORDS = 15
LIST_SAME_SHAPE = 0.8
_SOFT_MARKS = "'’.\""  # inside words and names: no shape


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
        head = strip_site(head, cues)
        heads.add(key(head))
    return [u.index for u in units[1:] if len(u.key) >= ANCHOR_MIN_CHARS and u.key in heads]


def prose_scores(units: list[Unit]) -> list[float]:
    """Each unit's contribution to the main run (see the constants above)."""
    scores = [float(u.words) if u.role == PROSE else -_COSTS.get(u.role, CUE_COST) for u in units]
    for i, unit in enumerate(units):
        if unit.role == PROSE and not (_prose_beside(units, i, -1) or _prose_beside(units, i, 1)):
            scores[i] *= ISOLATED_WEIGHT
    return scores


def _prose_beside(units: list[Unit], i: int, step: int) -> bool:
    """Whether the next unit that way is prose, looking past an image (credit, caption) and
    past a "Read more" link block (the heading and up to 3 links) set inside the article."""
    j = _past(units, i + step, step, (CREDIT, CAPTION))
    if step > 0 and 0 <= j < len(units) and units[j].role == RELATED:
        k = j + 1
        while k < len(units) and k - j <= LINK_BLOCK and units[k].role == SHORT:
            k += 1
        j = k
    elif step < 0:
        k = j
        while k >= 0 and j - k < LINK_BLOCK and units[k].role == SHORT:
            k -= 1
        if k >= 0 and units[k].role == RELATED:
            j = k - 1
    return 0 <= j < len(units) and units[j].role == PROSE


def _past(units: list[Unit], j: int, step: int, roles: tuple[str, ...]) -> int:
    while 0 <= j < len(units) and units[j].role in roles:
        j += step
    return j


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


def extend_list(units: list[Unit], end: int) -> int:
    """Take in a list that closes the article: three or more short lines of one shape (tour
    dates "June 9 – Tampa, FL", results "1. Smith 2:04"), right after a lead-in ending with
    ":" or after a heading. Menus are short lines too, but not of one shape."""
    j = end + 1
    lead_in = units[end].text.endswith(":")
    if not lead_in and j < len(units) and units[j].role == SHORT and units[j].words <= LIST_ITEM_MAX_WORDS:
        j += 1  # a heading over the list ("Tour dates")
    items: list[Unit] = []
    while j + len(items) < len(units):
        unit = units[j + len(items)]
        if unit.role != SHORT or not LIST_ITEM_MIN_WORDS <= unit.words <= LIST_ITEM_MAX_WORDS:
            break
        items.append(unit)
    if len(items) < LIST_MIN_ITEMS:
        return end
    shapes = [_shape(u.text) for u in items]
    common = max(set(shapes), key=shapes.count)
    if common is None or shapes.count(common) < LIST_SAME_SHAPE * len(items):
        return end
    last = max(i for i, shape in enumerate(shapes) if shape == common)
    return items[last].index


def _shape(text: str) -> str | None:
    """A list item's shape: its first separator character, or "digit" when it opens on one."""
    if text[:1].isdigit():
        return "digit"
    return next((c for c in text if not c.isalnum() and not c.isspace() and c not in _SOFT_MARKS), None)


def cut_tail(units: list[Unit], start: int, end: int, cues: Cues) -> int:
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
    return _trim_detached(units, start, end)


def _trim_detached(units: list[Unit], start: int, end: int) -> int:
    """Drop the run's last paragraph when it hangs alone after the body across a gap of two
    non-prose lines or more: an author's bio, a newsletter pitch, a site's self-description."""
    if end <= start or units[end].role != PROSE:
        return end
    before = _last_prose(units, start, end - 1)
    gap = units[before + 1 : end]
    # An image (credit, caption) or a "Read more" link block between two paragraphs is inside
    # the body, not a gap.
    if (
        units[before].role == PROSE
        and len(gap) >= DETACHED_GAP
        and not any(u.role in (CREDIT, CAPTION, RELATED) for u in gap)
    ):
        return before
    return end


def _in_share_bar(units: list[Unit], index: int) -> bool:
    """ "Comments" between "Twitter" and "Print" is a share button, not the comment thread."""
    return all(0 <= j < len(units) and units[j].role == BOILERPLATE for j in (index - 1, index + 1))


def _last_prose(units: list[Unit], start: int, end: int) -> int:
    return next((i for i in range(end, start - 1, -1) if units[i].role == PROSE), start)


def strip_site(title: str, cues: Cues) -> str:
    """ "Title - Site name" -> "Title" (the last separator, when the rest is not the title)."""
    for sep in cues.title_separators:
        head, found, tail = title.rpartition(sep)
        if found and head and len(tail.split()) <= 6:
            return head.strip()
    return title
