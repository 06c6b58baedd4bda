"""The records that flow between the pipeline stages.

ingest -> Article; numbers -> Quantity; claims -> Claim; match and passages -> Finding.
All are frozen dataclasses: a stage never changes what an earlier stage produced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cached_property

SEVERITIES = ("error", "warning", "info")
FINDING_TYPES = ("contradiction", "agreement", "period_difference", "related", "duplicate_passage")


@dataclass(frozen=True)
class Article:
    """One input file: its original lines and what ingest learnt about them."""

    doc: str  # the name findings use: the path relative to the scanned folder
    lines: tuple[str, ...]  # original text, one entry per line, without line endings
    body: tuple[bool, ...]  # True where the line is article text, False for boilerplate
    date: dt.date | None  # publication date
    date_source: str  # "header", "filename", "content" (inferred from the text) or ""
    digest: str  # sha256 of the file's bytes
    encoding: str = "utf-8"
    masked: tuple[tuple[int, int, int], ...] = ()  # (line index, start, end): boilerplate inside a body line
    simplified: tuple[str, ...] = ()  # the lines in simplified Chinese, when any line differs (億 -> 亿)

    @property
    def text_lines(self) -> tuple[str, ...]:
        """The lines the stages read: in simplified Chinese, of the lengths of the original lines
        (so offsets are the same in both); quotes are cut from the original lines."""
        return self.simplified or self.lines

    def body_lines(self) -> list[tuple[int, str]]:
        """The (1-based line number, text) pairs of the article body, in simplified Chinese;
        boilerplate inside a line (a URL in a one-line article) is blanked with spaces, so
        offsets stay those of the line."""
        lines = list(self.text_lines)
        for index, start, end in self.masked:
            lines[index] = lines[index][:start] + " " * (end - start) + lines[index][end:]
        return [(i + 1, text) for i, (text, keep) in enumerate(zip(lines, self.body)) if keep]


@dataclass(frozen=True)
class Quantity:
    """A numeric expression found in a line of text (numbers stage)."""

    start: int  # character offsets in the line
    end: int
    text: str
    value: float
    value_high: float | None = None  # upper end of a range
    resolution: float = 1.0  # the size of the last reported digit, in the value's scale
    marker: str = ""  # approximate marker written with the number: 约, 多, 超过, 近 ...
    ordinal: bool = False  # 第N
    chinese: bool = False  # written with Chinese numerals only
    percent: bool = False  # 7.6% or 百分之七点六 (value in percent)
    fraction: bool = False  # 1/3 or 三分之一 (value in percent)
    unit: str = ""  # a unit written inside the number: 元 of 十一元五角 (11.5)


@dataclass(frozen=True)
class Claim:
    """A numeric claim: what a number in an article says about what, when."""

    claim_id: str
    doc: str
    line: int
    start: int
    end: int
    quote: str
    sentence: str
    subject: str
    metric: str
    value: float
    value_high: float | None
    unit: str
    qualifier: str  # exact, approx, lower_bound, upper_bound, range, estimate, cumulative
    period: str  # "2023", "2022-01..2022-09", "2016..2020", "" when unknown
    kind: str  # amount, count, growth, share, rank, rank_change, top_n, duration, area, event_year, ...
    dimension: str = ""  # money, people, count, percent, rank, area, time, mass, ...
    resolution: float = 1.0  # last reported digit, in base units: tolerance comes from it
    period_source: str = ""  # explicit, relative, inferred, default
    period_text: str = ""  # the words that set the period: 去年, 2023年以来, 预计2023年
    scope: tuple[str, ...] = ()  # scope words of the metric: 新增, 累计, 规上, 省级以上 ...
    reference: str = ""  # what a change is measured against: 上年 for 比上年提升4位
    subject_source: str = ""  # "text" when the sentence names it, "home" for the article's place
    published: str = ""  # the article's publication date (ISO), which an undated figure is "as of"

    @property
    def dimension_key(self) -> tuple[str, str]:
        return (self.kind, self.dimension)


@dataclass(frozen=True)
class ClaimRef:
    """One side of a claim finding, as the report and JSON show it."""

    doc: str
    line: int
    quote: str
    claim_id: str
    value: float
    unit: str
    period: str
    metric: str = ""
    subject: str = ""
    qualifier: str = ""
    period_text: str = ""
    sentence: str = ""

    @classmethod
    def of(cls, claim: Claim) -> ClaimRef:
        return cls(
            doc=claim.doc,
            line=claim.line,
            quote=claim.quote,
            claim_id=claim.claim_id,
            value=claim.value,
            unit=claim.unit,
            period=claim.period,
            metric=claim.metric,
            subject=claim.subject,
            qualifier=claim.qualifier,
            period_text=claim.period_text,
            sentence=claim.sentence,
        )


@dataclass(frozen=True)
class PassageRef:
    """One side of a duplicated passage."""

    doc: str
    start_line: int
    end_line: int
    text: str


@dataclass(frozen=True)
class Finding:
    """A verdict about two or more claims, or a duplicated passage."""

    type: str  # one of FINDING_TYPES
    severity: str  # one of SEVERITIES
    reason: str  # one sentence an editor can act on
    items: tuple[ClaimRef | PassageRef, ...]
    rule: str = "direct"  # direct, rank_change, growth, difference, sum, internal, passage
    details: tuple[tuple[str, object], ...] = field(default=())
    also: tuple[ClaimRef, ...] = ()  # other sources of one of the values; not part of the identity

    def detail(self, key: str, default: object = None) -> object:
        return dict(self.details).get(key, default)

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(item.doc for item in self.items))

    @cached_property  # the report, the JSON and the baseline each ask
    def fingerprint(self) -> str:
        """Identity that survives edits elsewhere in the files: no line numbers."""
        parts = [self.type, self.rule]
        for item in sorted(self.items, key=_item_key):
            parts.append("|".join(str(p) for p in _item_key(item)))
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def _item_key(item: ClaimRef | PassageRef) -> tuple:
    if isinstance(item, ClaimRef):
        return (item.doc, _squash(item.quote), repr(item.value), _squash(item.sentence))
    return (item.doc, _squash(item.text)[:200])


def _squash(text: str) -> str:
    return "".join(text.split())
