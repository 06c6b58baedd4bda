"""Metrics: the drafts of a Line, their subjects named -> what each figure measures.

In: the drafts of one line, in line order. Out: each draft's metric (the words before it in
its clause, or the noun a count modifies: 3家创新联合体), its scope words (累计, 新增, 规上,
省级以上, 第三期, 其中), a rate or rank without words of its own taking the metric of the
figure before it, one subject or period per value of a 分别 list, and one rank per figure
for a rank that covers them all (均居全市第一).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache, lru_cache

from .. import phrases
from ..keys import canonical_text, key_of_words, metric_key
from ..rules import load_toml
from .draft import Draft
from .kinds import kind_words
from .line import CJK, NOUN_STOP, Line
from .period import period_of_item

_QUOTE_MARKS = set("“”‘’\"")
_NOUN_AFTER_DIMENSIONS = ("count", "people", "visits", "households", "time", "ordinal")
_WHOLE_WORD_BELOW = 3  # scope words shorter than this must be words of their own (增加, not 增加值)
_PERIOD_WORDS = r"^(?:(?:19|20)\d\d年)?(?:[一二三四]季度|上半年|下半年|前三季度|\d{1,2}月)"
_NUMBERED = re.compile(r"\[\d+\]$")
_COUNT_OF_ITEMS = r"[两二三四五六七八九十\d]+[大个类项]"
_EDITION = re.compile(r"第[一二三四五六七八九十百零〇\d]+[期届批轮]")
_ALL_OF = re.compile(r"均(?:位)?(?:居|列|排|为)[^，,。；;]{0,8}第?$")


def name_metrics(line: Line, drafts: list[Draft]) -> None:
    """Fill metric and scope of the drafts of this line, sentence by sentence."""
    by_sentence: dict[tuple[int, int], list[Draft]] = {}
    described: list[Draft] = []
    for draft in drafts:
        earlier = by_sentence.setdefault(draft.sentence, [])
        _metric(line, draft, earlier)
        _split_respectively(line, draft, earlier)
        _mark_part(line, draft, described)
        earlier.append(draft)
        described.append(draft)


def _metric(line: Line, draft: Draft, earlier: list[Draft]) -> None:
    s0 = draft.sentence[0]
    tokens = line.tokens(s0)
    if draft.kind == "event_year":
        end = line.clause_end(draft.end)
        draft.metric = "".join(phrases.metric_words(tokens, draft.end - s0, end - s0, set()))[:30]
        return
    q = draft.quantity
    start = max([line.clause_start(q.start)] + [d.end for d in earlier if d.end <= q.start])
    start = max([start] + [p.end for p in line.periods if start <= p.end <= q.start])
    before = phrases.metric_words(tokens, start - s0, draft.start - s0, kind_words())
    after = _noun_after(line, tokens, draft.end, s0) if draft.dimension in _NOUN_AFTER_DIMENSIONS else []
    draft.scope = _scopes_before(line, q.start, line.value_list(q)[0].start)
    streak = line.text[start : draft.start].endswith(tuple(phrases.phrase_table()["metric"]["streaks"]))  # 连续12年位居世界第一
    draft.metric = "".join(before + after if streak else after or before)[:40]
    inherits = draft.kind in ("growth", "rank", "rank_change") or (earlier and earlier[-1].dimension == draft.dimension)
    if inherits and earlier and not after and not _meaningful(before):  # 比上年增加9.7亿元: of the figure before
        source = earlier[-1]
        draft.metric = source.metric
        if draft.kind in _RANKED or not _names_another_place(line, draft, source):  # …对东盟地区投资增长较快,增长12.6%
            draft.subject = source.subject
        if draft.kind != source.kind:  # a rate or rank of a level shares its scope (规上)
            draft.scope = tuple(dict.fromkeys(source.scope + draft.scope))
    elif not after and draft.kind not in _RANKED and not key_of_words(before):
        _continue_elided_metric(draft, earlier)
    if draft.kind in _RANKED and not _names_list(draft.metric) and not _meaningful(before):
        draft.metric = _rank_list(line, draft) or draft.metric
    _name_holder(line, draft, earlier)


def _name_holder(line: Line, draft: Draft, earlier: list[Draft]) -> None:
    """Whose a result is: the activity counted before it, else its sentence's industry."""
    if not _of_the_activity_before(line, draft, earlier):
        _of_the_industry(line, draft)


def _of_the_activity_before(line: Line, draft: Draft, earlier: list[Draft]) -> bool:
    """置换更新补贴申请100.5万份,带动销售额1767.3亿元; 家电以旧换新2702.3万台,销售额达1110.9亿元:
    a figure its clause says was driven (带动, 拉动), or a result written alone after a count,
    is the result of the activity counted before it."""
    holders = phrases.phrase_table()["holders"]
    if not earlier or not earlier[-1].metric:
        return False
    clause = line.text[line.clause_start(draft.start, list_marks=False) : draft.start]
    driven = clause.startswith(tuple(holders["driven_by"]))
    after_a_count = draft.metric in holders["metrics"] and earlier[-1].kind == "count"
    if driven or after_a_count:
        draft.metric = (earlier[-1].metric + draft.metric)[:40]
    return driven or after_a_count


def _of_the_industry(line: Line, draft: Draft) -> None:
    """我国轻工业增加值增长5.3%,实现营业收入23万亿元: a business result that names no industry
    is the one of the industry its sentence names first."""
    holders = phrases.phrase_table()["holders"]
    if not draft.metric.endswith(tuple(holders["metrics"])) or _industry_pattern().search(draft.metric):
        return
    s0 = draft.sentence[0]
    for clause in re.split(r"[，,；;：:]", line.text[s0 : draft.start]):
        industry = _industry_pattern().search(clause)
        if industry:
            holder = clause[: industry.end()]
            words = phrases.metric_words(phrases.segment(holder), 0, len(holder), kind_words())
            if "".join(words) and _is_topic(holder, industry.start()):
                draft.metric = ("".join(words) + draft.metric)[:40]
                draft.scope = tuple(dict.fromkeys(draft.scope + scope_words_in(holder)))
            return


def _is_topic(clause: str, industry_start: int) -> bool:
    """文化及相关产业蓬勃发展: the industry opens its clause, before any verb (one joined to it by
    及 is part of its name: 及相关产业); 产值占规上工业总产值, 坚持工业强县: after a verb, the
    industry is what the figure is a part of, or an object."""
    tokens = phrases.segment(clause)
    for index, token in enumerate(tokens):
        if token.start >= industry_start:
            return True
        names_it = index > 0 and tokens[index - 1].text in phrases.conjunctions() and token.end == industry_start
        if token.tag.startswith("v") and not names_it:
            return False
    return True



@cache
def _industry_pattern() -> re.Pattern:
    industries = sorted(phrases.phrase_table()["holders"]["industries"], key=len, reverse=True)
    return re.compile(f"(?:{'|'.join(map(re.escape, industries))})+")


def _names_another_place(line: Line, draft: Draft, source: Draft) -> bool:
    """Whether a place other than the source figure's is named between the two figures."""
    if not draft.subject or draft.subject == source.subject or phrases.is_country(draft.subject):
        return False
    return draft.subject in phrases.places_in(line.text[source.end : draft.start])


def _continue_elided_metric(draft: Draft, earlier: list[Draft]) -> None:
    """收入66108元,城镇居民超7.7万元; 共有640家,累计新增362家; 年均增长6.8%,2020年达到1026.35亿元:
    a clause that names only a scope, a verb or nothing measures what the sentence named last;
    an item of a list keeps the list's other scopes (人均), save those its own scope replaces."""
    ranked = draft.kind in _RANKED
    source = next((d for d in reversed(earlier) if metric_key(d.metric) and (d.kind in _RANKED) == ranked), None)
    if source is None:
        return  # 奢侈品第二名:…价格:750美元: a price does not measure what a rank ranks
    inherited = metric_key(source.metric).replace(" ", "")
    draft.metric = f"{draft.metric} {inherited}"[:40] if draft.metric else inherited  # a space: not re-segmented
    draft.subject = draft.subject or source.subject
    if source.kind == draft.kind:  # another item of one list; a level after a rate (年均增长) is not
        replaced = {word for group in _alternatives() if set(group) & set(draft.scope) for word in group}
        carried = source.scope + scope_words_in(source.metric)
        draft.scope = tuple(dict.fromkeys(draft.scope + tuple(s for s in carried if s not in replaced)))


@cache
def _alternatives() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(group) for group in _scope_table()["alternatives"].values())


_RANKED = ("rank", "rank_change")


def _rank_list(line: Line, draft: Draft) -> str:
    """The list a rank is held in (its metric): one named in the clause; else, when the clause
    names where it is held (在全省入围的区中排名第3), that scope's ranking; else the list the
    sentence, then the line, names (《2024全国百强区报告》…临澜区位列第29位)."""
    text = line.text
    clause = text[line.clause_start(draft.start, list_marks=False) : draft.start]
    scope = next((word for word in _rank_words("scope_of_rank") if word in clause), "")
    s0, s1 = draft.sentence
    for stretch in (clause, "" if scope else text[s0:s1], "" if scope else text):
        found = _names_list(stretch)
        if found:
            return found
    return scope + "排名" if scope else ""


def _names_list(text: str) -> str:
    return next((word for word in _rank_words("lists") if word in text), "")


@cache
def _rank_words(key: str) -> tuple[str, ...]:
    return tuple(sorted(phrases.phrase_table()["rank"][key], key=len, reverse=True))


def _noun_after(line: Line, tokens: tuple[phrases.Token, ...], position: int, s0: int) -> list[str]:
    """The noun phrase a count modifies: 3家[创新联合体], 1400多家[伞厂]年产, 2200多年的[建县历史]."""
    text = line.text
    if text.startswith("的", position):
        position += 1
    end = line.clause_end(position)
    if position >= end or text[position] in NOUN_STOP or not CJK.match(text[position]):
        return []
    words: list[str] = []
    for token in tokens:
        if token.start < position - s0 or token.end > end - s0:
            continue
        if token.text in _QUOTE_MARKS:
            continue  # 第三批浙江省“万亩千亿”新产业平台: the name goes on inside the quotes
        if token.text in NOUN_STOP or token.text[0].isdigit() or (token.tag.startswith("v") and words):
            break
        if token.text.strip() and token.text not in phrases.stopwords():
            words.append(token.text)
    return words


def _meaningful(words: list[str]) -> bool:
    return any(len(w) > 1 or CJK.match(w) for w in words)


def _mark_part(line: Line, draft: Draft, earlier: list[Draft]) -> None:
    """执行额8314亿元。其中,承接离岸服务外包执行额4793亿元: a part of a figure given before."""
    whole = next((d for d in reversed(earlier) if d.metric and draft.metric.endswith(d.metric) and d.kind == draft.kind), None)
    if whole is not None and "其中" in line.text[max(whole.end, draft.sentence[0]) : draft.start]:
        draft.scope = tuple(dict.fromkeys(draft.scope + ("其中",)))


def _split_respectively(line: Line, draft: Draft, earlier: list[Draft]) -> None:
    """新材料、高端装备制造两大产业产值分别突破1000亿元、600亿元: one subject per value;
    工业增加值、服务业增加值增长6.5%、5.3%: a list of values after a list of metrics, one each."""
    found = _respective_list(line, draft, earlier)
    if found is None:
        return
    head, index = found
    draft.respectively = head
    items = _items(head)
    pair_word = next((w for w in phrases.phrase_table()["pairs"] if w in head), None)
    item_periods = [period_of_item(line, item) for item in items]
    if len(items) >= 2 and index < len(items) and all(item_periods):
        draft.period = item_periods[index]  # 一季度、二季度、三季度GDP分别增长...: one period each
        draft.metric = _clean_metric(re.sub(_PERIOD_WORDS, "", items[-1])) or draft.metric
    elif len(items) >= 2 and index < len(items) and _lists_metrics(items):
        draft.metric = _clean_metric(items[index]) or draft.metric
        own = scope_words_in(items[index])
        others = {word for i, item in enumerate(items) if i != index for word in scope_words_in(item)} - set(own)
        draft.scope = tuple(dict.fromkeys(tuple(s for s in draft.scope if s not in others) + own))
    elif len(items) >= 2 and index < len(items):
        shared = re.split(_COUNT_OF_ITEMS, items[-1])
        named = re.split(_COUNT_OF_ITEMS, items[index])[0]
        places = phrases.places_in(named)
        draft.subject = (places[0] if places else named) or draft.subject  # 北京、上海GDP分别…: 上海
        if len(shared) > 1:
            draft.metric = _clean_metric(shared[-1])
        elif phrases.places_in(items[-1]):
            draft.metric = _clean_metric(_without_places(items[-1])) or draft.metric
    elif pair_word and index < 2:
        members = phrases.pair_words(pair_word)
        draft.metric = _clean_metric(head.replace(pair_word, members[index]))
        draft.scope = tuple(s for s in draft.scope if s not in members) + (members[index],)
    else:
        draft.metric = _NUMBERED.sub("", draft.metric) + f"[{index + 1}]"


def _respective_list(line: Line, draft: Draft, earlier: list[Draft]) -> tuple[str, int] | None:
    """The list a value is one of the respective values of, and which: the list before 分别,
    or the list of metrics a list of values follows (工业增加值、服务业增加值增长6.5%、5.3%)."""
    before = line.text[draft.sentence[0] : draft.start]
    at = before.rfind("分别")
    if at >= 0 and not re.search(r"[，,；;：:]", before[at:]):
        head = re.split(r"[，,；;：:]", before[:at])[-1].strip()
        while not head and before.rfind("分别", 0, at) >= 0:  # 分别为A和B,分别增长x和y: the list named first
            at = before.rfind("分别", 0, at)
            head = re.split(r"[，,；;：:]", before[:at])[-1].strip()
        return head, sum(1 for d in earlier if d.kind == draft.kind and d.respectively == head)
    values = line.value_list(draft.quantity)
    if len(values) < 2:
        return None
    first = values[0].start
    head = line.text[line.clause_start(first, list_marks=False) : first].strip()
    if len(_items(head)) != len(values):  # 分别增长42%和37.1%,年均增长9.2%、8.2%: the list named before
        head = next((d.respectively for d in reversed(earlier) if len(_items(d.respectively)) == len(values)), "")
    listed = _items(head)
    return (head, values.index(draft.quantity)) if len(listed) == len(values) and _lists_metrics(listed) else None


def _items(head: str) -> list[str]:
    return [item for item in re.split(r"[、和与及]", head) if item]


def _lists_metrics(items: list[str]) -> bool:
    """工业增加值、服务业增加值: each item names what is measured, not only a place or a scope
    (北京、上海GDP; 城镇、农村居民收入) nor a count of kinds (两大产业产值)."""
    if re.search(_COUNT_OF_ITEMS, items[-1]):
        return False
    return all(metric_key(_clean_metric(_without_places(item))) for item in items[:-1])


def _without_places(text: str) -> str:
    for place in phrases.places_in(text):
        text = text.replace(place, "")
    return text


def _clean_metric(text: str) -> str:
    tokens = phrases.segment(text)
    return "".join(phrases.metric_words(tokens, 0, len(text), kind_words()))[:40]


# -- scopes --


def _scopes_before(line: Line, position: int, list_start: int) -> tuple[str, ...]:
    """Scope words before a number: 累计 from its sentence, 新增 from its clause, 规上 and
    省级以上 from its list item, which for a list of values (年均增长9.2%、8.2%) starts before
    the first value (list_start)."""
    sentence_start = line.sentence_of(position)[0]
    reframed = [p.start for p in line.periods if sentence_start < p.start < position and _opens_clause(line, p.start)]
    spans = {
        "sentence": max([sentence_start] + reframed),  # 累计拥有…；今年新引进2万人: a new period opens a new frame
        "phase": sentence_start,
        "clause": line.clause_start(position, list_marks=False),
        "item": line.clause_start(list_start),
    }
    found = []
    for section, start in spans.items():
        pattern, canonical = _scope_pattern(section)
        for match in pattern.finditer(line.text, start, position):
            word = match.group()
            if len(word) >= _WHOLE_WORD_BELOW or line.says((word,), match.start(), match.end(), _WHOLE_WORD_BELOW):
                found.append(canonical[word])
    found += _EDITION.findall(line.text, spans["sentence"], position)  # 第一期 vs 第三期 国债
    return tuple(dict.fromkeys(found))


def _opens_clause(line: Line, position: int) -> bool:
    return not line.text[line.clause_start(position, list_marks=False) : position].strip()


@cache
def _scope_table() -> dict:
    return load_toml("scopes.toml")


@cache
def _scope_pattern(section: str) -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for the scope words of a section, and the scope each variant names."""
    canonical = {variant: name for name, variants in _scope_table()[section].items() for variant in variants}
    words = sorted(canonical, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), canonical


@lru_cache(maxsize=100_000)
def scope_words_in(metric: str) -> tuple[str, ...]:
    """Scope words written inside a metric phrase (城镇居民人均可支配收入 -> 城镇, 人均), or
    implied by the synonym it stands for (居民收入 is 人均可支配收入)."""
    metric = canonical_text(metric)
    found = []
    for section in ("sentence", "phase", "clause", "item"):
        pattern, canonical = _scope_pattern(section)
        for match in pattern.finditer(metric):
            word = match.group()
            if len(word) >= _WHOLE_WORD_BELOW or _starts_a_word(word, metric):
                found.append(canonical[word])
    return tuple(dict.fromkeys(found))


def _starts_a_word(word: str, text: str) -> bool:
    """规上 in 规上|企业 or in the dictionary word 规上工业增加值 (规上 + the word 工业增加值);
    not 增加 in 增加值."""
    return any(
        token.text == word or (token.text.startswith(word) and _is_word(token.text[len(word) :]))
        for token in phrases.segment(text)
    )


def _is_word(text: str) -> bool:
    return len(text) >= 2 and bool(phrases.word_tag(text))


def _mentions(words: Iterable[str], text: str, whole_word_below: int = 2) -> bool:
    """Whether text uses one of the words; a short word must be a word of its own (共, not 公共;
    增加, not 增加值)."""
    short = {word for word in words if len(word) < whole_word_below}
    if any(word in text for word in words if len(word) >= whole_word_below):
        return True
    return bool(short) and any(token.text in short for token in phrases.segment(text))


# -- one rank for several figures --


def all_of_previous(line: Line, start: int) -> bool:
    """均居全市第一: the rank quoted from start is one for each figure before it in its sentence."""
    return bool(_ALL_OF.search(line.clause_before(start)))


def expand_all_of(line: Line, drafts: list[Draft]) -> list[Draft]:
    """One claim per value: 均居全市第一 after two figures is two ranks."""
    expanded: list[Draft] = []
    for draft in drafts:
        if draft.all_of_previous:
            clause = line.clause_start(draft.start, list_marks=False)
            sentence = [
                d for d in expanded
                if d.sentence == draft.sentence and d.kind not in ("rank", "event_year") and d.end <= clause
            ]
            for figure in sentence:
                expanded.append(replace(draft, metric=f"{figure.metric}排名", scope=figure.scope))
            if sentence:
                continue
        expanded.append(draft)
    return expanded
