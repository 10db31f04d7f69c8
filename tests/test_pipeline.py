from __future__ import annotations

import pytest

from dateline.article import Article
from dateline.errors import DatelineError
from dateline.pipeline import Pipeline


class _Step:
    def __init__(self, name: str, requires: tuple[str, ...], assigns: tuple[str, ...], fail: bool = False):
        self.name, self.version, self.requires, self.assigns, self.fail = name, 1, requires, assigns, fail

    def __call__(self, article: Article) -> Article:
        if self.fail:
            raise RuntimeError("boom")
        article.title = (article.title or "") + self.name
        return article


def test_wrong_order_fails_at_build_time() -> None:
    with pytest.raises(DatelineError, match="requires quotes"):
        Pipeline([_Step("claims", ("quotes",), ("claims",)), _Step("quotes", ("text",), ("quotes",))])


def test_steps_run_in_order_and_record_versions() -> None:
    pipe = Pipeline([_Step("a", ("text",), ("x",)), _Step("b", ("x",), ("y",))])
    out = pipe(Article(text="t"))
    assert out.title == "ab"
    assert out.steps == ["a@1", "b@1"]


def test_a_failing_step_is_recorded_not_raised() -> None:
    pipe = Pipeline([_Step("bad", ("text",), ("x",), fail=True), _Step("ok", ("text",), ("y",))])
    out = pipe(Article(text="t"))
    assert [p.step for p in out.problems] == ["bad"]
    assert "boom" in out.problems[0].message
    assert out.steps == ["ok@1"]
