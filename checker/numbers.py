"""Numbers: one line of text -> the numeric expressions in it (Quantity records).

Numbers are found on the raw characters, not on jieba tokens (jieba splits 6.2 from 万):
Arabic numerals with decimals and thousands separators, Chinese numerals including the
financial forms 壹贰叁 and colloquial 一万二, mixed forms (6.2万, 3万4000, 1317亿7200万),
percentages (7.6%, 百分之七点六), fractions (1/3, 三分之一), ranges (15至18, 4.5%-5%)
and the approximate markers written with them (约, 超过, 多, 余, 上百). Each value comes
with the resolution its digits were reported at, from which tolerances are derived.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from .ingest import normalize_width
from .models import Quantity
from .rules import (
    bound_links,
    comparative_words,
    half_words,
    marker_qualifier,
    measure_words,
    money_units,
    not_numeral_pattern,
    prefix_markers,
    sign_words,
    starting_with,
    suffix_markers,
    tenth_words,
    units_halved,
    units_starting_with,
    words_ending_in_markers,
)

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "倆": 2, "俩": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# 兆 is 10¹² as a multiplier (四十九兆九千亿, as in Taiwan and Japan); before 瓦 it is the SI mega of 兆瓦.
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}

# Financial forms that are also ordinary characters (队伍, 陆续, 大陆, 收拾): alone they are a
# number only as an ordinal (第叁批).
_FINANCIAL = set("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟")
_COUNTING_FINANCIAL = set("壹贰貳叁參肆伍柒捌玖")  # not 陆: 陆家嘴 is a place
_CN_DIGITS = "".join(DIGITS)
_CN_UNITS = "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_TENS = {"廿": "二十", "卅": "三十"}  # 廿二日: the old one-character twenty and thirty
NUMERAL_CHARACTERS = _CN_DIGITS + _CN_UNITS + "".join(_TENS) + "0123456789"  # of a written number, either script
_NUMERAL_CHARS = set(NUMERAL_CHARACTERS)
# .5 is 0.5 where nothing but a space, a sign or a bracket comes before (元.5月: a misplaced full stop)
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|(?<![^\s\-−(（])\.\d+"
_SOME = "几幾"  # 十几万, 几十个: an unknown digit
_ATOM = rf"(?>{_ARABIC}|[{_CN_DIGITS}{_CN_UNITS}{''.join(_TENS)}{_SOME}])"  # atomic: no exponential backtracking in digit runs
# 两 is never a decimal digit (一点二, never 一点两): 两百点两 is 两百, then 两.
_DECIMAL_DIGITS = "".join(ch for ch in _CN_DIGITS if ch not in "两兩倆俩")
_DIGITS_ONE_BY_ONE = frozenset(_DECIMAL_DIGITS)  # nor read one by one after the first digit: 两两 is a word
_CORE = rf"{_ATOM}(?:{_ATOM}|[点點](?=[{_DECIMAL_DIGITS}])|[多余](?=[万萬亿億千仟百佰]))*"
_CORE_RE = re.compile(starting_with(_CN_DIGITS + _CN_UNITS + "".join(_TENS) + _SOME + ".", _CORE))
_PERCENT_WORDS = re.compile(rf"(?<![{_CN_DIGITS}{_CN_UNITS}\d])百分之(负)?({_CORE})")  # 一百分之二 is a fraction
_FRACTION_WORDS = re.compile(rf"({_CORE})分之([负負]?)({_CORE})")  # 三分之负一: the numerator's own sign
_FRACTION_LINK = re.compile("分之")
_FRACTION_SLASH = re.compile(r"(?<![\d/.])(\d{1,3})/(\d{1,3})(?![\d/])")
# Calendar dates and clock times are time anchors, not quantities.
_DATE_LIKE = re.compile(starting_with(
    "", r"(?<!\d)(?:19|20)\d\d\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}(?!\d)|(?<!\d)\d{1,2}:\d\d(?::\d\d)?(?!\d)"
))  # fmt: skip
# 192.168.1.1, 3.2.1, 2222.2222.22: numbers joined by two ASCII dots or more are no decimals (a
# dotted date is masked as a date first; 增长3.5．5月 keeps its decimal); the dots are blanked.
_DOTTED = re.compile(r"(?<![\d.])\d+(?:\.\d+){2,}(?![\d.])")
# Web addresses and URL percent-escapes (%E4%B8%AD, q=30%25): characters of an address, no figures.
_ADDRESS = re.compile(r"(?:https?://|www\.)[!-~]+|(?:%[0-9A-Fa-f]{2}){2,}")
_RANGE_LINKS = {"至", "到", "~", "-", "－", "—", "–"}
_BETWEEN_LINKS = {"与", "和", "及"}  # X与Y之间: a range only with 之间 after it (or its unit, then 之间)
_BETWEEN = re.compile(r"[^\d\s，,。；;、]{0,3}?\s*之?间")
_MASK = "\x00"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PERCENT_UNITS = re.compile("百分[点點位]")


@dataclass(frozen=True)
class _Literal:
    """One numeral inside a numeric expression and the reported resolution of its digits."""

    value: float
    resolution: float
    chinese: bool


def find_quantities(line: str) -> list[Quantity]:
    """All numeric expressions in a line, in order, with offsets into the original line."""
    found: list[Quantity] = []
    text = normalize_width(line)
    if "-" in text or "/" in text or "." in text or ":" in text:  # no date without its separators: skip the search
        text = _mask(text, _DATE_LIKE)
    if "%" in text or "://" in text or "www." in text:  # most lines hold no address: skip the search
        text = _mask(text, _ADDRESS)
    if text.count(".") >= 2:
        text = _DOTTED.sub(lambda m: m.group() if not line[m.start() : m.end()].isascii() else m.group().replace(".", _MASK), text)
    if "百分" in text:  # 百分点, 百分位: units even right after a numeral (七十百分位, 0.5百分点)
        text = _mask(text, _PERCENT_UNITS)
    # Before the word list: 之一 is not a numeral, but 三分之一 is one.
    text = _take_special_forms(text, line, found)
    text = _mask_words(text)
    previous_end = 0
    for core, start in _numerals(text):
        quantity = _quantity(core, start, start + len(core), line, text)
        if quantity is None:
            continue
        if quantity.start < previous_end:  # a marker reaching into the number before it: not one
            quantity = replace(quantity, start=start, marker="")
        found.append(quantity)
        previous_end = quantity.end
    found.sort(key=lambda q: q.start)
    merged = _merge_ranges(found, text)
    return [q if q.text == line[q.start : q.end] else replace(q, text=line[q.start : q.end]) for q in merged]


def _numerals(text: str) -> list[tuple[str, int]]:
    """The runs of numeral characters of a line, and where each starts; a run that holds two
    numerals (初二两天) as its pieces."""
    runs = [(match.group(), match.start()) for match in _CORE_RE.finditer(text)]
    if "两" not in text and "兩" not in text:
        return runs  # most lines: each run is one numeral or none
    return [piece for core, start in runs for piece in _pieces(core, start)]


def _pieces(core: str, start: int) -> Iterator[tuple[str, int]]:
    """A run of numeral characters as the numerals it holds: itself, or, when it reads as no
    numeral, the numerals before and from a 两 inside it (初二两天: 二 and 两; 两 only opens a
    numeral, never continues one)."""
    at = next((i for i, ch in enumerate(core) if i and ch in "两兩"), 0)
    if not at or _evaluate(core) is not None or _approximate(core) is not None:
        yield core, start  # most runs: one numeral (一两个 is one or two)
        return
    yield core[:at], start
    yield from _pieces(core[at:], start + at)


def stated_values(quantity: Quantity) -> tuple[float, float | None]:
    """The value and upper end as a claim states them: a fraction as the percentage it is
    shown to, to its resolution (1/3 is 33.33%, 三分之一至三分之二 33.33% to 66.67%); any other
    number as it is."""
    if not quantity.fraction:
        return quantity.value, quantity.value_high

    def shown(value: float) -> float:
        return float(f"{round(value / quantity.resolution) * quantity.resolution:.12g}")

    return shown(quantity.value), (shown(quantity.value_high) if quantity.value_high is not None else None)


def parse_number(text: str) -> float | None:
    """The value of one numeral (Arabic, Chinese or mixed), or None if it is not one."""
    parsed = _evaluate(normalize_width(text).strip())
    return parsed[0] if parsed else None


def _mask(text: str, pattern: re.Pattern) -> str:
    """Blank out dates and clock times, or words whose numeral characters are not numbers."""
    return pattern.sub(lambda m: _MASK * len(m.group()), text)


def _mask_words(text: str) -> str:
    """Blank out words such as 统一, 千万 (by all means), 万一 (in case), except where the word
    continues a numeral: 三千万, 五万一千."""

    def blank(match: re.Match) -> str:
        word, start = match.group(), match.start()
        if start and text[start - 1] in _NUMERAL_CHARS and word[0] in _NUMERAL_CHARS:
            return word
        return _MASK * len(word)

    return not_numeral_pattern().sub(blank, text)


def _take_special_forms(text: str, line: str, found: list[Quantity]) -> str:
    """Percentages and fractions written in words or with a slash; masks what it takes, once
    per form (rebuilding the line once per match is quadratic in the number of matches)."""
    any_form, forms = _special_forms()
    if any_form.search(text) is None:  # most lines have none of the forms
        return text
    for finder, build, gate in forms:
        if gate.search(text) is None:  # skip the slow search for a form that cannot match
            continue
        taken: list[tuple[int, int]] = []
        for match in finder(text):
            quantity = build(match, line, text)
            if quantity is not None:
                found.append(quantity)
                taken.append((max(quantity.start, taken[-1][1] if taken else 0), max(quantity.end, match.end())))
        text = _masked_spans(text, taken)
    return text


def _masked_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    pieces, position = [], 0
    for start, end in spans:
        pieces += [text[position:start], _MASK * (end - start)]
        position = end
    return "".join(pieces) + text[position:]


def _fractions_in_words(text: str) -> Iterator[re.Match]:
    """三分之一, 百万分之五: found from each 分之 outward, so a long run of numerals before one
    is read once, not once per character (the plain pattern is quadratic in the run)."""
    return _read_outward(text, _FRACTION_LINK, _FRACTION_WORDS)


def _yuan_and_jiao(text: str) -> Iterator[re.Match]:
    return _read_outward(text, _YUAN_LINK, _YUAN_JIAO_FEN)


def _read_outward(text: str, links: re.Pattern, form: re.Pattern) -> Iterator[re.Match]:
    """The matches of form whose second group starts right after a link (分之 of 三分之一, 元
    of 3元5角), each read from its link outward: the numeral before a link is read once."""
    for link in links.finditer(text):
        start = link.start()
        while start > 0 and link.start() - start < _LONGEST_NUMERAL and text[start - 1] in _CORE_CHARACTERS:
            start -= 1
        for first in range(start, link.start()):
            match = form.match(text, first)
            if match is not None and match.start(2) == link.end():
                yield match
                break


_CORE_CHARACTERS = frozenset(NUMERAL_CHARACTERS + ".,点多余")
_LONGEST_NUMERAL = 40  # characters of a numeral before 分之: longer runs are not one number
_FRACTION_DIGITS = 4  # significant digits a fraction is stated to as a percentage (1/3: 33.33%)


def _percent_words(match: re.Match, line: str, text: str) -> Quantity | None:
    parsed, high = _evaluate(match.group(2)), None
    if parsed is None and (approximate := _approximate(match.group(2))) is not None:
        parsed, high = (approximate[0], approximate[2]), approximate[1]  # 百分之二三十: 20% to 30%
    if parsed is None:
        return None
    value, resolution = parsed
    value = -value if match.group(1) else value  # 百分之负三点八
    return _with_marker(Quantity(match.start(), match.end(), line[match.start() : match.end()], value, high,
                                 resolution=resolution, chinese=True, percent=True), text)  # fmt: skip


def _fraction_words(match: re.Match, line: str, text: str) -> Quantity | None:
    denominator, numerator = _evaluate(match.group(1)), _evaluate(match.group(3))
    return _fraction(match, line, text, numerator, denominator, chinese=True, negative=bool(match.group(2)))


def _fraction_slash(match: re.Match, line: str, text: str) -> Quantity | None:
    numerator, denominator = _evaluate(match.group(1)), _evaluate(match.group(2))
    if numerator and denominator and numerator[0] > denominator[0]:
        return None  # 16/5, 24/7: a date or a ratio more often than an improper fraction
    return _fraction(match, line, text, numerator, denominator, chinese=False)


# 壹拾壹元壹角壹分, 3元5角: money in 元, 角 (a tenth) and 分 (a hundredth), as on a cheque or a price tag
_YUAN_JIAO_FEN = re.compile(rf"({_CORE})[元圆]([{_CN_DIGITS}\d])角(?:([{_CN_DIGITS}\d])分)?")
_YUAN_LINK = re.compile(rf"[元圆](?=[{_CN_DIGITS}\d]角)")
# 元5角 written out as literals: re finds an alternation of literals far faster than a class (长三角 is no 角 of money)
_YUAN_NEEDLES = "|".join(f"{yuan}{digit}角" for yuan in "元圆" for digit in _CN_DIGITS + "0123456789")


def _yuan_jiao_fen(match: re.Match, line: str, text: str) -> Quantity | None:
    yuan, jiao = _evaluate(match.group(1)), _evaluate(match.group(2))
    fen = _evaluate(match.group(3)) if match.group(3) else (0.0, 1.0)
    if yuan is None or jiao is None or fen is None:
        return None
    value = float(f"{yuan[0] + jiao[0] / 10 + fen[0] / 100:.12g}")
    resolution = 0.01 if match.group(3) else 0.1
    chinese = not any(ch.isdigit() for ch in match.group())
    return _with_marker(Quantity(match.start(), match.end(), line[match.start() : match.end()], value,
                                 resolution=resolution, chinese=chinese, unit="元"), text)  # fmt: skip


def _halves(text: str) -> Iterator[re.Match]:
    return _half_pattern().finditer(text)


@cache
def _half_pattern() -> re.Pattern:
    """半成, 打对折 (words of a half), 半斤, 半百: 半 before a unit of a physical quantity or a
    multiplier, not after a numeral (两斤半 is read with its number)."""
    words = "|".join(map(re.escape, sorted(half_words()[1], key=len, reverse=True)))
    units = "|".join(map(re.escape, units_halved()))
    starts = "".join({word[0] for word in half_words()[1]} | {"半"})
    return re.compile(rf"(?=[{starts}])(?:{words}|(?<![{NUMERAL_CHARACTERS}])(?P<half>半)(?:[百千万亿佰仟萬億](?![{NUMERAL_CHARACTERS}])|(?={units})))")


def _half_needles() -> tuple[str, ...]:
    """What every match of _half_pattern starts with: 半斤, 半百, 半成, 打对折 (not 上半年)."""
    return (*half_words()[1], *(f"半{unit}" for unit in (*units_halved(), *"百千万亿佰仟萬億")))


def _half(match: re.Match, line: str, text: str) -> Quantity | None:
    _, words, not_words = half_words()
    written = match.group()
    if text.startswith(not_words, match.start("half") if match.group("half") else match.start()):
        return None  # 半成品, 半导体: a word of its own
    if written in words:
        return Quantity(match.start(), match.end(), written, float(words[written]), chinese=True, percent=True)
    value = (SMALL_UNITS.get(written[1:]) or BIG_UNITS.get(written[1:], 1)) / 2
    return _with_marker(Quantity(match.start(), match.end(), written, value, resolution=value, chinese=True), text)


@cache
def _special_forms() -> tuple[re.Pattern, tuple[tuple[Callable, Callable, re.Pattern], ...]]:
    """Each form with a pattern that every match of it contains (the words of a half come from
    units.toml), and one pattern for all of them: a quick test before the slow search."""
    needles = ((_PERCENT_WORDS.finditer, _percent_words, "百分之"), (_fractions_in_words, _fraction_words, "分之"),
               (_FRACTION_SLASH.finditer, _fraction_slash, "/"),
               (_halves, _half, "|".join(map(re.escape, _half_needles()))),
               (_yuan_and_jiao, _yuan_jiao_fen, _YUAN_NEEDLES))  # fmt: skip
    forms = tuple((finder, build, re.compile(needle)) for finder, build, needle in needles)
    return re.compile("|".join(needle for *_, needle in needles)), forms


def _fraction(match, line, text, numerator, denominator, chinese: bool, negative: bool = False) -> Quantity | None:
    """三分之一 33.333…%, 三分之一百五十七 5233.33…%, 负三分之一, 一又二分之一 (1.5, a number): a
    fraction as the exact percentage it states (its resolution: 4 significant digits, at most
    0.01), or the mixed number it ends (exact too)."""
    if not numerator or not denominator or not numerator[0] or not denominator[0]:
        return None
    start = match.start()
    sign = _sign_before(line, start)
    start -= len(sign)
    exact = 100 * numerator[0] / denominator[0] * (-1 if negative != bool(sign) else 1)
    if not exact or not math.isfinite(exact):
        return None  # 0.000…1分之一 of a hostile line: no figure
    resolution = min(0.01, 10.0 ** (math.floor(math.log10(abs(exact))) - _FRACTION_DIGITS + 1))  # 百万分之五: 0.0005%
    whole = _whole_before(text, start) if not sign else None
    if whole is not None:  # 三又四分之一: the whole number and the fraction are one number
        first, value, whole_resolution = whole
        sign = _sign_before(line, first)
        value = (value + exact / 100) * (-1 if sign else 1)
        return Quantity(first - len(sign), match.end(), line[first - len(sign) : match.end()], float(f"{value:.12g}"),
                        resolution=min(whole_resolution, resolution / 100), chinese=chinese)  # fmt: skip
    quantity = Quantity(start, match.end(), line[start : match.end()], float(f"{exact:.12g}"),
                        resolution=resolution, chinese=chinese, percent=True, fraction=True)  # fmt: skip
    return _with_marker(quantity, text)


def _whole_before(text: str, fraction_start: int) -> tuple[int, float, float] | None:
    """The whole number of a mixed number (三 of 三又四分之一): where it starts, its value and
    resolution; None when no 又 and numeral come before the fraction."""
    link = fraction_start - 1
    if text[link : link + 1] != "又":
        return None
    first = link
    while first > 0 and link - first < _LONGEST_NUMERAL and text[first - 1] in _NUMERAL_CHARS:
        first -= 1
    for start in range(first, link):  # the longest numeral that ends at 又
        parsed = _evaluate(text[start:link])
        if parsed is not None:
            return start, parsed[0], parsed[1]
    return None


def _quantity(core: str, start: int, end: int, line: str, text: str) -> Quantity | None:
    if core[-1] in _ASCII_DIGITS:  # 2023, 1317.72, 3万4000 (most numbers): none of the checks below applies
        return _plain_quantity(core, start, end, line, text, text[start - 1 : start] == "第")
    core, end = _strip_trailing_marker(core, end)
    if (
        len(core) > 1
        and core[-1] in SMALL_UNITS
        and (core[-2] in BIG_UNITS or core[-2].isdigit())  # 三千米 is 3000米 either way
        and text.startswith(units_starting_with().get(core[-1], ()), end - 1)
    ):
        core, end = core[:-1], end - 1  # 29.2亿千瓦: 千 starts the unit, 29.2亿 is the number
    elif core[-1] == "兆" and _CJK.match(text, end) and not text.startswith(money_units(), end):
        core, end = core[:-1], end - 1  # 三兆瓦, 100兆宽带, 900兆赫: the SI mega of a unit, not 10¹²
        if all(ch in _CN_UNITS for ch in core):
            return None  # 千兆光网, 万兆: a prefix of a unit (giga-), no number
    ordinal = text[max(0, start - 1) : start] == "第"
    if core in _FINANCIAL and not ordinal and not (core in _COUNTING_FINANCIAL and _counts_something(text, start, end)):
        return None  # 拾 (pick up), 陆 (land, 陆家嘴): a lone financial numeral is a number only as 肆家, 叁项, 貳月
    several = core[0] in _CN_UNITS and text.endswith("数", 0, start)  # 数十万, 数百
    if core[0] in BIG_UNITS and all(ch in BIG_UNITS for ch in core) and not several and not _marker_before(text, start, core):
        return None  # 万, 万万 alone: a word (万众, 万物), save after a marker (上万, 超万, 近亿)
    if several or "几" in core or "幾" in core or (len(core) > 1 and core[0] in _NEIGHBOURS_FIRST and core[1] in DIGITS):
        return _approximate_quantity(core, start, end, line, text, several, ordinal)
    return _plain_quantity(core, start, end, line, text, ordinal)


def _counts_something(text: str, start: int, end: int) -> bool:
    """肆家, 叁项: a measure word follows; 零年貳月, 叁月贰日: a month after its year, a day
    after its month, a date as on a cheque (队伍日益壮大, 入伍年龄: no date)."""
    following = text[end : end + 1]
    return following in measure_words() or _DATE_PARTS.get(following, "") == text[start - 1 : start] != ""


_DATE_PARTS = {"月": "年", "日": "月"}  # a date part and the part written before it
_ARABIC_DIGIT = re.compile(r"\d")
_ASCII_DIGITS = frozenset("0123456789")


@cache
def _tenth_starts() -> frozenset[str]:
    return _first_characters(tenth_words()[0])


def _plain_quantity(core: str, start: int, end: int, line: str, text: str, ordinal: bool) -> Quantity | None:
    parsed = _evaluate(core)
    if parsed is None:
        return None
    value, resolution = parsed
    chinese = _ARABIC_DIGIT.search(core) is None
    following = text[end : end + 1]
    percent = following == "%"
    if percent:
        end += 1
    elif following in _tenth_starts() and (scale := _tenths(core, value, text, end)) is not None:
        value, resolution, end, percent = value * scale, resolution * scale, end + 1, True
        if text[end : end + 1] == "半" and text[end - 1] in half_words()[0] and not text.startswith(half_words()[2], end):
            value, end = value + scale / 2, end + 1  # 三成半: and half a tenth, 35% (not 三成半导体企业)
    sign = _sign_before(line, start) if start and not ordinal and line[start - 1] in _sign_endings() else ""
    if sign:
        start, value = start - len(sign), -value  # 增速为-0.5%, 负三十二, 零下四摄氏度
    quantity = Quantity(start, end, line[start:end], value, resolution=resolution,
                        ordinal=ordinal, chinese=chinese, percent=percent)  # fmt: skip
    return _with_marker(quantity, text)


def _approximate_quantity(
    core: str, start: int, end: int, line: str, text: str, several: bool, ordinal: bool
) -> Quantity | None:
    """十几万, 数十万, 五六十: a quantity with the range the numeral stands for; 几个 (a few) is
    none; two digits that are not neighbours (二〇, 一二三) are a plain numeral."""
    approximate = _approximate("几" + core if several else core)
    if approximate is None:
        return None if "几" in core or "幾" in core else _plain_quantity(core, start, end, line, text, ordinal)
    low, high, resolution = approximate
    start -= several
    quantity = Quantity(start, end, line[start:end], low, high, resolution, marker="数" if several else "几",
                        chinese=True)  # fmt: skip
    return _with_marker(quantity, text)


def _approximate(core: str) -> tuple[float, float, float] | None:
    """十几万 110000-190000, 几十 20-90, 五六十 50-60, 一两个 1-2: the range an approximate
    numeral stands for, and its resolution (None for any other numeral)."""
    core = core.replace("幾", "几")
    if "几" in core and core != "几":
        at = core.index("几")
        trails = at > 0 and core[at - 1] in f"{''.join(SMALL_UNITS)}零〇"  # 十几, 一百零几: one to nine
        low = _evaluate(core.replace("几", "一" if trails else "二", 1))  # 几十, 几万: two to nine of them
        high = _evaluate(core.replace("几", "九", 1))
    elif (pair := _NEIGHBOURS.fullmatch(core)) and DIGITS[pair.group(2)] == DIGITS[pair.group(1)] + 1:
        low, high = _evaluate(pair.group(1) + pair.group(3)), _evaluate(pair.group(2) + pair.group(3))
    else:
        return None
    if low is None or high is None:
        return None
    return low[0], high[0], high[1]


_NEIGHBOURS = re.compile(rf"([一二两三四五六七八])([二两三四五六七八九])([{_CN_UNITS}]*)")  # 五六十, 三四个
_NEIGHBOURS_FIRST = frozenset("一二两三四五六七八")  # 五六十: the first of two digits that may be neighbours


def _sign_before(line: str, start: int) -> str:
    """The minus sign or word written right before a number (-0.5%, 负32, 零下4℃), never the
    dash of a range or a code (1-3月, A-4) nor the 零下 of 归零下降."""
    if not start or line[start - 1] not in _sign_endings():
        return ""  # most numbers: nothing to look at
    before = normalize_width(line[max(0, start - 3) : start])
    sign = next((word for word in sign_words() if before.endswith(word)), "")
    if not sign:
        return ""
    preceding = before[: len(before) - len(sign)][-1:]
    if sign in ("-", "−") and preceding and (preceding.isascii() and preceding.isalnum() or preceding in _AFTER_A_FIGURE):
        return ""
    if sign in ("-", "−") and preceding in _DASHES:
        return ""  # －－9: two dashes are the Chinese dash (破折号), no minus
    return sign


_AFTER_A_FIGURE = frozenset(NUMERAL_CHARACTERS + ")）%")  # a dash after these links a range
_DASHES = frozenset("-−—–")


@cache
def _sign_endings() -> frozenset[str]:
    """The last characters of the signs, as written (－ before width folding)."""
    return frozenset(word[-1] for word in sign_words()) | {"－"}


def _tenths(core: str, value: float, text: str, end: int) -> int | None:
    """三成 30%, 9.5成 95%, 打八折 80%, 八五折 85%: what a count of tenths is multiplied by to
    be the percentage it states, or None when it is no count of tenths."""
    words, not_before = tenth_words()
    if text[end : end + 1] not in _first_characters(words):
        return None  # most numbers: no 成 or 折 after them
    if not text.startswith(words, end) or text.startswith(not_before, end):
        return None
    if 0 < value < 10 or (value == 10 and text.startswith("成", end)):  # 十成 is all; 十折 no discount
        return _PERCENT_IN_A_TENTH
    if text.startswith("折", end) and len(core) == 2 and all(ch in DIGITS for ch in core):
        return 1  # 八五折: two digits of a price, 85%
    return None


_PERCENT_IN_A_TENTH = 10


@cache
def _first_characters(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word[0] for word in words)


def _strip_trailing_marker(core: str, end: int) -> tuple[str, int]:
    while core and core[-1] in "多余":
        core, end = core[:-1], end - 1
    return core, end


def _with_marker(quantity: Quantity, text: str) -> Quantity:
    """Attach the marker written with the number: before it (约, 超过, 至少有), after it (多,
    以上, 或者更多), or around it (比三十大)."""
    start, end, written = quantity.start, quantity.end, quantity.text
    endings, openings, suffix_starts = _marker_characters()
    previous, following = text[start - 1 : start], text[end : end + 1]  # most numbers: no marker char by them
    inner = "多" if "多" in written else "余" if "余" in written else ""
    after = following if following in ("多", "余") else ""
    before = _marker_before(text, start, written) if previous in endings else ""
    if before:
        start -= len(before)
    elif previous in _PARTICLES and (before := _marker_before(text, start - 1, written)) not in ("", "上"):
        start -= len(before) + 1  # 超过了75%, 约为68亿立方米, 至少有10个: a particle or copula between
    if after:
        end += 1
    elif not before and not inner and previous in openings and (around := _comparative(text, start, end)):
        return replace(quantity, start=around[0], end=around[1], marker=around[2])
    elif following in suffix_starts and (bound := _bound_after(text, end)) is not None:
        after, end = bound
    marker = before or inner or after
    if not marker:
        return quantity
    return replace(quantity, start=start, end=end, marker=marker)


_PARTICLES = ("了", "为", "达", "是", "有")


@cache
def _marker_characters() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The last characters of the prefix markers, the characters a comparison around a number
    opens with (比三十大, 比 170 低), and the first characters of the bound suffixes."""
    return _prefix_marker_endings(), frozenset({comparative_words()[0][-1], " "}), _bound_suffix_starts()


def _bound_after(text: str, end: int) -> tuple[str, int] | None:
    """以上, 以下, 或者以上 right after a number (spaces allowed): the bound and where it ends.
    Only bounds: 左右 and 上下 after a unit are read by the claims stage."""
    at = end
    while text[at : at + 1] == " ":
        at += 1
    word = next((w for w in _bound_suffixes() if text.startswith(w, at)), "")
    return (word, at + len(word)) if word else None


@cache
def _bound_suffixes() -> tuple[str, ...]:
    return tuple(w for w in suffix_markers() if len(w) > 1 and marker_qualifier(w) in ("lower_bound", "upper_bound"))


@cache
def _bound_suffix_starts() -> frozenset[str]:
    return frozenset(w[0] for w in _bound_suffixes()) | {" "}  # 170 之下: a space may come first


def _comparative(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """比三十大, 比 170 低: the span and marker (比…大) of a comparison around the number, or
    None: 比30高5 and 比30高出5度 say by how much, 2比1 is a score, 以2比1小胜 a result."""
    before, adjectives, complements = comparative_words()
    opening = start
    while text[opening - 1 : opening] == " ":
        opening -= 1
    if not text.endswith(before, 0, opening) or text[opening - len(before) - 1 : opening - len(before)] in _NUMERAL_CHARS:
        return None
    closing = end
    while text[closing : closing + 1] == " ":
        closing += 1
    adjective, following = text[closing : closing + 1], text[closing + 1 : closing + 2]
    if adjective not in adjectives or following in _NUMERAL_CHARS or (following and following in complements):
        return None
    return opening - len(before), closing + 1, f"{before}…{adjective}"


def _marker_before(text: str, start: int, number: str) -> str:
    """The longest prefix marker that ends where the number starts (上 only before 百千万),
    unless it ends a word of its own (签约12个, 附近有3家, 打破5项纪录: qualifiers.toml
    not_markers)."""
    if text[start - 1 : start] not in _prefix_marker_endings():
        return ""  # most numbers: no marker ends right before them
    for length, words in _prefix_markers_by_length():
        word = text[start - length : start] if start >= length else ""
        if word in words and (word != "上" or number[:1] in "百千万"):
            if any(text.endswith(longer, 0, start) for longer in words_ending_in_markers().get(word, ())):
                return ""
            return word
    return ""


@cache
def _prefix_marker_endings() -> frozenset[str]:
    return frozenset(word[-1] for word in prefix_markers())


@cache
def _prefix_markers_by_length() -> tuple[tuple[int, frozenset[str]], ...]:
    words = prefix_markers()
    return tuple((n, frozenset(w for w in words if len(w) == n)) for n in sorted({len(w) for w in words}, reverse=True))


def _merge_ranges(found: list[Quantity], text: str) -> list[Quantity]:
    """15至18, 3-4, 4.5%-5%: two numbers joined by a range word become one range; a multiplier
    written once after the upper end is the lower end's too (两到三万, 5至8万元). A lower and
    an upper bound joined as one (大于10小于20, 最多100最少20) are a range too."""
    merged: list[Quantity] = []
    for quantity in found:
        previous = merged[-1] if merged else None
        if previous is not None and _is_range(previous, quantity, text):
            shared = _shared_multiplier(previous, quantity)
            merged[-1] = replace(
                previous,
                end=quantity.end,
                value=previous.value * shared,
                value_high=quantity.value,
                percent=previous.percent or quantity.percent,
                resolution=min(previous.resolution * shared, quantity.resolution),
            )
        elif previous is not None and previous.marker and quantity.marker and (bounds := _joined_bounds(previous, quantity, text)):
            low, high = bounds
            merged[-1] = replace(low, start=previous.start, end=quantity.end, text="", value_high=high.value, marker="",
                                 resolution=min(low.resolution, high.resolution))  # fmt: skip
        else:
            merged.append(quantity)
    return merged


def _joined_bounds(first: Quantity, second: Quantity, text: str) -> tuple[Quantity, Quantity] | None:
    """The lower and the upper bound of 大于10小于20 or 不大于50不小于20, or None: a range needs
    the two directions, joined as one (qualifiers.toml [bounds]), the lower below the upper."""
    if first.value_high is not None or second.value_high is not None:
        return None
    directions = (marker_qualifier(first.marker), marker_qualifier(second.marker))
    if directions == ("lower_bound", "upper_bound"):
        low, high = first, second
    elif directions == ("upper_bound", "lower_bound"):
        low, high = second, first
    else:
        return None
    link = text[first.end : second.start].strip()
    any_order, lower_first = bound_links()
    joined = not link or link in any_order or (link in lower_first and low is first)
    if not joined or low.value >= high.value or low.percent != high.percent:
        return None
    return low, high


def _shared_multiplier(low: Quantity, high: Quantity) -> float:
    """万 in 两到三万: the multiplier the upper end ends with, when the lower end has none and
    scaled by it stays below the upper end (200至3万 is 200 to 30000)."""
    units = re.search(f"[{''.join(BIG_UNITS)}{''.join(SMALL_UNITS)}]+$", high.text)
    if units is None or any(ch in SMALL_UNITS or ch in BIG_UNITS for ch in low.text):
        return 1.0
    factor = math.prod(SMALL_UNITS.get(ch) or BIG_UNITS[ch] for ch in units.group())
    return factor if low.value * factor <= high.value else 1.0


def _is_range(low: Quantity, high: Quantity, text: str) -> bool:
    link = text[low.end : high.start].strip()
    if high.ordinal:
        link = link.removesuffix("第")  # 在第十和第十五之间
    between = link in _BETWEEN_LINKS and _BETWEEN.match(text, high.end) is not None  # 在20%与30%之间
    return (
        (link in _RANGE_LINKS or between)
        and low.value_high is None
        and (low.ordinal == high.ordinal and between or not (low.ordinal or high.ordinal))  # 在第十和第十五之间
        and low.unit == high.unit  # 5元5角至6元: the upper end's unit is read after it
        and low.value < high.value
        and (low.percent == high.percent or not low.percent)
        and not low.marker
    )


# --- evaluating one numeral -------------------------------------------------------------


@lru_cache(maxsize=65536)
def _evaluate(core: str) -> tuple[float, float] | None:
    """(value, resolution) of a numeral such as 1317.72亿, 三千五百万, 一万二, 二〇二三."""
    core = core.replace("多", "").replace("余", "").replace("點", "点")
    for old, new in _TENS.items():
        core = core.replace(old, new)
    if not core:
        return None
    whole, point, decimals = core.partition("点")
    if len(whole) > 1 and whole[0] in DIGITS and all(ch in _DIGITS_ONE_BY_ONE for ch in whole[1:] + decimals):  # 二〇二三, 一七二零点一: digit by digit
        value = float("".join(str(DIGITS[ch]) for ch in whole) + (point and "." + "".join(str(DIGITS[ch]) for ch in decimals)))
        return (value, 10.0 ** -len(decimals) if point else 1.0) if math.isfinite(value) else None
    tokens = _tokens(core)
    if tokens is None:
        return None
    return _combine(tokens)


_TOKEN = re.compile(rf"{_ARABIC}|[{_CN_DIGITS}]点[{_DECIMAL_DIGITS}]+|点[{_DECIMAL_DIGITS}]+|[{_CN_DIGITS}]|[{_CN_UNITS}]")


@dataclass(frozen=True)
class _Decimals:
    """The digits after 点 that follow a unit: 十点二三三 is 10.233, 二十点五亿 is 2.05亿."""

    value: float
    resolution: float


def _tokens(core: str) -> list[_Literal | _Decimals | int] | None:
    """Literals, decimals and unit multipliers, or None when characters are left over."""
    tokens: list[_Literal | _Decimals | int] = []
    position = 0
    for match in _TOKEN.finditer(core):
        if match.start() != position:
            return None
        position = match.end()
        piece = match.group()
        if piece in SMALL_UNITS or piece in BIG_UNITS:
            tokens.append(SMALL_UNITS.get(piece) or BIG_UNITS[piece])
        elif piece.startswith("点"):
            digits = "".join(str(DIGITS[ch]) for ch in piece[1:])
            tokens.append(_Decimals(float(f"0.{digits}"), 10.0 ** -len(digits)))
        elif "点" in piece:
            whole, decimals = piece.split("点")
            digits = "".join(str(DIGITS[ch]) for ch in decimals)
            tokens.append(_Literal(float(f"{DIGITS[whole]}.{digits}"), 10.0 ** -len(digits), True))
        elif piece[0] in DIGITS:
            tokens.append(_Literal(float(DIGITS[piece]), 1.0, True))
        else:
            tokens.append(_arabic(piece))
    return tokens if position == len(core) else None


def _arabic(piece: str) -> _Literal:
    plain = piece.replace(",", "")
    if "." in plain:
        return _Literal(float(plain), 10.0 ** -len(plain.split(".")[1]), False)
    value = float(plain)  # inf for an absurdly long digit run: _combine rejects it
    resolution = float(trailing_zero_resolution(int(plain.lstrip("0") or "0"))) if math.isfinite(value) else 1.0
    return _Literal(value, resolution, False)


def trailing_zero_resolution(value: int) -> int:
    """Round numbers are reported to the last non-zero digit, keeping two digits: 1350 -> 10."""
    digits = len(str(abs(value)))
    zeros = len(str(abs(value))) - len(str(abs(value)).rstrip("0")) if value else 0
    return 10 ** max(0, min(zeros, digits - 2))


def _combine(tokens: list[_Literal | _Decimals | int]) -> tuple[float, float] | None:
    trillions = 0.0  # parts already multiplied by 兆
    total = 0.0  # parts already multiplied by 亿
    wan = 0.0  # parts already multiplied by 万
    section = 0.0  # parts multiplied by 十, 百, 千
    number: _Literal | None = None
    resolution: float | None = None
    previous: _Literal | _Decimals | int | None = None
    for token in tokens:
        if isinstance(token, _Literal):
            if number is not None and number.value != 0:
                return None  # two numerals in a row (3 5); after 零 the next digit counts
            number, resolution = token, token.resolution
        elif isinstance(token, _Decimals):
            if previous is None or isinstance(previous, _Decimals) or number is not None:
                return None  # 点 opens a numeral, or follows a digit (read with it: 一点五)
            section, resolution = section + token.value, token.resolution
        else:
            base = number.value if number is not None else 0.0
            if token < 10**4:
                section += (base if number is not None and number.value else 1.0) * token  # 一千零十: 零 is no digit of 十
            elif token == 10**4 and previous == 10**4:
                total, wan = (total + wan) * token, 0.0  # 四万万: 万 times 万, 4亿
            elif token == 10**4:
                wan += (section + base or 1.0) * token
                section = 0.0
            elif token == 10**8:
                total = (total + wan + section + base or 1.0) * token
                wan = section = 0.0
            else:  # 兆: 五兆六十二亿 is 5兆 and 62亿
                trillions = (trillions + total + wan + section + base or 1.0) * token
                total = wan = section = 0.0
            resolution = (resolution or 1.0) * token
            number = None
        previous = token
    value = trillions + total + wan + section
    if number is not None:
        previous_unit = tokens[-2] if len(tokens) >= 2 and isinstance(tokens[-2], int) else 0
        if number.chinese and previous_unit >= 100:
            digit = math.floor(number.value)  # 两千三点一 is 2300.1: the decimals are of ones
            value += digit * previous_unit / 10 + (number.value - digit)
            resolution = previous_unit / 10 if digit == number.value else number.resolution  # 一万二 = 12000, 三百五 = 350
        else:
            value += number.value
    if not math.isfinite(value):
        return None
    return value, float(resolution or 1.0)
