"""Place extraction: district codes, named roads, estates, communities, streets and house numbers."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

from nlp_classifier.text import PROTECTED, Token, tag
from nlp_classifier.types import Place, PlaceKind

# Longest suffix first, so 街道 wins over 道 and 小区 over 区.
_SUFFIXES: tuple[tuple[str, PlaceKind], ...] = (
    ("街道", PlaceKind.STREET),
    ("社区", PlaceKind.COMMUNITY),
    ("小区", PlaceKind.ESTATE),
    ("花园", PlaceKind.ESTATE),
    ("家园", PlaceKind.ESTATE),
    ("公寓", PlaceKind.ESTATE),
    ("山庄", PlaceKind.ESTATE),
    ("新村", PlaceKind.ESTATE),
    ("大道", PlaceKind.ROAD),
    ("苑", PlaceKind.ESTATE),
    ("路", PlaceKind.ROAD),
    ("街", PlaceKind.ROAD),
    ("巷", PlaceKind.ROAD),
    ("镇", PlaceKind.STREET),
    ("乡", PlaceKind.STREET),
    ("村", PlaceKind.COMMUNITY),
)
_BARE = frozenset(suffix for suffix, _ in _SUFFIXES)
_BY_LAST_CHAR: dict[str, list[tuple[str, PlaceKind]]] = {}
for _suffix, _kind in _SUFFIXES:
    _BY_LAST_CHAR.setdefault(_suffix[-1], []).append((_suffix, _kind))
_NAME_TAGS = frozenset({"ns", "nr", "nz", "nt", "n", "eng", "j", "nrt", "nrfg", "s"})
_WORDS = tomllib.loads(resources.files(__package__).joinpath("place_words.toml").read_text(encoding="utf-8"))
_GENERIC = frozenset(_WORDS["generic"].split())
_NOT_NAME = frozenset(_WORDS["not_name"].split())
_NOT_OTHER = frozenset(_WORDS["not_place"].split())
_HOUSE_NUMBER = re.compile(r"\d+(?:号院|号楼(?![道梯上下顶])|号|栋|幢|单元)")
_MAX_NAME_TOKENS = 3
# A name walking back stops at these (a village may be part of an estate's name, a road is not).
_BOUNDARY_KINDS = frozenset({PlaceKind.ROAD, PlaceKind.STREET})


def extract_places(text: str, tokens: list[Token] | None = None) -> tuple[Place, ...]:
    """The places named in `text`, in order of appearance, each once; pass `tokens` if already tagged."""
    tokens = tag(text) if tokens is None else tokens
    found: list[Place] = []
    road_ends: dict[int, str] = {}
    end = 0
    for i, (word, pos_tag) in enumerate(tokens):
        end += len(word)
        kind = _suffix_kind(word) if word[-1] in _BY_LAST_CHAR else None
        if pos_tag == "ns" and PROTECTED.fullmatch(word):
            found.append(Place(word, PlaceKind.OTHER if word.endswith("市") else PlaceKind.DISTRICT))
        elif kind is not None and word not in _GENERIC:
            name = _name_before(tokens, i) + word
            if name not in _BARE:
                found.append(Place(name, kind))
                if kind is PlaceKind.ROAD:
                    road_ends[end] = name
        elif pos_tag == "ns" and len(word) > 1 and word not in _NOT_OTHER and not word.endswith("城市"):
            found.append(Place(word, PlaceKind.OTHER))
    for match in _HOUSE_NUMBER.finditer(text):
        found.append(Place(road_ends.get(match.start(), "") + match.group(), PlaceKind.ADDRESS))
    return _without_fragments(found)


def _suffix_kind(word: str) -> PlaceKind | None:
    for suffix, kind in _BY_LAST_CHAR.get(word[-1:], ()):
        if word.endswith(suffix):
            return kind
    return None


def _name_before(tokens: list[Token], i: int) -> str:
    """Up to three name-like tokens right before token `i`, stopping at a road or street."""
    parts: list[str] = []
    for word, pos_tag in reversed(tokens[max(0, i - _MAX_NAME_TOKENS) : i]):
        if (
            pos_tag not in _NAME_TAGS
            or word in _NOT_NAME
            or not word.isalnum()
            or PROTECTED.fullmatch(word)
            or _suffix_kind(word) in _BOUNDARY_KINDS
        ):
            break
        parts.append(word)
    return "".join(reversed(parts))


def _without_fragments(found: list[Place]) -> tuple[Place, ...]:
    """Each place once, dropping unsuffixed names that are part of a longer place."""
    unique = list(dict.fromkeys(found))
    names = [p.name for p in unique]
    return tuple(
        p
        for p in unique
        if p.kind is not PlaceKind.OTHER or not any(p.name in n and p.name != n for n in names)
    )
