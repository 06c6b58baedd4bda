"""What must hold on the five seed articles (each also proven on our own articles elsewhere)."""

import json
from pathlib import Path

import pytest

from checker import pipeline
from checker.evaluate import score
from checker.report import finding_dict

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def findings():
    return [finding_dict(f) for f in pipeline.scan(ROOT / "seeds").findings]


def _with(findings, kind, *quotes):
    return [f for f in findings if f["type"] == kind and all(any(q in i.get("quote", i.get("text", "")) for i in f["items"]) for q in quotes)]


def test_every_expected_finding_is_reported_and_nothing_else(findings):
    expected = json.loads((ROOT / "tests" / "data" / "seeds_expected.json").read_text(encoding="utf-8"))["findings"]
    for result in score(expected, findings):
        assert (result.recall, result.precision) == (1.0, 1.0), result


def test_gdp_contradiction_is_marked_as_estimate_against_reported(findings):
    [gdp] = _with(findings, "contradiction", "1317.72", "1350")
    assert gdp["severity"] == "warning" and "estimate" in gdp["reason"] and "去年" in gdp["reason"]
    assert _with(findings, "contradiction", "7.6%", "7.5%")


def test_new_residents_agree_and_the_report_says_the_periods_differ(findings):
    [residents] = _with(findings, "agreement", "6.2万")
    assert "worded differently" in residents["reason"] and "今年" in residents["reason"] and "2023年以来" in residents["reason"]


def test_rank_and_rank_change_are_never_compared(findings):
    change = [i for f in findings for i in f.get("items", []) if i.get("quote") == "33位" and i["doc"].startswith("004")]
    assert change == []


def test_passages_copied_and_spun_are_found_with_the_swapped_words(findings):
    passages = [f for f in findings if f["type"] == "duplicate_passage"]
    within = [f for f in passages if {i["doc"] for i in f["items"]} == {"004_be30f20e22cc58d6.txt"}
              and any(i["start_line"] <= 45 <= i["end_line"] for i in f["items"])]  # fmt: skip
    assert within
    swaps = {tuple(s) for f in passages for s in f["details"].get("substitutions", [])}
    assert ("生气蓬勃", "朝气蓬勃") in swaps or ("朝气蓬勃", "生气蓬勃") in swaps
