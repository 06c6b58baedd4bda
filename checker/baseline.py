"""Baseline: reviewed findings -> a JSON file; a JSON file -> which findings are reviewed.

Entries are keyed by a content fingerprint (documents, normalized quotes and values, not line
numbers), so editing elsewhere in a file keeps them valid. Each entry keeps a ``reason`` an
editor fills in. A reviewed finding does not fail a run; an entry whose finding no longer
occurs is reported as stale.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .ingest import InputError
from .models import Finding
from .pipeline import ScanResult

DEFAULT_PATH = "checker-baseline.json"
VERSION = 1
RECORDED_SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Baseline:
    entries: tuple[dict, ...]

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(entry["fingerprint"] for entry in self.entries)


def read_baseline(path: str | Path) -> Baseline:
    """Read a baseline file; a missing or malformed file is a clear input error."""
    source = Path(path)
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(source, "baseline file not found (create it with 'checker baseline write')") from None
    except OSError as error:
        raise InputError(source, f"cannot read baseline: {error.strerror or error}") from None
    except ValueError as error:
        raise InputError(source, f"baseline is not valid JSON ({error})") from None
    entries = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries):
        raise InputError(source, 'baseline must be {"findings": [{"fingerprint": ..., ...}]}')
    return Baseline(tuple(entries))


def entry_for(finding: Finding, reason: str = "") -> dict:
    return {
        "fingerprint": finding.fingerprint,
        "type": finding.type,
        "rule": finding.rule,
        "severity": finding.severity,
        "docs": list(finding.docs),
        "summary": _summary(finding),
        "reason": reason,
    }


def _summary(finding: Finding) -> str:
    parts = []
    for item in finding.items:
        where = f"{item.doc}:{getattr(item, 'line', None) or getattr(item, 'start_line', '')}"
        what = getattr(item, "quote", None) or getattr(item, "text", "")[:30]
        parts.append(f"{what} ({where})")
    return " vs ".join(parts)


def baseline_json(findings: Iterable[Finding], previous: Baseline | None = None, keep_docs_other_than: set[str] | None = None) -> str:
    """The baseline for these findings: reasons already written are kept, by fingerprint.

    With ``keep_docs_other_than`` (the new articles of a check), earlier entries that do not
    involve those articles are kept as they are.
    """
    reasons = {e["fingerprint"]: e.get("reason", "") for e in previous.entries} if previous else {}
    entries = {
        f.fingerprint: entry_for(f, reasons.get(f.fingerprint, ""))
        for f in findings
        if f.severity in RECORDED_SEVERITIES
    }
    if previous and keep_docs_other_than is not None:
        for entry in previous.entries:
            if not set(entry.get("docs", [])) & keep_docs_other_than:
                entries.setdefault(entry["fingerprint"], entry)
    ordered = sorted(entries.values(), key=lambda e: (e.get("docs", []), e.get("type", ""), e["fingerprint"]))
    return json.dumps({"version": VERSION, "findings": ordered}, ensure_ascii=False, indent=2) + "\n"


def apply_baseline(result: ScanResult, baseline: Baseline) -> ScanResult:
    """Mark reviewed findings and list the entries whose finding is gone."""
    current = {f.fingerprint for f in result.findings}
    documents = {a.doc for a in result.articles}
    focus = set(result.focus) if result.focus is not None else None

    def looked_at(docs: set[str]) -> bool:
        """A scan sees findings among its documents; a check those with a new article."""
        return bool(docs & focus) if focus is not None else docs <= documents

    stale = tuple(
        entry
        for entry in baseline.entries
        if entry["fingerprint"] not in current and looked_at(set(entry.get("docs", [])))
    )
    return replace(result, reviewed=baseline.fingerprints, stale=stale)
