"""Is this DENUE establishment a supplier already registered? Name words, postal code, distance.

Candidate search drops establishments that match a registered site; the rules and thresholds
were chosen on a labelled set (tests/data/discovery_name_pairs.csv; docs/discovery.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from eslabon.domain.discovery.names import name_tokens
from eslabon.domain.geo import great_circle_km_array


@dataclass(frozen=True, slots=True)
class NamedSite:
    """A place known by one or more names: a DENUE establishment (trade and legal name) or a
    registered supplier's site."""

    names: tuple[str, ...]
    postal_code: str = ""
    lat: float | None = None
    lon: float | None = None

    @classmethod
    def registered(
        cls, name: str, postal_code: str = "", lat: float | None = None, lon: float | None = None
    ) -> NamedSite:
        return cls((name,), postal_code, lat, lon)


@dataclass(frozen=True, slots=True)
class MatchRules:
    """Thresholds of the decision; the defaults are the ones measured in docs/discovery.md."""

    far_km: float = 5.0  # the same name farther than this is another site (branch, namesake)
    same_site_km: float = 0.2  # a shorter name of the same company must be this close
    contained_min_words: int = 2  # "ESTRELLA" alone says too little
    word_similarity: float = 90.0  # rapidfuzz ratio for a misspelt long word
    fuzzy_min_length: int = 8
    prefilter: float = 60.0  # token-set similarity below which a pair is not examined


class NameRelation(StrEnum):
    SAME_WORDS = "same words"
    CONTAINED = "one name contains the other"
    DIFFERENT = "different words"


@dataclass(frozen=True, slots=True)
class SupplierMatch:
    """Why an establishment is taken for a registered site (index into the registered list)."""

    registered_index: int
    relation: NameRelation
    same_postal_code: bool
    distance_km: float | None
    reason: str


def compare_words(
    left: tuple[str, ...], right: tuple[str, ...], rules: MatchRules
) -> tuple[NameRelation, int]:
    """How two names' word keys relate, and how many words the shorter side has.

    Words pair up when their keys are equal, when one is an abbreviation of at most four
    letters that starts the other ("ind" for "industria"), or when long words with the same
    first letter are within ``word_similarity`` (a typo). Unpaired words on both sides mean
    two different names ("Gonzalez" against "Gomez").
    """
    if "".join(left) == "".join(right):  # "metalmecanica" against "metal-mecánica"
        return NameRelation.SAME_WORDS, min(len(left), len(right))
    left_extra = [word for word in left if not any(_pairs(word, other, rules) for other in right)]
    right_extra = [word for word in right if not any(_pairs(word, other, rules) for other in left)]
    shorter = min(len(left), len(right))
    if left_extra and right_extra:
        return NameRelation.DIFFERENT, shorter
    if left_extra or right_extra:
        return NameRelation.CONTAINED, shorter
    return NameRelation.SAME_WORDS, shorter


def _pairs(word: str, other: str, rules: MatchRules) -> bool:
    if word == other:
        return True
    short, long = sorted((word, other), key=len)
    if 3 <= len(short) <= 4 and long.startswith(short):
        return True
    return (
        len(short) >= rules.fuzzy_min_length
        and word[0] == other[0]
        and fuzz.ratio(word, other) >= rules.word_similarity
    )


def decide(
    left: Sequence[tuple[str, ...]],
    right: tuple[str, ...],
    same_postal_code: bool,
    distance: float | None,
    rules: MatchRules,
) -> tuple[NameRelation, str] | None:
    """The match verdict for one establishment (its names' word keys) and one registered site."""
    if distance is not None and distance > rules.far_km:
        return None
    relations = [compare_words(words, right, rules) for words in left if words]
    if any(relation is NameRelation.SAME_WORDS for relation, _ in relations):
        where = (
            "same postal code"
            if same_postal_code
            else "location unknown"
            if distance is None
            else f"{distance:.1f} km apart"
        )
        return NameRelation.SAME_WORDS, f"same name words, {where}"
    same_site = distance is not None and distance <= rules.same_site_km
    for relation, shorter in relations:
        if (
            relation is NameRelation.CONTAINED
            and same_site
            and shorter >= rules.contained_min_words
        ):
            return relation, f"one name contains the other at the same site ({distance:.2f} km)"
    return None


@dataclass(frozen=True, slots=True)
class RegisteredIndex:
    """Registered sites with their word keys and coordinates worked out once, so that a
    search matching candidates chunk by chunk does not normalise the same names again."""

    sites: tuple[NamedSite, ...]
    words: tuple[tuple[str, ...], ...]
    joined: tuple[str, ...]
    lats: npt.NDArray[np.float64]
    lons: npt.NDArray[np.float64]

    @classmethod
    def of(cls, sites: Sequence[NamedSite]) -> RegisteredIndex:
        words = tuple(name_tokens(site.names[0]) for site in sites)
        return cls(
            tuple(sites),
            words,
            tuple(" ".join(keys) for keys in words),
            np.array([np.nan if s.lat is None else s.lat for s in sites], dtype=np.float64),
            np.array([np.nan if s.lon is None else s.lon for s in sites], dtype=np.float64),
        )


def match_registered(
    establishments: Sequence[NamedSite],
    registered: Sequence[NamedSite] | RegisteredIndex,
    rules: MatchRules | None = None,
) -> list[SupplierMatch | None]:
    """For each establishment, the registered site it is taken for, or None.

    For each establishment only the registered sites within ``far_km`` (or without a place)
    are screened by name (rapidfuzz token-set similarity on word keys); the few that pass
    are examined word by word.
    """
    rules = rules or MatchRules()
    index = (
        registered if isinstance(registered, RegisteredIndex) else RegisteredIndex.of(registered)
    )
    return [_best_match(site, index, rules) for site in establishments]


def _best_match(site: NamedSite, index: RegisteredIndex, rules: MatchRules) -> SupplierMatch | None:
    if not index.sites:
        return None
    if site.lat is None or site.lon is None:
        distance = np.full(len(index.sites), np.nan)
    else:
        distance = great_circle_km_array(site.lat, site.lon, index.lats, index.lons)
    nearby = np.flatnonzero(~(distance > rules.far_km))
    if not len(nearby):
        return None
    words = [name_tokens(name) for name in site.names if name.strip()]
    scores = process.cdist(
        [" ".join(keys) for keys in words],
        [index.joined[i] for i in nearby],
        scorer=fuzz.token_set_ratio,
        dtype=np.float64,
    )
    found: SupplierMatch | None = None
    for column in (int(nearby[i]) for i in np.flatnonzero(scores.max(axis=0) >= rules.prefilter)):
        other = index.sites[column]
        same_code = site.postal_code != "" and site.postal_code == other.postal_code
        km = None if np.isnan(distance[column]) else float(distance[column])
        verdict = decide(words, index.words[column], same_code, km, rules)
        if verdict is not None:
            found = SupplierMatch(column, verdict[0], same_code, km, verdict[1])
            if verdict[0] is NameRelation.SAME_WORDS:
                break
    return found
