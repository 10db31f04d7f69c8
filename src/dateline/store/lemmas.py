"""Lemmas for search: the lemma column an article is indexed with, and query-word lemmatisers.

Each bare query word also matches the lemma column: the word is lemmatised with the spaCy model
of every language that has lemmas in the store (all its rule lemmas as noun, verb and
adjective), so "démenti" finds "démentent" and "dément" (lemma "démentir"). Shared by both
stores (store/search.py for SQLite, store/pg_search.py for PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from .dedup import fold

# Parts of speech a query word is lemmatised as: a bare query word has no context, so every
# reading is tried ("démenti" is a noun and a participle of "démentir").
_QUERY_POS = ("NOUN", "VERB", "ADJ")
_INDEX_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "AUX"})

Lemmatizer = Callable[[str], set[str]]


def lemma_index(doc: Any) -> tuple[str, dict[str, list[str]]]:
    """The lemma column (lemmas in token order; rule lemmas of other readings appended) and
    the lemma -> surface forms map used for KWIC, from a spaCy Doc."""
    lemmatizer = _rule_lemmatizer(doc)
    out: list[str] = []
    forms: dict[str, set[str]] = {}
    for token in doc:
        if not token.is_alpha:
            continue
        surface = fold(token.text)
        lemmas = {fold(token.lemma_)} if token.lemma_ else {surface}
        if lemmatizer is not None and token.pos_ in _INDEX_POS:
            lemmas.update(fold(x) for x in lemmatizer(token.text))
        for lemma in sorted(lemmas):
            out.append(lemma)
            if lemma != surface:
                forms.setdefault(lemma, set()).add(surface)
    return " ".join(out), {k: sorted(v) for k, v in forms.items()}


_RULE_CACHE: dict[tuple[str, str], set[str]] = {}


def _rule_lemmatizer(doc: Any, nlp: Any = None) -> Callable[[str], set[str]] | None:
    """Every rule lemma of a word under the query parts of speech, cached per (lang, word).
    `nlp`: the pipeline to use (default: the full model of the doc's language, already loaded
    by the nlp step in an ingest worker)."""
    from ..analyze.nlp import model

    code = doc.lang_
    if nlp is None:
        try:
            nlp = model(code)
        except Exception:  # noqa: BLE001 - no model: lemma search is simply unavailable
            return None
    if "lemmatizer" not in nlp.pipe_names or not hasattr(nlp.get_pipe("lemmatizer"), "rule_lemmatize"):
        return None
    pipe = nlp.get_pipe("lemmatizer")

    def lemmas(word: str) -> set[str]:
        key = (code, word.lower())
        found = _RULE_CACHE.get(key)
        if found is None:
            found = set()
            for pos in _QUERY_POS:
                tokens = nlp.make_doc(word.lower())
                if len(tokens) != 1:
                    break
                tokens[0].pos_ = pos
                found.update(pipe.rule_lemmatize(tokens[0]))
            if len(_RULE_CACHE) > 200_000:  # bounded memory on long runs
                _RULE_CACHE.clear()
            _RULE_CACHE[key] = found
        return found

    return lemmas


@cache
def _lemmatizer_only(code: str) -> Any:
    """The language's model with only its tokenizer and rule lemmatizer: a query needs no
    parse, and leaving the other components unloaded makes `dateline search` start faster."""
    import spacy

    from ..analyze.nlp import installed_model

    name = installed_model(code)
    if name is None:
        return None
    return spacy.load(name, exclude=["tok2vec", "morphologizer", "tagger", "parser", "ner", "senter"])


def model_lemmatizer(languages: Iterable[str]) -> Lemmatizer | None:
    """Lemmatise query words with the installed models of these languages (None if none)."""
    rules = []
    for code in languages:
        try:
            nlp = _lemmatizer_only(code)
        except Exception:  # noqa: BLE001 - a broken model package: lemma search is unavailable
            nlp = None
        if nlp is not None:
            rule = _rule_lemmatizer(nlp.make_doc("x"), nlp)
            if rule is not None:
                rules.append(rule)
    if not rules:
        return None

    def lemmatize(word: str) -> set[str]:
        out: set[str] = set()
        for rule in rules:
            out.update(fold(x) for x in rule(word))
        return out

    return lemmatize
