"""The shipped model loads, carries its training record, and classifies sensibly."""

from __future__ import annotations

import json

import pytest

from nlp_classifier import load_default
from nlp_classifier.classifier import default_model_dir
from nlp_classifier.types import Urgency


def test_it_is_loaded_once_and_small() -> None:
    assert load_default() is load_default()
    assert (default_model_dir() / "model.joblib").stat().st_size < 10_000_000


def test_its_record_names_data_figures_and_threshold() -> None:
    meta = json.loads((default_model_dir() / "model.json").read_text(encoding="utf-8"))
    assert len(meta["data_sha256"]) == 64
    assert meta["cv"]["n"] == meta["n_examples"] == 7272
    assert meta["cv"]["macro_f1"] > 0.9
    assert 0.0 < meta["threshold"] < 1.0 and meta["auto_precision"] >= 0.97
    assert meta["sklearn"]
    assert load_default().model.threshold == meta["threshold"]


@pytest.mark.parametrize(
    ("title", "text", "category"),
    [
        ("小区物业乱收停车费", "我们小区物业未经业主同意，利用公共面积收取停车费。", "城乡建设"),
        ("工地老板拖欠工资", "我在某工地干了半年，老板拖欠农民工工资三万元不给。", "劳动和社会保障"),
        ("学校暑假违规补课", "某中学暑假强制学生补课，每人收费一千五百元。", "教育文体"),
        ("医院乱收费", "我母亲在县人民医院住院，医生开了很多不必要的检查，费用很高。", "卫生计生"),
        ("化工厂夜间偷排废气", "园区化工厂每天夜里排放刺鼻废气，周边居民无法开窗。", "环境保护"),
        ("出租车拒载绕路", "晚上在火车站打出租车，司机拒载，还有的故意绕路多收费。", "交通运输"),
        ("超市销售过期食品", "在某超市买到过期的牛奶，商家拒绝退换。", "商贸旅游"),
    ],
)
def test_it_classifies_real_looking_petitions(title: str, text: str, category: str) -> None:
    result = load_default().classify(title, text)
    assert result.category == category
    assert result.runner_up != category
    assert result.keywords


def test_an_emergency_through_the_default_classifier() -> None:
    result = load_default().classify("燃气泄漏", "A1区天心路88号楼道里闻到很浓的煤气味，请马上派人！")
    assert result.urgency is Urgency.EMERGENCY
    assert "天心路88号" in {p.name for p in result.places}
