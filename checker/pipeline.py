"""Pipeline: input paths -> a ScanResult (articles, claims, findings) and its Summary.

Runs the stages in order: ingest, claims (per article), match (across articles),
passages (across and within articles), then links changed numbers in copied passages to
contradictions. ``scan`` checks a whole corpus; ``check`` checks new articles against a
corpus and keeps only the findings that involve a new article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from enum import IntEnum
from pathlib import Path

from .claims import Extraction, Skipped, extract_claims
from .derived import contradictions_in_passages, derived_findings
from .ingest import DEFAULT_MAX_BYTES, InputError, find_text_files, load_articles
from .match import match_claims, sort_findings
from .models import Article, Claim, Finding
from .passages import find_passages

FAIL_LEVELS = ("none", "contradiction", "any")


class Exit(IntEnum):
    """Process exit codes."""

    OK = 0
    FINDINGS = 1  # findings at or above the --fail-on level
    USAGE = 2  # bad input or options
    INTERNAL = 3  # a bug in checker


@dataclass(frozen=True)
class Summary:
    documents: int
    numbers: int
    claims: int
    compared: int
    by_type: dict[str, int]
    by_severity: dict[str, int]
    failing: int = 0  # findings at or above the fail level that are not reviewed


@dataclass(frozen=True)
class ScanResult:
    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    skipped: tuple[Skipped, ...]
    numbers: int
    findings: tuple[Finding, ...]
    warnings: tuple[str, ...] = ()
    focus: tuple[str, ...] | None = None  # the new documents of a check
    reviewed: frozenset[str] = field(default_factory=frozenset)  # fingerprints in the baseline
    stale: tuple[dict, ...] = ()  # baseline entries no longer found

    def summary(self, fail_on: str = "none") -> Summary:
        compared = {item.claim_id for f in self.findings for item in f.items if hasattr(item, "claim_id")}
        return Summary(
            documents=len(self.articles),
            numbers=self.numbers,
            claims=len(self.claims),
            compared=len(compared),
            by_type=dict(Counter(f.type for f in self.findings)),
            by_severity=dict(Counter(f.severity for f in self.findings)),
            failing=sum(1 for f in self.findings if fails(f, fail_on) and f.fingerprint not in self.reviewed),
        )


def fails(finding: Finding, fail_on: str) -> bool:
    """Whether a finding fails a run at this --fail-on level."""
    if fail_on == "contradiction":
        return finding.type == "contradiction"
    if fail_on == "any":
        return finding.severity in ("error", "warning")
    return False


def exit_code(summary: Summary) -> Exit:
    return Exit.FINDINGS if summary.failing else Exit.OK


def read_corpus(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Article], list[str]]:
    root = Path(path)
    loaded = load_articles(find_text_files(root), root if root.is_dir() else None, max_bytes)
    return loaded.articles, loaded.warnings


def scan(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ScanResult:
    """Every finding in a corpus folder (or one file)."""
    articles, warnings = read_corpus(path, max_bytes)
    if not articles:
        raise InputError(path, "no readable articles (all files empty)")
    return analyse(articles, [extract_claims(a) for a in articles], warnings=warnings)


def check(
    new_paths: Sequence[str | Path], corpus: str | Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> ScanResult:
    """The findings that involve at least one of the new articles, against a corpus."""
    corpus_articles, warnings = read_corpus(corpus, max_bytes)
    new_files = [file for path in new_paths for file in find_text_files(path)]
    loaded = load_articles(new_files, None, max_bytes)
    new_articles = _distinct_from_corpus(loaded.articles, corpus_articles)
    articles = corpus_articles + new_articles
    focus = tuple(a.doc for a in new_articles)
    extractions = [extract_claims(a) for a in articles]
    return analyse(articles, extractions, focus=focus, warnings=warnings + loaded.warnings)


def _distinct_from_corpus(new: list[Article], corpus: list[Article]) -> list[Article]:
    """A new article already in the corpus (same bytes) replaces its corpus copy; same names get a prefix."""
    names = {a.doc for a in corpus}
    result = []
    for article in new:
        if article.doc in names:
            article = replace(article, doc=f"new/{article.doc}")
        result.append(article)
    return result


def analyse(
    articles: list[Article],
    extractions: list[Extraction],
    focus: Collection[str] | None = None,
    warnings: Sequence[str] = (),
) -> ScanResult:
    """Match claims and passages of articles whose claims are already extracted."""
    claims = [c for e in extractions for c in e.claims]
    focus_set = set(focus) if focus is not None else None
    findings = match_claims(claims, focus_set)
    findings += derived_findings(claims, focus_set)
    passages = find_passages(articles, focus=focus_set)
    findings += passages
    findings += contradictions_in_passages(passages, claims, findings)
    return ScanResult(
        articles=tuple(articles),
        claims=tuple(claims),
        skipped=tuple(s for e in extractions for s in e.skipped),
        numbers=sum(e.numbers for e in extractions),
        findings=tuple(sort_findings(findings)),
        warnings=tuple(warnings),
        focus=tuple(focus) if focus is not None else None,
    )
