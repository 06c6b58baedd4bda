"""The rule tables of ``checker/data``: the shape of each file, written as data, and the loader
that checks a table against it.

In: a file name such as ``"qualifiers.toml"``. Out: the file's TOML as plain dicts and lists,
once every section, key and value has the shape the code reads; else a RuleTableError of one
line naming the file, the section, the key and the problem. A misspelt name or a wrong value
fails when the table is first read (and in tests/test_rules.py), not halfway through a scan.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import NoReturn, Protocol, TypeGuard

KeyPath = tuple[str, ...]  # the file name, then the section, then the keys inside it


class RuleTableError(ValueError):
    """A rule table that does not have the shape the code reads."""


def _fail(path: KeyPath, problem: str) -> NoReturn:
    """Raise the one-line error: checker/data/<file>: [section] 'key' 'key': problem."""
    file, *keys = path
    where = " ".join([f"[{keys[0]}]", *map(repr, keys[1:])]) if keys else ""
    raise RuleTableError(f"checker/data/{file}: {where + ': ' if where else ''}{problem}")


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)  # TOML's true is no count


def _is_number(value: object) -> TypeGuard[int | float]:
    return _is_int(value) or isinstance(value, float)


def _is_positive(value: object) -> bool:
    return _is_number(value) and value > 0


def _is_word(value: object) -> bool:
    return isinstance(value, str) and value != ""  # "" in an alternation matches everywhere


def _table(value: object, path: KeyPath) -> dict:
    if not isinstance(value, dict):
        _fail(path, f"{_show(value)} is not a table")
    return value


# --- shapes: each checks one value at a path and raises through _fail -------------------------


class Shape(Protocol):
    """A kind of value: check raises RuleTableError when the value at path is not one."""

    def check(self, value: object, path: KeyPath) -> None: ...


@dataclass(frozen=True)
class Scalar:
    """A value that passes test; what says in an error what it should have been."""

    test: Callable[[object], bool]
    what: str

    def check(self, value: object, path: KeyPath) -> None:
        if not self.test(value):
            _fail(path, f"{_show(value)} is not {self.what}")


INT = Scalar(_is_int, "an integer")
NUMBER = Scalar(_is_number, "a number")
POSITIVE = Scalar(_is_positive, "a number above 0")
WORD = Scalar(_is_word, "a non-empty string")


@dataclass(frozen=True)
class Choice:
    """A string from a fixed set."""

    values: tuple[str, ...]

    def check(self, value: object, path: KeyPath) -> None:
        if value not in self.values:
            _fail(path, f"{_show(value)} is not one of {', '.join(self.values)}")


@dataclass(frozen=True)
class Words:
    """A list of non-empty strings; with size, exactly that many."""

    size: int | None = None

    def check(self, value: object, path: KeyPath) -> None:
        if not isinstance(value, list):
            _fail(path, f"{_show(value)} is not a list")
        for number, item in enumerate(value, 1):
            self.check_item(item, number, path)
        if self.size is not None and len(value) != self.size:
            _fail(path, f"{_show(value)} is not {self.size} words")

    def check_item(self, item: object, number: int, path: KeyPath) -> None:
        if not _is_word(item):
            _fail(path, f"item {number}, {_show(item)}, is not a non-empty string")


@dataclass(frozen=True)
class Patterns(Words):
    """A list of regular expressions."""

    def check_item(self, item: object, number: int, path: KeyPath) -> None:
        super().check_item(item, number, path)
        try:
            re.compile(str(item))
        except re.error as error:
            _fail(path, f"item {number}, {_show(item)}, is not a regular expression: {error}")


@dataclass(frozen=True)
class Ordering:
    """A list of each of values exactly once, in any order."""

    values: tuple[str, ...]

    def check(self, value: object, path: KeyPath) -> None:
        if not isinstance(value, list):
            _fail(path, f"{_show(value)} is not a list")
        missing = [name for name in self.values if name not in value]
        others = [item for at, item in enumerate(value) if item not in self.values or item in value[:at]]
        if missing or others:
            wrong = [f"{name} missing" for name in missing] + [f"{_show(item)} unknown or repeated" for item in others]
            _fail(path, f"{'; '.join(wrong)} (it lists each of {', '.join(self.values)} once)")


@dataclass(frozen=True)
class IntPair:
    """[first, last]: two integers with low <= first <= last <= high."""

    low: int
    high: int

    def check(self, value: object, path: KeyPath) -> None:
        if not (isinstance(value, list) and len(value) == 2 and all(map(_is_int, value))):
            _fail(path, f"{_show(value)} is not a pair of integers [first, last]")
        if not self.low <= value[0] <= value[1] <= self.high:
            _fail(path, f"{_show(value)} is not {self.low} <= first <= last <= {self.high}")


@dataclass(frozen=True)
class MappingOf:
    """A table of non-empty names to values of one shape."""

    shape: Shape

    def check(self, value: object, path: KeyPath) -> None:
        for name, item in _table(value, path).items():
            if not name:
                _fail((*path, name), "the name is empty")
            self.shape.check(item, (*path, name))


@dataclass(frozen=True)
class Variants:
    """A table of names to the words written for them; a word stands for one name only
    (the code turns the table into word -> name, where a second name would silently win)."""

    def check(self, value: object, path: KeyPath) -> None:
        MappingOf(Words()).check(value, path)
        name_of: dict[str, str] = {}
        for name, words in _table(value, path).items():
            for word in words:
                if name_of.setdefault(word, name) != name:
                    _fail((*path, name), f"{word!r} is listed under {name_of[word]!r} too")


@dataclass(frozen=True)
class Section:
    """A table of fixed keys: every required key, any optional one, no other."""

    required: Mapping[str, Shape]
    optional: Mapping[str, Shape] = field(default_factory=dict)

    def check(self, value: object, path: KeyPath) -> None:
        table = _table(value, path)
        known = {**self.required, **self.optional}
        for name in table:
            if name not in known:
                _fail((*path, name), f"unknown (expected one of {', '.join(known)})")
        for name in self.required:
            if name not in table:
                _fail((*path, name), "missing")
        for name, item in table.items():
            known[name].check(item, (*path, name))


def _words(*keys: str) -> Section:
    """A section of word lists only: [estimate] words = [...]."""
    return Section({key: Words() for key in keys})


# --- the schema of every file ------------------------------------------------------------------

# The qualifier and kind names of claims.csv (README: the claims.csv columns).
QUALIFIERS = ("exact", "approx", "lower_bound", "upper_bound", "range", "estimate", "cumulative")
KINDS = ("amount", "count", "growth", "share", "rank", "rank_change", "top_n", "duration", "area",
         "event_year", "change", "ratio", "other")  # fmt: skip

SCHEMAS: dict[str, Section] = {
    "boilerplate.toml": Section({"patterns": MappingOf(Patterns()), "tail": Section({"markers": Patterns()})}),
    "passages.toml": Section({
        "ngrams": Section({"size": INT, "max_doc_share": NUMBER, "min_max_docs": INT, "min_shared": INT,
                           "max_repeats": INT}),
        "chains": Section({"max_gap": INT, "max_shift": INT, "min_anchor": INT, "extend": INT,
                           "gap_penalty": NUMBER}),
        "clauses": Section({"min_chars": INT, "seed_score": NUMBER, "extend_score": NUMBER, "max_skip": INT,
                            "base_score": NUMBER, "min_evidence": NUMBER, "window": INT}),
        "passages": Section({"min_identity": NUMBER, "clause_min_identity": NUMBER, "max_swap_chars": INT}),
    }),
    "periods.toml": Section({
        "relative_years": MappingOf(INT),  # years after the publication year
        "context_year": _words("words"),
        "relative_days": MappingOf(INT),  # days after the publication date
        "recent_spans": Section({"words": Words()}),  # spans ending on the publication day
        "targets": Section({"words": Words()}),  # 全年目标: a target's period frames nothing
        "sub_periods": MappingOf(IntPair(1, 12)),  # first and last month
        "named_sub_periods": MappingOf(IntPair(1, 12)),  # holidays and seasons: months, and the name in the label
        "plans": MappingOf(IntPair(1900, 2099)),  # first and last year, as periods.py finds years
        "as_of": _words("words"),
        "events": _words("verbs"),
        "year_end": _words("words", "after_year"),
        "running": _words("words"),  # a total still running on its day
        "this_event": _words("words"),  # a figure of one event: 本次发行
        "one_day": _words("words"),  # a figure of one day of a span: 春运第9天, 假期首日
        "stock": _words("words"),  # 总数, 共有: a count of what exists
        "bases": _words("words", "than", "shares"),  # the base of a comparison only: 高于上年, 比上年末
        "report_days": _words("verbs"),  # 28日称: the day of a report
        "since": _words("opening", "closing"),  # 自2019年5月开通以来: a span to the day of writing
    }),
    "phrases.toml": Section({
        "growth": _words("rising", "falling"),
        "share": _words("words"),
        "rank_change": _words("better", "worse"),
        "rank": _words("words", "scopes", "tier", "stages", "lists", "joins_top_n", "scope_of_rank"),
        "metric": _words("stopwords", "conjunctions", "streaks"),
        "headlines": _words("captions"),
        "holders": _words("metrics", "industries", "driven_by"),
        "subjects": _words("home", "country", "scope_suffixes", "organisation_suffixes", "place_suffixes", "regions",
                           "government_bodies", "by_level", "not_places"),
        "pairs": MappingOf(Words(size=2)),  # 城乡...分别为A和B: A is the first word's, B the second's
        "implied_units": Variants(),
        "programmes": _words("words"),
        "documents": _words("part_units", "reporting_verbs", "citing_words"),
        "labels": _words("session_units", "bodies", "formulas"),
    }),
    "qualifiers.toml": Section({
        "prefix": MappingOf(Choice(QUALIFIERS)),
        "suffix": MappingOf(Choice(QUALIFIERS)),
        "not_markers": _words("words"),
        "comparative": Section({"before": WORD, "after": MappingOf(Choice(QUALIFIERS)), "not_before": Words()}),
        "bounds": _words("joined_by", "joined_lower_first_by"),
        "signs": _words("words"),
        "estimate": _words("words"),
        "future": Section({"marker": WORD, "verbs": Words()}),
        "cumulative": _words("words"),
        # claims.py reports the first name of the order that applies: one left out is never reported
        "precedence": Section({"order": Ordering(QUALIFIERS)}),
    }),
    "scopes.toml": Section({"sentence": Variants(), "phase": Variants(), "clause": Variants(), "item": Variants(), "alternatives": MappingOf(Words())}),
    "synonyms.toml": Section({
        "synonyms": Variants(),
        "generic": _words("words"),
        "vague": _words("words"),
        "attributes": _words("words"),
        "parts": MappingOf(Words()),
        "real_growth": _words("words", "markers"),
        "flow_endings": _words("words"),
    }),
    "units.toml": Section({
        "units": MappingOf(Section(
            {"base": WORD, "dimension": WORD, "kind": Choice(KINDS)},
            optional={"factor": POSITIVE},
        )),
        "measure_words": _words("words"),
        "measure_alias": MappingOf(WORD),
        "tenths": _words("words", "not_before"),  # 三成, 八五折: percentages
        "halves": Section({"after_tenths": Words(), "of_dimensions": Words(), "words": MappingOf(POSITIVE), "not_words": Words()}),  # 三成半, 半成, 半斤
    }),
}  # fmt: skip


# --- checks across sections and files, on tables that have their shape ------------------------


def _all_known(path: KeyPath, names: Iterable[str], known: Collection[str], what: str) -> None:
    for name in names:
        if name not in known:
            _fail((*path, name), f"not {what}")


def _aliases_are_measure_words(table: dict, path: KeyPath) -> None:
    """units.toml: an alias of a word that is not a measure word is never used."""
    words = table["measure_words"]["words"]
    _all_known((*path, "measure_alias"), table["measure_alias"], words, "in [measure_words] words")


def _one_dimension_per_base(table: dict, path: KeyPath) -> None:
    """units.toml: claims are compared within a dimension, so a base unit in two dimensions
    (a misspelt one) would keep the figures of one quantity apart."""
    dimension_of: dict[str, str] = {}
    for written, spec in table["units"].items():
        first = dimension_of.setdefault(spec["base"], spec["dimension"])
        if spec["dimension"] != first:
            _fail((*path, "units", written, "dimension"), f"{spec['dimension']!r}, but base {spec['base']!r} is {first!r}")


def _implied_units_are_units(table: dict, path: KeyPath) -> None:
    """phrases.toml: claims.py looks an implied unit up among the units: one not there fails the scan."""
    units = load_toml("units.toml")
    known = {*units["units"], *units["measure_words"]["words"]}
    _all_known((*path, "implied_units"), table["implied_units"], known, "a unit or measure word of units.toml")


CHECKS: dict[str, tuple[Callable[[dict, KeyPath], None], ...]] = {
    "units.toml": (_aliases_are_measure_words, _one_dimension_per_base),
    "phrases.toml": (_implied_units_are_units,),
}


# --- loading -----------------------------------------------------------------------------------


def validate(name: str, table: dict) -> None:
    """Check the parsed checker/data/<name> against its schema and checks; the first problem
    raises RuleTableError."""
    if name not in SCHEMAS:
        _fail((name,), "no schema in checker/tables.py")
    SCHEMAS[name].check(table, (name,))
    for check in CHECKS.get(name, ()):
        check(table, (name,))


def parse(name: str, text: str) -> dict:
    """The text of checker/data/<name> as plain dicts and lists, validated."""
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RuleTableError(f"checker/data/{name}: {error}") from error
    validate(name, table)
    return table


def read_text(name: str) -> str:
    """The text of checker/data/<name>."""
    return resources.files("checker.data").joinpath(name).read_text(encoding="utf-8")


@cache
def load_toml(name: str) -> dict:
    """checker/data/<name>, read and validated once per process."""
    return parse(name, read_text(name))
