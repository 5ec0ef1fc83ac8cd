"""Duplicate and hot-spot detection: the same problem (similar text) in the same place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from nlp_classifier.text import content_words, tag
from nlp_classifier.types import Place, PlaceKind

# Places precise enough to say two petitions are about the same spot, and numbers that tell spots apart.
_PRECISE = frozenset({PlaceKind.COMMUNITY, PlaceKind.ESTATE, PlaceKind.ROAD})
_NUMBERED = frozenset({PlaceKind.ADDRESS})
# Areas, finest first: the finest one both petitions name decides whether their areas agree. Cities
# never do: the service covers one city, and a county-level city or province is another name for it.
_AREAS = (PlaceKind.STREET, PlaceKind.DISTRICT)
TEXT_WEIGHT = 0.6
PLACE_WEIGHT = 0.4
MIN_TEXT_SCORE = 0.25
"""However well the places agree, two petitions this unlike in wording are about different problems."""
DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class PetitionRef:
    """What duplicate detection needs to know about a petition or an open ticket."""

    id: str
    text: str
    places: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """A likely duplicate: `score` combines the text and place similarities (0 to 1)."""

    id: str
    score: float
    text_score: float
    place_score: float


def place_score(a: tuple[Place, ...], b: tuple[Place, ...]) -> float:
    """1 when both name the same place, 0 when they name different ones, else how much is known.

    Precise places (community, estate, road) must be equal, not merely overlap: 东路 is not 劳动东路.
    Building and house numbers (5栋, 128号) only tell places apart: the same estate with different
    buildings differs, and a shared "5栋" of unnamed estates proves nothing. Then the finest area both
    name (street, else district): different ones differ, a shared one gives 0.75, as does a shared
    landmark; else 0.5 (unknown).
    """
    numbers_a, numbers_b = _names(a, _NUMBERED), _names(b, _NUMBERED)
    if numbers_a and numbers_b and not numbers_a & numbers_b:
        return 0.0
    precise_a, precise_b = _names(a, _PRECISE), _names(b, _PRECISE)
    if precise_a and precise_b:
        return 1.0 if precise_a & precise_b else 0.0
    for kind in _AREAS:
        areas_a, areas_b = _names(a, {kind}), _names(b, {kind})
        if areas_a and areas_b:
            return 0.75 if areas_a & areas_b else 0.0
    landmarks = _names(a, {PlaceKind.OTHER}) & _names(b, {PlaceKind.OTHER})
    return 0.75 if landmarks else 0.5


def _names(places: tuple[Place, ...], kinds: frozenset[PlaceKind] | set[PlaceKind]) -> set[str]:
    return {place.name for place in places if place.kind in kinds}


def _problem(ref: PetitionRef) -> str:
    """The text without its place names, stop words and punctuation: what the petition is about."""
    text = ref.text
    for place in sorted(ref.places, key=lambda p: -len(p.name)):
        text = text.replace(place.name, " ")
    return "".join(content_words(tag(text)))


def _text_scores(queries: Sequence[PetitionRef], refs: Sequence[PetitionRef]) -> NDArray[np.float64]:
    """Cosine similarity of character 1-2 gram vectors of the problems (pure: fitted on these texts)."""
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), use_idf=False, sublinear_tf=True)
    vectors = vectorizer.fit_transform([_problem(r) for r in [*queries, *refs]])
    return np.asarray(cosine_similarity(vectors[: len(queries)], vectors[len(queries) :]), dtype=np.float64)


def _score(text: float, places: float) -> float:
    """Text and place similarity combined; contradicting places or unlike wording rule a duplicate out."""
    return TEXT_WEIGHT * text + PLACE_WEIGHT * places if places > 0.0 and text >= MIN_TEXT_SCORE else 0.0


def similar(
    petition: PetitionRef, recent: Sequence[PetitionRef], threshold: float = DEFAULT_THRESHOLD
) -> list[Match]:
    """The `recent` petitions about the same problem in the same place, best first."""
    if not recent:
        return []
    matches = []
    for ref, text_score in zip(recent, _text_scores([petition], recent)[0], strict=True):
        places = place_score(petition.places, ref.places)
        score = _score(float(text_score), places)
        if score >= threshold:
            matches.append(Match(ref.id, round(score, 4), round(float(text_score), 4), places))
    return sorted(matches, key=lambda m: (-m.score, m.id))


def clusters(refs: Sequence[PetitionRef], threshold: float = DEFAULT_THRESHOLD) -> list[list[str]]:
    """Hot-spots: groups of two or more petitions linked by similarity, largest first."""
    if len(refs) < 2:
        return []
    text = _text_scores(refs, refs)
    combined = np.array(
        [
            [_score(text[i, j], place_score(a.places, b.places)) for j, b in enumerate(refs)]
            for i, a in enumerate(refs)
        ]
    )
    parent = list(range(len(refs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(*np.nonzero(np.triu(combined >= threshold, k=1)), strict=True):
        parent[root(int(i))] = root(int(j))
    groups: dict[int, list[str]] = {}
    for i, ref in enumerate(refs):
        groups.setdefault(root(i), []).append(ref.id)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))
