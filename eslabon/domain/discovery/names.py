"""Company-name normalisation for matching DENUE establishments to registered suppliers.

Two spellings of one company differ in legal-form suffix, accents, punctuation and case;
this module removes those differences and nothing else, so that similarity measures the name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Mexican legal forms (Ley General de Sociedades Mercantiles art. 1; Ley del Mercado de
# Valores arts. 12 and 19 for SAPI and SAB; Ley de Sociedades de Responsabilidad Limitada de
# Interés Público; civil and cooperative forms), written as they read once dots are removed
# ("S.A. de C.V." → "sa de cv"). Longest first so that "sa de cv" wins over "sa".
_LEGAL_FORMS = (
    "sociedad anonima promotora de inversion",
    "sociedad anonima bursatil",
    "sociedad anonima",
    "sociedad de responsabilidad limitada",
    "sociedad civil",
    "sociedad cooperativa",
    "asociacion civil",
    "s de rl mi",
    "s de rl",
    "s en nc",
    "s en c por a",
    "s en c",
    "spr de rl",
    "spr de ri",
    "sc de rl",
    "sc de ri",
    "sapi",
    "sab",
    "sas",
    "spr",
    "scl",
    "sc",
    "ac",
    "sa",
)
_VARIABLE_CAPITAL = r"(?:\s+de\s+(?:cv|capital\s+variable))?"
_FORM = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in _LEGAL_FORMS)
_SUFFIX = re.compile(rf"(?:\s+|^)(?:{_FORM}){_VARIABLE_CAPITAL}\s*$")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold_accents(text: str) -> str:
    """Remove diacritics (Ñ becomes N, as in most Mexican registries' plain-ASCII copies)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise_name(name: str) -> str:
    """Lower-case, accent-free, punctuation-free name without its legal-form suffix.

    >>> normalise_name("Forjas Metálicas del Norte, S.A. de C.V.")
    'forjas metalicas del norte'
    """
    text = fold_accents(name).lower().replace("&", " y ")
    # Dots inside abbreviations join their letters ("S.A.P.I." → "sapi", "S. de R.L." →
    # "s de rl"); other punctuation separates words.
    text = text.replace(".", "")
    text = _NOT_WORD.sub(" ", text).strip()
    previous = None
    while previous != text:  # "sa de cv" after "sapi" and similar stacked forms
        previous = text
        stripped = _SUFFIX.sub("", text).strip()
        text = stripped or text
    return text


# Words that carry no identity in a company name; "cia" is the "y Cía." of partnerships.
_STOPWORDS = frozenset({"de", "del", "la", "las", "el", "los", "y", "e", "en", "a", "cia"})
# Spanish spellings that sound alike in Mexico (seseo, b/v, ll/y, silent h), so that
# "LOSANO" meets "Lozano" and "Villareal" meets "Villarreal" but "Suárez" stays off "Juárez".
_SOUNDS = (
    ("ch", "x"), ("qu", "k"), ("ce", "se"), ("ci", "si"), ("ge", "je"), ("gi", "ji"),
    ("c", "k"), ("z", "s"), ("v", "b"), ("ll", "y"), ("h", ""), ("w", "u"),
)  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")


def sound_key(word: str) -> str:
    """A rough Spanish phonetic key of one normalised word; a final plural "s" is dropped."""
    key = word
    for written, sound in _SOUNDS:
        key = key.replace(written, sound)
    key = _DOUBLED.sub(r"\1", key)
    return key[:-1] if len(key) > 3 and key.endswith("s") else key


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """The identifying words of a name as sound keys, in order (see ``normalise_name``).

    Cached: candidate searches compare the same registered names again and again.
    """
    return tuple(sound_key(word) for word in normalise_name(name).split() if word not in _STOPWORDS)
