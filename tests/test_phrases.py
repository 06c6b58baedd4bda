"""Subjects and metric words: places the dictionary does not know, quoted names, pronouns."""

import pytest

from checker import phrases


def tokens(text: str):
    return phrases.segment(text)


@pytest.mark.parametrize("name", ["岚桥区", "溪枫县", "沐阳镇"])
def test_unknown_name_with_an_administrative_suffix_is_a_place(name):
    found = tokens(f"{name}今年新建学校")
    assert phrases.is_place(found, 0), [(t.text, t.tag) for t in found]


@pytest.mark.parametrize("word", ["开发区", "示范区", "园区", "强区", "功能区", "超市", "小镇"])
def test_common_nouns_ending_in_a_suffix_are_not_places(word):
    found = tokens(word)
    assert not any(phrases.is_place(found, i) for i in range(len(found)) if found[i].text == word)


def test_a_place_inside_a_quoted_name_is_not_a_place_of_the_text():
    assert phrases.places_in("奋力建设“大湾区智造名城”,岚桥区交出答卷") == ["岚桥区"]


@pytest.mark.parametrize("word", ["该区", "全县", "我国"])
def test_pronouns_and_home_words_stand_for_the_subject(word):
    assert phrases.stands_for_subject(word)


def test_country_before_a_ranking_list_is_its_scope_not_the_subject():
    found = tokens("岚桥区跻身全国百强区第18名")
    assert phrases.find_subject(found, len("岚桥区跻身全国百强区第"), ranking=True) == "岚桥区"


@pytest.mark.parametrize(
    "text, group",
    [("西南五省旅游收入增长", "西南五省"), ("华东地区用电量增长", "华东地区"), ("东北三省粮食产量创新高", "东北三省")],
)
def test_a_region_with_a_count_of_provinces_or_diqu_is_a_group_of_places(text, group):
    assert phrases.places_in(text) == [group]
    assert phrases.normalize_subject(group, "") == group  # 五省 keeps its 省


def test_a_region_word_alone_is_no_place():
    assert phrases.places_in("西部大开发持续推进,中部崛起势头良好") == []
