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


def test_places_are_listed_once_in_order() -> None:
    names = [p.name for p in extract_places("A2区泰华一村小区停电，泰华一村小区的业主很着急")]
    assert names == list(dict.fromkeys(names))
    assert names[0] == "A2区"
    assert "泰华一村小区" in names
