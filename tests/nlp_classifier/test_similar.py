"""Duplicates and hot-spots: the same problem in the same place, not the same words."""

from __future__ import annotations

import pytest

from nlp_classifier.places import extract_places
from nlp_classifier.similar import PetitionRef, clusters, similar
from nlp_classifier.types import PlaceKind


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


def test_cities_are_areas_not_places_of_a_problem() -> None:
    assert ("A市", PlaceKind.CITY) in {(p.name, p.kind) for p in extract_places("A市A3区书院路路灯不亮")}


def test_sharing_a_city_does_not_make_unrelated_petitions_duplicates() -> None:
    noise = _ref("noise", "A市某工地晚上施工噪音很大，影响居民休息，希望有关部门管一管")
    wages = _ref("wages", "A市某公司拖欠员工工资三个月，希望有关部门帮忙讨薪")
    assert similar(noise, [wages]) == []


def test_the_same_complaint_in_different_districts_is_not_a_duplicate() -> None:
    here = _ref("here", "A3区有工地晚上施工噪音很大，影响居民休息")
    there = _ref("there", "A5区有工地晚上施工噪音很大，影响居民休息")
    assert similar(here, [there]) == []


def test_a_shared_district_and_the_same_problem_match() -> None:
    here = _ref("here", "A3区有工地晚上施工噪音很大，影响居民休息")
    again = _ref("again", "A3区工地夜间施工，噪音太大，居民无法休息")
    [match] = similar(here, [again])
    assert (match.id, match.place_score) == ("again", 0.75)


def test_another_name_of_the_city_does_not_rule_a_duplicate_out() -> None:
    province = _ref("province", "湖南省岳麓区麓谷街道停水三天了")
    city = _ref("city", "长沙市岳麓区麓谷街道停水三天了")
    county_city = _ref("county", "浏阳市大瑶镇停电两天了")
    assert [m.id for m in similar(province, [city])] == ["city"]
    assert [m.id for m in similar(_ref("a", "A市大瑶镇停电两天了"), [county_city])] == ["county"]
