"""TimeML reading and TempEval-3 Task A scoring for time expressions.

`read(path)` turns a `.tml` file into its plain `<TEXT>` and the TIMEX3 spans inside it
(character offsets into that text) plus the document creation time (DCT) that relative
expressions resolve against. `score(pairs)` implements the TempEval-3 Task A measures as
the task paper defines them (UzZaman et al., SemEval 2013, section 4.1; our own code,
checked against the definitions used by the official TE3-evaluation.py):

- strict match: the system span and the gold span are the same extent;
- relaxed match: the two spans overlap;
- span precision = matched system timexes / system timexes, recall = matched gold timexes /
  gold timexes, F1 their harmonic mean (for strict and for relaxed);
- attribute F1 (type, value): attribute accuracy over relaxed-matched pairs multiplied by the
  relaxed F1, i.e. precision = correct attribute / system timexes and recall = correct
  attribute / gold timexes.

The official scorer matches on tokens; we match on character extents with surrounding
whitespace trimmed, which agrees with token matching for every gold span of our corpora
(gold TIMEX3 extents never cut a token). Pairs are matched one to one (each gold timex is
credited at most once), so a system that splits one gold span in two is not paid twice.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    value: str | None
    text: str = ""


@dataclass
class Document:
    name: str
    text: str
    dct: str | None
    timexes: list[Span] = field(default_factory=list)


def _walk(node: ET.Element, parts: list[str], spans: list[Span], offset: list[int]) -> None:
    """Concatenate the text under `node`, recording TIMEX3 extents as we go."""
    if node.text:
        parts.append(node.text)
        offset[0] += len(node.text)
    for child in node:
        start = offset[0]
        _walk(child, parts, spans, offset)
        if child.tag == "TIMEX3":
            text = "".join(parts)[start : offset[0]]
            stripped = text.strip()
            if stripped:  # empty (non-consuming) TIMEX3s cannot be matched by any system
                lead = len(text) - len(text.lstrip())
                spans.append(
                    Span(
                        start=start + lead,
                        end=start + lead + len(stripped),
                        type=child.get("type", "DATE"),
                        value=child.get("value"),
                        text=stripped,
                    )
                )
        if child.tail:
            parts.append(child.tail)
            offset[0] += len(child.tail)


def read(path: str | Path) -> Document:
    """One TimeML file: its TEXT, its TIMEX3 spans and its DCT value."""
    path = Path(path)
    root = ET.parse(path).getroot()
    dct: str | None = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = timex.get("value")
            break
    body = root.find("TEXT")
    parts: list[str] = []
    spans: list[Span] = []
    if body is not None:
        _walk(body, parts, spans, [0])
    return Document(name=path.stem, text="".join(parts), dct=dct, timexes=spans)


def read_folder(folder: str | Path) -> list[Document]:
    return [read(p) for p in sorted(Path(folder).rglob("*.tml"))]


@dataclass(frozen=True)
class Scores:
    gold: int
    system: int
    strict_matches: int
    relaxed_matches: int
    type_correct: int
    value_correct: int

    @staticmethod
    def _f1(correct: int, system: int, gold: int) -> tuple[float, float, float]:
        p = correct / system if system else 0.0
        r = correct / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def strict(self) -> tuple[float, float, float]:
        return self._f1(self.strict_matches, self.system, self.gold)

    def relaxed(self) -> tuple[float, float, float]:
        return self._f1(self.relaxed_matches, self.system, self.gold)

    def type(self) -> tuple[float, float, float]:
        return self._f1(self.type_correct, self.system, self.gold)

    def value(self) -> tuple[float, float, float]:
        return self._f1(self.value_correct, self.system, self.gold)

    def summary(self) -> dict[str, float]:
        """Percentages rounded to 0.1, as reported in RESULTS.md and pinned by the gate."""
        out: dict[str, float] = {}
        for name in ("strict", "relaxed", "type", "value"):
            p, r, f = getattr(self, name)()
            out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = (round(100 * x, 1) for x in (p, r, f))
        return out

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            self.gold + other.gold,
            self.system + other.system,
            self.strict_matches + other.strict_matches,
            self.relaxed_matches + other.relaxed_matches,
            self.type_correct + other.type_correct,
            self.value_correct + other.value_correct,
        )


EMPTY = Scores(0, 0, 0, 0, 0, 0)


def score_document(system: Iterable[Span], gold: Iterable[Span]) -> Scores:
    """Match one document's system timexes against its gold ones."""
    sys_list = sorted(system, key=lambda s: (s.start, s.end))
    gold_list = sorted(gold, key=lambda s: (s.start, s.end))
    used: set[int] = set()
    strict = relaxed = type_ok = value_ok = 0
    # Exact extents first, so an overlapping neighbour never steals a strict match.
    pairs: list[tuple[Span, Span]] = []
    pending: list[Span] = []
    for s in sys_list:
        hit = next(
            (i for i, g in enumerate(gold_list) if i not in used and g.start == s.start and g.end == s.end), None
        )
        if hit is None:
            pending.append(s)
            continue
        used.add(hit)
        strict += 1
        pairs.append((s, gold_list[hit]))
    for s in pending:
        candidates = [i for i, g in enumerate(gold_list) if i not in used and g.start < s.end and s.start < g.end]
        if not candidates:
            continue
        best = max(candidates, key=lambda i: min(s.end, gold_list[i].end) - max(s.start, gold_list[i].start))
        used.add(best)
        pairs.append((s, gold_list[best]))
    relaxed = len(pairs)
    for s, g in pairs:
        type_ok += s.type == g.type
        value_ok += s.value is not None and s.value == g.value
    return Scores(len(gold_list), len(sys_list), strict, relaxed, type_ok, value_ok)


def score(pairs: Iterable[tuple[Iterable[Span], Iterable[Span]]]) -> Scores:
    """Corpus totals over (system, gold) span lists, micro-averaged as TempEval-3 does."""
    total = EMPTY
    for system, gold in pairs:
        total = total + score_document(system, gold)
    return total
