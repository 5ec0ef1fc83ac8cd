"""Place extraction into structured locations the router can match."""

from __future__ import annotations

import pytest

from nlp_classifier.places import extract_places
from nlp_classifier.types import PlaceKind


def _places(text: str) -> set[tuple[str, PlaceKind]]:
    return {(p.name, p.kind) for p in extract_places(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A1区蔡锷南路的华庭小区楼顶水箱长年不洗",
            {("A1区", PlaceKind.DISTRICT), ("蔡锷南路", PlaceKind.ROAD)},
        ),
        (
            "西湖街道金星社区中央公园小区3栋2单元",
            {("西湖街道", PlaceKind.STREET), ("金星社区", PlaceKind.COMMUNITY)},
        ),
        ("投诉A市盛世耀凯小区物业无故停水", {("盛世耀凯小区", PlaceKind.ESTATE)}),
        ("K6县捞刀河镇彭家巷社区", {("K6县", PlaceKind.DISTRICT), ("捞刀河镇", PlaceKind.STREET)}),
        ("A1区火炬路88号门前", {("火炬路88号", PlaceKind.ADDRESS), ("火炬路", PlaceKind.ROAD)}),
        ("中央公园小区3栋2单元漏水", {("3栋", PlaceKind.ADDRESS), ("2单元", PlaceKind.ADDRESS)}),
    ],
)
def test_places_are_found(text: str, expected: set[tuple[str, PlaceKind]]) -> None:
    assert expected <= _places(text)


@pytest.mark.parametrize("text", ["我们小区门口的道路坏了", "该村村民反映马路太窄", "希望城市更美好"])
def test_generic_words_are_not_places(text: str) -> None:
    assert _places(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "金地·三千府小区5栋漏水",
            {("金地·三千府小区", PlaceKind.ESTATE), ("5栋", PlaceKind.ADDRESS)},
        ),
        (
            "劳动东路与香樟路交叉口路灯不亮",
            {("劳动东路", PlaceKind.ROAD), ("香樟路", PlaceKind.ROAD)},
        ),
        ("万家丽中路夜间施工噪音扰民", {("万家丽中路", PlaceKind.ROAD)}),
        (
            "望城区白沙洲街道",
            {("望城区", PlaceKind.DISTRICT), ("白沙洲街道", PlaceKind.STREET)},
        ),
        (
            "五一大道389号",
            {("五一大道", PlaceKind.ROAD), ("五一大道389号", PlaceKind.ADDRESS)},
        ),
        (
            "某某村3组",
            {("某某村", PlaceKind.COMMUNITY), ("某某村3组", PlaceKind.ADDRESS)},
        ),
    ],
)
def test_names_are_whole_though_the_tagger_cuts_them(text: str, expected: set[tuple[str, PlaceKind]]) -> None:
    assert _places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我家住在金星小区，楼下烧烤店噪音大", {("金星小区", PlaceKind.ESTATE)}),
        ("反映书院路路灯不亮", {("书院路", PlaceKind.ROAD)}),
        ("位于书院路主干道的在水一方大厦", {("书院路", PlaceKind.ROAD)}),
        ("从A3区大道西行便道被围挡", {("A3区", PlaceKind.DISTRICT), ("A3区大道", PlaceKind.ROAD)}),
        ("严重影响小区居民休息", set()),
        ("从一个高档住宅小区变成了垃圾场", set()),
        ("学院整体搬迁至慧开镇", {("慧开镇", PlaceKind.STREET)}),
        ("3月13号下午又停水了", set()),
    ],
)
def test_verbs_and_function_words_are_no_part_of_a_name(
    text: str, expected: set[tuple[str, PlaceKind]]
) -> None:
    assert _places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A1区苑小区位于A1区火炬路", {"A1区", "A1区苑", "A1区苑小区", "火炬路"}),
        ("A2区A1区南路1101号", {"A2区", "A1区", "A1区南路", "A1区南路1101号"}),
        ("盛世路社区门口", {"盛世路", "盛世路社区"}),
        ("M2县走马街镇计生工作", {"M2县", "走马街镇"}),
        ("K8县冷水镇寨村有违规养猪场", {"K8县", "冷水镇", "寨村"}),
        ("明山头镇长兴小区廉租住房", {"明山头镇", "长兴小区"}),
        ("D11市长坪乡鲁塘村卫生室", {"D11市", "长坪乡", "鲁塘村"}),
        ("你们好J3县桥市乡友好村村民", {"J3县", "桥市乡", "友好村"}),
        ("团结村七组的村民", {"团结村", "团结村七组"}),
    ],
)
def test_places_next_to_each_other(text: str, expected: set[str]) -> None:
    assert {p.name for p in extract_places(text)} == expected


def test_places_are_listed_once_in_order() -> None:
    names = [p.name for p in extract_places("A2区泰华一村小区停电，泰华一村小区的业主很着急")]
    assert names == list(dict.fromkeys(names))
    assert names[0] == "A2区"
    assert "泰华一村小区" in names


def test_full_width_house_numbers_read_as_ascii() -> None:
    assert ("劳动东路１２３号", PlaceKind.ADDRESS) not in {
        (p.name, p.kind) for p in extract_places("劳动东路１２３号")
    }
    assert ("劳动东路123号", PlaceKind.ADDRESS) in {
        (p.name, p.kind) for p in extract_places("劳动东路１２３号")
    }


def test_named_districts_and_counties_are_districts() -> None:
    found = {(p.name, p.kind) for p in extract_places("湖南省长沙市开福区的路灯坏了")}
    assert {("湖南省", PlaceKind.CITY), ("长沙市", PlaceKind.CITY), ("开福区", PlaceKind.DISTRICT)} <= found
