from __future__ import annotations

import json

import pytest

from dateline.article import (
    SCHEMA,
    Article,
    Block,
    Cue,
    DateCheck,
    Entity,
    Evidence,
    Mention,
    Quote,
    Speaker,
    Timex,
)


def _sample() -> Article:
    text = "Mark Esper a démenti. « Point », a-t-il dit."
    return Article(
        text=text,
        language="fr",
        title="Titre",
        blocks=[Block("paragraph", 0, len(text))],
        entities=[Entity("e1", "PER", "Mark Esper", ["chef du Pentagone"], [Mention(0, 10, "Mark Esper")])],
        quotes=[
            Quote(
                "direct",
                22,
                31,
                text[22:31],
                speaker=Speaker("e1", "Mark Esper", 36, 38),
                cue=Cue(33, 42, text[33:42]),
            )
        ],
        timexes=[Timex("DATE", "2020-01-06", 0, 4, "Mark", anchor="2020-01-06", relative={"kind": "x"})],
        date_check=DateCheck(
            stated="2025-01-02",
            estimated="2020-01-06",
            verdict="inconsistent",
            evidence=[Evidence("weekday_match", "lundi 6 janvier is a Monday in 2020", 0, 4)],
        ),
    )


def test_round_trip_through_json_is_lossless() -> None:
    article = _sample()
    data = json.loads(json.dumps(article.to_dict()))
    assert data["schema"] == SCHEMA
    again = Article.from_dict(data)
    assert again == article
    assert isinstance(again.quotes[0].speaker, Speaker)
    assert again.date_check is not None and again.date_check.evidence[0].kind == "weekday_match"


def test_contract_fields_present_and_lists_never_null() -> None:
    data = Article().to_dict()
    for key in (
        "schema",
        "id",
        "source",
        "url",
        "language",
        "title",
        "standfirst",
        "kicker",
        "section",
        "authors",
        "stated_date",
        "media",
        "text",
        "blocks",
        "removed",
        "entities",
        "quotes",
        "claims",
        "timexes",
        "quantities",
        "date_check",
        "problems",
        "steps",
    ):
        assert key in data
    for key in (
        "authors",
        "media",
        "blocks",
        "removed",
        "entities",
        "quotes",
        "claims",
        "timexes",
        "quantities",
        "problems",
        "steps",
    ):
        assert data[key] == []
    assert "html" not in data and "nlp" not in data and "raw_text" not in data


def test_unknown_schema_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported schema"):
        Article.from_dict({"schema": "other/9"})


def test_reference_date_prefers_confident_estimate() -> None:
    article = _sample()
    article.stated_date = "2025-01-02T10:00:00+01:00"
    assert article.reference_date() == "2020-01-06"
    article.date_check = None
    assert article.reference_date() == "2025-01-02"
