"""Small bar charts drawn as inline SVG on the server: no chart library, no script, and the
page's Content-Security-Policy stays strict (no style attributes: colours come from classes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

WIDTH, HEIGHT = 420, 110
LEFT, BOTTOM, TOP = 40, 18, 8


def bars(rows: list[dict[str, Any]], key: str, *, label: str, fmt: Callable[[float], str], css: str) -> Markup:
    """A bar per row (row["period"] on the x axis, row[key] as height), with a title per bar
    that the browser shows on hover and screen readers read."""
    if not rows:
        return Markup("")
    values = [float(r[key]) for r in rows]
    top = max(values) or 1.0
    plot_w, plot_h = WIDTH - LEFT - 4, HEIGHT - BOTTOM - TOP
    step = min(plot_w / len(rows), 48.0)  # a few periods: narrow bars from the left, not slabs
    gap = min(2.0, step * 0.2)
    parts = [
        Markup('<svg class="chart {}" viewBox="0 0 {} {}" role="img" aria-label="{}">').format(
            css, WIDTH, HEIGHT, label
        ),
        Markup("<title>{}</title>").format(label),
        Markup('<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>').format(
            LEFT, TOP + plot_h, WIDTH - 4, TOP + plot_h
        ),
        Markup('<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>').format(LEFT - 6, TOP + 8, fmt(top)),
        Markup('<text class="tick" x="{}" y="{}" text-anchor="end">0</text>').format(LEFT - 6, TOP + plot_h),
    ]
    for i, (row, value) in enumerate(zip(rows, values, strict=True)):
        h = plot_h * value / top
        x = LEFT + i * step
        parts.append(
            Markup(
                '<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"><title>{}: {}</title></rect>'
            ).format(x + gap / 2, TOP + plot_h - h, max(0.5, step - gap), h, row["period"], fmt(value))
        )
    # Period labels: first, last and about six between, so they never overlap.
    every = max(1, -(-len(rows) // 5))
    for i, row in enumerate(rows):
        if i % every == 0 or i == len(rows) - 1:
            if i == len(rows) - 1 and i % every and len(rows) - 1 - (i // every) * every < every / 2:
                continue
            x = LEFT + i * step + step / 2
            parts.append(
                Markup('<text class="tick" x="{:.1f}" y="{}" text-anchor="middle">{}</text>').format(
                    x, HEIGHT - 4, escape(row["period"])
                )
            )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def count(value: float) -> str:
    return f"{int(value):,}".replace(",", " ")


def percent(value: float) -> str:
    if value == 0:
        return "0 %"
    return f"{value * 100:.1f} %" if value < 0.1 else f"{value * 100:.0f} %"
