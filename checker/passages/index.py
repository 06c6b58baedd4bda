"""N-gram hashing and candidate pairs: normalized texts -> the document pairs worth aligning.

In: the Texts of a corpus, in the order the stage numbers them (and CorpusGrams when they are
part of a larger corpus). Out: an NgramIndex: the pairs of documents that share at least
min_shared rare n-grams on one alignment diagonal (a document paired with itself when it
repeats its own), and each document's boilerplate n-grams (in too many documents).
For the corpus index of `checker check`: article_grams (one article's n-gram hashes),
corpus_grams (a corpus's boilerplate from them) and shared_diagonals (the pair test).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..models import Article
from .params import Params, parameters
from .text import Text, code_points, normalize


@dataclass(frozen=True)
class CorpusGrams:
    """What a check against a corpus needs of its n-grams when only some of its articles are
    loaded: how many documents it has, and which n-grams are boilerplate in it."""

    size: int
    common: np.ndarray  # sorted 64-bit hashes of n-grams in more documents than max_docs


def article_grams(article: Article) -> tuple[np.ndarray, np.ndarray]:
    """The sorted distinct 64-bit hashes of an article's normalized n-grams, and where each
    first occurs (the position the passage stage aligns on)."""
    hashes, first = _first_occurrences(gram_hashes(code_points(normalize(article, 0).text), parameters().size))
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


_MULTIPLIER = np.uint64(0x100000001B3)
_MIX = np.uint64(0xBF58476D1CE4E5B9)


def gram_hashes(codes: np.ndarray, size: int) -> np.ndarray:
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
class NgramIndex:
    """Which document pairs share enough rare n-grams, and which n-grams of each document are
    boilerplate (in too many documents)."""

    candidate_pairs: list[tuple[int, int]]  # (a, b) with a <= b; a == b for repeats within one
    boilerplate: list[np.ndarray]  # per document, the sorted hashes of its boilerplate n-grams

    @classmethod
    def build(
        cls, texts: Sequence[Text], params: Params, focus: np.ndarray | None, corpus: CorpusGrams | None = None
    ) -> NgramIndex:
        keys, positions, repeating = _document_grams(texts, params)
        order = np.argsort(keys)
        keys, positions = keys[order], positions[order]
        del order
        doc_bits = doc_bits_for(len(texts))
        grams = keys >> np.uint64(doc_bits)
        docs = (keys & np.uint64((1 << doc_bits) - 1)).astype(np.int32)
        del keys
        corpus_common = np.unique(corpus.common >> np.uint64(doc_bits)) if corpus else np.zeros(0, np.uint64)
        is_boilerplate = member(grams, corpus_common)  # in the corpus; then also in these texts
        outside = ~is_boilerplate
        kept = grams[outside] if len(corpus_common) else grams
        starts = run_starts(kept)
        sizes = np.diff(np.append(starts, len(kept)))
        del kept
        max_docs = params.max_docs(corpus.size if corpus else len(texts))
        is_boilerplate[outside] = np.repeat(sizes > max_docs, sizes)
        boilerplate = _by_document(grams[is_boilerplate], docs[is_boilerplate], len(texts))
        del grams, is_boilerplate  # freed before the pair search, the peak of memory
        if len(corpus_common):
            docs, positions = docs[outside], positions[outside]
        del outside
        shared = _Shared(docs, positions, starts, sizes, len(texts), focus)
        pairs = shared.diagonal_pairs(max_docs, params.min_shared)
        selves = [(int(i), int(i)) for i in np.flatnonzero(repeating) if focus is None or focus[i]]
        return cls(sorted(pairs + selves), boilerplate)


def _by_document(grams: np.ndarray, docs: np.ndarray, count: int) -> list[np.ndarray]:
    """The grams of each document, in their order (a stable sort by document keeps them sorted)."""
    if not count:
        return []
    order = np.argsort(docs, kind="stable")
    return np.split(grams[order], np.cumsum(np.bincount(docs, minlength=count))[:-1])


def doc_bits_for(count: int) -> int:
    return max(1, (count - 1).bit_length())


def _document_grams(texts: Sequence[Text], params: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hash, document) keys of each document's distinct n-grams, where each first occurs,
    and which documents repeat some of their own n-grams."""
    doc_bits = doc_bits_for(len(texts))
    keys, positions, repeating = [], [], np.zeros(len(texts), dtype=bool)
    for index, text in enumerate(texts):
        hashes = gram_hashes(code_points(text.text), params.size)
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
    starts = run_starts(values[order])
    first = np.minimum.reduceat(order, starts) if len(starts) else order
    return values[order[starts]], first


def run_starts(ordered: np.ndarray) -> np.ndarray:
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
        # Diagonals lie in -span/2..span/2; keys fit in int64 while documents² x span < 9.2e18
        # (a million documents, none longer than 4 million characters).
        span = 2 * int(self.positions.max()) + 1 if len(self.positions) else 1
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
        starts = run_starts(keys)
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


def member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Which well-mixed hashes are in a sorted set. A table of the set's low bits rules out
    most values before the binary search, which costs ~80 ns a value (unpredictable branches)."""
    found_in = np.zeros(len(values), dtype=bool)
    if not len(sorted_set):
        return found_in
    low_bits = np.uint64((1 << max(10, (8 * len(sorted_set)).bit_length())) - 1)
    table = np.zeros(int(low_bits) + 1, dtype=bool)
    table[(sorted_set & low_bits).astype(np.intp)] = True
    maybe = np.flatnonzero(table[(values & low_bits).astype(np.intp)])
    found = np.minimum(np.searchsorted(sorted_set, values[maybe]), len(sorted_set) - 1)
    found_in[maybe] = sorted_set[found] == values[maybe]
    return found_in
