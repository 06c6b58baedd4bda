import codecs
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.ingest import (
    InputError,
    decode,
    find_date,
    find_text_files,
    infer_year,
    load_articles,
    mark_body,
    normalize_width,
    parse_article,
)

TEXT = "上虞区经济稳步增长\n2023年，全区生产总值增长7.5%。\n"
PARAGRAPH = "今年以来，全区坚持项目为王，新开工亿元以上项目52个，完成固定资产投资同比增长9.1%。"


def body_of(*lines):
    return dict(zip(lines, mark_body(tuple(lines))))


def date_of(lines, doc="article.txt"):
    lines = tuple(lines)
    return find_date(lines, mark_body(lines), doc)


def write(tmp_path, name, data):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- decoding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le", "utf16-be", "gb18030", "gbk"],
)
def test_decode(data, encoding):
    assert decode(data, "a.txt") == (TEXT, encoding)


def test_decode_gb18030_only_characters():
    text = "㐀䶵 增长€"  # outside GBK, inside GB18030
    assert decode(text.encode("gb18030"), "a.txt") == (text, "gb18030")


def test_undecodable_bytes_name_file_and_encodings():
    with pytest.raises(InputError) as info:
        decode("增长".encode() + b"\x81\x20\xff", "news/bad.txt")
    message = str(info.value)
    assert message.startswith("news/bad.txt:")
    assert "utf-8" in message and "gb18030" in message
    assert info.value.path == "news/bad.txt"


def test_broken_utf16_after_bom():
    with pytest.raises(InputError, match="utf-16"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8", "a.txt")  # lone surrogate


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"PK\x03\x04\x00\x00\x08\x00", "archive.txt")


# --- loading files -------------------------------------------------------------------------


def test_parse_article_keeps_lines_and_encoding():
    data = codecs.BOM_UTF16_LE + "标题\r\n\r\n正文，经济增长。\r\n".encode("utf-16-le")
    article = parse_article(data, "a.txt")
    assert article.lines == ("标题", "", "正文，经济增长。", "")
    assert article.encoding == "utf-16"
    assert len(article.digest) == 64


def test_body_lines_keep_original_line_numbers():
    lines = ["新华网 > > 正文", "", "标题：经济稳中向好", "", PARAGRAPH, "责任编辑：王五"]
    article = parse_article("\n".join(lines).encode("utf-8"), "a.txt")
    assert article.body_lines() == [(3, "标题：经济稳中向好"), (5, PARAGRAPH)]


def test_old_mac_line_endings():
    assert parse_article("甲。\r乙。".encode(), "a.txt").lines == ("甲。", "乙。")


def test_load_articles_names_and_warnings(tmp_path):
    write(tmp_path, "b/second.txt", ("标题\n" + PARAGRAPH).encode("gbk"))
    write(tmp_path, "a.txt", ("标题\n" + PARAGRAPH).encode("utf-8"))
    write(tmp_path, "empty.txt", b" \r\n\t\n")
    write(tmp_path, "bom_only.txt", codecs.BOM_UTF8)
    write(tmp_path, "utf16_blank.txt", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"))
    loaded = load_articles(find_text_files(tmp_path), tmp_path)
    assert [a.doc for a in loaded.articles] == ["a.txt", "b/second.txt"]
    assert [a.encoding for a in loaded.articles] == ["utf-8", "gb18030"]
    assert len(loaded.warnings) == 3
    assert all("empty file, skipped" in w for w in loaded.warnings)
    assert any("bom_only.txt" in w for w in loaded.warnings)


def test_load_warns_when_only_boilerplate(tmp_path):
    path = write(tmp_path, "nav.txt", "新华网 > > 正文\n责任编辑：王五\n".encode())
    loaded = load_articles([path])
    assert len(loaded.articles) == 1
    assert "no article text" in loaded.warnings[0]


def test_too_large_file_is_refused(tmp_path):
    path = write(tmp_path, "big.txt", PARAGRAPH.encode("utf-8") * 10)
    with pytest.raises(InputError, match="over the limit of 100") as info:
        load_articles([path], max_bytes=100)
    assert "big.txt" in str(info.value)


def test_file_at_the_limit_is_read(tmp_path):
    data = PARAGRAPH.encode("utf-8")
    path = write(tmp_path, "ok.txt", data)
    assert len(load_articles([path], max_bytes=len(data)).articles) == 1


def test_binary_file_is_refused_by_load(tmp_path):
    path = write(tmp_path, "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="img.txt.*binary"):
        load_articles([path])


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        find_text_files(tmp_path / "nowhere")


def test_folder_without_txt(tmp_path):
    write(tmp_path, "notes.md", b"# notes")
    with pytest.raises(InputError, match="no .txt files"):
        find_text_files(tmp_path)


def test_find_text_files_recursive_sorted_and_skips_hidden(tmp_path):
    for name in ("z.txt", "a/b.txt", "a/c.TXT.bak", ".git/x.txt", "a/.cache/y.txt"):
        write(tmp_path, name, b"x")
    assert [p.relative_to(tmp_path).as_posix() for p in find_text_files(tmp_path)] == ["a/b.txt", "z.txt"]


def test_find_text_files_single_file(tmp_path):
    path = write(tmp_path, "one.txt", b"x")
    assert find_text_files(path) == [path]


# --- publication date ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "header, date",
    [
        ("浏览次数:【12】  发布日期:2024-6-6 5:52:07    文章分类:资讯", dt.date(2024, 6, 6)),
        ("2022 12/ 10 09:30:52", dt.date(2022, 12, 10)),
        ("2021年02月23日 星期二", dt.date(2021, 2, 23)),
        ("2021-02-23", dt.date(2021, 2, 23)),
        ("2020/3/5 来源：本报", dt.date(2020, 3, 5)),
        ("２０２３年１月１７日", dt.date(2023, 1, 17)),
    ],
)
def test_date_from_header(header, date):
    assert date_of(["经济稳中向好", header, PARAGRAPH]) == (date, "header")


def test_labelled_date_wins_over_first_date():
    lines = ["2019-01-01 旧闻回顾", PARAGRAPH, "发布时间：2021-03-04"]
    assert date_of(lines) == (dt.date(2021, 3, 4), "header")


def test_date_from_footer():
    lines = ["经济稳中向好"] + [PARAGRAPH] * 12 + ["2022年05月06日"]
    assert date_of(lines) == (dt.date(2022, 5, 6), "header")


def test_invalid_calendar_date_is_skipped():
    assert date_of(["2021-02-30", "2021-03-01", PARAGRAPH]) == (dt.date(2021, 3, 1), "header")


@pytest.mark.parametrize("doc", ["xwlb_20230117_x.txt", "cctv/xwlb_20230117_x.txt"])
def test_date_from_file_name(doc):
    assert date_of(["经济稳中向好", PARAGRAPH], doc) == (dt.date(2023, 1, 17), "filename")


def test_date_from_parse_article_file_name():
    article = parse_article(PARAGRAPH.encode("utf-8"), "xwlb_20230117_x.txt")
    assert (article.date, article.date_source) == (dt.date(2023, 1, 17), "filename")


def test_date_inferred_from_content():
    lines = [
        "经济稳中向好",
        "2020年，全区生产总值增长5%。",
        "2022年，全区新增企业300家，比上年增长8%。",
        "目标到2026年，城市能级显著提升。",
        "2025年将是承上启下的关键之年。",
    ]
    assert date_of(lines) == (dt.date(2023, 1, 1), "content")


@pytest.mark.parametrize(
    "line, year",
    [
        ("2021年将是关键一年，2019年全区增长6%。", 2020),
        ("力争2030年实现翻番，2018年基数为100亿元。", 2019),
        ("计划2025年建成，2021年开工。", 2022),
        ("2019年至2023年，全区生产总值年均增长6%。", 2024),
        ("截至2023年底，全区共有企业5000家。", 2024),
        ("上世纪90年代以来，这里发生了巨变。", None),
        ("全区新增企业300家。", None),
    ],
)
def test_infer_year(line, year):
    assert infer_year((line,), (True,)) == year


def test_infer_year_reads_only_body_lines():
    lines = ("版权所有 2025年", "2021年全区增长6%。")
    assert infer_year(lines, (False, True)) == 2022


def test_no_date_at_all():
    assert date_of(["经济稳中向好", PARAGRAPH]) == (None, "")


# --- boilerplate ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "新华网 > > 正文",
        "财经热点 > 财经资讯 > 稳中向好",
        "浏览次数:【454】  发布日期:2024-6-6 5:52:07",
        "阅读量：1234",
        "TEl:13626712526",
        "电话：0575-82123456",
        "联系电话 0571 8888 6666",
        "https://www.example.com/news/123.html",
        "来源网址 www.example.cn/a",
        "投稿邮箱：news@example.com",
        "手机扫码浏览该文章",
        "责任编辑：张三",
        "【纠错】 【责任编辑:王五】",
        "编辑：李四",
        "文/王小明",
        " ● 相关资讯推荐",
        "【相关阅读】",
        "推荐阅读",
        "曹娥江两岸鸟瞰。新华网发 阮佳波摄",
        "新华社记者 李四 摄",
        "(图片由区委宣传部提供)",
        "王五 摄",
        "记者：钱多多 孙小岚",
        "编辑：周一鸣",
        "日报2020-05-1100003;日报2020-05-1100012;日报2020-05-1100019",
        "2022 12/ 10 09:30:52",
        "2023-04-05 10:20:30",
        "2023年04月05日 星期三",
        "00011版:专版",
        "page 1234567890123456789",
        "上海SEO优化哪家好 网站建设按天计费",
    ],
)
def test_boilerplate_lines(line):
    assert body_of(line, PARAGRAPH) == {line: False, PARAGRAPH: True}


@pytest.mark.parametrize(
    "line",
    [
        PARAGRAPH,
        "“一体化”土壤孕育长三角无限未来。",
        "在相关新闻发布会上，区统计局通报了前三季度经济运行情况。",
        "记者：统计显示，去年全县新建幼儿园十二所，新增学位三千六百个。",  # a transcript's speaker
        "全民阅读活动持续升温，全区图书阅读量同比增长12%。",
        "市民可拨打服务电话咨询办理进度，平均等待时间缩短到3分钟。",
        "记者从区发改委获悉，2024年全区计划实施重点项目86个、总投资超过500亿元。",
        "综合实力跃居全国百强区第29位",
        "创新驱动",
        "2023年，全区地区生产总值1350亿元、增长7.5%。",
    ],
)
def test_article_text_stays_body(line):
    assert all(body_of("标题", line).values())


def test_blank_lines_are_not_body():
    assert mark_body(("标题", "", "   ", "\u3000", PARAGRAPH)) == (True, False, False, False, True)


def test_seo_keyword_spam_line():
    cities = ["杭州", "宁波", "温州", "绍兴", "嘉兴", "湖州", "金华", "衢州", "台州", "丽水"] * 2
    spam = "".join(f"{city}旅游攻略{city}特产推荐{city}酒店预订 " for city in cities)
    assert len(spam) > 300
    assert body_of(PARAGRAPH, spam) == {PARAGRAPH: True, spam: False}


def test_long_paragraph_with_punctuation_stays_body():
    long = PARAGRAPH * 8
    assert len(long) > 300
    assert body_of("标题", long)[long]


def test_repeated_short_title_is_dropped():
    lines = ("上虞：朝着青春之城阔步挺进", "", "上虞：朝着青春之城阔步挺进", PARAGRAPH)
    assert mark_body(lines) == (True, False, False, True)


def test_repeated_long_paragraph_is_kept():
    assert mark_body((PARAGRAPH, PARAGRAPH)) == (True, True)


def test_related_block_ends_the_article():
    body = [f"第{i}段：{PARAGRAPH}" for i in range(8)]
    tail = ["相关资讯", "上虞召开新春第一会", "全区经济运行平稳，出口增长5%。"]
    assert mark_body(tuple(body + tail)) == (True,) * 8 + (False,) * 3


def test_editor_line_ends_the_article():
    body = [f"第{i}段：{PARAGRAPH}" for i in range(6)]
    tail = ["责任编辑：赵六", "全区经济运行平稳，出口增长5%。"]
    assert mark_body(tuple(body + tail)) == (True,) * 6 + (False,) * 2


def test_tail_marker_early_in_file_drops_only_its_line():
    lines = ("相关资讯", PARAGRAPH, PARAGRAPH + "。", PARAGRAPH + "！", PARAGRAPH + "？")
    assert mark_body(lines) == (False, True, True, True, True)


# --- normalize_width -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("２０２３年１２月", "2023年12月"),
        ("ＧＤＰ增长７．６％", "GDP增长7.6%"),
        ("１，２３４：５６", "1,234:56"),
        ("（一）　标题", "(一) 标题"),
        ("２０１６—２０２０年", "2016-2020年"),
        ("０１２３４５６７８９", "0123456789"),
        ("中文。、“”不变", "中文。、“”不变"),
    ],
)
def test_normalize_width(text, expected):
    assert normalize_width(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalize_width_keeps_length(text):
    assert len(normalize_width(text)) == len(text)


def test_a_one_line_article_keeps_its_text_and_masks_the_sentence_with_a_url():
    sentences = "青枫县今年新建学校8所,新增学位6400个。全县教师总数达到5120人。暑期将开展教师培训。"
    line = sentences * 5 + "详情请登录www.qingfeng.example.cn查询,咨询电话0571-88886666。"
    article = parse_article(("发布日期:2024-06-06\n\n" + line).encode("utf-8"), "one.txt")
    body = dict(article.body_lines())
    assert 3 in body and "新建学校8所" in body[3]
    assert "www." not in body[3] and "88886666" not in body[3] and len(body[3]) == len(line)
    assert article.lines[2] == line  # the input is kept as it was


def test_a_traditional_article_is_read_in_simplified_and_keeps_its_original_lines():
    from checker.ingest import parse_article

    article = parse_article("發佈日期:2024-03-05\n\n全區生產總值870.5億元。\n責任編輯:陳明\n".encode(), "hk.txt")
    assert article.lines[2] == "全區生產總值870.5億元。" and article.text_lines[2] == "全区生产总值870.5亿元。"
    assert [len(a) for a in article.lines] == [len(b) for b in article.text_lines]  # offsets hold in both
    assert article.date.isoformat() == "2024-03-05" and article.body[3] is False  # 責任編輯 is boilerplate too


def test_a_simplified_article_keeps_no_second_copy_of_its_lines():
    from checker.ingest import parse_article

    assert parse_article("全区生产总值870.5亿元。\n".encode(), "a.txt").simplified == ()
