"""Derived checks: arithmetic between claims, on articles written for the test."""

import pytest

from checker.derived import contradictions_in_passages, derived_findings
from checker.models import Finding, PassageRef
from tests.helpers import claims_of


def derived_between(*texts: tuple[str, str]):
    claims = [c for doc, text in texts for c in claims_of(text, doc=doc)]
    return derived_findings(claims), claims


def test_rank_change_implies_last_years_rank_and_agrees():
    findings, _ = derived_between(
        ("a.txt", "去年,临江区综合实力位列全国百强区第41位,比上年提升3位。"),
        ("b.txt", "临江区综合实力跃居2022年全国百强榜第44位。"),
    )
    assert [(f.type, f.rule) for f in findings] == [("agreement", "rank_change")]
    assert "第44位" in findings[0].reason and "2022" in findings[0].reason
    assert len(findings[0].items) == 3


def test_rank_change_against_a_different_stated_rank_contradicts():
    findings, _ = derived_between(
        ("a.txt", "去年,临江区综合实力位列全国百强区第41位,比上年提升3位。"),
        ("b.txt", "临江区综合实力跃居2022年全国百强榜第47位。"),
    )
    assert [(f.type, f.rule) for f in findings] == [("contradiction", "rank_change")]


def test_growth_rate_against_two_yearly_levels():
    text = "2022年,临江区社会消费品零售总额412.6亿元。2023年,临江区社会消费品零售总额453.9亿元,同比增长10.0%。"
    findings, _ = derived_between(("a.txt", text))
    assert [(f.type, f.rule) for f in findings] == [("agreement", "growth")]
    wrong = text.replace("10.0%", "12.0%")
    findings, _ = derived_between(("a.txt", wrong))
    assert [(f.type, f.rule) for f in findings] == [("contradiction", "growth")]


@pytest.mark.parametrize("marker", ["按可比价计算", "扣除价格因素", "按不变价格计算"])
def test_real_growth_is_not_checked_against_nominal_levels(marker):
    text = f"2022年,临江区财政总收入412.6亿元。2023年,临江区财政总收入453.9亿元,{marker}增长6.0%。"
    findings, _ = derived_between(("a.txt", text))
    assert findings == []


def test_stated_difference_against_two_levels():
    text = "2022年,临江区财政总收入100.5亿元。2023年,临江区财政总收入110.2亿元,比上年增加9.7亿元。"
    findings, _ = derived_between(("a.txt", text))
    assert [(f.type, f.rule) for f in findings] == [("agreement", "difference")]
    findings, _ = derived_between(("a.txt", text.replace("增加9.7亿元", "增加12.7亿元")))
    assert [(f.type, f.rule) for f in findings] == [("contradiction", "difference")]


def test_parts_add_up_to_the_whole():
    text = "2023年,临江区第一产业增加值120.1亿元,第二产业增加值480.2亿元,第三产业增加值400.3亿元,地区生产总值1000.6亿元。"
    findings, _ = derived_between(("a.txt", text))
    assert [(f.type, f.rule) for f in findings] == [("agreement", "sum")]
    findings, _ = derived_between(("a.txt", text.replace("1000.6亿元", "1100.6亿元")))
    assert [(f.type, f.rule) for f in findings] == [("contradiction", "sum")]


def test_number_changed_in_a_copied_passage_is_a_contradiction():
    claims = claims_of("2023年临江区新增高新技术企业45家。", doc="a.txt") + claims_of(
        "2023年临江区新增高新技术企业54家。", doc="b.txt"
    )
    passage = Finding(
        "duplicate_passage", "warning", "copied", (PassageRef("a.txt", 3, 3, ""), PassageRef("b.txt", 3, 3, "")),
        rule="passage", details=(("identity", 96.0), ("number_changes", ((("a.txt", 3, "45家"), ("b.txt", 3, "54家")),))),
    )  # fmt: skip
    findings = contradictions_in_passages([passage], claims, [])
    assert [(f.type, f.rule, f.severity) for f in findings] == [("contradiction", "copied_passage", "error")]


def test_a_real_growth_marker_holds_only_in_its_clause():
    """增长10.0%,扣除价格因素增长6.0%: the first is nominal and is checked against the levels."""
    text = "2022年,临江区财政总收入412.6亿元。2023年,临江区财政总收入453.9亿元,增长10.0%,扣除价格因素增长6.0%。"
    findings, _ = derived_between(("a.txt", text))
    assert [(f.type, f.rule) for f in findings] == [("agreement", "growth")]


@pytest.mark.parametrize("metric", ["地区生产总值", "社会物流总额"])
def test_growth_of_an_aggregate_is_real_and_not_checked_against_nominal_levels(metric):
    claims = claims_of(f"2023年,岚桥区{metric}520亿元,增长5.1%。", doc="a.txt") + claims_of(
        f"2022年,岚桥区{metric}500亿元。", doc="b.txt"
    )
    assert not [f for f in derived_findings(claims) if f.rule == "growth"]


def test_a_copy_that_changes_several_numbers_is_a_template_and_only_a_warning():
    claims = claims_of("2023年临江区新增高新技术企业45家,新建学校8所。", doc="a.txt") + claims_of(
        "2023年临江区新增高新技术企业54家,新建学校9所。", doc="b.txt"
    )
    changes = ((("a.txt", 3, "45家"), ("b.txt", 3, "54家")), (("a.txt", 3, "8所"), ("b.txt", 3, "9所")))
    passage = Finding(
        "duplicate_passage", "warning", "copied", (PassageRef("a.txt", 3, 3, ""), PassageRef("b.txt", 3, 3, "")),
        rule="passage", details=(("identity", 90.0), ("number_changes", changes)),
    )  # fmt: skip
    findings = contradictions_in_passages([passage], claims, [])
    assert findings and {f.severity for f in findings} == {"warning"}


def test_a_growth_far_from_what_two_levels_imply_compares_two_quantities():
    text = "2022年,临江区旅游总收入220.5亿元。2023年国庆假期,临江区旅游总收入18.6亿元,同比增长9.1%。"
    findings, _ = derived_between(("a.txt", text))
    assert not [f for f in findings if f.rule == "growth"]


def test_a_copy_reused_for_another_event_changes_no_figure():
    claims = claims_of("今年,临江区本次消费券发放共设8个档位。", doc="a.txt", date="2025-03-01") + claims_of(
        "今年,临江区本次消费券发放共设9个档位。", doc="b.txt", date="2025-05-01"
    )
    passage = Finding(
        "duplicate_passage", "warning", "copied", (PassageRef("a.txt", 3, 3, ""), PassageRef("b.txt", 3, 3, "")),
        rule="passage", details=(("identity", 95.0), ("number_changes", ((("a.txt", 3, "8个"), ("b.txt", 3, "9个")),))),
    )  # fmt: skip
    assert contradictions_in_passages([passage], claims, []) == []
