"""Extraction: raw HTML or scraped text to clean text, blocks and page metadata.

`Extract` is the first step of every pipeline. It picks the HTML extractor or the scraped-
text cleaner, identifies the language, applies the caller's overrides (`language`, `date`,
`raw`) and gives the article its id.
"""

from __future__ import annotations

import re

from .. import lang, settings
from ..article import Article, Block
from ..errors import Code
from ..pipeline import EXTRACTED
from . import dates
from .language import identify

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def raw_blocks(text: str) -> list[Block]:
    """Paragraph blocks separated by blank lines; offsets index `text` exactly."""
    blocks: list[Block] = []
    pos = 0
    for piece in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = piece.start() if piece is not None else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            blocks.append(Block(kind="paragraph", start=pos + lead, end=pos + trail))
        if piece is not None:
            pos = piece.end()
    return blocks


class Extract:
    name = "extract"
    version = 1
    requires: tuple[str, ...] = ()
    # What extraction provides is defined once, in pipeline.EXTRACTED (less what ingest sets).
    assigns: tuple[str, ...] = tuple(sorted(EXTRACTED - {"url", "source"}))

    def __init__(
        self, *, raw: bool = False, language: str | None = None, date: str | None = None, fast: bool | None = None
    ) -> None:
        self.raw = raw
        self.language = language
        self.date = dates.parse_user_date(date) if date else None
        # fast: HTML through extract/fast.py (bulk ingest); None follows settings [extract] fast.
        self.fast = bool(settings.load().get("extract", "fast")) if fast is None else fast

    def __call__(self, article: Article) -> Article:
        if self.raw:
            article.text = article.raw_text if article.raw_text is not None else (article.html or "")
            article.blocks = raw_blocks(article.text)
            article.extraction = "raw"
            self._set_language(article, article.text)
        elif article.html is not None:
            from . import html

            html.extract(article, fast=self.fast)
            article.extraction = "html-fast" if self.fast else "html"
            self._set_language(article, article.text or article.title or "")
        else:
            from . import text

            article.extraction = "text"
            raw_text = article.raw_text or ""
            if self.fast:
                from .fast import bound_lines

                raw_text = article.raw_text = bound_lines(article, raw_text)
            code = self._set_language(article, raw_text)
            packs = [lang.load(code)] if code in lang.supported() else [lang.load(c) for c in lang.supported()]
            text.extract(article, packs)
        if self.date is not None:
            article.stated_date = self.date
        if not article.text.strip() and Code.NO_ARTICLE.value not in {p.code for p in article.problems}:
            article.problem(self.name, Code.NO_ARTICLE.value, "no article text found on this page")
        article.assign_id()
        return article

    def _set_language(self, article: Article, sample: str) -> str | None:
        if self.language:
            article.language = self.language
        else:
            guess = identify(sample)
            article.language = guess.code
            if guess.reason:
                article.problem(self.name, Code.LANGUAGE_UNKNOWN.value, guess.reason)
        if article.language and article.language not in lang.supported():
            article.problem(self.name, Code.LANGUAGE_UNSUPPORTED.value, lang.unsupported_message(article.language))
        return article.language
