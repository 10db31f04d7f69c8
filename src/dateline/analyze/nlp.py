"""The nlp step: parse `Article.text` with the language's spaCy pipeline.

Models come from PyPI packages (never a hub) and load once per process (`model()` is
cached), so `read_many`, a process-pool worker or a Spark executor pays the load once. The
parsed `Doc` lives on `article.nlp` for the later steps of the same process; nothing of it
is serialised: the steps turn it into stand-off spans.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
from functools import cache
from typing import Any

from .. import lang, settings
from ..article import Article
from ..errors import Code, DatelineError


def model_names(code: str) -> list[str]:
    """The packages configured for a language, in order of preference."""
    configured = settings.load().get("models", code) if code in settings.load().values["models"] else None
    if configured is None:
        return []
    return [configured] if isinstance(configured, str) else [str(n) for n in configured]


def installed_model(code: str) -> str | None:
    """The first configured model package that is installed (official packages first)."""
    for name in model_names(code):
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@cache
def model(code: str) -> Any:
    """The loaded spaCy pipeline for a language; raises DatelineError when none is installed."""
    name = installed_model(code)
    if name is None:
        wanted = ", ".join(model_names(code)) or "none configured"
        raise DatelineError(
            Code.MODEL_MISSING,
            f"no spaCy model installed for {code} (tried: {wanted}); install one with pip",
        )
    import spacy

    return spacy.load(name)


def parsed_text(doc: Any) -> str:
    """The parsed text, computed once per Doc: spaCy's `Doc.text` joins every token on each
    access (about 2 ms on a 4,000-character article, and several steps ask for it)."""
    cached = doc.user_data.get("dateline.text")
    if cached is None:
        cached = doc.user_data["dateline.text"] = doc.text
    return str(cached)


class Parse:
    name = "nlp"
    version = 1
    requires: tuple[str, ...] = ("text", "language")
    assigns: tuple[str, ...] = ("nlp",)

    def __call__(self, article: Article) -> Article:
        code = article.language
        if code not in lang.supported():
            article.problem(self.name, Code.LANGUAGE_UNSUPPORTED.value, lang.unsupported_message(code))
            return article
        if not article.text.strip():
            article.problem(self.name, Code.STEP_SKIPPED.value, "no text to analyse")
            return article
        try:
            nlp = model(code)
        except DatelineError as exc:
            article.problem(self.name, exc.code.value, exc.message)
            return article
        limit = int(settings.load().get("input", "max_text_chars"))
        text = article.text
        if len(text) > limit:
            article.problem(
                self.name,
                Code.TEXT_TOO_LONG.value,
                f"text has {len(text):,} characters; only the first {limit:,} were analysed",
            )
            text = text[:limit]
        article.nlp = parse(nlp, text)
        return article


# A paragraph break: a newline followed by text.
_PARAGRAPH = re.compile(r"\n\s*(?=\S)")


def parse(nlp: Any, text: str) -> Any:
    """One Doc for the text, each paragraph parsed on its own. Scraped pages put captions,
    credits and headings without a full stop before the next paragraph ("… 16 mars 2019 © E.B" /
    "Guillaume Goubert, directeur …, commentait : « … »"); parsed as one stream, the parser hangs
    one paragraph's words on the other's verbs (the credit became the subject of "commentait" in
    the held-out gold). Marking sentence starts before the parser does not work: it then cuts
    names in two ("Guillaume" / "Goubert")."""
    cuts = [m.end() for m in _PARAGRAPH.finditer(text)]
    if not cuts:
        return nlp(text)
    from spacy.tokens import Doc

    bounds = [0, *cuts, len(text)]
    chunks = [text[a:b] for a, b in itertools.pairwise(bounds) if b > a]
    return Doc.from_docs(list(nlp.pipe(chunks)), ensure_whitespace=False)
