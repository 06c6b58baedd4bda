"""The tunable numbers of the duplicated-passages stage.

In: checker/data/passages.toml (read with rules.load_toml). Out: Params, the thresholds of
the n-gram index, the chains, the clause pass and the passages kept, read once by parameters().
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..rules import load_toml


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
