"""Units and kinds: a number on its Line -> whether it is a claim, and of what kind.

In: a quantity of a Line (not inside a period). Out: why it is not a claim (a label, a
name, a version, an idiom, a specification, no unit), or its shape: kind (growth, share,
rank, rank_change, top_n, count, money, ...), the unit it is reported in, its dimension,
the factor to that unit and where its quote ends. Also whether a change falls (下降3%,
后退2位) and what it is measured against (上年, 上月, another figure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import phrases
from ..models import Quantity
from ..numbers import NUMERAL_CHARACTERS
from ..rules import load_toml
from .line import CJK, NOUN_STOP, WORD_QUANTITIES, Line

Shape = tuple[str, str, str, float, int]  # kind, reported unit, dimension, factor, end of the quote

_LATIN = re.compile(r"[A-Za-z]")
_FIRST_TIME = re.compile(r"第(一|壹|1)次")
_PURE_QUANTITY = re.compile(r"^\s*[\d.,]+\s*[\u4e00-\u9fff]?\s*$")
_RANK_UNITS = ("位", "名", "位次", "名次")
_SPECIFICATIONS = ("length", "mass", "power", "energy")  # 12英寸大硅片: a measure inside a name
_EDITION_WORDS = ("批", "期", "版")
_LABEL_WORDS = ("届", "次", "轮", "季", "代")  # 第十次全国代表大会 names an event; two sessions never agree
_IMPLIED_WINDOW = 5  # characters around a bare number searched for a noun that implies its unit
_LIST_AFTER_TOP_N = re.compile(r"[区县市镇]?(?:榜单|名单|排行榜|榜|排名)")  # 百强县榜单: the list, not a claim
_RANK_SCOPE_WINDOW = 8  # characters before 第N searched for a ranking scope
_PROGRAMME_WINDOW = 6  # characters after a duration in which a programme word makes it a name
_AGAINST_PREVIOUS_YEAR = re.compile(r"(比|较)(上年|上一年|去年|前一年|上年同期|去年同期)|同比")
_FROM_TO = re.compile(r"从$|从[^，,。；;]+(?:到|至)$")
_AGAINST_PREVIOUS_MONTH = re.compile(r"(比|较)(上月|上个月|上季度|上一季度|前一季度)|环比")
_AGAINST_OTHER = re.compile(r"(?:(?<![可对无类])比|较)(?!重|例|如|较|为|价)[^，,。；;]{1,15}?(?:多|少|高出|高|低|增加|减少|提高|降低|下降|上升|增长|扩大|缩小)了?$")


@dataclass(frozen=True)
class Unit:
    written: str  # as in the text: 元, 个, 平方米
    base: str  # as reported: 元, 个, 平方米, 人
    factor: float
    dimension: str
    kind: str
    measure_word: bool


@cache
def units() -> dict[str, Unit]:
    table = load_toml("units.toml")
    found = {
        written: Unit(written, spec["base"], float(spec.get("factor", 1)), spec["dimension"], spec["kind"], False)
        for written, spec in table["units"].items()
    }
    aliases = table["measure_alias"]
    for word in table["measure_words"]["words"]:
        found.setdefault(word, Unit(word, aliases.get(word, word), 1.0, "count", "count", True))
    return found


@cache
def _unit_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(u) for u in sorted(units(), key=len, reverse=True)))


@cache
def _words(section: str, key: str) -> tuple[str, ...]:
    return tuple(sorted(phrases.phrase_table()[section][key], key=len, reverse=True))


@cache
def kind_words() -> set[str]:
    """The words that say how a figure changes or ranks (增长, 下降, 提升, 第), not what it measures."""
    drop = set(_words("growth", "rising") + _words("growth", "falling") + _words("rank", "words"))
    return drop | set(_words("rank_change", "better") + _words("rank_change", "worse"))


def unit_after(line: Line, q: Quantity) -> tuple[Unit | None, int]:
    if q.percent:
        return None, q.end
    if q.unit:
        return units()[q.unit], q.end  # 十一元五角: the unit is inside the number
    position = q.end
    while position < len(line.text) and line.text[position] == " ":
        position += 1
    match = _unit_pattern().match(line.text, position)
    if match is None:
        return None, q.end
    unit = units()[match.group()]
    rank_unit = _unit_pattern().match(line.text, match.end()) if unit.written == "个" else None
    if rank_unit is not None and rank_unit.group() in _RANK_UNITS:
        return units()[rank_unit.group()], rank_unit.end()  # 跃升4个名次, 前进了三个位次: places
    return unit, match.end()


# -- is it a claim? --


def label_reason(line: Line, q: Quantity) -> str:
    """Why a number is part of a label, a name or an idiom ("" when it is not)."""
    text = line.text
    if q.ordinal and _FIRST_TIME.match(text, q.start - 1):
        return "idiom (第一次: for the first time)"
    quoted = line.quote_around(q)
    if quoted is not None:
        inside = text[quoted[0] + 1 : quoted[1]]
        is_statement = q.ordinal and len(inside) > 8
        if _is_label(inside) and not _is_pure_quantity(inside) and not is_statement:
            return "inside a quoted name or slogan"
    before, after = text[max(0, q.start - 1) : q.start], text[q.end : q.end + 1]
    if _LATIN.match(before) or (_LATIN.match(after) and not _unit_pattern().match(text, q.end)):
        return "part of a name (5G, A320)"
    if text.startswith("版", q.end) or (q.text.endswith(".0") and not _unit_pattern().match(text, q.end)):
        return "version label"
    if re.match(r"\+\d", text[q.end : q.end + 2]) or before == "+":
        return "part of a label (1+9)"
    if q.chinese and text.startswith("是", q.end):
        return "enumeration (一是, 二是)"
    if q.text in WORD_QUANTITIES and CJK.match(after or " ") and WORD_QUANTITIES[q.text][2] == "growth":
        return "part of a name (倍增计划)"
    return ""


def shape(line: Line, q: Quantity, unit: Unit | None, unit_end: int) -> Shape | str:
    """(kind, reported unit, dimension, factor, end of the quote), or why it is not a claim."""
    if q.text in WORD_QUANTITIES:
        _, unit_text, kind = WORD_QUANTITIES[q.text]
        return kind, unit_text, "percent" if unit_text == "%" else "rank", 1.0, q.end
    if q.ordinal:
        return _ordinal(line, q, unit, unit_end)
    if line.text.startswith("强", q.end):
        if _rank_follows(line, q) or _LIST_AFTER_TOP_N.match(line.text, q.end + 1):
            return "part of a ranking name (百强区第29位, 百强县榜单)"
        if not line.says(_words("rank", "joins_top_n"), line.clause_start(q.start, list_marks=False), q.start):
            return "name of a list or a class (世界500强企业, 十强产业)"
        return "top_n", "强", "top_n", 1.0, q.end + 1
    if q.percent:
        return _percent(line, q) + (q.end,)
    if unit is None:
        implied = _implied_unit(line, q)
        if not implied or q.chinese:
            return "no unit"
        unit, unit_end = units()[implied], q.end
    reason = _not_a_figure(line, q, unit, unit_end) or _names_a_session(line, unit, unit_end) or _names_a_formula(line, q)
    if reason:
        return reason
    if unit.written in _RANK_UNITS and _rank_change_verb(line, q):
        return "rank_change", "位", "rank", 1.0, unit_end
    return unit.kind, unit.base, unit.dimension, unit.factor, unit_end


def _not_a_figure(line: Line, q: Quantity, unit: Unit, unit_end: int) -> str:
    """Why a number with a unit is still not a claim ("" when it is one)."""
    after = line.text[unit_end : unit_end + 1]
    names_something = CJK.match(after) is not None and after not in NOUN_STOP
    if _is_bare_unit_word(q) and not q.marker and unit.dimension != "money" and q.value != 10:
        return "no numeral (a bare 万/千/百)"
    if q.chinese and q.value == 1 and q.value_high is None:
        return "indefinite article (一个, 一年)"
    if names_something and (unit.dimension in _SPECIFICATIONS or unit.written in ("分钟", "小时")):
        return "specification in a name (12英寸大硅片, 15分钟办事圈)"
    if unit.kind == "duration" and line.quantity_at(unit_end):
        return "time expression (sets a period: 五年倍增)"
    if unit.kind == "duration" and _names_programme(line.text[unit_end : unit_end + _PROGRAMME_WINDOW]):
        return "part of a programme name (三年成长计划)"
    if unit.written == "年" and not q.chinese and 1900 <= q.value <= 2100:
        return "time expression (sets a period)"
    if unit.written == "点" and not q.chinese:
        return "no unit"
    return ""


def _names_a_formula(line: Line, q: Quantity) -> str:
    """中央八项规定精神, 两个维护, 三大攻坚战: a numbered formula is a name, not a count."""
    formulas = phrases.phrase_table()["labels"]["formulas"]
    return "name of a numbered formula (八项规定, 两个维护)" if line.text.startswith(tuple(formulas), q.start) else ""


def _names_a_session(line: Line, unit: Unit, unit_end: int) -> str:
    """十四届全国人大, 二次全会, 70周年纪念大会: the name of a session or anniversary; an
    anniversary's number follows from the year of what it marks (今年是建交75周年)."""
    labels = phrases.phrase_table()["labels"]
    following = line.text[unit_end : unit_end + 8]
    session = following.lstrip(NUMERAL_CHARACTERS)  # 十五届四中全会: a plenary numbered inside the term
    if unit.written in labels["session_units"] and session.startswith(tuple(labels["bodies"])):
        return "label of a session (十四届全国人大, 二次全会)"
    if line.text.endswith("周年", 0, unit_end):
        return "label of an anniversary (70周年纪念大会, 今年是建交75周年)"
    return ""


def _ordinal(line: Line, q: Quantity, unit: Unit | None, unit_end: int) -> Shape | str:
    if unit is not None and unit.written in _RANK_UNITS:
        return "rank", "位", "rank", 1.0, unit_end
    if unit is not None and unit.written == "个" and line.text.startswith(_words("rank", "stages"), unit_end):
        return "ordinal label of a day or stage (开幕后第四个比赛日)"
    if unit is not None and unit.written in ("个", "家", "座", "所"):
        return "rank", "位", "rank", 1.0, unit_end  # 国内第二个, 第壹家上市公司
    for tier in _words("rank", "tier"):
        if line.text.startswith(tier, q.end):
            return "rank", tier, "rank_tier", 1.0, q.end + len(tier)
    if unit is not None and unit.written in _LABEL_WORDS:
        return "ordinal label of an event, session or generation (第十次会议, 第三届, 第五代)"
    if unit is not None and unit.written in _EDITION_WORDS:
        return "other", unit.base, "ordinal", 1.0, unit_end  # 第三批, 第二期: an edition of a list, not a rank
    if not _ranked_in(line, q):
        return "ordinal in a phrase (安全第一, 第十一集)"
    return "rank", "位", "rank", 1.0, q.end


def _ranked_in(line: Line, q: Quantity) -> bool:
    """全省第九, 居全市第一, 绍兴市第1: a bare 第N is a rank when a ranking scope or a place
    comes right before it."""
    before = line.text[max(line.clause_start(q.start), q.start - 1 - _RANK_SCOPE_WINDOW) : q.start - 1]
    if any(word in before for word in _words("rank", "scopes")):
        return True
    tokens = phrases.segment(before)
    return bool(tokens) and phrases.is_place(tokens, len(tokens) - 1) or before.endswith(("市", "省", "区", "县"))


def _percent(line: Line, q: Quantity) -> tuple[str, str, str, float]:
    """A share or a growth, by the words before the number, or before the first value of the
    list it is written in (增长6.5%、5.3%: both growths)."""
    first = line.value_list(q)[0]
    before = line.clause_before(first.start)
    if q.fraction or any(w in before[-6:] for w in _words("share", "words")):
        return "share", "%", "percent", 1.0
    if _growth_verb(line, first):
        return "growth", "%", "percent", 1.0
    return "share", "%", "percent", 1.0


def _implied_unit(line: Line, q: Quantity) -> str:
    """上虞新增市民6.2万: no unit written, but 市民 are people."""
    before = line.text[max(line.clause_start(q.start), q.start - _IMPLIED_WINDOW) : q.start]
    after = line.text[q.end : min(line.clause_end(q.end), q.end + _IMPLIED_WINDOW)]
    return phrases.implied_unit(before + " " + after)


def _rank_follows(line: Line, q: Quantity) -> bool:
    return "第" in line.text[q.end : line.clause_end(q.end)]


def _names_programme(following: str) -> bool:
    following = re.split(r"[，,。；;、：:（）()“”]", following)[0]
    return any(word in following for word in _words("programmes", "words"))


def _is_label(text: str) -> bool:
    """A quoted name or slogan is short and has no sentence punctuation; a quoted speech is not."""
    return len(text) <= 12 or (len(text) <= 20 and not re.search(r"[，,。；;！？!?：:]", text))


def _is_bare_unit_word(q: Quantity) -> bool:
    core = q.text.replace(q.marker, "") if q.marker else q.text
    return bool(core) and all(ch in "十拾百佰千仟万萬亿億" for ch in core)


def _is_pure_quantity(text: str) -> bool:
    """“42条” is a count in quotation marks; “一号工程” is a name."""
    return bool(_PURE_QUANTITY.match(text))


# -- changes --


def _growth_verb(line: Line, q: Quantity) -> bool:
    before = line.clause_before(q.start)[-8:]
    return any(word in before for word in _words("growth", "rising") + _words("growth", "falling"))


def falls(line: Line, q: Quantity) -> bool:
    """下降3%, 后退2位: the last change word before the number says the value falls."""
    before = line.clause_before(q.start)[-6:]
    rising = max((before.rfind(w) for w in _words("growth", "rising") + _words("rank_change", "better")), default=-1)
    falling = max((before.rfind(w) for w in _words("growth", "falling") + _words("rank_change", "worse")), default=-1)
    return falling > rising


def _rank_change_verb(line: Line, q: Quantity) -> bool:
    """提升4位, 前进了三个位次: a verb of moving up or down, right before the number or its 了."""
    before = line.text[max(0, q.start - 4) : q.start].removesuffix("了")
    return any(before.endswith(w) for w in _words("rank_change", "better") + _words("rank_change", "worse"))


def reference(line: Line, q: Quantity) -> str:
    """What a change is measured against: 上年 (比上年提升4位, 同比增长7.6%), 上月 (环比), another
    figure (比计划多2100个: 对比), or nothing the text dates (从54万亿元增长到121万亿元: 区间)."""
    before = line.clause_before(q.start)
    if _AGAINST_PREVIOUS_MONTH.search(before):
        return "上月"
    if _AGAINST_PREVIOUS_YEAR.search(before):
        return "上年"
    if _FROM_TO.search(before) and not any(line.clause_start(p.start) == line.clause_start(q.start) for p in line.periods):
        return "区间"  # 经济总量从54万亿元增长到121万亿元: the ends of a change over years it does not name
    return "对比" if _AGAINST_OTHER.search(before) else ""  # 比计划多2100个: a difference
