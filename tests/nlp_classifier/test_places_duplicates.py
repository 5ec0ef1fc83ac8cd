"""Whole place names keep duplicate detection from matching different roads and estates."""

from __future__ import annotations

import pytest

from nlp_classifier.places import extract_places
from nlp_classifier.similar import PetitionRef, similar


def _ref(id_: str, text: str) -> PetitionRef:
    return PetitionRef(id_, text, extract_places(text))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("劳动东路路灯坏了好几天，晚上一片漆黑", "解放东路路灯坏了好几天，晚上一片漆黑"),
        ("建设中路夜间施工噪音扰民", "劳动中路夜间施工噪音扰民"),
        ("金地·三千府小区电梯经常困人", "保利·三千府小区电梯经常困人"),
    ],
)
def test_roads_sharing_a_tail_are_different_places(first: str, second: str) -> None:
    assert similar(_ref("a", first), [_ref("b", second)]) == []


def test_the_same_road_is_one_place() -> None:
    a = _ref("a", "劳动东路路灯坏了好几天，晚上一片漆黑")
    b = _ref("b", "反映劳动东路的路灯不亮，晚上走路很危险")
    assert [m.id for m in similar(a, [b])] == ["b"]
