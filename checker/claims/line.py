"""One line's text structure: a body line -> the frozen Line every claim decision reads.

In: a body line, its number and the article's dating (publication year, whether that date
was inferred, the year the paragraph reports on, the publication date). Out: a Line with the
width-normalized text, the periods, sentences, clause and list-item marks and quoted spans
found in it, and its quantities (the numbers stage's, and words that state a number: 翻番,
榜首), with the look-ups the decisions share (the sentence or clause around an offset, the
quote a number is in, the jieba words of a sentence).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .. import phrases
from ..ingest import normalize_width
from ..models import Quantity
from ..numbers import find_quantities
from ..periods import Period, find_periods

CJK = re.compile(r"[\u4e00-\u9fff]")
NOUN_STOP = set("的以左多余之内后前里间及和与、，,。；;：:（）()“”\"")  # characters a noun phrase ends at
WORD_QUANTITIES = {  # words that state a number without numerals: value, reported unit, kind
    "倍增": (100.0, "%", "growth"),
    "翻一番": (100.0, "%", "growth"),
    "翻番": (100.0, "%", "growth"),
    "翻两番": (300.0, "%", "growth"),
    "首位": (1.0, "位", "rank"),
    "榜首": (1.0, "位", "rank"),
}
_WORD_QUANTITY = re.compile("|".join(sorted(WORD_QUANTITIES, key=len, reverse=True)))
_SENTENCE_END = re.compile(r"[。！？!?]")
_CLAUSE_MARK = re.compile(r"[，,；;：:（）()]")
_ITEM_MARK = re.compile(r"[，,；;：:（）()、]")
_VALUE_JOINER = re.compile(r"(?P<unit>[^\W\d]{0,4})(?:、|和|以及)")  # 6.5%、5.3%; 1000亿元和600亿元: a unit, then the joiner
_QUOTE_PAIRS = {"“": "”", "‘": "’", "\"": "\"", "「": "」", "『": "』", "《": "》", "〈": "〉"}
_QUOTE_CHAR = re.compile("[" + re.escape("".join(set(_QUOTE_PAIRS) | set(_QUOTE_PAIRS.values()))) + "]")


@dataclass(frozen=True, slots=True)
class Line:
    """One body line as the decisions read it; offsets into text are offsets into written."""

    number: int
    written: str  # as in the article
    text: str  # width-normalized
    publication_year: int | None
    reported_year: int | None  # the year the paragraph reports on: the period of undated figures
    inferred: bool  # the publication date was inferred from the content
    periods: tuple[Period, ...]
    sentences: tuple[tuple[int, int], ...]
    sentence_starts: tuple[int, ...]
    clause_marks: tuple[int, ...]  # offsets of ，；：（）
    item_marks: tuple[int, ...]  # offsets of the clause marks and 、
    quotes: tuple[tuple[int, int], ...]  # (open, close) offsets of “...”, 《...》
    quantities: tuple[Quantity, ...]  # in line order

    def sentence_of(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        if index < 0:
            return 0, len(self.text)
        return self.sentences[index]

    def clause_start(self, position: int, list_marks: bool = True) -> int:
        """Just after the last clause mark (and 、 unless list_marks is False) before a position, in its sentence."""
        found = self.item_marks if list_marks else self.clause_marks
        index = bisect.bisect_left(found, position) - 1
        start = self.sentence_of(position)[0]
        return max(start, found[index] + 1) if index >= 0 else start

    def clause_end(self, position: int) -> int:
        index = bisect.bisect_left(self.clause_marks, position)
        end = self.sentence_of(position)[1]
        return min(end, self.clause_marks[index]) if index < len(self.clause_marks) else end

    def clause_before(self, position: int) -> str:
        return self.text[self.clause_start(position) : position]

    def value_list(self, q: Quantity) -> tuple[Quantity, ...]:
        """The list of values q is written in (增长6.5%、5.3%和4.1%: three), else (q,)."""
        index = self.quantities.index(q)
        first = last = index
        while first > 0 and self._joins_values(self.quantities[first - 1], self.quantities[first]):
            first -= 1
        while last + 1 < len(self.quantities) and self._joins_values(self.quantities[last], self.quantities[last + 1]):
            last += 1
        return self.quantities[first : last + 1]

    def _joins_values(self, left: Quantity, right: Quantity) -> bool:
        """Values of one list share their unit (1000亿元、600亿元), or write it once (0.7、0.3个百分点)."""
        joined = _VALUE_JOINER.fullmatch(self.text, left.end, right.start)
        return joined is not None and self.text.startswith(joined.group("unit"), right.end)

    def quote_around(self, q: Quantity) -> tuple[int, int] | None:
        for start, end in self.quotes:
            if start < q.start and q.end <= end:
                return start, end
        return None

    def quantity_at(self, position: int) -> bool:
        return any(other.start == position for other in self.quantities)

    def tokens(self, position: int) -> tuple[phrases.Token, ...]:
        """jieba tokens of the sentence around a position (offsets from the sentence start)."""
        start, end = self.sentence_of(position)
        return phrases.segment(self.text[start:end])

    def says(self, words: Iterable[str], start: int, end: int, whole_word_below: int = 2) -> bool:
        """Whether text[start:end] uses one of the words; a short word must be a word of its
        own (共, not 公共; 增加, not 增加值)."""
        long_words, short = _words_by_length(tuple(words), whole_word_below)
        if long_words and long_words.search(self.text, start, end):
            return True
        if not short:
            return False
        s0 = self.sentence_of(start)[0]
        return any(t.text in short for t in self.tokens(start) if start <= t.start + s0 and t.end + s0 <= end)


def read_line(
    number: int,
    written: str,
    publication_year: int | None,
    inferred: bool,
    context_year: int | None = None,
    published: dt.date | None = None,
) -> Line:
    text = _without_asides(normalize_width(written))
    sentences = _sentences(text)
    return Line(
        number=number,
        written=written,
        text=text,
        publication_year=publication_year,
        reported_year=context_year or publication_year,
        inferred=inferred,
        periods=tuple(find_periods(text, publication_year, inferred, context_year, published)),
        sentences=sentences,
        sentence_starts=tuple(start for start, _ in sentences),
        clause_marks=tuple(match.start() for match in _CLAUSE_MARK.finditer(text)),
        item_marks=tuple(match.start() for match in _ITEM_MARK.finditer(text)),
        quotes=_quoted_spans(text),
        quantities=tuple(sorted(find_quantities(written) + _word_quantities(text), key=lambda q: q.start)),
    )


def is_headline(written: str) -> bool:
    """加拿大林火过火面积近7万平方公里: a line of a headline's length with no sentence or clause
    punctuation heads a story of its own; a short sub-heading (粮食生产, 二、工业) or a photo
    caption (图为…) does not."""
    text = written.strip()
    return (
        _HEADLINE_LENGTH[0] <= len(text) <= _HEADLINE_LENGTH[1]
        and not _HEADLINE_PUNCTUATION.search(text)
        and not text.startswith(tuple(phrases.phrase_table()["headlines"]["captions"]))
    )


def is_paragraph(written: str) -> bool:
    """A line of running text: sentences, or longer than a headline."""
    return len(written.strip()) > _HEADLINE_LENGTH[1] or _SENTENCE_END.search(written) is not None


_HEADLINE_LENGTH = (10, 40)  # characters: sub-headings are shorter, paragraphs longer
_HEADLINE_PUNCTUATION = re.compile(r"[。！？!?，,；;：:]")


def _without_asides(text: str) -> str:
    """我国国内（不含港澳台）发明专利, 西部十二省（区、市）外贸: a short aside in brackets, with
    no figure in it, is blanked with spaces (offsets stay), so it splits no clause or name."""
    return _ASIDE.sub(lambda match: " " * len(match.group()), text)


_ASIDE = re.compile(r"[（(][^（）()\d，,。；;：:！？!?]{1,12}[）)]")


def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(spans)


def _quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(open, close) offsets of quoted stretches: “...”, 《...》."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for match in _QUOTE_CHAR.finditer(text):
        index, char = match.start(), match.group()
        if stack and char == _QUOTE_PAIRS.get(text[stack[-1]]):
            spans.append((stack.pop(), index))
        elif char in _QUOTE_PAIRS:
            stack.append(index)
    return tuple(spans)


def _word_quantities(text: str) -> list[Quantity]:
    found = []
    for match in _WORD_QUANTITY.finditer(text):
        value, _, _ = WORD_QUANTITIES[match.group()]
        found.append(Quantity(match.start(), match.end(), match.group(), value, chinese=True))
    return found


@cache
def _words_by_length(words: tuple[str, ...], below: int) -> tuple[re.Pattern | None, frozenset[str]]:
    """The words of at least below characters as one pattern, and the shorter ones."""
    long_words = sorted((word for word in words if len(word) >= below), key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, long_words))) if long_words else None
    return pattern, frozenset(word for word in words if len(word) < below)
