"""Normalization: an article -> the Text the passage stage compares.

In: an Article. Out: a Text: its body lines joined, then normalized (NFKC width, case,
financial numerals, no punctuation, each Arabic number one NUMBER_SYMBOL), with the way back
from each normalized character to the original, its clauses and their jieba words, and the
quantities of each line, found once and kept on the Text.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

import numpy as np

from ..ingest import normalize_width
from ..models import Article, Quantity
from ..numbers import find_quantities
from ..segmenter import segmenter

NUMBER_SYMBOL = 0xE000  # private-use character standing for one whole Arabic number
_FINANCIAL = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千")
_BMP = 0x10000
_CLAUSE_MARKS = np.isin(np.arange(_BMP), [ord(mark) for mark in "。!?;,\n"])  # by code point, after normalize_width


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


def code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


@dataclass
class Text:
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
        codes = code_points(self.joined)
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
        codes = code_points(self.text)
        return np.flatnonzero((self.raw != codes) & (codes != NUMBER_SYMBOL)).tolist()

    def has_folded(self, start: int, end: int) -> bool:
        """Whether normalization changed a character of start..end (beyond width and case)."""
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
    table[characters] = code_points(normalize_width("".join(map(chr, characters.tolist()))))
    return table


def normalize(article: Article, index: int) -> Text:
    """Normalize an article's body lines, keeping each character's original position."""
    body = article.body_lines()
    joined = "\n".join(text for _, text in body)
    lengths = np.array([len(text) + 1 for _, text in body], dtype=np.int64)
    line_starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if body else np.zeros(0, np.int64)
    codes = code_points(joined)
    bmp = np.minimum(codes, _BMP - 1)
    mapping, content = _folding(bmp)
    mapped = np.where(codes < _BMP, mapping[bmp], codes)
    is_content = np.where(codes < _BMP, content[bmp], True)
    numeric = _numeric(mapped)
    first_digit = numeric & ~np.concatenate(([False], numeric[:-1]))
    keep = (is_content & ~numeric) | first_digit
    normalized = np.where(numeric, NUMBER_SYMBOL, mapped)[keep].astype(np.uint32)
    return Text(
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


@lru_cache(maxsize=65536)
def _words(clause: str) -> str:
    """The words of a clause, space-separated; dictionary only."""
    return " ".join(filter(str.isalnum, segmenter().words(normalize_width(clause))))  # no blank word is alnum


def _line_quantities(text: Text, line: int) -> list[tuple[Quantity, int, int]]:
    quantities = quantities_in(text.joined_line(line))
    offsets = np.array([(quantity.start, quantity.end) for quantity in quantities], dtype=np.int64).reshape(-1, 2)
    spans = np.searchsorted(text.source, text.line_starts[line] + offsets, "left").tolist()
    return [(quantity, start, end) for quantity, (start, end) in zip(quantities, spans) if end > start]


@lru_cache(maxsize=65536)
def quantities_in(line: str) -> tuple:
    return tuple(find_quantities(line))
