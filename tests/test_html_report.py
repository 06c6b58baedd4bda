"""The HTML report: marked numbers and changes, sources, timelines; and, in a real browser
(headless Chromium, skipped when it is not installed), the page of seeds/."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from checker import pipeline
from checker.html_report import (
    marked_changes,
    marked_quote,
    render_html,
    source_of,
    timelines,
)
from checker.models import ClaimRef, Finding
from checker.pipeline import Settings
from tests.helpers import article

ROOT = Path(__file__).resolve().parents[1]


def test_the_quote_is_marked_in_its_sentence_and_everything_is_escaped():
    marked = marked_quote("据<统计>,全年产值达12.5亿元。", "12.5亿元")
    assert marked == '据&lt;统计&gt;,全年产值达<mark class="number">12.5亿元</mark>。'


def test_a_passage_marks_what_the_other_side_has_not_and_its_numbers():
    a, b = marked_changes("全年新增企业45家", "全年新增公司46家")
    assert '<mark class="change">企业</mark>' in a and '<mark class="change">公司</mark>' in b
    assert '<mark class="change number">6</mark>' in b  # a changed digit of a number


def test_the_source_is_the_outlet_title_and_date_the_article_gives():
    written = article("正文第一段。", doc="x.txt").lines  # only for its date line
    source = source_of(article("来源:岚江日报\n岚桥区举行秋季招聘会吸引上万人\n" + "\n".join(written[2:]), doc="x.txt"))
    assert (source.outlet, source.title, source.date) == ("岚江日报", "岚桥区举行秋季招聘会吸引上万人", "2024-06-06")


def _ref(doc, period, value):
    return ClaimRef(doc, 3, f"{value}亿元", f"{doc}-L3-1", value * 1e8, "元", period, "地区生产总值", "岚桥")


def test_a_timeline_has_a_point_per_source_and_period_and_marks_a_contradiction():
    findings = [
        Finding("period_difference", "info", "trend", (_ref("a.txt", "2022", 800), _ref("b.txt", "2023", 850))),
        Finding("contradiction", "warning", "differ", (_ref("b.txt", "2023", 850), _ref("c.txt", "2023", 880))),
    ]
    (chart,) = timelines(findings)
    assert chart["name"] == "岚桥 · 地区生产总值"
    assert chart["svg"].count("<circle") == 3 and chart["svg"].count('class="value odd"') == 2


def test_a_page_escapes_what_articles_say():
    result = pipeline.scan(ROOT / "seeds", Settings())
    page = render_html(result)
    assert "<script>" in page and page.count("<script>") == 1  # only its own
    assert "http" not in re.sub(r'lang="zh"', "", page.split("<body>")[0])  # no network: styles inline


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(_chromium() is None, reason="no Chromium (CI installs Debian's chromium)")
def test_the_seeds_page_in_a_real_browser(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render_html(pipeline.scan(ROOT / "seeds", Settings())), encoding="utf-8")

    def dom(fragment: str = "") -> str:
        command = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri() + fragment]
        return subprocess.run(command, capture_output=True, text=True, timeout=60, check=True).stdout

    everything = dom()
    assert 'data-ready="yes"' in everything  # the page's script ran
    assert len(re.findall(r'<section class="finding [a-z]+" data-type="contradiction"', everything)) == 2
    assert re.search(r'<svg class="timeline"[^>]*>.*?<circle', everything) and '<mark class="number">' in everything
    assert '<span id="shown">27 shown</span>' in everything
    only = dom("#type=contradiction")
    assert '<span id="shown">2 shown</span>' in only
    assert len(re.findall(r'<section class="finding [a-z]+ hidden"', only)) == 25
