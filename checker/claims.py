"""Claims: an Article -> the numeric claims of its body (and the numbers that are not claims).

For each number the numbers stage finds in a body line, decide whether it is a claim or
not (a date that anchors a period, a version label, a name, a number inside a quoted
slogan, an idiom), and for a claim resolve its unit and base value, kind, qualifier,
period (去年 in an article of 2024-06-06 is 2023), subject and metric. The numbers that
are skipped are returned with the reason, so the report can say what was not checked.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from . import phrases
from .ingest import normalize_width
from .models import Article, Claim, Quantity
from .numbers import find_quantities
from .periods import Period, as_default, event_verbs, find_periods
from .rules import load_toml, marker_qualifier

_SENTENCE_END = re.compile(r"[。！？!?]")
_MAY_HOLD_NUMBER = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟首榜倍翻]")
_CLAUSE_MARK = re.compile(r"[，,；;：:（）()]")
_ITEM_MARK = re.compile(r"[，,；;：:（）()、]")
_CLAUSE_MARKS = "，,；;：:（）()"
_LIST_MARKS = "、"
_QUOTE_PAIRS = {"“": "”", "‘": "’", "\"": "\"", "「": "」", "『": "』", "《": "》", "〈": "〉"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_QUOTE_MARKS = set("“”‘’\"")
_NOUN_STOP = set("的以左多余之内后前里间及和与、，,。；;：:（）()“”\"")
_FIRST_TIME = re.compile(r"第(一|壹|1)次")
_WORD_QUANTITIES = {  # words that state a number without numerals
    "倍增": (100.0, "%", "growth"),
    "翻一番": (100.0, "%", "growth"),
    "翻番": (100.0, "%", "growth"),
    "翻两番": (300.0, "%", "growth"),
    "首位": (1.0, "位", "rank"),
    "榜首": (1.0, "位", "rank"),
}
_WORD_QUANTITY = re.compile("|".join(sorted(_WORD_QUANTITIES, key=len, reverse=True)))


@dataclass(frozen=True)
class Skipped:
    """A number found in the body that did not become a claim, and why."""

    doc: str
    line: int
    text: str
    reason: str
    context: str = ""  # the number with a few characters on each side: 新春第壹会


@dataclass(frozen=True)
class Extraction:
    claims: tuple[Claim, ...]
    skipped: tuple[Skipped, ...]
    numbers: int  # numbers found in the article body


@dataclass(frozen=True)
class Unit:
    written: str  # as in the text: 元, 个, 平方米
    base: str  # as reported: 元, 个, 平方米, 人
    factor: float
    dimension: str
    kind: str
    measure_word: bool


@dataclass
class _Draft:
    """A claim being assembled; becomes a frozen Claim at the end of the article."""

    line: int
    start: int
    end: int
    sentence: tuple[int, int]
    quantity: Quantity
    value: float
    value_high: float | None
    unit: str
    dimension: str
    kind: str
    qualifier: str
    period: Period
    subject: str = ""
    metric: str = ""
    scope: tuple[str, ...] = ()
    resolution: float = 1.0
    reference: str = ""
    all_of_previous: bool = False  # 均居全市第一: one rank for each preceding figure
    respectively: str = ""  # the list a 分别 figure belongs to (城乡居民收入 in ...分别为A和B)


# --- tables ------------------------------------------------------------------------------


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
def _suffix_markers() -> re.Pattern:
    words = sorted(_qualifier_table()["suffix"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@cache
def _qualifier_table() -> dict:
    return load_toml("qualifiers.toml")


@cache
def _words(section: str, key: str) -> tuple[str, ...]:
    return tuple(sorted(phrases.phrase_table()[section][key], key=len, reverse=True))


# --- the stage ---------------------------------------------------------------------------


def extract_claims(article: Article) -> Extraction:
    """All claims of an article's body, in line order, and the numbers that are not claims."""
    publication_year = article.date.year if article.date else None
    published = article.date if article.date and article.date_source != "content" else None
    inferred = article.date_source == "content"
    drafts: list[_Draft] = []
    skipped: list[Skipped] = []
    numbers = 0
    latest_reported = context_year = _reported_year_at_start(article)
    for line_number, line in article.body_lines():
        if not _MAY_HOLD_NUMBER.search(line):
            continue
        reader = _LineReader(line_number, line, publication_year, inferred, context_year, published)
        opening_year = reader.last_explicit_year()
        if opening_year and (latest_reported is None or opening_year <= latest_reported):
            context_year = opening_year  # a paragraph about 2025年要... is a plan, not a report
        line_drafts, line_skipped, count = reader.read()
        drafts.extend(line_drafts)
        skipped.extend(Skipped(article.doc, line_number, *details) for details in line_skipped)
        numbers += count
    home = _home_place(drafts, "\n".join(text for _, text in article.body_lines()))
    claims = tuple(_finish(article, draft, home, index) for index, draft in enumerate(drafts))
    return Extraction(claims, tuple(skipped), numbers)


def _reported_year_at_start(article: Article) -> int | None:
    """The year an article reports on before it says: an annual review published in January or
    February is about the year before."""
    if article.date is None:
        return None
    if article.date_source != "content" and article.date.month <= 2:
        return article.date.year - 1
    return article.date.year


def _home_place(drafts: list[_Draft], body: str) -> str:
    """The place an article is about: of the places it names (as subjects, or in its opening
    lines), the one it mentions most often."""
    candidates = {phrases.normalize_subject(d.subject, "") for d in drafts if d.subject}
    candidates |= {phrases.normalize_subject(p, "") for p in phrases.places_in(body[:_OPENING])}
    candidates -= {""} | set(phrases.phrase_table()["subjects"]["home"])
    if not candidates:
        return ""
    return max(sorted(candidates), key=body.count)


def _finish(article: Article, draft: _Draft, home: str, index: int) -> Claim:
    line = article.lines[draft.line - 1]
    start, end = draft.start, draft.end
    sentence = line[draft.sentence[0] : draft.sentence[1]].strip()
    subject = phrases.normalize_subject(draft.subject, home) if draft.subject else home
    named = bool(draft.subject) and subject != home
    return Claim(
        claim_id=f"{_stem(article.doc)}-L{draft.line}-{index + 1}",
        doc=article.doc,
        line=draft.line,
        start=start,
        end=end,
        quote=line[start:end],
        sentence=sentence,
        subject=subject,
        metric=draft.metric,
        value=_clean(draft.value),
        value_high=_clean(draft.value_high) if draft.value_high is not None else None,
        unit=draft.unit,
        qualifier=draft.qualifier,
        period=draft.period.label,
        kind=draft.kind,
        dimension=draft.dimension,
        resolution=draft.resolution,
        period_source=draft.period.source,
        period_text=draft.period.text,
        scope=tuple(dict.fromkeys(draft.scope + _scope_words_in(draft.metric))),
        reference=draft.reference,
        subject_source="text" if named else "home",
        published=article.date.isoformat() if article.date else "",
    )


def _stem(doc: str) -> str:
    name = doc.rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".txt") else name


def _clean(value: float) -> float:
    """Drop binary noise from decimal arithmetic: 1317.72 * 1e8 -> 131772000000.0."""
    return float(f"{value:.10g}") if value else 0.0


# --- one line ----------------------------------------------------------------------------


class _LineReader:
    """Reads the claims of one line: numbers first, then the sentence around each."""

    def __init__(
        self,
        number: int,
        line: str,
        publication_year: int | None,
        inferred: bool,
        context_year: int | None = None,
        published: dt.date | None = None,
    ):
        self.number = number
        self.line = line
        self.text = normalize_width(line)
        self.publication_year = publication_year
        self.inferred = inferred
        self.periods = find_periods(self.text, publication_year, inferred, context_year, published)
        self.sentences = _sentences(self.text)
        self.sentence_starts = [start for start, _ in self.sentences]
        self.clause_marks = [match.start() for match in _CLAUSE_MARK.finditer(self.text)]
        self.item_marks = [match.start() for match in _ITEM_MARK.finditer(self.text)]
        self.quotes = _quoted_spans(self.text)
        self.quantities = sorted(find_quantities(line) + _word_quantities(self.text), key=lambda q: q.start)

    def last_explicit_year(self) -> int | None:
        """The year this line opens with (a title such as 2023年国民经济回升向好, or a paragraph
        that starts 2023年,...), which later 全年 and bare months refer to."""
        opening = [p for p in self.periods if p.start <= _OPENING_YEAR_WITHIN and p.source == "explicit"]
        return opening[0].year if opening and opening[0].label.isdigit() else None

    def read(self) -> tuple[list[_Draft], list[tuple[str, str, str]], int]:
        drafts: list[_Draft] = []
        skipped: list[tuple[str, str, str]] = []
        for quantity in self.quantities:
            result = self._classify(quantity)
            if isinstance(result, str):
                context = self.line[max(0, quantity.start - _CONTEXT) : quantity.end + _CONTEXT]
                skipped.append((quantity.text, result, context.strip()))
            else:
                drafts.append(result)
        self._describe(drafts)
        return _expand(drafts, self), skipped, len(self.quantities)

    # -- is it a claim? --

    def _classify(self, q: Quantity) -> _Draft | str:
        period = self._period_containing(q)
        if period is not None:
            return self._event_year(q, period) or "time expression (sets a period)"
        reason = self._label_reason(q)
        if reason:
            return reason
        unit, unit_end = self._unit_after(q)
        shape = self._shape(q, unit, unit_end)
        if isinstance(shape, str):
            return shape
        kind, base_unit, dimension, factor, end = shape
        suffix = self._suffix_marker(end)
        value = q.value * factor
        value_high = q.value_high * factor if q.value_high is not None else None
        if kind in ("growth", "rank_change") and self._falling(q):
            value, value_high = -value, (-value_high if value_high is not None else None)
        start = q.start - 1 if q.ordinal else q.start
        return _Draft(
            line=self.number,
            start=start,
            end=end + len(suffix),
            sentence=self._sentence_of(q.start),
            quantity=q,
            value=value,
            value_high=value_high,
            unit=base_unit,
            dimension=dimension,
            kind=kind,
            qualifier=self._qualifier(q, suffix),
            period=self._period_for(q.start),
            resolution=q.resolution * factor,
            reference=self._reference(q),
            all_of_previous=kind == "rank" and bool(_ALL_OF.search(self._clause_before(q, start))),
        )

    def _label_reason(self, q: Quantity) -> str:
        if q.ordinal and _FIRST_TIME.match(self.text, q.start - 1):
            return "idiom (第一次: for the first time)"
        quoted = self._quote_around(q)
        if quoted is not None:
            inside = self.text[quoted[0] + 1 : quoted[1]]
            is_statement = q.ordinal and len(inside) > 8
            if _is_label(inside) and not _is_pure_quantity(inside) and not is_statement:
                return "inside a quoted name or slogan"
        before, after = self.text[max(0, q.start - 1) : q.start], self.text[q.end : q.end + 1]
        if _LATIN.match(before) or (_LATIN.match(after) and not _unit_pattern().match(self.text, q.end)):
            return "part of a name (5G, A320)"
        if self.text.startswith("版", q.end) or (q.text.endswith(".0") and not _unit_pattern().match(self.text, q.end)):
            return "version label"
        if re.match(r"\+\d", self.text[q.end : q.end + 2]) or before == "+":
            return "part of a label (1+9)"
        if q.chinese and self.text.startswith("是", q.end):
            return "enumeration (一是, 二是)"
        if q.text in _WORD_QUANTITIES and _CJK.match(after or " ") and _WORD_QUANTITIES[q.text][2] == "growth":
            return "part of a name (倍增计划)"
        return ""

    def _shape(self, q: Quantity, unit: Unit | None, unit_end: int):
        """(kind, reported unit, dimension, factor, end of the quote), or why it is not a claim."""
        if q.text in _WORD_QUANTITIES:
            _, unit_text, kind = _WORD_QUANTITIES[q.text]
            return kind, unit_text, "percent" if unit_text == "%" else "rank", 1.0, q.end
        if q.ordinal:
            return self._ordinal(q, unit, unit_end)
        if self.text.startswith("强", q.end):
            if self._rank_follows(q):
                return "part of a ranking name (百强区第29位)"
            return "top_n", "强", "top_n", 1.0, q.end + 1
        if q.percent:
            return self._percent(q) + (q.end,)
        if unit is None:
            implied = self._implied_unit(q)
            if not implied or q.chinese:
                return "no unit"
            unit, unit_end = units()[implied], q.end
        reason = self._not_a_figure(q, unit, unit_end)
        if reason:
            return reason
        if unit.written in ("位", "名", "位次", "名次") and self._rank_change_verb(q):
            return "rank_change", "位", "rank", 1.0, unit_end
        return unit.kind, unit.base, unit.dimension, unit.factor, unit_end

    def _not_a_figure(self, q: Quantity, unit: Unit, unit_end: int) -> str:
        """Why a number with a unit is still not a claim ("" when it is one)."""
        after = self.text[unit_end : unit_end + 1]
        names_something = _CJK.match(after) is not None and after not in _NOUN_STOP
        if _is_bare_unit_word(q) and not q.marker and unit.dimension != "money" and q.value != 10:
            return "no numeral (a bare 万/千/百)"
        if q.chinese and q.value == 1 and q.value_high is None:
            return "indefinite article (一个, 一年)"
        if names_something and (unit.dimension in _SPECIFICATIONS or unit.written in ("分钟", "小时")):
            return "specification in a name (12英寸大硅片, 15分钟办事圈)"
        if unit.kind == "duration" and self._quantity_at(unit_end):
            return "time expression (sets a period: 五年倍增)"
        if unit.kind == "duration" and _names_programme(self.text[unit_end : unit_end + _PROGRAMME_WINDOW]):
            return "part of a programme name (三年成长计划)"
        if unit.written == "年" and not q.chinese and 1900 <= q.value <= 2100:
            return "time expression (sets a period)"
        if unit.written == "点" and not q.chinese:
            return "no unit"
        return ""

    def _ordinal(self, q: Quantity, unit: Unit | None, unit_end: int):
        if unit is not None and unit.written in ("位", "名", "位次", "名次"):
            return "rank", "位", "rank", 1.0, unit_end
        if unit is not None and unit.written in ("个", "家", "座", "所"):
            return "rank", "位", "rank", 1.0, unit_end  # 国内第二个, 第壹家上市公司
        for tier in _words("rank", "tier"):
            if self.text.startswith(tier, q.end):
                return "rank", tier, "rank_tier", 1.0, q.end + len(tier)
        if unit is not None and unit.written in _EDITION_WORDS:
            return "other", unit.base, "ordinal", 1.0, unit_end  # 第三批, 第五届: an edition, not a rank
        if not self._ranked_in(q):
            return "ordinal in a phrase (安全第一, 第十一集)"
        return "rank", "位", "rank", 1.0, q.end

    def _ranked_in(self, q: Quantity) -> bool:
        """全省第九, 居全市第一, 绍兴市第1: a bare 第N is a rank when a ranking scope or a place
        comes right before it."""
        before = self.text[max(self._clause_start(q.start), q.start - 1 - _RANK_SCOPE_WINDOW) : q.start - 1]
        if any(word in before for word in _words("rank", "scopes")):
            return True
        tokens = phrases.segment(before)
        return bool(tokens) and phrases.is_place(tokens, len(tokens) - 1) or before.endswith(("市", "省", "区", "县"))

    def _percent(self, q: Quantity) -> tuple[str, str, str, float]:
        before = self._clause_before(q)
        if q.fraction or any(w in before[-6:] for w in _words("share", "words")):
            return "share", "%", "percent", 1.0
        if self._growth_verb(q):
            return "growth", "%", "percent", 1.0
        return "share", "%", "percent", 1.0

    def _implied_unit(self, q: Quantity) -> str:
        """上虞新增市民6.2万: no unit written, but 市民 are people."""
        before = self.text[max(self._clause_start(q.start), q.start - _IMPLIED_WINDOW) : q.start]
        after = self.text[q.end : min(self._clause_end(q.end), q.end + _IMPLIED_WINDOW)]
        return phrases.implied_unit(before + " " + after)

    def _quantity_at(self, position: int) -> bool:
        return any(other.start == position for other in self.quantities)

    # -- context words --

    def _clause_before(self, q: Quantity, position: int | None = None) -> str:
        position = q.start if position is None else position
        return self.text[self._clause_start(position) : position]

    def _growth_verb(self, q: Quantity) -> bool:
        before = self._clause_before(q)[-8:]
        return any(word in before for word in _words("growth", "rising") + _words("growth", "falling"))

    def _falling(self, q: Quantity) -> bool:
        """下降3%, 后退2位: the last change word before the number says the value falls."""
        before = self._clause_before(q)[-6:]
        rising = max((before.rfind(w) for w in _words("growth", "rising") + _words("rank_change", "better")), default=-1)
        falling = max((before.rfind(w) for w in _words("growth", "falling") + _words("rank_change", "worse")), default=-1)
        return falling > rising

    def _rank_change_verb(self, q: Quantity) -> bool:
        before = self.text[max(0, q.start - 3) : q.start]
        return any(before.endswith(w) for w in _words("rank_change", "better") + _words("rank_change", "worse"))

    def _reference(self, q: Quantity) -> str:
        """What a change is measured against: 上年 (比上年提升4位, 同比增长7.6%) or 上月 (环比)."""
        before = self._clause_before(q)
        if _AGAINST_PREVIOUS_MONTH.search(before):
            return "上月"
        if _AGAINST_PREVIOUS_YEAR.search(before):
            return "上年"
        return "对比" if _AGAINST_OTHER.search(before) else ""  # 比计划多2100个: a difference

    def _rank_follows(self, q: Quantity) -> bool:
        return "第" in self.text[q.end : self._clause_end(q.end)]

    def _unit_after(self, q: Quantity) -> tuple[Unit | None, int]:
        if q.percent:
            return None, q.end
        position = q.end
        while position < len(self.text) and self.text[position] == " ":
            position += 1
        match = _unit_pattern().match(self.text, position)
        if match is None:
            return None, q.end
        return units()[match.group()], match.end()

    def _suffix_marker(self, position: int) -> str:
        match = _suffix_markers().match(self.text, position)
        return match.group() if match else ""

    def _qualifier(self, q: Quantity, suffix: str) -> str:
        found = set()
        sentence_start = self._sentence_of(q.start)[0]
        if self._says(_qualifier_table()["estimate"]["words"], sentence_start, q.start):
            found.add("estimate")
        if q.value_high is not None:
            found.add("range")
        for marker in (q.marker, suffix):
            if marker:
                found.add(marker_qualifier(marker))
        if self._says(_qualifier_table()["cumulative"]["words"], sentence_start, q.start):
            found.add("cumulative")
        order = _qualifier_table()["precedence"]["order"]
        return next((name for name in order if name in found), "exact")

    # -- time --

    def _period_containing(self, q: Quantity) -> Period | None:
        for period in self.periods:
            if period.start <= q.start < period.end:
                return period
        return None

    def _event_year(self, q: Quantity, period: Period) -> _Draft | None:
        """A year that dates an event (1992年撤县设市) is a claim; one that frames figures is not."""
        if not (1000 <= q.value <= 2200) or not self.text.startswith("年", q.end):
            return None
        if ".." in period.label and not period.open_start:
            return None
        if self.text[max(0, period.start - 2) : q.start].endswith(("截至", "到", "至")):
            return None  # 到2026年: a deadline, 截至2023年: a cut-off date
        sentence_end = self._sentence_of(q.start)[1]
        next_period = min((p.start for p in self.periods if p.start >= period.end), default=sentence_end)
        scope_end = min(sentence_end, next_period)
        if any(self._is_figure(other) for other in self.quantities if period.end <= other.start < scope_end):
            return None
        following = self.text[period.end : scope_end].lstrip("，,、 ")
        if not any(verb in following for verb in event_verbs()):
            return None
        written_on = _CJK.match(self.text[period.end : period.end + 1] or " ")
        if written_on and not (period.date_like or period.open_start) and not following.startswith(event_verbs()):
            return None  # 2022年世界互联网大会: a year in a name
        return _Draft(
            line=self.number,
            start=period.start,
            end=period.end,
            sentence=self._sentence_of(q.start),
            quantity=q,
            value=q.value,
            value_high=None,
            unit="年",
            dimension="year",
            kind="event_year",
            qualifier="exact",
            period=period,
        )

    def _is_figure(self, q: Quantity) -> bool:
        """Would this number be a figure that a year frames (with a unit, not a date or 第N)?"""
        if self._period_containing(q) is not None or self._quote_around(q) is not None or q.ordinal:
            return False
        unit, _ = self._unit_after(q)
        return q.percent or (unit is not None and not (unit.written == "年" and 1900 <= q.value <= 2100))

    def _period_for(self, position: int) -> Period:
        """The last period written before a position in its sentence, else earlier in the line.

        A day the sentence is "as of" (截至24日, 今天) narrows a year written after it
        (截至24日,美国今年以来已发生496起: as of the 24th)."""
        sentence_start = self._sentence_of(position)[0]
        in_sentence = [p for p in self.periods if sentence_start <= p.start and p.end <= position and self._frames(p, position)]
        if in_sentence:
            days = [p for p in in_sentence if p.label.count("-") == 2]
            if days and in_sentence[-1].label[:4] == days[-1].label[:4] and "-" not in in_sentence[-1].label:
                return days[-1]
            return in_sentence[-1]
        earlier = [p for p in self.periods if p.end <= sentence_start and not p.compared]
        if earlier:
            return earlier[-1]
        return as_default(self.publication_year, self.inferred)

    def _frames(self, period: Period, position: int) -> bool:
        """A period after 比/较 frames only the figure written right after it (比2020年的73129亿元)."""
        return not period.compared or self.text[period.end : position].strip() in ("", "的")

    # -- structure --

    def _sentence_of(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        if index < 0:
            return 0, len(self.text)
        return self.sentences[index]

    def _clause_start(self, position: int, marks: str = _CLAUSE_MARKS + _LIST_MARKS) -> int:
        """Just after the last clause mark (and 、 unless excluded) before a position, in its sentence."""
        found = self.clause_marks if marks == _CLAUSE_MARKS else self.item_marks
        index = bisect.bisect_left(found, position) - 1
        start = self._sentence_of(position)[0]
        return max(start, found[index] + 1) if index >= 0 else start

    def _clause_end(self, position: int) -> int:
        index = bisect.bisect_left(self.clause_marks, position)
        end = self._sentence_of(position)[1]
        return min(end, self.clause_marks[index]) if index < len(self.clause_marks) else end

    def _quote_around(self, q: Quantity) -> tuple[int, int] | None:
        for start, end in self.quotes:
            if start < q.start and q.end <= end:
                return start, end
        return None

    # -- words --

    def _tokens(self, position: int) -> tuple[phrases.Token, ...]:
        """jieba tokens of the sentence around a position (offsets from the sentence start)."""
        start, end = self._sentence_of(position)
        return phrases.segment(self.text[start:end])

    def _says(self, words: Iterable[str], start: int, end: int, whole_word_below: int = 2) -> bool:
        """Whether text[start:end] uses one of the words; a short word must be a word of its
        own (共, not 公共; 增加, not 增加值)."""
        long_words, short = _words_by_length(tuple(words), whole_word_below)
        if long_words and long_words.search(self.text, start, end):
            return True
        if not short:
            return False
        s0 = self._sentence_of(start)[0]
        return any(t.text in short for t in self._tokens(start) if start <= t.start + s0 and t.end + s0 <= end)

    def _scopes_before(self, position: int) -> tuple[str, ...]:
        """Scope words before a number: 累计 from its sentence, 新增 from its clause, 规上 and
        省级以上 from its list item."""
        spans = {
            "sentence": self._sentence_of(position)[0],
            "clause": self._clause_start(position, _CLAUSE_MARKS),
            "item": self._clause_start(position),
        }
        found = []
        for section, start in spans.items():
            pattern, canonical = _scope_pattern(section)
            for match in pattern.finditer(self.text, start, position):
                word = match.group()
                if len(word) >= _WHOLE_WORD_BELOW or self._says((word,), match.start(), match.end(), _WHOLE_WORD_BELOW):
                    found.append(canonical[word])
        found += _EDITION.findall(self.text, spans["sentence"], position)  # 第一期 vs 第三期 国债
        return tuple(dict.fromkeys(found))

    # -- subject and metric --

    def _describe(self, drafts: list[_Draft]) -> None:
        """Fill subject, metric and scope of the drafts of this line, sentence by sentence."""
        line_subject = ""
        by_sentence: dict[tuple[int, int], list[_Draft]] = {}
        described: list[_Draft] = []
        for draft in drafts:
            s0, s1 = draft.sentence
            tokens = self._tokens(s0)
            ranking = draft.kind in ("rank", "top_n", "rank_change")
            subject = phrases.find_subject(tokens, draft.start - s0, ranking)
            line_subject = subject or line_subject
            draft.subject = subject or line_subject
            earlier = by_sentence.setdefault(draft.sentence, [])
            self._metric(draft, tokens, s0, earlier)
            self._split_respectively(draft, earlier)
            self._mark_part(draft, described)
            earlier.append(draft)
            described.append(draft)

    def _mark_part(self, draft: _Draft, earlier: list[_Draft]) -> None:
        """执行额8314亿元。其中,承接离岸服务外包执行额4793亿元: a part of a figure given before."""
        whole = next((d for d in reversed(earlier) if d.metric and draft.metric.endswith(d.metric) and d.kind == draft.kind), None)
        if whole is not None and "其中" in self.text[whole.end : draft.start]:
            draft.scope = tuple(dict.fromkeys(draft.scope + ("其中",)))

    def _metric(self, draft: _Draft, tokens, s0: int, earlier: list[_Draft]) -> None:
        if draft.kind == "event_year":
            end = self._clause_end(draft.end)
            draft.metric = "".join(phrases.metric_words(tokens, draft.end - s0, end - s0, set()))[:30]
            return
        q = draft.quantity
        start = max([self._clause_start(q.start)] + [d.end for d in earlier if d.end <= q.start])
        start = max([start] + [p.end for p in self.periods if start <= p.end <= q.start])
        before = phrases.metric_words(tokens, start - s0, draft.start - s0, _metric_drop_words())
        after = self._noun_after(tokens, draft.end, s0) if draft.dimension in _NOUN_AFTER_DIMENSIONS else []
        draft.scope = self._scopes_before(q.start)
        draft.metric = "".join(after or before)[:40]
        inherits = draft.kind in ("growth", "rank", "rank_change") or (earlier and earlier[-1].dimension == draft.dimension)
        if inherits and earlier and not after and not _meaningful(before):  # 比上年增加9.7亿元: of the figure before
            source = earlier[-1]
            draft.metric = source.metric
            draft.subject = source.subject
            if draft.kind != source.kind:  # a rate or rank of a level shares its scope (规上)
                draft.scope = tuple(dict.fromkeys(source.scope + draft.scope))

    def _noun_after(self, tokens, position: int, s0: int) -> list[str]:
        """The noun phrase a count modifies: 3家[创新联合体], 1400多家[伞厂]年产, 2200多年的[建县历史]."""
        if self.text.startswith("的", position):
            position += 1
        end = self._clause_end(position)
        if position >= end or self.text[position] in _NOUN_STOP or not _CJK.match(self.text[position]):
            return []
        words = []
        for token in tokens:
            if token.start < position - s0 or token.end > end - s0:
                continue
            if token.text in _QUOTE_MARKS:
                continue  # 第三批浙江省“万亩千亿”新产业平台: the name goes on inside the quotes
            if token.text in _NOUN_STOP or token.text[0].isdigit() or (token.tag.startswith("v") and words):
                break
            if token.text.strip() and token.text not in phrases.stopwords():
                words.append(token.text)
        return words

    def _period_of_item(self, item: str) -> Period | None:
        found = find_periods(item, self.publication_year, self.inferred)
        year = self._period_for(0).year if not found else None
        if found and found[0].start == 0:
            period = found[0]
            if not re.search(r"(19|20)\d\d", period.text) and period.year is None and year:
                return None
            return period
        return None

    def _split_respectively(self, draft: _Draft, earlier: list[_Draft]) -> None:
        """新材料、高端装备制造两大产业产值分别突破1000亿元、600亿元: one subject per value."""
        before = self.text[draft.sentence[0] : draft.start]
        at = before.rfind("分别")
        if at < 0 or re.search(r"[，,；;：:]", before[at:]):
            return
        head = re.split(r"[，,；;：:]", before[:at])[-1].strip()
        while not head and before.rfind("分别", 0, at) >= 0:  # 分别为A和B,分别增长x和y: the list named first
            at = before.rfind("分别", 0, at)
            head = re.split(r"[，,；;：:]", before[:at])[-1].strip()
        index = sum(1 for d in earlier if d.kind == draft.kind and d.respectively == head)
        draft.respectively = head
        items = [item for item in re.split(r"[、和与及]", head) if item]
        pair_word = next((w for w in phrases.phrase_table()["pairs"] if w in head), None)
        item_periods = [self._period_of_item(item) for item in items]
        if len(items) >= 2 and index < len(items) and all(item_periods):
            draft.period = item_periods[index]  # 一季度、二季度、三季度GDP分别增长...: one period each
            draft.metric = _clean_metric(re.sub(_PERIOD_WORDS, "", items[-1])) or draft.metric
        elif len(items) >= 2 and index < len(items):
            shared = re.split(_COUNT_OF_ITEMS, items[-1])
            draft.subject = re.split(_COUNT_OF_ITEMS, items[index])[0] or draft.subject
            draft.metric = _clean_metric(shared[-1] if len(shared) > 1 else draft.metric)
        elif pair_word and index < 2:
            members = phrases.pair_words(pair_word)
            draft.metric = _clean_metric(head.replace(pair_word, members[index]))
            draft.scope = tuple(s for s in draft.scope if s not in members) + (members[index],)
        else:
            draft.metric = _NUMBERED.sub("", draft.metric) + f"[{index + 1}]"


_CONTEXT = 4  # characters shown on each side of a number that is not a claim
_SPECIFICATIONS = ("length", "mass", "power", "energy")  # 12英寸大硅片: a measure inside a name
_IMPLIED_WINDOW = 5  # characters around a bare number searched for a noun that implies its unit
_RANK_SCOPE_WINDOW = 8  # characters before 第N searched for a ranking scope
_WHOLE_WORD_BELOW = 3  # scope words shorter than this must be words of their own (增加, not 增加值)
_PROGRAMME_WINDOW = 6  # characters after a duration in which a programme word makes it a name
_OPENING_YEAR_WITHIN = 4  # characters from the start of a line where a year frames the paragraph
_OPENING = 300  # characters of the body in which the article names its place
_PERIOD_WORDS = r"^(?:(?:19|20)\d\d年)?(?:[一二三四]季度|上半年|下半年|前三季度|\d{1,2}月)"
_NUMBERED = re.compile(r"\[\d+\]$")
_COUNT_OF_ITEMS = r"[两二三四五六七八九十\d]+[大个类项]"
_AGAINST_PREVIOUS_YEAR = re.compile(r"(比|较)(上年|上一年|去年|前一年|上年同期|去年同期)|同比")
_EDITION = re.compile(r"第[一二三四五六七八九十百零〇\d]+[期届批轮]")
_AGAINST_OTHER = re.compile(r"(?:(?<![可对无类])比|较)(?!重|例|如|较|为|价)[^，,。；;]{1,15}?(?:多|少|高出|高|低|增加|减少|提高|降低|下降|上升|增长|扩大|缩小)了?$")
_AGAINST_PREVIOUS_MONTH = re.compile(r"(比|较)(上月|上个月|上季度|上一季度|前一季度)|环比")
_NOUN_AFTER_DIMENSIONS = ("count", "people", "visits", "households", "time", "ordinal")
_EDITION_WORDS = ("批", "届", "次", "期", "轮", "季", "版", "代")
_ALL_OF = re.compile(r"均(?:位)?(?:居|列|排|为)[^，,。；;]{0,8}第?$")


@cache
def _metric_drop_words() -> set[str]:
    drop = set(_words("growth", "rising") + _words("growth", "falling") + _words("rank", "words"))
    return drop | set(_words("rank_change", "better") + _words("rank_change", "worse"))


def _mentions(words: Iterable[str], text: str, whole_word_below: int = 2) -> bool:
    """Whether text uses one of the words; a short word must be a word of its own (共, not 公共;
    增加, not 增加值)."""
    short = {word for word in words if len(word) < whole_word_below}
    if any(word in text for word in words if len(word) >= whole_word_below):
        return True
    return bool(short) and any(token.text in short for token in phrases.segment(text))


def _clean_metric(text: str) -> str:
    tokens = phrases.segment(text)
    return "".join(phrases.metric_words(tokens, 0, len(text), _metric_drop_words()))[:40]


def _meaningful(words: list[str]) -> bool:
    return any(len(w) > 1 or _CJK.match(w) for w in words)


@cache
def _scope_table() -> dict:
    return load_toml("scopes.toml")


@cache
def _scope_pattern(section: str) -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for the scope words of a section, and the scope each variant names."""
    canonical = {variant: name for name, variants in _scope_table()[section].items() for variant in variants}
    words = sorted(canonical, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), canonical


@lru_cache(maxsize=100_000)
def _scope_words_in(metric: str) -> tuple[str, ...]:
    """Scope words written inside a metric phrase (城镇居民人均可支配收入 -> 城镇)."""
    found = []
    for section in ("sentence", "clause", "item"):
        pattern, canonical = _scope_pattern(section)
        for match in pattern.finditer(metric):
            word = match.group()
            if len(word) >= _WHOLE_WORD_BELOW or _mentions((word,), metric, _WHOLE_WORD_BELOW):
                found.append(canonical[word])
    return tuple(dict.fromkeys(found))


def _expand(drafts: list[_Draft], reader: _LineReader) -> list[_Draft]:
    """One claim per value: 均居全市第一 after two figures is two ranks."""
    expanded: list[_Draft] = []
    for draft in drafts:
        if draft.all_of_previous:
            clause = reader._clause_start(draft.start, _CLAUSE_MARKS)
            sentence = [
                d for d in expanded
                if d.sentence == draft.sentence and d.kind not in ("rank", "event_year") and d.end <= clause
            ]
            for figure in sentence:
                expanded.append(replace(draft, metric=f"{figure.metric}排名", scope=figure.scope))
            if sentence:
                continue
        expanded.append(draft)
    return expanded


# --- text structure -----------------------------------------------------------------------


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of quoted stretches: “...”, 《...》."""
    spans, stack = [], []
    for match in _QUOTE_CHAR.finditer(text):
        index, char = match.start(), match.group()
        if stack and char == _QUOTE_PAIRS.get(text[stack[-1]]):
            spans.append((stack.pop(), index))
        elif char in _QUOTE_PAIRS:
            stack.append(index)
    return spans


_QUOTE_CHAR = re.compile("[" + re.escape("".join(set(_QUOTE_PAIRS) | set(_QUOTE_PAIRS.values()))) + "]")


_PURE_QUANTITY = re.compile(r"^\s*[\d.,]+\s*[\u4e00-\u9fff]?\s*$")


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


def _word_quantities(text: str) -> list[Quantity]:
    found = []
    for match in _WORD_QUANTITY.finditer(text):
        value, _, _ = _WORD_QUANTITIES[match.group()]
        found.append(Quantity(match.start(), match.end(), match.group(), value, chinese=True))
    return found


@cache
def _words_by_length(words: tuple[str, ...], below: int) -> tuple[re.Pattern | None, frozenset[str]]:
    """The words of at least below characters as one pattern, and the shorter ones."""
    long_words = sorted((word for word in words if len(word) >= below), key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, long_words))) if long_words else None
    return pattern, frozenset(word for word in words if len(word) < below)
