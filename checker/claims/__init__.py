"""Claims: an Article -> the numeric claims of its body (and the numbers that are not claims).

For each number the numbers stage finds in a body line, decide whether it is a claim or
not (a date that anchors a period, a version label, a name, a number inside a quoted
slogan, an idiom), and for a claim resolve its unit and base value, kind, qualifier,
period (去年 in an article of 2024-06-06 is 2023), subject and metric. The numbers that
are skipped are returned with the reason, so the report can say what was not checked.

The stage in modules, one a decision: line (a line's text structure, read once), kinds
(is it a claim; unit and kind), qualifiers, period, subject, metric (with scopes, 分别
lists and 均居 ranks), and draft (the claim being assembled). This module reads each
line's numbers through them and makes the drafts Claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import phrases
from ..models import Article, Claim, Quantity
from ..numbers import stated_values
from .draft import Draft
from .kinds import falls, label_reason, reference, shape, unit_after
from .line import Line, read_line
from .metric import all_of_previous, expand_all_of, name_metrics, scope_words_in
from .period import (
    YearsInForce,
    as_of_today,
    claim_period,
    event_year,
    is_stock,
    names_one_day,
    period_containing,
    period_for,
    reported_year_at_start,
)
from .qualifiers import qualifier, suffix_marker
from .subject import (
    home_place,
    name_documents,
    name_subjects,
    name_titled_works,
    without_subject,
)

__all__ = ["Extraction", "Skipped", "extract_claims"]

_MAY_HOLD_NUMBER = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟首榜倍翻]")
_CONTEXT = 4  # characters shown on each side of a number that is not a claim


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


def extract_claims(article: Article) -> Extraction:
    """All claims of an article's body, in line order, and the numbers that are not claims."""
    publication_year = article.date.year if article.date else None
    published = article.date if article.date and article.date_source != "content" else None
    inferred = article.date_source == "content"
    drafts: list[Draft] = []
    skipped: list[Skipped] = []
    numbers = 0
    years = YearsInForce(reported_year_at_start(article))
    for line_number, written in article.body_lines():
        story = years.enter(written)
        if not _MAY_HOLD_NUMBER.search(written):
            continue
        line = read_line(line_number, written, publication_year, inferred, years.context, published)
        years.read(line, story)
        line_drafts, line_skipped = _line_claims(line)
        drafts.extend(line_drafts)
        skipped.extend(Skipped(article.doc, line_number, *details) for details in line_skipped)
        numbers += len(line.quantities)
    home = home_place(drafts, "\n".join(text for _, text in article.body_lines()), "\n".join(article.text_lines))
    claims = tuple(_finish(article, draft, home, index) for index, draft in enumerate(drafts))
    return Extraction(claims, tuple(skipped), numbers)


def _line_claims(line: Line) -> tuple[list[Draft], list[tuple[str, str, str]]]:
    """The claims of one line, numbers first, then the sentence around each; and the
    numbers that are not claims: (text, reason, context)."""
    drafts: list[Draft] = []
    skipped: list[tuple[str, str, str]] = []
    for quantity in line.quantities:
        result = _classify(line, quantity)
        if isinstance(result, str):
            context = line.written[max(0, quantity.start - _CONTEXT) : quantity.end + _CONTEXT]
            skipped.append((quantity.text, result, context.strip()))
        else:
            drafts.append(result)
    name_subjects(line, drafts)
    name_titled_works(line, drafts)
    name_metrics(line, drafts)
    name_documents(line, drafts)
    return expand_all_of(line, drafts), skipped


def _classify(line: Line, q: Quantity) -> Draft | str:
    """The draft of a claim, or why the number is not one."""
    period = period_containing(line, q)
    if period is not None:
        return event_year(line, q, period) or "time expression (sets a period)"
    reason = label_reason(line, q)
    if reason:
        return reason
    unit, unit_end = unit_after(line, q)
    figure = shape(line, q, unit, unit_end)
    if isinstance(figure, str):
        return figure
    kind, base_unit, dimension, factor, end = figure
    suffix = suffix_marker(line, end)
    stated, stated_high = stated_values(q)
    value = stated * factor
    value_high = stated_high * factor if stated_high is not None else None
    if kind in ("growth", "rank_change") and falls(line, q) and value > 0:  # 下降-3.8%: the sign says it once
        value, value_high = -value, (-value_high if value_high is not None else None)
    start = q.start - 1 if q.ordinal else q.start
    return Draft(
        line=line.number,
        start=start,
        end=end + len(suffix),
        sentence=line.sentence_of(q.start),
        quantity=q,
        value=value,
        value_high=value_high,
        unit=base_unit,
        dimension=dimension,
        kind=kind,
        qualifier=qualifier(line, q, suffix),
        period=period_for(line, q.start),
        resolution=(1.0 if q.ordinal else q.resolution) * factor,  # 第十批 is the tenth, not about ten
        reference=reference(line, q),
        all_of_previous=kind == "rank" and all_of_previous(line, start),
        as_of_today=as_of_today(line, q.start),
        one_day=names_one_day(line, q.start),
    )


def _finish(article: Article, draft: Draft, home: str, index: int) -> Claim:
    published = article.date if article.date and article.date_source != "content" else None
    draft.scope = tuple(dict.fromkeys(draft.scope + scope_words_in(draft.metric)))
    line = article.lines[draft.line - 1]
    start, end = draft.start, draft.end
    sentence = line[draft.sentence[0] : draft.sentence[1]].strip()
    subject = phrases.normalize_subject(draft.subject, home) if draft.subject else home
    named = bool(draft.subject) and subject != home
    period = claim_period(draft, published)
    return Claim(
        claim_id=f"{article.doc.removesuffix('.txt')}-L{draft.line}-{index + 1}",  # the path: east/x and west/x differ
        doc=article.doc,
        line=draft.line,
        start=start,
        end=end,
        quote=line[start:end],
        sentence=sentence,
        subject=subject,
        metric=without_subject(draft.metric, (subject, home)),
        value=_clean(draft.value),
        value_high=_clean(draft.value_high) if draft.value_high is not None else None,
        unit=draft.unit,
        qualifier=draft.qualifier,
        period=period.label,
        kind=draft.kind,
        dimension=draft.dimension,
        resolution=draft.resolution,
        period_source=draft.period.source,
        period_text=draft.period.text,
        scope=_scope(draft),
        reference=draft.reference,
        subject_source="text" if named else "home",
        published=article.date.isoformat() if article.date else "",
    )


def _scope(draft: Draft) -> tuple[str, ...]:
    """累计 says nothing more of a stock (累计拥有人才97名 = 拥有人才97名)."""
    return tuple(s for s in draft.scope if s != "累计") if is_stock(draft) else draft.scope


def _clean(value: float) -> float:
    """Drop binary noise from decimal arithmetic: 1317.72 * 1e8 -> 131772000000.0."""
    return float(f"{value:.10g}") if value else 0.0
