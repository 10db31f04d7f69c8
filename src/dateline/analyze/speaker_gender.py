"""What a text says of a person's gender, for pronoun resolution in attributions: a title, a
feminine title noun, or a first name of one gender (lang/<code>/names.toml)."""

from __future__ import annotations

from typing import Any

from .quote_lexicon import Lexicon


def first_name_gender(name: str, lex: Lexicon) -> str | None:
    """The gender of a name's first name when the language data lists it as of one gender; a
    compound first name takes its first part's ("Jean-Marie", "Marie-Pierre")."""
    first = name.replace("-", " ").split()[:1]
    return lex.first_name_gender.get(first[0].lower()) if first else None


def mention_gender(ent: Any, lex: Lexicon) -> str | None:
    """A person's gender as the text states it around one mention: a title ("Mme Durand"), the
    determiner of the title noun before the name ("la sénatrice Anne Perrin"), or a title noun
    in apposition of a gender the language marks for sure (", avocate de …"). The tagger's
    gender on proper nouns is a guess (Marie-Pierre comes out Masc) and is never used."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    for token in (ent[0], before):
        if token is not None and token.lower_ in lex.title_gender:
            return lex.title_gender[token.lower_]
    i = ent.start - 1
    if i >= 0 and doc[i].pos_ == "NOUN":
        i -= 1
    if i >= 0 and doc[i].pos_ == "DET":
        found = doc[i].morph.get("Gender")
        if len(found) == 1:
            return str(found[0])
    k = ent.end + 1
    if ent.end < len(doc) and doc[ent.end].text == ",":
        if k < len(doc) and doc[k].pos_ == "DET":
            k += 1
        noun = doc[k] if k < len(doc) else None
        if noun is not None and noun.pos_ == "NOUN" and (noun.dep_ == "appos" or noun.lower_ in lex.person_roles):
            found = noun.morph.get("Gender")
            if len(found) == 1 and found[0] in lex.noun_gender:
                return str(found[0])
    return None
