"""Scraped text (no markup): a line classifier separates the article from what surrounded it.

1. `lines.py` cuts the text into units and gives each a local role (boilerplate cue, date line,
   byline, credit, caption, prose, short line); the cue words come from the language packs
   through `cues.py` (all packs when the language is unknown or unsupported).
2. `mainrun.py` finds the main run of prose: the stretch of units with the highest score,
   prose counting for its length and every other unit against it (a maximum-sum segment, as
   in body-text extraction by token density), anchored after the headline when the page
   repeats its <title>, and cut before comment threads and related-story lists.
3. `textmeta.py` reads the title, standfirst, kicker, byline, date line, section, captions and
   credits around the run; this module settles the body: headings (short lines followed by
   prose), links under a "Related" heading, menu items repeated outside the body, repeats.

Decisions users see:
- The kicker ("ÉTATS-UNIS – Imbroglio militaire. ...") goes to `Article.kicker` and the first
  paragraph in `text` starts after the dash ("Imbroglio militaire. ..."): the kicker is a label
  in capitals, not part of the first sentence.
- `removed` lists every input line that is neither in `text` nor read into a field (title,
  standfirst, kicker, date line, byline, caption, credit). A "More in <section>" line is
  listed there too: it is navigation, the section is only read from it. Hard-wrapped lines
  re-joined into one paragraph are listed joined.
- Lines are kept verbatim (inner spacing, non-breaking spaces) except for invisible
  characters (soft hyphens, zero-width spaces), which are dropped.
"""

from __future__ import annotations

import re

from ..article import Article, Block, BlockKind
from ..lang import LangPack
from .cues import compile_cues
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
    SHORT,
    STANDFIRST,
    TITLE,
    Unit,
    classify,
    split_units,
)
from .mainrun import cut_tail, extend_list, main_run
from .textmeta import ABOVE_TITLE, HEAD_WINDOW, TAIL_WINDOW, find_head, keep_meta, read_fields

# Headings are short lines (20 words at most) followed by prose.
HEADING_MAX_WORDS = 20
# Kicker: one to four words in capitals opening the first paragraph, then a spaced dash
# ("ÉTATS-UNIS – Imbroglio", "PORT ELLERY — Hundreds"). Plain string work, no backtracking
# regex: a paragraph can be one huge line.
KICKER_MAX_WORDS = 4
_KICKER_DASH = re.compile(r"\s[–—-]\s+")
_KICKER_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
# A paragraph of 8 words or more whose 4-word sequences are 80% in the body already is a
# repeat (scrapinghub: one page prints its whole text a second and third time).
REPEAT_MIN_WORDS = 8
REPEAT_SHARE = 0.8
_TOKEN = re.compile(r"\w+")


def extract(article: Article, packs: list[LangPack]) -> None:
    """Fill `article` from `article.raw_text`: text, blocks and the page's own metadata."""
    cues = compile_cues(packs)
    units = split_units(article.raw_text or "", cues)
    classify(units, cues)
    span = main_run(units, cues)
    if span is None:
        keep_meta(units, 0, -1)
    else:
        start, end = span
        end = extend_list(units, cut_tail(units, start, end, cues))
        start = find_head(units, start, cues)
        heads = [u.index for u in units[:start] if u.role in (TITLE, KICKER, STANDFIRST)]
        low = min(heads) - ABOVE_TITLE if heads else start - HEAD_WINDOW
        keep_meta(units, max(0, low), end + TAIL_WINDOW)
        _read_body(units, start, end)
    read_fields(article, units, cues, packs)
    _assemble(article, units)


def _read_body(units: list[Unit], start: int, end: int) -> None:
    """Settle the roles inside the run; everything outside it is boilerplate."""
    outside = {u.text for u in units[:start] + units[end + 1 :]}
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
            if in_related or unit.text in outside:
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
        split = split_kicker(first.text)
        if split is not None:
            first.kicker, first.text = split


def split_kicker(text: str) -> tuple[str, str] | None:
    """("ÉTATS-UNIS", "Imbroglio militaire. ...") from "ÉTATS-UNIS – Imbroglio militaire. ...",
    or None when the paragraph does not open on a label in capitals."""
    dash = _KICKER_DASH.search(text, 0, 80)
    if dash is None:
        return None
    label, rest = text[: dash.start()].strip(), text[dash.end() :]
    words = label.split()
    if not 1 <= len(words) <= KICKER_MAX_WORDS or len(label) < 2 or not label.isupper() or not rest[:1].isalnum():
        return None
    if not all(_KICKER_WORD.match(w) for w in words):
        return None
    return label, rest


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
