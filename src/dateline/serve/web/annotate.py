"""The article's clean text as HTML with its stand-off annotations as nested, explained spans.

Quotes (coloured by speaker), claims (by stance), time expressions (with their TIMEX3 value),
entity mentions (links to the entity's page) and the date check's evidence become elements
around the text they cover; each carries a `.tip` child that CSS shows on hover or keyboard
focus, so the explanation needs no script. Every character from the page goes through
`markupsafe.escape`: the source's text can never become markup.

Spans that cross (a claim starting inside a quote and ending after it) are clipped to the
enclosing span so the HTML nests; quotes are outermost, then claims, then the small spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

SPEAKER_COLOURS = 8  # palette size in style.css (.spk-0 … .spk-7)
LABELS = {"PER": "Person", "ORG": "Organisation", "LOC": "Place", "MISC": "Name"}


@dataclass
class Span:
    start: int
    end: int
    rank: int  # 0 outermost
    open_tag: Markup
    close_tag: Markup
    children: list[Span] = field(default_factory=list)


def entity_href(name: str) -> str:
    return "/entity?" + urlencode({"name": name})


def _tip(*parts: Markup | str | None) -> Markup:
    body = Markup(" · ").join(escape(p) for p in parts if p)
    return Markup('<span class="tip" role="tooltip">') + body + Markup("</span>")


def _link(name: str) -> Markup:
    return Markup('<a href="{}">{}</a>').format(entity_href(name), name)


def speaker_colours(record: dict[str, Any]) -> dict[str, int]:
    """Speaker name -> palette index, in order of first quote (stable within a page)."""
    out: dict[str, int] = {}
    for q in record.get("quotes") or []:
        name = (q.get("speaker") or {}).get("name")
        if name and name not in out:
            out[name] = len(out) % SPEAKER_COLOURS
    return out


def _spans(record: dict[str, Any]) -> list[tuple[int, int, int, Markup, Markup]]:
    colours = speaker_colours(record)
    out: list[tuple[int, int, int, Markup, Markup]] = []
    for i, q in enumerate(record.get("quotes") or []):
        name = (q.get("speaker") or {}).get("name")
        cls = f"spk-{colours[name]}" if name else "spk-none"
        said = _link(name) if name else "speaker not found"
        cue = f"“{q['cue']['text']}”" if q.get("cue") and q["cue"].get("text") else None
        when = f"said on {q['said_on']}" if q.get("said_on") else None
        tip = _tip(Markup("<b>{} quote</b>").format(str(q.get("kind", "")).capitalize()), said, cue, when)
        open_tag = Markup('<span class="ann q {}" id="q-{}" tabindex="0">').format(cls, i)
        out.append((q["start"], q["end"], 0, open_tag, tip + Markup("</span>")))
    for i, c in enumerate(record.get("claims") or []):
        holder = (c.get("holder") or {}).get("name")
        flags = ", ".join(f for f, on in (("negated", c.get("negated")), ("hedged", c.get("hedged"))) if on)
        stance = str(c.get("stance", ""))
        head = Markup("<b>Claim: {}</b>").format(stance + (f" ({flags})" if flags else ""))
        cue = f"“{c['cue']['text']}”" if c.get("cue") and c["cue"].get("text") else None
        tip = _tip(head, Markup("held by ") + _link(holder) if holder else "holder not found", cue)
        open_tag = Markup('<span class="ann c st-{}" id="c-{}" tabindex="0">').format(stance, i)
        out.append((c["start"], c["end"], 1, open_tag, tip + Markup("</span>")))
    for t in record.get("timexes") or []:
        value = t.get("value") or "unresolved"
        extra = [f"anchored on {t['anchor']}" if t.get("anchor") else None, f"mod {t['mod']}" if t.get("mod") else None]
        tip = _tip(Markup("<b>{}</b> → {}").format(t.get("type", "TIME"), value), *extra)
        open_tag = Markup('<span class="ann t" tabindex="0" data-value="{}">').format(value)
        out.append((t["start"], t["end"], 2, open_tag, tip + Markup("</span>")))
    for e in record.get("entities") or []:
        roles = "; ".join(str(r) for r in (e.get("roles") or [])[:3])
        tip = _tip(Markup("<b>{}</b>").format(LABELS.get(e.get("label", ""), e.get("label", ""))), e["name"], roles)
        open_tag = Markup('<a class="ann e lbl-{}" href="{}">').format(
            str(e.get("label", "")).lower(), entity_href(e["name"])
        )
        for m in e.get("mentions") or []:
            out.append((m["start"], m["end"], 3, open_tag, tip + Markup("</a>")))
    for i, ev in enumerate((record.get("date_check") or {}).get("evidence") or []):
        if ev.get("start") is None or ev.get("end") is None:
            continue
        tip = _tip(Markup("<b>Date evidence</b>"), ev.get("detail"))
        open_tag = Markup('<span class="ann ev" id="ev-{}" tabindex="0">').format(i)
        out.append((ev["start"], ev["end"], 4, open_tag, tip + Markup("</span>")))
    return out


def _nest(spans: list[tuple[int, int, int, Markup, Markup]], lo: int, hi: int) -> list[Span]:
    """Spans clipped to [lo, hi) and to their enclosing span, as a forest."""
    items = sorted(
        ((max(s, lo), min(e, hi), r, o, c) for s, e, r, o, c in spans if s < hi and e > lo and e > s),
        key=lambda x: (x[0], -x[1], x[2]),
    )
    roots: list[Span] = []
    stack: list[Span] = []
    for start, end, rank, open_tag, close_tag in items:
        while stack and stack[-1].end <= start:
            stack.pop()
        if stack:
            end = min(end, stack[-1].end)
            if rank <= stack[-1].rank and stack[-1].rank >= 3:
                continue  # a mention inside a mention (or a link inside a link): keep the outer one
        if end <= start:
            continue
        span = Span(start, end, rank, open_tag, close_tag)
        (stack[-1].children if stack else roots).append(span)
        stack.append(span)
    return roots


def _render(text: str, spans: list[Span], lo: int, hi: int) -> Markup:
    out: list[Markup] = []
    pos = lo
    for span in spans:
        out.append(escape(text[pos : span.start]))
        out.append(span.open_tag)
        out.append(_render(text, span.children, span.start, span.end))
        out.append(span.close_tag)
        pos = span.end
    out.append(escape(text[pos:hi]))
    return Markup("").join(out)


def blocks(record: dict[str, Any]) -> list[tuple[str, Markup]]:
    """(kind, HTML) per block of the article text: paragraph | heading | quote_block | list."""
    text: str = record.get("text") or ""
    spans = _spans(record)
    ranges = [(b.get("kind", "paragraph"), int(b["start"]), int(b["end"])) for b in record.get("blocks") or []]
    if not ranges:
        ranges, pos = [], 0
        for part in text.split("\n\n"):
            ranges.append(("paragraph", pos, pos + len(part)))
            pos += len(part) + 2
    out = []
    for kind, lo, hi in ranges:
        lo, hi = max(0, lo), min(len(text), hi)
        if hi <= lo:
            continue
        out.append((kind, _render(text, _nest(spans, lo, hi), lo, hi)))
    return out
