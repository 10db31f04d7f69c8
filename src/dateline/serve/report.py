"""The terminal report of one article: what a desk editor reads first comes first."""

from __future__ import annotations

import textwrap

from ..article import Article

_WIDTH = 88


def _bold(text: str, color: bool) -> str:
    return f"\033[1m{text}\033[0m" if color else text


def _dim(text: str, color: bool) -> str:
    return f"\033[2m{text}\033[0m" if color else text


def _day(value: str | None) -> str:
    """ "2025-01-02" -> "2 Jan 2025" (month names from the C calendar, the report's language)."""
    import calendar

    if not value or len(value) < 10 or not value[:4].isdigit():
        return value or "no date"
    try:
        year, month, day = int(value[:4]), int(value[5:7]), int(value[8:10])
    except ValueError:
        return value
    if not 1 <= month <= 12:
        return value
    return f"{day} {calendar.month_abbr[month]} {year}"


def _level(confidence: float) -> str:
    # Bands of the date check's confidence (analyze/datecheck_combine: 1 - exp(-margin/2.5)):
    # high from a margin of 3.5 (two independent clues against the stated date), medium from
    # 1.75, i.e. about the alarm margin (datecheck_combine.ALARM).
    return "high" if confidence >= 0.75 else "medium" if confidence >= 0.5 else "low"


def date_line(article: Article) -> str | None:
    """The date-check verdict in one sentence, when there is one."""
    check = article.date_check
    if check is None:
        return None
    stated = f"Stated {_day(check.stated)}" if check.stated else "No stated date"
    if check.verdict == "inconsistent":
        head = f"{stated} — the text was written on {_day(check.estimated)} ({_level(check.confidence)} confidence)"
    elif check.verdict == "consistent":
        head = f"{stated} — consistent with the text ({_level(check.confidence)} confidence)"
    elif check.estimated and not check.stated:
        head = f"{stated} — the text suggests {_day(check.estimated)}; {check.reason or 'unchecked'}"
    else:
        head = f"{stated} — date not checked: {check.reason or 'no usable evidence'}"
    reasons = "; ".join(e.detail for e in check.evidence[:3] if "against the estimate" not in e.detail)
    return f"{head}: {reasons}" if reasons and check.verdict != "unknown" else head


def render(article: Article, *, color: bool = False) -> str:
    lines: list[str] = []
    alert = date_line(article)
    if alert:
        lines.append(_bold(alert, color))
        lines.append("")
    if article.kicker:
        lines.append(article.kicker)
    lines.append(_bold(article.title or "(no title)", color))
    if article.standfirst:
        lines.extend(textwrap.wrap(article.standfirst, _WIDTH))
    meta = [
        ("Stated date", article.stated_date),
        ("Published", article.page_dates.published),
        ("Modified", article.page_dates.modified),
        ("Section", article.section),
        ("Authors", ", ".join(article.authors) or None),
        ("Language", article.language),
        ("URL", article.url),
    ]
    lines.append("")
    for label, value in meta:
        if value:
            lines.append(f"{label + ':':<13}{value}")
    for media in article.media:
        lines.append(f"{'Photo:':<13}{media.caption or ''}" + (f" [{media.credit}]" if media.credit else ""))
    lines.append("")
    for block in article.blocks:
        chunk = article.text[block.start : block.end]
        if block.kind == "heading":
            lines.append(_bold(f"## {chunk}", color))
        else:
            lines.extend(textwrap.wrap(chunk, _WIDTH) or [""])
        lines.append("")
    for title, items in _annotations(article):
        if items:
            lines.append(_bold(title, color))
            lines.extend(f"  {item}" for item in items)
            lines.append("")
    if article.removed:
        lines.append(_dim(f"Removed ({len(article.removed)}): " + " · ".join(article.removed), color))
    for problem in article.problems:
        lines.append(_dim(f"Problem [{problem.code}] {problem.step}: {problem.message}", color))
    return "\n".join(lines).rstrip() + "\n"


def _annotations(article: Article) -> list[tuple[str, list[str]]]:
    people = [f"{e.name} ({e.label})" + (f" — {'; '.join(e.roles)}" if e.roles else "") for e in article.entities]
    quotes = [f"[{q.kind}] {(q.speaker.name if q.speaker else '?')}: {q.text[:120]}" for q in article.quotes]
    claims = [
        f"{c.stance}{' (negated)' if c.negated else ''}: {c.holder.name if c.holder else '?'} — {c.text[:100]}"
        for c in article.claims
    ]
    times = [
        f"{t.text!r} → {t.value or 'unresolved'} ({t.type}{', ' + t.mod if t.mod else ''})"
        + (f" anchored on {t.anchor}" if t.anchor else "")
        for t in article.timexes
    ]
    quantities = [f"{q.text}" for q in article.quantities]
    return [
        ("Names", people),
        ("Who said what", quotes),
        ("Claims", claims),
        ("When", times),
        ("Figures", quantities),
    ]
