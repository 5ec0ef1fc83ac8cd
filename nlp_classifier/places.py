"""Place extraction: district codes, named roads, estates, communities, streets and house numbers.

A place word ends in a suffix (路, 小区, 街道 …). Its name is rebuilt on the raw characters, walking
left from the suffix over the tagged words until punctuation, a verb or function word, or the end of
a previous place. The tagger often cuts a name into pieces that are not tagged as names (劳动|东路,
万家|丽|中路, 金|地|·|三千|府|小区), so the walk stops only at words that end a name.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from bisect import bisect_left
from contextlib import suppress
from enum import Enum
from importlib import resources
from itertools import accumulate
from operator import itemgetter

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
_BY_LAST_CHAR: dict[str, list[tuple[str, PlaceKind]]] = {}
for _suffix, _kind in _SUFFIXES:
    _BY_LAST_CHAR.setdefault(_suffix[-1], []).append((_suffix, _kind))
_SUFFIX_END = re.compile(f"[{''.join(_BY_LAST_CHAR)}]")
# A place with nothing but a direction before its suffix (中路, 东街) takes one more word: 劳动东路.
_DIRECTIONS = frozenset("东西南北中")
# A bare suffix right after a place takes it into its name when the two make one name: 泰华一村 +
# 小区, 家馨花园 + 小区, 盛世路 + 社区, 饶村 + 乡; after an anonymised district code, a road or an
# estate (A3区大道, A1区苑).
_JOINS_AFTER: dict[PlaceKind, frozenset[str]] = {
    PlaceKind.ESTATE: frozenset({"小区", "社区", "路", "大道", "街", "巷"}),
    PlaceKind.COMMUNITY: frozenset({"小区", "社区", "路", "新村", "乡", "镇"}),
    PlaceKind.ROAD: frozenset({"小区", "社区", "街道", "乡", "镇"}),
}
_JOINS_AFTER_CODE = frozenset({"路", "大道", "苑"})
# A street's or community's suffix inside a word ends the name there (冷水|镇寨|村 is 寨村).
_INNER_BOUNDARY = re.compile(r"街道|社区|[镇乡]")
_HOUSE_NUMBER = re.compile(r"\d+(?:号院|号楼(?![道梯上下顶])|号|栋|幢|单元)")
_HOUSE_MARK = re.compile(r"[号栋幢单]")  # found first: scanning for the digits is slow
_VILLAGE_GROUP = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})组")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z·・]+")  # no digits: 3路车, C30标号路
_NOUN_TAGS = frozenset({"n", "ns", "nr", "nz", "nt", "nrt", "nrfg"})
_PROPER_TAGS = _NOUN_TAGS - {"n", "nt"}  # names of people and places, not of organisations
_MAX_NAME_CHARS = 6  # before the suffix
_FALLBACK_NAME_CHARS = 4  # when no boundary is found within _MAX_NAME_CHARS
_MAX_DISTRICT_CHARS = 3  # before 区 or 县

_WORDS = tomllib.loads(resources.files(__package__).joinpath("place_words.toml").read_text(encoding="utf-8"))
_GENERIC = frozenset(_WORDS["generic"].split())
_GENERIC_ENDINGS = frozenset(_WORDS["generic_endings"].split())
_NEEDS_NAME = frozenset(_WORDS["needs_name"].split())
_NOT_NAME = frozenset(_WORDS["not_name"].split())
_NOT_OTHER = frozenset(_WORDS["not_place"].split())
_NOT_DISTRICT = frozenset(_WORDS["not_district_endings"].split())
_STOP_WORDS = frozenset(_WORDS["stop_words"].split())
_STOP_ENDINGS = frozenset(_WORDS["stop_endings"].split())
_COMMON_ENDINGS = frozenset(_WORDS["common_endings"].split())
_LEADING_STOPS = frozenset(_WORDS["leading_stops"].split())
_NAME_WORDS = frozenset(_WORDS["name_words"].split())
_STOP_TAGS = frozenset(_WORDS["stop_tags"].split())
_WEAK_TAGS = frozenset(_WORDS["weak_tags"].split())
_QUANTITY = frozenset(_WORDS["quantity_chars"].split())


class _Link(Enum):
    """Whether a word may be part of the place name that follows it."""

    JOIN = 1
    WEAK = 2  # only before a bare direction: 劳动 + 东路
    STOP = 3


def extract_places(text: str, tokens: list[Token] | None = None) -> tuple[Place, ...]:
    """The places named in `text`, in order of appearance, each once; pass `tokens` if already tagged."""
    return _Extraction(text, tag(text) if tokens is None else tokens).run()


class _Extraction:
    """One text's places, found left to right; each place's end bounds the names after it."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.starts = list(accumulate(map(len, map(itemgetter(0), tokens)), initial=0))
        self.text = text if self.starts[-1] == len(text) else "".join(map(itemgetter(0), tokens))
        self.tokens = tokens
        self.found: list[tuple[int, Place]] = []
        self.ends: dict[int, tuple[int, Place]] = {}  # the place ending at an offset, with its start
        self.numbers = _house_numbers(self.text)
        for start, number in self.numbers:
            self.ends[start + len(number)] = (start, Place(number, PlaceKind.ADDRESS))

    def run(self) -> tuple[Place, ...]:
        tokens = self.tokens
        for i in self._candidates():
            word, pos_tag = tokens[i]
            if pos_tag == "ns" and PROTECTED.fullmatch(word):
                kind = PlaceKind.CITY if word.endswith("市") else PlaceKind.DISTRICT
                self._add(self.starts[i], Place(word, kind), bound=True)
            elif word[-1] in _BY_LAST_CHAR and (suffix := _suffix_of(word)):
                if not _generic(word):
                    self._suffixed(i, suffix[0], suffix[1])
            elif pos_tag == "ns" and len(word) > 1 and _other_place(word) and not _inner_boundary(word):
                self._add(self.starts[i], Place(word, _area_kind(word)), bound=False)
        for start, number in self.numbers:
            before = self.ends.get(start)
            road = before[1].name if before and before[1].kind is PlaceKind.ROAD else ""
            self.found.append((start - len(road), Place(road + number, PlaceKind.ADDRESS)))
        self.found.sort(key=itemgetter(0))
        return _without_fragments([place for _, place in self.found])

    def _candidates(self) -> list[int]:
        """The indices of the words that may be places: tagged ns, or ending like a suffix.

        Found with C-level searches rather than a Python loop over every word (this runs per petition).
        """
        tags = list(map(itemgetter(1), self.tokens))
        found: set[int] = set()
        i = -1
        with suppress(ValueError):
            while True:
                i = tags.index("ns", i + 1)
                found.add(i)
        starts = self.starts
        for match in _SUFFIX_END.finditer(self.text):
            i = bisect_left(starts, match.end()) - 1
            if starts[i + 1] == match.end():
                found.add(i)
        return sorted(found)

    def _add(self, start: int, place: Place, bound: bool) -> None:
        """Record a place; a bounding one ends the names of places after it."""
        self.found.append((start, place))
        end = start + len(place.name)
        if bound:
            self.ends[end] = (start, place)
        if place.kind is PlaceKind.COMMUNITY and place.name.endswith("村"):
            group = _VILLAGE_GROUP.match(self.text, end)  # 张家村3组
            if group:
                self._add(start, Place(place.name + group.group(), PlaceKind.ADDRESS), bound=True)

    def _suffixed(self, i: int, suffix: str, kind: PlaceKind) -> None:
        """The place whose suffix ends token `i`, if it has a name."""
        word = self.tokens[i][0]
        end = self.starts[i] + len(word)
        start, first_tag = self._name_start(i, end - len(suffix))
        while start < end - len(suffix) and self.text[start] in "·・":
            start += 1  # a name does not begin with the dot that joins two of its parts (金地·三千府)
        if word in _NEEDS_NAME and start == self.starts[i]:
            return  # 住宅小区, 水泥路: a kind of place, named only by the words before it
        stem = self.text[start : end - len(suffix)]
        if not stem or set(stem) <= _DIRECTIONS:
            self._joined(start, end, suffix, kind)
        elif len(stem) >= len(suffix) or first_tag in _NOUN_TAGS:  # not a lone verb: 镇长|兴|小区
            self._add(start, Place(self.text[start:end], kind), bound=True)

    def _joined(self, start: int, end: int, suffix: str, kind: PlaceKind) -> None:
        """A suffix with no name of its own, joined to the place right before it (泰华一村 + 小区)."""
        if start not in self.ends:
            return
        before_start, before = self.ends[start]
        joins = _JOINS_AFTER_CODE if PROTECTED.fullmatch(before.name) else _JOINS_AFTER.get(before.kind, ())
        if suffix not in joins:
            return
        if kind is PlaceKind.STREET and (before_start, before) in self.found:
            self.found.remove((before_start, before))  # 走马街镇 names a town, not a road as well
        self._add(before_start, Place(before.name + self.text[start:end], kind), bound=True)

    def _name_start(self, i: int, suffix_start: int) -> tuple[int, str]:
        """Where the name before the suffix at `suffix_start` (in token `i`) begins, and its first tag.

        The tag is "" when the name begins inside a word.
        """
        tokens, starts = self.tokens, self.starts
        start, first_tag = starts[i], tokens[i][1]
        inner = _inner_boundary(tokens[i][0][: suffix_start - start], at_end=True)
        if inner:
            self._inner_place(i, inner)  # 辰阳|街道社区 has 辰阳街道
            return start + inner, ""
        walked = [(start, first_tag)]
        j = i - 1
        while j >= 0 and start not in self.ends:
            word, pos_tag = tokens[j]
            link = _link(word, pos_tag)
            cut = self._cut(j, link)
            if cut is not None:
                return (starts[j] + cut, "") if cut else (start, first_tag)
            if link is _Link.JOIN and suffix_start - starts[j] > _MAX_NAME_CHARS:
                # No boundary in reach: the name is most likely its last few characters.
                return [w for w in walked if suffix_start - w[0] <= _FALLBACK_NAME_CHARS][-1]
            if link is not _Link.JOIN:
                if start == suffix_start and _bare_district(word):
                    start, first_tag = starts[j], pos_tag  # a bare suffix after such a name: 西区路, 桥市乡
                    j -= 1
                    continue
                break
            start, first_tag = starts[j], pos_tag
            walked.append((start, first_tag))
            j -= 1
        if j >= 0 and start not in self.ends:
            word, pos_tag = tokens[j]
            name = self.text[start:suffix_start].lstrip("·・")
            if name and set(name) <= _DIRECTIONS and _link(word, pos_tag) is _Link.WEAK:
                return starts[j], pos_tag
            if start < suffix_start and word[-1] in "区县" and _suffix_of(word) is None:
                self._district(j)
        return start, first_tag

    def _cut(self, j: int, link: _Link) -> int | None:
        """Where in word `j` a name must begin (0: after it), or None to judge the word as a whole."""
        word = self.tokens[j][0]
        if link is _Link.STOP:
            return None
        inner = _inner_boundary(word)
        if inner:
            self._inner_place(j, inner)
            return inner  # 镇长|兴|小区 is 长兴小区, after 明山头镇
        inner = self._end_inside(self.starts[j], len(word))
        if inner:
            return inner  # 22号 inside 22|号兴|东村 leaves 兴东村
        if j > 0 and self.tokens[j - 1][0].isdigit():
            # A measure word after a number ends the name (1楼, 28|日到), or leaves the rest (22|号兴).
            rest = word[1:]
            return 1 if rest and _link(rest, "") is _Link.JOIN and rest[0] not in _LEADING_STOPS else 0
        if link is _Link.JOIN and len(word) > 1 and word[0] in _LEADING_STOPS:
            return 1  # a preposition glued to the name: 至慧|开镇 for 至|慧开镇
        return None

    def _inner_place(self, j: int, inner: int) -> None:
        """The town or street whose suffix the tagger glued to the next name: 长坪|乡鲁|塘村 has 长坪乡."""
        end = self.starts[j] + inner
        if end in self.ends:
            return
        suffix, kind = _suffix_of(self.tokens[j][0][:inner]) or ("", PlaceKind.OTHER)
        start = self._name_start(j, end - len(suffix))[0]
        stem = self.text[start : end - len(suffix)]
        if suffix and len(stem) >= len(suffix) and not set(stem) <= _DIRECTIONS:
            self._add(start, Place(self.text[start:end], kind), bound=True)

    def _end_inside(self, start: int, length: int) -> int:
        """Where a place found before ends inside the word at `start` (0: none)."""
        for offset in range(length - 1, 0, -1):
            if start + offset in self.ends:
                return offset
        return 0

    def _district(self, j: int) -> None:
        """A district or county named right before a place: 望城区 before 白沙洲街道."""
        end = self.starts[j] + len(self.tokens[j][0])
        start, k = self.starts[j], j - 1
        while k >= 0 and start not in self.ends and end - 1 - self.starts[k] <= _MAX_DISTRICT_CHARS:
            if _link(*self.tokens[k]) is not _Link.JOIN:
                break
            start, k = self.starts[k], k - 1
        name = self.text[start:end]
        if len(name) < 3 or name[-2:] in _NOT_DISTRICT or name in _NOT_OTHER or end in self.ends:
            return
        self._add(start, Place(name, PlaceKind.DISTRICT), bound=True)


def _house_numbers(text: str) -> list[tuple[int, str]]:
    """House, building and unit numbers (88号, 3栋, 2单元) with their offsets; not dates (3月8号)."""
    numbers = []
    last = 0
    for mark in _HOUSE_MARK.finditer(text):
        start = mark.start()
        while start > last and text[start - 1].isdecimal():
            start -= 1
        if start < mark.start() and (start == 0 or text[start - 1] != "月"):
            match = _HOUSE_NUMBER.match(text, start)
            if match:
                numbers.append((start, unicodedata.normalize("NFKC", match.group())))  # １２号 is 12号
                last = match.end()
    return numbers


def _suffix_of(word: str) -> tuple[str, PlaceKind] | None:
    for suffix, kind in _BY_LAST_CHAR.get(word[-1:], ()):
        if word.endswith(suffix):
            return suffix, kind
    return None


def _generic(word: str) -> bool:
    """A word that ends like a place but names none: 道路, 乡镇, 新型农村, 卷款跑路."""
    return word in _GENERIC or word[-2:] in _GENERIC_ENDINGS or word[-3:] in _GENERIC_ENDINGS


def _area_kind(word: str) -> PlaceKind:
    """The kind of a place-tagged word without a place suffix: 长沙市, 湖南省, 开福区, 宁乡县, or other."""
    if word[-1] in "省市":
        return PlaceKind.CITY
    if word[-1] in "区县" and len(word) >= 3 and word[-2:] not in _NOT_DISTRICT:
        return PlaceKind.DISTRICT
    return PlaceKind.OTHER


def _other_place(word: str) -> bool:
    """A place-tagged word without a suffix that names a place (not 城市, 南北, 新建 …)."""
    return word not in _NOT_OTHER and word not in _GENERIC and not word.endswith("城市")


def _link(word: str, pos_tag: str) -> _Link:
    """How a word before a place's suffix relates to the name: part of it, maybe, or a boundary."""
    if word in _NAME_WORDS:
        return _Link.JOIN
    if (
        word in _STOP_WORDS
        or word in _NOT_NAME
        or pos_tag in _STOP_TAGS
        or word[-1] in _STOP_ENDINGS
        or (word[-1] in _COMMON_ENDINGS and pos_tag not in _PROPER_TAGS)  # 端的, 办事处; not 美的, 朱厅
        or (word[-1] in _BY_LAST_CHAR and _suffix_of(word) is not None)
        or not _NAME_CHARS.fullmatch(word)
        or PROTECTED.fullmatch(word)
    ):
        return _Link.STOP
    if len(word) > 1 and pos_tag in _WEAK_TAGS:
        return _Link.WEAK
    if pos_tag == "m" and any(c in _QUANTITY or c.isascii() for c in word):
        return _Link.STOP  # counts things: 一个小区, 几条路, 3路车
    return _Link.JOIN


def _inner_boundary(word: str, at_end: bool = False) -> int:
    """Where a name may begin after a street's or community's suffix inside `word` (0: none)."""
    if "镇" not in word and "乡" not in word and "街道" not in word and "社区" not in word:
        return 0
    last = 0
    for match in _INNER_BOUNDARY.finditer(word):
        last = match.end()
    return last if last < len(word) or at_end else 0


def _bare_district(word: str) -> bool:
    """A district- or city-like word a bare suffix may take as its name: 西区 + 路, 桥市 + 乡."""
    return (
        len(word) > 1
        and word[-1] in "区市"
        and word[0] not in _STOP_WORDS
        and word not in _NOT_OTHER
        and word not in _NOT_NAME
        and _suffix_of(word) is None
        and not PROTECTED.fullmatch(word)
        and _NAME_CHARS.fullmatch(word) is not None
    )


def _without_fragments(found: list[Place]) -> tuple[Place, ...]:
    """Each place once, dropping unsuffixed names that are part of another place (or are one)."""
    seen: set[str] = set()
    unique = []
    for place in found:
        key = place.name + place.kind  # cheaper to hash than the Place
        if key not in seen:
            seen.add(key)
            unique.append(place)
    return tuple(
        p
        for p in unique
        if p.kind is not PlaceKind.OTHER or not any(p.name in q.name and q is not p for q in unique)
    )
