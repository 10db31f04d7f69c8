"""The data model: one `Article` flows through every stage.

Every annotation is a stand-off character span (`start`, `end`, end exclusive) into
`Article.text`, so the record serialises to JSON, SQLite and Parquet without spaCy objects.
The JSON form is the `dateline.article/1` contract (shared/design/ARTICLE-JSON.md); fields
may be added, never renamed or removed without a new schema version.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

SCHEMA = "dateline.article/1"

SourceKind = Literal["text", "html", "url", "feed", "warc", "jsonl"]
BlockKind = Literal["paragraph", "heading", "quote_block", "list"]
EntityLabel = Literal["PER", "ORG", "LOC", "MISC"]
QuoteKind = Literal["direct", "partial", "indirect"]
Stance = Literal["announce", "deny", "confirm", "retract", "accuse", "reject", "report"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Verdict = Literal["consistent", "inconsistent", "unknown"]


@dataclass
class Source:
    kind: SourceKind = "text"
    location: str | None = None
    fetched: str | None = None


@dataclass
class PageDates:
    """Every date the page states about itself, kept apart (issue: published vs modified)."""

    published: str | None = None
    modified: str | None = None
    url: str | None = None  # a date found in the URL path
    dateline: str | None = None  # a date line in the scraped text ("2 janvier 2025")


@dataclass
class Block:
    kind: BlockKind
    start: int
    end: int


@dataclass
class Media:
    caption: str | None = None
    credit: str | None = None


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    id: str
    label: EntityLabel
    name: str
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Speaker:
    entity: str | None
    name: str
    start: int | None = None
    end: int | None = None


@dataclass
class Cue:
    start: int
    end: int
    text: str


@dataclass
class Quote:
    kind: QuoteKind
    start: int
    end: int
    text: str
    speaker: Speaker | None = None
    cue: Cue | None = None
    said_on: str | None = None


@dataclass
class Holder:
    entity: str | None
    name: str


@dataclass
class Claim:
    stance: Stance
    text: str
    start: int
    end: int
    holder: Holder | None = None
    cue: Cue | None = None
    negated: bool = False
    hedged: bool = False


@dataclass
class Timex:
    type: TimexType
    value: str | None
    start: int
    end: int
    text: str
    anchor: str | None = None  # the reference date used, when the value is relative
    mod: str | None = None  # TimeML mod: START, MID, END, APPROX, BEFORE, AFTER, ...
    reason: str | None = None  # why value is null, when it is
    # How to re-resolve against another anchor: a small, engine-specific description
    # (None for absolute expressions). Serialised so a stored record can be re-anchored.
    relative: dict[str, Any] | None = None


@dataclass
class Quantity:
    value: float | None
    unit: str
    start: int
    end: int
    text: str
    high: float | None = None  # "3000 à 3500 soldats": value 3000, high 3500


@dataclass
class Evidence:
    kind: str
    detail: str
    start: int | None = None
    end: int | None = None


@dataclass
class DateCheck:
    stated: str | None = None
    estimated: str | None = None
    interval: list[str | None] = field(default_factory=lambda: [None, None])
    verdict: Verdict = "unknown"
    confidence: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    reason: str | None = None


@dataclass
class Problem:
    step: str
    code: str
    message: str


@dataclass
class Article:
    """One news article, from raw input to every annotation."""

    text: str = ""
    source: Source = field(default_factory=Source)
    id: str | None = None
    url: str | None = None
    language: str | None = None
    title: str | None = None
    standfirst: str | None = None
    kicker: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    stated_date: str | None = None
    page_dates: PageDates = field(default_factory=PageDates)
    media: list[Media] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    date_check: DateCheck | None = None
    problems: list[Problem] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    # Which extractor made `text` (docs/ARTICLE-JSON.md): "html" (trafilatura's body, our
    # metadata, htmldate), "html-fast" (extract/fast.py), "text" (scraped-text cleaner), "raw".
    extraction: str | None = None
    # Raw inputs and run-time caches: never serialised. `html` and `raw_text` are what
    # extraction reads; `nlp` holds the parsed document of the nlp step within one process.
    html: str | None = field(default=None, repr=False, compare=False)
    raw_text: str | None = field(default=None, repr=False, compare=False)
    nlp: Any = field(default=None, repr=False, compare=False)

    _TRANSIENT = ("html", "raw_text", "nlp")

    def problem(self, step: str, code: str, message: str) -> None:
        """Record why a step skipped or gave up; the rest of the record stays intact."""
        self.problems.append(Problem(step=step, code=code, message=message))

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def reference_date(self) -> str | None:
        """The date relative time expressions resolve against: the estimated writing date
        when the date check found the stated one inconsistent, else the stated date."""
        check = self.date_check
        if check is not None and check.verdict == "inconsistent" and check.estimated:
            return check.estimated
        return self.stated_date[:10] if self.stated_date else None

    def assign_id(self) -> str:
        basis = self.url or self.text
        self.id = hashlib.sha1(basis.encode("utf-8")).hexdigest()
        return self.id

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": SCHEMA}
        for f in fields(self):
            if f.name in self._TRANSIENT or f.name.startswith("_"):
                continue
            out[f.name] = _plain(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        schema = data.get("schema", SCHEMA)
        if schema != SCHEMA:
            raise ValueError(f"unsupported schema {schema!r}; this dateline reads {SCHEMA}")
        return _build(cls, {k: v for k, v in data.items() if k != "schema"})


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


T = TypeVar("T")


def _build(cls: type[T], data: dict[str, Any]) -> T:
    hints = get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    for key, value in data.items():
        if key not in names:
            continue  # fields added by a newer producer are ignored, not fatal
        kwargs[key] = _coerce(hints[key], value)
    return cls(**kwargs)


def _coerce(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin is list:
        (inner,) = get_args(hint)
        return [_coerce(inner, v) for v in value]
    if origin is not None and type(None) in get_args(hint):  # Optional[X]
        inner_types = [a for a in get_args(hint) if a is not type(None)]
        if len(inner_types) == 1:
            return _coerce(inner_types[0], value)
        return value
    if isinstance(hint, type) and is_dataclass(hint) and isinstance(value, dict):
        return _build(hint, value)
    return value
