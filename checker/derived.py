"""Derived checks: claims (and duplicated passages) -> findings computed by arithmetic.

- rank change vs ranks: "第29位, 比上年提升4位" implies 第33位 the year before, compared
  with any source that states that year's rank;
- growth vs levels: a stated growth rate against two stated yearly values of its metric;
- stated differences: "比上年增加X" against the two yearly values;
- parts vs whole: parts (三次产业增加值) that must add up to a whole (生产总值), in one article;
- copied passages: a number that changed inside a duplicated passage.
Each finding names the claims it used and the arithmetic.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from functools import cache

from .display import format_value
from .match import (
    comparable,
    identity_doubt,
    interval,
    metric_key,
    misstatement_shaped,
    same_metric,
    values_agree,
)
from .models import Claim, ClaimRef, Finding
from .rules import load_toml

COPY_IDENTITY = 75.0  # % identity above which a passage is a copy whose changed numbers contradict


def derived_findings(claims: Sequence[Claim], focus: Collection[str] | None = None) -> list[Finding]:
    index = _ClaimIndex(claims)
    findings = _rank_changes(claims, index) + _growth_against_levels(claims, index)
    findings += _differences_against_levels(claims, index) + _parts_against_whole(claims)
    if focus is not None:
        findings = [f for f in findings if any(item.doc in focus for item in f.items)]
    return findings


class _ClaimIndex:
    """Comparable claims by subject, kind and period, then by metric key, for quick lookups."""

    def __init__(self, claims: Iterable[Claim]):
        self._by_key: dict[tuple[str, str, str], dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
        for claim in claims:
            if comparable(claim):
                self._by_key[(claim.subject, claim.kind, claim.period)][metric_key(claim.metric)].append(claim)

    def find(self, like: Claim, kind: str, period: str) -> list[Claim]:
        """Claims of a kind and period about the same subject, metric and scope as ``like``."""
        key = metric_key(like.metric)
        scope = set(like.scope) - {"新增"}
        by_metric = self._by_key.get((like.subject, kind, period), {})
        return [
            c
            for other, found in by_metric.items()
            if same_metric(other, key, ranking=kind == "rank")
            for c in found
            if set(c.scope) - {"新增"} == scope
        ]


def previous_period(period: str) -> str:
    """The year before a single-year period, else empty."""
    return str(int(period) - 1) if period.isdigit() else ""


def _same_sentence_before(claims: Sequence[Claim], claim: Claim, kind: str) -> Claim | None:
    """The closest claim of a kind written before this one in its sentence."""
    found = [
        c for c in claims
        if c.doc == claim.doc and c.line == claim.line and c.sentence == claim.sentence
        and c.kind == kind and c.start < claim.start
    ]  # fmt: skip
    return max(found, key=lambda c: c.start) if found else None


# --- rank change vs ranks ----------------------------------------------------------------


def _rank_changes(claims: Sequence[Claim], index: _ClaimIndex) -> list[Finding]:
    findings = []
    for change in claims:
        if change.kind != "rank_change" or change.reference != "上年":
            continue
        rank = _same_sentence_before(claims, change, "rank")
        year_before = previous_period(rank.period) if rank else ""
        if not rank or not year_before:
            continue
        implied = rank.value + change.value
        arithmetic = f"{format_value(rank.value, '位')} + {change.value:g} places gained = 第{implied:g}位 in {year_before}"
        for stated in index.find(rank, "rank", year_before):
            agree = math.isclose(stated.value, implied)
            verdict = "agrees with" if agree else "contradicts"
            reason = (
                f"Derived: {rank.doc}:{rank.line} says {rank.quote} in {rank.period} and {change.quote} on the year "
                f"before, so {arithmetic}; {stated.doc}:{stated.line} states {stated.quote} for {year_before}: "
                f"it {verdict} the derived rank"
            )
            findings.append(_derived("agreement" if agree else "contradiction", reason, "rank_change", (rank, change, stated)))
    return findings


# --- growth and differences vs levels ----------------------------------------------------


def _growth_against_levels(claims: Sequence[Claim], index: _ClaimIndex) -> list[Finding]:
    findings = []
    for growth in claims:
        if growth.kind != "growth" or growth.unit != "%" or not comparable(growth) or _real_growth(growth):
            continue
        pair = _levels(growth, index)
        if pair is None:
            continue
        now, before = pair
        low, high = _ratio_bounds(now, before)
        own = interval(growth)
        agree = own.low <= high and low <= own.high
        if not agree and not misstatement_shaped(now.value, before.value * (1 + growth.value / 100)):
            continue  # 五一假期花费1854.92亿元 over a full year's 575.49亿元: two quantities, not a check
        reason = (
            f"Derived: {now.quote} ({now.period}, {now.doc}:{now.line}) over {before.quote} ({before.period}, "
            f"{before.doc}:{before.line}) is a growth of {low:.2f}% to {high:.2f}% given the digits reported; "
            f"{growth.doc}:{growth.line} states {growth.quote}"
        )
        findings.append(_derived("agreement" if agree else "contradiction", reason, "growth", (growth, now, before)))
    return findings


def _real_growth(growth: Claim) -> bool:
    """按可比价计算 (or 扣除价格因素, 实际增长), or an aggregate (生产总值, 增加值, 社会物流总额)
    whose growth is real by convention."""
    key, table = metric_key(growth.metric).replace(" ", ""), load_toml("synonyms.toml")["real_growth"]
    before = growth.sentence[: max(growth.sentence.find(growth.quote), 0)]
    clause = re.split(r"[，,；;。]", before)[-1]  # 增长10.0%,扣除价格因素增长6.0%: each growth says which it is
    return any(word in clause for word in table["markers"]) or any(word in key for word in table["words"])


def _levels(change: Claim, index: _ClaimIndex) -> tuple[Claim, Claim] | None:
    """The level a change is stated with (same sentence) and a level of the year before (any source)."""
    year_before = previous_period(change.period)
    if not year_before:
        return None
    now = [
        c for c in index.find(change, "amount", change.period)
        if c.qualifier in ("exact", "cumulative") and (c.doc, c.line, c.sentence) == (change.doc, change.line, change.sentence)
    ]  # fmt: skip
    before = [c for c in index.find(change, "amount", year_before) if c.qualifier in ("exact", "cumulative")]
    now = [c for c in now if "新增" not in c.scope]
    before = [c for c in before if "新增" not in c.scope]
    if not now or not before:
        return None
    return min(now, key=_order), min(before, key=_order)


def _order(claim: Claim) -> tuple:
    return (claim.doc, claim.line, claim.start)


def _ratio_bounds(now: Claim, before: Claim) -> tuple[float, float]:
    """Growth in % between two levels, at the extremes their rounding allows."""
    n_low, n_high = now.value - now.resolution / 2, now.value + now.resolution
    b_low, b_high = before.value - before.resolution / 2, before.value + before.resolution
    return (n_low / b_high - 1) * 100, (n_high / b_low - 1) * 100


def _differences_against_levels(claims: Sequence[Claim], index: _ClaimIndex) -> list[Finding]:
    findings = []
    for difference in claims:
        if difference.kind != "amount" or difference.reference != "上年" or "新增" not in difference.scope:
            continue
        pair = _levels(difference, index)
        if pair is None:
            continue
        now, before = pair
        computed = now.value - before.value
        slack = now.resolution + before.resolution + difference.resolution
        agree = abs(computed - difference.value) <= slack
        reason = (
            f"Derived: {now.quote} ({now.period}) − {before.quote} ({before.period}) = "
            f"{format_value(computed, now.unit)}; {difference.doc}:{difference.line} states an increase of "
            f"{difference.quote} (tolerance {format_value(slack, now.unit)})"
        )
        findings.append(_derived("agreement" if agree else "contradiction", reason, "difference", (difference, now, before)))
    return findings


# --- parts vs whole ----------------------------------------------------------------------


@cache
def _parts_table() -> dict[str, list[str]]:
    return load_toml("synonyms.toml")["parts"]


def _parts_against_whole(claims: Sequence[Claim]) -> list[Finding]:
    findings = []
    by_article: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind == "amount" and claim.qualifier in ("exact", "cumulative") and "新增" not in claim.scope:
            by_article[(claim.doc, claim.subject, claim.period, claim.unit)].append(claim)
    for group in by_article.values():
        for whole_metric, part_metrics in _parts_table().items():
            found = _sum_check(group, whole_metric, part_metrics)
            if found:
                findings.append(found)
    return findings


def _sum_check(group: list[Claim], whole_metric: str, part_metrics: list[str]) -> Finding | None:
    whole = next((c for c in group if metric_key(c.metric) == metric_key(whole_metric)), None)
    parts = [next((c for c in group if part in c.metric), None) for part in part_metrics]
    if whole is None or any(p is None for p in parts):
        return None
    total = sum(p.value for p in parts)
    slack = sum(p.resolution for p in parts) + whole.resolution  # one unit of the last digit each
    agree = abs(total - whole.value) <= slack
    arithmetic = " + ".join(p.quote for p in parts)
    reason = (
        f"Derived: {arithmetic} = {format_value(total, whole.unit)} against {whole.quote} "
        f"({whole.doc}:{whole.line}, tolerance {format_value(slack, whole.unit)})"
    )
    return _derived("agreement" if agree else "contradiction", reason, "sum", (whole, *parts))


# --- numbers changed in copied passages --------------------------------------------------


def contradictions_in_passages(
    passages: Iterable[Finding], claims: Sequence[Claim], existing: Iterable[Finding]
) -> list[Finding]:
    """A copied passage whose numbers changed: the strongest evidence of a contradiction."""
    at: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for claim in claims:
        at[(claim.doc, claim.line)].append(claim)
    known = {frozenset(i.claim_id for i in f.items) for f in existing if f.type == "contradiction"}
    findings = []
    for passage in passages:
        if (passage.detail("identity") or 0) < COPY_IDENTITY:
            continue
        changes: tuple = passage.detail("number_changes", ()) or ()  # type: ignore[assignment]
        for (doc_a, line_a, text_a), (doc_b, line_b, text_b) in changes:
            a = _claim_quoting(at[(doc_a, line_a)], text_a)
            b = _claim_quoting(at[(doc_b, line_b)], text_b)
            if a is None or b is None or not _same_quantity(a, b) or values_agree(a, b) or identity_doubt(a, b):
                continue  # a template reused for another day or event (本次发行包括5个期限品种) is no copy of a figure
            if frozenset((a.claim_id, b.claim_id)) in known:
                continue
            identity = passage.detail("identity")
            reason = (
                f"Copied passage ({identity}% identical) changes a number: {a.quote} in {a.doc}:{a.line} "
                f"vs {b.quote} in {b.doc}:{b.line} ({format_value(a.value, a.unit)} vs {format_value(b.value, b.unit)})"
            )
            dated = a.period_source == b.period_source == "explicit"  # 今日…售价调整至: prices change
            one_change = len(changes) == 1  # a template reused changes several
            severity = "error" if dated and one_change and "estimate" not in (a.qualifier, b.qualifier) else "warning"
            findings.append(Finding("contradiction", severity, reason, (ClaimRef.of(a), ClaimRef.of(b)), rule="copied_passage"))
    return findings


def _same_quantity(a: Claim, b: Claim) -> bool:
    """Two numbers at the same place of a copy in another article that claim the same thing
    (not an update to another year, not another scope, not a parallel sentence about another
    subject, not the next session of a meeting in a template sentence: 第十八次 vs 第十九次)."""
    return (
        a.doc != b.doc
        and a.dimension != "ordinal"
        and (a.subject, a.kind, a.unit) == (b.subject, b.kind, b.unit)
        and set(a.scope) == set(b.scope)
        and same_metric(metric_key(a.metric), metric_key(b.metric), ranking=a.kind == "rank")
        and a.period == b.period
    )


def _claim_quoting(candidates: list[Claim], text: str) -> Claim | None:
    return next((c for c in candidates if text in c.quote or c.quote in text), None)


def _derived(kind: str, reason: str, rule: str, claims: tuple[Claim, ...]) -> Finding:
    severity = "info" if kind == "agreement" else "warning"
    return Finding(kind, severity, reason, tuple(ClaimRef.of(c) for c in claims), rule=rule)
