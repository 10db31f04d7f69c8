"""The store under failure: read-only database, full disk, and real kills (SIGKILL) mid-run.
Whatever happens, what was stored stays, nothing is half-written, and the same command again
completes the store with every article exactly once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.errors import DatelineError
from dateline.ingest.batch import ingest
from dateline.serve.cli import main
from dateline.store.sqlite import Store
from test_ingest_sources import page

ROOT = Path(__file__).resolve().parents[1]


def _pages(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"p{i:04d}.html").write_text(page(i), encoding="utf-8")
    return folder


def _check_consistent(db: Path) -> int:
    """No half-written article: every article has its items row and its full-text row."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO fts(fts) VALUES ('integrity-check')")
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        linked = conn.execute(
            "SELECT count(*) FROM items WHERE outcome IN ('new', 'duplicate') AND article IN (SELECT id FROM articles)"
        ).fetchone()[0]
        assert linked == articles
        indexed = conn.execute("SELECT count(*) FROM fts WHERE fts MATCH 'conseil'").fetchone()[0]
        assert indexed == articles  # every page says "conseil": every article is in the index
        return int(articles)
    finally:
        conn.close()


def test_read_only_database(tmp_path: Path) -> None:
    folder = _pages(tmp_path / "pages", 4)
    db = tmp_path / "ro.db"
    ingest([str(folder / "p0000.html"), str(folder / "p0001.html")], db, analyze=False)
    store = Store.open(db)
    store.conn.execute("PRAGMA query_only = ON")  # what SQLite does with a read-only file (root ignores chmod)
    with pytest.raises(DatelineError, match="read-only"):
        ingest([str(folder)], db, analyze=False, store=store)
    store.conn.close()
    assert _check_consistent(db) == 2


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _pages(tmp_path / "pages", 3)
    db = tmp_path / "ro.db"
    assert main(["ingest", str(folder / "p0000.html"), "--db", str(db), "--no-nlp", "--quiet"]) == 0
    db.chmod(0o444)
    try:
        assert main(["ingest", str(folder), "--db", str(db), "--no-nlp", "--quiet"]) == 1
        assert "read-only" in capsys.readouterr().err
        assert main(["search", "conseil", "--db", str(db), "--no-lemmas"]) == 0  # reading still works
    finally:
        db.chmod(0o644)
    assert _check_consistent(db) == 1


def test_full_disk(tmp_path: Path) -> None:
    folder = _pages(tmp_path / "pages", 300)
    db = tmp_path / "full.db"
    ingest([str(folder / "p0000.html")], db, analyze=False)
    store = Store.open(db)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    # A database that may not grow past ~60 more pages: SQLite reports SQLITE_FULL, as on a full disk.
    store.conn.execute(f"PRAGMA max_page_count = {pages + 60}")
    with pytest.raises(DatelineError, match="disk is full"):
        ingest([str(folder)], db, analyze=False, store=store)
    store.conn.close()
    kept = _check_consistent(db)
    assert 1 <= kept < 300
    report = ingest([str(folder)], db, analyze=False)  # space freed: the same command resumes
    assert report.tally.already == kept and report.tally.new == 300 - kept
    assert _check_consistent(db) == 300


def _run(folder: Path, db: Path, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    command = [sys.executable, "-m", "dateline.serve.cli", "ingest", str(folder), "--db", str(db), "--no-nlp"]
    command += ["--quiet", "--workers", str(workers)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_sigkill_then_rerun(tmp_path: Path, workers: int) -> None:
    total = 600
    folder = _pages(tmp_path / "pages", total)
    db = tmp_path / "k.db"
    kills = 0
    for target in (1, 150, 350):  # commits come in batches of 200 or every 2 s
        proc = _run(folder, db, workers)
        deadline = time.monotonic() + 120
        while _stored(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the ingest process and its workers, mid-batch
            kills += 1
        proc.wait()
        assert _check_consistent(db) < total
    assert kills == 3
    proc = _run(folder, db, workers)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert _check_consistent(db) == total
    conn = sqlite3.connect(db)
    keys = conn.execute("SELECT count(*), count(DISTINCT key) FROM items").fetchone()
    assert keys == (total, total)
    conn.close()
