"""Rule tables loaded from ``checker/data``: the rules that are data, not code.

Each loader reads its file once per process and returns plain Python objects. The TOML
tables are read and checked against their schema by checker.tables (load_toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .tables import load_toml, read_text  # load_toml: the stages import it from here


@cache
def word_list(name: str) -> tuple[str, ...]:
    """A file of one word a line; blank lines and # comments are skipped."""
    words = (line.split("#")[0].strip() for line in read_text(name).splitlines())
    return tuple(word for word in words if word)


def starting_with(first_characters: str, pattern: str) -> str:
    """pattern, tried only where a space, a digit or one of first_characters stands. Python's
    re otherwise tries the pattern (every branch of an alternation) at every position: up to
    7 times slower."""
    return rf"(?=[\s\d{re.escape(''.join(dict.fromkeys(first_characters)))}])(?:{pattern})"


@dataclass(frozen=True)
class BoilerplateRules:
    at_start: re.Pattern  # the patterns that begin with ^, as one alternation
    anywhere: re.Pattern  # the others
    tail_marker: re.Pattern

    def is_boilerplate(self, line: str) -> bool:
        return self.at_start.search(line) is not None or self.anywhere.search(line) is not None

    def starts_tail(self, line: str) -> bool:
        return self.tail_marker.search(line) is not None


def _any_of(patterns: list[str]) -> re.Pattern:
    """One alternation of many patterns; a leading (?i) becomes a scoped (?i:...)."""
    scoped = [f"(?i:{p[4:]})" if p.startswith("(?i)") else f"(?:{p})" for p in patterns]
    return re.compile("|".join(scoped))


@cache
def boilerplate_rules() -> BoilerplateRules:
    table = load_toml("boilerplate.toml")
    patterns = [p for group in table["patterns"].values() for p in group]
    # Apart, because re gives up at once on a position past the start only when every
    # branch is anchored: one alternation of both kinds was 40% slower.
    anchored = [p for p in patterns if p.removeprefix("(?i)").startswith("^")]
    others = [p for p in patterns if p not in anchored]
    return BoilerplateRules(_any_of(anchored), _any_of(others), _any_of(table["tail"]["markers"]))


@cache
def not_numeral_pattern() -> re.Pattern:
    words = sorted(word_list("not_numerals.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@cache
def prefix_markers() -> tuple[str, ...]:
    """Approximate markers written before a number, longest first."""
    return tuple(sorted(load_toml("qualifiers.toml")["prefix"], key=len, reverse=True))


@cache
def suffix_markers() -> tuple[str, ...]:
    """Markers written after a number or its unit (以上, 左右, 多), longest first."""
    return tuple(sorted(load_toml("qualifiers.toml")["suffix"], key=len, reverse=True))


@cache
def comparative_words() -> tuple[str, dict[str, str], tuple[str, ...]]:
    """比, the adjectives of a comparison around a number (比三十大) with their qualifiers, and
    the complements after which it is no bound (比30高出5度)."""
    table = load_toml("qualifiers.toml")["comparative"]
    return table["before"], table["after"], tuple(table["not_before"])


@cache
def bound_links() -> tuple[frozenset[str], frozenset[str]]:
    """What joins a lower and an upper bound into one range in either order (大于10并小于20),
    and what joins them only with the lower bound first (1000以上，1500以下)."""
    table = load_toml("qualifiers.toml")["bounds"]
    return frozenset(table["joined_by"]), frozenset(table["joined_lower_first_by"])


@cache
def words_ending_in_markers() -> dict[str, tuple[str, ...]]:
    """By prefix marker, the words that end in it and are no marker (约: 签约, 节约)."""
    found: dict[str, list[str]] = {}
    for word in load_toml("qualifiers.toml")["not_markers"]["words"]:
        for marker in prefix_markers():
            if word.endswith(marker) and word != marker:
                found.setdefault(marker, []).append(word)
    return {marker: tuple(words) for marker, words in found.items()}


def marker_qualifier(marker: str) -> str:
    """The qualifier a marker sets: 约 approx, 以上 lower_bound, 比…大 lower_bound."""
    table = load_toml("qualifiers.toml")
    found = table["prefix"].get(marker) or table["suffix"].get(marker)
    if found is None and "…" in marker:
        found = comparative_words()[1].get(marker[-1])
    return found or "exact"


def written_qualifier(quote: str) -> str:
    """The qualifier of the marker a quote starts or ends with (超5.4万亿元, 3.6%左右), or exact."""
    marker = next((m for m in prefix_markers() if quote.startswith(m)), "")
    marker = marker or next((m for m in suffix_markers() if quote.endswith(m)), "")
    return marker_qualifier(marker) if marker else "exact"


@cache
def measure_words() -> frozenset[str]:
    """One-character measure words of units.toml (家, 个, 名): what a count is counted in."""
    units = load_toml("units.toml")
    words = [*units["measure_words"]["words"], *units["measure_alias"]]
    return frozenset(w for w in words if len(w) == 1)


@cache
def tenth_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The characters that make a number a count of tenths (成, 折), and the words they start
    that are no tenths (成本, 折合)."""
    table = load_toml("units.toml")["tenths"]
    return tuple(table["words"]), tuple(table["not_before"])


@cache
def half_words() -> tuple[tuple[str, ...], dict[str, float], tuple[str, ...]]:
    """The tenths a 半 may follow (三成半), the words of a half with their percentages (半成 5),
    and the words that start with 半 and are no half (半成品, 半导体)."""
    table = load_toml("units.toml")["halves"]
    return tuple(table["after_tenths"]), dict(table["words"]), tuple(table["not_words"])


@cache
def units_halved() -> tuple[str, ...]:
    """The units of units.toml that 半 may stand before as a half (半斤, 半米): units of the
    physical dimensions [halves] names, longest first."""
    dimensions = set(load_toml("units.toml")["halves"]["of_dimensions"])
    units = load_toml("units.toml")["units"]
    return tuple(sorted((u for u, row in units.items() if row["dimension"] in dimensions), key=len, reverse=True))


@cache
def money_units() -> tuple[str, ...]:
    """The units of money of units.toml (元, 美元, 新台币), longest first."""
    units = load_toml("units.toml")["units"]
    return tuple(sorted((u for u, row in units.items() if row["dimension"].startswith("money")), key=len, reverse=True))


@cache
def units_starting_with() -> dict[str, tuple[str, ...]]:
    """The units of units.toml of two characters or more, by their first character: 千 starts
    千瓦, 千克, 千米 (29.2亿千瓦 is 29.2亿 of 千瓦, not the number 29.2亿千)."""
    found: dict[str, list[str]] = {}
    for unit in load_toml("units.toml")["units"]:
        if len(unit) >= 2:
            found.setdefault(unit[0], []).append(unit)
    return {first: tuple(units) for first, units in found.items()}


@cache
def sign_words() -> tuple[str, ...]:
    """Signs written before a number (负, 零下, -), from qualifiers.toml."""
    return tuple(load_toml("qualifiers.toml")["signs"]["words"])

