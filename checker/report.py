"""Report: a ScanResult -> the artefacts people and tools read.

claims.csv (one row per claim), the markdown report (summary table, contradictions first
with both quotes side by side, then duplicated passages, agreements, trends, related
figures and what was not checked), JSON findings, GitHub Actions annotations and SARIF
2.1.0. Everything is deterministic: no timestamps, no absolute paths, stable order.
Files are written atomically (a temporary file renamed into place).
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from tabulate import tabulate

from .display import format_value
from .match import comparable
from .models import Claim, ClaimRef, Finding, PassageRef
from .pipeline import ScanResult

CLAIM_COLUMNS = [
    "claim_id", "doc", "line", "quote", "subject", "metric", "value", "value_high", "unit", "qualifier",
    "period", "kind", "start", "end", "sentence", "dimension", "resolution", "period_source", "period_text",
    "scope", "reference", "subject_source",
]  # fmt: skip
FORMATS = ("markdown", "json", "github", "sarif", "gitlab", "rdjson")
TOOL_URI = "https://github.com/newsroom-tools/checker"
SECTIONS = (
    ("contradiction", "Contradictions", "Same subject, metric and period, different values beyond the precision reported."),
    ("duplicate_passage", "Duplicated passages", "Text reused across or within articles, side by side."),
    ("agreement", "Agreements", "Independent sources that confirm each other."),
    ("period_difference", "Period differences", "Same metric in different periods: a trend, not an error."),
    ("related", "Related figures, different scope", "Close in wording but not the same quantity (新增 vs 累计, 规上 vs 全部, overlapping periods)."),
)


def write_atomic(path: str | Path, text: str) -> None:
    """Write a file so that readers see the old or the new content, never half of it."""
    write_together({Path(path): text})


def write_together(outputs: Mapping[Path, str]) -> None:
    """Write files so that a reader sees the old set or the new one: each is written in full
    (and flushed to disk) to a temporary file beside it, and only once all are written are
    they renamed into place, one right after the other. Files get the user's umask."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in outputs.items():
            target = Path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            staged.append((temporary, target))
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, _permissions())
        for temporary, target in staged:
            os.replace(temporary, target)
    except BaseException:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise


def _permissions() -> int:
    """What a plain open() would give a new file: 0o666 less the umask (mkstemp gives 0o600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# --- claims.csv --------------------------------------------------------------------------


def claims_frame(claims: list[Claim] | tuple[Claim, ...]):
    import pandas as pd  # about 0.3 s to import: only when a claims table is written

    rows = [_claim_row(c) for c in claims]
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def _claim_row(claim: Claim) -> dict:
    return {
        "claim_id": claim.claim_id,
        "doc": claim.doc,
        "line": claim.line,
        "quote": claim.quote,
        "subject": claim.subject,
        "metric": claim.metric,
        "value": number_text(claim.value),
        "value_high": number_text(claim.value_high) if claim.value_high is not None else "",
        "unit": claim.unit,
        "qualifier": claim.qualifier,
        "period": claim.period,
        "kind": claim.kind,
        "start": claim.start,
        "end": claim.end,
        "sentence": claim.sentence,
        "dimension": claim.dimension,
        "resolution": number_text(claim.resolution),
        "period_source": claim.period_source,
        "period_text": claim.period_text,
        "scope": "|".join(claim.scope),
        "reference": claim.reference,
        "subject_source": claim.subject_source,
    }


def number_text(value: float) -> str:
    """131772000000.0 -> '131772000000'; 7.6 -> '7.6'."""
    text = f"{value:.15g}"
    return text if "e" not in text else f"{value:.0f}"


def claims_csv(claims: list[Claim] | tuple[Claim, ...]) -> str:
    return claims_frame(claims).to_csv(index=False, lineterminator="\n")


# --- markdown ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Brevity:
    """How much of a big run the markdown report shows: at most max_findings findings of each
    type (None: all), and with summary, the counts only (no findings, no list of every number
    that was not a claim). The JSON output always holds everything."""

    max_findings: int | None = None
    summary: bool = False

    def shown(self, count: int) -> int:
        return 0 if self.summary else count if self.max_findings is None else min(count, self.max_findings)


def render_markdown(result: ScanResult, title: str = "checker report", brevity: Brevity = Brevity()) -> str:
    summary = result.summary()
    parts = [f"# {title}", "", _summary_table(result, summary), ""]
    if result.focus is not None:
        parts += [(f"Checked against the corpus: {', '.join(f'`{d}`' for d in result.focus)}. "
                  "Only findings that involve these articles are listed."), ""]  # fmt: skip
    for kind, heading, explanation in SECTIONS:
        findings = [f for f in result.findings if f.type == kind]
        if not findings:
            continue
        parts += [f"## {heading} ({len(findings)})", "", f"_{explanation}_", ""]
        shown = brevity.shown(len(findings))
        for number, finding in enumerate(findings[:shown], 1):
            parts += _finding_markdown(number, finding, result) + [""]
        if shown < len(findings):
            parts += [(f"_… and {len(findings) - shown} more, not shown (--max-findings, --summary); the JSON output "
                      "(--json, --format json) lists every finding._"), ""]  # fmt: skip
    parts += _stale_markdown(result)
    if result.focus is not None:
        parts += _unconfirmed_markdown(result)
    parts += _coverage_markdown(result, every_number=not brevity.summary)
    return "\n".join(parts).rstrip() + "\n"


def _summary_table(result: ScanResult, summary) -> str:
    rows = [
        ("new articles checked" if result.focus is not None else "documents", summary.documents),
        *([("corpus documents checked against", result.corpus_documents)] if result.focus is not None else []),
        ("numbers found", summary.numbers),
        ("claims", summary.claims),
        ("claims compared with another", summary.compared),
    ]
    for kind, heading, _ in SECTIONS:
        rows.append((heading.lower(), summary.by_type.get(kind, 0)))
    severities = ", ".join(f"{summary.by_severity.get(s, 0)} {s}" for s in ("error", "warning", "info"))
    rows.append(("by severity", severities))
    if result.reviewed:
        rows.append(("reviewed (in the baseline)", sum(1 for f in result.findings if f.fingerprint in result.reviewed)))
    return tabulate(rows, headers=("", "count"), tablefmt="github")


def _finding_markdown(number: int, finding: Finding, result: ScanResult) -> list[str]:
    reviewed = " — reviewed" if finding.fingerprint in result.reviewed else ""
    rule = "" if finding.rule in ("direct", "passage") else f" ({finding.rule.replace('_', ' ')})"
    lines = [f"### {number}. `{finding.severity}`{rule}{reviewed}", "", finding.reason, ""]
    if finding.type == "duplicate_passage":
        return lines + _passage_markdown(finding)
    return lines + _claims_table(finding) + _also_markdown(finding) + ["", f"<sub>fingerprint `{finding.fingerprint}`</sub>"]


def _also_markdown(finding: Finding) -> list[str]:
    if not finding.also:
        return []
    stated = "; ".join(f"`{r.doc}:{r.line}` {_cell(r.quote)} ({format_value(r.value, r.unit)})" for r in finding.also)
    return ["", f"Also stated by: {stated}"]


def _claims_table(finding: Finding) -> list[str]:
    refs = [item for item in finding.items if isinstance(item, ClaimRef)]
    headers = ["", *[f"`{r.doc}:{r.line}`" for r in refs]]
    rows = [
        ["quote", *[_cell(r.quote) for r in refs]],
        ["value", *[format_value(r.value, r.unit) + (f" ({r.qualifier})" if r.qualifier != "exact" else "") for r in refs]],
        ["period", *[r.period + (f" ({r.period_text})" if r.period_text else "") for r in refs]],
        ["metric", *[_cell(f"{r.subject} · {r.metric}") for r in refs]],
        ["sentence", *[_cell(r.sentence, 90) for r in refs]],
    ]
    return _pipe_table(headers, rows)


def _pipe_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A markdown table without column padding. tabulate pads every column to the display
    width of its widest cell, which costs more than the rest of a large report together."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _passage_markdown(finding: Finding) -> list[str]:
    a, b = [item for item in finding.items if isinstance(item, PassageRef)][:2]
    headers = [f"`{a.doc}:{a.start_line}-{a.end_line}`", f"`{b.doc}:{b.start_line}-{b.end_line}`"]
    lines = _pipe_table(headers, [[_cell(a.text, 400), _cell(b.text, 400)]])
    substitutions = finding.detail("substitutions") or ()
    if substitutions:
        lines += ["", "Words swapped: " + ", ".join(f"{x}→{y}" for x, y in substitutions)]
    changes = finding.detail("number_changes") or ()
    if changes:
        lines += ["", "**Numbers changed inside the passage:** " + "; ".join(
            f"{ta} (`{da}:{la}`) vs {tb} (`{db}:{lb}`)" for (da, la, ta), (db, lb, tb) in changes
        )]  # fmt: skip
    return lines


def _cell(text: str, limit: int = 200) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _stale_markdown(result: ScanResult) -> list[str]:
    if not result.stale:
        return []
    lines = [f"## Stale baseline entries ({len(result.stale)})", "", "_Reviewed findings that no longer occur: remove them from the baseline._", ""]
    for entry in result.stale:
        lines.append(f"- `{entry.get('fingerprint')}` {entry.get('type', '')}: {entry.get('summary', '')}")
    return lines + [""]


def _unconfirmed_markdown(result: ScanResult) -> list[str]:
    """A check's claims that matched nothing in the corpus: no source confirms them."""
    claims = result.unconfirmed()
    if not claims:
        return []
    lines = [f"## Not confirmed by any source ({len(claims)})", "",
             "_Claims of the new articles that no corpus article states, contradicts or gives for another period._", ""]  # fmt: skip
    rows = [(f"`{c.doc}:{c.line}`", _cell(c.quote, 30), _cell(" · ".join(p for p in (c.subject, c.metric) if p), 40),
             c.period or "—", _cell(c.sentence, 60)) for c in claims]  # fmt: skip
    lines += tabulate(rows, headers=("where", "quote", "metric", "period", "sentence"), tablefmt="github").splitlines()
    return lines + [""]


def _coverage_markdown(result: ScanResult, every_number: bool = True) -> list[str]:
    reasons = Counter(s.reason for s in result.skipped)
    examples: dict[str, list] = {}
    for skipped in result.skipped:
        if len(found := examples.setdefault(skipped.reason, [])) < 3:
            found.append(skipped)
    vague = [c for c in result.claims if not comparable(c)]
    lines = [
        "## Coverage",
        "",
        (f"{result.numbers} numbers found in article bodies; {len(result.claims)} became claims; "
        f"{result.summary().compared} were compared with another claim. {len(vague)} claims say too little about "
        "what they measure to be compared (a metric such as 项目 or 企业 alone, a change against another figure, a "
        "share of an unnamed whole). The numbers below were not taken as claims:"),
        "",
    ]
    rows = []
    for reason, count in sorted(reasons.items(), key=lambda item: (-item[1], item[0])):
        shown = ", ".join(f"{_cell(s.context or s.text, 30)} (`{s.doc}:{s.line}`)" for s in examples[reason])
        rows.append((reason, count, shown))
    lines += tabulate(rows, headers=("why not a claim", "numbers", "examples"), tablefmt="github").splitlines()
    lines += _every_skipped_number(result) if every_number else []
    if result.warnings:
        lines += ["", "Warnings:", *[f"- {w}" for w in result.warnings]]
    return lines


_LISTED_AT_MOST = 2000  # numbers not checked that the report lists one by one


def _every_skipped_number(result: ScanResult) -> list[str]:
    if not result.skipped:
        return []
    shown = result.skipped[:_LISTED_AT_MOST]
    lines = ["", f"<details><summary>Every number not taken as a claim ({len(result.skipped)})</summary>", ""]
    lines += [f"- `{s.doc}:{s.line}` {_cell(s.text, 20)} in “{_cell(s.context, 40)}” — {s.reason}" for s in shown]
    if len(result.skipped) > len(shown):
        lines.append(f"- … and {len(result.skipped) - len(shown)} more (see the JSON output)")
    return lines + ["", "</details>"]


# --- JSON --------------------------------------------------------------------------------


def finding_dict(finding: Finding, reviewed: frozenset[str] = frozenset()) -> dict:
    return {
        "type": finding.type,
        "severity": finding.severity,
        "rule": finding.rule,
        "reason": finding.reason,
        "fingerprint": finding.fingerprint,
        "reviewed": finding.fingerprint in reviewed,
        "items": [_item_dict(item) for item in finding.items] + [_item_dict(item) | {"role": "also"} for item in finding.also],
        "details": {key: _plain(value) for key, value in finding.details},
    }


def _item_dict(item: ClaimRef | PassageRef) -> dict:
    if isinstance(item, PassageRef):
        return {"doc": item.doc, "start_line": item.start_line, "end_line": item.end_line, "text": item.text}
    return {
        "doc": item.doc,
        "line": item.line,
        "quote": item.quote,
        "claim_id": item.claim_id,
        "value": item.value,
        "unit": item.unit,
        "period": item.period,
        "metric": item.metric,
        "subject": item.subject,
        "qualifier": item.qualifier,
    }


def _plain(value: object) -> object:
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars from the passage stage
        return value.item()
    return value


def json_text(document: dict | list) -> str:
    """Indented JSON, non-ASCII kept, laid out as by json.dumps(indent=2), ten times faster
    (json indents in pure Python: 4.5 s for 18,000 findings)."""
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n"


def render_json(result: ScanResult) -> str:
    summary = result.summary()
    document = {
        "summary": {
            "documents": summary.documents,
            "numbers": summary.numbers,
            "claims": summary.claims,
            "compared": summary.compared,
            "findings": summary.by_type,
        },
        **({"not_confirmed": [c.claim_id for c in result.unconfirmed()]} if result.focus is not None else {}),
        "findings": [finding_dict(f, result.reviewed) for f in result.findings],
        "stale": list(result.stale),
        "not_claims": [
            {"doc": s.doc, "line": s.line, "text": s.text, "context": s.context, "reason": s.reason} for s in result.skipped
        ],
    }
    return json_text(document)


# --- GitHub annotations, SARIF, GitLab Code Quality, reviewdog ----------------------------

_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITLAB_SEVERITY = {"error": "critical", "warning": "major", "info": "info"}
_RDJSON_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


@dataclass(frozen=True)
class Paths:
    """Where each document's file is, relative to the repository root, for annotations that a
    code host attaches to a file: a new article by its file, a corpus article under the corpus."""

    root: Path  # the repository root (or the working folder)
    corpus: Path | None = None
    sources: Mapping[str, str] = field(default_factory=dict)  # a check's new articles: doc -> file

    def of(self, doc: str) -> str:
        if self.sources.get(doc) == "-":
            return "-"  # read from stdin: no file to attach to
        path = Path(self.sources[doc]) if doc in self.sources else (self.corpus / doc if self.corpus else Path(doc))
        return Path(os.path.relpath(path.resolve(), self.root.resolve())).as_posix()


def _anchor(finding: Finding, result: ScanResult) -> ClaimRef | PassageRef:
    """The item an annotation sits on: a new article's (a check's), else the first."""
    focus = set(result.focus or ())
    return next((item for item in finding.items if item.doc in focus), finding.items[0])


def _first_line(item: ClaimRef | PassageRef) -> int:
    return getattr(item, "line", None) or getattr(item, "start_line", 1)


def _elsewhere(finding: Finding, anchor: ClaimRef | PassageRef, paths: Paths) -> str:
    """The other sources of a finding, as file:line, for the message of an annotation."""
    others = dict.fromkeys(f"{paths.of(item.doc)}:{_first_line(item)}" for item in finding.items if item is not anchor)
    return f" (also: {', '.join(others)})" if others else ""


def render_github(result: ScanResult, paths: Paths, notices: bool = False) -> str:
    """One ``::error file=…,line=…,title=…::message`` line per unreviewed error or warning, on
    the new article's line. Info findings and reviewed ones are notices, written only with
    notices=True: GitHub shows at most 10 annotations of each level per step."""
    lines = []
    for finding in result.findings:
        reviewed = finding.fingerprint in result.reviewed
        level = "notice" if reviewed else _GITHUB_LEVEL[finding.severity]
        if level == "notice" and not notices:
            continue
        anchor = _anchor(finding, result)
        title = f"checker: {finding.type.replace('_', ' ')}{', reviewed' if reviewed else ''}"
        message = finding.reason + _elsewhere(finding, anchor, paths)
        properties = f"file={_github_property(paths.of(anchor.doc))},line={_first_line(anchor)},title={_github_property(title)}"
        lines.append(f"::{level} {properties}::{_github_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub documents (%, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """A workflow command's property value: the message's escapes, and : and , too."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def render_gitlab(result: ScanResult, paths: Paths) -> str:
    """GitLab Code Quality JSON: one issue per unreviewed finding, on the new article's line."""
    issues = []
    for finding in result.findings:
        if finding.fingerprint in result.reviewed:
            continue
        anchor = _anchor(finding, result)
        issues.append({
            "description": finding.reason + _elsewhere(finding, anchor, paths),
            "check_name": f"checker/{finding.type}/{finding.rule}",
            "fingerprint": finding.fingerprint,
            "severity": _GITLAB_SEVERITY[finding.severity],
            "location": {"path": paths.of(anchor.doc), "lines": {"begin": _first_line(anchor)}},
        })  # fmt: skip
    return json_text(issues)


def render_rdjson(result: ScanResult, paths: Paths) -> str:
    """reviewdog's Diagnostic JSON (rdjson): one diagnostic per unreviewed finding."""
    diagnostics = []
    for finding in result.findings:
        if finding.fingerprint in result.reviewed:
            continue
        anchor = _anchor(finding, result)
        diagnostics.append({
            "message": finding.reason + _elsewhere(finding, anchor, paths),
            "location": {"path": paths.of(anchor.doc), "range": {"start": {"line": _first_line(anchor)}}},
            "severity": _RDJSON_SEVERITY[finding.severity],
            "code": {"value": f"{finding.type}/{finding.rule}"},
        })  # fmt: skip
    return json_text({"source": {"name": "checker", "url": TOOL_URI}, "diagnostics": diagnostics})


def render_sarif(result: ScanResult, paths: Paths) -> str:
    rules = sorted({(f.type, f.rule) for f in result.findings})
    rule_ids = [f"{kind}/{rule}" for kind, rule in rules]
    results = [_sarif_result(f, rule_ids, paths, result.reviewed) for f in result.findings]
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "checker",
                        "informationUri": TOOL_URI,
                        "rules": [{"id": rid, "shortDescription": {"text": rid.replace("/", ": ").replace("_", " ")}} for rid in rule_ids],
                    }
                },
                "results": results,
            }
        ],
    }
    return json_text(document)


def _sarif_result(finding: Finding, rule_ids: list[str], paths: Paths, reviewed: frozenset[str]) -> dict:
    rule_id = f"{finding.type}/{finding.rule}"
    entry = {
        "ruleId": rule_id,
        "ruleIndex": rule_ids.index(rule_id),
        "level": _SARIF_LEVEL[finding.severity],
        "message": {"text": finding.reason},
        "locations": [_sarif_location(item, paths) for item in finding.items],
        "partialFingerprints": {"checkerFingerprint/v1": finding.fingerprint},
    }
    if finding.fingerprint in reviewed:
        entry["suppressions"] = [{"kind": "external", "justification": "reviewed in the checker baseline"}]
    return entry


def _sarif_location(item: ClaimRef | PassageRef, paths: Paths) -> dict:
    start = getattr(item, "line", None) or item.start_line
    end = getattr(item, "end_line", start)
    snippet = item.quote if isinstance(item, ClaimRef) else item.text
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": paths.of(item.doc)},
            "region": {"startLine": start, "endLine": end, "snippet": {"text": snippet}},
        }
    }


def render(result: ScanResult, output_format: str, paths: Paths | None = None, notices: bool = False,
           brevity: Brevity = Brevity()) -> str:  # fmt: skip
    """The report in a format of FORMATS; the annotation formats place findings by paths."""
    located = paths or Paths(Path.cwd())
    if output_format == "json":
        return render_json(result)
    if output_format == "github":
        return render_github(result, located, notices)
    if output_format == "gitlab":
        return render_gitlab(result, located)
    if output_format == "rdjson":
        return render_rdjson(result, located)
    if output_format == "sarif":
        return render_sarif(result, located)
    return render_markdown(result, brevity=brevity)
