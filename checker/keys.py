"""Metric keys: a metric phrase -> the canonical words that say what it measures.

In: the metric text of a claim (地区生产总值, 规上工业增加值). Out: its key, with synonyms
unified, scope words (新增, 规上, 城镇), generic words (实现, 全区) and symbols dropped, and
whether two keys name the same quantity. Extraction uses keys to tell whether a clause names
what it measures; matching uses them to group claims.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rapidfuzz.distance import Indel

from . import phrases
from .rules import load_toml

METRIC_SIMILARITY = 85  # rapidfuzz token_sort_ratio, 0-100, for two metrics to be the same


@cache
def _synonyms() -> tuple[tuple[str, str], ...]:
    table = load_toml("synonyms.toml")["synonyms"]
    pairs = [(variant, canonical) for canonical, variants in table.items() for variant in variants]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


@cache
def _generic_words() -> frozenset[str]:
    return frozenset(load_toml("synonyms.toml")["generic"]["words"])


@cache
def _scope_variants() -> frozenset[str]:
    table = load_toml("scopes.toml")
    return frozenset(v for section in ("sentence", "phase", "clause", "item") for vs in table[section].values() for v in vs)


@cache
def metric_key(metric: str) -> str:
    """The canonical words of a metric: synonyms unified, scope, generic words and symbols dropped."""
    return key_of_words(phrases.word_tokens(canonical_text(metric)))


def key_of_words(words: list[str]) -> str:
    """The key of a metric already cut into words (no synonyms applied): "" when the words
    name only scopes, verbs of reporting or places (城镇居民, 累计新增, 达到)."""
    return " ".join(phrases.normalize_subject(w, "") for w in _without_scope_words(words) if _names_what(w))


def without_scope_words(metric: str) -> str:
    """The metric with its scope words dropped: 城镇居民人均可支配收入 -> 居民人均可支配收入."""
    return "".join(_without_scope_words(phrases.word_tokens(metric)))


def _names_what(word: str) -> bool:
    """Generic words, places that stand for the subject (该区, 我国) and symbols say nothing
    about what is measured."""
    return word not in _generic_words() and not phrases.stands_for_subject(word) and bool(_WORDLIKE.search(word))


_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")  # ▲, ■ and other bullets are not words


def _without_scope_words(words: list[str]) -> list[str]:
    """Drop scope words (新增, 规模以上, 城镇居民), matched on word boundaries: 增加值 keeps its
    增加. A word that starts with a scope word keeps the rest when the rest is a word of its
    own (规上工业增加值 -> 工业增加值)."""
    variants = _scope_variants()
    kept, index = [], 0
    while index < len(words):
        end = _scope_run_end(words, index, variants)
        if end > index:
            index = end
            continue
        kept.append(_strip_scope_prefix(words[index], variants))
        index += 1
    return kept


def _scope_run_end(words: list[str], start: int, variants: frozenset[str]) -> int:
    """The end of the longest run of words from start that spells a scope word (start if none)."""
    joined, found = "", start
    for end in range(start, min(len(words), start + _SCOPE_WORDS_AT_MOST)):
        joined += words[end]
        if joined in variants:
            found = end + 1
    return found


_SCOPE_WORDS_AT_MOST = 3  # 省级 以上, 规模 以上: a scope word is written in at most three words


def _strip_scope_prefix(word: str, variants: frozenset[str]) -> str:
    for length in range(len(word) - 2, 1, -1):
        if word[:length] in variants and phrases.word_tag(word[length:]):
            return word[length:]
    return word


def canonical_text(metric: str) -> str:
    """Rewrite synonyms in one left-to-right pass, so a canonical form is never rewritten again."""
    pattern, table = _synonym_pattern()
    return pattern.sub(lambda m: table[m.group()], metric)


@cache
def _synonym_pattern() -> tuple[re.Pattern, dict[str, str]]:
    table = dict(_synonyms())
    return re.compile("|".join(re.escape(v) for v, _ in _synonyms())), table


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(load_toml("synonyms.toml")[name]["words"])


@lru_cache(maxsize=200_000)
def is_specific(key: str) -> bool:
    """A metric key that says what is counted (雄鹰企业), not only verbs and a head noun (引进项目)."""
    return any(word not in word_set("vague") and not phrases.word_tag(word).startswith("v") for word in key.split())


@lru_cache(maxsize=500_000)
def same_metric(a: str, b: str, threshold: int = METRIC_SIMILARITY, ranking: bool = False) -> bool:
    """Two metric keys name the same quantity: near-equal words, or (for a ranking) one adds
    words that describe the same list (百强区 vs 综合实力全国百强区)."""
    if not a or not b:
        return False
    if a == b:
        return True
    words_a, words_b = a.split(), b.split()
    if words_a[-1] != words_b[-1]:
        return False  # the last word is the head: 收入 vs 收入中位数 are different quantities
    if Indel.normalized_similarity(sorted(words_a), sorted(words_b)) * 100 >= threshold:
        return True
    if not ranking:
        return False
    small, large = sorted((set(words_a), set(words_b)), key=len)
    return small < large and is_specific(" ".join(sorted(small))) and len("".join(small)) >= 2


@lru_cache(maxsize=200_000)
def measures_a_flow(metric: str) -> bool:
    """申请量, 销售额, 接待人次, 死亡人数: a metric whose head word is an amount or a tally of
    events, which keeps changing; 高新技术企业 counts things that exist."""
    return metric.endswith(tuple(word_set("flow_endings")))
