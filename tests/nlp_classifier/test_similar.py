"""Duplicates and hot-spots: the same problem in the same place, not the same words."""

from __future__ import annotations

import pytest

from nlp_classifier.places import extract_places
from nlp_classifier.similar import PetitionRef, clusters, similar


def _ref(id_: str, text: str) -> PetitionRef:
    return PetitionRef(id_, text, extract_places(text))


NEW = _ref("new", "A3区金星小区门口的垃圾站臭气熏天，夏天蚊蝇很多，请尽快清理")
SAME = _ref("same", "金星小区垃圾站太臭了，蚊子苍蝇到处飞，希望环卫部门来清理一下")
ELSEWHERE = _ref("elsewhere", "A5区梅溪湖小区门口的垃圾站臭气熏天，夏天蚊蝇很多，请尽快清理")
OTHER_PROBLEM = _ref("other", "A3区金星小区业主反映孩子上学难，附近学校学位不足")


def test_the_same_problem_in_the_same_place_matches() -> None:
    matches = similar(NEW, [OTHER_PROBLEM, SAME, ELSEWHERE])
    assert [m.id for m in matches] == ["same"]
    assert matches[0].place_score == 1.0
    assert 0.0 < matches[0].score <= 1.0


def test_the_same_words_about_another_place_do_not_match() -> None:
    assert "elsewhere" not in {m.id for m in similar(NEW, [ELSEWHERE])}


def test_nothing_to_compare() -> None:
    assert similar(NEW, []) == []
    assert clusters([NEW]) == []


def test_clusters_group_hot_spots() -> None:
    third = _ref("third", "金星小区的垃圾站好几天没人清理，臭味很大")
    found = clusters([NEW, OTHER_PROBLEM, SAME, ELSEWHERE, third])
    assert found == [["new", "same", "third"]]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("德润园3栋门口垃圾堆积无人清理", "德馨园13栋门口垃圾堆积无人清理"),
        ("金地三千府小区5栋楼下夜间噪音扰民", "北京御园小区5栋楼下夜间噪音扰民"),
        ("桐梓坡西路与银盆南路交叉口路灯不亮", "劳动东路与香樟路交叉口路灯不亮"),
    ],
)
def test_the_same_complaint_at_another_building_or_crossing_is_no_duplicate(first: str, second: str) -> None:
    refs = [PetitionRef(str(i), text, extract_places(text)) for i, text in enumerate((first, second))]
    assert similar(refs[0], [refs[1]]) == []


def test_the_same_crossing_is_one_place() -> None:
    a = "桐梓坡西路与银盆南路交叉口路灯不亮"
    b = "银盆南路和桐梓坡西路交叉口的路灯坏了好几天"
    assert [
        m.id
        for m in similar(PetitionRef("a", a, extract_places(a)), [PetitionRef("b", b, extract_places(b))])
    ] == ["b"]
