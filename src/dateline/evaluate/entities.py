"""Speaker-mention resolution: does a speaker mention resolve to the gold entity?

Shared by bench/entities.py and tests/test_gate_entities.py. An item is a text with quotes
whose speaker mention (a span) and resolved speaker (a name) are annotated, as in
../shared/benchmarks/quotes/challenge_synthetic. Ours resolves the span with `EntityIndex`:
the entity at the span, else by name, else by role, else (a one-word mention: a pronoun) the
person mentioned last before it or, failing that, first after it. The anchor is what spaCy's
NER alone says: the text of the person entity overlapping the span.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..article import Article, Entity


@dataclass
class Resolution:
    total: int = 0
    ours: int = 0
    anchor: int = 0
    misses: list[str] = field(default_factory=list)

    def share(self, which: str) -> float:
        return (self.ours if which == "ours" else self.anchor) / self.total if self.total else 0.0


def resolve(index: Any, start: int, end: int, text: str) -> Entity | None:
    """The entity a speaker mention refers to, as the quotes step may resolve it."""
    found: Entity | None = index.at(start, end) or index.by_name(text, near=start) or index.by_role(text, near=start)
    if found is None and len(text.split()) == 1:
        found = index.last_person_before(start) or index.next_person_after(end)
    return found


def speaker_resolution(path: Path, code: str) -> Resolution:
    from ..analyze import nlp
    from ..analyze.entities import Entities, EntityIndex

    model = nlp.model(code)
    result = Resolution()
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        article = Article(text=item["text"], language=code)
        article.nlp = nlp.parse(model, item["text"])
        Entities()(article)
        index = EntityIndex(article)
        for quote in item["quotes"]:
            mention, gold = quote.get("speaker_mention"), quote.get("speaker_entity")
            if not mention or not gold:
                continue
            result.total += 1
            start, end, text = mention["start"], mention["end"], mention["text"]
            found = resolve(index, start, end, text)
            if found is not None and found.name == gold:
                result.ours += 1
            else:
                result.misses.append(f"{item['id']}: {text!r} -> {found.name if found else None}, gold {gold}")
            names = [
                e.text
                for e in article.nlp.ents
                if e.label_ in ("PER", "PERSON") and e.start_char < end and start < e.end_char
            ]
            result.anchor += bool(names) and names[0] == gold
    return result
