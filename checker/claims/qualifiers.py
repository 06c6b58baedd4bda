"""Qualifiers: a claim's number on its Line -> how exactly the figure is stated.

In: a quantity of a Line, with the marker written before it (约, 超过, 近) and the suffix
marker written after its unit (以上, 左右, 多). Out: its qualifier, the first that applies
in the precedence of qualifiers.toml: estimate (预计, 计划 earlier in its sentence), range
(12至15), the markers' approx, lower_bound or upper_bound, cumulative (累计 earlier in its
sentence); else exact.
"""

from __future__ import annotations

import re
from functools import cache

from ..models import Quantity
from ..rules import load_toml, marker_qualifier, suffix_markers
from .line import Line


@cache
def _qualifier_table() -> dict:
    return load_toml("qualifiers.toml")


@cache
def _suffix_markers() -> re.Pattern:
    return re.compile("|".join(map(re.escape, suffix_markers())))


@cache
def _forecast_words() -> tuple[str, ...]:
    future = _qualifier_table()["future"]
    return (*_qualifier_table()["estimate"]["words"], *(future["marker"] + verb for verb in future["verbs"]))


def suffix_marker(line: Line, position: int) -> str:
    match = _suffix_markers().match(line.text, position)
    return match.group() if match else ""


def qualifier(line: Line, q: Quantity, suffix: str) -> str:
    found = set()
    sentence_start = line.sentence_of(q.start)[0]
    if line.says(_forecast_words(), sentence_start, q.start):
        found.add("estimate")
    if q.value_high is not None:
        found.add("range")
    for marker in (q.marker, suffix):
        if marker:
            found.add(marker_qualifier(marker))
    if line.says(_qualifier_table()["cumulative"]["words"], sentence_start, q.start):
        found.add("cumulative")
    order = _qualifier_table()["precedence"]["order"]
    return next((name for name in order if name in found), "exact")
