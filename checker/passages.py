"""Duplicated passages: articles -> duplicate_passage findings.

In: articles. Out: one finding per passage that two bodies share, or that one body
repeats, verbatim or spun (synonym swaps, punctuation changes, small insertions), with
its identity, the swapped words and the changed numbers. Body text is normalized (NFKC
width, case, financial numerals, no punctuation, each number one symbol); an inverted
index of rare character n-grams picks the document pairs, shared n-grams are chained
along alignment diagonals and a rapidfuzz alignment trims each chain; a clause pass
(jieba words, token_set_ratio) finds loose rewrites between documents known to share text.
"""

from __future__ import annotations

import multiprocessing
import unicodedata
from bisect import bisect_left, bisect_right
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .ingest import normalize_width
from .models import Article, Finding, PassageRef, Quantity
from .numbers import find_quantities, parse_number
from .phrases import segment
from .segmenter import segmenter
from .rules import load_toml

NUMBER_SYMBOL = 0xE000  # private-use character standing for one whole Arabic number
_FINANCIAL = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千")
_BMP = 0x10000
_CLAUSE_MARKS = np.isin(np.arange(_BMP), [ord(mark) for mark in "。!?;,\n"])  # by code point, after normalize_width


@dataclass(frozen=True)
class Params:
    """The tunable numbers of this stage (checker/data/passages.toml)."""

    size: int
    max_doc_share: float
    min_max_docs: int
    min_shared: int
    max_repeats: int
    max_gap: int
    max_shift: int
    min_anchor: int
    extend: int
    gap_penalty: float
    clause_min_chars: int
    clause_seed_score: float
    clause_extend_score: float
    clause_max_skip: int
    clause_base_score: float
    clause_window: int
    clause_min_evidence: float
    min_identity: float
    clause_min_identity: float
    max_swap_chars: int

    def max_docs(self, corpus_size: int) -> int:
        """An n-gram in more documents than this is boilerplate."""
        return max(self.min_max_docs, int(corpus_size * self.max_doc_share))


@cache
def parameters() -> Params:
    table = load_toml("passages.toml")
    ngrams, chains, clauses = table["ngrams"], table["chains"], table["clauses"]
    return Params(
        size=ngrams["size"],
        max_doc_share=ngrams["max_doc_share"],
        min_max_docs=ngrams["min_max_docs"],
        min_shared=ngrams["min_shared"],
        max_repeats=ngrams["max_repeats"],
        max_gap=chains["max_gap"],
        max_shift=chains["max_shift"],
        min_anchor=chains["min_anchor"],
        extend=chains["extend"],
        gap_penalty=chains["gap_penalty"],
        clause_min_chars=clauses["min_chars"],
        clause_seed_score=clauses["seed_score"],
        clause_extend_score=clauses["extend_score"],
        clause_max_skip=clauses["max_skip"],
        clause_base_score=clauses["base_score"],
        clause_window=clauses["window"],
        clause_min_evidence=clauses["min_evidence"],
        min_identity=table["passages"]["min_identity"],
        clause_min_identity=table["passages"]["clause_min_identity"],
        max_swap_chars=table["passages"]["max_swap_chars"],
    )


@dataclass(frozen=True)
class CorpusGrams:
    """What a check against a corpus needs of its n-grams when only some of its articles are
    loaded: how many documents it has, and which n-grams are boilerplate in it."""

    size: int
    common: np.ndarray  # sorted 64-bit hashes of n-grams in more documents than max_docs


def article_grams(article: Article) -> tuple[np.ndarray, np.ndarray]:
    """The sorted distinct 64-bit hashes of an article's normalized n-grams, and where each
    first occurs (the position the passage stage aligns on)."""
    hashes, first = _first_occurrences(_gram_hashes(_codes(normalize(article, 0).text), parameters().size))
    return hashes, first.astype(np.int32)


def corpus_grams(grams: Sequence[np.ndarray]) -> CorpusGrams:
    """Boilerplate n-grams of a corpus, from the hashes of each article's article_grams."""
    if not grams:
        return CorpusGrams(0, np.zeros(0, np.uint64))
    values, counts = np.unique(np.concatenate(grams), return_counts=True)
    return CorpusGrams(len(grams), values[counts > parameters().max_docs(len(grams))])


def shared_diagonals(new_positions: np.ndarray, old_positions: np.ndarray, owners: np.ndarray) -> np.ndarray:
    """The documents that share at least min_shared n-grams with a new article on one
    alignment diagonal: the test the passage stage applies before it aligns a pair."""
    if not len(owners):
        return np.zeros(0, np.int64)
    diagonal = new_positions.astype(np.int64) - old_positions.astype(np.int64)
    offset = int(np.abs(diagonal).max()) + 1
    keys, counts = np.unique(owners.astype(np.int64) * (2 * offset) + diagonal + offset, return_counts=True)
    return np.unique(keys[counts >= parameters().min_shared] // (2 * offset))


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
    cache, pairs = _TextCache(plan.texts, plan.index, parameters()), plan.index.candidate_pairs
    if jobs <= 1 or len(pairs) < _PARALLEL_FROM:
        findings = _align_pairs(cache, min_chars, pairs)
    else:
        findings = _align_in_processes(cache, min_chars, pairs, jobs)
    return sort_passages(findings)


@dataclass(frozen=True)
class PairPlan:
    """The normalized articles in the order this stage numbers them, and the n-gram index
    that picks which of them to align (its candidate_pairs index into texts)."""

    texts: list[_Text]
    index: _NgramIndex


def plan_pairs(
    articles: Sequence[Article], focus: Collection[str] | None = None, corpus: CorpusGrams | None = None
) -> PairPlan:
    ordered = sorted(articles, key=lambda article: (article.doc, article.digest))
    focus_mask = None if focus is None else np.array([a.doc in focus for a in ordered], dtype=bool)
    texts = [normalize(article, index) for index, article in enumerate(ordered)]
    return PairPlan(texts, _NgramIndex.build(texts, parameters(), focus_mask, corpus))


def align_pairs(plan: PairPlan, pairs: Sequence[tuple[int, int]], min_chars: int = 20) -> list[Finding]:
    """The passages of some of a plan's candidate pairs. Pairs are aligned independently, so
    aligning the pairs in parts and sorting the union with sort_passages gives find_passages."""
    return _align_pairs(_TextCache(plan.texts, plan.index, parameters()), min_chars, pairs)


def sort_passages(findings: Iterable[Finding]) -> list[Finding]:
    """Passages in the order find_passages gives them (a stable sort: one pair's stay in order)."""
    return sorted(findings, key=_finding_order)


_PARALLEL_FROM = 200  # candidate pairs: fewer are aligned in this process
_WORK: tuple | None = None  # what forked workers align: set just before the pool starts


def _align_pairs(cache: _TextCache, min_chars: int, pairs: Sequence[tuple[int, int]]) -> list[Finding]:
    params = cache.params
    findings = []
    for a, b in pairs:
        seed_a, seed_b = _seeds(cache.grams(a), cache.grams(b), a == b, params)
        chains = _chains(seed_a, seed_b, params)
        if any(chain.covered >= params.min_anchor for chain in chains):
            pair = (cache.text(a), cache.grams(a)), (cache.text(b), cache.grams(b))
            for passage in _pair_passages(*pair, seed_a, seed_b, chains, params, min_chars):
                findings.append(_finding(passage))
    return findings


def _align_in_processes(cache: _TextCache, min_chars: int, pairs: list[tuple[int, int]], jobs: int) -> list[Finding]:
    """Forked workers inherit the corpus, the index and an empty cache, which each fills for
    all the pair groups it aligns."""
    global _WORK
    _WORK = (cache, min_chars, pairs)
    groups = pair_groups(pairs, jobs * 4)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            return [finding for part in pool.map(_align_group, groups) for finding in part]
    finally:
        _WORK = None


def pair_groups(pairs: list[tuple[int, int]], count: int) -> list[list[int]]:
    """Indexes of sorted pairs in about count groups of consecutive pairs that keep the pairs of
    one document together: its text is reused, and a group needs the texts of few documents."""
    if not pairs:
        return []
    firsts = [a for a, _ in pairs]
    cuts = {bisect_left(firsts, firsts[k * len(pairs) // count]) for k in range(1, count)}
    bounds = sorted(cuts | {0, len(pairs)})
    return [list(range(start, end)) for start, end in zip(bounds, bounds[1:])]


def _align_group(positions: list[int]) -> list[Finding]:
    cache, min_chars, pairs = _WORK
    return _align_pairs(cache, min_chars, [pairs[p] for p in positions])


# --- normalization -----------------------------------------------------------------------


@cache
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each BMP code point: the code point it normalizes to, whether it is content, and
    whether those two are known yet (they are filled in for the characters texts use)."""
    return np.arange(_BMP, dtype=np.uint32), np.zeros(_BMP, dtype=bool), np.zeros(_BMP, dtype=bool)


def _folding(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The folding tables, completed for the given BMP code points."""
    mapping, content, known = _tables()
    unknown = codes[~known[codes]]
    for code in np.unique(unknown).tolist() if len(unknown) else ():
        folded = unicodedata.normalize("NFKC", chr(code)).translate(_FINANCIAL).lower()
        if len(folded) == 1:
            mapping[code] = ord(folded)
        content[code] = chr(int(mapping[code])).isalnum()
        known[code] = True
    return mapping, content


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


@dataclass
class _Text:
    """One article's body, normalized, with the way back to the original characters."""

    article: Article
    index: int  # position in the sorted corpus
    joined: str  # the body lines joined with "\n"
    line_starts: np.ndarray  # where each body line starts in joined
    line_numbers: np.ndarray  # the 1-based line number of each body line
    text: str  # the normalized characters
    source: np.ndarray  # position in joined of each normalized character
    words_of_clause: dict[int, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    quantities_of_line: dict[int, list] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def doc(self) -> str:
        return self.article.doc

    @cached_property
    def width_codes(self) -> np.ndarray:
        """Code points of the width-normalized body."""
        codes = _codes(self.joined)
        return np.where(codes < _BMP, _width_table()[np.minimum(codes, _BMP - 1)], codes)

    @cached_property
    def raw(self) -> np.ndarray:
        """Width-normalized, lower-cased original character of each normalized character."""
        codes = self.width_codes[self.source]
        upper = (codes >= ord("A")) & (codes <= ord("Z"))
        return np.where(upper, codes + 32, codes)

    @cached_property
    def folded(self) -> list[int]:
        """Normalized indexes whose original character is written otherwise (壹 for 一), numbers aside."""
        codes = _codes(self.text)
        return np.flatnonzero((self.raw != codes) & (codes != NUMBER_SYMBOL)).tolist()

    def has_folded(self, start: int, end: int) -> bool:
        return bisect_left(self.folded, start) < bisect_left(self.folded, end)

    @cached_property
    def clause_starts(self) -> np.ndarray:
        """Normalized index where each clause starts (clauses end at 。！？；， and line ends)."""
        marks = np.cumsum(_CLAUSE_MARKS[np.minimum(self.width_codes, _BMP - 1)])  # up to each character
        return np.flatnonzero(np.diff(marks[self.source], prepend=-1))  # (a mark is never normalized text)

    @cached_property
    def clause_bounds(self) -> list[int]:
        """Clause starts, then the end of the text: clause k spans bounds[k]..bounds[k + 1]."""
        return self.clause_starts.tolist() + [len(self.text)]

    def clause_span(self, clause: int) -> tuple[int, int]:
        return self.clause_bounds[clause], self.clause_bounds[clause + 1]

    def clause_words(self, clause: int) -> str:
        """The words of a clause (see _words), segmented once per clause."""
        words = self.words_of_clause.get(clause)
        if words is None:
            words = self.words_of_clause[clause] = _words(self.original(*self.clause_span(clause)))
        return words

    def original(self, start: int, end: int) -> str:
        """The original text behind normalized characters start..end."""
        return self.joined[self.source[start] : self.source[end - 1] + 1]

    @cached_property
    def lines(self) -> np.ndarray:
        """Index into line_starts of the body line holding each normalized character."""
        return (np.searchsorted(self.line_starts, self.source, "right") - 1).astype(np.int32)

    def line_of(self, position: int) -> int:
        """Index into line_starts of the body line holding a normalized character."""
        return int(self.lines[position])

    def line_number(self, position: int) -> int:
        return int(self.line_numbers[self.line_of(position)])

    def joined_line(self, line: int) -> str:
        """The original text of a body line, by its index into line_starts."""
        return self.article.lines[self.line_numbers[line] - 1]

    def line_quantities(self, line: int) -> list[tuple[Quantity, int, int]]:
        """Quantities of a body line with their normalized index spans, found once per line."""
        found = self.quantities_of_line.get(line)
        if found is None:
            found = self.quantities_of_line[line] = _line_quantities(self, line)
        return found


@cache
def _width_table() -> np.ndarray:
    """normalize_width of each BMP code point but the surrogates (it maps one character to one)."""
    table = np.arange(_BMP, dtype=np.uint32)
    characters = np.flatnonzero((table < 0xD800) | (table > 0xDFFF))
    table[characters] = _codes(normalize_width("".join(map(chr, characters.tolist()))))
    return table


def normalize(article: Article, index: int) -> _Text:
    """Normalize an article's body lines, keeping each character's original position."""
    body = article.body_lines()
    joined = "\n".join(text for _, text in body)
    lengths = np.array([len(text) + 1 for _, text in body], dtype=np.int64)
    line_starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if body else np.zeros(0, np.int64)
    codes = _codes(joined)
    bmp = np.minimum(codes, _BMP - 1)
    mapping, content = _folding(bmp)
    mapped = np.where(codes < _BMP, mapping[bmp], codes)
    is_content = np.where(codes < _BMP, content[bmp], True)
    numeric = _numeric(mapped)
    first_digit = numeric & ~np.concatenate(([False], numeric[:-1]))
    keep = (is_content & ~numeric) | first_digit
    normalized = np.where(numeric, NUMBER_SYMBOL, mapped)[keep].astype(np.uint32)
    return _Text(
        article=article,
        index=index,
        joined=joined,
        line_starts=line_starts,
        line_numbers=np.array([number for number, _ in body], dtype=np.int64),
        text=normalized.tobytes().decode("utf-32-le"),
        source=np.flatnonzero(keep).astype(np.int32),
    )


def _numeric(codes: np.ndarray) -> np.ndarray:
    """Digits, and the . or , between two digits: the characters of Arabic numbers."""
    digit = (codes >= ord("0")) & (codes <= ord("9"))
    separator = (codes == ord(".")) | (codes == ord(","))
    before = np.concatenate(([False], digit[:-1]))
    after = np.concatenate((digit[1:], [False]))
    return digit | (separator & before & after)


_MULTIPLIER = np.uint64(0x100000001B3)
_MIX = np.uint64(0xBF58476D1CE4E5B9)


def _gram_hashes(codes: np.ndarray, size: int) -> np.ndarray:
    """A 64-bit hash of the n-gram starting at each position (none in a shorter text)."""
    count = len(codes) - size + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    wide = codes.astype(np.uint64)
    hashes = wide[:count].copy()
    for k in range(1, size):
        hashes = hashes * _MULTIPLIER + wide[k : k + count]
    hashes ^= hashes >> np.uint64(31)
    hashes *= _MIX
    return hashes ^ (hashes >> np.uint64(29))


# --- candidate pairs ---------------------------------------------------------------------


@dataclass(frozen=True)
class _NgramIndex:
    """Which document pairs share enough rare n-grams, and which n-grams of each document are
    boilerplate (in too many documents)."""

    candidate_pairs: list[tuple[int, int]]  # (a, b) with a <= b; a == b for repeats within one
    boilerplate: list[np.ndarray]  # per document, the sorted hashes of its boilerplate n-grams

    @classmethod
    def build(
        cls, texts: Sequence[_Text], params: Params, focus: np.ndarray | None, corpus: CorpusGrams | None = None
    ) -> _NgramIndex:
        keys, positions, repeating = _document_grams(texts, params)
        order = np.argsort(keys)
        keys, positions = keys[order], positions[order]
        del order
        doc_bits = _doc_bits(len(texts))
        grams = keys >> np.uint64(doc_bits)
        docs = (keys & np.uint64((1 << doc_bits) - 1)).astype(np.int32)
        del keys
        corpus_common = np.unique(corpus.common >> np.uint64(doc_bits)) if corpus else np.zeros(0, np.uint64)
        common = _member(grams, corpus_common)  # boilerplate in the corpus; then also here
        outside = ~common
        kept = grams[outside] if len(corpus_common) else grams
        starts = _run_starts(kept)
        sizes = np.diff(np.append(starts, len(kept)))
        del kept
        max_docs = params.max_docs(corpus.size if corpus else len(texts))
        common[outside] = np.repeat(sizes > max_docs, sizes)
        boilerplate = _by_document(grams[common], docs[common], len(texts))
        del grams, common  # freed before the pair search, the peak of memory
        if len(corpus_common):
            docs, positions = docs[outside], positions[outside]
        del outside
        shared = _Shared(docs, positions, starts, sizes, len(texts), focus)
        pairs = shared.diagonal_pairs(max_docs, params.min_shared)
        selves = [(int(i), int(i)) for i in np.flatnonzero(repeating) if focus is None or focus[i]]
        return cls(sorted(pairs + selves), boilerplate)


def _by_document(grams: np.ndarray, docs: np.ndarray, count: int) -> list[np.ndarray]:
    """The grams of each document, in their order (a stable sort by document keeps them sorted)."""
    order = np.argsort(docs, kind="stable")
    return np.split(grams[order], np.cumsum(np.bincount(docs, minlength=count))[:-1])


def _doc_bits(count: int) -> int:
    return max(1, (count - 1).bit_length())


def _document_grams(texts: Sequence[_Text], params: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hash, document) keys of each document's distinct n-grams, where each first occurs,
    and which documents repeat some of their own n-grams."""
    doc_bits = _doc_bits(len(texts))
    keys, positions, repeating = [], [], np.zeros(len(texts), dtype=bool)
    for index, text in enumerate(texts):
        hashes = _gram_hashes(_codes(text.text), params.size)
        distinct, first = _first_occurrences(hashes >> np.uint64(doc_bits))
        repeating[index] = len(hashes) - len(distinct) >= params.min_shared
        keys.append((distinct << np.uint64(doc_bits)) | np.uint64(index))
        positions.append(first.astype(np.int32))
    if not keys:
        return np.zeros(0, np.uint64), np.zeros(0, np.int32), repeating
    return np.concatenate(keys), np.concatenate(positions), repeating


def _first_occurrences(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(values, return_index=True), with a faster unstable sort."""
    order = np.argsort(values)
    starts = _run_starts(values[order])
    first = np.minimum.reduceat(order, starts) if len(starts) else order
    return values[order[starts]], first


def _run_starts(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in a sorted array."""
    return np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1]))) if len(ordered) else np.zeros(0, np.int64)


@dataclass(frozen=True)
class _Shared:
    """The documents (and positions) of each n-gram, grouped by n-gram."""

    docs: np.ndarray
    positions: np.ndarray
    starts: np.ndarray  # where each n-gram's group starts
    sizes: np.ndarray  # how many documents hold it
    corpus_size: int
    focus: np.ndarray | None

    def diagonal_pairs(self, max_docs: int, min_seeds: int) -> list[tuple[int, int]]:
        """Document pairs with at least min_seeds shared rare n-grams on one alignment diagonal.

        Seeds of one passage, verbatim or with same-length word swaps, sit on one diagonal;
        n-grams that two unrelated documents share by chance scatter over many.
        """
        span = 2 * int(self.positions.max()) + 1 if len(self.positions) else 1  # diagonals lie in -span/2..span/2
        parts = []
        for size in np.unique(self.sizes[(self.sizes >= 2) & (self.sizes <= max_docs)]):
            a, b, position_a, position_b = self._pairs_of_size(int(size))
            keys = a * self.corpus_size + b  # one key per (pair, diagonal), built in place to spare memory
            keys *= span
            keys += position_b - position_a + span // 2
            parts.append(keys)
        if not parts:
            return []
        keys = np.concatenate(parts)
        del parts
        keys.sort()  # in place: this array is the peak of memory
        starts = _run_starts(keys)
        counts = np.diff(np.append(starts, len(keys)))
        pairs = np.unique(keys[starts[counts >= min_seeds]] // span)
        return [(int(k // self.corpus_size), int(k % self.corpus_size)) for k in pairs]

    def _pairs_of_size(self, size: int) -> tuple[np.ndarray, ...]:
        members = self.starts[self.sizes == size][:, None] + np.arange(size)
        if self.focus is not None:
            members = members[self.focus[self.docs[members]].any(axis=1)]
        first, second = np.triu_indices(size, 1)
        a, b = self.docs[members[:, first]].ravel().astype(np.int64), self.docs[members[:, second]].ravel().astype(np.int64)
        position_a = self.positions[members[:, first]].ravel().astype(np.int64)
        position_b = self.positions[members[:, second]].ravel().astype(np.int64)
        if self.focus is not None:
            keep = self.focus[a] | self.focus[b]
            a, b, position_a, position_b = a[keep], b[keep], position_a[keep], position_b[keep]
        return a, b, position_a, position_b


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
    def of(cls, text: _Text, common: np.ndarray, doc_bits: int, params: Params) -> _Grams:
        hashes = _gram_hashes(_codes(text.text), params.size) >> np.uint64(doc_bits)
        boilerplate = _member(hashes, common)
        positions = np.flatnonzero(~boilerplate).astype(np.int32)
        low_bits = hashes[positions].astype(np.uint32)  # enough to tell apart the n-grams of two documents
        by_hash = np.sort((low_bits.astype(np.uint64) << np.uint64(32)) | positions.astype(np.uint64))
        hashes, positions = (by_hash >> np.uint64(32)).astype(np.uint32), by_hash.astype(np.uint32).astype(np.int32)
        starts = _run_starts(hashes)
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


class _TextCache:
    """The normalized texts, and the rare n-grams of those in candidate pairs."""

    def __init__(self, texts: Sequence[_Text], index: _NgramIndex, params: Params):
        self._texts = texts
        self._boilerplate = index.boilerplate
        self.params = params
        self._doc_bits = _doc_bits(len(texts))
        self._grams: dict[int, _Grams] = {}

    def text(self, index: int) -> _Text:
        return self._texts[index]

    def grams(self, index: int) -> _Grams:
        if index not in self._grams:
            self._grams[index] = _Grams.of(self._texts[index], self._boilerplate[index], self._doc_bits, self.params)
        return self._grams[index]


def _member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Which well-mixed hashes are in a sorted set. A table of the set's low bits rules out
    most values before the binary search, which costs ~80 ns a value (unpredictable branches)."""
    member = np.zeros(len(values), dtype=bool)
    if not len(sorted_set):
        return member
    low_bits = np.uint64((1 << max(10, (8 * len(sorted_set)).bit_length())) - 1)
    table = np.zeros(int(low_bits) + 1, dtype=bool)
    table[(sorted_set & low_bits).astype(np.intp)] = True
    maybe = np.flatnonzero(table[(values & low_bits).astype(np.intp)])
    found = np.minimum(np.searchsorted(sorted_set, values[maybe]), len(sorted_set) - 1)
    member[maybe] = sorted_set[found] == values[maybe]
    return member


# --- chains of shared n-grams ------------------------------------------------------------


@dataclass
class _Chain:
    """A run of shared n-grams on nearby diagonals: a candidate passage."""

    a0: int
    a1: int
    b0: int
    b1: int
    covered: int  # characters of a covered by shared rare n-grams


def _seeds(a: _Grams, b: _Grams, same: bool, params: Params) -> tuple[np.ndarray, np.ndarray]:
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


def _chains(seed_a: np.ndarray, seed_b: np.ndarray, params: Params) -> list[_Chain]:
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
class _Alignment:
    a: _Text
    b: _Text
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

    def overlaps(self, other: _Alignment) -> bool:
        return self.a0 < other.a1 and other.a0 < self.a1 and self.b0 < other.b1 and other.b0 < self.b1

    def is_valid(self, min_chars: int, params: Params) -> bool:
        long_enough = min(self.a1 - self.a0, self.b1 - self.b0) >= min_chars
        apart = self.a.index != self.b.index or self.a1 <= self.b0
        threshold = params.clause_min_identity if self.method == "clause" else params.min_identity
        return long_enough and apart and self.identity >= threshold


def _align(a: _Text, b: _Text, spans: tuple[int, int, int, int], method: str, local: bool, params: Params):
    """Align two spans; local alignment keeps the best-scoring run of blocks."""
    a0, a1, b0, b1 = spans
    opcodes = Levenshtein.opcodes(a.text[a0:a1], b.text[b0:b1]).as_list()
    blocks = [(tag, i1 + a0, i2 + a0, j1 + b0, j2 + b0) for tag, i1, i2, j1, j2 in opcodes]
    blocks = _best_run(blocks, params.gap_penalty) if local else _strip_ends(blocks)
    return _Alignment(a, b, tuple(blocks), method) if blocks else None


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


def _pair_passages(
    first: tuple[_Text, _Grams],
    second: tuple[_Text, _Grams],
    seed_a: np.ndarray,
    seed_b: np.ndarray,
    chains: list[_Chain],
    params: Params,
    min_chars: int,
) -> list[_Alignment]:
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
        for (a0, b0), (a1, b1) in zip(starts, starts[1:])
    )


def _within(chain: _Chain, passage: _Alignment) -> bool:
    return passage.a0 <= chain.a0 and chain.a1 <= passage.a1 and passage.b0 <= chain.b0 and chain.b1 <= passage.b1


def _inside(seed_a: np.ndarray, seed_b: np.ndarray, passages: list[_Alignment]) -> np.ndarray:
    inside = np.zeros(len(seed_a), dtype=bool)
    for p in passages:
        inside |= (seed_a >= p.a0) & (seed_a < p.a1) & (seed_b >= p.b0) & (seed_b < p.b1)
    return inside


def _ngram_passages(
    a: _Text, b: _Text, grams_a: _Grams, grams_b: _Grams, chains: list[_Chain], params: Params, min_chars: int
) -> Iterator[_Alignment]:
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


def _merge(passages: list[_Alignment], params: Params) -> list[_Alignment]:
    """Overlapping passages of one pair become one, realigned over their union."""
    merged: list[_Alignment] = []
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


def _clause_passages(a: _Text, b: _Text, seed_a: np.ndarray, seed_b: np.ndarray, params: Params) -> Iterator[_Alignment]:
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


def _seed_clauses(a: _Text, b: _Text, seed_a: np.ndarray, seed_b: np.ndarray, params: Params) -> list[ClausePair]:
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
    for pair in pairs:
        open_runs = [run for run in open_runs if pair[0] - run[-1][0] <= params.clause_max_skip + 1]
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


def _walk(a: _Text, b: _Text, run: list[ClausePair], step: int, params: Params) -> list[ClausePair]:
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


def _clause_score(a: _Text, b: _Text, i: int, j: int, params: Params) -> float:
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


@lru_cache(maxsize=65536)
def _words(clause: str) -> str:
    """The words of a clause, space-separated; dictionary only."""
    return " ".join(filter(str.isalnum, segmenter().words(normalize_width(clause))))  # no blank word is alnum


# --- findings ----------------------------------------------------------------------------


def _finding(passage: _Alignment) -> Finding:
    a, b = passage.a, passage.b
    refs = (_ref(a, passage.a0, passage.a1), _ref(b, passage.b0, passage.b1))
    swaps = _substitutions(passage)
    changes = _number_changes(passage)
    details = (
        ("identity", passage.identity),
        ("substitutions", swaps),
        ("number_changes", changes),
        ("within_document", a.index == b.index),
        ("method", passage.method),
    )
    return Finding(
        type="duplicate_passage",
        severity="warning",
        reason=_reason(passage, refs, len(swaps), len(changes)),
        items=refs,
        rule="passage",
        details=details,
    )


def _ref(text: _Text, start: int, end: int) -> PassageRef:
    return PassageRef(text.doc, text.line_number(start), text.line_number(end - 1), text.original(start, end))


def _reason(passage: _Alignment, refs: tuple[PassageRef, PassageRef], swaps: int, changes: int) -> str:
    first, second = (f"{ref.doc}:{ref.start_line}-{ref.end_line}" for ref in refs)
    notes = [f"{passage.identity:.0f}% identical"]
    if swaps:
        notes.append(f"{swaps} word{'s' if swaps > 1 else ''} swapped")
    if changes:
        notes.append(f"{changes} number{'s' if changes > 1 else ''} changed")
    summary = ", ".join(notes)
    if passage.a.index == passage.b.index:
        return f"Passage {first} is repeated at {second} in the same article ({summary})"
    date_a, date_b = passage.a.article.date, passage.b.article.date
    if date_a and date_b and date_a != date_b:
        later, earlier = (first, second) if date_a > date_b else (second, first)
        return f"Passage of {later} reuses {earlier} ({summary})"
    return f"Passages {first} and {second} are duplicates ({summary})"


def _finding_order(finding: Finding) -> tuple:
    return tuple((ref.doc, ref.start_line, ref.end_line) for ref in finding.items)


# --- substitutions and number changes ----------------------------------------------------


def _differences(passage: _Alignment) -> Iterator[tuple[int, int, int, int, int, int]]:
    """Spans that differ on both sides, with how many equal characters lie before and after.

    Runs of edited characters (a single equal character inside a run does not end it:
    比如 -> 好比 aligns as insert, equal, delete), and characters that normalize alike but
    were written differently (第一 and 第壹).
    """
    blocks, variants = passage.blocks, _variants(passage)
    k = 0
    while k < len(blocks):
        if blocks[k][0] == "equal":
            _, a0, a1, b0, _ = blocks[k]
            for position in variants[bisect_left(variants, a0) : bisect_left(variants, a1)]:
                offset = position - a0
                yield position, position + 1, b0 + offset, b0 + offset + 1, offset, a1 - position - 1
            k += 1
            continue
        end = k
        while end + 1 < len(blocks):
            if blocks[end + 1][0] != "equal":
                end += 1
            elif end + 2 < len(blocks) and _single_equal(blocks[end + 1]) and blocks[end + 2][0] != "equal":
                end += 2
            else:
                break
        _, a0, _, b0, _ = blocks[k]
        _, _, a1, _, b1 = blocks[end]
        if a1 > a0 and b1 > b0:
            before = blocks[k - 1][2] - blocks[k - 1][1] if k > 0 else 0
            after = blocks[end + 1][2] - blocks[end + 1][1] if end + 1 < len(blocks) else 0
            yield a0, a1, b0, b1, before, after
        k = end + 1


def _single_equal(block: Block) -> bool:
    return block[0] == "equal" and block[2] - block[1] == 1


def _variants(passage: _Alignment) -> list[int]:
    """Characters of a aligned with one of b written differently (第一 and 第壹), numbers aside."""
    a, b = passage.a, passage.b
    if not (a.has_folded(passage.a0, passage.a1) or b.has_folded(passage.b0, passage.b1)):
        return []  # both sides are written as normalized, so equal characters are written alike
    a_to_b = passage.a_to_b
    aligned = a_to_b >= 0
    written = a.raw[passage.a0 : passage.a1] != b.raw[np.where(aligned, a_to_b, 0)]
    differs = aligned & written & (_codes(a.text[passage.a0 : passage.a1]) != NUMBER_SYMBOL)
    return (np.flatnonzero(differs) + passage.a0).tolist()


def _substitutions(passage: _Alignment) -> tuple[tuple[str, str], ...]:
    """Replaced words, each side widened to whole jieba words; longer rewrites are no swaps."""
    a, b, params = passage.a, passage.b, parameters()
    pairs = []
    for a0, a1, b0, b1, before, after in _differences(passage):
        if max(a1 - a0, b1 - b0) > params.max_swap_chars:
            continue
        left = min(before, max(a0 - _word_start(a, a0), b0 - _word_start(b, b0)))
        right = min(after, max(_word_end(a, a1) - a1, _word_end(b, b1) - b1))
        word_a, word_b = a.original(a0 - left, a1 + right), b.original(b0 - left, b1 + right)
        if parse_number(word_a) is None or parse_number(word_b) is None:
            pairs.append((word_a, word_b))
    return tuple(dict.fromkeys(pairs))


_WORD_WINDOW = 8  # characters of context jieba sees around a swapped word


def _word_start(text: _Text, position: int) -> int:
    """Normalized index where the jieba word holding a normalized character starts."""
    line, offset = _line_offset(text, position)
    window = max(0, offset - _WORD_WINDOW)
    starts = _word_starts(text.joined_line(line)[window : offset + _WORD_WINDOW])
    start = window + starts[bisect_right(starts, offset - window) - 1]
    return int(np.searchsorted(text.source, text.line_starts[line] + start, "left"))


def _word_end(text: _Text, end: int) -> int:
    """Normalized index just after the jieba word holding normalized character end - 1."""
    line, offset = _line_offset(text, end - 1)
    window = max(0, offset - _WORD_WINDOW)
    piece = text.joined_line(line)[window : offset + _WORD_WINDOW]
    starts = _word_starts(piece) + (len(piece),)
    stop = window + starts[bisect_right(starts, offset - window)]
    return int(np.searchsorted(text.source, text.line_starts[line] + stop, "left"))


def _line_offset(text: _Text, position: int) -> tuple[int, int]:
    line = text.line_of(position)
    return line, int(text.source[position] - text.line_starts[line])


@lru_cache(maxsize=65536)
def _word_starts(piece: str) -> tuple[int, ...]:
    return tuple(token.start for token in segment(piece))


def _number_changes(passage: _Alignment) -> tuple:
    """Numbers at aligned positions whose values differ."""
    a, b, a_to_b = passage.a, passage.b, passage.a_to_b
    changes = []
    for line in range(a.line_of(passage.a0), a.line_of(passage.a1 - 1) + 1):
        for quantity_a, start, end in a.line_quantities(line):
            aligned = a_to_b[max(start, passage.a0) - passage.a0 : min(end, passage.a1) - passage.a0]
            aligned = aligned[aligned >= 0]
            if not len(aligned):
                continue
            quantity_b = _quantity_at(b, int(aligned[0]))
            if quantity_b is not None and _value(quantity_a) != _value(quantity_b):
                changes.append(((a.doc, _line_number(a, line), quantity_a.text),
                                (b.doc, b.line_number(int(aligned[0])), quantity_b.text)))  # fmt: skip
    return tuple(dict.fromkeys(changes))


def _line_quantities(text: _Text, line: int) -> list[tuple[Quantity, int, int]]:
    quantities = _quantities(text.joined_line(line))
    offsets = np.array([(quantity.start, quantity.end) for quantity in quantities], dtype=np.int64).reshape(-1, 2)
    spans = np.searchsorted(text.source, text.line_starts[line] + offsets, "left").tolist()
    return [(quantity, start, end) for quantity, (start, end) in zip(quantities, spans) if end > start]


def _quantity_at(text: _Text, position: int):
    line, offset = _line_offset(text, position)
    for quantity in _quantities(text.joined_line(line)):
        if quantity.start <= offset < quantity.end:
            return quantity
    return None


@lru_cache(maxsize=65536)
def _quantities(line: str) -> tuple:
    return tuple(find_quantities(line))


def _value(quantity) -> tuple:
    return (quantity.value, quantity.value_high, quantity.percent)


def _line_number(text: _Text, line: int) -> int:
    return int(text.line_numbers[line])
