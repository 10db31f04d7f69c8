"""WARC input: record filtering, transfer encodings, truncated and damaged files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from conftest import need_shared
from dateline.ingest.batch import ingest
from dateline.ingest.sources import Item, Skip
from dateline.ingest.warc import records
from dateline.store.sqlite import Store


def _entries(path: Path) -> list[Item | Skip]:
    return [e for e in records(path, lambda key: False) if isinstance(e, Item | Skip)]


def test_revisit_is_skipped_and_counted() -> None:
    entries = _entries(need_shared("benchmarks", "warc", "warcio-example.warc.gz"))
    reasons = [e.reason for e in entries if isinstance(e, Skip)]
    assert reasons == ["revisit"]
    assert len([e for e in entries if isinstance(e, Item)]) == 1


def test_chunked_payload_is_dechunked() -> None:
    (item,) = _entries(need_shared("benchmarks", "warc", "warcio-example-iana.org-chunked.warc"))
    assert isinstance(item, Item) and item.data is not None
    assert item.data.lstrip().lower().startswith(b"<!doctype html")  # no chunk-size line before it
    assert item.data.rstrip().endswith(b"</html>")


def test_non_html_records_are_skipped() -> None:
    entries = _entries(need_shared("benchmarks", "warc", "ukwa-wikipedia-post-blackout.warc.gz"))
    skipped = [e for e in entries if isinstance(e, Skip)]
    assert len(skipped) == 48 and {e.reason for e in skipped} == {"not-html"}


def test_wrapped_target_uri() -> None:
    items = [e for e in _entries(need_shared("benchmarks", "warc", "dolma-sample-0000.warc.gz")) if isinstance(e, Item)]
    assert len(items) == 22
    assert all(i.url and i.url.startswith("http") and not i.url.endswith(">") for i in items)


def test_truncated_warc_gz_keeps_what_was_read(tmp_path: Path) -> None:
    data = need_shared("benchmarks", "warc", "synthetic-fr-news.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.7)])
    db = tmp_path / "t.db"
    report = ingest([str(cut)], db, analyze=False)
    assert report.errors and "truncated or damaged" in report.errors[0]
    assert report.tally.failed["bad-warc"] == 1
    with Store.open(db, readonly=True) as store:
        stored = store.stats()["articles"]
    assert stored >= 3
    # the whole file later: the same command completes the store, nothing twice
    cut.write_bytes(data)
    again = ingest([str(cut)], db, analyze=False)
    assert not again.errors and again.tally.already == stored
    with Store.open(db, readonly=True) as store:
        assert store.stats()["articles"] == 8


def test_not_a_warc(tmp_path: Path) -> None:
    fake = tmp_path / "fake.warc.gz"
    with gzip.open(fake, "wb") as handle:
        handle.write(b"<html><body>hello</body></html>")
    report = ingest([str(fake)], tmp_path / "n.db", analyze=False)
    assert report.errors and "fake.warc.gz" in report.errors[0]


@pytest.mark.parametrize("name", ["resiliparse-warcfile.warc.gz", "whirlwind.warc.gz", "dolma-sample-0001.warc.gz"])
def test_real_warcs_ingest_without_failure(tmp_path: Path, name: str) -> None:
    report = ingest([str(need_shared("benchmarks", "warc", name))], tmp_path / "r.db", analyze=False)
    assert not report.errors
    assert report.tally.new > 0
