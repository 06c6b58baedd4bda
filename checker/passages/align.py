"""Alignment: a candidate document pair -> its duplicated passages.

In: two Texts (or one Text twice) and their rare n-grams, from a TextCache. Out: Alignments,
the equal and edited blocks of each passage: shared rare n-grams are chained along alignment
diagonals, a rapidfuzz alignment trims each chain, a clause pass finds loose rewrites near
them, and overlapping passages become one.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .index import NgramIndex, doc_bits_for, gram_hashes, member, run_starts
from .params import Params
from .text import Text, code_points


@dataclass(frozen=True)
class _Grams:
    """A document's rare n-grams: distinct hashes, and where each occurs."""

    hashes: np.ndarray  # sorted distinct hashes (low 32 bits) of n-grams repeated at most max_repeats times
    count: np.ndarray  # occurrences of each
    positions: np.ndarray  # the positions, grouped by hash in the order of hashes
    common: np.ndarray  # sorted positions of boilerplate n-grams

    @cached_property
    def first(self) -> np.ndarray:
        return np.cumsum(self.count, dtype=np.int64) - self.count.astype(np.int64)

    @classmethod
    def of(cls, text: Text, boilerplate_hashes: np.ndarray, doc_bits: int, params: Params) -> _Grams:
        hashes = gram_hashes(code_points(text.text), params.size) >> np.uint64(doc_bits)
        boilerplate = member(hashes, boilerplate_hashes)
        positions = np.flatnonzero(~boilerplate).astype(np.int32)
        low_bits = hashes[positions].astype(np.uint32)  # enough to tell apart the n-grams of two documents
        by_hash = np.sort((low_bits.astype(np.uint64) << np.uint64(32)) | positions.astype(np.uint64))
        hashes, positions = (by_hash >> np.uint64(32)).astype(np.uint32), by_hash.astype(np.uint32).astype(np.int32)
        starts = run_starts(hashes)
        distinct, count = hashes[starts], np.diff(np.append(starts, len(hashes)))
        keep = count <= params.max_repeats
        occurrence = np.repeat(keep, count)
        return cls(distinct[keep], count[keep].astype(np.uint8), positions[occurrence], np.flatnonzero(boilerplate))

    @cached_property
    def common_list(self) -> list[int]:
        return self.common.tolist()  # bisect on a list beats numpy for one value at a time

    def clip(self, start: int, end: int, size: int) -> tuple[int, int]:
        """The widest part of start..end that no boilerplate n-gram touches around the middle."""
        common = self.common_list
        after = bisect_left(common, (start + end) // 2)  # the first at or past the middle
        if after > 0 and common[after - 1] + size > start:
            start = common[after - 1] + size
        if after < len(common) and common[after] < end:
            end = common[after]
        return start, max(start, end)


class TextCache:
    """The normalized texts, and the rare n-grams of those in candidate pairs. What a process
    derives from a text stays with it for the whole run: memory grows with the documents a
    process aligns (1.5 GB for 10,000 articles of 10 KB, see benchmarks/bench_passages.py)."""

    def __init__(self, texts: Sequence[Text], index: NgramIndex, params: Params):
        self._texts = texts
        self._boilerplate = index.boilerplate
        self.params = params
        self._doc_bits = doc_bits_for(len(texts))
        self._grams: dict[int, _Grams] = {}

    def text(self, index: int) -> Text:
        return self._texts[index]

    def grams(self, index: int) -> _Grams:
        if index not in self._grams:
            self._grams[index] = _Grams.of(self._texts[index], self._boilerplate[index], self._doc_bits, self.params)
        return self._grams[index]


# --- chains of shared n-grams ------------------------------------------------------------


@dataclass
class _Chain:
    """A run of shared n-grams on nearby diagonals: a candidate passage."""

    a0: int
    a1: int
    b0: int
    b1: int
    covered: int  # characters of a covered by shared rare n-grams


def shared_seeds(a: _Grams, b: _Grams, same: bool, params: Params) -> tuple[np.ndarray, np.ndarray]:
    """Positions (in a, in b) of every shared rare n-gram."""
    if same:
        shared_a = shared_b = np.flatnonzero(a.count > 1)
    else:
        both = np.sort(np.concatenate((a.hashes, b.hashes)))  # each side distinct: a repeat is shared
        shared = both[1:][both[1:] == both[:-1]]
        shared_a, shared_b = np.searchsorted(a.hashes, shared), np.searchsorted(b.hashes, shared)
    count_a, count_b = a.count[shared_a].astype(np.int64), b.count[shared_b].astype(np.int64)
    pairs = count_a * count_b
    k = np.arange(int(pairs.sum())) - np.repeat(np.cumsum(pairs) - pairs, pairs)
    per_b = np.repeat(count_b, pairs)
    seed_a = a.positions[np.repeat(a.first[shared_a], pairs) + k // per_b]
    seed_b = b.positions[np.repeat(b.first[shared_b], pairs) + k % per_b]
    if same:
        upper = seed_b >= seed_a + params.size  # each repeat once, never overlapping itself
        seed_a, seed_b = seed_a[upper], seed_b[upper]
    return seed_a.astype(np.int64), seed_b.astype(np.int64)


def seed_chains(seed_a: np.ndarray, seed_b: np.ndarray, params: Params) -> list[_Chain]:
    """Seeds on one diagonal form segments; nearby segments on close diagonals form chains."""
    if not len(seed_a):
        return []
    diagonal = seed_b - seed_a
    order = np.lexsort((seed_a, diagonal))
    seed_a, seed_b, diagonal = seed_a[order], seed_b[order], diagonal[order]
    step = np.diff(seed_a)
    breaks = (np.diff(diagonal) != 0) | (step > params.max_gap + params.size)
    starts = np.concatenate(([0], np.flatnonzero(breaks) + 1))
    ends = np.append(starts[1:], len(seed_a))
    contribution = np.minimum(np.append(step, params.size), params.size)
    contribution[ends - 1] = params.size
    covered = np.add.reduceat(contribution, starts)
    segments = sorted(
        zip(seed_a[starts].tolist(), (seed_a[ends - 1] + params.size).tolist(),
            seed_b[starts].tolist(), (seed_b[ends - 1] + params.size).tolist(), covered.tolist())
    )  # fmt: skip
    return _link(segments, params)


def _link(segments: list[tuple[int, int, int, int, int]], params: Params) -> list[_Chain]:
    chains: list[_Chain] = []
    open_chains: list[_Chain] = []
    for a0, a1, b0, b1, covered in segments:
        open_chains = [c for c in open_chains if c.a1 + params.max_gap >= a0]
        for chain in reversed(open_chains):
            if _continues(chain, a0, a1, b0, b1, params):
                chain.a1, chain.b1, chain.covered = a1, max(chain.b1, b1), chain.covered + covered
                break
        else:
            chain = _Chain(a0, a1, b0, b1, covered)
            chains.append(chain)
            open_chains.append(chain)
    return chains


def _continues(chain: _Chain, a0: int, a1: int, b0: int, b1: int, params: Params) -> bool:
    gap_a, gap_b = a0 - chain.a1, b0 - chain.b1
    return (
        -params.size < gap_a <= params.max_gap
        and -params.size < gap_b <= params.max_gap
        and abs(gap_b - gap_a) <= params.max_shift
        and a1 > chain.a1
        and b1 > chain.b1
    )


# --- alignment ---------------------------------------------------------------------------

Block = tuple[str, int, int, int, int]  # opcode tag and spans in the two normalized texts


@dataclass(frozen=True)
class Alignment:
    a: Text
    b: Text
    blocks: tuple[Block, ...]
    method: str

    @property
    def a0(self) -> int:
        return self.blocks[0][1]

    @property
    def a1(self) -> int:
        return self.blocks[-1][2]

    @property
    def b0(self) -> int:
        return self.blocks[0][3]

    @property
    def b1(self) -> int:
        return self.blocks[-1][4]

    @cached_property
    def identity(self) -> float:
        matched = sum(i2 - i1 for tag, i1, i2, _, _ in self.blocks if tag == "equal")
        return round(200 * matched / (self.a1 - self.a0 + self.b1 - self.b0), 1)

    @cached_property
    def a_to_b(self) -> np.ndarray:
        """For each character of a0..a1, the character of b it is aligned with, or -1."""
        a_to_b = np.full(self.a1 - self.a0, -1, dtype=np.int64)
        for tag, i1, i2, j1, _ in self.blocks:
            if tag == "equal":
                a_to_b[i1 - self.a0 : i2 - self.a0] = np.arange(j1, j1 + i2 - i1)
        return a_to_b

    def overlaps(self, other: Alignment) -> bool:
        return self.a0 < other.a1 and other.a0 < self.a1 and self.b0 < other.b1 and other.b0 < self.b1

    def is_valid(self, min_chars: int, params: Params) -> bool:
        long_enough = min(self.a1 - self.a0, self.b1 - self.b0) >= min_chars
        apart = self.a.index != self.b.index or self.a1 <= self.b0
        threshold = params.clause_min_identity if self.method == "clause" else params.min_identity
        return long_enough and apart and self.identity >= threshold


def _align(a: Text, b: Text, spans: tuple[int, int, int, int], method: str, local: bool, params: Params):
    """Align two spans; local alignment keeps the best-scoring run of blocks."""
    a0, a1, b0, b1 = spans
    opcodes = Levenshtein.opcodes(a.text[a0:a1], b.text[b0:b1]).as_list()
    blocks = [(tag, i1 + a0, i2 + a0, j1 + b0, j2 + b0) for tag, i1, i2, j1, j2 in opcodes]
    blocks = _best_run(blocks, params.gap_penalty) if local else _strip_ends(blocks)
    return Alignment(a, b, tuple(blocks), method) if blocks else None


def _best_run(blocks: list[Block], gap_penalty: float) -> list[Block]:
    """The run of blocks with the highest score: matched characters minus gap costs."""
    best, best_span = 0.0, (0, -1)
    score, start = 0.0, 0
    for k, (tag, i1, i2, j1, j2) in enumerate(blocks):
        value = i2 - i1 if tag == "equal" else -gap_penalty * max(i2 - i1, j2 - j1)
        if score <= 0:
            score, start = value, k
        else:
            score += value
        if score > best:
            best, best_span = score, (start, k)
    return blocks[best_span[0] : best_span[1] + 1]


def _strip_ends(blocks: list[Block]) -> list[Block]:
    equal = [k for k, block in enumerate(blocks) if block[0] == "equal"]
    return blocks[equal[0] : equal[-1] + 1] if equal else []


def pair_passages(
    first: tuple[Text, _Grams],
    second: tuple[Text, _Grams],
    seed_a: np.ndarray,
    seed_b: np.ndarray,
    chains: list[_Chain],
    params: Params,
    min_chars: int,
) -> list[Alignment]:
    """The duplicated passages of one document pair (or of one document with itself)."""
    (a, grams_a), (b, grams_b) = first, second
    found = [p for p in _ngram_passages(a, b, grams_a, grams_b, chains, params, min_chars) if p.is_valid(min_chars, params)]
    rest = [chain for chain in chains if not any(_within(chain, passage) for passage in found)]
    if found and _clustered(rest, params):  # loose rewrites between documents known to share text
        outside = ~_inside(seed_a, seed_b, found)
        clauses = _clause_passages(a, b, seed_a[outside], seed_b[outside], params)
        found += [passage for passage in clauses if passage.is_valid(min_chars, params)]
    return _merge(found, params)


def _clustered(chains: list[_Chain], params: Params) -> bool:
    """Two chains near each other on both sides: maybe a loose rewrite for the clause pass."""
    starts = sorted((chain.a0, chain.b0) for chain in chains)
    return any(
        0 < a1 - a0 <= params.clause_window and 0 < b1 - b0 <= params.clause_window
        for (a0, b0), (a1, b1) in itertools.pairwise(starts)
    )


def _within(chain: _Chain, passage: Alignment) -> bool:
    return passage.a0 <= chain.a0 and chain.a1 <= passage.a1 and passage.b0 <= chain.b0 and chain.b1 <= passage.b1


def _inside(seed_a: np.ndarray, seed_b: np.ndarray, passages: list[Alignment]) -> np.ndarray:
    inside = np.zeros(len(seed_a), dtype=bool)
    for p in passages:
        inside |= (seed_a >= p.a0) & (seed_a < p.a1) & (seed_b >= p.b0) & (seed_b < p.b1)
    return inside


def _ngram_passages(
    a: Text, b: Text, grams_a: _Grams, grams_b: _Grams, chains: list[_Chain], params: Params, min_chars: int
) -> Iterator[Alignment]:
    """Chains aligned locally, widened a little but never into boilerplate.

    Spans that boilerplate clips below min_chars are not aligned: an alignment never
    outgrows its spans.
    """
    for chain in chains:
        if chain.covered >= params.min_anchor:
            a0, a1 = grams_a.clip(max(0, chain.a0 - params.extend), min(len(a.text), chain.a1 + params.extend), params.size)
            b0, b1 = grams_b.clip(max(0, chain.b0 - params.extend), min(len(b.text), chain.b1 + params.extend), params.size)
            if min(a1 - a0, b1 - b0) < min_chars:
                continue
            passage = _align(a, b, (a0, a1, b0, b1), "ngram", local=True, params=params)
            if passage is not None:
                yield passage


def _merge(passages: list[Alignment], params: Params) -> list[Alignment]:
    """Overlapping passages of one pair become one, realigned over their union."""
    merged: list[Alignment] = []
    for passage in sorted(passages, key=lambda p: (p.a0, p.b0, p.a1, p.b1)):
        previous = merged[-1] if merged else None
        if previous is not None and previous.overlaps(passage):
            spans = (previous.a0, max(previous.a1, passage.a1), min(previous.b0, passage.b0), max(previous.b1, passage.b1))
            method = "clause" if "clause" in (previous.method, passage.method) else "ngram"
            merged[-1] = _align(passage.a, passage.b, spans, method, local=False, params=params) or previous
        else:
            merged.append(passage)
    return merged


# --- clause pass -------------------------------------------------------------------------


def _clause_passages(a: Text, b: Text, seed_a: np.ndarray, seed_b: np.ndarray, params: Params) -> Iterator[Alignment]:
    """Runs of matching clauses: loose rewrites that share too few n-grams to chain.

    Clause pairs that share a rare n-gram and whose jieba words match closely seed a run;
    neighbouring clauses join it at a lower score. A run is kept when its clauses score
    well above what clauses on the same topic score by chance.
    """
    for run in _clause_runs(_seed_clauses(a, b, seed_a, seed_b, params), params):
        run = _walk(a, b, run[::-1], -1, params)[::-1]
        run = _walk(a, b, run, 1, params)
        evidence = sum(score - params.clause_base_score for _, _, score in run)
        if len(run) >= 2 and evidence >= params.clause_min_evidence:
            (i0, j0, _), (i1, j1, _) = run[0], run[-1]
            spans = (a.clause_span(i0)[0], a.clause_span(i1)[1], b.clause_span(j0)[0], b.clause_span(j1)[1])
            passage = _align(a, b, spans, "clause", local=False, params=params)
            if passage is not None:
                yield passage


ClausePair = tuple[int, int, float]  # clause in a, clause in b, their score


def _seed_clauses(a: Text, b: Text, seed_a: np.ndarray, seed_b: np.ndarray, params: Params) -> list[ClausePair]:
    clause_a = np.searchsorted(a.clause_starts, seed_a, "right") - 1
    clause_b = np.searchsorted(b.clause_starts, seed_b, "right") - 1
    pairs = sorted(set(zip(clause_a.tolist(), clause_b.tolist())))
    near = sorted(pair for run in _clause_runs(pairs, params) if len(run) >= 2 for pair in run)
    scored = ((i, j, _clause_score(a, b, i, j, params)) for i, j in near)
    return [pair for pair in scored if pair[2] >= params.clause_seed_score]


def _clause_runs(pairs: list, params: Params) -> list[list]:
    """Matching clause pairs in order on both sides, at most max_skip clauses apart.

    Pairs come sorted, so a run whose last clause in a is too far behind stays closed.
    """
    runs: list[list[ClausePair]] = []
    open_runs: list[list[ClausePair]] = []
    clause = None
    for pair in pairs:
        if pair[0] != clause:  # runs close only when the clause in a moves on
            clause = pair[0]
            open_runs = [run for run in open_runs if clause - run[-1][0] <= params.clause_max_skip + 1]
        for run in reversed(open_runs):
            if _follows(run[-1], pair, params.clause_max_skip):
                run.append(pair)
                break
        else:
            runs.append([pair])
            open_runs.append(runs[-1])
    return runs


def _follows(previous: ClausePair, pair: ClausePair, max_skip: int) -> bool:
    return 0 < pair[0] - previous[0] <= max_skip + 1 and 0 < pair[1] - previous[1] <= max_skip + 1


def _walk(a: Text, b: Text, run: list[ClausePair], step: int, params: Params) -> list[ClausePair]:
    """Extend a run past its last pair with neighbour clauses that match well enough."""
    run = list(run)
    while True:
        i, j, _ = run[-1]
        for di, dj in ((1, 1), (1, 2), (2, 1)):
            score = _clause_score(a, b, i + step * di, j + step * dj, params)
            if score >= params.clause_extend_score:
                run.append((i + step * di, j + step * dj, score))
                break
        else:
            return run


def _clause_score(a: Text, b: Text, i: int, j: int, params: Params) -> float:
    """token_set_ratio of the jieba words of two clauses; short clauses must be identical."""
    if not (0 <= i < len(a.clause_starts) and 0 <= j < len(b.clause_starts)):
        return 0.0
    if a.index == b.index and i >= j:
        return 0.0
    (a0, a1), (b0, b1) = a.clause_span(i), b.clause_span(j)
    if min(a1 - a0, b1 - b0) < params.clause_min_chars:
        return 100.0 if a.text[a0:a1] == b.text[b0:b1] else 0.0
    return _words_score(a.clause_words(i), b.clause_words(j))


@lru_cache(maxsize=65536)
def _words_score(words_a: str, words_b: str) -> float:
    return fuzz.token_set_ratio(words_a, words_b)
