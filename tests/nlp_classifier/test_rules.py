"""Urgency and risk rules: emergencies are flagged, 维稳 risks tagged, the rules file is data."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest

from nlp_classifier.rules import Rules, load_rules
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


CONTEXT_RULES = """
[negation]
before = ["没有"]
after = ["隐患"]

[[context]]
name = "hypothetical"
effect = "drop"
before = ["万一"]
after = ["怎么办"]

[[context]]
name = "past"
effect = "drop"
overridable = true
before = ["去年"]

[[context]]
name = "habitual"
effect = "demote"
overridable = true
before = ["经常"]

[[context]]
name = "again"
effect = "fresh"
clause = true
before = ["又"]

[[context]]
name = "present"
effect = "present"
clause = true
before = ["现在"]

[urgency]
urgent = 2.0
emergency = 5.0
emergency_needs_event = true

[[urgency.rules]]
name = "火灾"
pattern = "着火"
weight = 5.0
event = true
demoted = 2.0

[[urgency.rules]]
name = "停电"
pattern = "停电"
weight = 2.0

[[urgency.rules]]
name = "紧急"
pattern = "紧急"
weight = 3.0

[risk]
threshold = 1.0
"""


@pytest.fixture
def context_rules(tmp_path: Path) -> Rules:
    path = tmp_path / "rules.toml"
    path.write_text(CONTEXT_RULES, encoding="utf-8")
    return load_rules(path)


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("楼下着火了", Urgency.EMERGENCY),
        ("楼下没有着火", Urgency.NORMAL),  # negated
        ("楼下有火灾隐患，着火隐患大", Urgency.NORMAL),
        ("万一着火了怎么办", Urgency.NORMAL),  # hypothetical
        ("楼道堆满杂物，着火了怎么办", Urgency.NORMAL),  # hypothetical, told after the event
        ("去年楼下着火了", Urgency.NORMAL),  # past
        ("去年装修的房子，现在着火了", Urgency.EMERGENCY),  # the present cue wins over the past one
        ("万一着火后果严重，现在三楼着火了", Urgency.EMERGENCY),  # a cue in another clause loses too
        ("楼道经常着火", Urgency.URGENT),  # recurring: demoted
        ("去年着火了。那次着火烧了三户", Urgency.NORMAL),  # an uncued mention takes the letter's time
        ("去年着火了。今天又着火了", Urgency.EMERGENCY),  # unless it is a new occurrence
        ("去年着过一次，今天又着火了", Urgency.EMERGENCY),  # which beats a cue in another clause
        ("去年又着火了", Urgency.NORMAL),  # but not one in its own clause
        ("停电了，紧急", Urgency.URGENT),  # hazards add up to urgent at most
    ],
)
def test_events_are_read_in_context(context_rules: Rules, text: str, urgency: Urgency) -> None:
    assert context_rules.assess(text).urgency is urgency


def test_without_the_event_gate_weights_simply_add_up(context_rules: Rules) -> None:
    rules = dataclasses.replace(context_rules, emergency_needs_event=False)
    assert rules.assess("停电了，紧急").urgency is Urgency.EMERGENCY


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        ("(?<!慢性)(跳楼|跳河)", {"跳楼", "跳河"}),
        ("(站|坐)(在|上).{0,8}(楼顶|天台)", {"楼顶", "天台"}),  # the longest literals a match must have
        ("(要|想)?往下跳", {"往下跳"}),
        ("被困(在|于)|电梯困人", {"被困在", "被困于", "电梯困人"}),
        ("紧急|[马立]上", {"紧急", "马上", "立上"}),
        ("a?b*", None),  # nothing is required
        (r"\d+年", {"年"}),
    ],
)
def test_rules_know_the_literals_every_match_contains(
    tmp_path: Path, pattern: str, literals: set[str] | None
) -> None:
    path = tmp_path / "rules.toml"
    rule = f'[[urgency.rules]]\nname = "x"\npattern = {json.dumps(pattern)}\nweight = 1.0\n'
    path.write_text(f"[urgency]\nurgent = 1.0\nemergency = 2.0\n{rule}[risk]\nthreshold = 1.0\n", "utf-8")
    found = load_rules(path).urgency_rules[0].literals
    assert found == (None if literals is None else frozenset(literals))


def test_the_judgement_file_holds_ids_levels_and_short_notes_only() -> None:
    path = Path(__file__).resolve().parents[2] / "bench" / "data" / "urgency_judged.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and list(rows[0]) == ["id", "judged_urgency", "rules_urgency", "note"]
    assert len({row["id"] for row in rows}) == len(rows)
    levels = {u.value for u in Urgency}
    for row in rows:
        assert row["id"].isdigit()
        assert row["judged_urgency"] in levels and row["rules_urgency"] in levels
        assert len(row["note"]) <= 100


def test_case_insensitive_patterns_get_no_screen(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    rule = '[[urgency.rules]]\nname = "x"\npattern = "(?i)icu|(?i:er)"\nweight = 3.0\n'
    path.write_text(f"[urgency]\nurgent = 1.0\nemergency = 2.0\n{rule}[risk]\nthreshold = 1.0\n", "utf-8")
    rules = load_rules(path)
    assert rules.urgency_rules[0].literals is None
    assert rules.assess("送进了ICU").urgency is Urgency.EMERGENCY
