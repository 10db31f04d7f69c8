"""Figures: caption and credit of each `<figure>` of the article (no anchor extracts them).

A credit is an element classed "credit", "copyright", "source"... inside the figure, else
a "©" or "Photo :" / "Crédit photo :" tail of the caption (cue words from each lang pack's
boilerplate.toml `credit_cue`), else JSON-LD image caption/creditText.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml.html import HtmlElement

from ..article import Media
from ..lang import LangPack
from . import jsonld
from .bylines import squash
from .markup import OUTSIDE, elements, inside, text_of

_CREDIT = re.compile(r"credit|copyright|photographer|source|droits|author", re.I)
_MAX_FIGURES = 8


def read(scope: HtmlElement, linked: jsonld.LinkedData, packs: Sequence[LangPack]) -> list[Media]:
    cues = [c for p in packs for c in p.resource("boilerplate")["credit_cue"]]
    media: list[Media] = []
    for figure in scope.iter("figure"):
        if len(media) >= _MAX_FIGURES or inside(figure, OUTSIDE):
            continue
        item = figure_media(figure, cues)
        if item is not None:
            media.append(item)
    if not media:
        media = [Media(caption=c, credit=r) for c, r in linked.images]
    return media


# Cue words shorter than this ("dr", "afp", "epa") are credits themselves, not labels before one.
_MIN_CUE_CHARS = 4
_COPYRIGHT = re.compile(r"\s*(?:©|\(c\)|copyright)\s*", re.I)


def figure_media(figure: HtmlElement, cues: Sequence[str]) -> Media | None:
    """Caption and credit of one `<figure>`: a credit element, else a "©"/"Photo :" tail."""
    caption_el = figure.find(".//figcaption")
    credit: str | None = None
    credit_texts: list[str] = []
    for element in elements(figure, _CREDIT):
        text = text_of(element)
        if text and len(text) <= 120:
            credit_texts.append(text)
            credit = credit or text
    caption = text_of(caption_el) if caption_el is not None else ""
    for text in credit_texts:
        caption = squash(caption.replace(text, " "))
    if credit is None and caption:
        caption, credit = split_credit(caption, cues)
    if credit:
        credit = _COPYRIGHT.sub("", credit).strip(" ()/-–:") or None
        if credit:
            credit = _strip_cue(credit, cues)
    kept = caption.strip(" -–|/") or None
    if kept is None and credit is None:
        return None
    return Media(caption=kept, credit=credit)


def _strip_cue(text: str, cues: Sequence[str]) -> str:
    """ "Crédit : X", "Credit: X", "Photo :X" -> "X" (spacing before the colon varies)."""
    lower = text.lower()
    for cue in cues:
        word = cue.rstrip(": ")
        if lower.startswith(word):
            rest = text[len(word) :].lstrip()
            if rest.startswith(":"):
                return rest[1:].strip()
    return text


def split_credit(caption: str, cues: Sequence[str]) -> tuple[str, str | None]:
    """Split "Un soldat à Bagdad. Photo : Jean Dupont / AFP" into caption and credit."""
    match = _COPYRIGHT.search(caption)
    if match and match.start() > 0:
        return caption[: match.start()].strip(), caption[match.end() :].strip() or None
    # A cue word followed by a colon ("Photo :", "Crédit photo :", "Credit:"), the last one.
    words = sorted({c.rstrip(": ") for c in cues if len(c.rstrip(": ")) >= _MIN_CUE_CHARS}, key=len, reverse=True)
    if words:
        pattern = re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in words)})\s*:\s*", re.I)
        found = list(pattern.finditer(caption))
        if found and found[-1].start() > 0:
            at = found[-1]
            return caption[: at.start()].strip(" (-–"), caption[at.end() :].strip(" )") or None
    paren = re.search(r"\(([^()]{2,60})\)\s*$", caption)
    if paren and "/" in paren.group(1):
        return caption[: paren.start()].strip(), paren.group(1).strip()
    return caption, None
