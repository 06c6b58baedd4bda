"""Review marks written in an article: they review its findings, need a reason, and an unused one is reported."""

from click.testing import CliRunner

from checker.cli import main
from tests.helpers import claims_of, write_corpus
from tests.test_cli import CONTRADICTING, PUBLISHED

MARK = "<!-- checker: reviewed 912.8亿元: 区统计局修订后的数据,见2024年统计公报 -->\n"


def _check(tmp_path, monkeypatch, text):
    monkeypatch.chdir(tmp_path)
    corpus = write_corpus(tmp_path / "corpus", PUBLISHED)
    (tmp_path / "new.txt").write_text(text, encoding="utf-8")
    return CliRunner().invoke(main, ["check", "new.txt", "--corpus", str(corpus), "--no-cache"])


def test_a_mark_reviews_the_findings_of_its_figure(tmp_path, monkeypatch):
    unmarked = _check(tmp_path, monkeypatch, CONTRADICTING)
    marked = _check(tmp_path, monkeypatch, CONTRADICTING + MARK)
    assert unmarked.exit_code == 1 and marked.exit_code == 0, marked.stderr
    assert "— reviewed" in marked.stdout and "1 reviewed" in marked.stderr


def test_an_unused_mark_is_reported_with_its_line(tmp_path, monkeypatch):
    result = _check(tmp_path, monkeypatch, CONTRADICTING + MARK.replace("912.8亿元", "777亿元"))
    assert result.exit_code == 1
    assert "new.txt:4: the review mark of '777亿元' reviews no finding" in result.stderr


def test_a_mark_needs_a_reason(tmp_path, monkeypatch):
    result = _check(tmp_path, monkeypatch, CONTRADICTING + "<!-- checker: reviewed 912.8亿元 -->\n")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "new.txt:4" in result.stderr and "reason" in result.stderr and "Traceback" not in result.stderr


def test_a_mark_is_no_article_text():
    assert [c.quote for c in claims_of("全年产值12亿元。\n" + MARK)] == ["12亿元"]
