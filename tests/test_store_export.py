"""Export: JSONL records, CSV and Parquet tables, from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from dateline.article import Article
from dateline.serve.cli import main
from dateline.store import export
from dateline.store.sqlite import Store
from test_store import new_store, store  # noqa: F401 - the fixtures


def test_jsonl_round_trips_records(store: Store) -> None:  # noqa: F811
    out = io.StringIO()
    assert export.write_jsonl(store.conn, out) == 3
    articles = [Article.from_dict(json.loads(line)) for line in out.getvalue().splitlines()]
    assert {a.language for a in articles} == {"fr", "en"}
    assert sum(len(a.quotes) for a in articles) == 1


def test_csv_tables(store: Store) -> None:  # noqa: F811
    out = io.StringIO()
    assert export.write_csv(store.conn, out, "articles") == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["language"] for r in rows} == {"fr", "en"} and "record" not in rows[0]
    assert next(r for r in rows if r["verdict"] == "inconsistent")["estimated_date"] == "2020-01-06"
    out = io.StringIO()
    assert export.write_csv(store.conn, out, "quotes") == 1
    (quote,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert quote["speaker"] == "Camille Verdier" and quote["step"] == "quotes@1"
    out = io.StringIO()
    assert export.write_csv(store.conn, out, "claims") == 0
    assert out.getvalue().startswith("article,url,stated_date,stance,")  # header even when empty


def test_parquet(store: Store, tmp_path: Path) -> None:  # noqa: F811
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "a.parquet"
    assert export.write_parquet(store.conn, str(target), "articles") == 3
    table = pq.read_table(target)
    assert table.num_rows == 3 and "record" in table.column_names
    assert json.loads(table.column("record")[0].as_py())["schema"] == "dateline.article/1"


def test_cli_export(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    store.close()
    db = store.path
    assert main(["export", "--db", db, "--format", "csv", "--table", "quotes"]) == 0
    assert "Camille Verdier" in capsys.readouterr().out
    target = tmp_path / "out.jsonl"
    assert main(["export", "--db", db, "--output", str(target)]) == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == 3
    assert main(["export", "--db", db, "--format", "parquet"]) == 1  # binary needs --output
    assert "--output" in capsys.readouterr().err
