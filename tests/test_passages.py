"""Duplicated passages: articles written for these tests, and the seed corpus."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker import passages
from checker.ingest import find_text_files, load_articles, parse_article
from checker.models import Finding, PassageRef
from checker.passages import index, text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

HARBOUR = (
    "港城区今年努力打造全国一流的营商环境，企业开办时间压缩到一个工作日，审批事项全部实现网上办理。"
    "比如，外贸企业的出口退税平均三天到账，去年全区外贸总额位居全省第一，"
    "新登记市场主体同比增长百分之十二。"
)
HARBOUR_SPUN = (
    "港城区今年努力缔造全国一流的营商环境,企业开办时间压缩到一个工作日;审批事项全部实现网上办理."
    "好比,外贸企业的出口退税平均三天到账,去年全区外贸总额位居全省第壹,"
    "新登记市场主体同比增长百分之十二."
)
RESIDENTS = "去年全县推行居住证积分制度，新增常住人口6.2万人，随迁子女入学率达到百分之九十八，群众满意度持续上升。"
RESIDENTS_CHANGED = "去年全县推行居住证积分制度，新增常住人口6.5万人，随迁子女入学率达到百分之九十八，群众满意度持续上升。"

FILLERS = {
    "tea": "山区茶农在春季采摘明前茶，合作社统一收购并烘焙加工，每斤干茶的收购价比去年略高。",
    "bridge": "跨江大桥主塔昨天完成封顶，施工单位采用智能张拉设备，预计明年汛期前实现全线贯通。",
    "school": "城北新校区秋季开学后将开设四十个班级，配套食堂和体育馆已经通过竣工验收。",
    "river": "河道治理工程清理淤泥十二万立方米，沿岸新建步道和湿地公园，周末吸引大批市民散步。",
    "museum": "市博物馆推出青铜器特展，展品来自三个省份的考古遗址，讲解员每天提供四场免费导览。",
    "farm": "高标准农田建设让水稻亩产提高到六百公斤，无人机植保覆盖全部连片种植区域。",
}


def article(doc: str, *paragraphs: str):
    """An article of paragraphs on lines 1, 3, 5 ... with blank lines between."""
    return parse_article(("\n\n".join(paragraphs) + "\n").encode("utf-8"), doc)


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [f.reason for f in findings]
    return findings[0]


def spans(finding: Finding) -> list[tuple[str, int, int]]:
    return [(ref.doc, ref.start_line, ref.end_line) for ref in finding.items]


def test_verbatim_copy_is_found_with_its_lines():
    a = article("a.txt", FILLERS["tea"], HARBOUR, FILLERS["bridge"])
    b = article("b.txt", FILLERS["school"], FILLERS["river"], HARBOUR)
    finding = only(passages.find_passages([b, a]))
    assert finding.type == "duplicate_passage" and finding.severity == "warning" and finding.rule == "passage"
    assert spans(finding) == [("a.txt", 3, 3), ("b.txt", 5, 5)]
    assert finding.detail("identity") == 100.0
    assert finding.detail("method") == "ngram"
    assert finding.detail("within_document") is False
    assert finding.detail("substitutions") == () and finding.detail("number_changes") == ()
    assert all(isinstance(ref, PassageRef) for ref in finding.items)
    assert finding.items[0].text.startswith("港城区今年努力打造") and finding.items[0].text.endswith("百分之十二")
    assert finding.reason.startswith("Passages a.txt:3-3 and b.txt:5-5 are duplicates (100% identical")


def test_spun_copy_lists_the_swapped_words():
    a = article("a.txt", FILLERS["tea"], HARBOUR)
    b = article("b.txt", HARBOUR_SPUN, FILLERS["museum"])
    finding = only(passages.find_passages([a, b]))
    assert spans(finding) == [("a.txt", 3, 3), ("b.txt", 1, 1)]
    assert set(finding.detail("substitutions")) == {("打造", "缔造"), ("比如", "好比"), ("第一", "第壹")}
    assert 85 <= finding.detail("identity") < 100
    assert "3 words swapped" in finding.reason


def test_written_variants_are_found_on_either_side():
    spun_first = only(passages.find_passages([article("a.txt", HARBOUR_SPUN), article("b.txt", FILLERS["tea"], HARBOUR)]))
    assert ("第壹", "第一") in spun_first.detail("substitutions")


def test_changed_number_is_reported():
    a = article("a.txt", FILLERS["farm"], RESIDENTS)
    b = article("b.txt", RESIDENTS_CHANGED, FILLERS["bridge"])
    finding = only(passages.find_passages([a, b]))
    assert finding.detail("number_changes") == ((("a.txt", 3, "6.2万"), ("b.txt", 1, "6.5万")),)
    assert "1 number changed" in finding.reason


def test_later_article_reuses_the_earlier_one():
    a = parse_article(("发布日期：2024-05-01\n\n" + HARBOUR + "\n").encode(), "a.txt")
    b = parse_article(("发布日期：2023-02-01\n\n" + FILLERS["tea"] + "\n\n" + HARBOUR + "\n").encode(), "b.txt")
    assert only(passages.find_passages([a, b])).reason.startswith("Passage of a.txt:3-3 reuses b.txt:5-5")


def test_repeat_within_one_article():
    a = article("a.txt", HARBOUR, FILLERS["tea"], FILLERS["bridge"], HARBOUR)
    finding = only(passages.find_passages([a]))
    assert spans(finding) == [("a.txt", 1, 1), ("a.txt", 7, 7)]
    assert finding.detail("within_document") is True
    assert "in the same article" in finding.reason


def test_an_articles_list_of_contents_repeated_in_its_body_is_not_a_repeat():
    """A roundup opens with its numbered contents; each item heads a story below."""
    headlines = ["岚江两岸交通再添新通道 工程建设者日夜奋战确保明年汛期前全线贯通",
                 "青枫城北教育资源持续扩容 家门口上好学成为越来越多家庭的现实",
                 "溪枫河道旧貌换新颜 生态修复为城市带来一道道亮丽的新景观"]
    stories = [part for headline, key in zip(headlines, ("bridge", "school", "river"), strict=True)
               for part in (headline, FILLERS[key])]
    numbered = [f"{number}.{headline}；" for number, headline in enumerate(headlines, start=1)]
    roundup = article("a.txt", "本期主要内容：", *numbered, *stories, FILLERS["bridge"])
    story = [number for number, line in enumerate(roundup.lines, start=1) if line == FILLERS["bridge"]]
    assert spans(only(passages.find_passages([roundup]))) == [("a.txt", n, n) for n in story]  # the story, twice


def test_boilerplate_shared_by_many_articles_is_not_reported():
    notice = "本文仅代表作者个人观点，不代表本平台立场，如涉及版权问题请与我们联系，我们将及时处理。"
    places = "东西南北中甲乙丙丁戊己庚"
    corpus = [article(f"{k:02d}.txt", f"{places[k]}镇{FILLERS[name]}", notice) for k, name in enumerate(list(FILLERS) * 2)]
    corpus.append(article("99.txt", FILLERS["tea"], notice))
    findings = passages.find_passages(corpus)
    assert notice[:10] not in "".join(ref.text for f in findings for ref in f.items)
    pairs = {(f"{k:02d}.txt", f"{k + 6:02d}.txt") for k in range(6)} | {("00.txt", "99.txt"), ("06.txt", "99.txt")}
    assert {f.docs for f in findings} == pairs


NOTICE = "本文仅代表作者个人观点，不代表本平台立场，如涉及版权问题请与我们联系，我们将及时处理。"


def test_each_document_knows_its_boilerplate_ngrams():
    corpus = [article(f"{k:02d}.txt", f"第{k}篇" + FILLERS[name], NOTICE) for k, name in enumerate(list(FILLERS) * 2)]
    assert_boilerplate_is_the_notice(passages.plan_pairs(corpus), len(corpus))  # in 12 documents: more than max_docs


def test_boilerplate_of_the_whole_corpus_when_only_part_is_loaded():
    corpus = [article(f"{k:02d}.txt", f"第{k}篇" + FILLERS[name], NOTICE) for k, name in enumerate(list(FILLERS) * 2)]
    whole = passages.corpus_grams([passages.article_grams(a)[0] for a in corpus])
    part = corpus[:3]  # too few to tell boilerplate by themselves
    assert all(len(b) == 0 for b in passages.plan_pairs(part).index.boilerplate)
    assert_boilerplate_is_the_notice(passages.plan_pairs(part, corpus=whole), len(part))


def assert_boilerplate_is_the_notice(plan: passages.PairPlan, count: int) -> None:
    bits, size = index.doc_bits_for(count), passages.parameters().size
    notice_grams = set((index.gram_hashes(text.code_points(normalize_notice(NOTICE)), size) >> bits).tolist())
    for normalized, boilerplate in zip(plan.texts, plan.index.boilerplate):
        own = index.gram_hashes(text.code_points(normalized.text), size) >> bits
        assert list(boilerplate) == sorted(boilerplate)
        assert boilerplate.tolist() and set(boilerplate.tolist()) == notice_grams & set(own.tolist())


def normalize_notice(notice: str) -> str:
    return text.normalize(article("n.txt", notice), 0).text


@given(st.lists(st.integers(0, 2**64 - 1), max_size=300), st.lists(st.integers(0, 2**64 - 1), max_size=300))
def test_member_agrees_with_isin(values, members):
    values, members = np.array(values, dtype=np.uint64), np.array(members, dtype=np.uint64)
    members = np.unique(np.concatenate((members, values[::3])))  # some values are members
    lookalikes = members ^ np.uint64(1 << 40)  # same low bits as a member, another value
    values = np.concatenate((values, lookalikes))
    assert (index.member(values, members) == np.isin(values, members)).all()


def test_empty_corpus_and_articles_without_body_give_nothing():
    assert passages.find_passages([]) == [] and passages.plan_pairs([]).index.boilerplate == []
    empty, one_line = article("e.txt", ""), article("o.txt", "只有一行")
    plan = passages.plan_pairs([empty, one_line])
    assert plan.index.candidate_pairs == [] and len(plan.index.boilerplate) == 2
    assert passages.find_passages([empty, empty, one_line], jobs=2) == []


def test_unrelated_articles_on_one_topic_are_not_reported():
    a = article(
        "a.txt",
        "新能源汽车产业今年继续保持快速增长，本地龙头企业新建电池工厂，预计年底投产后可新增产能二十万套。",
        "市工信局表示，将加大对充电基础设施的投入，在主要商圈和高速服务区布局超级充电站。",
    )
    b = article(
        "b.txt",
        "受原材料价格回落影响，新能源汽车的整车成本有所下降，多家车企下调了入门车型的指导价格。",
        "业内人士认为，充电基础设施建设仍是制约消费者购买新能源汽车的主要因素，需要政府和企业共同投入。",
    )
    assert passages.find_passages([a, b]) == []


def test_short_shared_phrases_fall_under_min_chars():
    shared = "全面推进乡村振兴战略实施"
    a = article("a.txt", f"{FILLERS['tea']}今年县里{shared}，成效明显。")
    b = article("b.txt", f"{FILLERS['school']}镇政府{shared}，群众受益。")
    assert passages.find_passages([a, b]) == []


def test_focus_limits_the_pairs_that_are_aligned():
    a = article("a.txt", HARBOUR, FILLERS["tea"])
    b = article("b.txt", FILLERS["bridge"], HARBOUR, RESIDENTS)
    c = article("c.txt", FILLERS["museum"], RESIDENTS)
    everything = passages.find_passages([a, b, c])
    assert [f.docs for f in everything] == [("a.txt", "b.txt"), ("b.txt", "c.txt")]
    focused = passages.find_passages([a, b, c], focus={"c.txt"})
    assert [f.docs for f in focused] == [("b.txt", "c.txt")]
    plan = passages.plan_pairs([a, b, c], focus={"c.txt"})
    assert [text.doc for text in plan.texts] == ["a.txt", "b.txt", "c.txt"]
    assert plan.index.candidate_pairs and all(2 in pair for pair in plan.index.candidate_pairs)


def test_output_does_not_depend_on_input_order():
    corpus = [
        article("a.txt", HARBOUR, FILLERS["tea"], HARBOUR_SPUN),
        article("b.txt", FILLERS["bridge"], HARBOUR_SPUN, RESIDENTS),
        article("c.txt", FILLERS["museum"], RESIDENTS_CHANGED, HARBOUR),
    ]
    expected = passages.find_passages(corpus)
    assert len(expected) >= 4
    shuffled = corpus[:]
    random.Random(7).shuffle(shuffled)
    assert passages.find_passages(shuffled) == expected
    assert [(f.items[0].doc, f.items[0].start_line) <= (f.items[1].doc, f.items[1].start_line) for f in expected]


# --- the seed corpus ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_findings() -> list[Finding]:
    return passages.find_passages(load_articles(find_text_files(SEEDS), SEEDS).articles)


def find(findings: list[Finding], first: tuple[str, int], second: tuple[str, int]) -> Finding:
    """The finding whose sides cover the given (doc prefix, line) on each side."""
    for finding in findings:
        refs = finding.items
        if all(ref.doc.startswith(doc) and ref.start_line <= line <= ref.end_line for ref, (doc, line) in zip(refs, (first, second))):
            return finding
    raise AssertionError(f"no passage {first} ~ {second}")


def test_seed_004_repeats_the_headquarters_paragraph(seed_findings):
    finding = find(seed_findings, ("004", 45), ("004", 49))
    assert spans(finding)[0][1:] == (45, 47) and spans(finding)[1][1:] == (49, 51)
    assert finding.detail("within_document") is True and finding.detail("identity") == 100.0
    assert "总部楼宇20幢" in finding.items[0].text


def test_seed_000_spins_003(seed_findings):
    youth = find(seed_findings, ("000", 18), ("003", 15))
    assert ("生气蓬勃", "朝气蓬勃") in youth.detail("substitutions")
    assert youth.detail("identity") > 85
    engineers = find(seed_findings, ("000", 40), ("003", 33))
    assert spans(engineers)[1][1:] == (33, 35)
    assert {("根据", "按照"), ("越发", "越来越")} <= set(engineers.detail("substitutions"))
    permits = find(seed_findings, ("000", 44), ("003", 73))
    assert permits.detail("method") == "clause"
    assert "跨省互通互认" in permits.items[0].text and "跨省互通互认" in permits.items[1].text


def test_seed_findings_stay_on_reused_text(seed_findings):
    articles = {a.doc: a for a in load_articles(find_text_files(SEEDS), SEEDS).articles}
    cross = {f.docs for f in seed_findings if not f.detail("within_document")}
    assert cross == {("000_fec6badcdcb092b4.txt", "003_89bead473a95878e.txt")}
    for finding in seed_findings:
        for ref in finding.items:
            body = articles[ref.doc].body
            assert body[ref.start_line - 1] and body[ref.end_line - 1]
