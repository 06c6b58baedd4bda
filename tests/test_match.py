"""Verdicts between claims: claim keys, tolerance from reported precision, periods, scope."""

import pytest

from checker.match import (
    match_claims,
    metric_key,
    misstatement_shaped,
    same_metric,
    values_agree,
)
from tests.helpers import claims_of


def findings_between(first: str, second: str, first_date="2024-06-06", second_date="2024-06-06"):
    claims = claims_of(first, first_date, doc="a.txt") + claims_of(second, second_date, doc="b.txt")
    return match_claims(claims)


def types(findings) -> list[str]:
    return [f.type for f in findings]


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        ("2021年,全国国内生产总值1143670亿元。", "2021年,中国国内生产总值114.4万亿元。", True),
        ("2021年,全省地区生产总值28498.79亿元。", "2021年,全省地区生产总值28,498亿元。", True),
        ("2023年,全省地区生产总值1.36万亿元。", "2023年,全省地区生产总值13580亿元。", True),
        ("2023年,全省地区生产总值1.36万亿元。", "2023年,全省地区生产总值13500亿元。", False),
        ("2023年,全区地区生产总值增长7.6%。", "2023年,全区地区生产总值增长7.5%。", False),
        ("2023年,全国国内生产总值超126万亿元。", "2023年,全国国内生产总值1260582亿元。", True),
        ("2023年,全区总建筑面积约73万平方米。", "2023年,全区总建筑面积73.4万平方米。", True),
        ("2023年,全区新增学位近1500个。", "2023年,全区新增学位1480个。", True),
        ("2023年,全区新增学位近1500个。", "2023年,全区新增学位1600个。", False),
    ],
)
def test_tolerance_comes_from_the_digits_reported(first, second, agree):
    a = claims_of(first, doc="a.txt")[0]
    b = claims_of(second, doc="b.txt")[0]
    assert values_agree(a, b) is agree


def test_same_figure_in_two_sources_is_an_agreement():
    findings = findings_between("2023年,临江区地区生产总值856.3亿元。", "2023年,临江区GDP达856.3亿元。")
    assert types(findings) == ["agreement"]


def test_different_figures_for_the_same_year_are_a_contradiction_with_the_arithmetic():
    findings = findings_between("2023年,临江区地区生产总值856.3亿元。", "2023年,临江区地区生产总值900亿元。")
    assert types(findings) == ["contradiction"]
    finding = findings[0]
    assert finding.severity == "error"
    assert "856.3亿元" in finding.reason and "900亿元" in finding.reason and "4.9%" in finding.reason
    assert {item.doc for item in finding.items} == {"a.txt", "b.txt"}


def test_estimate_against_reported_figure_is_a_warning_that_says_so():
    findings = findings_between("2023年,临江区地区生产总值856.3亿元。", "预计2023年临江区地区生产总值900亿元。")
    assert types(findings) == ["contradiction"]
    assert findings[0].severity == "warning" and "estimate" in findings[0].reason


def test_contradiction_that_depends_on_a_relative_date_is_a_warning():
    findings = findings_between("去年,临江区地区生产总值856.3亿元。", "2023年,临江区地区生产总值900亿元。")
    assert findings[0].type == "contradiction" and findings[0].severity == "warning"
    assert "去年" in findings[0].reason


def test_different_years_are_a_trend_not_an_error():
    findings = findings_between("2022年,临江区地区生产总值801.5亿元。", "2023年,临江区地区生产总值856.3亿元。")
    assert types(findings) == ["period_difference"]
    assert findings[0].severity == "info" and "2022" in findings[0].reason and "2023" in findings[0].reason


def test_overlapping_periods_worded_differently_still_agree():
    findings = findings_between(
        "今年,临江区新增市民4.5万。", "2023年以来,临江区新居民增加4.5万人。", "2024-06-06", "2024-03-01"
    )
    assert types(findings) == ["agreement"]
    assert "worded differently" in findings[0].reason


def test_a_closed_run_of_years_is_not_one_of_its_years():
    findings = findings_between("过去五年,临江区万元工业增加值用水量下降21%。", "2023年,临江区万元工业增加值用水量下降21%。")
    assert "agreement" not in types(findings)


def test_different_places_are_never_compared():
    findings = findings_between("2023年,临江区地区生产总值856.3亿元。", "2023年,滨海县地区生产总值900亿元。")
    assert findings == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2023年,临江区新增专精特新企业5家。", "2023年,临江区累计专精特新企业25家。"),
        ("2023年,临江区省级以上领军人才136人。", "2023年,临江区市级以上领军人才125人。"),
        ("2023年,临江区规上工业产值500亿元。", "2023年,临江区工业产值700亿元。"),
        # an average per day is not the total of the span (日均 vs the whole holiday)
        ("国庆假期,临江区景区日均接待游客12万人次。", "国庆假期,临江区景区接待游客13万人次。"),
        ("国庆假期,临江区景区平均每天接待游客12万人次。", "国庆假期,临江区景区接待游客13万人次。"),
        # domestic only (国内) against the whole
        ("截至2023年底,我国国内有效商标注册量4500万件。", "截至2023年底,我国有效商标注册量4800万件。"),
    ],
)
def test_different_scope_is_related_never_a_contradiction(first, second):
    findings = findings_between(first, second)
    assert "contradiction" not in types(findings)
    assert "related" in types(findings)


def test_a_bound_that_agrees_with_both_sides_reports_no_contradiction_of_equal_figures():
    """123座以上 agrees with 128座 and with 123座: the contradiction is 123 vs 128, never 123 vs 123."""
    bodies = {"a.txt": "今年,临江区完成病险水闸除险加固123座以上。", "b.txt": "今年,临江区完成病险水闸除险加固123座。", "c.txt": "今年,临江区完成病险水闸除险加固128座。"}
    findings = match_claims([c for doc, body in bodies.items() for c in claims_of(body, doc=doc)])
    contradictions = [f for f in findings if f.type == "contradiction"]
    assert [sorted(item.value for item in f.items[:2]) for f in contradictions] == [[123.0, 128.0]]


def test_a_total_of_two_things_is_not_one_of_them():
    """商品和服务出口额 is the sum of both; 商品出口额 is one part."""
    findings = findings_between("1-5月,临江区数字商品和服务出口额增长6.1%。", "1-5月,临江区数字商品出口额增长5.8%。")
    assert findings == []


def test_a_rank_that_names_only_where_it_is_held_is_not_compared():
    """岚桥区…位居世界第一 twice: first in what, neither sentence says."""
    findings = findings_between("今年,岚桥区位居世界第一。", "今年,岚桥区跃居世界第一。")
    assert findings == []


def test_rank_and_rank_change_are_never_compared():
    findings = findings_between("2022年综合实力全国百强区第33位。", "2022年,临江区国家级经开区综合考评晋升33位。")
    assert "contradiction" not in types(findings) and "agreement" not in types(findings)


def test_vague_metrics_are_not_compared():
    findings = findings_between("2023年,临江区引进项目21个。", "2023年,临江区引进项目37个。")
    assert findings == []


def test_internal_contradiction_in_one_article():
    claims = claims_of("2023年,临江区地区生产总值856.3亿元。另据统计,2023年临江区地区生产总值为870.1亿元。")
    findings = match_claims(claims)
    assert types(findings) == ["contradiction"]
    assert {item.doc for item in findings[0].items} == {"a.txt"}


def test_metric_keys_unify_synonyms_and_drop_scope_words():
    assert metric_key("地区生产总值") == metric_key("GDP") == metric_key("全区国内生产总值")
    assert metric_key("新增市民") == metric_key("新居民")
    assert same_metric(metric_key("百强区"), metric_key("综合实力全国百强区"), ranking=True)
    assert not same_metric(metric_key("技能人才"), metric_key("高技能人才"))
    assert not same_metric(metric_key("经济贡献率"), metric_key("世界经济贡献率"))  # only rankings extend


def test_focus_keeps_only_findings_with_a_new_document():
    claims = (
        claims_of("2023年,临江区地区生产总值856.3亿元。", doc="a.txt")
        + claims_of("2023年,临江区地区生产总值900亿元。", doc="b.txt")
        + claims_of("2023年,临江区地区生产总值856.3亿元。", doc="new.txt")
    )
    findings = match_claims(claims, focus={"new.txt"})
    assert findings and all(any(i.doc == "new.txt" for i in f.items) for f in findings)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("规模以上工业增加值", "规上工业增加值"),
        ("城镇常住居民人均可支配收入", "城镇居民收入"),
        ("建城史", "建城历史"),
        ("该区地区生产总值", "经济总量"),
        ("●新增市场主体", "市场主体"),
    ],
)
def test_phrasings_of_one_statistic_have_one_key(first, second):
    assert metric_key(first) == metric_key(second) != ""


def test_a_scope_word_inside_a_longer_word_stays():
    assert metric_key("工业增加值") == "工业增加值"  # 增加 (an increase) is not dropped from 增加值


def test_two_forecasts_that_disagree_are_a_warning_contradiction():
    findings = findings_between("预计今年岚桥区地区生产总值将达到640亿元。", "岚桥区今年地区生产总值有望达到700亿元。")
    contradictions = [f for f in findings if f.type == "contradiction"]
    assert len(contradictions) == 1 and contradictions[0].severity == "warning"
    assert "forecasts disagree" in contradictions[0].reason


@pytest.mark.parametrize(
    ("second_date", "verdict"), [("2024-03-20", "contradiction"), ("2024-05-10", "related"), ("2024-11-20", None)]
)
def test_undated_stock_figures_of_other_days_are_related_within_a_window(second_date, verdict):
    findings = findings_between(
        "目前,岚桥区共有国家级孵化器12家。", "岚桥区现有国家级孵化器13家。", "2024-03-20", second_date
    )
    assert [f.type for f in findings if f.type in ("contradiction", "related")] == ([verdict] if verdict else [])


def test_undated_stock_figures_within_a_window_still_agree():
    findings = findings_between("目前,岚桥区共有国家级孵化器12家。", "岚桥区现有国家级孵化器12家。", "2024-03-20", "2024-05-10")
    assert types(findings) == ["agreement"]


def test_bare_counts_of_events_on_other_days_are_other_events():
    """击退了…12个村庄的进攻 on two days weeks apart: two battles, not one figure confirmed."""
    findings = findings_between(
        "岚桥区守军击退了12个村庄附近的进攻。", "岚桥区守军击退12个村庄附近的进攻。", "2024-03-20", "2024-04-18"
    )
    assert "agreement" not in types(findings)


def test_a_trend_lists_every_source_of_every_period():
    claims = (
        claims_of("2022年,岚桥区社会消费品零售总额310亿元。", doc="a.txt")
        + claims_of("2022年,岚桥区社会消费品零售总额310亿元。", doc="b.txt")
        + claims_of("2023年,岚桥区社会消费品零售总额334亿元。", doc="c.txt")
    )
    trends = [f for f in match_claims(claims) if f.type == "period_difference"]
    assert len(trends) == 1 and {item.doc for item in trends[0].items} == {"a.txt", "b.txt", "c.txt"}


def test_a_level_at_the_year_end_is_the_level_of_the_year():
    findings = findings_between("截至2023年末,岚桥区常住人口61.2万人。", "2023年,岚桥区常住人口61.2万人。")
    assert types(findings) == ["agreement"]


def test_figures_without_period_words_in_articles_of_different_years_make_a_trend():
    findings = findings_between("临江区常住人口52.4万人。", "临江区常住人口53.1万人。", "2022-05-01", "2024-05-01")
    assert types(findings) == ["period_difference"]


def test_the_same_figure_restated_in_different_years_is_not_a_trend():
    findings = findings_between("临江区建城史已有1800多年。", "临江区建城史已有1800多年。", "2022-05-01", "2024-05-01")
    assert "period_difference" not in types(findings)


def test_a_contradiction_lists_the_other_sources_of_either_value():
    claims = (
        claims_of("2023年,临江区接待游客1520万人次。", doc="a.txt")
        + claims_of("2023年,临江区接待游客1520万人次。", doc="b.txt")
        + claims_of("2023年,临江区接待游客1250万人次。", doc="c.txt")
    )
    contradictions = [f for f in match_claims(claims) if f.type == "contradiction"]
    assert len(contradictions) == 1
    sides, also = contradictions[0].items, contradictions[0].also
    assert {r.doc for r in sides} | {r.doc for r in also} == {"a.txt", "b.txt", "c.txt"} and len(also) == 1


def test_totals_over_different_runs_of_years_are_a_trend_not_a_conflict():
    findings = findings_between("2019年至2022年,临江区累计新增高新技术企业260家。", "2019年至2023年,临江区累计新增高新技术企业350家。")
    assert types(findings) == ["period_difference"]


def test_attributes_of_a_named_project_are_compared_whenever_they_are_stated():
    findings = findings_between(
        "青枫物流园区总投资42亿元,用地约900亩。", "2022年开工的青枫物流园区,总投资24亿元,占地900亩。", "2024-05-01", "2021-03-01"
    )
    assert sorted(types(findings)) == ["agreement", "contradiction"]


def test_a_phase_of_a_project_is_not_the_whole_project():
    findings = findings_between("青枫物流园区规划总占地900亩。", "青枫物流园区其中一期项目投资10亿元,占地300亩。")
    assert "contradiction" not in types(findings)


def test_a_level_at_the_year_end_is_compared_with_the_year_s_level():
    findings = findings_between("截至2023年末,临江区上市公司19家。", "2023年,临江区上市公司21家。")
    assert types(findings) == ["contradiction"]


def test_a_place_s_investment_is_a_flow_of_its_year_not_a_project_attribute():
    findings = findings_between("2023年,全国水利建设投资1.1万亿元。", "2025年,全国水利建设投资1.2万亿元。")
    assert types(findings) == ["period_difference"]


def test_a_holiday_or_season_is_not_the_year():
    findings = findings_between("2025年暑期,全国博物馆接待观众3.04亿人次。", "2025年,全国博物馆接待观众15.6亿人次。")
    assert "contradiction" not in types(findings)
    same = findings_between("今年国庆假期,全县接待游客86万人次。", "今年国庆假期,全县接待游客86万人次。")
    assert types(same) == ["agreement"]


def test_a_macro_region_is_its_own_subject():
    findings = findings_between("中国经济持续回升。去年,西部地区经济增长5.5%、规模以上工业增加值增长6.1%。", "去年,全国规模以上工业增加值增长4.6%。")
    assert "contradiction" not in types(findings)


def test_counts_of_a_document_s_parts_belong_to_the_document():
    two_laws = findings_between("《青枫县物业管理条例》共7章53条。", "《青枫县养犬管理条例》共5章27条。")
    assert "contradiction" not in types(two_laws)
    abbreviated = findings_between("《条例》共8章70条。", "《条例》共5章37条。")
    assert types(abbreviated) == []
    one_law = findings_between("《青枫县物业管理条例》共7章53条。", "《青枫县物业管理条例》共7章55条。")
    assert types(one_law) == ["contradiction"]


def test_running_totals_as_of_now_are_compared_only_on_the_same_day():
    apart = findings_between("截至目前,今年全县家电以旧换新补贴申请量达12.5万份。", "截至目前,今年全县家电以旧换新补贴申请量突破40万份。", "2025-05-12", "2025-10-24")
    assert "contradiction" not in types(apart)
    same_day = findings_between("截至目前,今年全县家电以旧换新补贴申请量达12.5万份。", "截至目前,今年全县家电以旧换新补贴申请量达15.1万份。", "2025-05-12", "2025-05-12")
    assert types(same_day) == ["contradiction"]


def test_a_stock_as_of_now_agrees_within_its_quarter_but_two_days_differ_as_related():
    same = findings_between("目前全县共有高新技术企业640家。", "目前全县共有高新技术企业640家。", "2025-03-02", "2025-04-20")
    assert types(same) == ["agreement"]
    other = findings_between("目前全县共有高新技术企业640家。", "目前全县共有高新技术企业604家。", "2025-03-02", "2025-04-20")
    assert types(other) == ["related"] and "another day" in other[0].reason


def test_a_full_year_forecast_after_as_of_words_is_the_year_s():
    claim = claims_of("按照目前的势头,今年全年接待游客有望突破900万人次。", "2025-10-08")[0]
    assert claim.period == "2025"


def test_figures_of_daily_news_without_period_words_change_from_day_to_day():
    findings = findings_between("山火已造成当地36人遇难,过火面积超过2.1万公顷。", "山火已造成当地53人遇难,过火面积超过3.4万公顷。", "2025-01-10", "2025-01-14")
    assert "contradiction" not in types(findings)


def test_counts_in_early_year_news_are_not_a_review_of_the_year_before():
    findings = findings_between("防空部队击落无人机120架。", "防空部队击落无人机35架。", "2024-04-27", "2025-02-05")
    assert "contradiction" not in types(findings)


def test_the_gap_is_given_in_the_unit_that_fits():
    rates = [f for f in findings_between("2023年,临江区地区生产总值增长7.6%。", "2023年,临江区地区生产总值增长7.9%。") if f.type == "contradiction"]
    assert "0.3个百分点 apart" in rates[0].reason
    ranks = [f for f in findings_between("2023年,临江区位列全国百强区第29位。", "2023年,临江区位列全国百强区第31位。") if f.type == "contradiction"]
    assert "2 places apart" in ranks[0].reason


def test_error_is_kept_for_the_strongest_match():
    strong = findings_between("2023年,临江区地区生产总值856.3亿元。", "2023年,临江区地区生产总值912.8亿元。")
    assert [f.severity for f in strong if f.type == "contradiction"] == ["error"]
    near = findings_between("2023年,临江区地区生产总值856.3亿元。", "2023年,临江区地区生产总值856.5亿元。")
    assert [f.severity for f in near if f.type == "contradiction"] == ["warning"]  # within twice the precision


@pytest.mark.parametrize(
    ("first", "second"),
    [("2023年,全书分为21个专题。", "2023年,省委细化12个专题开展调研。"), ("2023年,被困超过150个小时后获救。", "2023年,经过近10个小时的飞行抵达。")],
)
def test_counts_of_a_bare_noun_or_a_time_unit_are_not_compared(first, second):
    assert "contradiction" not in types(findings_between(first, second))


def test_a_one_character_metric_says_nothing_to_compare():
    findings = findings_between("2023年,震中距青枫县约40公里,距杭州市约160公里。", "2023年,震中距桐屿县约70公里,距杭州市约130公里。")
    assert "contradiction" not in types(findings)


def test_ranks_listed_in_one_article_are_entries_not_restatements():
    claims = claims_of("2009年手机排行榜:甲款机型位列第1位,乙款机型位列第2位,丙款机型位列第3位。", doc="a.txt")
    assert "contradiction" not in types(match_claims(claims))


@pytest.mark.parametrize(
    ("bound", "figure", "agree"),
    [("40多个", "42个", True), ("40多个", "52个", False), ("120多万人", "126万人", True), ("100多所", "180所", True), ("100多所", "210所", False)],
)
def test_duo_covers_less_than_one_unit_of_the_last_nonzero_digit(bound, figure, agree):
    a = claims_of(f"2023年,全县建成{bound}。", doc="a.txt")[0]
    b = claims_of(f"2023年,全县建成{figure}。", doc="b.txt")[0]
    assert values_agree(a, b) is agree


@pytest.mark.parametrize(
    ("first", "second", "shaped"),
    [
        (874.9, 87.49, True),  # the decimal point slipped
        (1026.35, 1062.35, True),  # two digits swapped
        (97, 79, True),
        (3814.5, 384.5, True),  # a digit dropped
        (1.52, 1.45, True),  # a near miss
        (5, 50, False),  # one significant digit: no slip to speak of
        (43.5, 9.3, False),
        (8, 10, False),
        (17, 13, False),  # one digit of two changed: two streaks, not a slip
        (7600, 4600, False),  # the first digit changed: a different magnitude
        (1263, 1283, True),
    ],
)
def test_a_misstatement_is_a_near_miss_or_a_slip_of_digits(first, second, shaped):
    assert misstatement_shaped(first, second) is shaped


def test_figures_too_far_apart_for_a_misstatement_are_related_not_contradictory():
    findings = findings_between("2023年,岚桥区新建口袋公园25个。", "2023年,岚桥区新建口袋公园48个。")
    assert types(findings) == ["related"] and "too far apart" in findings[0].reason
    slip = findings_between("2023年,岚桥区新建口袋公园48个。", "2023年,岚桥区新建口袋公园84个。")
    assert types(slip) == ["contradiction"]


@pytest.mark.parametrize(
    ("first", "second", "first_date", "second_date", "why"),
    [
        ("预计明年岚桥区地区生产总值增长6.5%。", "2024年,岚桥区地区生产总值增长6.1%。", "2023-11-20", "2025-02-10", "forecast"),  # a forecast made before its year, and the outcome
        ("今年以来,岚桥区已举办线下招聘会12场。", "今年以来,岚桥区已举办线下招聘会13场。", "2025-03-01", "2025-04-01", "running totals"),  # running totals of different days
        ("今年,岚桥区本次土地拍卖成交金额12.6亿元。", "今年,岚桥区本次土地拍卖成交金额13.1亿元。", "2025-03-01", "2025-04-10", "event"),  # figures of one event each, on different days
        ("今年以来,岚江班列累计运送货物210.5万吨。", "今年以来,岚江班列累计运送货物225.3万吨。", "2025-03-01", "2025-08-01", "running totals"),  # a total of this year so far still runs on its day
        ("按计划,今年岚桥区将新开工改造老旧小区54个。", "2024年,岚桥区新开工改造老旧小区58个。", "2024-09-04", "2025-02-21", "target"),  # a target, and the outcome
        ("青枫研究院预计今年岚桥区经济增长4.8%。", "溪枫智库预计今年岚桥区经济增长5.2%。", "2024-01-26", "2024-04-12", "different days"),  # forecasts made on different days
    ],
)
def test_a_pair_whose_identity_is_in_doubt_is_related_not_contradictory(first, second, first_date, second_date, why):
    findings = findings_between(first, second, first_date, second_date)
    assert types(findings) == ["related"] and why in findings[0].reason


def test_a_forecast_stated_as_a_bound_agrees_with_a_figure_above_it():
    findings = findings_between("预计今年岚桥区外贸进出口超540亿元。", "今年岚桥区外贸进出口568亿元。", "2025-12-20", "2025-12-20")
    assert types(findings) == ["agreement"]


@pytest.mark.parametrize(("published", "verdict"), [("2025-01-20", "related"), ("2025-12-28", "contradiction")])
def test_a_forecast_early_in_its_year_is_a_forecast_one_at_its_end_an_estimate(published, verdict):
    findings = findings_between(
        "预计今年岚桥区粮食总产量达到31.5万吨。", "2025年,岚桥区粮食总产量32.4万吨。", published, "2026-02-10"
    )
    assert types(findings) == [verdict]


def test_a_forecast_of_a_day_made_that_day_is_a_forecast():
    findings = findings_between(
        "今天(10月3日),岚江景区预计接待游客8.2万人次。", "10月3日,岚江景区接待游客8.9万人次。", "2025-10-03", "2025-10-04"
    )
    assert types(findings) == ["related"]


def test_streaks_of_two_things_holding_one_place_are_two_figures():
    findings = findings_between("2024年,岚江港货物吞吐量连续6年位居全省第一。", "2024年,岚江港集装箱吞吐量连续7年位居全省第一。")
    assert "contradiction" not in types(findings)


def test_two_bounds_on_one_side_confirm_each_other_only_on_one_value():
    findings = findings_between("今年,岚江港货物吞吐量超过8130万吨。", "今年,岚江港货物吞吐量超过9390万吨。")
    assert "agreement" not in types(findings)
    assert types(findings_between("今年,岚江港吞吐量超过900万吨。", "今年,岚江港吞吐量超900万吨。")) == ["agreement"]


def test_event_counts_of_two_report_days_are_two_figures():
    """岚江海事局5日称…救助渔船12艘; another week 岚江海事局12日称…救助12艘: two rescues, not one."""
    findings = findings_between("岚江海事局5日称,已救助遇险渔船12艘。", "岚江海事局12日称,已救助遇险渔船12艘。", "2024-06-06", "2024-06-13")
    assert "agreement" not in types(findings)


def test_a_total_since_an_event_runs_to_the_day_it_is_written():
    """自2019年5月开通以来…210.5万吨 in March, …225.3万吨 in August: two points of one rising total."""
    first = "自2019年5月开通以来,岚江班列累计运送货物210.5万吨。"
    second = "自2019年5月开通以来,岚江班列累计运送货物225.3万吨。"
    assert claims_of(first, "2025-03-01")[-1].period == "2019-05..2025-03"
    assert types(findings_between(first, second, "2025-03-01", "2025-08-01")) == ["period_difference"]


@pytest.mark.parametrize(("later", "verdict"), [("2024年,岚江港共到发班列1017列。", "related"), ("2024年,岚江港共到发班列903列。", "contradiction")])
def test_a_running_total_below_the_later_total_is_no_contradiction(later, verdict):
    """今年以来…964列 in December; the year's 1017列 in January: the total only grew. 903 is less."""
    findings = findings_between("今年以来,岚江港共到发班列964列。", later, "2024-12-04", "2025-01-21")
    assert [f.type for f in findings if f.type in ("contradiction", "related")] == [verdict]


def test_two_bounds_confirm_each_other_only_near_their_edges():
    far = findings_between("今年,岚江港货物吞吐量超172万吨。", "今年,岚江港货物吞吐量近238万吨。")
    near = findings_between("今年,岚江港货物吞吐量突破44万吨。", "今年,岚江港货物吞吐量接近45万吨。")
    assert "agreement" not in types(far) and types(near) == ["agreement"]


def test_an_outcome_stated_as_a_bound_does_not_confirm_a_plan_above_it():
    """预计新建122公里, then 超110公里 built: the plan is not confirmed (110.5 would do too)."""
    findings = findings_between("今年,临江区预计新建农村公路122公里。", "今年,临江区新建农村公路超110公里。")
    assert "agreement" not in types(findings)


def test_a_change_without_period_words_is_of_its_day_not_last_years():
    """降低存款准备金率0.5个百分点 in May 2024 (今年以来) and in August 2025: two cuts."""
    findings = findings_between(
        "今年以来,临江农商行降低存款准备金率0.5个百分点。", "临江农商行降低存款准备金率0.5个百分点。", "2024-05-12", "2025-08-25"
    )
    assert "agreement" not in types(findings)


def test_an_ordinal_is_exact():
    """第十批 and 第十二批 are two batches: 十 is not 'about ten'."""
    findings = findings_between("第十批岚江援外医疗队今天出发。", "第十二批岚江援外医疗队今天出发。")
    assert "agreement" not in types(findings)


def test_bounds_that_meet_agree():
    nearly = claims_of("截至2024年底,岚桥区共建成近400个城市书房。")[-1]
    more = claims_of("截至2024年底,岚桥区城市书房达400多个。")[-1]
    assert values_agree(nearly, more) and values_agree(more, nearly)


@pytest.mark.parametrize(
    ("first", "second"),
    [("2024年,岚江运河全长134.2公里。", "2024年,青枫城际铁路全长142.3公里。"),
     ("2024年,岚桥区城际铁路开通,设计时速350公里。", "2024年,岚桥区高铁开工建设,设计时速350公里。")],
)
def test_dimensions_of_unnamed_objects_are_not_compared(first, second):
    findings = findings_between(first, second)
    assert not {"contradiction", "agreement"} & set(types(findings))
