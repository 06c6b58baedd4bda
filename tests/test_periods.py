import datetime as dt
import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.periods import Period, find_periods, shift_label


def only(text, pub=2024, **kwargs):
    found = find_periods(text, pub, **kwargs)
    assert len(found) == 1, [(p.text, p.label) for p in found]
    return found[0]


def labels(text, pub=2024):
    return [p.label for p in find_periods(text, pub)]


# --- relative years ------------------------------------------------------------------------


def test_last_year_is_relative_to_publication():
    p = only("去年,全区地区生产总值增长7.6%。")
    assert (p.label, p.source, p.year, p.text) == ("2023", "relative", 2023, "去年")


@pytest.mark.parametrize(
    "text, label",
    [("今年", "2024"), ("去年", "2023"), ("前年", "2022"), ("明年", "2025"), ("上一年", "2023"), ("本年", "2024")],
)
def test_relative_year_words(text, label):
    assert only(f"{text}全区新增企业300家").label == label


def test_this_year_with_months():
    p = only("今年1-9月,全区实现工业增加值")
    assert (p.label, p.text, p.source) == ("2024-01..2024-09", "今年1-9月", "relative")


def test_this_year_with_months_written_with_zhi():
    assert only("今年1至9月份,出口增长").label == "2024-01..2024-09"


@pytest.mark.parametrize("pub, label", [(2022, "2018..2022"), (2024, "2020..2024")])
def test_recent_years(pub, label):
    p = only("近五年来,全区累计投资", pub)
    assert (p.label, p.source) == (label, "relative")


@pytest.mark.parametrize(
    "text, label",
    [("近3年", "2022..2024"), ("过去五年", "2020..2024"), ("最近两年", "2023..2024"), ("回顾三年", "2022..2024"), ("回首十年", "2015..2024")],
)
def test_recent_years_variants(text, label):
    assert only(text + "累计完成投资").label == label


# --- explicit years ------------------------------------------------------------------------


def test_explicit_year():
    p = only("2023年,全区实现生产总值1350亿元")
    assert (p.label, p.source, p.year, p.start, p.end) == ("2023", "explicit", 2023, 0, 5)


def test_explicit_year_ignores_publication_year():
    assert only("2019年新增企业", pub=None).label == "2019"


def test_year_in_chinese_numerals():
    assert only("二〇二三年工作报告").label == "2023"


def test_decade_is_not_a_year():
    assert labels("2020年代以来") == []


def test_since_year_has_open_start():
    p = only("2023年以来,累计引进人才")
    assert (p.label, p.open_start, p.year, p.source) == ("2023..2024", True, 2024, "explicit")


@pytest.mark.parametrize("text", ["2020年至今", "2020年起"])
def test_since_year_variants(text):
    p = only(text + "累计投资")
    assert (p.label, p.open_start) == ("2020..2024", True)


def test_since_this_year_is_just_this_year():
    assert only("2024年以来", pub=2024).label == "2024"


def test_as_of_year():
    p = only("截至2023年,全区共有高新技术企业")
    assert (p.label, p.text, p.start) == ("2023", "截至2023年", 0)


@pytest.mark.parametrize(
    ("text", "label"),
    [("截至2023年底,全区共有企业", "2023-12-31"), ("去年末,全县户籍人口", "2023-12-31"), ("到年底,全市将建成", "2024-12-31")],
)
def test_end_of_year_is_a_point_in_time(text, label):
    assert only(text).label == label


@pytest.mark.parametrize(
    "text, label",
    [
        ("2016-2020年", "2016..2020"),
        ("2016—2020年", "2016..2020"),
        ("2016至2020年", "2016..2020"),
        ("2019年至2023年", "2019..2023"),
        ("2019年到2023年", "2019..2023"),
    ],
)
def test_year_ranges(text, label):
    p = only(text + ",全区生产总值年均增长6%")
    assert (p.label, p.text, p.year) == (label, text, int(label[-4:]))


def test_year_with_month_is_date_like():
    p = only("2022年3月,项目正式开工")
    assert p.date_like
    assert p.year == 2022


def test_plain_year_is_not_date_like():
    assert not only("2022年项目正式开工").date_like


# --- parts of a year -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, pub, label",
    [
        ("上半年", 2024, "2024-01..2024-06"),
        ("下半年", 2024, "2024-07..2024-12"),
        ("前三季度", 2024, "2024-01..2024-09"),
        ("一季度", 2024, "2024-01..2024-03"),
        ("第四季度", 2024, "2024-10..2024-12"),
        ("2023年上半年", 2024, "2023-01..2023-06"),
        ("2022年前三季度", 2024, "2022-01..2022-09"),
        ("2023年一季度", 2024, "2023-01..2023-03"),
        ("去年上半年", 2024, "2023-01..2023-06"),
        ("2022年1-6月", 2024, "2022-01..2022-06"),
        ("2022年1-12月", 2024, "2022"),
        ("1-9月", 2024, "2024-01..2024-09"),
    ],
)
def test_sub_periods(text, pub, label):
    p = only(text + ",全区出口增长5%", pub)
    assert (p.label, p.text) == (label, text)


def test_sub_period_without_year_is_relative():
    assert only("上半年,出口增长").source == "relative"


def test_sub_period_with_year_is_explicit():
    assert only("2023年上半年,出口增长").source == "explicit"


# --- plans, decades, as of -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, label",
    [("十三五", "2016..2020"), ("十三五期间", "2016..2020"), ("十四五规划", "2021..2025"), ("十二五时期", "2011..2015")],
)
def test_plan_periods(text, label):
    p = only(f"“{text}”全区生产总值年均增长")
    assert (p.label, p.text, p.source) == (label, text, "explicit")


@pytest.mark.parametrize(
    "text, label",
    [("上世纪80年代", "1980..1989"), ("上世纪八十年代", "1980..1989"), ("20世纪90年代", "1990..1999")],
)
def test_decades(text, label):
    p = only(text + "初,这里还是一片滩涂")
    assert (p.label, p.text) == (label, text)


@pytest.mark.parametrize("word", ["目前", "截至目前", "当前", "如今"])
def test_as_of_words(word):
    p = only(word + ",全区共有规上企业")
    assert (p.label, p.source, p.text) == ("2024", "as_of", word)


# --- without a publication year, inferred years --------------------------------------------


@pytest.mark.parametrize("text", ["去年", "今年1-9月", "近五年来", "上半年", "前三季度", "明年"])
def test_relative_words_without_publication_year(text):
    p = only(text + "全区新增企业", pub=None)
    assert p.label == ""
    assert p.year is None


def test_as_of_without_publication_year():
    p = only("目前全区共有企业", pub=None)
    assert (p.label, p.source) == ("", "as_of")


def test_inferred_relative_source():
    p = only("去年全区新增企业", inferred=True)
    assert (p.label, p.source) == ("2023", "inferred")


def test_inferred_does_not_touch_explicit_years():
    assert only("2021年全区新增企业", inferred=True).source == "explicit"


# --- several periods in one line -----------------------------------------------------------


def test_several_periods_in_order_without_overlap():
    line = "2023年上半年,出口增长5%;去年出口增长3%,近三年来累计增长20%,“十四五”以来新增企业,目前共有3000家。"
    found = find_periods(line, 2024)
    assert [p.label for p in found] == ["2023-01..2023-06", "2023", "2022..2024", "2021..2024", "2024"]  # 十四五以来: so far
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start
    for p in found:
        assert p.text == line[p.start : p.end]


def test_months_after_a_year_are_not_a_second_period():
    assert labels("2022年1-9月,全区出口增长") == ["2022-01..2022-09"]


def test_no_periods_in_plain_text():
    assert find_periods("全区新增企业300家,增长7.6%。", 2024) == []


# --- shift_label ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, years, label",
    [
        ("2023年", -1, "2022"),
        ("2022年1-9月", -1, "2021-01..2021-09"),
        ("2016-2020年", 5, "2021..2025"),
        ("去年", -1, "2022"),
    ],
)
def test_shift_label(text, years, label):
    assert shift_label(only(text), years) == label


def test_shift_label_of_unresolved_period():
    assert shift_label(only("去年", pub=None), -1) == ""


def test_shift_label_of_hand_made_period():
    period = Period("2020..2022", "", 0, 0, "explicit", 2022)
    assert shift_label(period, 1) == "2021..2023"


# --- properties ----------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("0123456789-至到~—年月日份以来起今去前近过去上下半季度第一二两三四五六七八九十〇截止目当世纪代"
         "十三五期间规划,，。 ")
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), st.text(alphabet=_ALPHABET, max_size=40)),
       st.one_of(st.none(), st.integers(1990, 2030)), st.booleans())  # fmt: skip
def test_periods_are_ordered_spans_of_the_line(text, pub, inferred):
    end = 0
    for p in find_periods(text, pub, inferred):
        assert end <= p.start <= p.end <= len(text)
        assert p.text == text[p.start : p.end]
        end = p.end


# --- rules added for daily news (新闻联播 transcripts) --------------------------------------

import datetime as _dt


def _labels(text, published, context=None):
    return [p.label for p in find_periods(text, published.year, False, context, published)]


def test_today_and_dates_are_day_periods():
    published = _dt.date(2024, 2, 8)
    assert _labels("今天全社会跨区域人员流动量超2.38亿人次", published) == ["2024-02-08"]
    assert _labels("昨天发送旅客", published) == ["2024-02-07"]
    assert _labels("截至24日,美国今年以来已发生496起", _dt.date(2022, 9, 25))[0] == "2022-09-24"


def test_months_without_a_year_belong_to_the_year_they_have_ended_in():
    assert _labels("前三季度,城镇新增就业1022万人", _dt.date(2023, 10, 26)) == ["2023-01..2023-09"]
    assert _labels("前三季度,城镇新增就业1022万人", _dt.date(2024, 1, 20)) == ["2023-01..2023-09"]
    assert _labels("今年前两个月,规模以上工业企业利润增长10.2%", _dt.date(2024, 4, 18))[-1] == "2024-01..2024-02"


def test_a_single_month_after_a_year_is_that_month():
    assert _labels("2023年12月份,规上工业企业利润增长16.8%", _dt.date(2024, 1, 27)) == ["2023-12"]


def test_a_period_after_bi_or_jiao_is_marked_compared():
    periods = find_periods("11月末,外汇储备规模为31175亿美元,较10月末上升651亿美元", 2022, published=_dt.date(2022, 12, 7))
    assert [(p.label, p.compared) for p in periods] == [("2022-11", False), ("2022-10", True)]


# --- the first-character filter ---------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "2016-2020年", "2019年至2023年", "二〇二三年", "今年以来", "近五年来", "过去3年", "最近两年", "未来五年", "今后3年",
    "十四五时期", "上世纪90年代", "20世纪八十年代", "目前", "全年", "前三个月", "今天", "3月5日", "截至24日",
    "截至3月24日", "到2025年", "截止到2023年底", "9月份", "1-9月", "一至三月", "一季度", "上半年", " 2023年", "比 2022年",
])  # fmt: skip
def test_the_first_character_filter_finds_what_the_whole_pattern_finds(text):
    from checker.periods import _pattern

    source = _pattern().pattern
    unfiltered = re.compile(source[source.index("])(?:") + len("])(?:") : -1])
    line = f"据介绍,{text}全区经济增长6.1%"
    assert [m.span() for m in _pattern().finditer(line)] == [m.span() for m in unfiltered.finditer(line)]
    assert list(_pattern().finditer(line)), text


@pytest.mark.parametrize(("month", "label"), [(1, "2019..2023"), (2, "2019..2023"), (7, "2020..2024")])
def test_past_years_in_an_annual_review_end_the_year_before(month, label):
    assert only("过去五年,全县累计新建道路", published=dt.date(2024, month, 15)).label == label


def test_past_years_end_with_the_year_the_paragraph_reports_on():
    found = find_periods("回顾五年,全县粮食产量稳中有升", 2021, context_year=2020, published=dt.date(2021, 6, 1))
    assert [p.label for p in found] == ["2016..2020"]


def test_the_full_year_is_the_year_the_line_just_named():
    found = find_periods("去年末全县户籍人口48.2万人,全年新增城镇就业5600人", 2025, published=dt.date(2025, 8, 1))
    assert [p.label for p in found] == ["2024-12-31", "2024"]


def test_same_period_opening_a_clause_repeats_the_period_before_it():
    text = "上半年,全县新增就业5200人,完成全年任务的61%。同期,全县居民人均可支配收入21800元"
    found = find_periods(text, 2024, published=dt.date(2024, 7, 20))
    assert [(p.text, p.label) for p in found if not p.compared] == [("上半年", "2024-01..2024-06"), ("同期", "2024-01..2024-06")]


@pytest.mark.parametrize(("text", "label"), [("前三季全县GDP增长5.1%", "2024-01..2024-09"), ("八年来,全县累计投入", "2017..2024")])
def test_short_forms_of_periods(text, label):
    assert only(text).label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [("2024年春节假期", "2024-01..2024-02#春节假期"), ("今年暑期", "2024-07..2024-08#暑期"), ("2024年秋季", "2024-09..2024-11#秋季")],
)
def test_holidays_and_seasons_keep_their_name(text, label):
    assert only(f"{text},全县接待游客") .label == label


def test_a_short_span_before_the_publication_day_is_that_day_s_report():
    found = find_periods("过去一周,边境地区共拦截无人机300余架", 2025, published=dt.date(2025, 6, 7))
    assert [p.label for p in found] == ["2025-06-07#过去一周"]


def test_a_holiday_written_with_qijian_is_the_holiday():
    assert only("2025年春节期间,全县接待游客").label == "2025-01..2025-02#春节期间"
