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


# As callers type or speak: spaces for commas, no punctuation, context before and after.
SPOKEN_EMERGENCIES = [
    "喂喂 你好 我这边是阳光花园7栋三单元 楼上冒好大的烟 好像是502那家 我们都往下跑了 你们快点",
    "您好请问是12345吗 我们村头老王家柴房烧起来了火苗窜得老高 119打不通 求求你们帮忙转一下",
    "我家对门那户一直有股煤气味儿 敲门没人应 味儿越来越冲 我怕出事 你们能不能叫燃气公司马上来",
    "师傅 我们工地基坑边上塌了 底下有两个人压着呢 快叫救护车",
    "你好 和平路跟解放路交叉口那个天桥上有个女的坐在栏杆上哭 看着像要跳 我不敢过去 你们赶紧派人",
    "小区东门那个人工湖里有个小孩子掉下去了 在扑腾 我们这没人会游泳",
    "喂 宏达化工车间里氯气罐漏了 好几个工人咳得不行已经有人倒了",
    "我妈一个人在家 刚打电话说卫生间热水器那边有煤气味头很晕 我在外地赶不回去 地址是建设路18号2栋301",
    "刚才楼下配电房嘭的一声炸了 现在黑烟滚滚 整栋楼都停电了",
    "我老公喝了酒拿着菜刀在砍人 邻居已经被砍伤了 我和孩子躲在卧室里 快来",
    "下暴雨 我们这一排平房水已经漫到床沿了 家里还有个瘫痪的老人搬不动",
    "电梯停在12楼和13楼中间了 我跟我女儿在里面快半小时了 喊物业没人理",
    "老旧小区8号楼 一楼的墙一下子垮了 好像把下面摆摊的人埋进去了",
    "我儿子刚才跟我吵架把自己锁在房间里 说不想活了 窗户是开着的 我们家住十七楼",
    "隔壁大爷在家烧炭取暖 现在人倒在地上叫不应 屋里一股炭味",
    "有个电工在电线杆上干活被电打了 挂在上面一动不动",
    "我是实验小学的老师 中午食堂吃完饭二十多个学生上吐下泻 有几个已经晕过去了",
    "快点 菜场门口有个男的拿刀追着人捅 已经倒了一个 血流了一地",
    "我路过滨江路 看到江里漂着个人 还在动 好像是个老人 我不会水",
    "我们厂锅炉房刚才爆了 蒸汽到处喷 有人被烫伤了躺在地上",
    "你好 我这里是金沙湾小区 楼下的车库着火了 烟往楼道里窜 楼上好多人下不来",
    "外卖小哥在路口被渣土车卷到车底下了 人还在车底下",
    "我妹妹在出租屋里 给我发微信说吃了一整瓶安眠药 现在打电话不接",
    "暴雨 小区地下车库进水了 有个大爷下去挪车没上来 水已经齐腰了",
    "河堤那边开口子了 水哗哗往村里灌 好多人家里还有老人",
    "救命 有人在楼道里泼汽油放火 门被堵了",
    "厂房顶上的彩钢瓦塌下来了 下面有三四个工人被压着",
    "施工的把燃气管子挖断了 呲呲往外喷 味道好大 附近还有学校",
    "昨天晚上开始下大雨 今天水库泄洪 有个放羊的老汉被困在河中间的沙洲上 水还在涨",
    "我被人关在一个厂房里 他们不让我走 还打我 我是偷偷打的电话",
    "马路上一个骑电动车的老人被大货车撞了 躺在地上满头是血 不会动了",
]

# The same style, about the past, a hazard, the news or a feeling.
SPOKEN_LOOK_ALIKES = [
    "您好 我想问一下 上周五我们楼里电梯困了我四十分钟 物业到现在没给个说法 这个找谁",
    "去年冬天我家隔壁煤气中毒死了一个老人 现在他家房子一直空着 能不能管管",
    "我要投诉燃气公司 上个月漏气的事情他们来修了收了我三百块 这合理吗",
    "孩子学校门口那条河一到夏天就有学生去游泳 淹死过人 能不能装个护栏",
    "开发商拖了两年不交房 我们业主心里都着火了 天天睡不着",
    "我们小区天天有人飞线充电 楼道里一着火人都跑不出来",
    "看了新闻说隔壁县化工厂爆炸 我们这边也有化工厂 离小区才500米 建议搬迁",
    "前几天晚上隔壁小区失火，烧死了一个人，我们小区楼道也堆满杂物，请消防来检查",
    "我爸2021年在工地上从架子上摔下来瘫痪了 老板到现在一分钱没赔",
    "那个网红桥太吓人了，走上去晃得厉害，感觉随时要塌",
    "公司业绩压力大得要死 领导天天骂 我都快抑郁了想跳楼的心都有",
    "高考完孩子说考不好就去跳江 我们做家长的该怎么引导 有没有心理咨询热线",
    "老板太坑了 说好的工资一直不发 我真的要气炸了",
    "反映一下，河边的防溺水警示牌被人拔了，暑假快到了，孩子多",
    "我在抖音上看到我们市一个小区着火了，烧得很大，请问是哪个小区，有没有人受伤",
    "我家楼上那户老是往下扔烟头，我家阳台晾的被子都烧了个洞，再这样迟早着火",
    "上礼拜三晚上我们那栋楼停电电梯卡住把我关在里面一个多小时，我现在还有心理阴影，要求物业道歉赔偿",
    "您好，我是幸福社区的，我们打算下个月搞一次燃气泄漏应急疏散演练，需要街道派个人指导",
    "封控期间我们楼一个独居老人在家晕倒了好几个小时才被发现，后来送医院没救过来，希望社区以后多关注独居老人",
    "我们村那座桥去年汛期被冲垮了，到现在还没修，孩子上学要绕十几里路",
]


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


@pytest.mark.parametrize("text", EMERGENCIES + SPOKEN_EMERGENCIES)
def test_real_emergencies_are_emergencies(rules: Rules, text: str) -> None:
    assert rules.assess(text).urgency is Urgency.EMERGENCY


@pytest.mark.parametrize("text", LOOK_ALIKES + SPOKEN_LOOK_ALIKES)
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
