"""Cue lexicons for the scraped-text cleaner, compiled once from the language packs.

The words live in `lang/<code>/boilerplate.toml`; this module only turns them into sets and
regular expressions. When the language is unknown or unsupported the Extract step passes every
pack and the lexicons are their union, so the cleaner still works (the structural features in
`lines.py` carry most of the weight; the cues only add precision).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..lang import LangPack

# Apostrophes and dashes vary between pages; keys are compared in one spelling.
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "–": "-", "—": "-", "\u00a0": " ", "\u202f": " "})
_SPACES = re.compile(r"\s+")
_ISO_DATE = re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])")
# Every date pattern below needs this year; most lines (menus, headings) have none, and one
# search for it costs a tenth of the three date patterns' (aut-example, 13,800 lines).
_YEAR = re.compile(r"(?:19|20)\d\d")
_TRIM = " :.;,!|-–—•·>»«\"'()[]*"


def key(line: str) -> str:
    """The comparison form of a line: lower case, one apostrophe and dash, single spaces."""
    if line.isascii():  # most lines: nothing to fold, and str.translate is the slow part
        return " ".join(line.lower().split())
    return _SPACES.sub(" ", line.translate(_FOLD).lower()).strip()


def bare(line_key: str) -> str:
    """A key without its decoration ("Partager :" and "» Partager" both give "partager")."""
    return line_key.strip(_TRIM)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Cues:
    exact: frozenset[str]
    prefix: tuple[str, ...]
    contains: re.Pattern[str]
    related: tuple[str, ...]
    article_end: tuple[str, ...]
    article_end_whole: frozenset[str]  # the cues as a whole line (no trailing ":")
    article_end_opening: tuple[str, ...]  # the cues that may open a longer line
    section_prefix: tuple[str, ...]
    byline_prefix: tuple[str, ...]
    caption: re.Pattern[str]
    stopwords: frozenset[str]
    title_separators: tuple[str, ...]
    credit: re.Pattern[str]
    joiners: re.Pattern[str]
    date_dmy: re.Pattern[str]
    date_mdy: re.Pattern[str]
    months: dict[str, int]

    def is_boilerplate(self, line_key: str, words: int) -> bool:
        """A navigation, sharing, subscription or legal line, by the lexicons alone."""
        trimmed = bare(line_key)
        if trimmed in self.exact or line_key in self.exact:
            return True
        # Prefix cues name a whole line ("Lire aussi : ...", "Subscribe to ..."): past 25 words
        # the line is a paragraph that happens to start with the phrase.
        if words <= 25 and trimmed.startswith(self.prefix):
            return True
        # Phrase cues (cookie and legal notices) can sit inside a 60-word consent banner.
        return words <= 60 and self.contains.search(line_key) is not None

    def related_heading(self, line_key: str, words: int) -> bool:
        """A heading that opens a list of links to other stories ("Lire aussi", "Related")."""
        return words <= 12 and bare(line_key).startswith(self.related)

    def ends_article(self, line_key: str, words: int) -> bool:
        """A line opening the comments or the tag list after the article ("34 Comments")."""
        if words > 15:  # "34 responses to “<the headline>”" repeats the title
            return False
        trimmed = line_key.strip(_TRIM + "0123456789")
        # One-word cues must be the whole line: "Comments" ends the article, a heading
        # "Comments from the minister" does not; phrases and "Label:" cues open it.
        return trimmed in self.article_end_whole or trimmed.startswith(self.article_end_opening)

    def section(self, line: str, line_key: str | None = None) -> str | None:
        """The section a "More stories from X" line names (the space before X may be lost)."""
        line_key = key(line) if line_key is None else line_key
        if not line_key.startswith(self.section_prefix):
            return None
        folded = " ".join(line.translate(_FOLD).split())  # aligned with the key, case kept
        for cue in self.section_prefix:
            if line_key.startswith(cue):
                after = folded[len(cue) :]
                # "More information" is not "More in" + "formation"; "deIrak" (a lost space
                # before a capital) still reads "de" + "Irak".
                if after[:1].isalnum() and not after[:1].isupper():
                    continue
                rest = after.strip(_TRIM + " ")
                if 0 < len(rest) <= 40:
                    return rest
        return None

    def find_date(self, text: str) -> tuple[str, int, int] | None:
        """The first calendar date in the text, written in words ("2 janvier 2025", "Nov. 19,
        2019") or in ISO form ("2025-01-02", "2019-11-19T08:57"): ISO date and span, or None.
        Other numeric forms are left out: 01/02/2025 is ambiguous."""
        if _YEAR.search(text) is None:
            return None
        found = sorted(
            [*self.date_dmy.finditer(text), *self.date_mdy.finditer(text), *_ISO_DATE.finditer(text)],
            key=lambda m: m.start(),
        )
        for match in found:
            month = self.months.get(key(match["m"]).rstrip(".")) if match["m"].isalpha() else int(match["m"])
            year, day = int(match["y"]), int(match["d"])
            if month is None or not 1900 <= year <= 2100:
                continue
            try:
                return date(year, month, day).isoformat(), match.start(), match.end()
            except ValueError:
                continue
        return None


_COMPILED: dict[tuple[str, ...], Cues] = {}


def _compile(packs: list[LangPack]) -> Cues:
    def gather(name: str) -> list[str]:
        return [key(str(w)) for p in packs for w in p.resource("boilerplate")[name]]

    months: dict[str, int] = {}
    for p in packs:
        months.update({key(k): int(v) for k, v in p.resource("boilerplate")["months"].items()})
    weekdays = [key(k) for p in packs for k in p.resource("boilerplate")["weekdays"]]
    ordinals = gather("ordinals")
    month = rf"(?P<m>{_alternation(list(months))})\.?"
    day = rf"(?P<d>[0-3]?\d)(?:{_alternation(ordinals)})?" if ordinals else r"(?P<d>[0-3]?\d)"
    weekday = rf"(?:(?:{_alternation(weekdays)}),?\s+)?" if weekdays else ""
    year = r"(?P<y>(?:19|20)\d\d)"
    flags = re.IGNORECASE
    credit_cues = gather("credit_cue")
    article_end = gather("article_end")
    # Cues made of letters must stand as words ("afp" not in "afpa"); "©" stands anywhere.
    # One word-bounded group, not a pair of lookarounds around each cue: the same lines match,
    # at a sixth of the cost (the regex engine tries each alternative at every position).
    unique = sorted(set(credit_cues), key=len, reverse=True)
    words = _alternation([c for c in unique if c[:1].isalnum() and c[-1:].isalnum()])
    others = _alternation([c for c in unique if not (c[:1].isalnum() and c[-1:].isalnum())])
    credit = "|".join(filter(None, [rf"(?<!\w)(?:{words})(?!\w)" if words else "", others]))
    return Cues(
        exact=frozenset(gather("exact")),
        prefix=tuple(gather("prefix")),
        contains=re.compile(_alternation(gather("contains")) or r"(?!x)x"),
        related=tuple(gather("related")),
        article_end=tuple(article_end),
        article_end_whole=frozenset(c.rstrip(":") for c in article_end),
        article_end_opening=tuple(c for c in article_end if " " in c or c.endswith(":")),
        section_prefix=tuple(sorted(set(gather("section_prefix")), key=len, reverse=True)),
        # "par " keeps its space: "Partager" is not a byline.
        byline_prefix=tuple(
            key(str(w)) + (" " if str(w).endswith(" ") else "")
            for p in packs
            for w in p.resource("boilerplate")["byline_prefix"]
        ),
        caption=re.compile(_alternation(gather("caption_cue")) or r"(?!x)x"),
        stopwords=frozenset(gather("stopwords")),
        title_separators=tuple(str(s) for p in packs for s in p.resource("boilerplate")["title_separators"]),
        credit=re.compile(credit or r"(?!x)x", flags),
        joiners=re.compile(rf"\s*(?:,|&|\b(?:{_alternation(gather('byline_joiners'))})\b)\s*", flags),
        date_dmy=re.compile(rf"(?<!\w){weekday}{day}\s+{month},?\s+{year}(?!\d)", flags),
        date_mdy=re.compile(rf"(?<!\w){weekday}{month}\s+{day},?\s+{year}(?!\d)", flags),
        months=months,
    )


def compile_cues(packs: list[LangPack]) -> Cues:
    """The cues of these packs, compiled once per process and set of languages."""
    codes = tuple(p.code for p in packs)
    if codes not in _COMPILED:
        _COMPILED[codes] = _compile(packs)
    return _COMPILED[codes]
