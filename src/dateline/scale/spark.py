"""The same pipeline on Apache Spark: WARC collections in, Parquet of article records out.

What runs is the `Pipeline` of `dateline read` (api.build_pipeline) and the worker function
of the local pool (scale/pool.work); only where it runs changes. Each WARC file is one Spark
task: a task streams its file record by record (ingest/warc.py), so executor memory stays
bounded by one record plus the spaCy model, which each Python worker loads once (the
model cache in analyze/nlp.py lives as long as the reused worker process).

The Parquet columns carry the `dateline.article/1` field names (shared/design/ARTICLE-JSON.md);
the Spark schema is derived from the Article dataclasses, so it cannot drift from the JSON
contract. Free-form fields (`Timex.relative`) are JSON strings. Pages that are not articles or
that failed go to a second table, `rejected/`, with their reason: nothing is dropped silently.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import types
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from ..article import Article


def spark_type(hint: Any) -> Any:
    """The Spark SQL type of an Article field's type hint."""
    from pyspark.sql import types as T

    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(hint) if a is not type(None)]
        return spark_type(inner[0]) if len(inner) == 1 else T.StringType()
    if origin is list:
        (item,) = get_args(hint)
        return T.ArrayType(spark_type(item), containsNull=True)
    if origin is dict:
        return T.StringType()  # free-form: stored as JSON text
    if origin is Literal:
        return T.StringType()
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = get_type_hints(hint)
        return T.StructType(
            [T.StructField(f.name, spark_type(hints[f.name]), nullable=True) for f in dataclasses.fields(hint)]
        )
    return {str: T.StringType(), int: T.LongType(), float: T.DoubleType(), bool: T.BooleanType()}.get(
        hint, T.StringType()
    )


def article_schema() -> Any:
    """The Parquet schema of the record: `schema` plus every serialised Article field."""
    from pyspark.sql import types as T

    hints = get_type_hints(Article)
    fields = [T.StructField("schema", T.StringType(), nullable=False)]
    for f in dataclasses.fields(Article):
        if f.name in Article._TRANSIENT or f.name.startswith("_"):
            continue
        fields.append(T.StructField(f.name, spark_type(hints[f.name]), nullable=True))
    return T.StructType(fields)


REJECTED_COLUMNS = ("key", "location", "outcome", "reason", "message")


def _rejected(key: str | None, location: str, outcome: str, reason: str, message: str) -> dict[str, Any]:
    return {"key": key, "location": location, "outcome": outcome, "reason": reason, "message": message}


def conform(value: Any, kind: Any) -> Any:
    """A JSON value shaped to a Spark type: free-form dicts to JSON text, ints to floats where
    the contract says float (Quantity.value 1500 is a float field)."""
    from pyspark.sql import types as T

    if value is None:
        return None
    if isinstance(kind, T.StructType):
        return {f.name: conform(value.get(f.name), f.dataType) for f in kind.fields}
    if isinstance(kind, T.ArrayType):
        return [conform(v, kind.elementType) for v in value]
    if isinstance(kind, T.DoubleType):
        return float(value)
    if isinstance(kind, T.StringType) and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return value


def process_warc(path: str, *, analyze: bool) -> Iterator[tuple[str, dict[str, Any]]]:
    """("article", record) or ("rejected", row) for every page record of one WARC file."""
    from ..ingest.sources import Item, Skip
    from ..ingest.warc import records
    from . import pool

    pool.init(analyze)  # once per Python worker: the spaCy model stays loaded across tasks
    for entry in records(Path(path), lambda _key: False):
        if isinstance(entry, Skip):
            yield "rejected", _rejected(entry.key, path, entry.outcome, entry.reason, entry.message)
            continue
        if not isinstance(entry, Item):
            continue
        result = pool.work(entry)
        if isinstance(result, pool.Rejected | pool.Failed):
            outcome = "skipped" if isinstance(result, pool.Rejected) else "failed"
            yield "rejected", _rejected(result.key, entry.location, outcome, result.reason, result.message)
        else:
            yield "article", result.record


def run(paths: Iterable[str], output: str, *, analyze: bool = True, master: str | None = None) -> dict[str, int]:
    """Read WARC files on Spark and write `output/articles` and `output/rejected` as Parquet.

    `master` defaults to the session's configuration (spark-submit) or `local[*]`.
    Returns the counts written.
    """
    from pyspark.sql import Row, SparkSession
    from pyspark.sql import types as T

    files = [str(Path(p).resolve()) for p in paths]
    # Python workers must run this interpreter, which has dateline and the models installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("dateline")
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    try:
        rdd = spark.sparkContext.parallelize(files, max(1, len(files)))
        results = rdd.flatMap(lambda p: process_warc(p, analyze=analyze)).cache()
        schema = article_schema()
        articles = spark.createDataFrame(
            results.filter(lambda kv: kv[0] == "article").map(lambda kv: conform(kv[1], schema)), schema=schema
        )
        rejected_schema = T.StructType([T.StructField(c, T.StringType(), True) for c in REJECTED_COLUMNS])
        rejected = spark.createDataFrame(
            results.filter(lambda kv: kv[0] == "rejected").map(lambda kv: Row(**kv[1])), schema=rejected_schema
        )
        articles.write.mode("overwrite").parquet(f"{output}/articles")
        rejected.write.mode("overwrite").parquet(f"{output}/rejected")
        counts = {"articles": articles.count(), "rejected": rejected.count()}
        results.unpersist()
        return counts
    finally:
        if master:
            spark.stop()
