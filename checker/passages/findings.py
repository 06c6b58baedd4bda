"""Findings: an alignment -> a duplicate_passage Finding.

In: an Alignment of two Texts. Out: a Finding citing both passages in the original text
(document, lines, original text), with its identity, the words swapped (each side widened to
whole jieba words) and the numbers whose values changed; and the order findings sort in.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache

import numpy as np

from ..models import Finding, PassageRef
from ..numbers import parse_number
from ..phrases import segment
from .align import Alignment, Block
from .params import parameters
from .text import NUMBER_SYMBOL, Text, code_points, quantities_in


def passage_finding(passage: Alignment) -> Finding:
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


def repeats_contents(passage: Alignment) -> bool:
    """（4）暑期档电影票房超15亿元; at the top of a transcript, then the story's headline: an
    article's own list of contents repeated in its body is not a copied passage."""
    contents = contents_lines(passage.a.article.text_lines)
    return any(
        contents.start <= text.line_number(start) and text.line_number(end - 1) < contents.stop
        for text, start, end in ((passage.a, passage.a0, passage.a1), (passage.b, passage.b0, passage.b1))
    )


@lru_cache(maxsize=64)
def contents_lines(lines: tuple[str, ...]) -> range:
    """The line numbers of an article's list of contents: a run of at least three numbered
    items (1., 2., 3. or （1）（2）（3）) a few lines apart, with the lines that wrap them."""
    items = [number for number, line in enumerate(lines, start=1) if _CONTENTS_ITEM.match(line)]
    runs: list[list[int]] = []
    for number in items:
        if runs and number - runs[-1][-1] <= _ITEM_GAP:
            runs[-1].append(number)
        else:
            runs.append([number])
    longest = max(runs, key=len, default=[])
    if len(longest) < _CONTENTS_ITEMS_AT_LEAST:
        return range(0)
    last = longest[-1]
    while last < len(lines) and not lines[last - 1].rstrip().endswith(("；", ";", "。")) and lines[last].strip():
        last += 1  # the last item wraps onto the next line
    return range(longest[0], last + 1)


_CONTENTS_ITEM = re.compile(r"\s*(?:[（(]\d{1,2}[）)]|\d{1,2}[.．、])\s*\S")  # （4）…, 6.…: an item of a numbered list
_ITEM_GAP = 4  # lines from one item to the next (blank lines and wrapped lines between)
_CONTENTS_ITEMS_AT_LEAST = 3


def _ref(text: Text, start: int, end: int) -> PassageRef:
    return PassageRef(text.doc, text.line_number(start), text.line_number(end - 1), text.original(start, end))


def _reason(passage: Alignment, refs: tuple[PassageRef, PassageRef], swaps: int, changes: int) -> str:
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


def finding_order(finding: Finding) -> tuple:
    return tuple((ref.doc, ref.start_line, ref.end_line) for ref in finding.items)


# --- substitutions and number changes ----------------------------------------------------


def _differences(passage: Alignment) -> Iterator[tuple[int, int, int, int, int, int]]:
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


def _variants(passage: Alignment) -> list[int]:
    """Characters of a aligned with one of b written differently (第一 and 第壹), numbers aside."""
    a, b = passage.a, passage.b
    if not (a.has_folded(passage.a0, passage.a1) or b.has_folded(passage.b0, passage.b1)):
        return []  # both sides are written as normalized, so equal characters are written alike
    a_to_b = passage.a_to_b
    aligned = a_to_b >= 0
    written = a.raw[passage.a0 : passage.a1] != b.raw[np.where(aligned, a_to_b, 0)]
    differs = aligned & written & (code_points(a.text[passage.a0 : passage.a1]) != NUMBER_SYMBOL)
    return (np.flatnonzero(differs) + passage.a0).tolist()


def _substitutions(passage: Alignment) -> tuple[tuple[str, str], ...]:
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


def _word_start(text: Text, position: int) -> int:
    """Normalized index where the jieba word holding a normalized character starts."""
    line, offset = _line_offset(text, position)
    window = max(0, offset - _WORD_WINDOW)
    starts = _word_starts(text.joined_line(line)[window : offset + _WORD_WINDOW])
    start = window + starts[bisect_right(starts, offset - window) - 1]
    return int(np.searchsorted(text.source, text.line_starts[line] + start, "left"))


def _word_end(text: Text, end: int) -> int:
    """Normalized index just after the jieba word holding normalized character end - 1."""
    line, offset = _line_offset(text, end - 1)
    window = max(0, offset - _WORD_WINDOW)
    piece = text.joined_line(line)[window : offset + _WORD_WINDOW]
    starts = _word_starts(piece) + (len(piece),)
    stop = window + starts[bisect_right(starts, offset - window)]
    return int(np.searchsorted(text.source, text.line_starts[line] + stop, "left"))


def _line_offset(text: Text, position: int) -> tuple[int, int]:
    line = text.line_of(position)
    return line, int(text.source[position] - text.line_starts[line])


@lru_cache(maxsize=65536)
def _word_starts(piece: str) -> tuple[int, ...]:
    return tuple(token.start for token in segment(piece))


def _number_changes(passage: Alignment) -> tuple:
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


def _quantity_at(text: Text, position: int):
    line, offset = _line_offset(text, position)
    for quantity in quantities_in(text.joined_line(line)):
        if quantity.start <= offset < quantity.end:
            return quantity
    return None


def _value(quantity) -> tuple:
    return (quantity.value, quantity.value_high, quantity.percent)


def _line_number(text: Text, line: int) -> int:
    return int(text.line_numbers[line])
