"""Match: the claims of all documents -> findings about how they relate.

Claims are compared only inside a block (same subject, kind and unit dimension), so cost
does not grow with the square of all claims. Inside a block, metric phrases are grouped by
text similarity (rapidfuzz over jieba tokens, after the synonym table) and split by scope
words (新增 vs 累计, 规上 vs 全部). Claims of one metric and period are compared with a
tolerance derived from the digits each source reported: agreement, contradiction, or
related-but-different-scope; different periods make a trend (period_difference).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations

from . import phrases
from .display import format_value
from .keys import is_specific, measures_a_flow, metric_key, same_metric, word_set
from .models import Claim, ClaimRef, Finding
from .periods import period_words
from .rules import written_qualifier

_RANKINGS = ("rank", "top_n")
_DATED_CHANGES = ("growth", "change", "rank_change")  # of the time they happen, never "as of" a later day
_EXACT_LIKE = {"exact", "cumulative", "estimate"}
_UNRELIABLE_PERIOD = {"relative", "inferred", "default", "as_of"}


@dataclass(frozen=True)
class Interval:
    """The values a claim allows, given its qualifier and reported resolution."""

    low: float
    high: float
    exact: bool  # stated as a plain figure, to be compared digit by digit


# --- tolerance ---------------------------------------------------------------------------


def interval(claim: Claim, confirming: bool = False) -> Interval:
    """The values a claim allows; or, ``confirming``, those it pins down: 突破8万 allows any
    figure above 8万 but pins one of 8万 to 9万 (the next unit of its last digit), as news
    rounds a figure down to state it as a bound."""
    v, r = claim.value, abs(claim.resolution) or 1.0
    high_value = claim.value_high if claim.value_high is not None else v
    qualifier = _stated_as(claim)
    if qualifier == "range":
        return Interval(v - r / 2, high_value + r / 2, False)
    if qualifier == "lower_bound":  # 预计超5.4万亿元: a forecast stated as a bound is a bound
        step = _more_step(claim, r) if _bounded_above(claim) else r
        return Interval(v, v + step if confirming or _bounded_above(claim) else math.inf, False)
    if qualifier == "upper_bound":
        return Interval(v - r if confirming or _near(claim) else -math.inf, v, False)
    if qualifier == "approx":
        return Interval(v - 1.5 * r, v + 1.5 * r, False)
    return Interval(v - r / 2, v + r, True)


def _stated_as(claim: Claim) -> str:
    """The qualifier that sets a claim's interval: a forecast stated as a bound or a range
    (预计超5.4万亿元, 预计3至5个) is that bound or range."""
    if claim.qualifier != "estimate":
        return claim.qualifier
    return "range" if claim.value_high is not None else written_qualifier(claim.quote)


def _bounded_above(claim: Claim) -> bool:
    """120多万, 800余人: more, but less than the next unit of the last digit."""
    return bool(re.search(r"\d[多余]|[十百千万亿][多余]", claim.quote))


def _more_step(claim: Claim, resolution: float) -> float:
    """40多 is 40 to 49, 120多万 120万 to 129万, 100多 100 to 199: 多 stands for less than one
    unit of the last non-zero digit."""
    digits = re.search(r"(\d+)[多余]", claim.quote.replace(",", ""))
    if not digits or not int(digits.group(1)):
        return resolution
    written = digits.group(1)
    scale = claim.value / int(written)
    return 10 ** (len(written) - len(written.rstrip("0"))) * scale


def _near(claim: Claim) -> bool:
    return claim.quote.lstrip().startswith(("近", "将近", "接近"))


def values_agree(a: Claim, b: Claim, confirming: bool = False) -> bool:
    """Equal within the precision both sources reported (rounding or truncation); ``confirming``,
    close enough that one confirms the other: a reported bound confirms only a figure near its
    edge (突破8万: 80846, not 9.5万; 超172亿元 and 近238亿元 confirm nothing), while a forecast
    stated as a bound (预计超540亿元) is met by any figure above it."""
    ia, ib = (interval(c, confirming and c.qualifier != "estimate") for c in (a, b))
    if ia.exact and ib.exact:
        return _digits_agree(a, b)
    if not ia.exact and not ib.exact and (ia.high == ib.low or ib.high == ia.low):
        return True  # 近4万 and 4万多: both about 4万, from either side
    return ia.low < ib.high and ib.low < ia.high or ia.low == ib.low


def _digits_agree(a: Claim, b: Claim) -> bool:
    """The coarser figure is the finer one rounded or truncated to the coarser's last digit."""
    coarse, fine = (a, b) if a.resolution >= b.resolution else (b, a)
    step = coarse.resolution or 1.0
    if math.isclose(coarse.resolution, fine.resolution, rel_tol=1e-9):
        return math.isclose(coarse.value, fine.value, rel_tol=1e-9, abs_tol=step * 1e-6)
    units = fine.value / step
    candidates = (math.floor(units + 0.5) * step, math.trunc(units) * step)
    return any(math.isclose(coarse.value, c, rel_tol=1e-9, abs_tol=step * 1e-6) for c in candidates)


def tolerance_text(claim: Claim) -> str:
    unit = claim.unit
    step = format_value(claim.resolution, unit)
    text = {
        "approx": f"approximate (约/左右): ±{format_value(1.5 * claim.resolution, unit)}",
        "lower_bound": "a lower bound",
        "upper_bound": "an upper bound",
        "range": "a range",
    }.get(claim.qualifier, f"reported to {step}")
    return text


def difference_percent(a: Claim, b: Claim) -> float:
    base = max(abs(a.value), abs(b.value))
    return 0.0 if base == 0 else abs(a.value - b.value) / base * 100


# --- periods -----------------------------------------------------------------------------


def period_span(claim: Claim) -> tuple[int, int] | None:
    """The months a claim's period covers, as (first, last) month numbers."""
    return _span(claim.period, claim.period_source, claim.kind in _DATED_CHANGES)


@lru_cache(maxsize=4096)
def _span(label: str, source: str, change: bool = False) -> tuple[int, int] | None:
    if not label:
        return None
    parts = label.partition("#")[0].split("..")  # 2024-01..2024-02#春节假期: the months of a holiday
    first, last = _month(parts[0], start=True), _month(parts[-1], start=False)
    if first is None or last is None:
        return None
    if source in ("default", "as_of", "inferred") and ".." not in label and not change:
        first -= 12  # "as of publication": a level may be the year before's (a change is of its day)
    return first, last


def _month(text: str, start: bool) -> int | None:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-\d{2})?", text)
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else (1 if start else 12)
    return year * 12 + month - 1


def _stated(claim: Claim) -> bool:
    return claim.period_source not in ("default", "as_of")


def period_relation(a: Claim, b: Claim) -> str:
    """same, overlap (worded differently, or one contains the other), different, or unknown.

    A figure with no period words is of the year the article reports on. A level or rate in a
    review of an earlier year has that year for its period; any other such figure is "as of"
    its publication, and two of them are the same period when published the same day, or, for
    a stock (目前共有企业640家), within a quarter of each other: daily news restates counts and
    running totals (death tolls, areas burnt, drones shot down) that change every day.
    """
    if a.dimension == b.dimension == "ordinal":
        return "same"  # 第三批: which edition something belongs to does not change with time
    if _timeless(a) and _timeless(b):
        return "same"  # 总投资, 占地, 建设周期 of a named project: whenever they are stated
    sa, sb = period_span(a), period_span(b)
    if sa is None or sb is None:
        return "unknown"
    if not _stated(a) and not _stated(b):
        if a.period != b.period:
            return "different"
        if not (_as_of_publication(a) or _as_of_publication(b)) and "count" not in (a.kind, b.kind):
            return "same"  # levels in reviews of an earlier year (一月发布…城镇居民收入77364元)
        return _as_of_relation(a, b)
    if a.period == b.period and any(c.period_source == "default" and c.kind == "count" and _as_of_publication(c) for c in (a, b)):
        return _as_of_relation(a, b)  # 今年引入30多架无人机 vs 击落200多架无人机 of another day
    if a.period == b.period or _year_and_its_end(a.period, b.period):
        return "same"
    if "#" in a.period or "#" in b.period:
        return "different"  # a holiday or season against any other period
    if "-" in a.period or "-" in b.period:
        return "different"  # a quarter or months against another span: another flow
    if ".." in a.period and ".." in b.period:
        return "different"  # 2021..2023 vs 2021..2024: a total over another run of years
    if any(".." in c.period and not _so_far(c) for c in (a, b)):
        return "different"  # 过去十年…下降5.3% vs 2024年…下降5.3%: a run of years is not one of them
    if sa[0] <= sb[1] and sb[0] <= sa[1]:
        return "overlap"
    return "different"


def _so_far(claim: Claim) -> bool:
    """2023年以来, 十四五以来: a span still open, whose total is the year's so far."""
    return any(word in claim.period_text for word in period_words("since", "closing"))


def _as_of_relation(a: Claim, b: Claim) -> str:
    window = AS_OF_WINDOW_DAYS if _stock(a) and _stock(b) else 0
    return "same" if _published_within(a, b, window) else "different"


def _as_of_publication(claim: Claim) -> bool:
    return bool(claim.published) and claim.period == claim.published[:4]


def _stock(claim: Claim) -> bool:
    """目前共有企业640家, 上市公司总数达21家: a count of things that exist, which holds for a
    while; death tolls, burnt areas, running totals and bare counts of events in daily news
    (击退…10个定居点的攻击) change from one day to the next."""
    stated_as_stock = claim.period_source == "as_of" or _words_before(claim, "stock")
    return claim.kind == "count" and claim.dimension == "count" and stated_as_stock and not measures_a_flow(claim.metric)



def _year_and_its_end(first: str, second: str) -> bool:
    """2023 and 2023-12-31: a level stated for a year is its level at the year's end."""
    return {first, second} == {first[:4], first[:4] + "-12-31"}


AS_OF_WINDOW_DAYS = 92  # two undated figures of one reporting year, published this close, are one period


def _published(claim: Claim) -> dt.date | None:
    return dt.date.fromisoformat(claim.published) if claim.published else None


def _published_within(a: Claim, b: Claim, days: int) -> bool:
    first, second = _published(a), _published(b)
    if first is None or second is None:
        return first == second
    return abs((first - second).days) <= days


# --- the stage ---------------------------------------------------------------------------


def match_claims(claims: Sequence[Claim], focus: Collection[str] | None = None) -> list[Finding]:
    """All findings between claims that share subject, kind, dimension and metric."""
    findings: list[Finding] = []
    for group in metric_groups(claims, focus):
        findings.extend(_compare_group(group, focus))
    return sort_findings(findings)


def comparable(claim: Claim) -> bool:
    """Whether a claim says enough about what it measures to be compared with others."""
    if claim.kind == "event_year" or claim.reference in ("上月", "对比", "区间"):
        return False  # changes against last month or another figure, ends of an undated change
    key = metric_key(claim.metric) if claim.metric else ""
    if len(key) == 1 or (claim.kind == "count" and _bare_noun(key)):
        return False  # 距台北160公里; 12个专题 vs 21个专题, 46个大项: of what, the figure does not say
    if claim.kind in _RANKINGS and _names_only_where_ranked(key):
        return False  # 位居全球第一: of what, the figure does not say (货物贸易总额? 网民规模?)
    project = phrases.is_organisation(claim.subject)
    return _says_what_it_measures(claim.metric, claim.subject_source == "text", project)


def _names_only_where_ranked(key: str) -> bool:
    """全球, 世界 排名, 成为 全国: a rank's key that names where it is held but no list or quantity."""
    rank = phrases.phrase_table()["rank"]
    where = {*rank["words"], *rank["scopes"], *rank["scope_of_rank"], *rank["joins_top_n"]}
    return all(word in where for word in key.split())


def _bare_noun(key: str) -> bool:
    """One word of at most two characters (专题, 港口, 场馆): a kind of thing, not which ones."""
    return " " not in key and len(key) <= _BARE_NOUN_AT_MOST


_BARE_NOUN_AT_MOST = 2


@lru_cache(maxsize=200_000)
def _says_what_it_measures(metric: str, subject_named: bool, project: bool) -> bool:
    key = metric_key(metric) if metric else ""
    if key and not is_specific(key) and _is_attribute(key.split()[-1]):
        return project  # 总投资, 占地: compared only as attributes of a named project
    if not key or not is_specific(key) or metric.startswith("占"):
        return False  # 占外贸总值的15.4%: a share of what, the sentence does not say
    return subject_named or not any(_is_attribute(word) for word in key.split())


def _timeless(claim: Claim) -> bool:
    """An attribute of a named project or building (its investment, land, construction time)."""
    key = metric_key(claim.metric)
    return phrases.is_organisation(claim.subject) and bool(key) and _is_attribute(key.split()[-1])


def _is_attribute(word: str) -> bool:
    return word in word_set("attributes") or word.endswith(_ATTRIBUTE_ENDINGS)


_ATTRIBUTE_ENDINGS = ("面积", "投资", "占地")


def block_key(claim: Claim) -> tuple[str, str, str, str]:
    """Claims are compared only inside a block: same subject, kind, dimension and unit."""
    return (claim.subject, claim.kind, claim.dimension, claim.unit)


def metric_groups(claims: Iterable[Claim], focus: Collection[str] | None = None) -> list[list[Claim]]:
    """Claims about the same subject and metric (blocking, then metric clustering); with focus,
    only the groups that hold a claim of a focus document."""
    blocks: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        if comparable(claim):
            blocks[block_key(claim)].append(claim)
    groups = []
    for key in sorted(blocks):
        if focus is not None and not any(c.doc in focus for c in blocks[key]):
            continue
        for cluster in metric_clusters(blocks[key]):
            if len(cluster) >= 2 and (focus is None or any(c.doc in focus for c in cluster)):
                groups.append(cluster)
    return groups


def metric_clusters(block: list[Claim]) -> list[list[Claim]]:
    """The claims of one block, grouped by metric: keys linked by same_metric, transitively."""
    ranking = block[0].kind in _RANKINGS
    keys = sorted({metric_key(c.metric) for c in block} - {""})
    if not keys:
        return []
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _similar_pairs(keys, ranking):
        parent[root(i)] = root(j)
    index = {key: root(i) for i, key in enumerate(keys)}
    clusters: dict[int, list[Claim]] = defaultdict(list)
    for claim in block:
        key = metric_key(claim.metric)
        if key:
            clusters[index[key]].append(claim)
    return [sorted(c, key=_order) for _, c in sorted(clusters.items())]


def _similar_pairs(keys: list[str], ranking: bool) -> Iterable[tuple[int, int]]:
    """Pairs of metric keys that name the same quantity; keys sharing no word never are."""
    by_word: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        for word in set(key.split()):
            by_word[word].append(index)
    seen: set[tuple[int, int]] = set()
    for indexes in by_word.values():
        for position, i in enumerate(indexes):
            for j in indexes[position + 1 :]:
                if (i, j) not in seen:
                    seen.add((i, j))
                    if same_metric(keys[i], keys[j], ranking=ranking):
                        yield i, j


def _order(claim: Claim) -> tuple:
    return (claim.doc, claim.line, claim.start)


def _compare_group(group: list[Claim], focus: Collection[str] | None) -> list[Finding]:
    findings = []
    by_scope: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in group:
        by_scope[tuple(sorted(claim.scope))].append(claim)
    for scope_claims in by_scope.values():
        if focus is None or any(c.doc in focus for c in scope_claims):
            findings.extend(_compare_same_scope(scope_claims))
    findings.extend(_related_scopes(by_scope))
    if focus is not None:
        findings = [f for f in findings if any(item.doc in focus for item in f.items)]
    return findings


def _compare_same_scope(claims: list[Claim]) -> list[Finding]:
    findings = [_agreement(component) for component in _agreeing_components(claims)]
    by_period: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_period[_period_bucket(claim)].append(claim)
    for period in sorted(by_period):
        findings.extend(_contradictions(by_period[period]))
    findings.extend(_across_periods(by_period))
    return findings


def _period_bucket(claim: Claim) -> str:
    """Claims compared for contradictions: a project's attributes at any time; a year and its
    last day (2023, 2023-12-31) together."""
    if _timeless(claim):
        return ""
    label = claim.period
    return label[:4] if label.endswith("-12-31") and len(label) == 10 else label


def _agreeing_components(claims: list[Claim]) -> list[list[Claim]]:
    """Groups of claims that all agree with each other (compatible periods, equal within the
    precision reported), from two or more documents. The most precise claims found groups."""
    groups: list[list[Claim]] = []
    for claim in sorted(claims, key=lambda c: (c.resolution, _order(c))):
        home = next((g for g in groups if all(_compatible(member, claim) for member in g)), None)
        if home is None:
            groups.append([claim])
        else:
            home.append(claim)
    return [sorted(g, key=_order) for g in groups if len({c.doc for c in g}) >= 2]


def _compatible(a: Claim, b: Claim) -> bool:
    """Members of one agreement: a figure an article repeats (第29位 in its title and body)
    joins its group, though the same article's other ranks are never compared."""
    repeated = a.doc == b.doc and not _same_sentence(a, b) and metric_key(a.metric) == metric_key(b.metric)
    return (
        (repeated or _comparable_pair(a, b))
        and period_relation(a, b) in ("same", "overlap")
        and values_agree(a, b, confirming=True)
    )


def _comparable_pair(a: Claim, b: Claim) -> bool:
    """Metric groups are built transitively; a verdict needs the two metrics to match directly,
    and two figures of one article must be a restatement (same metric, different sentences,
    a level or rate rather than a count of things, which articles break down many ways)."""
    if not same_metric(metric_key(a.metric), metric_key(b.metric), ranking=a.kind in _RANKINGS):
        return False
    if a.doc != b.doc:
        return True
    if not a.subject or a.kind in _BREAKDOWN_KINDS or _same_sentence(a, b):
        return False  # 可获得价值100元…50元: items of a list, about nobody named
    return metric_key(a.metric) == metric_key(b.metric)


# Counts are broken down many ways in one article: on 1,423 news transcripts, comparing counts
# within an article added 110 contradictions, every one sampled false (8个行政村 vs 两个景区);
# ranks in one article are usually the places of a ranking's entries (排行榜第1位…第2位).
_BREAKDOWN_KINDS = ("count", "rank", "duration", "other", "top_n", "ratio", "change", "share")


def _value_groups(claims: list[Claim]) -> list[list[Claim]]:
    """Claims that all agree with each other, grouped (first claim of a group is its voice): a
    bound that agrees with two figures (123座以上: 123座, 128座) never joins them into one."""
    groups: list[list[Claim]] = []
    for claim in sorted(claims, key=lambda c: (c.resolution, _order(c))):
        home = next((g for g in groups if all(values_agree(member, claim) for member in g)), None)
        if home is None:
            groups.append([claim])
        else:
            home.append(claim)
    for group in groups:
        group.sort(key=_order)
    return sorted(groups, key=lambda g: _order(g[0]))


def _contradictions(claims: list[Claim]) -> list[Finding]:
    """Claims of one stated period whose values differ beyond what both reported."""
    findings = []
    groups = _value_groups(claims)
    for i, first in enumerate(groups):
        for second in groups[i + 1 :]:
            pair = _representatives(first, second)
            if pair is None:
                continue  # parallel figures (本地 5.3%; 外来 5.8%), not a restatement
            a, b = pair
            relation = period_relation(a, b)
            if relation == "same" and a.dimension == "ordinal":
                continue  # 第三次会议 vs 第五次会议: two sessions of one body, not one fact stated twice
            elif relation == "same" and (doubt := identity_doubt(a, b)):
                findings.append(_related(a, b, doubt))
            elif relation == "same":
                findings.append(replace(_contradiction(a, b), also=_also_stated(first + second, a, b)))
            elif relation == "overlap" and a.doc != b.doc:
                findings.append(_related(a, b, "the period is not stated in both (as of publication)"))
    return findings


def identity_doubt(a: Claim, b: Claim) -> str:
    """Why two different figures of one key and period may still be two quantities ('' when
    nothing says so). Real news states many figures that share words; the same figure misstated
    is a near miss or a slip of digits, and it is of one day and one event."""
    if not misstatement_shaped(a.value, b.value):
        return "too far apart to be one figure misstated (neither a near miss nor a slip of digits): probably two quantities"
    forecasts = [c for c in (a, b) if c.qualifier == "estimate"]
    if len(forecasts) == 1 and _forecast_before_period(forecasts[0]):
        return f"{forecasts[0].doc} forecasts {forecasts[0].period} early in it or before: a forecast and an outcome"
    if len(forecasts) == 1 and _words_before(forecasts[0], "targets"):
        return f"{forecasts[0].doc} states a target (计划, 目标): a target and an outcome"
    if len(forecasts) == 2 and a.published != b.published:
        return "forecasts made on different days (a forecast is revised as the period goes on)"
    if a.published == b.published or (_timeless(a) and _timeless(b)):
        return ""
    unstated = [c for c in (a, b) if not _stated(c) and _as_of_publication(c)]
    if unstated:
        return f"{unstated[0].doc} gives no period (as of its day), the other source is of another day"
    running = [c for c in (a, b) if _words_before(c, "running") and _still_running(c)]
    if len(running) == 2:
        return "running totals (以来, 已) as of different days"
    if running and _grows_into(running[0], b if running[0] is a else a):
        return "a running total (以来, 已) of an earlier day, below the later figure: a running total only grows"
    if all(_words_before(c, "this_event") for c in (a, b)):
        return "figures of one event each (本次, 此次) in articles of different days: two events"
    return ""


def _grows_into(running: Claim, later: Claim) -> bool:
    """今年以来…964列 in December, 2024年…1017列 in January: the total so far was below the
    year's; a total so far above the later one (超400个, then 348个) is a contradiction."""
    return running.published < later.published and running.value <= later.value


def misstatement_shaped(first: float, second: float) -> bool:
    """Could one figure be the other misstated? A near miss (a revision, rounding, an estimate:
    less than a fifth apart) or a slip of digits: the point or multiplier moved (×10), two
    digits swapped or one dropped, in figures of two significant digits or more, or one digit
    after the first mistyped, in figures of three or more (17年 vs 13年 are two streaks)."""
    if max(abs(first), abs(second)) == 0 or abs(first - second) < _NEAR_MISS * max(abs(first), abs(second)):
        return True
    a, b = _significant_digits(first), _significant_digits(second)
    return min(len(a), len(b)) >= 2 and _digit_slip(a, b)


_NEAR_MISS = 0.2


def _significant_digits(value: float) -> str:
    return f"{abs(value):.6f}".replace(".", "").strip("0") or "0"


def _digit_slip(a: str, b: str) -> bool:
    if a == b:
        return True  # 87.49万 vs 874.9万: the decimal point or the multiplier slipped
    if len(a) == len(b):
        changed = [i for i in range(len(a)) if a[i] != b[i]]
        if len(changed) == 1:
            return changed[0] > 0 and len(a) >= 3
        first, second = changed[0], changed[-1]
        return len(changed) == 2 and second == first + 1 and (a[first], a[second]) == (b[second], b[first])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return len(longer) == len(shorter) + 1 and any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _forecast_before_period(claim: Claim) -> bool:
    """预计全年原油产量2.05亿吨 in January, 德国明年GDP预计萎缩0.2%: made before the middle of its
    period, a forecast, which the outcome may miss; 预计 in December estimates a year all but done.
    A forecast of one day made on that day (今天…预计流动量3.1亿人次) is made before its outcome."""
    span = period_span(claim)
    published = _published(claim)
    if published is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", claim.period):
        return published <= dt.date.fromisoformat(claim.period)  # 今天…预计发送旅客: the day is not over
    return span is not None and published is not None and _month_index(published) < (span[0] + span[1]) / 2


def _still_running(claim: Claim) -> bool:
    """今年以来…3次 in June, 自2015年8月开通以来: a total still running on its day; 十四五以来
    in 2025 (2021..2024) has ended."""
    span = period_span(claim)
    published = _published(claim)
    if span is None or published is None:
        return False
    open_ended = ".." not in claim.period and any(w in _text_before(claim) for w in ("以来", "至今"))
    return open_ended or span[1] >= _month_index(published)


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _words_before(claim: Claim, table: str) -> bool:
    before = _text_before(claim)
    return any(word in before for word in period_words(table))


def _text_before(claim: Claim) -> str:
    return claim.sentence[: max(claim.sentence.find(claim.quote), 0)]


def _also_stated(claims: list[Claim], a: Claim, b: Claim) -> tuple[ClaimRef, ...]:
    """The other sources of either value (5.9% in two articles against 6.2% in a third)."""
    return tuple(
        ClaimRef.of(c)
        for c in claims
        if c not in (a, b) and period_relation(c, a) == "same" and (_comparable_pair(c, a) or _comparable_pair(c, b))
    )


def _same_sentence(a: Claim, b: Claim) -> bool:
    return a.doc == b.doc and a.line == b.line and a.sentence == b.sentence


def _representatives(first: list[Claim], second: list[Claim]) -> tuple[Claim, Claim] | None:
    """One comparable claim of each side whose values disagree (a bound in one group may agree
    with a figure of the other: 150处以上 with 1533处 and with 150处), preferring two documents."""
    pairs = [(a, b) for a in first for b in second if _comparable_pair(a, b) and not values_agree(a, b)]
    return next((p for p in pairs if p[0].doc != p[1].doc), pairs[0] if pairs else None)


def _across_periods(by_period: dict[str, list[Claim]]) -> list[Finding]:
    """Same metric, other periods: related when the periods overlap and values differ, else a trend."""
    findings = []
    periods = sorted(by_period)
    for first, second in combinations(periods, 2):
        pair = _first_pair(by_period[first], by_period[second], _overlapping_but_different)
        if pair:
            findings.append(_related(*pair, "the periods overlap but are not the same (" + _period_note(*pair) + ")"))
    trend: list[list[Claim]] = []
    for period in periods:
        claims = by_period[period]
        if period and all(period_relation(claims[0], step[0]) == "different" for step in trend):
            trend.append(claims)
    if len(trend) >= 2 and len({c.doc for step in trend for c in step}) >= 2 and _changes(trend):
        findings.append(_trend(trend))
    return findings


def _changes(trend: list[list[Claim]]) -> bool:
    """A trend is worth reporting when a period is stated, or when the value changes: the same
    figure in articles of different years with no period words is a fact restated."""
    return any(_stated(c) for step in trend for c in step) or not all(
        values_agree(trend[0][0], step[0]) for step in trend[1:]
    )


def _first_pair(first: list[Claim], second: list[Claim], fits) -> tuple[Claim, Claim] | None:
    return next(((a, b) for a in first for b in second if fits(a, b)), None)


def _overlapping_but_different(a: Claim, b: Claim) -> bool:
    return a.doc != b.doc and period_relation(a, b) == "overlap" and not values_agree(a, b) and _comparable_pair(a, b)


def _same_period_other_value(a: Claim, b: Claim) -> bool:
    return (
        period_relation(a, b) == "same"
        and not values_agree(a, b)
        and not _same_sentence(a, b)
        and same_metric(metric_key(a.metric), metric_key(b.metric), ranking=a.kind in _RANKINGS)
    )


def _related_scopes(by_scope: dict[tuple, list[Claim]]) -> list[Finding]:
    """新增 vs 累计, 规上 vs 全部: listed as related, never as contradictions."""
    findings = []
    for first, second in combinations(sorted(by_scope), 2):
        pair = _first_pair(by_scope[first], by_scope[second], _same_period_other_value)
        if pair:
            scope_a, scope_b = "+".join(first) or "no scope word", "+".join(second) or "no scope word"
            findings.append(_related(*pair, f"different scope ({scope_a} vs {scope_b})"))
    return findings


# --- findings ----------------------------------------------------------------------------


def _describe(claim: Claim) -> str:
    return f"{claim.quote} ({claim.doc}:{claim.line}, {claim.period or 'period unknown'})"


def _agreement(claims: list[Claim]) -> Finding:
    first = claims[0]
    wordings = {(c.period, c.period_text) for c in claims}
    note = "periods worded differently: " + "; ".join(_period_words(c) for c in claims) if len(wordings) > 1 else ""
    docs = len({c.doc for c in claims})
    reason = (
        f"{docs} sources agree on {first.subject} {first.metric} ({first.period}): "
        f"{format_value(first.value, first.unit)} within the precision each reported"
    )
    if note:
        reason += f"; {note}"
    return Finding("agreement", "info", reason, tuple(ClaimRef.of(c) for c in claims), details=(("note", note),))


def _contradiction(a: Claim, b: Claim) -> Finding:
    estimate = [c for c in (a, b) if c.qualifier == "estimate" or "计划" in c.scope]
    relative = [c for c in (a, b) if c.period_source in _UNRELIABLE_PERIOD]
    severity = "error" if not estimate and not relative and _strongly_the_same(a, b) else "warning"
    diff = difference_percent(a, b)
    reason = (
        f"{a.subject} {a.metric} ({a.period}): {format_value(a.value, a.unit)} vs "
        f"{format_value(b.value, b.unit)}, {_gap_text(a, b)} apart, beyond the precision reported "
        f"({tolerance_text(a)}; {tolerance_text(b)})"
    )
    if len(estimate) == 2:
        reason += "; both are estimates or plans: the forecasts disagree"
    elif estimate:
        reason += "; " + " and ".join(f"{c.doc} gives an estimate or plan ({c.quote})" for c in estimate)
    if relative:
        reason += "; the period of " + " and ".join(
            f"{c.doc} is resolved from '{c.period_text or 'the publication date'}'" for c in relative
        )
    details = (("difference_percent", round(diff, 2)), ("estimate", bool(estimate)), ("relative_period", bool(relative)))
    return Finding("contradiction", severity, reason, (ClaimRef.of(a), ClaimRef.of(b)), details=details)


def _strongly_the_same(a: Claim, b: Claim) -> bool:
    """An error needs the strongest identity: the same metric words, the subject named or the
    same home in both, and a gap of more than twice what either source's precision allows."""
    same_words = metric_key(a.metric) == metric_key(b.metric)
    subjects = a.subject_source == b.subject_source == "text" or (a.subject_source == b.subject_source == "home" and a.subject)
    tolerance = max(a.resolution or 0, b.resolution or 0)
    return same_words and bool(subjects) and abs(a.value - b.value) > 2 * tolerance


def _gap_text(a: Claim, b: Claim) -> str:
    """7.6% vs 7.9%: 0.3个百分点; 第1位 vs 第2位: 1 place; otherwise the relative gap."""
    gap = abs(a.value - b.value)
    if a.unit == "%":
        return f"{gap:.3g}个百分点"
    if a.dimension == "rank":
        return f"{gap:g} place" + ("s" if gap != 1 else "")
    return f"{difference_percent(a, b):.1f}%"


def _related(a: Claim, b: Claim, why: str) -> Finding:
    reason = f"Related figures, not compared as equal: {_describe(a)} vs {_describe(b)}: {why}"
    return Finding("related", "info", reason, (ClaimRef.of(a), ClaimRef.of(b)), details=(("why", why),))


def _trend(steps: list[list[Claim]]) -> Finding:
    """Every claim of every period, so each source of a step is listed."""
    text = " → ".join(
        f"{step[0].period} " + ", ".join(f"{format_value(c.value, c.unit)} ({c.doc}:{c.line})" for c in step) for step in steps
    )
    first = steps[0][0]
    reason = f"{first.subject} {first.metric} over time: {text} (a trend, not an error)"
    return Finding("period_difference", "info", reason, tuple(ClaimRef.of(c) for step in steps for c in step))


def _period_note(a: Claim, b: Claim) -> str:
    return f"periods worded differently: {_period_words(a)} vs {_period_words(b)}"


def _period_words(claim: Claim) -> str:
    words = claim.period_text or "no period words"
    return f"'{words}' in {claim.doc} ({claim.period})"


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_TYPE_ORDER = {"contradiction": 0, "duplicate_passage": 1, "agreement": 2, "period_difference": 3, "related": 4}


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, then by type and by where the evidence is: a stable order."""
    unique = {(f.type, f.rule, f.items): f for f in findings}
    return sorted(
        unique.values(),
        key=lambda f: (_SEVERITY_ORDER[f.severity], _TYPE_ORDER.get(f.type, 9), [_item_position(i) for i in f.items], f.reason),
    )


def _item_position(item) -> tuple:
    return (item.doc, getattr(item, "line", getattr(item, "start_line", 0)))
