"""Phrases: the words before and after a number -> its subject and its metric.

A helper of the claims stage. The segmenter (jieba's dictionary) cuts only the sentences
that hold a number, and its dictionary tags tell places (上虞, 绍兴市) from other words. The metric is what is left of the clause before the
number once reporting verbs, time words and the subject are dropped.
"""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache
from typing import NamedTuple

from .rules import load_toml
from .segmenter import segmenter

_QUOTED = re.compile(r"“[^”]{1,30}”|《[^》]{1,40}》|「[^」]{1,30}」|‘[^’]{1,30}’")
_PUNCTUATION = set("，,。；;：:、！!？?（）()“”\"'‘’《》〈〉【】[]·—-~ \t\x00")


class Token(NamedTuple):
    text: str
    start: int  # offsets in the segmented text
    end: int
    tag: str


def load_segmenter() -> None:
    """Load the dictionary now, e.g. before starting worker processes."""
    segmenter()


@cache
def _table() -> dict:
    return load_toml("phrases.toml")


@cache
def stopwords() -> frozenset[str]:
    return frozenset(_table()["metric"]["stopwords"])


@lru_cache(maxsize=200_000)
def segment(text: str) -> tuple[Token, ...]:
    """Words with their offsets and dictionary tags (ns place, v verb, n noun ...)."""
    return tuple(Token(*token) for token in segmenter().tokens(text))


@lru_cache(maxsize=100_000)
def word_tag(word: str) -> str:
    """The part-of-speech tag of a word on its own ("" when it is not one word)."""
    tokens = segment(word)
    return tokens[0].tag if len(tokens) == 1 else ""


def word_tokens(text: str) -> list[str]:
    """The words of a short phrase, for comparing metrics."""
    return [token.text for token in segment(text) if token.text not in _PUNCTUATION and token.text.strip()]


@cache
def _not_places() -> frozenset[str]:
    return frozenset(_table()["subjects"]["not_places"])


@cache
def _named_places() -> frozenset[str]:
    """Words that are places whatever their tag: 全区, 我国."""
    subjects = _table()["subjects"]
    return frozenset(subjects["home"]) | frozenset(subjects["country"])


def is_country(name: str) -> bool:
    return name in _table()["subjects"]["country"]


def place_suffixes() -> tuple[str, ...]:
    """Administrative suffixes, longest first (自治区 before 区)."""
    return _place_suffixes()


def stands_for_subject(word: str) -> bool:
    """全区, 该区, 我国: a word that names the subject without naming it."""
    return word in _named_places()


def is_place(tokens: tuple[Token, ...], index: int) -> bool:
    token = tokens[index]
    if token.text in _named_places() or _region_group_end(tokens, index):
        return True
    if token.text in _not_places() or token.text.startswith(_PARTICLES):
        return False  # 青春|之城: a fragment the dictionary tags as a place
    return (token.tag == "ns" and len(token.text) >= 2) or is_unlisted_place(tokens, index)


_PARTICLES = ("之", "的", "于")


def is_unlisted_place(tokens: tuple[Token, ...], index: int) -> bool:
    """临澜区, 海曙区: a proper name the dictionary does not know (or takes for a person's
    name) with an administrative suffix, written on or after it, is a place; 强区, 园区 and
    开发区 are words."""
    token = tokens[index]
    if token.tag not in _UNLISTED_TAGS:
        return False
    suffixes = _administrative_suffixes()
    text = _without_parent_suffix(token.text)
    if len(text) >= 3 and text.endswith(suffixes):
        stem = text[:-1]
    elif index + 1 < len(tokens) and tokens[index + 1].text in suffixes:
        stem = token.text
    else:
        return False
    return len(stem) >= 2 and stem not in _not_places() and all("\u4e00" <= ch <= "\u9fff" for ch in stem)


def _without_parent_suffix(text: str) -> str:
    """云梧市岚桥区 cut as 云梧 | 市岚桥区: the suffix at the start belongs to the place before."""
    if len(text) >= 4 and text.startswith(_administrative_suffixes()) and text.endswith(_administrative_suffixes()):
        return text[1:]
    return text


_UNLISTED_TAGS = ("", "nr", "nz")  # not in the dictionary, or a name of another kind


@cache
def _administrative_suffixes() -> tuple[str, ...]:
    return tuple(s for s in _table()["subjects"]["place_suffixes"] if len(s) == 1)


def _region_group_end(tokens: tuple[Token, ...], index: int) -> int:
    """Where a group of places that starts at a token ends (中部|六省, 西部|十二|省, 东盟|地区), else 0."""
    if tokens[index].text not in _table()["subjects"]["regions"]:
        return 0
    following = "".join(t.text for t in tokens[index + 1 : index + 3])
    group = _GROUP_OF_PLACES.match(following)
    if group is None:
        return 0
    end, written = index + 1, ""
    while len(written) < group.end():
        written += tokens[end].text
        end += 1
    return end if len(written) == group.end() else 0


_GROUP_OF_PLACES = re.compile(r"地区|[一二两三四五六七八九十\d]{1,3}[省市区国]")


def place_name(tokens: tuple[Token, ...], index: int) -> tuple[str, int]:
    """The place starting at a token, with its administrative suffix (上虞 + 区)."""
    group_end = _region_group_end(tokens, index)
    if group_end:
        return "".join(t.text for t in tokens[index:group_end]), group_end
    name, end = _without_parent_suffix(tokens[index].text), index + 1
    if end < len(tokens) and tokens[end].text in _table()["subjects"]["place_suffixes"]:
        name, end = name + tokens[end].text, end + 1
    return name, end


def places_in(text: str) -> list[str]:
    """The place names of a text, with their administrative suffixes; a place inside a quoted
    name (“长三角智造强区”) or a title (《浙江省…条例》) is not a place the text is about."""
    tokens = segment(_QUOTED.sub(" ", text))
    found, index = [], 0
    while index < len(tokens):
        token = tokens[index]
        if is_place(tokens, index) and (token.tag == "ns" or is_unlisted_place(tokens, index) or _region_group_end(tokens, index)):
            name, index = place_name(tokens, index)
            found.append(name)
        else:
            index += 1
    return found


def normalize_subject(name: str, home: str) -> str:
    """上虞区 -> 上虞; 全区 -> the article's place; 我国 -> 中国."""
    subjects = _table()["subjects"]
    if name in subjects["home"]:
        return home or name
    if name in subjects["country"]:
        return "中国"
    if name.endswith(_place_suffixes()) and not is_organisation(name) and not _names_a_group(name):  # 物流园区, 西部地区 stay
        for suffix in _place_suffixes():
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return name[: -len(suffix)]
    return name


def _names_a_group(name: str) -> bool:
    """西部地区, 中部六省: a group of places keeps its last character."""
    return name.endswith("地区") or bool(re.search(r"[一二两三四五六七八九十\d][省市区国]$", name))


@cache
def _place_suffixes() -> tuple[str, ...]:
    return tuple(sorted(_table()["subjects"]["place_suffixes"], key=len, reverse=True))


class _Named(NamedTuple):
    """A place or organisation named in a sentence."""

    name: str
    start: int
    end: int  # where the name ends
    scope: bool  # a level or where a ranking is held (绍兴市级, 居全省), never a subject
    place: bool
    country: bool
    topic: bool  # named before the first verb of its clause: what the clause is about


@lru_cache(maxsize=20_000)
def _names(tokens: tuple[Token, ...]) -> tuple[_Named, ...]:
    """The places and organisations of a sentence, in order."""
    subjects = _table()["subjects"]
    found: list[_Named] = []
    index, verb_seen, clause_start, first = 0, False, 0, 0
    while index < len(tokens):
        token = tokens[index]
        if token.text in _CLAUSE_MARKS:
            _head_of_noun_clause(found, clause_start, tokens, first, index)
            verb_seen, clause_start, first = False, len(found), index + 1
        if is_place(tokens, index):
            name, end = place_name(tokens, index)
            following = tokens[end].text if end < len(tokens) else ""
            previous = tokens[index - 1].text if index else ""
            scope = following in subjects["scope_suffixes"] or following.startswith("级") or previous in _RANKING_VERBS
            country = name in subjects["country"]
            found.append(_Named(name, token.start, tokens[end - 1].end, scope, True, country, not verb_seen))
            index = end
            continue
        if token.text.endswith(_organisation_suffixes()):
            name = _organisation(tokens, index)
            if name:
                found.append(_Named(name, token.end - len(name), token.end, False, False, False, not verb_seen))
        verb_seen = verb_seen or token.tag.startswith("v")
        index += 1
    _head_of_noun_clause(found, clause_start, tokens, first, len(tokens))
    return tuple(found)


def _head_of_noun_clause(found: list[_Named], clause_start: int, tokens: tuple[Token, ...], first: int, end: int) -> None:
    """如今,地处长三角核心区域的上虞,正在…: a clause that is a noun phrase ending in a name
    after 的 is about that name; the places in its modifier are not topics. The clause holds
    the names found[clause_start:] and the tokens[first:end]."""
    if len(found) <= clause_start or end < 2 or found[-1].end != tokens[end - 1].end:
        return
    before = next((tokens[k] for k in range(end - 1, first - 1, -1) if tokens[k].end <= found[-1].start), None)
    if before is None or before.text != "的":
        return
    opening = next((t for t in tokens[first:end] if t.text.strip() and t.text not in _PUNCTUATION), None)
    if opening is not None and found[clause_start].start <= opening.start:
        return  # 青枫产业园是桐屿县打造的平台: the clause opens with its topic
    for position in range(clause_start, len(found)):
        found[position] = found[position]._replace(topic=position == len(found) - 1)


_CLAUSE_MARKS = frozenset("，,；;：:")


@lru_cache(maxsize=20_000)
def _clause_mark_ends(tokens: tuple[Token, ...]) -> tuple[int, ...]:
    return tuple(t.end for t in tokens if t.text in _CLAUSE_MARKS)


_RANKING_VERBS = ("居", "位居", "列", "跃居", "全")


def find_subject(tokens: tuple[Token, ...], before: int, ranking: bool = False) -> str:
    """The last place or organisation named before an offset in its clause, or as the topic of
    an earlier clause (before its first verb: a name after a verb is an object), skipping scopes.

    A place followed by 级 (绍兴市级) is a level; a place right before a rank
    (居绍兴市首位, 全国30强) is where the ranking is held: neither is the subject.
    """
    found = ""
    marks = _clause_mark_ends(tokens)
    clause_start = marks[bisect.bisect_right(marks, before) - 1] if marks and marks[0] <= before else 0
    for named in _names(tokens):
        if named.end > before:
            break
        if named.scope or (ranking and named.place and (named.country or (before - named.end <= 6 and not named.topic))):
            continue  # 居全省第一 is where the ranking is held; 临澜跃升至第36位 is who is ranked
        if named.start >= clause_start or named.topic:  # 园区是临澜区重点建设的平台,总投资185亿元: the 园区's
            found = named.name
    return found


def name_starting_at(tokens: tuple[Token, ...], start: int) -> str:
    """The longest place or organisation named from an offset: 浙大邵逸夫医院, not 浙大."""
    named = [n.name for n in _names(tokens) if n.start == start and not n.scope]
    return max(named, key=len, default="")


def is_organisation(name: str) -> bool:
    """临澜智造产业园, 浙大邵逸夫医院: a name that ends with an organisation word."""
    return name.endswith(_organisation_suffixes())


@cache
def _organisation_suffixes() -> tuple[str, ...]:
    return tuple(_table()["subjects"]["organisation_suffixes"])


_NOT_IN_NAMES = ("v", "p", "c", "u", "d", "r", "m", "q", "b")  # verbs, particles, pronouns, numerals, 整个: 整个产业园


def _organisation(tokens: tuple[Token, ...], last: int) -> str:
    """The name ending with an organisation word: 浙江 晶盛 机电 股份 有限公司."""
    words = []
    for token in reversed(tokens[: last + 1]):
        if token.text in _PUNCTUATION or token.tag.startswith(_NOT_IN_NAMES) or token.text in stopwords():
            break
        if stands_for_subject(token.text) or token.text in _table()["subjects"]["by_level"]:
            break  # 全区上市公司: the district's listed companies, not a company's name
        words.append(token.text)
    name = "".join(reversed(words))
    return name if len(name) > len(tokens[last].text) else ""


def metric_words(tokens: tuple[Token, ...], start: int, end: int, drop: set[str]) -> list[str]:
    """The words between two offsets that name what is measured (places and fillers dropped).
    Two words joined by 和, 与 or 及 stay one word: 商品和服务零售额 is the total of both, not
    商品零售额."""
    kept: list[tuple[int, str]] = []  # (token index, word)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if is_place(tokens, index):
            index = place_name(tokens, index)[1]
            continue
        index += 1
        if token.start >= end:
            break
        if token.start < start or token.end > end:
            continue
        text = token.text
        if text in conjunctions():
            kept.append((index - 1, text))
            continue
        if text in _PUNCTUATION or not text.strip() or text in stopwords() or text in drop:
            continue
        if token.tag.startswith(("p", "c", "u", "d", "f")) and len(text) == 1:
            continue
        if text[0].isdigit() or token.tag == "m":
            continue  # 连续3年: numbers are never part of what is measured
        kept.append((index - 1, text))
    return _joined(kept)


def _joined(kept: list[tuple[int, str]]) -> list[str]:
    """Words with the conjunction between two adjacent words merged into one (商品, 和, 服务 ->
    商品和服务); a conjunction elsewhere is dropped."""
    words: list[str] = []
    previous, conjunction = -2, ""  # the token index of the last word kept; a 和 right after it
    for index, text in kept:
        if text in conjunctions():
            conjunction = text if words and previous == index - 1 else ""
            continue
        if conjunction and previous == index - 2:
            words[-1] += conjunction + text
        else:
            words.append(text)
        previous, conjunction = index, ""
    return words


@cache
def conjunctions() -> frozenset[str]:
    """和, 与, 及: what joins two words into one name of what is measured."""
    return frozenset(_table()["metric"]["conjunctions"])


def pair_words(word: str) -> list[str] | None:
    """城乡 -> [城镇, 农村]: a word that names two subjects at once."""
    return _table()["pairs"].get(word)


def implied_unit(context: str) -> str:
    """The unit a noun in the words around a bare number implies: 新增市民6.2万 -> 人."""
    for unit, nouns in _table()["implied_units"].items():
        if any(noun in context for noun in nouns):
            return unit
    return ""


def phrase_table() -> dict:
    return _table()
