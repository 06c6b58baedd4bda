"""Periods: a figure on its Line -> the period it is reported for.

In: the periods of a Line (found against the publication date and the year the paragraph
reports on) and an offset. Out: the period written last before the figure in its sentence,
else earlier in the line, else the publication year; whether a number is itself a year
that dates an event (1992年撤县设市: a claim) rather than one that frames figures; the year
an article reports on before it says, and the year a line opens with, which later 全年 and
bare months refer to.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ..keys import measures_a_flow
from ..models import Article, Quantity
from ..numbers import NUMERAL_CHARACTERS
from ..periods import (
    Period,
    as_default,
    event_verbs,
    find_periods,
    period_words,
    reviews_year_before,
    shares_of_base,
    shift_label,
)
from .draft import Draft
from .kinds import unit_after
from .line import CJK, Line, is_headline, is_paragraph

_OPENING_YEAR_WITHIN = 4  # characters from the start of a line where a year frames the paragraph


def reported_year_at_start(article: Article) -> int | None:
    """The year an article reports on before it says: an annual review published in January or
    February is about the year before."""
    if article.date is None:
        return None
    if article.date_source != "content" and reviews_year_before(article.date):
        return article.date.year - 1
    return article.date.year


def opening_year(line: Line) -> int | None:
    """The year this line opens with (a title such as 2023年国民经济回升向好, or a paragraph
    that starts 2023年,...), which later 全年, bare months and undated figures refer to. A
    relative year (去年,...) frames only its own paragraph: the next may be about today."""
    opening = _opening_period(line)
    return opening.year if opening and opening.label.isdigit() else None


@dataclass
class YearsInForce:
    """The year undated figures refer to, line by line: the year a paragraph opens with (a
    report, not a plan: 2025年要… frames nothing), until a headline starts a story of its own,
    whose headline may name a plan (“十五五”期间…: 2030); a section heading goes back to the
    year of the document's title (2023年…统计公报)."""

    context: int | None  # the year in force now
    latest_reported: int | None = None  # the latest year the article can report on
    document: int | None = None  # the year the title frames the document with
    in_title: bool = True  # before the first paragraph

    def __post_init__(self) -> None:
        self.latest_reported = self.document = self.context

    def enter(self, written: str) -> bool:
        """Take a line before it is read; whether it heads a new story."""
        story = is_headline(written) and not self.in_title
        if story:
            self.context = self.document  # the years of the last story are not this one's
        self.in_title = self.in_title and not is_paragraph(written)
        return story

    def read(self, line: Line, story: bool) -> None:
        """Take the year a line opens with, if it sets one."""
        opens_with = heading_year(line) if story else opening_year(line)
        if opens_with and (story or self.latest_reported is None or opens_with <= self.latest_reported):
            self.context = opens_with
            if self.in_title:
                self.document = opens_with


def heading_year(line: Line) -> int | None:
    """The year a story's headline opens with, which dates the story's undated figures, a plan
    included: under “十五五”期间我国将加快建设现代化水网, 普及率提升至98% is a target for 2030."""
    opening = _opening_period(line)
    return opening.year if opening else None


def _opening_period(line: Line) -> Period | None:
    return next((p for p in line.periods if p.start <= _OPENING_YEAR_WITHIN and p.source == "explicit"), None)


def claim_period(draft: Draft, published: dt.date | None = None) -> Period:
    """The period a finished claim is compared on: a rank belongs to its list's yearly edition
    (9月11日发布…位列第29位 is the 2024 edition); a level in a multi-year summary to its last
    year; a running total "as of now" (截至目前,补贴申请量达322.5万份) to the day it was
    published, while a stock (目前共有企业640家) stays the year's, compared within it."""
    period = draft.period
    full_year = "全年" in period.text  # 按照目前的势头,今年全年有望突破1500万: the year's, not today's
    if draft.as_of_today and published and not full_year and not _is_stock_count(draft) and draft.kind in _RUNNING_KINDS:
        return replace(period, label=published.isoformat())
    if draft.one_day and published and "#" in period.label:
        return replace(period, label=published.isoformat())  # 春运第9天…发送旅客815万人次: that day's
    if draft.kind in _EDITION_KINDS and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", period.label):
        return replace(period, label=period.label[:4])
    return _multi_year_level(draft, published)


_EDITION_KINDS = ("rank", "rank_change", "top_n")
_RUNNING_KINDS = ("amount", "count")


def as_of_today(line: Line, position: int) -> bool:
    start = line.sentence_of(position)[0]
    return any(p.source == "as_of" and start <= p.start < position and not p.label.count("-") for p in line.periods)


def names_one_day(line: Line, position: int) -> bool:
    """春运第9天, 中秋国庆假期首日, 春运前33天: the sentence reports one day of a holiday or season,
    or its first days so far; either way, a figure of the day it is reported on."""
    before = line.text[line.sentence_of(position)[0] : position]
    return _NTH_DAY.search(before) is not None or any(word in before for word in period_words("one_day"))


_NTH_DAY = re.compile(rf"[第前][{NUMERAL_CHARACTERS}]{{1,3}}[天日]")


def _is_stock_count(draft: Draft) -> bool:
    """目前共有高新技术企业640家: a count of things that exist; 申请量322.5万份 is a running total."""
    return draft.kind == "count" and draft.dimension in ("count", "people") and not measures_a_flow(draft.metric)



def _multi_year_level(draft: Draft, published: dt.date | None) -> Period:
    """十三五期间…财政总收入156.72亿元: a level stated in a summary of several years is the
    last year's, or, while the span is still going on (十四五期间…达4.8万公里 in July 2025), of
    the day it is stated; a stock (十四五以来累计拥有人才97名) is as of the span's end; a
    change over them (年均增长, 累计新增) keeps the span."""
    period = draft.period
    _, _, last = period.label.partition("..")
    if not last or not last.isdigit():
        return period
    keeps_span = draft.kind in _CHANGE_KINDS or draft.qualifier == "cumulative" or set(draft.scope) & _SPAN_SCOPES
    if published and int(last) >= published.year and (is_stock(draft) or not keeps_span):
        return replace(period, label=published.isoformat())
    if is_stock(draft):
        return replace(period, label=f"{last}-12-31")
    return period if keeps_span else replace(period, label=last)


def is_stock(draft: Draft) -> bool:
    """累计拥有人才97名, 上市公司总数累计22家: a count of what exists, totalled up to a date;
    累计 says nothing more of it. A count of what was added (累计新增) is a flow."""
    cumulative = draft.qualifier == "cumulative" or "累计" in draft.scope
    return draft.kind == "count" and cumulative and not set(draft.scope) & _FLOW_SCOPES


_FLOW_SCOPES = {"新增", "减少", "签约", "年均"}


_CHANGE_KINDS = ("growth", "rank_change", "change", "duration", "event_year")
_SPAN_SCOPES = {"累计", "新增", "减少", "年均", "两年平均", "签约"}


def period_containing(line: Line, q: Quantity) -> Period | None:
    for period in line.periods:
        if period.start <= q.start < period.end:
            return period
    return None


def event_year(line: Line, q: Quantity, period: Period) -> Draft | None:
    """A year that dates an event (1992年撤县设市) is a claim; one that frames figures is not."""
    text = line.text
    if not (1000 <= q.value <= 2200) or not text.startswith("年", q.end):
        return None
    if ".." in period.label and not period.open_start:
        return None
    if text[max(0, period.start - 2) : q.start].endswith(("截至", "到", "至")):
        return None  # 到2026年: a deadline, 截至2023年: a cut-off date
    sentence_end = line.sentence_of(q.start)[1]
    next_period = min((p.start for p in line.periods if p.start >= period.end), default=sentence_end)
    scope_end = min(sentence_end, next_period)
    if any(_is_figure(line, other) for other in line.quantities if period.end <= other.start < scope_end):
        return None
    following = text[period.end : scope_end].lstrip("，,、 ")
    if not any(verb in following for verb in event_verbs()):
        return None
    written_on = CJK.match(text[period.end : period.end + 1] or " ")
    if written_on and not (period.date_like or period.open_start) and not following.startswith(event_verbs()):
        return None  # 2022年世界互联网大会: a year in a name
    return Draft(
        line=line.number,
        start=period.start,
        end=period.end,
        sentence=line.sentence_of(q.start),
        quantity=q,
        value=q.value,
        value_high=None,
        unit="年",
        dimension="year",
        kind="event_year",
        qualifier="exact",
        period=period,
    )


def _is_figure(line: Line, q: Quantity) -> bool:
    """Would this number be a figure that a year frames (with a unit, not a date or 第N)?"""
    if period_containing(line, q) is not None or line.quote_around(q) is not None or q.ordinal:
        return False
    unit, _ = unit_after(line, q)
    return q.percent or (unit is not None and not (unit.written == "年" and 1900 <= q.value <= 2100))


def period_for(line: Line, position: int) -> Period:
    """The last period written before a position in its sentence, else in the last sentence
    before it that writes one (截至2月19日,2026年…。其中,汽车以旧换新61.2万辆: as of the 19th).

    A day the sentence is "as of" (截至24日, 今天) narrows a year written after it
    (截至24日,美国今年以来已发生496起: as of the 24th). The day of a report (6日发布的数据显示)
    dates only a figure that no other period words date."""
    sentence_start = line.sentence_of(position)[0]
    framing = [p for p in line.periods if p.end <= position and not p.report_day]
    in_sentence = [p for p in framing if sentence_start <= p.start and _frames(line, p, position)]
    if in_sentence and line.text.startswith("同期", in_sentence[-1].end):
        return _same_period_of(line, in_sentence[-1])
    if in_sentence:
        return _narrowed(in_sentence)
    earlier = [p for p in framing if p.end <= sentence_start and not p.compared]
    if earlier:
        last_sentence_start = line.sentence_of(earlier[-1].start)[0]
        return _narrowed([p for p in earlier if p.start >= last_sentence_start])
    report = [p for p in line.periods if p.report_day and sentence_start <= p.start and p.end <= position]
    return report[-1] if report else as_default(line.reported_year, line.inferred)


def _narrowed(periods: list[Period]) -> Period:
    """The period of one sentence's figures: the last written, narrowed to a day it is as of."""
    days = [p for p in periods if _DAY.fullmatch(p.label) and not p.report_day]
    as_of = [p for p in days if p.text.startswith(("截至", "截止"))]  # 截至昨天…共发送春运旅客: as of that day
    if as_of and periods[-1].label[:4] == as_of[-1].label[:4]:
        return as_of[-1]
    if days and periods[-1].label[:4] == days[-1].label[:4] and "-" not in periods[-1].label:
        return days[-1]
    return periods[-1]


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _frames(line: Line, period: Period, position: int) -> bool:
    """A period after 比/较 frames only the figure written right after it (比2020年的73129亿元,
    高于上年同期的57亿立方米, 去年同期为52家)."""
    if not period.compared:
        return True
    if line.text[: period.start].endswith(shares_of_base()):
        return False  # 恢复到2019年同期的91%: a share of 2019, stated of the current period
    return line.text[period.end : position].strip() in ("", "的", "同期", "同期的", "同期为")


def _same_period_of(line: Line, base: Period) -> Period:
    """上年同期的57亿立方米 after 1-3月 (or 一季度…。而在去年同期,…): the same months of the base's year."""
    framing = [p for p in line.periods if p.end <= base.start and not p.compared]
    if not framing or framing[-1].year is None or base.year is None:
        return base
    return replace(framing[-1], label=shift_label(framing[-1], base.year - framing[-1].year), year=base.year)


def period_of_item(line: Line, item: str) -> Period | None:
    """The period a list item starts with (一季度 in 一季度、二季度GDP分别增长...), if any."""
    found = find_periods(item, line.publication_year, line.inferred)
    year = period_for(line, 0).year if not found else None
    if found and found[0].start == 0:
        period = found[0]
        if not re.search(r"(19|20)\d\d", period.text) and period.year is None and year:
            return None
        return period
    return None
