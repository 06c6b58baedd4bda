"""Claim extraction rules, each on sentences written for the test (not from the seeds)."""

import pytest

from checker.claims import extract_claims
from checker.claims.metric import scope_words_in
from checker.ingest import parse_article
from checker.keys import metric_key
from tests.helpers import article, claim_quoting, claims_of


def quotes(body: str, date: str | None = "2024-06-06") -> list[str]:
    return [c.quote for c in claims_of(body, date)]


@pytest.mark.parametrize(
    ("body", "quote", "value", "unit"),
    [
        ("去年,临江区实现地区生产总值856.3亿元,同比增长6.1%。", "856.3亿元", 85_630_000_000, "元"),
        ("临江区常住人口达到52.4万人。", "52.4万人", 524_000, "人"),
        ("全年接待游客1200万人次。", "1200万人次", 12_000_000, "人次"),
        ("新建改造老旧小区12个,面积共约8.5万平方米。", "约8.5万平方米", 85_000, "平方米"),
        ("项目规划用地面积42.6公顷。", "42.6公顷", 42.6, "公顷"),
        ("实到外资1.3亿美元。", "1.3亿美元", 130_000_000, "美元"),
        ("引进博士32名。", "32名", 32, "人"),
        ("建成标准厂房18幢。", "18幢", 18, "幢"),
        ("新引进鲲鹏人才3名。", "3名", 3, "人"),
        ("该晶体重达840.5kg。", "840.5kg", 840.5, "千克"),
        # a multiplier before a unit that starts with 千 (千瓦, 千瓦时): the 千 is the unit's
        ("岚江电站装机容量达到1.2亿千瓦。", "1.2亿千瓦", 120_000_000, "千瓦"),
        ("全县用电量42.6万千瓦时。", "42.6万千瓦时", 426_000, "千瓦时"),
        ("全县粮食产量3.6亿斤。", "3.6亿斤", 180_000, "吨"),
        ("全年开行旅客列车604列。", "604列", 604, "列"),
        ("最高气温达38℃。", "38℃", 38, "℃"),
        ("能耗总量120万吨标准煤。", "120万吨标准煤", 1_200_000, "吨标准煤"),
        ("募集资金800万港币。", "800万港币", 8_000_000, "港元"),
        ("捐赠1000万人民币。", "1000万人民币", 10_000_000, "元"),
    ],
)
def test_value_is_normalized_to_base_units(body, quote, value, unit):
    claim = claim_quoting(claims_of(body), quote)
    assert claim.value == pytest.approx(value)
    assert claim.unit == unit


def test_number_without_unit_takes_the_unit_its_noun_implies():
    claim = claim_quoting(claims_of("临江区新增市民4.5万,政策惠及更多家庭。"), "4.5万")
    assert (claim.value, claim.unit) == (45_000, "人")


def test_chinese_numeral_counts_are_claims_but_one_is_an_article():
    found = quotes("全区培育八大产业集群,建成三所学校,打造一个示范区。")
    assert "八大" in found and "三所" in found
    assert not any(q.startswith("一") for q in found)


@pytest.mark.parametrize(
    ("body", "quote", "kind"),
    [
        ("综合实力位列全国百强区第41位。", "第41位", "rank"),
        ("比上年提升3位。", "3位", "rank_change"),
        ("首次挺进全国50强。", "50强", "top_n"),
        ("收入规模居全省第五。", "第五", "rank"),
        ("可支配收入增长6.8%。", "6.8%", "growth"),
        ("制造业增加值占GDP比重38%。", "38%", "share"),
        ("审批时间压缩到3个月。", "3个月", "duration"),
        ("2019年撤县设市。", "2019年", "event_year"),
        ("入选第四批省级名单。", "第四批", "other"),
    ],
)
def test_kind(body, quote, kind):
    assert claim_quoting(claims_of(body), quote).kind == kind


def test_rank_and_rank_change_are_different_kinds():
    claims = claims_of("综合实力位列全国百强区第41位,比上年提升3位。开发区综合考评晋升12位。")
    kinds = {c.quote: c.kind for c in claims}
    assert kinds["第41位"] == "rank"
    assert kinds["3位"] == "rank_change" and kinds["12位"] == "rank_change"


def test_falling_rank_change_is_negative():
    assert claim_quoting(claims_of("排名比上年下降2位。"), "2位").value == -2


@pytest.mark.parametrize(
    ("body", "quote", "qualifier"),
    [
        ("总投资约215亿元。", "约215亿元", "approx"),
        ("年均增加12亿元左右。", "12亿元左右", "approx"),
        ("年产值超过90亿元。", "超过90亿元", "lower_bound"),
        ("集聚人才600余人。", "600余人", "lower_bound"),
        ("卖出30多万件。", "30多万件", "lower_bound"),
        ("年产6亿件以上。", "6亿件以上", "lower_bound"),
        ("新增近2000个学位。", "近2000个", "upper_bound"),
        ("本届书展至少有360家出版社参展。", "至少有360家", "lower_bound"),
        ("单场观众不少于8000人。", "不少于8000人", "lower_bound"),
        ("城镇调查失业率低于5.5%。", "低于5.5%", "upper_bound"),
        ("参保职工达到15万人或以上。", "15万人或以上", "lower_bound"),
        ("每间教室学生45至50人。", "45至50人", "range"),
        ("入学年龄6岁以上、12岁以下。", "6岁以上", "lower_bound"),
        ("预计全年地区生产总值900亿元。", "900亿元", "estimate"),
        ("计划招引项目20个。", "20个", "estimate"),
        ("一般需要12至15个月。", "12至15个月", "range"),
        ("累计签约项目46个。", "46个", "cumulative"),
        ("预计新增近2000个学位。", "近2000个", "estimate"),
    ],
)
def test_qualifier_and_its_precedence(body, quote, qualifier):
    assert claim_quoting(claims_of(body), quote).qualifier == qualifier


def test_range_has_a_high_end():
    claim = claim_quoting(claims_of("落地需要12至15个月。"), "12至15个月")
    assert (claim.value, claim.value_high) == (12, 15)


@pytest.mark.parametrize(
    ("body", "date", "quote", "period"),
    [
        ("去年,全区地区生产总值856.3亿元。", "2024-06-06", "856.3亿元", "2023"),
        ("今年1-9月,规上工业增加值300.5亿元。", "2022-12-10", "300.5亿元", "2022-01..2022-09"),
        ("2023年以来,新增市民4.5万人。", "2024-06-06", "4.5万人", "2023..2024"),
        ("近五年来,累计投入120亿元用于民生。", "2022-12-10", "120亿元", "2018..2022"),
        ("“十三五”期间,年均增加30亿元左右。", "2021-02-23", "30亿元左右", "2016..2020"),
        ("截至2023年,累计培育企业25家。", "2024-06-06", "25家", "2023"),
        ("2022年全国百强榜第40位。", "2024-06-06", "第40位", "2022"),
    ],
)
def test_period_is_resolved_against_the_publication_date(body, date, quote, period):
    assert claim_quoting(claims_of(body, date), quote).period == period


def test_period_carries_to_the_next_sentence_of_the_paragraph():
    claims = claims_of("去年,全区地区生产总值856.3亿元。综合实力位列全国百强区第41位。")
    assert claim_quoting(claims, "第41位").period == "2023"


def test_relative_period_without_a_date_is_left_empty():
    claim = claim_quoting(claims_of("去年,全区地区生产总值856.3亿元。", date=None), "856.3亿元")
    assert claim.period == ""


def test_undated_article_infers_its_year_from_the_past_it_reports():
    text = "2022年,全区生产总值800亿元。去年,全区地区生产总值856.3亿元。"
    claim = claim_quoting(claims_of(text, date=None), "856.3亿元")
    assert claim.period == "2022" and claim.period_source == "inferred"


def test_year_framing_figures_is_not_a_claim_but_an_event_year_is():
    found = quotes("2019年撤县设市。2021年,全市游客接待量达到1200万人次。2020年,我们的脚步从未停止。")
    assert "2019年" in found
    assert "2021年" not in found and "2020年" not in found


def test_year_in_an_event_name_is_not_a_claim():
    assert "2023年" not in " ".join(quotes("2023年世界互联网大会上,临江发布新平台。"))


@pytest.mark.parametrize(
    "body",
    [
        "大力推进“三个一”工程和“四大行动”。",
        "e游小镇2.0版正式上线。",
        "全面推进5G基站建设。",
        "实施“1+9”政策体系。",
        "谱写长三角一体化新篇章,统一管理、统一队伍。",
        "千百年来,护碧波十里,盼百鸟来栖。",
        "一是稳增长,二是促改革。",
        "第一时间赶到现场。",
        "引进12英寸大硅片生产线。",
        "打造15分钟生活圈。",
        "当地人常说:“十户人家,九户做伞。”",
    ],
)
def test_labels_names_and_idioms_are_not_claims(body):
    assert quotes(body) == []


def test_quoted_count_is_a_claim_but_quoted_slogan_is_not():
    found = quotes("包括七大方面“42条”政策内容,推进“一号工程”。")
    assert "42条" in found and not any("一号" in q for q in found)


def test_quoted_speech_keeps_its_claims():
    body = "负责人介绍:“一般企业落地项目需要12至15个月,而在基地只需2至3个月。”"
    assert "12至15个月" in quotes(body)


def test_respectively_gives_one_subject_per_value():
    claims = claims_of("新材料、生物医药两大产业产值分别突破800亿元、300亿元。")
    assert claim_quoting(claims, "800亿元").subject == "新材料"
    assert claim_quoting(claims, "300亿元").subject == "生物医药"


def test_respectively_with_urban_and_rural_gives_two_metrics_and_pairs_the_rates():
    claims = claims_of("全区城乡居民人均可支配收入分别为70123元和41050元,分别增长5.2%和6.8%。")
    urban, rural = claim_quoting(claims, "70123元"), claim_quoting(claims, "41050元")
    assert "城镇" in urban.metric and "农村" in rural.metric
    assert claim_quoting(claims, "5.2%").metric == urban.metric
    assert claim_quoting(claims, "6.8%").metric == rural.metric


@pytest.mark.parametrize(
    "body",
    ["上半年,溪枫县规上工业产值、社会消费品零售总额同比增长8.4%、4.9%。",
     "上半年,溪枫县规上工业产值和社会消费品零售总额分别增长8.4%和4.9%。"],
)
def test_a_list_of_values_after_a_list_of_metrics_pairs_them_in_order(body):
    """…产值、…零售总额增长8.4%、4.9%: 分别 is often left out; the values are still respective."""
    claims = claims_of(body)
    assert [(c.quote, metric_key(c.metric), c.kind) for c in claims] == [
        ("8.4%", metric_key("工业产值"), "growth"),
        ("4.9%", metric_key("社会消费品零售总额"), "growth"),
    ]
    assert "规上" in claims[0].scope and "规上" not in claims[1].scope


def test_values_of_one_metric_in_a_list_are_not_paired_with_places():
    claims = claims_of("上半年,溪枫县和岚桥区游客量分别增长12.5%和9.1%。")
    assert [(c.subject, metric_key(c.metric), c.quote) for c in claims] == [
        ("溪枫", metric_key("游客量"), "12.5%"),
        ("岚桥", metric_key("游客量"), "9.1%"),
    ]


def test_two_groups_of_provinces_in_one_paragraph_are_two_subjects():
    claims = claims_of("华南四省外贸持续发力。前5个月进出口1.3万亿元。西北五省前5个月进出口0.6万亿元。")
    assert [c.subject for c in claims if c.kind == "amount"] == ["华南四省", "西北五省"]


def test_a_growth_after_a_clause_naming_another_place_is_that_places():
    """…投资300亿元,增长8%;对中亚地区投资增长较快,增长15%: the 15% is 中亚地区's."""
    claims = claims_of("今年,溪枫县对外投资300亿元,增长8%;对中亚地区投资增长较快,增长15%。")
    assert [(c.quote, c.subject) for c in claims if c.kind == "growth"] == [("8%", "溪枫"), ("15%", "中亚地区")]


@pytest.mark.parametrize(
    "body, holder",
    [("今年,溪枫县纺织行业稳步回升,实现营业收入86亿元。", "纺织行业"),
     ("今年,溪枫县规上电子信息制造业增加值增长9%,实现利润12亿元。", "电子信息制造业")],
)
def test_a_business_result_is_of_the_industry_its_sentence_opens_with(body, holder):
    result = next(c for c in claims_of(body) if c.kind == "amount")
    assert metric_key(result.metric).startswith(metric_key(holder))


def test_a_result_driven_by_a_figure_is_that_figures_activity():
    """…门票减免12万张,带动消费3.1亿元;…发放消费券8万张,带动消费2.4亿元: two results."""
    claims = claims_of("其中,景区门票减免12万张,带动消费3.1亿元;发放消费券8万张,带动消费2.4亿元。")
    assert [metric_key(c.metric) for c in claims if c.unit == "元"] == [
        metric_key("景区门票减免消费"),
        metric_key("发放消费券消费"),
    ]


def test_a_result_right_after_a_count_is_the_counted_activitys():
    """电动自行车以旧换新12万辆,销售额达3.6亿元。空调以旧换新9万台,销售额达3.4亿元: two results."""
    claims = claims_of("电动自行车以旧换新12万辆,销售额达3.6亿元。空调以旧换新9万台,销售额达3.4亿元。")
    amounts = [metric_key(c.metric) for c in claims if c.unit == "元"]
    assert amounts == [metric_key("电动自行车以旧换新销售额"), metric_key("空调以旧换新销售额")]


@pytest.mark.parametrize("body", ["溪枫县新材料产值占规上工业总产值的三成;实现利润9亿元。", "溪枫县坚持工业强县,全县实现利润9亿元。"])
def test_an_industry_named_after_a_verb_holds_nothing(body):
    """占规上工业总产值的三成;实现利润9亿元: 工业 is what the share is of, not whose profit."""
    assert claim_quoting(claims_of(body), "9亿元").metric == "利润"


def test_a_short_aside_in_brackets_splits_no_phrase():
    """我国国内(不含港澳台)有效商标…: 国内 still scopes the figure after the aside."""
    claims = claims_of("截至2023年底,我国国内（不含港澳台）有效商标注册量4500万件。")
    assert "国内" in claims[0].scope and metric_key(claims[0].metric) == metric_key("有效商标注册量")


@pytest.mark.parametrize(
    "body, is_claim",
    [("岚桥区首次跻身全国工业百强区30强。", True), ("溪枫队晋级省运会八强。", True),
     ("博览会吸引了120余家世界500强企业参展。", False), ("溪枫县加快打造十强产业链。", False)],
)
def test_a_top_n_list_is_a_claim_only_of_membership(body, is_claim):
    assert any(c.kind == "top_n" for c in claims_of(body)) == is_claim


def test_a_figure_after_a_rank_does_not_take_the_ranks_list_for_its_metric():
    """岚江十佳茶园第二名:云雾山茶园,收购价:每斤380元: a price, not a place in 十佳."""
    claims = claims_of("岚江十佳茶园第二名:云雾山茶园,收购价:每斤380元。")
    assert "十佳" not in claim_quoting(claims, "380元").metric


def test_all_of_gives_one_rank_per_figure():
    claims = claims_of("数字经济核心产业增加值增长38.2亿元、增速15.6%,均居全省第一。")
    assert [c.value for c in claims if c.kind == "rank"] == [1, 1]


def test_growth_rate_inherits_the_metric_it_measures():
    claims = claims_of("去年,全区实现地区生产总值856.3亿元,按可比价计算增长6.1%。")
    assert claim_quoting(claims, "6.1%").metric == claim_quoting(claims, "856.3亿元").metric == "地区生产总值"


def test_scope_words_are_kept():
    claims = claims_of("新增高新技术企业45家、省级研发机构12家,累计拥有国家级企业18家,规上企业产值90亿元。")
    assert "新增" in claim_quoting(claims, "45家").scope
    assert {"新增", "省级"} <= set(claim_quoting(claims, "12家").scope)
    assert claim_quoting(claims, "18家").scope == ("国家级",)  # 累计拥有: a stock, the same count as 拥有
    assert "规上" in claim_quoting(claims, "90亿元").scope


def test_offsets_quote_and_sentence_point_into_the_original_line():
    text = "去年，临江区实现地区生产总值８５６.３亿元，同比增长６.１％。"
    a = article(text)
    claim = claim_quoting(list(extract_claims(a).claims), "８５６.３亿元")
    line = a.lines[claim.line - 1]
    assert line[claim.start : claim.end] == claim.quote
    assert claim.value == pytest.approx(85_630_000_000)
    assert claim.sentence == text


def test_subject_is_the_place_named_not_a_level_or_ranking_scope():
    claims = claims_of("临江区目前拥有绍兴市级领军人才345名。综合实力居全省第五。")
    assert claim_quoting(claims, "345名").subject == "临江"
    assert claim_quoting(claims, "第五").subject == "临江"


def test_skipped_numbers_are_reported_with_a_reason():
    extraction = extract_claims(article("e游小镇2.0版上线,新增企业12家。"))
    assert [c.quote for c in extraction.claims] == ["12家"]
    assert any(s.text == "2.0" and "version" in s.reason for s in extraction.skipped)
    assert extraction.numbers == 2


def test_boilerplate_lines_give_no_claims():
    body = "正文:新增企业12家。\n浏览次数:【454】\n相关资讯推荐\n网友热议3000条"
    assert quotes(body) == ["12家"]


def test_a_period_after_bi_frames_only_the_figure_right_after_it():
    claims = claims_of("2021年,山东生产总值为83095.9亿元,比2020年的73129亿元增加了9966.9亿元。", "2022-01-22")
    assert claim_quoting(claims, "83095.9亿元").period == "2021"
    assert claim_quoting(claims, "73129亿元").period == "2020"


def test_a_difference_against_another_figure_is_marked():
    claims = claims_of("全国新开工改造城镇老旧小区2.71万个,比计划数量多2100个。", "2026-01-29")
    assert claim_quoting(claims, "2100个").reference == "对比"
    assert claim_quoting(claims, "2.71万个").reference == ""


def test_editions_and_parts_are_scopes():
    claims = claims_of("财政部发行今年第一期国债,认购倍数3.94倍。", "2026-02-11")
    assert "第一期" in claim_quoting(claims, "3.94倍").scope
    claims = claims_of("今年1-8月,服务外包执行额8314亿元。其中,离岸服务外包执行额4793亿元,财政收入99亿元。", "2022-09-26")
    assert "其中" in claim_quoting(claims, "4793亿元").scope
    assert "其中" not in claim_quoting(claims, "8314亿元").scope + claim_quoting(claims, "99亿元").scope


def test_an_undated_figure_takes_the_year_its_paragraph_reports_on():
    body = "2023年,岚桥区经济平稳增长。\n新建5G基站420个,新增城镇就业1.3万人。\n去年,全区新建公园6个。\n全区现有公园40个。"
    claims = claims_of(body, "2024-07-01")
    assert {c.period for c in claims if c.quote in ("420个", "1.3万人", "6个")} == {"2023"}
    assert claim_quoting(claims, "40个").period == "2024"  # 去年 framed only its own paragraph


def test_an_annual_review_early_in_the_year_reports_on_the_year_before():
    claim = claim_quoting(claims_of("全县新增市场主体8600户。", "2025-01-20"), "8600户")
    assert claim.period == "2024"


@pytest.mark.parametrize(
    ("body", "quote", "period"),
    [
        ("十三五期间,溪枫县财政总收入达到86.4亿元。", "86.4亿元", "2020"),
        ("十三五期间,溪枫县累计新建农村公路320公里。", "320公里", "2016..2020"),
        ("十三五期间,溪枫县生产总值年均增长7.1%。", "7.1%", "2016..2020"),
    ],
)
def test_a_level_in_a_multi_year_summary_is_the_last_years(body, quote, period):
    assert claim_quoting(claims_of(body), quote).period == period


def test_the_country_named_for_comparison_does_not_become_the_subject_of_later_sentences():
    body = "岚桥区居民收入增速高于全国平均水平。全年新增就业岗位8200个。"
    assert claim_quoting(claims_of(body), "8200个").subject == "岚桥"


def test_the_place_heading_a_metric_is_its_subject():
    body = "岚桥区今年经济稳中有进。岚桥GDP达到612.4亿元。"
    claim = claim_quoting(claims_of(body), "612.4亿元")
    assert (claim.subject, claim.metric) == ("岚桥", "GDP")


def test_a_rank_is_about_the_list_it_ranks_in_and_its_yearly_edition():
    body = "8月20日,《2024全国百强县报告》发布。溪枫县位列第18位,比上年提升3位;在全省参评县中排名第5。"
    claims = claims_of(body, "2024-08-21")
    rank, change, provincial = (claim_quoting(claims, q) for q in ("第18位", "3位", "第5"))
    assert "百强" in rank.metric and rank.period == "2024"
    assert (change.kind, change.metric) == ("rank_change", rank.metric)
    assert "百强" not in provincial.metric  # ranked in another list: never compared with the first


@pytest.mark.parametrize(("body", "value"), [("综合排名跃升5个名次。", 5), ("在全省的排名前进三个位次。", 3)])
def test_places_counted_in_ge_are_a_rank_change(body, value):
    claim = claims_of(body)[0]
    assert (claim.kind, claim.value, claim.unit) == ("rank_change", value, "位")


def test_the_home_place_is_the_district_not_the_city_written_before_it():
    body = "云梧市岚桥区召开经济工作会议。全区新建城市公园12个。"
    assert claim_quoting(claims_of(body), "12个").subject == "岚桥"


def test_an_organisation_is_never_the_home_place():
    body = "全区上市公司达到31家。去年全区新增市场主体9200户。"
    assert claim_quoting(claims_of(body), "9200户").subject != "全区上市公司"


def test_a_government_body_names_the_home_place():
    body = "中共松岚县委十五届六次全会召开。会议通报,去年全县粮食总产量达到31.6万吨。"
    assert claim_quoting(claims_of(body), "31.6万吨").subject == "松岚"


def test_the_masthead_of_a_media_centre_names_the_home_place():
    text = "桐屿区融媒体中心 · 新闻稿\n发布日期:2024-03-01\n\n去年我区新增市场主体8600户。"
    claims = extract_claims(parse_article(text.encode("utf-8"), "m.txt")).claims
    assert claim_quoting(list(claims), "8600户").subject == "桐屿"


def test_the_home_place_is_at_the_level_the_article_calls_itself():
    body = (
        "桐屿区统计局召开普查工作会议。按照江州市统一部署,江州市各地开展经济普查,江州市普查办加强督导。"
        "全区规上工业总产值达到860亿元。"
    )
    assert claim_quoting(claims_of(body), "860亿元").subject == "桐屿"


def test_a_list_item_that_names_only_its_scope_measures_what_the_list_named():
    claims = claims_of("去年全市居民人均消费支出32150元,城镇居民41200元,农村居民21900元。")
    total, urban = claim_quoting(claims, "32150元"), claim_quoting(claims, "41200元")
    assert metric_key(urban.metric) == metric_key(total.metric) == "消费 支出"
    assert {"城镇", "人均"} <= set(urban.scope) and "农村" not in urban.scope


def test_a_clause_with_only_a_verb_measures_what_the_clause_before_named():
    claims = claims_of("全县现有省级孵化器18家,累计新增7家。")
    added = claim_quoting(claims, "7家")
    assert metric_key(added.metric) == "孵化器" and "累计" in added.scope


def test_a_level_after_a_rate_measures_the_rate_s_quantity_but_not_its_average():
    claims = claims_of("十年间全县粮食产量年均增长2.1%,2023年达到41.3万吨。")
    level = claim_quoting(claims, "41.3万吨")
    assert metric_key(level.metric) == metric_key("粮食产量") and "年均" not in level.scope


def test_a_stock_totalled_over_a_plan_period_is_as_of_its_end_or_of_today_while_it_runs():
    body = "“十四五”以来,全市累计拥有省级以上领军人才128名,累计新增高新技术企业300家。"
    claims = claims_of(body, "2024-06-06")
    talents, added = claim_quoting(claims, "128名"), claim_quoting(claims, "300家")
    assert (talents.period, talents.scope) == ("2024-06-06", ("省级以上",))
    assert added.period == "2021..2024" and "累计" in added.scope
    assert claim_quoting(claims_of(body, "2025-02-10"), "128名").period == "2024-12-31"


def test_a_level_in_a_summary_of_a_span_still_going_on_is_of_its_day():
    claims = claims_of("“十四五”期间,全省高铁营业里程达4800公里。", "2025-07-21")
    assert claims[-1].period == "2025-07-21"
    assert claims_of("“十四五”期间,全省高铁营业里程达5040公里。", "2026-01-11")[-1].period == "2025"


@pytest.mark.parametrize(
    ("metric", "scope"),
    [
        ("规上工业增加值", ("规上",)),  # one dictionary word that starts with its scope
        ("规模以上工业增加值", ("规上",)),
        ("工业增加值", ()),  # 增加 of 增加值 is not 新增
        ("居民收入", ("人均",)),  # the synonym it stands for is per head
    ],
)
def test_scope_words_inside_a_metric(metric, scope):
    assert scope_words_in(metric) == scope


@pytest.mark.parametrize("body", ["全市上市公司总数达到46家。", "整个科技园规划用地3200亩。"])
def test_a_home_word_or_a_determiner_does_not_start_an_organisation_name(body):
    claim = claims_of(body)[0]
    assert claim.subject_source == "home"


def test_qi_zhong_marks_a_part_only_in_its_own_sentence():
    claims = claims_of("全年接待游客980万人次,其中过夜接待游客310万人次。预计明年接待游客突破1000万人次。")
    assert "其中" in claim_quoting(claims, "310万").scope
    assert "其中" not in claim_quoting(claims, "1000万").scope


def test_the_subject_is_the_topic_of_the_sentence_not_a_place_named_after_a_verb():
    body = "  青枫产业园是桐屿县重点打造的制造业平台,规划总占地3000亩,总投资120亿元。"  # indented
    assert claim_quoting(claims_of(body), "120亿元").subject == "青枫产业园"


def test_an_object_of_a_verb_is_not_the_subject_of_the_clauses_after_it():
    body = "青枫产业园总投资120亿元。一期主要建设仓储中心、冷链基地和配套设施,建设周期24个月。"
    assert claim_quoting(claims_of(body), "24个月").subject == "青枫产业园"


def test_a_figure_before_de_describes_the_name_after_it():
    body = "总投资42亿元的青枫物流园区今年将投入使用。"
    assert claim_quoting(claims_of(body), "42亿元").subject == "青枫物流园区"


def test_a_place_that_opens_its_clause_is_what_is_ranked():
    body = "在今年发布的全国百强县榜单中,桐屿县跃升至第18位。"
    claim = claim_quoting(claims_of(body), "第18位")
    assert claim.subject == "桐屿"


@pytest.mark.parametrize("body", ["在今年发布的全国百强县榜单中,桐屿县跃升至第18位。", "全国千强镇名单公布,青枫镇位列第5。"])
def test_the_top_n_of_a_list_name_is_not_a_claim(body):
    assert [c.kind for c in claims_of(body)] == ["rank"]


def test_a_clause_that_names_its_topic_after_a_modifier_is_about_that_name():
    body = "桐屿区统计局发布报告。如今,毗邻长江经济带核心区域的青枫县,正在加速崛起:综合实力跃居全国百强县第41位。"
    assert claim_quoting(claims_of(body), "第41位").subject == "青枫"


def test_a_clause_opening_with_a_new_period_ends_a_running_total():
    claims = claims_of("截至目前,全县累计拥有高层次人才520名;今年新引进高校毕业生8600人。")
    assert "累计" not in claim_quoting(claims, "8600人").scope


def test_a_project_phase_holds_across_the_dates_of_its_sentence():
    claims = claims_of("青枫物流园区其中二期项目投资20亿元,2023年5月开工,建设周期24个月。")
    assert "二期" in claim_quoting(claims, "24个月").scope


def test_the_ends_of_an_undated_change_are_not_levels_of_the_article_s_year():
    claims = claims_of("八年来,全县财政收入从18亿元增长到45亿元。")
    assert [c.reference for c in claims] == ["区间", "区间"]
    dated = claims_of("全县财政收入从2016年的18亿元增长到2023年的45亿元。")
    assert [(c.period, c.reference) for c in dated] == [("2016", ""), ("2023", "")]


@pytest.mark.parametrize("method", ["按可比价格计算", "按可比价计算", "扣除价格因素"])
def test_a_pricing_method_is_not_part_of_what_grows(method):
    claim = claims_of(f"全县地区生产总值{method}同比增长6.4%。")[0]
    assert metric_key(claim.metric) == metric_key("地区生产总值")


def test_a_rank_change_with_le_is_a_rank_change():
    claims = claims_of("在全国百强县名单中列第四十一位,比上年前进了三个位次。")
    assert [(c.kind, c.value) for c in claims] == [("rank", 41), ("rank_change", 3)]
    assert metric_key(claims[0].metric) == metric_key("百强县")


@pytest.mark.parametrize("body", ["青枫县第十五届人民代表大会第三次会议开幕。", "第五代移动通信基站建设提速。", "第二轮环保督察启动。"])
def test_ordinal_labels_of_events_are_not_claims(body):
    extraction = extract_claims(article(body))
    assert not extraction.claims
    assert all(s.reason.startswith("ordinal") for s in extraction.skipped)


def test_a_running_total_as_of_a_day_during_a_holiday_is_that_day_s():
    claims = claims_of("截至昨天(1月16日),全省共发送春运旅客3890万人次。", "2023-01-17")
    assert claims[0].period == "2023-01-16"


def test_a_holiday_going_on_in_january_is_this_year_s():
    claim = claims_of("春运以来,全省铁路发送旅客84万人次。", "2023-01-17")[-1]
    assert claim.period == "2023-01..2023-03#春运"


@pytest.mark.parametrize(
    "sentence",
    ["春运进入第11天,全省铁路发送旅客84万人次。", "五一假期首日,青枫县接待游客12.6万人次。", "暑期单日,溪枫机场旅客吞吐量3.2万人次。",
     "春运前12天,全省铁路发送旅客1020万人次。"],
)
def test_one_day_of_a_holiday_is_that_day_not_the_holiday(sentence):
    """…or its first days so far (春运前12天): the total as of the day reported, not the season's."""
    claim = claims_of(sentence, "2023-01-17")[-1]
    assert claim.period == "2023-01-17"


def test_the_words_of_a_change_are_not_what_changes():
    claims = claims_of("2023年,全县土地出让面积2.1万亩,同比增加18%。土地出让价款96亿元,同比增加33.5%。")
    assert [metric_key(c.metric) for c in claims if c.unit == "%"] == [metric_key("土地出让面积"), metric_key("土地出让价款")]


def test_the_nth_day_of_an_event_is_a_label_not_a_rank():
    extraction = extract_claims(article("青枫县运动会进入开幕后第三个比赛日。"))
    assert not extraction.claims and extraction.skipped[0].reason.startswith("ordinal label")


@pytest.mark.parametrize(
    "body",
    ["报告显示,今年青枫县经济将增长6.1%。", "机构预估今年全县粮食产量将突破50万吨。", "今年青枫县林木覆盖率将提升至64%。"],
)
def test_a_figure_in_the_future_tense_is_a_forecast(body):
    assert claims_of(body)[-1].qualifier == "estimate"


def test_jiang_before_a_noun_is_not_the_future_tense():
    """将林木覆盖率提升至64%: 将 is 把 here, it marks the object, not a forecast."""
    assert claims_of("去年,青枫县将林木覆盖率提升至64%。")[-1].qualifier == "exact"


def test_a_base_year_frames_no_figure_after_it():
    """上年 is written as the base of a comparison: 比上年末净增, 由上年全年下降…转为."""
    claims = claims_of("截至5月末,青枫县注册船舶1.2万艘,比上年末净增800艘。其中,货船6100艘。")
    assert {c.quote: c.period for c in claims} == {"1.2万艘": "2024-05", "800艘": "2024-05", "6100艘": "2024-05"}


def test_a_share_of_a_base_year_is_of_the_current_period():
    """客流恢复到2019年同期的91%: the share is this year's, 2019 is what it is a share of."""
    claims = claims_of("今年一季度,岚江码头客流恢复到2019年同期的91%。")
    assert [(c.quote, c.period) for c in claims] == [("91%", "2024-01..2024-03")]
    for verb in ("相当于", "恢复至"):
        assert claims_of(f"今年一季度,岚江码头客流{verb}2019年同期的91%。")[0].period == "2024-01..2024-03"


@pytest.mark.parametrize("base", ["上年同期的", "去年同期的"])
def test_the_same_period_of_a_base_year_is_those_months_of_that_year(base):
    """1-4月…低于上年同期的38万吨: the base's figure is of the same months a year before."""
    claims = claims_of(f"1-4月,岚江港集装箱吞吐量36万吨,低于{base}38万吨。")
    assert [(c.quote, c.period) for c in claims] == [("36万吨", "2024-01..2024-04"), ("38万吨", "2023-01..2023-04")]


def test_a_base_year_opening_a_clause_frames_the_same_months_of_that_year():
    """一季度…。而在去年同期,岚桥区GDP为…: the figures after are last year's first quarter."""
    claims = claims_of("一季度,溪枫县GDP为210.5亿元。而在去年同期,溪枫县GDP为198.2亿元,岚桥区为201.7亿元。")
    assert [c.period for c in claims] == ["2024-01..2024-03", "2023-01..2023-03", "2023-01..2023-03"]


def test_a_base_year_inside_a_phrase_frames_nothing():
    """叠加去年同期低基数等因素,…利润总额…: 去年同期 is what the rise is measured against."""
    claims = claims_of("1-8月,受去年同期低基数影响,溪枫县规上工业利润总额86.4亿元。", date="2024-09-27")
    assert [c.period for c in claims] == ["2024-01..2024-08"]


def test_a_period_compared_with_frames_nothing_after_it():
    """…增长6.4%,与一季度基本持平。服务业…增长5.5%: of the half year, not of 一季度."""
    claims = claims_of("上半年,溪枫县工业产值增长6.4%,与一季度基本持平。服务业增加值增长5.5%。")
    assert [c.period for c in claims] == ["2024-01..2024-06", "2024-01..2024-06"]


def test_a_list_of_values_shares_the_scope_written_before_the_first():
    """年均增长9.2%、8.2%: both are yearly averages, paired with the list named before."""
    claims = claims_of("十四五期间,溪枫县工业产值、服务业增加值分别增长42%和37.1%,年均增长9.2%、8.2%。")
    averages = [c for c in claims if "年均" in c.scope]
    assert [(c.quote, metric_key(c.metric)) for c in averages] == [
        ("9.2%", metric_key("工业产值")),
        ("8.2%", metric_key("服务业增加值")),
    ]


@pytest.mark.parametrize("date, period", [("2024-03-20", "2024-12-31"), ("2025-01-20", "2024-12-31")])
def test_a_deadline_year_end_is_the_coming_one(date, period):
    """到年底 in March is this year's end; in a January review of the year before, that year's."""
    assert claims_of("到年底,青枫县污水处理率达到97%。", date=date)[-1].period == period


@pytest.mark.parametrize("body", ["青枫县十七届人大三次会议开幕。", "建县60周年纪念大会举行。", "今年是岚桥与溪枫结对30周年。"])
def test_sessions_and_anniversaries_are_labels(body):
    extraction = extract_claims(article(body))
    assert not extraction.claims and all(s.reason.startswith("label of") for s in extraction.skipped)


def test_a_term_with_a_plenary_numbered_inside_it_is_a_label():
    extraction = extract_claims(article("岚江民盟九届三中全会在青枫召开。"))
    assert not extraction.claims and extraction.skipped[0].reason.startswith("label of a session")


def test_a_count_of_sessions_stays_a_claim():
    assert [c.quote for c in claims_of("青枫马拉松已连续举办五届。")] == ["五届"]


def test_a_sentence_without_period_words_takes_the_day_the_sentence_before_is_as_of():
    claims = claims_of("截至3月9日,今年全县家电以旧换新补贴申请量2.4万份。其中,冰箱以旧换新5120台。", "2025-03-10")
    assert [c.period for c in claims] == ["2025-03-09", "2025-03-09"]


@pytest.mark.parametrize("body", ["青枫县委深入贯彻中央八项规定精神。", "岚桥区干部牢记两个维护,打好三大攻坚战。"])
def test_a_numbered_formula_of_political_language_is_a_name(body):
    extraction = extract_claims(article(body))
    assert not extraction.claims and all(s.reason.startswith("name of a numbered formula") for s in extraction.skipped)


def test_a_count_of_rules_is_still_a_claim():
    assert [c.quote for c in claims_of("2024年,青枫县出台八项规定细则配套制度12项。")] == ["12项"]


def test_a_headline_starts_a_story_whose_years_are_its_own():
    """A roundup: the year of one story's paragraph does not date the next story's figures."""
    body = "溪枫县新闻汇编\n\n2022年,溪枫县粮食产量41.3万吨。\n\n岚江码头客流创下开港以来新高\n\n岚江码头接待游客120万人次。"
    assert claim_quoting(claims_of(body), "120万人次").period == "2024"


def test_a_section_heading_keeps_the_year_of_the_documents_title():
    body = "2023年溪枫县统计公报\n\n一、综合\n\n2023年全县生产总值520亿元。\n\n二、农业\n\n全年粮食产量41.3万吨。"
    assert claim_quoting(claims_of(body, date="2024-03-28"), "41.3万吨").period == "2023"


@pytest.mark.parametrize("heading", ["粮食生产", "图为溪枫县新城区的夜景灯光秀现场"])
def test_a_sub_heading_or_a_caption_is_no_new_story(heading):
    """…2022年,…。粮食生产 / 图为…: the paragraph after is still about 2022."""
    body = f"溪枫县经济回顾\n\n2022年,溪枫县播种面积50万亩。\n\n{heading}\n\n全年粮食产量41.3万吨。"
    assert claim_quoting(claims_of(body), "41.3万吨").period == "2022"


def test_a_context_year_word_after_a_holiday_is_the_years():
    """暑期档票房超20亿元 年度票房超300亿元: the second figure is the year's, not the season's."""
    claims = claims_of("暑期档票房超20亿元 年度票房超300亿元", date="2024-07-15")
    assert [c.period for c in claims] == ["2024-06..2024-08#暑期档", "2024"]


def test_a_title_opening_a_sentence_is_its_subject():
    assert claims_of("新剧《岚江往事》开播10天,播放量已超3亿次。")[-1].subject == "岚江往事"


@pytest.mark.parametrize(
    "body",
    ["《岚江文旅年报》显示,游客量达到900万人次。",
     "根据《岚江文旅规划》,游客量达到900万人次。",
     "《岚江文旅规划》今年出台,预计游客量达到900万人次。"],
)
def test_a_title_that_is_the_source_is_not_the_subject(body):
    assert "岚江文旅" not in claims_of(body)[-1].subject


def test_a_story_headed_by_a_plan_dates_its_undated_figures_to_the_plans_end():
    body = "溪枫新闻\n\n今年粮食产量创新高。\n\n“十五五”期间溪枫县加快建设水网\n\n全县供水普及率提升至99%,新增灌溉面积3万亩。"
    assert claim_quoting(claims_of(body, date="2025-12-10"), "99%").period == "2030"


def test_a_fraction_is_claimed_as_the_percentage_it_is_shown_to():
    claim = claim_quoting(claims_of("外地游客占比超过三分之二。"), "超过三分之二")
    assert (claim.value, claim.unit, claim.qualifier) == (66.67, "%", "lower_bound")


def test_money_in_yuan_and_jiao_is_a_claim_in_yuan():
    claim = claim_quoting(claims_of("猪肉零售价每斤降到14元5角。"), "14元5角")
    assert (claim.value, claim.unit, claim.dimension) == (14.5, "元", "money")


def test_a_range_of_fractions_is_claimed_to_the_digits_shown_at_both_ends():
    claim = claim_quoting(claims_of("三分之一至三分之二的受访者表示满意。"), "三分之一至三分之二")
    assert (claim.value, claim.value_high) == (33.33, 66.67)
