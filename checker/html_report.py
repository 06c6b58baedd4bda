"""HTML report: a run's result -> one self-contained page an editor reads in a browser.

In: a ScanResult. Out: HTML with no network use (styles, script and charts inline): the
summary; the findings, contradictions first, each with its sources side by side and the
numbers marked in their sentences; a timeline chart per metric of the values each source
gives per period; duplicated passages with the changed characters marked; filters by type,
severity and document. Sources are shown by outlet, title and date where the article says
them. Rendered with a Jinja2 template (checker/templates/report.html.j2), autoescaped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from rapidfuzz.distance import Indel

from .display import format_value
from .models import Article, ClaimRef, Finding, PassageRef
from .numbers import find_quantities
from .pipeline import ScanResult
from .report import SECTIONS

_ORDER = [kind for kind, _, _ in SECTIONS]  # contradictions first, as in the markdown report


@dataclass(frozen=True)
class Source:
    """How an article names itself: outlet, headline and date, where its first lines say them."""

    doc: str
    outlet: str = ""
    title: str = ""
    date: str = ""

    @property
    def label(self) -> str:
        return " · ".join(part for part in (self.outlet, self.title, self.date) if part) or self.doc


def source_of(article: Article) -> Source:
    """来源:新华网 or a short first line (浙江日报 数字报纸) is the outlet; the first line of a
    headline's shape among the first lines is the title (not a breadcrumb: 首页 > 正文)."""
    lines = [line.strip() for line in article.text_lines[:_HEAD_LINES] if line.strip()]
    outlet = next((m.group(1) for line in lines if (m := _OUTLET.match(line))), "")
    if not outlet and lines and len(lines[0]) <= _OUTLET_LENGTH and ">" not in lines[0]:
        outlet = lines[0]
    title = next((line for line in lines if _is_title(line) and line != outlet), "")
    return Source(article.doc, outlet, title, article.date.isoformat() if article.date else "")


_HEAD_LINES = 15
_OUTLET_LENGTH = 10  # characters: 浙江日报 数字报纸, 新华网
_OUTLET = re.compile(r"^(?:来源|稿源)\s*[:：]\s*(\S{2,20})")
_TITLE_LENGTH = (8, 50)
_TITLE_STOPS = re.compile(r"[。！？!?，,；;：:>]")


def _is_title(line: str) -> bool:
    return _TITLE_LENGTH[0] <= len(line) <= _TITLE_LENGTH[1] and not _TITLE_STOPS.search(line)


def render_html(result: ScanResult, title: str = "checker report") -> str:
    sources = {article.doc: source_of(article) for article in result.articles}
    findings = sorted(result.findings, key=lambda f: _ORDER.index(f.type))
    summary = result.summary()
    page = {
        "title": title,
        "summary": summary,
        "headings": {kind: heading for kind, heading, _ in SECTIONS},
        "findings": [_finding_view(f, result, sources) for f in findings],
        "charts": timelines(result.findings),
        "documents": sorted({doc for f in result.findings for doc in f.docs}),
        "severities": ("error", "warning", "info"),
        "focus": result.focus,
    }
    return _template().render(**page)


@cache
def _template():
    environment = Environment(loader=PackageLoader("checker", "templates"), autoescape=select_autoescape(["html", "j2"]),
                              trim_blocks=True, lstrip_blocks=True)  # fmt: skip
    return environment.get_template("report.html.j2")


def _finding_view(finding: Finding, result: ScanResult, sources: dict[str, Source]) -> dict:
    view = {
        "type": finding.type,
        "severity": finding.severity,
        "reason": finding.reason,
        "reviewed": finding.fingerprint in result.reviewed,
        "fingerprint": finding.fingerprint,
        "docs": " ".join(finding.docs),
        "sides": [],
    }
    if finding.type == "duplicate_passage":
        a, b = [item for item in finding.items if isinstance(item, PassageRef)][:2]
        marked_a, marked_b = marked_changes(a.text, b.text)
        view["sides"] = [_passage_side(a, marked_a, sources), _passage_side(b, marked_b, sources)]
    else:
        view["sides"] = [_claim_side(item, sources) for item in finding.items if isinstance(item, ClaimRef)]
    return view


def _claim_side(item: ClaimRef, sources: dict[str, Source]) -> dict:
    value = format_value(item.value, item.unit) + (f" ({item.qualifier})" if item.qualifier not in ("", "exact") else "")
    return {
        "where": f"{item.doc}:{item.line}",
        "source": sources.get(item.doc, Source(item.doc)).label,
        "value": value,
        "period": item.period + (f" ({item.period_text})" if item.period_text else ""),
        "metric": " · ".join(part for part in (item.subject, item.metric) if part),
        "sentence": marked_quote(item.sentence, item.quote),
    }


def _passage_side(item: PassageRef, marked: Markup, sources: dict[str, Source]) -> dict:
    return {"where": f"{item.doc}:{item.start_line}-{item.end_line}", "source": sources.get(item.doc, Source(item.doc)).label,
            "sentence": marked}  # fmt: skip


def marked_quote(sentence: str, quote: str) -> Markup:
    """The sentence, escaped, with the claim's quote marked as the number it states."""
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return Markup(escape(sentence))
    return Markup(f"{escape(sentence[:at])}<mark class=\"number\">{escape(quote)}</mark>{escape(sentence[at + len(quote):])}")


def marked_changes(a: str, b: str) -> tuple[Markup, Markup]:
    """Both texts of a passage, escaped, with the characters one has and the other has not
    marked (rapidfuzz's alignment), and the numbers inside them marked as numbers."""
    a_changed: set[int] = set()
    b_changed: set[int] = set()
    for opcode in Indel.opcodes(a, b):
        if opcode.tag != "equal":
            a_changed.update(range(opcode.src_start, opcode.src_end))
            b_changed.update(range(opcode.dest_start, opcode.dest_end))
    return _marked(a, a_changed), _marked(b, b_changed)


def _marked(text: str, changed: set[int]) -> Markup:
    numbers = {i for q in find_quantities(text) for i in range(q.start, q.end)}
    pieces, run, kind = [], "", None
    for index, character in enumerate(text):
        now = ("change" if index in changed else "") + (" number" if index in numbers else "")
        if now != kind and run:
            pieces.append(_span(run, kind))
            run = ""
        run, kind = run + character, now
    if run:
        pieces.append(_span(run, kind))
    return Markup("".join(pieces))


def _span(text: str, kind: str | None) -> str:
    return f'<mark class="{kind.strip()}">{escape(text)}</mark>' if kind else str(escape(text))


# --- timelines ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    period: str
    value: float
    label: str  # the value as written, and where
    odd: bool  # a value of a contradiction


def timelines(findings: tuple[Finding, ...] | list[Finding]) -> list[dict]:
    """Per metric (subject · metric, unit) of the claim findings: the values each source gives
    per period, as an inline SVG chart, most points first."""
    points: dict[tuple[str, str], dict[tuple, Point]] = defaultdict(dict)
    for finding in findings:
        for item in finding.items:
            if isinstance(item, ClaimRef) and item.period and finding.type in ("contradiction", "agreement", "period_difference"):
                key = (f"{item.subject} · {item.metric}", item.unit)
                point = Point(item.period, item.value, f"{format_value(item.value, item.unit)} — {item.doc}:{item.line}",
                              finding.type == "contradiction")  # fmt: skip
                points[key][(item.doc, item.line, item.period, item.value)] = point
    charts = [(name, unit, list(found.values())) for (name, unit), found in points.items()]
    charts = [chart for chart in charts if len({p.period for p in chart[2]}) >= 2 or any(p.odd for p in chart[2])]
    charts.sort(key=lambda chart: (-len(chart[2]), chart[0]))
    return [{"name": name, "unit": unit, "svg": _svg(found, unit)} for name, unit, found in charts[:_CHARTS]]


_CHARTS = 40  # charts at most: a big corpus has thousands of metrics
_WIDTH, _HEIGHT, _PAD, _LEFT = 540, 160, 28, 80  # the left margin holds the value labels (1317.72亿元)


def _svg(points: list[Point], unit: str) -> Markup:
    periods = sorted({p.period for p in points})
    low, high = min(p.value for p in points), max(p.value for p in points)
    span = (high - low) or abs(high) or 1.0

    def x(period: str) -> float:
        return _LEFT + (_WIDTH - _LEFT - _PAD) * (periods.index(period) / max(1, len(periods) - 1) if len(periods) > 1 else 0.5)

    def y(value: float) -> float:
        return _HEIGHT - _PAD - (_HEIGHT - 2 * _PAD) * ((value - low) / span if high != low else 0.5)

    parts = [f'<svg class="timeline" viewBox="0 0 {_WIDTH} {_HEIGHT}" width="{_WIDTH}" height="{_HEIGHT}" role="img">',
             f'<line class="axis" x1="{_LEFT}" y1="{_HEIGHT - _PAD}" x2="{_WIDTH - _PAD}" y2="{_HEIGHT - _PAD}"/>']  # fmt: skip
    for period in periods:
        parts.append(f'<text class="period" x="{x(period):.1f}" y="{_HEIGHT - _PAD + 16}" text-anchor="middle">{escape(period)}</text>')
    for value in dict.fromkeys((low, high)):  # the axis of values: its two ends, as Chinese news writes them
        parts.append(f'<text class="value-label" x="{_LEFT - 10}" y="{y(value) + 4:.1f}" text-anchor="end">{escape(format_value(value, unit))}</text>')
    for point in points:
        odd = " odd" if point.odd else ""
        parts.append(f'<circle class="value{odd}" cx="{x(point.period):.1f}" cy="{y(point.value):.1f}" r="5">'
                     f"<title>{escape(point.period)}: {escape(point.label)}</title></circle>")  # fmt: skip
    parts.append("</svg>")
    return Markup("".join(parts))
