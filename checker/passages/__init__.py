"""Duplicated passages: articles -> duplicate_passage findings.

In: articles. Out: one finding per passage that two bodies share, or that one body
repeats, verbatim or spun (synonym swaps, punctuation changes, small insertions), with
its identity, the swapped words and the changed numbers. Body text is normalized (NFKC
width, case, financial numerals, no punctuation, each number one symbol); an inverted
index of rare character n-grams picks the document pairs, shared n-grams are chained
along alignment diagonals and a rapidfuzz alignment trims each chain; a clause pass
(jieba words, token_set_ratio) finds loose rewrites between documents known to share text.

The stage in modules, in the order a passage goes through them: params (passages.toml),
text (normalization), index (n-gram hashes and candidate pairs), align (chains, alignment,
clause pass, merging), findings (an alignment as a Finding). This module plans the pairs and
aligns them, in forked processes when there are many.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
from bisect import bisect_left
from collections.abc import Collection, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from ..models import Article, Finding
from .align import TextCache, pair_passages, seed_chains, shared_seeds
from .findings import finding_order, passage_finding, repeats_contents
from .index import (
    CorpusGrams,
    NgramIndex,
    article_grams,
    corpus_grams,
    shared_diagonals,
)
from .params import Params, parameters
from .text import NUMBER_SYMBOL, Text, normalize

__all__ = [
    "NUMBER_SYMBOL",
    "CorpusGrams",
    "PairPlan",
    "Params",
    "align_pairs",
    "article_grams",
    "corpus_grams",
    "find_passages",
    "pair_groups",
    "parameters",
    "plan_pairs",
    "shared_diagonals",
    "sort_passages",
]


def find_passages(
    articles: Sequence[Article],
    *,
    min_chars: int = 20,
    focus: Collection[str] | None = None,
    jobs: int = 1,
    corpus: CorpusGrams | None = None,
) -> list[Finding]:
    """Passages of at least min_chars normalized characters that two bodies share.

    With focus (document names), only pairs with at least one focus document are aligned.
    With jobs > 1 the candidate pairs are aligned in that many processes; the result is the same.
    With corpus, the articles are a part of that corpus: its boilerplate n-grams and its size
    decide what is rare, as if it were all loaded.
    """
    plan = plan_pairs(articles, focus, corpus)
    cache, pairs = TextCache(plan.texts, plan.index, parameters()), plan.index.candidate_pairs
    if jobs <= 1 or len(pairs) < _PARALLEL_FROM:
        findings = _align_pairs(cache, min_chars, pairs)
    else:
        findings = _align_in_processes(cache, min_chars, pairs, jobs)
    return sort_passages(findings)


@dataclass(frozen=True)
class PairPlan:
    """The normalized articles in the order this stage numbers them, and the n-gram index
    that picks which of them to align (its candidate_pairs index into texts)."""

    texts: list[Text]
    index: NgramIndex


def plan_pairs(
    articles: Sequence[Article], focus: Collection[str] | None = None, corpus: CorpusGrams | None = None
) -> PairPlan:
    ordered = sorted(articles, key=lambda article: (article.doc, article.digest))
    focus_mask = None if focus is None else np.array([a.doc in focus for a in ordered], dtype=bool)
    texts = [normalize(article, index) for index, article in enumerate(ordered)]
    return PairPlan(texts, NgramIndex.build(texts, parameters(), focus_mask, corpus))


def align_pairs(plan: PairPlan, pairs: Sequence[tuple[int, int]], min_chars: int = 20) -> list[Finding]:
    """The passages of some of a plan's candidate pairs. Pairs are aligned independently, so
    aligning the pairs in parts and sorting the union with sort_passages gives find_passages."""
    return _align_pairs(TextCache(plan.texts, plan.index, parameters()), min_chars, pairs)


def sort_passages(findings: Iterable[Finding]) -> list[Finding]:
    """Passages in the order find_passages gives them (a stable sort: one pair's stay in order)."""
    return sorted(findings, key=finding_order)


_PARALLEL_FROM = 200  # candidate pairs: fewer are aligned in this process
_GROUPS_PER_PROCESS = 16  # small groups: no process idles long at the end (each keeps its caches)
_WORK: tuple | None = None  # what forked workers align: set just before the pool starts


def _align_pairs(cache: TextCache, min_chars: int, pairs: Sequence[tuple[int, int]]) -> list[Finding]:
    params = cache.params
    findings = []
    for a, b in pairs:
        seed_a, seed_b = shared_seeds(cache.grams(a), cache.grams(b), a == b, params)
        chains = seed_chains(seed_a, seed_b, params)
        if any(chain.covered >= params.min_anchor for chain in chains):
            pair = (cache.text(a), cache.grams(a)), (cache.text(b), cache.grams(b))
            for passage in pair_passages(*pair, seed_a, seed_b, chains, params, min_chars):
                if not (a == b and repeats_contents(passage)):
                    findings.append(passage_finding(passage))
    return findings


def _align_in_processes(cache: TextCache, min_chars: int, pairs: list[tuple[int, int]], jobs: int) -> list[Finding]:
    """Forked workers inherit the corpus, the index and an empty cache, which each fills for
    all the pair groups it aligns.

    The inherited objects are frozen out of the garbage collector first: its full passes in
    the workers would otherwise walk (and so copy, page by page) the whole corpus, 10% of
    the time on 10,000 articles.
    """
    global _WORK
    _WORK = (cache, min_chars, pairs)
    groups = pair_groups(pairs, jobs * _GROUPS_PER_PROCESS)
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            return [finding for part in pool.map(_align_group, groups) for finding in part]
    finally:
        gc.unfreeze()
        _WORK = None


def pair_groups(pairs: list[tuple[int, int]], count: int) -> list[list[int]]:
    """Indexes of sorted pairs in about count groups of consecutive pairs that keep the pairs of
    one document together: what a process derives from its text (rare n-grams, clause words,
    line quantities) is reused within the group."""
    if not pairs:
        return []
    firsts = [a for a, _ in pairs]
    cuts = {bisect_left(firsts, firsts[k * len(pairs) // count]) for k in range(1, count)}
    bounds = sorted(cuts | {0, len(pairs)})
    return [list(range(start, end)) for start, end in itertools.pairwise(bounds)]


def _align_group(positions: list[int]) -> list[Finding]:
    cache, min_chars, pairs = _WORK
    return _align_pairs(cache, min_chars, [pairs[p] for p in positions])
