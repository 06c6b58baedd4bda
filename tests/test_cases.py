"""Golden-file cases: each folder of tests/data/cases holds small articles and expected.json.

Every expected finding must be reported (same type, every expected item: document and quote
or line); for the types listed in "exhaustive", nothing else of that type may be reported.
"""

import json
from pathlib import Path

import pytest

from checker import pipeline
from checker.evaluate import finding_matches
from checker.report import finding_dict

CASES = sorted(p for p in (Path(__file__).parent / "data" / "cases").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path):
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    reported = [finding_dict(f) for f in pipeline.scan(case).findings]
    for wanted in expected["findings"]:
        matches = [f for f in reported if finding_matches(wanted, f)]
        assert matches, f"{case.name}: not reported: {wanted}\nreported: {[(f['type'], f['reason']) for f in reported]}"
        if "severity" in wanted:
            assert any(f["severity"] == wanted["severity"] for f in matches), matches
        if "reason_contains" in wanted:
            assert any(wanted["reason_contains"] in f["reason"] for f in matches), matches
    for kind in expected.get("exhaustive", []):
        extra = [f for f in reported if f["type"] == kind and not any(finding_matches(w, f) for w in expected["findings"])]
        assert not extra, f"{case.name}: unexpected {kind}: {[f['reason'] for f in extra]}"
    for before, after in expected.get("substitutions", []):
        swapped = [tuple(s) for f in reported if f["type"] == "duplicate_passage" for s in f["details"].get("substitutions", [])]
        assert (before, after) in swapped, f"{case.name}: substitution {before}->{after} not listed in {swapped}"
