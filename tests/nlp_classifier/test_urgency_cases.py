"""Urgency and risk rules on short hotline / WeChat-style sentences written for these tests.

A missed emergency is the worst error dispatch can make (an emergency goes out at once and counts natural
minutes); a false one wastes a dispatcher's attention. Each table row is one realistic report.
"""

from __future__ import annotations

import dataclasses

import pytest

from nlp_classifier.rules import Rules, load_rules
from nlp_classifier.types import Urgency

EMERGENCIES = [
    # a live report told as a story: time, cause and fear words do not make it past or hypothetical
    "我下班回家之后发现厨房着火了，快派人来",
    "我闻到焦味，随后发现楼道着火了",
    "当时我在家，突然楼下着火了",
    "当天下午3点，隔壁仓库起火，现在还在烧",
    "5月3日晚上我家楼下着火了，请赶紧来人",
    "您好，今天12月5号，我家楼下着火了",
    "楼下电动车充电引起的火灾，烟很大",
    "电线老化导致的火灾，火还在烧",
    "孩子很害怕，家里着火了",
    "担心孩子，家里着火了",
    "可能是电线短路，楼道着火了",
    "明天孩子要考试，楼上着火了",
    "事发突然，有人被困电梯",
    # gas
    "我家厨房燃气泄漏了，味道特别大",
    "楼道里一股很浓的煤气味，不知道谁家漏气了",
    "菜市场里面液化气瓶漏了，一股臭鸡蛋味，大家都跑出来了",
    "小区门口天然气管道被挖断了，正在往外漏气",
    "化工厂氨气泄漏，附近居民喘不过气",
    # fire, explosion
    "楼下仓库着火了冒黑烟",
    "对面居民楼起火了，火很大",
    "电动车在楼道充电时起火了，浓烟往楼上冒",
    "邻居家门缝往外冒黑烟，敲门没人开",
    "好像着火了，三楼窗户一直往外冒烟",
    "隔壁饭店液化气罐爆炸了，有人受伤",
    "楼道杂物一旦着火后果不堪设想，现在三楼已经着火了！",
    # trapped
    "电梯里困了两个人，按警铃没人应",
    "我被困在电梯里了，卡在8楼和9楼之间",
    "快派人来，我们宿舍楼停电了，电梯卡在半空，里面有个孕妇",
    "昨天反映过的那个电梯，今天又困人了，里面有两个老人",
    "发大水了，我家被水围住了，老人小孩困在二楼下不来",
    "孩子被反锁在车里，车停在太阳底下",
    "路口两车相撞，有人被卡在车里出不来",
    "工地塌方，有两个工人被埋",
    # suicide
    "有人站在楼顶要跳楼，快来人",
    "南湖桥上有个男的翻过护栏，看样子要往下跳",
    "我朋友刚刚说要自杀，现在联系不上",
    "家里老人喝了农药，正在往医院送",
    "我爸说活着没意思，已经两天没回家，电话也打不通",
    # water, injuries, poisoning
    "小孩掉进河里了，快救人",
    "有个老人在河边走着走着滑进水里了",
    "小孩从三楼窗户掉下去了，一动不动",
    "河边有人落水了，正在水里挣扎",
    "一家三口煤气中毒，已经昏迷",
    "工地上有工人触电了，倒在地上不动",
    "一个老人晕倒在公交站台，叫不醒",
    "有个醉汉躺在铁轨上不动",
]

LOOK_ALIKES = [
    # hazards, not events
    "小区消防通道被占，有火灾隐患",
    "楼道堆满纸箱，万一着火后果不堪设想",
    "消防车通道被私家车堵死了，万一着火消防车进不来",
    "小区电动车在楼道里充电，很容易引发火灾，请物业管一管",
    "饭店后厨油烟太大，邻居担心着火",
    "煤气罐放在楼道里，容易引起爆炸",
    "电线老化，随时可能起火，请供电所来看看",
    "小区里的燃气管道锈得很厉害，怕哪天漏气",
    "电梯年检过期了，担心哪天把人困在里面",
    "楼道里堆放杂物，担心发生火灾",
    "小区楼道堆放杂物，可能引发火灾",
    "这条路上的井盖丢了，晚上有人掉进去怎么办",
    # prevention, questions, prices
    "建议学校开展防溺水宣传",
    "希望在江边增设救生圈，防止落水事故",
    "物业说要组织消防演练，噪音太大",
    "请问燃气泄漏报警器是谁负责安装的？",
    "天然气费太贵了，希望降价",
    "燃气公司上门安检收费合理吗",
    "火灾保险理赔太慢了",
    # over, or in the past
    "去年家里着过火，现在要求物业赔偿",
    "上个月小区着火烧了我的车，物业至今不赔偿",
    "去年小区发生火灾，现在还没人管",
    "2019年5月3日晚上我家着火了，至今没有赔偿",
    "2018年厂里发生过爆炸，现在还有人没拿到赔偿",
    "上个月小区电梯困过人，物业至今没有整改",
    "我们村去年有人溺水身亡，希望在水库边装护栏",
    "我父亲前年从脚手架上坠落受了重伤，工伤认定一直没办",
    "那年发洪水把我家房子冲垮了，到现在还没有安置",
    # elsewhere, figures of speech, recurring, thoughts
    "新闻里说外地有小孩溺水，我们这边河边也没有护栏",
    "工厂烟囱天天冒黑烟，污染太严重",
    "采石场天天放炮，爆炸声很吓人",
    "隔壁装修电钻声太吵，吵得我想跳楼",
    "我们这栋电梯经常困人，请质监部门检查",
    "孩子学习压力大，有过轻生的念头，希望学校减负",
    "我们厂有人说老板再不发工资就去跳楼",
]


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


@pytest.mark.parametrize("text", EMERGENCIES)
def test_real_emergencies_are_emergencies(rules: Rules, text: str) -> None:
    assert rules.assess(text).urgency is Urgency.EMERGENCY


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_not_emergencies(rules: Rules, text: str) -> None:
    assert rules.assess(text).urgency is not Urgency.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "我们这栋电梯经常困人，请质监部门检查",  # a recurring danger
        "孩子最近有轻生的念头，希望学校减负",  # a thought of suicide
        "我们厂有人说老板再不发工资就去跳楼",  # a threat
        "小区停水三天了，一直没人管",
        "楼上邻居装修把承重墙打掉了",
        "老房子墙体开裂，随时可能倒塌",
        "人行道上的井盖丢了好几天了",
        "暴雨后一楼家里进水了",
        "电梯突然下坠，把人关在里面，这个月已经第三次了",
    ],
)
def test_recurring_dangers_threats_and_concrete_hazards_are_urgent(rules: Rules, text: str) -> None:
    assert rules.assess(text).urgency is Urgency.URGENT


@pytest.mark.parametrize(
    "text",
    [
        "小区消防通道被占，有火灾隐患",
        "建议学校开展防溺水宣传",
        "去年家里着过火，现在要求物业赔偿",
        "小区存在安全隐患，请相关部门检查",
        "建议在公园里多安装几张长椅",
    ],
)
def test_hazard_talk_without_a_concrete_danger_is_normal(rules: Rules, text: str) -> None:
    assert rules.assess(text).urgency is Urgency.NORMAL


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("几十名工人聚集在项目部门口讨薪", {"群体性", "欠薪"}),
        ("村民们准备明天去堵路拉横幅", {"群体性"}),
        ("我们几十户业主联名上访过三次", {"群体性", "信访"}),
        ("我要去省里上访", {"信访"}),
        ("多次反映都无果，我准备进京", {"信访"}),
        ("老板再不给钱，我就跟他拼了", {"极端言行"}),
        ("小区路灯坏了好几天，请尽快修理", set()),
        ("我们是弱势群体，希望政府多关心", set()),  # not a mass incident
        ("人口聚集的老城区需要建幼儿园", set()),
        ("家长怕老师打击报复，不敢实名投诉", set()),  # retaliation feared, not threatened
        ("这家工厂排放废气是慢性自杀", set()),
    ],
)
def test_risk_tags(rules: Rules, text: str, tags: set[str]) -> None:
    assert set(rules.assess(text).risk_tags) == tags


def test_screens_never_change_an_assessment(rules: Rules) -> None:
    """The literal screens only skip work: without them every table sentence comes out the same."""
    assert all(rule.literals for rule in (*rules.urgency_rules, *rules.risk_rules))
    unscreened = dataclasses.replace(
        rules,
        urgency_rules=tuple(dataclasses.replace(r, literals=None) for r in rules.urgency_rules),
        risk_rules=tuple(dataclasses.replace(r, literals=None) for r in rules.risk_rules),
    )
    for text in EMERGENCIES + LOOK_ALIKES:
        assert rules.assess(text) == unscreened.assess(text), text
