"""How checker's number stage does on other projects' test suites for Chinese numerals.

Usage: python benchmarks/peer_suites.py PATH/peer_suites [--failures N] [--suite NAME] [--before REV]

PATH holds the suites as copied, unchanged, from their projects (see its README):
recognizers_text_zh/*.json (Microsoft Recognizers-Text: NumberModel, PercentModel,
NumberRangeModel) and cn2an/*_test.py (Ailln/cn2an, read with ast, never imported).
For each case the expected numbers (text span, value) are compared with what
checker.numbers.find_quantities finds in the input: a case is fully right when every
expected number is found with its value and nothing else is found. Cases a news number
recognizer does not handle are excluded, counted and named by reason; nothing is dropped
silently. Prints one markdown row per suite, then the failing cases asked for, then the
speed of find_quantities (characters per second) on seeds/ repeated; with --before REV, also
the speed of checker/numbers.py as it was at git revision REV, timed in turns with today's.

A benchmark, not a unit test: users do not have the suites. The failure classes found here
are unit tests of their own in tests/test_numbers.py.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import io
import json
import math
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.models import Quantity
from checker.numbers import find_quantities
from checker.rules import marker_qualifier

RECOGNIZERS = ("NumberModel", "PercentModel", "NumberRangeModel")
_LATIN = re.compile(r"[A-Za-z^]")  # 40k, 2e5, 1.5E+3, 2^5: written with Latin letters or exponents
# 三千 九百 六十五, 陆 点 五 折: one numeral written in pieces with spaces, as speech is transcribed
_NUMERAL = r"\d零〇一二两三四五六七八九十百千万亿點点萬億壹贰叁肆伍陆柒捌玖拾佰仟"
_SPACED = re.compile(rf"[{_NUMERAL}分又成折]\s+[{_NUMERAL}分之个個余几幾成折又]")
# 小于 或 等于, < =: a comparison word written in pieces, a space between two characters of no numeral
_SPACED_WORD = re.compile(rf"[^\s{_NUMERAL}，,、]\s+[^\s{_NUMERAL}，,、]")
_DOZENS = re.compile(r"打")  # 一打, 十打苹果: dozens, a unit the claim stage reads, not a numeral
_NUMBER_IN_OUTPUT = re.compile(r"-?\d+(?:\.\d+)?(?:/\d+)?")  # 1/2 is one number
_LONE_FINANCIAL = re.compile(r"[壹贰叁肆伍陆柒捌玖拾佰仟]")  # 拾 (to pick up), 陆 (land): words alone
# 一美元, 苹果折扣一折: Recognizers' NumberModel leaves money and discounts to its other models
_MONEY_OR_DISCOUNT = re.compile(r"美元|美刀|元|折")
# 百分之二三十: two neighbouring digits, a range checker reads (20%-30%) and Recognizers does not
_NEIGHBOUR_DIGITS = re.compile(r"[一二三四五六七八][二三四五六七八九][十百千万]")


@dataclass(frozen=True)
class Expected:
    """One number a suite expects: where it is written (None: anywhere) and its value."""

    start: int | None
    end: int | None  # exclusive
    value: float
    high: float | None = None  # the upper end of a range
    percent: bool = False  # the suite gives the value in percent (30%)
    bound: str = ""  # an open range (20,) or (,20]: lower_bound or upper_bound, its one end is value


@dataclass
class Case:
    suite: str
    text: str
    expected: tuple[Expected, ...] = ()
    excluded: str = ""  # the reason the case is out of scope, "" when in scope


@dataclass
class Verdict:
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def right(self) -> bool:
        return not (self.wrong or self.missed or self.extra)


# --- reading the suites -------------------------------------------------------------------


def recognizers_cases(folder: Path) -> Iterator[Case]:
    for model in RECOGNIZERS:
        path = folder / f"{model}.json"
        if not path.exists():
            continue
        for raw in json.loads(path.read_text(encoding="utf-8-sig")):
            yield _recognizers_case(model, raw)


def _recognizers_case(model: str, raw: dict) -> Case:
    text, results = raw["Input"], raw.get("Results", [])
    case = Case(f"recognizers {model}", text)
    if "dotnet" in str(raw.get("NotSupported", "")).lower():
        case.excluded = "NotSupported by the reference implementation"
    elif any(_LATIN.search(r.get("Text", "")) for r in results):
        case.excluded = "written with Latin letters or exponents"
    elif any(_SPACED.search(r.get("Text", "")) for r in results):
        case.excluded = "one numeral written in pieces with spaces (speech transcripts)"
    elif any(_SPACED_WORD.search(r.get("Text", "")) for r in results):
        case.excluded = "a comparison word written in pieces with spaces (小于 或 等于, < =)"
    elif any(_DOZENS.search(r.get("Text", "")) for r in results):
        case.excluded = "dozens (打): a unit, not a numeral"
    elif not results and model == "NumberModel" and _MONEY_OR_DISCOUNT.search(text):
        case.excluded = "money or a discount, which the suite leaves to its currency model (checker: 1 美元)"
    elif not results and _NEIGHBOUR_DIGITS.search(text):
        case.excluded = "two neighbouring digits (二三十), a range the suite does not read (checker: 20-30)"
    else:
        try:
            case.expected = tuple(_recognizers_expected(model, r) for r in results)
        except ValueError:
            case.excluded = "a value that is not a number (open range, unbounded)"
    return case


def _recognizers_expected(model: str, result: dict) -> Expected:
    value = str(result["Resolution"]["value"])
    start, end = int(result["Start"]), int(result["End"]) + 1
    if model == "NumberRangeModel":
        low, high = _range(value)
        if low is None or high is None:  # (20,) is more than 20; checker: 20 with a lower-bound marker
            bound = "lower_bound" if high is None else "upper_bound"
            return Expected(start, end, low if high is None else high, bound=bound)  # type: ignore[arg-type]
        return Expected(start, end, low, high)
    return Expected(start, end, float(value.rstrip("%")), percent=value.endswith("%"))


def _range(value: str) -> tuple[float | None, float | None]:
    """'[20,30)' or '(,30)': the two ends of a range, None for an open end. Whether an end is
    in the range is not compared: checker's bounds (超过, 以上) say a direction, not that."""
    low, _, high = value.strip("[]()").partition(",")
    if not low and not high:
        raise ValueError(value)
    return (float(low) if low else None), (float(high) if high else None)


def cn2an_cases(folder: Path) -> Iterator[Case]:
    numerals = folder / "cn2an_test.py"
    if numerals.exists():
        dicts = _dicts(numerals)
        for name in ("strict_data_dict", "normal_data_dict", "smart_data_dict"):
            for text, value in dicts.get(name, {}).items():
                case = Case("cn2an numerals", text, (Expected(None, None, float(value)),))
                if _LATIN.search(text):
                    case.excluded = "written with Latin letters or exponents"
                elif _LONE_FINANCIAL.fullmatch(text):
                    case.excluded = "a lone financial numeral, a word in running text (拾: to pick up)"
                yield case
        for name in ("error_smart_datas", "error_normal_datas", "error_strict_datas"):
            for text in dicts.get(name, []):
                yield Case("cn2an numerals", text, excluded="cn2an must raise on it (not a numeral to it)")
    sentences = folder / "transform_test.py"
    if sentences.exists():
        dicts = _dicts(sentences)
        for arabic, chinese in dicts.get("strict_data_dict", {}).items():
            yield _sentence_case(chinese, arabic)
        for chinese, arabic in dicts.get("smart_data_dict", {}).items():
            yield _sentence_case(chinese, arabic)


def _sentence_case(chinese: str, arabic: str) -> Case:
    values = tuple(Expected(None, None, _number(n)) for n in _NUMBER_IN_OUTPUT.findall(arabic))
    return Case("cn2an sentences", chinese, values)


def _number(written: str) -> float:
    numerator, _, denominator = written.partition("/")
    return float(numerator) / float(denominator) if denominator else float(numerator)


def _dicts(path: Path) -> dict[str, object]:
    """The dict and list literals assigned to self.<name> in a unittest file."""
    found: dict[str, object] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Attribute):
            try:
                found[node.targets[0].attr] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return found


# --- judging ------------------------------------------------------------------------------


def judge(case: Case) -> Verdict:
    verdict = Verdict()
    found = find_quantities(case.text)
    used: set[int] = set()
    for expected in case.expected:
        index = _match(expected, found, used, case.text)
        if index is None:
            near = [q for i, q in enumerate(found) if i not in used and _overlaps(expected, q)]
            (verdict.wrong if near else verdict.missed).append(_show(expected, case.text, near))
            used.update(found.index(q) for q in near)
        else:
            used.add(index)
    listed = _LISTED.get(case.suite, lambda quantity: True)
    verdict.extra = [f"{q.text}={_value(q)}" for i, q in enumerate(found) if i not in used and listed(q)]
    return verdict


def _bound(quantity: Quantity) -> str:
    return marker_qualifier(quantity.marker) if quantity.marker else ""


# What each suite lists: a number of another kind is no extra (the percentage suite does not
# list the 十 of 十天, the range suite not the 一 of 一个).
_LISTED = {
    "recognizers PercentModel": lambda q: q.percent and not q.fraction,
    "recognizers NumberRangeModel": lambda q: q.value_high is not None or _bound(q) in ("lower_bound", "upper_bound"),
}


def _match(expected: Expected, found: list[Quantity], used: set[int], text: str) -> int | None:
    for index, quantity in enumerate(found):
        if index in used or not _overlaps(expected, quantity):
            continue
        if expected.bound:
            if _is_bound(expected, quantity):
                return index
            continue
        if _same(expected.value, quantity.value) and _same_high(expected, quantity):
            return index
        if quantity.fraction and not expected.percent and _same(expected.value * 100, quantity.value):
            return index  # 二分之一: checker states a fraction as a percentage (50%), the suite as 0.5
        if quantity.marker == "几" and _same(expected.value, quantity.value - quantity.resolution):
            return index  # 二十几万: the suite gives the round number (200000), checker the range (21万-29万)
        if expected.high is None and quantity.value_high is not None and _same(expected.value, quantity.value_high):
            return index  # one end of a range the suite lists as two numbers
    return None


def _is_bound(expected: Expected, quantity: Quantity) -> bool:
    """(500,) is checker's 五百以上 or 五百多; (100000,) its 十几万, a range from 110000 up."""
    if quantity.value_high is not None:  # 十几万, 十几万多亿: from one step above the round number
        return expected.bound == "lower_bound" and _same(expected.value, quantity.value - quantity.resolution)
    value = quantity.value / 100 if quantity.fraction and not expected.percent else quantity.value
    return _bound(quantity) == expected.bound and _same(expected.value, value)


def _overlaps(expected: Expected, quantity: Quantity) -> bool:
    if expected.start is None or expected.end is None:
        return True
    return quantity.start < expected.end and expected.start < quantity.end


def _same(a: float, b: float | None) -> bool:
    return b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _same_high(expected: Expected, quantity: Quantity) -> bool:
    if expected.high is None or (quantity.value_high is None and _same(expected.high, expected.value)):
        return True  # 等于一百七: the suite's range of one value is checker's exact figure
    return _same(expected.high, quantity.value_high)


def _value(quantity: Quantity) -> str:
    value = f"{quantity.value:g}" + (f"..{quantity.value_high:g}" if quantity.value_high is not None else "")
    return value + ("%" if quantity.percent else "")


def _show(expected: Expected, text: str, near: list[Quantity]) -> str:
    written = text[expected.start : expected.end] if expected.start is not None else text
    want = f"{expected.value:g}" + (f"..{expected.high:g}" if expected.high is not None else "")
    got = ", ".join(f"{q.text}={_value(q)}" for q in near)
    return f"{written}: want {want}" + (f", got {got}" if got else "")


# --- the table ------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="the peer_suites folder")
    parser.add_argument("--failures", type=int, default=0, help="print up to N failing cases per suite")
    parser.add_argument("--suite", default="", help="only suites whose name contains this")
    parser.add_argument("--before", default="", help="a git revision whose find_quantities to time beside today's")
    args = parser.parse_args()
    cases = [*recognizers_cases(args.path / "recognizers_text_zh"), *cn2an_cases(args.path / "cn2an")]
    cases = [c for c in cases if args.suite in c.suite]
    if not cases:
        print(f"{args.path}: no peer suites found", file=sys.stderr)
        return 2
    print("| suite | cases | in scope | fully right | % | wrong value | missed | extra | excluded |")
    print("|---|---|---|---|---|---|---|---|---|")
    failures: dict[str, list[tuple[Case, Verdict]]] = {}
    for suite in dict.fromkeys(c.suite for c in cases):
        members = [c for c in cases if c.suite == suite]
        scoped = [c for c in members if not c.excluded]
        verdicts = [(c, judge(c)) for c in scoped]
        right = sum(v.right for _, v in verdicts)
        share = 100 * right / len(scoped) if scoped else 100.0
        wrong, missed, extra = (sum(bool(getattr(v, kind)) for _, v in verdicts) for kind in ("wrong", "missed", "extra"))
        reasons = Counter(c.excluded for c in members if c.excluded)
        excluded = "; ".join(f"{n} {reason}" for reason, n in reasons.most_common()) or "none"
        print(f"| {suite} | {len(members)} | {len(scoped)} | {right} | {share:.1f} | {wrong} | {missed} | {extra} | {excluded} |")
        failures[suite] = [(c, v) for c, v in verdicts if not v.right]
    for suite, failed in failures.items():
        for case, verdict in failed[: args.failures]:
            details = "; ".join(
                [*(f"wrong {w}" for w in verdict.wrong), *(f"missed {m}" for m in verdict.missed),
                 *(f"extra {e}" for e in verdict.extra)]
            )  # fmt: skip
            print(f"{suite}: {case.text!r}: {details}")
    finders = {"today": find_quantities}
    if args.before:
        finders[args.before] = _find_quantities_at(args.before)
    for name, per_second in speeds(finders).items():
        print(f"\nfind_quantities ({name}): {per_second:,.0f} characters/s on seeds/ repeated", end="")
    print()
    return 0


def speeds(finders: dict, repeats: int = 20, rounds: int = 10) -> dict[str, float]:
    """Characters per second of each finder over the lines of seeds/: the best of rounds, the
    finders timed in turns so that a busy moment of the machine slows them alike."""
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    lines = [line for path in sorted(seeds.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    lines *= repeats
    characters = sum(map(len, lines))
    best = dict.fromkeys(finders, math.inf)
    for _ in range(rounds):
        for name, finder in finders.items():
            started = time.perf_counter()
            for line in lines:
                finder(line)
            best[name] = min(best[name], time.perf_counter() - started)
    return {name: characters / seconds for name, seconds in best.items()}


def _find_quantities_at(revision: str):
    """find_quantities of checker as it was at a git revision: its whole package (numbers.py
    with the rules and tables of its day), unpacked beside today's as checker_before."""
    root = Path(__file__).resolve().parent.parent
    archive = subprocess.run(["git", "archive", "--format=tar", revision, "checker"], cwd=root, check=True,
                             capture_output=True).stdout  # fmt: skip
    folder = Path(_TEMPORARY.name) / revision
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    package = folder / "checker_before"
    (folder / "checker").rename(package)
    for module in package.rglob("*.py"):  # it finds its rule tables by its package's name
        module.write_text(module.read_text(encoding="utf-8").replace('"checker.data"', '"checker_before.data"'), encoding="utf-8")
    sys.path.insert(0, str(folder))
    return importlib.import_module("checker_before.numbers").find_quantities


_TEMPORARY = tempfile.TemporaryDirectory(prefix="peer_suites_")  # removed when the script ends

if __name__ == "__main__":
    sys.exit(main())
