"""Bad and unusual input: a clear error for fatal cases, a problem entry for partial ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import dateline
from dateline.errors import Code, DatelineError
from dateline.ingest.decode import decode

FR = (
    "Le ministre a démenti jeudi l'information publiée la veille. "
    "« Aucune décision n'a été prise », a-t-il déclaré à Québec."
)


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "dateline.serve.cli", *args], input=stdin, capture_output=True, timeout=120
    )


def test_empty_file_is_a_one_line_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_bytes(b"  \n")
    with pytest.raises(DatelineError) as info:
        dateline.read(page, analyze=False)
    assert info.value.code is Code.EMPTY_INPUT
    result = _cli("read", "--no-nlp", str(page))
    assert result.returncode == 1
    assert result.stderr.decode().count("\n") == 1 and b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("magic", "what"),
    [(b"%PDF-1.7\n%\xe2\xe3", "PDF"), (b"\x89PNG\r\n\x1a\n\0\0", "PNG"), (b"\0\1\2\3" * 50, "binary")],
)
def test_binary_input_is_refused(tmp_path: Path, magic: bytes, what: str) -> None:
    path = tmp_path / "file.html"
    path.write_bytes(magic + b"\0" * 100)
    with pytest.raises(DatelineError, match=what):
        dateline.read(path, analyze=False)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:  # a sparse 200 MB file: nothing is written to disk
        handle.seek(200 * 1024 * 1024)
        handle.write(b"\0")
    with pytest.raises(DatelineError) as info:
        dateline.read(path, analyze=False)
    assert info.value.code is Code.TOO_LARGE


def test_missing_file_and_folder() -> None:
    with pytest.raises(DatelineError, match="no such file"):
        dateline.read("/nonexistent/page.html", analyze=False)
    with pytest.raises(DatelineError, match="is a folder"):
        dateline.read("/", analyze=False)


@pytest.mark.parametrize("charset", ["cp1252", "iso-8859-1"])
def test_legacy_charsets_declared_in_html_are_decoded(charset: str) -> None:
    html = f'<html><head><meta charset="{charset}"><title>Été</title></head><body><p>{FR}</p></body></html>'
    decoded = decode(html.encode(charset), location="x")
    assert "démenti" in decoded.text and "Été" in decoded.text
    assert not decoded.guessed


def test_undeclared_cp1252_text_is_detected_not_mangled() -> None:
    data = (FR + " Les élèves sont arrivés à l'école dès l'aube, après un été très chaud. " * 3).encode("cp1252")
    decoded = decode(data, location="x")
    assert "démenti" in decoded.text and "élèves" in decoded.text and "\ufffd" not in decoded.text
    assert decoded.guessed


def test_cp1252_quotes_in_a_page_labelled_latin1() -> None:
    # Browsers read ISO-8859-1 as windows-1252: curly quotes in 0x93/0x94 must survive.
    data = b'<meta charset="iso-8859-1"><p>\x93Point\x94, a-t-il dit.</p>'
    assert "“Point”" in decode(data, location="x").text


def test_truncated_gzip_is_an_error() -> None:
    import gzip

    data = gzip.compress(("<html><body><p>" + FR * 50).encode())[:60]
    with pytest.raises(DatelineError, match="broken gzip"):
        dateline.read(data, analyze=False)


def test_standard_input_and_json_output() -> None:
    result = _cli("read", "--no-nlp", "--json", "--lang", "fr", "--date", "2020-01-06", "-", stdin=FR.encode())
    assert result.returncode == 0, result.stderr
    import json

    record = json.loads(result.stdout)
    assert record["schema"] == "dateline.article/1"
    assert record["stated_date"] == "2020-01-06" and record["language"] == "fr"
    assert "démenti" in record["text"]


def test_several_sources_give_jsonl_and_a_failure_does_not_stop_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(FR, encoding="utf-8")
    result = _cli("read", "--no-nlp", "--json", str(good), str(tmp_path / "missing.txt"), str(good))
    assert result.returncode == 1
    assert len(result.stdout.decode().strip().splitlines()) == 2
    assert b"no such file" in result.stderr


def test_bad_date_option_is_a_clear_error() -> None:
    result = _cli("read", "--no-nlp", "--date", "06/01/2020", "-", stdin=FR.encode())
    assert result.returncode == 1 and b"YYYY-MM-DD" in result.stderr and b"Traceback" not in result.stderr


def test_unsupported_language_is_a_problem_not_a_crash() -> None:
    text = "Der Minister hat am Donnerstag die Meldung dementiert, die am Vortag veröffentlicht wurde. " * 3
    article = dateline.read_text(text)
    assert article.language == "de"
    assert any("language de not supported; supported: en, fr" in p.message for p in article.problems)
    assert "Minister" in article.text


def test_raw_mode_offsets_index_the_input_exactly() -> None:
    text = "Premier paragraphe.\n\n  Deuxième paragraphe, plus long.  \n\n\nTroisième."
    article = dateline.read_text(text, raw=True, language="fr", analyze=False)
    assert article.text == text
    assert [text[b.start : b.end] for b in article.blocks] == [
        "Premier paragraphe.",
        "Deuxième paragraphe, plus long.",
        "Troisième.",
    ]
