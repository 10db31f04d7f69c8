"""TimeML reading and the TempEval-3 Task A scorer, on a document we wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.evaluate.timeml import Span, read, score, score_document

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>fiction_1</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2020-01-06">January 6, 2020</TIMEX3></DCT>
<TEXT>
The mill <EVENT eid="e1">closed</EVENT> <TIMEX3 tid="t1" type="DATE" value="2020-01-03">Friday</TIMEX3>
after <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3> of losses.
<TIMEX3 tid="t3" type="DATE" value="2020-01-06" temporalFunction="true" anchorTimeID="t0"></TIMEX3>
</TEXT>
</TimeML>
"""


@pytest.fixture()
def doc_path(tmp_path: Path) -> Path:
    path = tmp_path / "fiction_1.tml"
    path.write_text(DOC, encoding="utf-8")
    return path


def test_read_gives_text_spans_and_dct(doc_path: Path) -> None:
    doc = read(doc_path)
    assert doc.dct == "2020-01-06"
    assert [(doc.text[s.start : s.end], s.type, s.value) for s in doc.timexes] == [
        ("Friday", "DATE", "2020-01-03"),
        ("three years", "DURATION", "P3Y"),
    ]  # the empty (non-consuming) TIMEX3 is not a span


def test_scores_follow_the_tempeval3_definitions() -> None:
    gold = [Span(0, 6, "DATE", "2020-01-03"), Span(13, 24, "DURATION", "P3Y")]
    system = [
        Span(0, 6, "DATE", "2020-01-03"),  # strict match, right value
        Span(7, 24, "DURATION", "P2Y"),  # relaxed match (overlap), wrong value
        Span(30, 35, "DATE", "2020"),  # false positive
    ]
    s = score_document(system, gold)
    assert (s.gold, s.system, s.strict_matches, s.relaxed_matches, s.type_correct, s.value_correct) == (
        2,
        3,
        1,
        2,
        2,
        1,
    )
    p, r, f = s.strict()
    assert (round(p, 3), round(r, 3), round(f, 3)) == (0.333, 0.5, 0.4)
    p, r, f = s.relaxed()
    assert (round(p, 3), round(r, 3), round(f, 3)) == (0.667, 1.0, 0.8)
    # value F1 = relaxed F1 x value accuracy on relaxed matches (0.8 x 1/2)
    assert round(s.value()[2], 3) == 0.4
    assert round(s.type()[2], 3) == 0.8


def test_one_gold_span_is_credited_once() -> None:
    gold = [Span(0, 20, "DATE", "2020-01-03")]
    system = [Span(0, 6, "DATE", "2020-01-03"), Span(7, 20, "DATE", "2020-01-03")]
    s = score_document(system, gold)
    assert (s.relaxed_matches, s.value_correct) == (1, 1)


def test_corpus_totals_are_micro_averaged() -> None:
    a = ([Span(0, 3, "DATE", "1")], [Span(0, 3, "DATE", "1")])
    b = ([], [Span(0, 3, "DATE", "1"), Span(5, 8, "DATE", "2")])
    total = score([a, b])
    assert (total.gold, total.system, total.strict_matches) == (3, 1, 1)
    assert total.summary()["strict_p"] == 100.0 and total.summary()["strict_r"] == 33.3


def test_empty_system_scores_zero() -> None:
    s = score_document([], [Span(0, 3, "DATE", "1")])
    assert s.strict() == (0.0, 0.0, 0.0) and s.value()[2] == 0.0
