from __future__ import annotations

from collections import Counter

import pytest

from dateline.evaluate.extraction import corpus_score, counts_f1, page_score, segments_score


def test_identical_text_scores_one() -> None:
    text = "one two three four five six"
    assert page_score(text, text).precision == 1.0 == page_score(text, text).recall


def test_extra_boilerplate_lowers_precision_only() -> None:
    truth = "the minister denied the report on monday evening"
    score = page_score(truth + " share this article on facebook now", truth)
    assert score.recall == 1.0
    assert 0.4 < score.precision < 1.0


def test_corpus_f1_is_harmonic_mean_of_averages() -> None:
    result = corpus_score([("a b c d e", "a b c d e"), ("", "a b c d e")])
    assert result.precision == pytest.approx(1.0)
    assert result.recall == pytest.approx(0.5)
    assert result.f1 == pytest.approx(2 / 3)


def test_segments_counting() -> None:
    counts = segments_score("Hello  world.\nBye", ["Hello world.", "missing"], ["Bye", "absent"])
    assert counts == Counter({"tp": 1, "fn": 1, "fp": 1, "tn": 1})
    assert counts_f1(counts)["f1"] == pytest.approx(0.5)
