"""Urgency and risk rules: emergencies are flagged, 维稳 risks tagged, the rules file is data."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_classifier.rules import load_rules
from nlp_classifier.types import Urgency


@pytest.mark.parametrize(
    "text",
    [
        "我家楼道里燃气泄漏，味道很重",
        "闻到很浓的煤气味，怀疑有人家里漏气",
        "对面楼着火了，浓烟很大",
        "有人站在天台上要跳楼",
        "电梯困人，一位老人被困在电梯里一个小时",
        "工地塌方，有工人被埋",
    ],
)
def test_emergencies_are_flagged(text: str) -> None:
    assert load_rules().assess(text).urgency is Urgency.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "昨晚楼下的声音很大，但没有着火，只是有人放鞭炮",
        "楼道堆满杂物，存在火灾隐患，请物业清理",
        "建议小区定期开展消防宣传，防止火灾发生",
        "经检查未发现燃气泄漏，但管道老化严重",
        "学校组织地震和火灾演练时噪音太大",
    ],
)
def test_negated_or_hypothetical_events_are_not_emergencies(text: str) -> None:
    assert load_rules().assess(text).urgency is not Urgency.EMERGENCY


def test_an_event_that_happened_counts_even_beside_a_negated_one() -> None:
    result = load_rules().assess("小区3栋着火了，目前没有人员伤亡")
    assert result.urgency is Urgency.EMERGENCY
    assert "火灾" in result.reasons and "人身伤亡" not in result.reasons


def test_outages_are_urgent_and_ordinary_complaints_normal() -> None:
    rules = load_rules()
    assert rules.assess("我们小区停水三天了，一直没人管").urgency is Urgency.URGENT
    assert rules.assess("建议在公园里多安装几张长椅").urgency is Urgency.NORMAL


def test_risk_words_are_tagged_for_the_stability_watch() -> None:
    result = load_rules().assess("老板拖欠三十多名农民工工资半年，大家准备集体上访，去市政府门口拉横幅")
    assert {"欠薪", "群体性", "信访"} <= set(result.risk_tags)
    assert load_rules().assess("路灯坏了").risk_tags == ()


def test_rules_load_from_another_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        """
[urgency]
urgent = 1.0
emergency = 3.0
[[urgency.rules]]
name = "井盖"
pattern = "井盖(丢失|缺失)"
weight = 3.0
[risk]
threshold = 1.0
[[risk.rules]]
tag = "测试"
pattern = "井盖"
weight = 1.0
""",
        encoding="utf-8",
    )
    result = load_rules(path).assess("路口井盖丢失")
    assert result.urgency is Urgency.EMERGENCY
    assert result.risk_tags == ("测试",)
    assert result.reasons == ("井盖",)
