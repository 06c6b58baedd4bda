"""Evaluate: expected findings + the tool's JSON findings -> recall and precision per type.

An expected finding is ``{"type": ..., "items": [{"doc": ..., "quote": ...}, ...]}``.
It is found when a finding of that type holds every expected item (same document, and the
quotes contain one another once whitespace is removed; for passages, ``quote`` is matched
against the passage text). Findings of a type that match no expected finding count against
precision. On the command line: ``checker evaluate EXPECTED.json FINDINGS.json``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Score:
    type: str
    expected: int
    found: int  # expected findings that were found
    reported: int  # findings of this type the tool reported
    correct: int  # reported findings that match an expected one

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.reported if self.reported else 1.0


def _squash(text: str) -> str:
    return "".join(str(text).split())


def _item_matches(expected: dict, actual: dict) -> bool:
    if expected.get("doc") != actual.get("doc"):
        return False
    if "line" in expected:
        first = actual.get("line", actual.get("start_line"))
        last = actual.get("end_line", first)
        if not first <= expected["line"] <= last:
            return False
    want = _squash(expected.get("quote", ""))
    have = _squash(actual.get("quote", actual.get("text", "")))
    return not want or want in have or (have and have in want)


def finding_matches(expected: dict, actual: dict) -> bool:
    if expected["type"] != actual["type"]:
        return False
    return all(any(_item_matches(item, got) for got in actual["items"]) for item in expected["items"])


def score(expected: list[dict], actual: list[dict]) -> list[Score]:
    """Recall and precision for every finding type that is expected or reported."""
    types = sorted({f["type"] for f in expected} | {f["type"] for f in actual})
    scores = []
    for kind in types:
        wanted = [f for f in expected if f["type"] == kind]
        got = [f for f in actual if f["type"] == kind]
        found = sum(1 for w in wanted if any(finding_matches(w, g) for g in got))
        correct = sum(1 for g in got if any(finding_matches(w, g) for w in wanted))
        scores.append(Score(kind, len(wanted), found, len(got), correct))
    return scores


def missing(expected: list[dict], actual: list[dict]) -> list[dict]:
    return [w for w in expected if not any(finding_matches(w, g) for g in actual)]


def unexpected(expected: list[dict], actual: list[dict]) -> list[dict]:
    return [g for g in actual if not any(finding_matches(w, g) for w in expected)]


def describe(finding: dict) -> str:
    items = "; ".join(
        f"{i['doc']}:{i.get('line', i.get('start_line', ''))} {str(i.get('quote', i.get('text', '')))[:30]}"
        for i in finding["items"]
    )
    return f"{finding['type']}: {items}"


def format_scores(scores: list[Score]) -> str:
    lines = [f"{'type':<20} {'expected':>8} {'found':>6} {'reported':>8} {'recall':>7} {'precision':>9}"]
    for s in scores:
        lines.append(f"{s.type:<20} {s.expected:>8} {s.found:>6} {s.reported:>8} {s.recall:>7.3f} {s.precision:>9.3f}")
    return "\n".join(lines)
