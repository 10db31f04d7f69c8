"""Lines of scraped text and what each one looks like on its own.

Without markup, what survives of a page's structure is: line length, closing punctuation,
blank-line grouping, repetition, and the cue words of `cues.py`. This module cuts the text into
units (a line, or several lines re-joined when the text was hard-wrapped), measures them and
gives each a first, local role. `text.py` then finds the main run of prose and settles the
roles that depend on position (title, standfirst, kicker, heading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import Cues, key

# Roles of a unit. Local ones are set here; position-dependent ones by text.py.
BOILERPLATE = "boilerplate"
RELATED = "related"  # a heading that opens a list of links to other stories
SECTION = "section"  # a "More in <section>" line
DATE = "date"
BYLINE = "byline"
CREDIT = "credit"
CAPTION = "caption"
PROSE = "prose"  # reads like a paragraph of running text
SHORT = "short"  # any other line: menu item, heading, title, list item
TITLE = "title"
STANDFIRST = "standfirst"
KICKER = "kicker"
HEADING = "heading"
PARAGRAPH = "paragraph"

_WORD = re.compile(r"\w+")
# Scripts written without spaces: count characters, about two per word (Japanese, Chinese).
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?…。！？:;][\"'”’»)\]]*$")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_BRACKET_TAIL = re.compile(r"[(\[]([^()\[\]]{2,60})[)\]]\W*$")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)$")
_CREDIT_PAIR = re.compile(r"^[\w.'’ -]{2,40} / [\w.'’ -]{2,40}$")

# A line reads as prose from 6 words when it ends like a sentence, from 25 words otherwise.
# Evidence (161 English scrapinghub/scraped-text pages): lines without closing punctuation
# are body text in 6% of cases under 25 words (1,544 of 25,430; mostly headings, kept by the
# heading rule) but 28% from 25 words on (55 of 197).
PROSE_MIN_WORDS = 6
LONG_LINE_WORDS = 25
# Function-word density: on the same pages 94% of body-text words sit in lines with 25% or
# more function words, 3% in lines under 10%; a page whose long lines average under 15% is in
# a language we have no word list for. Long unpunctuated lines under 10% are lists.
STOP_PAGE_MIN = 0.15
STOP_LONG_MIN = 0.10
# Teasers of other stories are cut to a fixed length and end with an ellipsis.
TEASER_MAX_WORDS = 20
# Meta lines (date, byline, credit) are short: "New Delhi, News Nation Bureau | Updated : 19
# November 2019, 09:01 AM" is 14 words; a sentence giving a date is longer.
DATE_LINE_MAX_WORDS = 14
BYLINE_MAX_WORDS = 12
CREDIT_MAX_WORDS = 10
# Captions run to about 60 words (AP captions with place, date and context).
CAPTION_MAX_WORDS = 60
# Those limits in characters too (20 a word, generous): a line of 200,000 spaces and two
# words is no date line, and the cue patterns need not scan it.
MAX_CHARS_PER_WORD = 20


@dataclass
class Unit:
    """One line of the input (or a hard-wrapped paragraph re-joined), with its features."""

    index: int
    text: str
    key: str
    block: int  # units separated by blank lines have different block numbers
    words: int
    stop: float  # share of words that are function words of the packs' languages
    sentence: bool  # ends the way a sentence or a lead-in (":") ends
    role: str = SHORT
    date: str | None = None  # ISO date when the unit states one
    kicker: str | None = None  # the label cut off the start of the first paragraph


def count_words(text: str) -> int:
    tokens = len(_WORD.findall(text))
    cjk = len(_CJK.findall(text))
    return max(tokens, cjk // 2) if cjk else tokens


def _measure(index: int, text: str, block: int, cues: Cues) -> Unit:
    line_key = key(text)
    tokens = _WORD.findall(line_key)
    # An ASCII line has the words of its key (lower case keeps ASCII word characters) and no
    # CJK: no second tokenisation.
    words = len(tokens) if text.isascii() else count_words(text)
    stop = sum(map(cues.stopwords.__contains__, tokens)) / len(tokens) if tokens else 0.0
    # A short line cut off with an ellipsis is a teaser ("Microsoft removes the hold for...").
    sentence = bool(_SENTENCE_END.search(text)) and not (words < TEASER_MAX_WORDS and _ELLIPSIS.search(text))
    return Unit(index, text, line_key, block, words, stop, sentence)


def _wrapped(previous: str, following: str) -> bool:
    """The line break falls inside a sentence: the text was hard-wrapped, not broken into
    paragraphs (copy-paste from e-mail, WET records of fixed-width pages)."""
    return (
        len(previous) >= 40
        and not _SENTENCE_END.search(previous)
        and following[:1].islower()
        and count_words(previous) >= PROSE_MIN_WORDS
    )


def split_units(raw: str, cues: Cues) -> list[Unit]:
    """Units in reading order. Blank lines separate blocks; wrapped lines are re-joined."""
    pieces: list[tuple[list[str], int]] = []  # the lines of each unit, joined at the end
    block = 0
    for line in raw.splitlines():
        # Inner spacing is kept verbatim (French non-breaking spaces); invisible characters go:
        # soft hyphens split words for the parser ("réac\u00adtion") and zero-width ones too.
        text = (line if line.isascii() else line.translate(_INVISIBLE)).strip()
        if not text:
            block += 1
            continue
        if pieces and pieces[-1][1] == block and _wrapped(pieces[-1][0][-1], text):
            pieces[-1][0].append(text)
        else:
            pieces.append(([text], block))
    return [_measure(i, " ".join(lines), b, cues) for i, (lines, b) in enumerate(pieces)]


def is_credit(unit: Unit, cues: Cues) -> bool:
    if not 0 < unit.words <= CREDIT_MAX_WORDS or len(unit.text) > MAX_CHARS_PER_WORD * CREDIT_MAX_WORDS:
        return False
    if unit.sentence and unit.text[-1:] == ".":
        return False
    return bool(cues.credit.search(unit.text)) or bool(_CREDIT_PAIR.match(unit.text))


def credit_tail(text: str, cues: Cues) -> tuple[str, str] | None:
    """A caption that ends with its credit in brackets: "... on Tuesday. (AP Photo/J. Doe)"
    gives (caption, credit). A lone agency name ("(AFP)") ends wire copy, not captions."""
    cut = max(0, len(text) - 80)  # the credit is at the very end: search no further back
    match = _BRACKET_TAIL.search(text, cut)
    if match is None:
        return None
    credit = match.group(1).strip()
    if cues.credit.search(credit) is None or ("/" not in credit and len(credit.split()) < 2):
        return None
    return text[: match.start()].strip(), credit


def _credit_tail(unit: Unit, cues: Cues) -> bool:
    return credit_tail(unit.text, cues) is not None


def is_byline(unit: Unit, cues: Cues) -> bool:
    if unit.words > BYLINE_MAX_WORDS or len(unit.text) > MAX_CHARS_PER_WORD * BYLINE_MAX_WORDS:
        return False
    if not unit.key.startswith(cues.byline_prefix):  # (the head starts the key: no split needed)
        return False
    head = unit.key.split("|")[0].strip()
    return head.startswith(cues.byline_prefix) and len(head) > 4


def _stopwords_apply(units: list[Unit]) -> bool:
    """Whether the packs' function words fit this page: its long lines are dense in them.
    (For a language we have no pack for, they are not, and the prose test goes without.)"""
    long_lines = [u.stop for u in units if u.words >= 10]
    return bool(long_lines) and sum(long_lines) / len(long_lines) >= STOP_PAGE_MIN


def classify(units: list[Unit], cues: Cues) -> None:
    """Give each unit its local role (what it is, read alone) and its stated date if any."""
    # A long line without closing punctuation is prose only if it reads like language: a
    # list of car makes or menu labels glued on one line has almost no function words.
    long_stop = STOP_LONG_MIN if _stopwords_apply(units) else 0.0
    for unit in units:
        if unit.words <= DATE_LINE_MAX_WORDS and len(unit.text) <= MAX_CHARS_PER_WORD * DATE_LINE_MAX_WORDS:
            found = cues.find_date(unit.text)
            unit.date = found[0] if found else None
        if cues.section(unit.text, unit.key) is not None:
            unit.role = SECTION
        elif cues.related_heading(unit.key, unit.words):
            unit.role = RELATED
        elif is_byline(unit, cues):
            unit.role = BYLINE
        elif unit.date is not None:
            unit.role = DATE  # before the cues: "Publié le 14 mars 2024" is the page's date
        elif cues.is_boilerplate(unit.key, unit.words):
            unit.role = BOILERPLATE
        elif is_credit(unit, cues):
            unit.role = CREDIT
        elif (
            unit.words <= CAPTION_MAX_WORDS
            and len(unit.text) <= MAX_CHARS_PER_WORD * CAPTION_MAX_WORDS
            and (cues.caption.search(unit.key) or _credit_tail(unit, cues))
        ):
            unit.role = CAPTION
        elif (unit.sentence and unit.words >= PROSE_MIN_WORDS) or (
            unit.words >= LONG_LINE_WORDS and unit.stop >= long_stop
        ):
            unit.role = PROSE
        else:
            unit.role = SHORT
    # A caption sits next to its credit with no blank line between (seed: credit, then the
    # caption; English pages often put the caption first).
    for i, unit in enumerate(units):
        if unit.role != CREDIT:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(units) and units[j].block == unit.block and units[j].role in (PROSE, SHORT):
                units[j].role = CAPTION if units[j].words >= 3 else units[j].role
