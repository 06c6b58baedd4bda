import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.numbers import find_quantities, parse_number, trailing_zero_resolution

FAST = settings(max_examples=200, deadline=None)


def only(line):
    found = find_quantities(line)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def values(line):
    return [q.value for q in find_quantities(line)]


# --- Arabic numerals -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, value, text",
    [
        ("全区新增就业28,498人。", 28498, "28,498"),
        ("营收1,234,567.89元", 1234567.89, "1,234,567.89"),
        ("人均可支配收入为52310元", 52310, "52310"),
        ("平均气温18.75度", 18.75, "18.75"),
        ("成立于２０１２年", 2012, "２０１２"),
        ("共有１，２３４家企业", 1234, "１，２３４"),
    ],
)
def test_arabic_numbers(line, value, text):
    q = only(line)
    assert q.value == pytest.approx(value)
    assert q.text == text
    assert not q.chinese


def test_full_width_percent():
    q = only("出口增长５％。")
    assert (q.value, q.percent, q.text) == (5, True, "５％")


def test_separator_groups_must_be_three_digits():
    assert values("编号12,34") == [12, 34]


# --- Chinese numerals ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("三千", 3000),
        ("两万", 20000),
        ("两百", 200),
        ("五亿", 500000000),
        ("一千零一", 1001),
        ("十万零三百", 100300),
        ("一亿零五", 100000005),
        ("零", 0),
        ("二〇二三", 2023),
        ("一九九二", 1992),
        ("一〇〇", 100),
        ("一万二", 12000),
        ("三百五", 350),
        ("两千三", 2300),
        ("贰拾", 20),
        ("壹佰贰拾叁", 123),
        ("叁仟", 3000),
        ("肆万伍仟", 45000),
        ("玖佰捌拾柒", 987),
        ("陆拾", 60),
        ("柒", 7),
    ],
)
def test_parse_chinese(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text, value",
    [
        ("6.2万", 62000),
        ("1317.72亿", 131772000000),
        ("3万4000", 34000),
        ("1317亿7200万", 131772000000),
        ("1.2万亿", 1.2e12),
        ("114.4万亿", 1.144e14),
        ("百亿", 1e10),
        ("一点五亿", 1.5e8),
        ("零点五", 0.5),
        ("28,498", 28498),
        ("0.75", 0.75),
    ],
)
def test_parse_mixed(text, value):
    assert parse_number(text) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("text", ["", "   ", "abc", "元", "3 5", "点", "年"])
def test_parse_rejects_non_numbers(text):
    assert parse_number(text) is None


def test_chinese_flag():
    assert only("三百五十人").chinese
    assert not only("6.2万人").chinese


def test_mixed_in_sentence_keeps_units_in_span():
    q = only("地区生产总值1317.72亿元,增长")
    assert q.text == "1317.72亿"
    assert q.value == pytest.approx(131772000000)


def test_more_than_inside_number():
    q = only("常住人口120多万")
    assert (q.value, q.marker, q.text) == (1200000, "多", "120多万")


@pytest.mark.parametrize(
    "line, value",
    [
        ("全县共有一万零十五户", 10015),  # 零 before 十: the 十 is one ten, not zero tens
        ("一千零十人参加", 1010),
        ("四万万同胞", 4 * 10**8),  # 万万 is 亿
        ("十点二五倍", 10.25),  # decimals after a unit
        ("二十点五亿元", 2.05 * 10**9),
        ("百分之三十点五", 30.5),
        ("廿三日", 23),  # the old one-character twenty
        ("编号一七二零点五", 1720.5),  # digit by digit, with decimals
        ("增速为百分之负一点二", -1.2),
        ("一千分之三", 0.3),  # a fraction of a thousand, as a percentage
    ],
)
def test_chinese_numerals_of_the_written_language(line, value):
    assert only(line).value == pytest.approx(value)


@pytest.mark.parametrize(
    "line, value",
    [("增速为-0.5%", -0.5), ("气温降至零下六摄氏度", -6), ("净利润为负一百二十万元", -1.2 * 10**6), ("-2.3%", -2.3)],
)
def test_a_sign_before_a_number_makes_it_negative(line, value):
    assert only(line).value == pytest.approx(value)


@pytest.mark.parametrize("line", ["1-3月", "项目4-6个", "A-4型", "归零下降"])
def test_a_dash_between_or_after_figures_is_no_sign(line):
    assert all(q.value >= 0 for q in find_quantities(line))


# --- financial forms and ordinals ----------------------------------------------------------


@pytest.mark.parametrize("line, value", [("综合能力第壹次进入前列", 1), ("入选第叁批名单", 3), ("排在第29位", 29)])
def test_ordinals(line, value):
    q = only(line)
    assert (q.value, q.ordinal) == (value, True)


def test_cardinal_is_not_ordinal():
    assert not only("共29位代表").ordinal


def test_financial_amount():
    q = only("人民币贰拾万元整")
    assert (q.value, q.text) == (200000, "贰拾万")


# --- percentages and fractions -------------------------------------------------------------


@pytest.mark.parametrize(
    "line, value, text",
    [
        ("同比增长7.6%", 7.6, "7.6%"),
        ("同比增长百分之七点六", 7.6, "百分之七点六"),
        ("占比百分之一", 1, "百分之一"),
        ("达到百分之百", 100, "百分之百"),
        ("下降0.5％", 0.5, "0.5％"),
    ],
)
def test_percentages(line, value, text):
    q = only(line)
    assert (q.value, q.percent, q.text) == (pytest.approx(value), True, text)
    assert not q.fraction


@pytest.mark.parametrize(
    "line, value, text",
    [
        ("约占全省的1/3", 100 / 3, "1/3"),
        ("占全国三分之一", 100 / 3, "三分之一"),
        ("超过四分之三的企业", 75, "四分之三"),
        ("其中5/8来自外地", 62.5, "5/8"),
        ("浓度降至百万分之五", 0.0005, "百万分之五"),  # a small fraction keeps its digits, never 0
    ],
)
def test_fractions_in_percent(line, value, text):
    q = next(q for q in find_quantities(line) if q.fraction)
    assert q.value == pytest.approx(value)
    assert q.percent
    assert text in q.text


def test_a_long_run_of_numerals_before_a_fraction_is_read_once():
    """200,000 numerals, then 三分之一: the fraction is found from its 分之 outward, so the run
    is not re-read from each of its characters (that took minutes). Generous bound: a hang guard."""
    line = "一" * 200_000 + "。其中三分之一来自外地"
    started = time.perf_counter()
    found = find_quantities(line)
    assert time.perf_counter() - started < 5
    assert found[-1].text == "三分之一" and found[-1].value == pytest.approx(100 / 3)


def test_fraction_marker_in_span():
    q = only("超过四分之三的企业")
    assert (q.marker, q.text) == ("超过", "超过四分之三")


# --- ranges --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, low, high, text",
    [
        ("每年培训15至18次", 15, 18, "15至18"),
        ("用时3-4天", 3, 4, "3-4"),
        ("预计增长4.5%-5%", 4.5, 5, "4.5%-5%"),
        ("增幅在5%到8%之间", 5, 8, "5%到8%"),
        ("气温20~25度", 20, 25, "20~25"),
    ],
)
def test_ranges(line, low, high, text):
    q = only(line)
    assert (q.value, q.value_high, q.text) == (low, high, text)


def test_percent_range_is_percent():
    assert only("预计增长4.5%-5%").percent


def test_descending_pair_is_not_a_range():
    found = find_quantities("由18至15")
    assert [q.value for q in found] == [18, 15]
    assert all(q.value_high is None for q in found)


def test_ordinals_do_not_form_ranges():
    assert all(q.value_high is None for q in find_quantities("第3-4名"))


@pytest.mark.parametrize(
    "line, value", [("三成企业", 30), ("9.5成", 95), ("全场打八折", 80), ("八五折优惠", 85), ("两成以上", 20)]
)
def test_a_count_of_tenths_is_a_percentage(line, value):
    q = only(line)
    assert q.percent and q.value == pytest.approx(value)


@pytest.mark.parametrize("line", ["成本下降", "三成立", "折合人民币", "十折叠"])
def test_a_word_starting_with_cheng_or_zhe_is_no_tenth(line):
    assert not any(q.percent for q in find_quantities(line))


@pytest.mark.parametrize(
    "line, low, high",
    [("两到三万人", 20000, 30000), ("投资5至8万元", 50000, 80000), ("3至5亿元", 3e8, 5e8), ("200至3万", 200, 30000)],
)
def test_a_multiplier_written_once_after_a_range_is_both_ends(line, low, high):
    q = only(line)
    assert (q.value, q.value_high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("line, low, high", [("增速在5%与6%之间", 5, 6), ("票价在80和120元之间", 80, 120)])
def test_two_numbers_between_which_something_lies_are_a_range(line, low, high):
    q = only(line)
    assert (q.value, q.value_high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(
    "line, low, high",
    [("十几万人", 110000, 190000), ("几十个村", 20, 90), ("数十万元", 200000, 900000), ("五六十人", 50, 60),
     ("三四个月", 3, 4), ("一百零几万", 1010000, 1090000), ("百分之二三十", 20, 30)],
)
def test_an_approximate_numeral_is_the_range_it_stands_for(line, low, high):
    q = only(line)
    assert (q.value, q.value_high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("line", ["几个人", "二〇二三年", "一二三"])
def test_a_few_or_digits_in_a_row_are_no_approximate_range(line):
    assert all(q.value_high is None for q in find_quantities(line))


# --- approximate markers -------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, marker, text, value",
    [
        ("投资约1500万元", "约", "约1500万", 15000000),
        ("近20年来", "近", "近20", 20),
        ("营收超过130亿元", "超过", "超过130亿", 13000000000),
        ("客流超5000人次", "超", "超5000", 5000),
        ("逾300家企业", "逾", "逾300", 300),
        ("总量突破1000亿元", "突破", "突破1000亿", 100000000000),
        ("上百家企业参展", "上", "上百", 100),
        ("聚集上万名创客", "上", "上万", 10000),
        ("带动800余人就业", "余", "800余", 800),
        ("已有2200多年历史", "多", "2200多", 2200),
        ("十余年时间", "余", "十余", 10),
        # the longest marker that ends at the number wins
        ("投资不超过500万元", "不超过", "不超过500万", 5000000),
        ("大约30家企业", "大约", "大约30", 30),
        ("将近40年", "将近", "将近40", 40),
    ],
)
def test_markers(line, marker, text, value):
    q = only(line)
    assert (q.marker, q.text, q.value) == (marker, text, value)
    assert line[q.start : q.end] == text


def test_marker_start_offset_includes_prefix():
    line = "全年投资约1500万元"
    q = only(line)
    assert (q.start, q.end) == (line.index("约"), line.index("元"))


def test_exact_number_has_no_marker():
    assert only("新增企业350家").marker == ""


def test_shang_is_a_marker_only_before_round_units():
    found = find_quantities("比上年增长5%")
    assert [(q.value, q.marker) for q in found] == [(5, "")]


# --- offsets -------------------------------------------------------------------------------


def test_offsets_point_into_original_line():
    line = "１—９月，全区完成投资６．２万亿元，约占全省的１／３。"
    found = find_quantities(line)
    assert found
    for q in found:
        assert q.text == line[q.start : q.end]


def test_offsets_several_numbers():
    line = "去年GDP为1317.72亿元，增长7.6%，位列第29位。"
    found = find_quantities(line)
    assert [q.text for q in found] == ["1317.72亿", "7.6%", "29"]
    assert [line[q.start : q.end] for q in found] == [q.text for q in found]


# --- resolution ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, resolution",
    [
        ("1317.72亿元", 1e6),
        ("114.4万亿元", 1e11),
        ("1350人", 10),
        ("增长7.6%", 0.1),
        ("6.2万人", 1000),
        ("1350亿元", 1e9),
        ("一万二", 1000),
        ("三百五", 10),
        ("百分之七点六", 0.1),
        ("1317亿7200万", 1e6),
        ("3.14米", 0.01),
        ("7人", 1),
    ],
)
def test_resolution(line, resolution):
    assert only(line).resolution == pytest.approx(resolution)


@pytest.mark.parametrize(
    "value, resolution",
    [(1350, 10), (1000, 100), (100, 10), (20, 1), (7, 1), (0, 1), (120000, 10000), (82100, 100), (-1500, 100)],
)
def test_trailing_zero_resolution(value, resolution):
    assert trailing_zero_resolution(value) == resolution


# --- things that are not numbers -----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "推动长三角一体化发展",
        "全省统一部署",
        "全国唯一的试点",
        "是全国知名品牌之一",
        "建设高素质人才队伍",
        "项目陆续开工",
        "进一步提升服务水平",
        "一带一路建设",
        "百姓生活更便利",
        "收拾行李",
    ],
)
def test_words_that_are_not_numerals(line):
    assert find_quantities(line) == []


@pytest.mark.parametrize(
    "line, value",
    [("投资三千万元", 30000000), ("两千万人次", 20000000), ("五万一千人", 51000), ("3千万元", 30000000)],
)
def test_word_list_does_not_split_numerals(line, value):
    assert values(line) == [value]  # 千万 and 万一 are words only outside a numeral


@pytest.mark.parametrize("line", ["千万不要大意", "万一出现险情", "万众瞩目"])
def test_word_list_outside_numerals(line):
    assert find_quantities(line) == []


def test_not_numeral_word_does_not_hide_neighbours():
    assert values("全省统一部署了35个项目") == [35]


@pytest.mark.parametrize("line", ["2021-02-23", "发布于2024/6/6", "09:30:52", "9:05开始", "2023.10.01 08:00"])
def test_dates_and_times_are_masked(line):
    assert find_quantities(line) == []


def test_numbers_next_to_a_date_survive():
    assert values("2021-02-23 全区新增企业56家") == [56]


@pytest.mark.parametrize("line, kept", [("万元户", []), ("万物复苏", []), ("数万人", ["数万"]), ("超万人", ["超万"]), ("上万人", ["上万"])])
def test_a_multiplier_alone_is_a_number_only_after_a_marker(line, kept):
    assert [q.text for q in find_quantities(line)] == kept


@pytest.mark.parametrize("line, value", [("負三十二", -32), ("三點一四", 3.14), ("倆千", 2000)])
def test_traditional_forms_of_signs_points_and_digits(line, value):
    assert only(line).value == pytest.approx(value)


@pytest.mark.parametrize("line", ["详见 https://www.example.com/a?id=2024&rate=30%25", "编码%E4%B8%AD%E6%96%87"])
def test_web_addresses_and_url_escapes_hold_no_figures(line):
    assert find_quantities(line) == []


@pytest.mark.parametrize("line", ["四川省", "三亚市", "一看就懂", "下降3个百分点", "下降3個百分點"])
def test_places_and_words_written_with_numerals_are_not_numbers(line):
    assert [q.text for q in find_quantities(line)] in ([], ["3"])


# --- robustness ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "1" * 60,  # long digit runs once backtracked exponentially
        "010020010010000000000000011100001129196126",
        "1" + "0" * 400,
        "一" * 400,
        "9" * 5000 + "万",
        "0" * 5000 + "1",
    ],
    ids=["digits60", "tracking-id", "1e400", "yi400", "nines5000", "zeros5000"],
)
def test_pathological_input_is_fast_and_safe(line):
    for q in find_quantities(line):
        assert q.text == line[q.start : q.end]
    parse_number(line)


# --- properties ----------------------------------------------------------------------------

_CN = "零一二三四五六七八九"


def _section(n):
    """0 < n < 10000 in Chinese, with 零 for gaps: 1005 -> 一千零五."""
    out, gap = "", False
    for size, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // size % 10
        if digit == 0:
            gap = bool(out)
            continue
        if gap:
            out += "零"
            gap = False
        out += _CN[digit] + unit
    return out


def _below_yi(n):
    high, low = divmod(n, 10**4)
    out = _section(high) + "万" if high else ""
    if low:
        out += ("零" if high and low < 1000 else "") + _section(low)
    return out


def to_chinese(n):
    """Reference writer: standard 万/亿 grouping with 零 for gaps; 10 -> 十, 10005 -> 一万零五."""
    if n == 0:
        return "零"
    high, low = divmod(n, 10**8)
    out = _below_yi(high) + "亿" if high else ""
    if low:
        out += ("零" if high and low < 10**7 else "") + _below_yi(low)
    return out[1:] if out.startswith("一十") else out


@pytest.mark.parametrize(
    "n, text",
    [
        (10, "十"),
        (15, "十五"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (10005, "一万零五"),
        (100010, "十万零一十"),
        (1000000, "一百万"),
        (120000000, "一亿二千万"),
        (100000005, "一亿零五"),
        (10**12, "一万亿"),
    ],
)
def test_reference_writer(n, text):
    assert to_chinese(n) == text


@FAST
@given(st.integers(min_value=0, max_value=10**12))
def test_chinese_numerals_round_trip(n):
    assert parse_number(to_chinese(n)) == n


@FAST
@given(st.integers(min_value=0, max_value=10**12))
def test_chinese_numerals_round_trip_in_line(n):
    line = f"全年共计{to_chinese(n)}元"
    assert values(line) == [n]


@FAST
@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_round_trip(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@FAST
@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_round_trip_in_line(n):
    assert values(f"共有{n:,}人") == [n]


_ALPHABET = st.sampled_from(
    list("0123456789.,%％-~—/:：至到第约近超过逾突破上多余百千万亿两零〇一二三四五六七八九十点分之"
         "壹贰叁肆伍陆柒捌玖拾佰仟年月日元人家增长同比，。 ０１２３４５６７８９ab\x00\n")
)  # fmt: skip
_LINES = st.one_of(st.text(), st.text(alphabet=_ALPHABET, max_size=60))


@FAST
@given(_LINES)
def test_never_crashes_and_spans_are_in_the_line(line):
    parse_number(line)
    previous_end = 0
    for q in find_quantities(line):
        assert 0 <= q.start < q.end <= len(line)
        assert q.text == line[q.start : q.end]
        assert q.start >= previous_end
        previous_end = q.end


@pytest.mark.parametrize(("text", "values"), [("新增企业肆家", [4]), ("完成改革叁项", [3]), ("陆家嘴金融城", []), ("拾金不昧", [])])
def test_a_lone_financial_numeral_counts_only_before_a_measure_word(text, values):
    assert [q.value for q in find_quantities(text)] == values


@pytest.mark.parametrize(("text", "marker"), [("电影票房破128亿元", "破"), ("打破5项世界纪录", "")])
def test_po_is_a_lower_bound_only_when_nothing_is_broken(text, marker):
    assert find_quantities(text)[0].marker == marker


@pytest.mark.parametrize(("text", "marker"), [("机械化率已经超过了75%", "超过"), ("销售额突破了1万亿元", "突破"), ("进口总量约为68亿立方米", "约"), ("上了3个台阶", "")])
def test_a_marker_keeps_its_number_across_the_aspect_particle(text, marker):
    assert [q.marker for q in find_quantities(text)][-1:] == [marker]


def _spans(text):
    return [(q.text, q.value, q.value_high, q.marker) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "marker", "qualifier"),
    [
        ("参赛选手至少有12名", "至少", "lower_bound"),
        ("入场观众最多为3000人", "最多", "upper_bound"),
        ("水温不低于18摄氏度", "不低于", "lower_bound"),
        ("渔船吨位小于等于40吨", "小于等于", "upper_bound"),
        ("报名人数在二十或以上", "或以上", "lower_bound"),
        ("误差控制在0.5之下", "之下", "upper_bound"),
        ("读数≥50即为合格", "≥", "lower_bound"),
    ],
)
def test_comparison_words_make_a_bound(text, marker, qualifier):
    from checker.rules import marker_qualifier

    (quantity,) = find_quantities(text)
    assert quantity.marker == marker
    assert marker_qualifier(quantity.marker) == qualifier


@pytest.mark.parametrize(
    ("text", "marker"),
    [("水位比120高", "比…高"), ("得分比 60 低", "比…低")],
)
def test_a_comparison_around_a_number_is_a_bound(text, marker):
    (quantity,) = find_quantities(text)
    assert quantity.marker == marker
    assert quantity.text == text[text.index("比") :]


def test_a_comparison_that_says_by_how_much_is_no_bound():
    assert [q.marker for q in find_quantities("气温比30高5度")] == ["", ""]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("鱼苗体长大于3小于8", 3, 8),
        ("每户补贴不少于两千、不超过五千", 2000, 5000),
        ("班额最多45最少30", 30, 45),
        ("容积率在1.2以上，2.5以下", 1.2, 2.5),
    ],
)
def test_a_lower_and_an_upper_bound_joined_are_one_range(text, low, high):
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.value_high, quantity.marker) == (low, high, "")


def test_bounds_that_cannot_both_hold_stay_two_bounds():
    assert [(q.value, q.value_high) for q in find_quantities("大于80小于20")] == [(80, None), (20, None)]


def test_bounds_of_two_subjects_stay_two_bounds():
    assert [q.value_high for q in find_quantities("甲地高于10，乙地低于20")] == [None, None]
    assert [q.value_high for q in find_quantities("高于10，低于20")] == [20]  # one subject: one range


def test_bounds_in_a_list_with_the_upper_first_stay_two_bounds():
    assert [q.value_high for q in find_quantities("两地增速分别为近8%、超过6%") if q.percent] == [None, None]


@pytest.mark.parametrize(
    ("text", "value", "percent"),
    [
        ("亩产是去年的四分之五", 125, True),  # an improper fraction: more than the whole
        ("八分之负三", -37.5, True),
        ("负八分之三", -37.5, True),
        ("负八分之负三", 37.5, True),
        ("工期缩短了两又三分之一个月", 2 + 1 / 3, False),  # a mixed number is a number, not a share
        ("水深四又二分之一米", 4.5, False),
        ("负二又四分之一", -2.25, False),
        ("七千分之三", 300 / 7000, True),  # exact (0.042857…%), not rounded to the 0.04286 it is shown with
        ("六千二分之三", 300 / 6200, True),
    ],
)
def test_improper_signed_and_mixed_fractions(text, value, percent):
    (quantity,) = find_quantities(text)
    assert quantity.value == pytest.approx(value, rel=1e-9)
    assert quantity.percent is percent


def test_an_improper_slash_stays_two_numbers():
    assert [q.text for q in find_quantities("全天候24/7服务")] == ["24", "7"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("存款余额三兆二千亿元", [3.2e12]),  # 兆 as a multiplier is 10¹², as in Taiwan
        ("十二兆零五十亿", [1.2005e13]),
        ("新增装机5兆瓦", [5]),  # before 瓦 it is the mega of 兆瓦, a unit
        ("这是不祥之兆", []),
        ("两百点两", [200, 2]),  # 两 is no decimal digit: 一点二, never 一点两
        ("一万三点五", [13000.5]),  # the decimals of an abbreviated tail are of ones
        ("三千四", [3400]),
        ("读数 .8", [0.8]),
        ("-.25", [-0.25]),
        ("补贴2.3亿元.5月份启动", [2.3e8, 5]),  # a misplaced full stop after a word: no leading dot
        ("增长3.5．5月", [3.5, 5]),  # a full-width dot is no link of a dotted chain
        ("版本号3.10.2发布", [3, 10, 2]),  # two dots or more: no decimals
        ("他说－－25年过去了", [25]),  # two dashes are the Chinese dash, no minus
        ("两两结对", []),  # 两 is never read digit by digit
        ("二二年", [22]),
        ("贰零贰肆年叁月", [2024, 3]),  # a date written as on a cheque
    ],
)
def test_rare_multipliers_decimals_and_dashes(text, values):
    assert [q.value for q in find_quantities(text)] == pytest.approx(values)


def test_a_range_between_two_ordinals():
    (quantity,) = find_quantities("排名在第八与第十二之间")
    assert (quantity.value, quantity.value_high, quantity.ordinal) == (8, 12, True)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("入座率只有两成半", [25]),  # half a tenth more
        ("利润率提高了半成", [5]),
        ("换季商品打对折出售", [50]),
        ("把纸对折两次", [2]),  # folding in two: no discount
        ("每人限购半斤", [0.5]),
        ("管道埋深半米", [0.5]),
        ("老人年过半百", [50]),
        ("今年上半年", []),
        ("用了半天时间", []),  # a span of time, not a figure
        ("半个世纪以来", []),
        ("半导体产业", []),
    ],
)
def test_half_as_a_number(text, values):
    assert [q.value for q in find_quantities(text)] == pytest.approx(values)


@pytest.mark.parametrize(
    ("text", "value"),
    [("支票金额为叁佰零伍元陆角", 305.6), ("找零4元2角5分", 4.25), ("每公斤七元八角", 7.8)],
)
def test_money_in_yuan_jiao_and_fen(text, value):
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.unit) == (pytest.approx(value), "元")


@pytest.mark.parametrize(("text", "value"), [("排名在前百分之九十百分位", 90), ("增速回落0.3百分点", 0.3)])
def test_percent_units_are_never_part_of_a_numeral(text, value):
    assert [q.value for q in find_quantities(text)] == [value]


@pytest.mark.parametrize(
    "text",
    ["双方签约12个项目", "一年节约3万元", "学校附近有3家医院", "最近5年", "赶超10家企业", "打破5项纪录"],
)
def test_a_marker_that_ends_a_word_of_its_own_is_none(text):
    found = find_quantities(text)
    assert found and all(not q.marker for q in found)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("建成千兆光网", []),  # gigabit: 兆 is the SI mega before a unit
        ("开通100兆宽带", [100]),
        ("工作频段为900兆赫", [900]),
        ("储备余额达新台币3兆元", [3e12]),  # before money, as in Taiwan, 10¹²
    ],
)
def test_zhao_before_a_unit_is_mega_and_before_money_a_trillion(text, values):
    assert [q.value for q in find_quantities(text)] == pytest.approx(values)


@pytest.mark.parametrize(
    ("text", "values"),
    [("半成品仓库", []), ("近三成半导体企业", [30]), ("半导体材料", [])],
)
def test_half_never_opens_a_word_of_its_own(text, values):
    assert [q.value for q in find_quantities(text)] == values


@pytest.mark.parametrize("text", ["队伍日益壮大", "入伍年龄放宽", "落伍日久"])
def test_a_lone_financial_numeral_before_a_date_word_is_a_date_only_after_its_larger_part(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize("text", ["以2比1小胜对手", "3比1大胜", "气温比30高出5度", "气温比30低了2度"])
def test_a_score_or_a_comparison_by_how_much_is_no_bound(text):
    assert all(not q.marker for q in find_quantities(text))


def test_a_marker_never_reaches_into_the_number_before_it():
    found = find_quantities("年收入在10万以上百万以下")
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert [(q.value, q.value_high) for q in found] == [(1e5, 1e6)]


@pytest.mark.parametrize("text", ["0." + "0" * 36 + "1分之一" + "兆" * 24, "一" + "兆" * 25 + "分之0." + "0" * 320 + "1"])
def test_a_fraction_of_no_finite_value_is_no_crash(text):
    assert all(q.text == text[q.start : q.end] for q in find_quantities(text))


@pytest.mark.parametrize(("text", "values"), [("初二两天", [2, 2]), ("三两天", [3, 2]), ("一两个", [1]), ("两〇二三年", [2023])])
def test_liang_opens_a_numeral_of_its_own(text, values):
    assert [q.value for q in find_quantities(text)] == values


def test_a_range_whose_ends_differ_in_their_written_unit_stays_two_numbers():
    assert [q.text for q in find_quantities("鸡蛋每斤5元5角至6元")] == ["5元5角", "6"]
