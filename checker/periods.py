"""Periods: the time expressions of a line -> the period each figure is about.

Used by the claims stage. Finds explicit years (2023年, 2022年1-9月, 2023年以来,
2016-2020年), relative words (今年, 去年, 近五年来) resolved against the publication
year, plan periods (十三五) and "as of" words (目前), each as a Period with a normalized
label: "2023", "2022-01..2022-09", "2016..2020", "2023..2024".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from .numbers import parse_number
from .rules import load_toml, starting_with

CN_NUMERAL = "零〇一二两三四五六七八九十"


@dataclass(frozen=True)
class Period:
    label: str  # normalized period, "" when it cannot be resolved
    text: str  # as written
    start: int  # offsets in the line
    end: int
    source: str  # explicit, relative, inferred (relative to an inferred date), as_of
    year: int | None = None  # the year the period ends in, for 上年 arithmetic
    open_start: bool = False  # written as a start only: 2023年以来
    date_like: bool = False  # a calendar point (2022年1月), which can be an event date
    compared: bool = False  # written after 比/较: what a change is measured against
    report_day: bool = False  # the day of a report (28日称): dates only figures nothing else dates


@cache
def _table() -> dict:
    return load_toml("periods.toml")


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _months_pattern(prefix: str) -> str:
    number = rf"\d{{1,2}}|[{CN_NUMERAL}]{{1,3}}"
    return rf"(?P<{prefix}m1>{number})\s*[-至到~—－]\s*(?P<{prefix}m2>{number})\s*月(?:份)?"


@cache
def _pattern() -> re.Pattern:
    """Where a period expression starts: a year, a relative word, a plan name ..."""
    table = _table()
    words = [*table["relative_years"], *table["plans"], *table["as_of"]["words"], *table["context_year"]["words"],
             *table["relative_days"], *table["recent_spans"]["words"], *_sub_periods()]  # fmt: skip
    # What the branches below can start with, besides spaces and digits, in order: 截到 (before
    # any), Chinese year digits, the words, 近过最未今回 (recent, 回顾五年), 上 (century), 前, month numerals.
    first = f"截到〇零一二三四五六七八九{''.join(word[0] for word in words)}近过最未今回上前{CN_NUMERAL}"
    return re.compile(starting_with(first,
        rf"(?P<asof_prefix>截至|截止到?|到)?\s*"
        rf"(?:(?P<y1>(?:19|20)\d\d)\s*年?\s*[-至到~—－]\s*(?P<y2>(?:19|20)\d\d)\s*年"  # 2016-2020年, 2019年至2023年
        rf"|(?P<year>(?:19|20)\d\d|[〇零一二三四五六七八九]{{4}})\s*年(?!代)"
        rf"|(?P<rel>{_alternation(table['relative_years'])})"
        rf"|(?P<recent>近|过去|最近|回顾|回望|回首|未来|今后)(?P<n>[一二两三四五六七八九十\d]{{1,2}})(?:个)?年(?P<lai>来)?"
        rf"|(?<![\d〇零一二两三四五六七八九十百千万第])(?P<since_n>[一二两三四五六七八九十\d]{{1,2}})年来"  # 十年来: the past ten years
        rf"|(?P<plan>{_alternation(table['plans'])})(?:[”\"’]?(?:时期|期间|(?P<plan_since>以来)|规划))?"
        rf"|(?P<century>上世纪|20世纪)(?P<decade>\d0|[二三四五六七八九]十)年代"
        rf"|(?P<asof>{_alternation(table['as_of']['words'])})"
        rf"|(?P<context>{_alternation(table['context_year']['words'])})"
        rf"|(?P<first_months>前)(?P<fm>\d{{1,2}}|[一二两三四五六七八九十]{{1,3}})个月"
        rf"|(?P<recent_span>{_alternation(table['recent_spans']['words'])})"
        rf"|(?P<day_word>{_alternation(table['relative_days'])})"
        rf"|(?<![\d年])(?P<md_month>\d{{1,2}})月(?P<md_day>\d{{1,2}})日(?!电)"
        rf"|(?<![\d年月.续近前后每数几多第这])(?P<report_day>\d{{1,2}})日(?={_alternation(table['report_days']['verbs'])})"
        rf"|(?P<day_prefix>截至|截止)(?:(?P<dm>\d{{1,2}})月)?(?P<dd>\d{{1,2}})日"
        rf"|(?<![\d年.])(?P<month_only>\d{{1,2}})\s*月份?(?![\d日号])"
        rf"|{_months_pattern('')}(?!\s*\d)"
        rf"|(?P<sub>{_alternation(_sub_periods())}))"
    ))  # fmt: skip


@cache
def _tail_pattern() -> re.Pattern:
    """What may follow a year or a relative word: months, a part of the year, 以来."""
    sub = _alternation(_sub_periods())
    month = r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?"
    year_end = _alternation(_table()["year_end"]["after_year"])
    return re.compile(rf"\s*(?:{_months_pattern('')}|(?P<sub>{sub})|{month}|(?P<year_end>{year_end}))?(?P<since>以来|至今|起)?")


def find_periods(
    text: str,
    publication_year: int | None,
    inferred: bool = False,
    context_year: int | None = None,
    published: dt.date | None = None,
) -> list[Period]:
    """Period expressions in a width-normalized line, in order.

    ``context_year`` is the year the article is reporting on (for 全年 and bare months).
    A time written after 较/比 (较10月末上升) is marked ``compared``: it is the period only of
    the figure right after it (比2020年的73129亿元), not of the rest of the clause.
    """
    periods: list[Period] = []
    context = context_year or publication_year
    for match in _pattern().finditer(text):
        if periods and match.start() < periods[-1].end:
            continue  # inside the months written after the previous year
        after_than = _compared_with().search(text, max(0, match.start() - _base_word_length()), match.start() + _leading_space(match))
        period = _resolve(match, text, publication_year, inferred, context, published, context_year)
        if period is not None:
            period = _since(period, text, published)
            compared = (
                bool(after_than)
                or period.text.startswith(_bases())
                or text.startswith(_targets(), period.end)  # 完成全年目标的95%: not a frame
                or _names_a_base(text, period)
                or bool(periods and periods[-1].compared and periods[-1].end == period.start)  # 上年全年
            )
            periods.append(replace(period, compared=compared))
            if period.source in ("explicit", "relative") and _one_year(period.label) and not compared:
                context = period.year  # 2021年,中国全年国内生产总值; 去年末…,全年新增: 全年 is that year
    return _with_same_periods(text, periods)


def _names_a_base(text: str, period: Period) -> bool:
    """叠加去年同期低基数, 高于去年同期的57亿: a year's 同期 inside a phrase is the base of a
    comparison; one that opens a clause (…150万人次,去年同期接待138万人次; 而在去年同期,…)
    frames the figures after it, as those months of that year."""
    if not text.startswith("同期", period.end):
        return False
    before = text[: period.start].rstrip().removesuffix("在").removesuffix("而").rstrip()
    return bool(before) and before[-1] not in _CLAUSE_OPENERS


_CLAUSE_OPENERS = "，,。；;：:！？!?（("


def _since(period: Period, text: str, published: dt.date | None) -> Period:
    """自2023年10月新一轮冲突爆发以来: a span from that month to the day it is written, open
    at its start, though the words of the event stand between the date and 以来."""
    if period.open_start or not re.fullmatch(r"\d{4}(?:-\d{2})?", period.label) or published is None:
        return period
    clause_end = _CLAUSE_END.search(text, period.end)
    clause = text[period.end : clause_end.start() if clause_end else len(text)]
    since = _table()["since"]
    if not text[: period.start].endswith(tuple(since["opening"])) or not any(word in clause for word in since["closing"]):
        return period
    last = f"{published.year}-{published.month:02d}" if "-" in period.label else str(published.year)
    if last <= period.label:
        return period
    return replace(period, label=f"{period.label}..{last}", year=published.year, open_start=True)


_CLAUSE_END = re.compile(r"[，,。；;：:！？!?]")


@cache
def _bases() -> tuple[str, ...]:
    return tuple(_table()["bases"]["words"])


@cache
def _targets() -> tuple[str, ...]:
    return tuple(_table()["targets"]["words"])


_SAME_PERIOD = re.compile(r"(?<![^\s，,。；;：:])同期(?=[，,、\s])")  # 同期,全国居民人均可支配收入…


def _with_same_periods(text: str, periods: list[Period]) -> list[Period]:
    """同期 opening a clause is the period of the figures before it (前三季度…。同期,…)."""
    if "同期" not in text:
        return periods
    for match in _SAME_PERIOD.finditer(text):
        framing = [p for p in periods if p.end <= match.start() and not p.compared]
        if framing:
            periods.append(replace(framing[-1], text="同期", start=match.start(), end=match.end()))
    return sorted(periods, key=lambda p: p.start)


@cache
def _compared_with() -> re.Pattern:
    bases = _table()["bases"]
    return re.compile(f"(?:{_alternation([*bases['than'], *bases['shares']])})$")


@cache
def _base_word_length() -> int:
    bases = _table()["bases"]
    return max(map(len, [*bases["than"], *bases["shares"]]))


def shares_of_base() -> tuple[str, ...]:
    """Words before a base that make the figure after it a share of it (恢复到2019年同期的83.8%)."""
    return tuple(_table()["bases"]["shares"])


def _resolve(
    match: re.Match,
    text: str,
    pub: int | None,
    inferred: bool,
    context: int | None,
    published: dt.date | None,
    paragraph: int | None = None,
) -> Period | None:
    """``context`` is the year 全年 refers to at this point of the line; ``paragraph`` the year
    the paragraph reports on, set before the line."""
    publication_month = published.month if published else None
    g = match.groupdict()
    relative = "inferred" if inferred else "relative"
    start = match.start("asof_prefix") if g["asof_prefix"] else match.start() + _leading_space(match)

    def make(label: str, source: str, year: int | None, end: int = match.end(), **flags) -> Period:
        return Period(label, text[start:end], start, end, source, year, **flags)

    if g["y1"]:
        return make(f"{g['y1']}..{g['y2']}", "explicit", int(g["y2"]))
    if g["year"]:
        return _with_tail(make, text, match.end(), int(parse_number(g["year"]) or 0), pub, "explicit")
    if g["rel"]:
        year = pub + int(_table()["relative_years"][g["rel"]]) if pub else None
        return _with_tail(make, text, match.end(), year, pub, relative)
    if g["recent"] or g["since_n"]:
        count = int(parse_number(g["n"] or g["since_n"]) or 0)
        if g["recent"] in ("未来", "今后"):
            label = f"{pub + 1}..{pub + count}" if pub and count else ""
            return make(label, relative, pub + count if pub else None)
        last = pub - 1 if pub and reviews_year_before(published) else pub
        if paragraph and last and paragraph < last:
            last = paragraph  # 回顾五年 in a paragraph about 2020 (an article of 2021): 2016..2020
        label = f"{last - count + 1}..{last}" if last and count else ""
        return make(label, relative, last)
    if g["plan"]:
        first, last = _table()["plans"][g["plan"]]
        if g["plan_since"] and pub:  # 十四五以来 in February 2025: 2021..2024, the years so far
            last = min(last, pub - 1 if reviews_year_before(published) else pub)
        return make(f"{first}..{last}", "explicit", last, open_start=bool(g["plan_since"]))
    if g["century"]:
        decade = 1900 + int(parse_number(g["decade"]) or 0)
        return make(f"{decade}..{decade + 9}", "explicit", decade + 9)
    if g["asof"]:  # 目前共有 in a review of February 2025: as of the end of 2024
        year = pub - 1 if pub and reviews_year_before(published) else pub
        return make(str(year) if year else "", "as_of", year)
    if g["context"]:
        return make(str(context) if context else "", relative, context)
    if g["first_months"]:
        last_month = int(parse_number(g["fm"]) or 0)
        year = _year_of_months((1, last_month), pub, publication_month) or context
        if not year or not 1 <= last_month <= 12:
            return make("", relative, None)
        return make(_label(year, (1, last_month)), relative, year)
    if g["day_prefix"]:
        return make(_day_label(context, g["dm"], g["dd"], publication_month), "as_of", context)
    if g["recent_span"]:  # 过去一周 in the news of 2025-06-07: the week before that day
        if not published:
            return make("", relative, None)
        return make(f"{published.isoformat()}#{g['recent_span']}", relative, published.year)
    if g["day_word"]:
        if not published:
            return make("", relative, None)
        day = published + dt.timedelta(days=int(_table()["relative_days"][g["day_word"]]))
        return make(day.isoformat(), relative, day.year)
    if g["report_day"]:  # 俄罗斯国防部28日称 in the news of 2024-04-29: the 28th of April
        reported = _report_day(published, int(g["report_day"]))
        return make(reported.isoformat() if reported else "", relative, reported.year if reported else None, report_day=True)
    if g["md_month"]:
        month = int(g["md_month"])
        year = (_year_of_months((month, month), pub, publication_month) if 1 <= month <= 12 else None) or context
        return make(_day_label(year, g["md_month"], g["md_day"], publication_month), relative, year)
    if g["month_only"]:
        month = int(g["month_only"])
        if not 1 <= month <= 12:
            return None
        year = _year_of_months((month, month), pub, publication_month) or context
        return make(f"{year}-{month:02d}" if year else "", relative, year)
    months = _months(g)
    if g["asof_prefix"] == "到" and context == pub:  # 到年底 in May: this year's; in a review of another year, its
        year = pub
    else:
        year = _year_of_months(months, pub, publication_month, ongoing=g["sub"] in _table()["named_sub_periods"]) or context
    return make(_label(year, months, g["sub"]) if year else "", relative, year)


def _one_year(label: str) -> bool:
    return label.isdigit() or bool(re.fullmatch(r"\d{4}-12-31", label))


def _with_tail(make, text: str, position: int, year: int | None, pub: int | None, source: str) -> Period:
    """Add the months (1-9月, 上半年) or the open end (以来) written after a year."""
    tail = _tail_pattern().match(text, position)
    end = tail.end() if tail.group().strip() else position
    g = tail.groupdict()
    if year is None:
        return make("", source, None, end)
    if g["since"]:
        last = pub if pub and pub > year else year
        label = f"{year}..{last}" if last != year else str(year)
        return make(label, source, last, end, open_start=True, date_like=bool(g["month"]))
    months = _months(g) or ((int(parse_number(g["month"]) or 0),) * 2 if g["month"] else None)
    if months and not 1 <= months[0] <= 12:
        months = None
    if g["year_end"]:
        return make(f"{year}-12-31", source, year, end)
    return make(_label(year, months, g["sub"]), source, year, end, date_like=bool(g["month"]))


def _year_of_months(
    months: tuple[int, int] | None, pub: int | None, publication_month: int | None, ongoing: bool = False
) -> int | None:
    """The year of months written without one (前三季度, 4月末): this year if they are over by
    the publication month, else last year (前三季度 in a January article is last year's). A
    holiday or season is reported while it goes on (春运 in a January article is this year's)."""
    if not months or not pub or not publication_month:
        return None
    return pub if months[1 if not ongoing else 0] <= publication_month else pub - 1


def _report_day(published: dt.date | None, day: int) -> dt.date | None:
    """The day of a report written as a bare day: in the publication's month, or the month
    before when the day is later than the publication day."""
    if published is None or not 1 <= day <= 31:
        return None
    month_start = published.replace(day=1)
    if day > published.day:
        month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
    try:
        return month_start.replace(day=day)
    except ValueError:
        return None


def _day_label(year: int | None, month: str | None, day: str, publication_month: int | None) -> str:
    """截至24日 in an article of September: the 24th of September."""
    month_number = int(month) if month else publication_month
    if not year or not month_number:
        return ""
    try:
        return dt.date(year, month_number, int(day)).isoformat()
    except ValueError:
        return ""  # 截至31日 in an article of April: no such day


def _label(year: int, months: tuple[int, int] | None, sub: str | None = None) -> str:
    if sub in _table()["year_end"]["words"]:
        return f"{year}-12-31"
    if not months or months == (1, 12):
        return str(year)
    first, last = months
    label = f"{year}-{first:02d}" if first == last else f"{year}-{first:02d}..{year}-{last:02d}"
    return f"{label}#{sub}" if sub in _table()["named_sub_periods"] else label


@cache
def _sub_periods() -> dict[str, list[int]]:
    """Parts of a year by their months: quarters and halves, then holidays and seasons."""
    return {**_table()["sub_periods"], **_table()["named_sub_periods"]}


def _months(g: dict) -> tuple[int, int] | None:
    if g.get("m1"):
        first, last = parse_number(g["m1"]), parse_number(g["m2"])
        return (int(first), int(last)) if first and last and 1 <= first <= last <= 12 else None
    if g.get("sub"):
        first, last = _sub_periods()[g["sub"]]
        return first, last
    return None


def _leading_space(match: re.Match) -> int:
    text = match.group()
    return len(text) - len(text.lstrip())


def shift_label(period: Period, years: int) -> str:
    """The period ``years`` later (negative: earlier), for 上年 / 比上年 comparisons."""
    if period.year is None:
        return ""
    return re.sub(r"(?:19|20)\d\d", lambda m: str(int(m.group()) + years), period.label)


ANNUAL_REVIEW_MONTHS = 2  # articles of January and February review the year before


def reviews_year_before(published: dt.date | None) -> bool:
    """过去五年 in a report of February 2024 ends in 2023: early in a year, news reviews the last."""
    return published is not None and published.month <= ANNUAL_REVIEW_MONTHS


def event_verbs() -> tuple[str, ...]:
    return tuple(_table()["events"]["verbs"])


@cache
def period_words(section: str, key: str = "words") -> tuple[str, ...]:
    """The words of a word-list section of periods.toml ([running], [this_event], [one_day])."""
    return tuple(_table()[section][key])


def as_default(publication_year: int | None, inferred: bool) -> Period:
    """The period of a figure with no time expression: the publication year, as of then."""
    label = str(publication_year) if publication_year else ""
    return Period(label, "", -1, -1, "default" if not inferred else "inferred", publication_year)


def with_source(period: Period, source: str) -> Period:
    return replace(period, source=source)
