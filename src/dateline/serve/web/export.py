"""Lists as downloads: CSV (one row per item, nested values as JSON text) or JSON.

CSV cells that a spreadsheet would run as a formula (starting with = + - @ or a tab) get a
leading apostrophe: the text comes from untrusted pages, and opening an export must never
execute anything (OWASP, "CSV injection").
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi.responses import Response

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = "; ".join(value)
    elif isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def to_csv(rows: list[dict[str, Any]]) -> str:
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return out.getvalue()


def download(rows: list[dict[str, Any]], fmt: str, name: str) -> Response:
    if fmt == "csv":
        body = "\ufeff" + to_csv(rows)  # the BOM makes spreadsheets read UTF-8 (accents) right
        media = "text/csv; charset=utf-8"
    else:
        body = json.dumps(rows, ensure_ascii=False, indent=1)
        media = "application/json"
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="dateline-{name}.{fmt}"'}
    )


def hit_rows(hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Search hits flattened for a table: the snippets joined, highlights dropped."""
    return [
        {k: v for k, v in h.items() if k != "snippets"} | {"snippet": " … ".join(s["text"] for s in h["snippets"])}
        for h in hits
    ]


def alert_rows(alerts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in a.items() if k != "evidence"}
        | {"evidence": " | ".join(e.get("detail", "") for e in a["evidence"])}
        for a in alerts
    ]
