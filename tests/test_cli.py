"""The command line, through click's CliRunner, with stdout and stderr kept apart."""

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from checker.cli import main
from tests.helpers import write_corpus

ROOT = Path(__file__).resolve().parents[1]

PUBLISHED = {
    "a.txt": "发布日期:2024-03-01\n\n2023年,临江区实现地区生产总值856.3亿元,同比增长6.1%。\n",
    "b.txt": "发布日期:2024-03-05\n\n统计公报显示,临江区2023年GDP为856.3亿元,新增企业45家。\n",
}
CONTRADICTING = "发布日期:2024-04-01\n\n2023年,临江区地区生产总值912.8亿元,综合实力稳步提升。\n"
AGREEING = "发布日期:2024-04-01\n\n2023年,临江区地区生产总值856.3亿元,综合实力稳步提升。\n"


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outputs and config discovery stay inside the test folder
    return CliRunner()


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus", PUBLISHED)


def new_article(tmp_path, text, name="new.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_scan_writes_claims_report_and_json_and_prints_the_report(runner, corpus, tmp_path):
    result = runner.invoke(main, ["scan", str(corpus), "--json", "out/findings.json"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# checker report")
    assert "documents" in result.stderr and "claims" in result.stderr
    claims = (tmp_path / "claims.csv").read_text(encoding="utf-8")
    assert claims.splitlines()[0].startswith("claim_id,doc,line,quote,subject,metric,value,value_high,unit")
    assert (tmp_path / "reports" / "report.md").read_text(encoding="utf-8") == result.stdout
    findings = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))
    assert [f["type"] for f in findings["findings"]] == ["agreement"]


def test_scan_output_is_deterministic(runner, corpus, tmp_path):
    runner.invoke(main, ["scan", str(corpus), "--claims", "one.csv", "--report", "one.md"])
    runner.invoke(main, ["scan", str(corpus), "--claims", "two.csv", "--report", "two.md"])
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
    assert (tmp_path / "one.md").read_bytes() == (tmp_path / "two.md").read_bytes()
    assert str(tmp_path) not in (tmp_path / "one.md").read_text(encoding="utf-8")


def test_check_fails_on_a_contradiction_and_names_it(runner, corpus, tmp_path):
    article = new_article(tmp_path, CONTRADICTING)
    result = runner.invoke(main, ["check", str(article), "--corpus", str(corpus)])
    assert result.exit_code == 1
    assert "## Contradictions" in result.stdout and "912.8亿元" in result.stdout and "856.3亿元" in result.stdout
    assert "new.txt:3" in result.stdout
    assert "FAIL" in result.stderr


def test_check_passes_an_agreeing_article(runner, corpus, tmp_path):
    article = new_article(tmp_path, AGREEING)
    result = runner.invoke(main, ["check", str(article), "--corpus", str(corpus)])
    assert result.exit_code == 0, result.stdout
    assert "## Agreements" in result.stdout


def test_check_does_not_repeat_corpus_internal_findings(runner, corpus, tmp_path):
    write_corpus(corpus, {"c.txt": CONTRADICTING})
    article = new_article(tmp_path, "发布日期:2024-04-01\n\n临江区新增绿地12公顷。\n")
    result = runner.invoke(main, ["check", str(article), "--corpus", str(corpus), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []


def test_check_gives_the_same_answer_for_batches(runner, corpus, tmp_path):
    first = new_article(tmp_path, CONTRADICTING, "x.txt")
    second = new_article(tmp_path, AGREEING, "y.txt")
    together = runner.invoke(main, ["check", str(first), str(second), "--corpus", str(corpus), "--format", "json"])
    alone = runner.invoke(main, ["check", str(first), "--corpus", str(corpus), "--format", "json"])
    def contradictions(out: str) -> list[str]:  # y.txt agrees with the corpus: it may be listed as another source
        found = json.loads(out)["findings"]
        sides = lambda f: {i["doc"] for i in f["items"] if i.get("role") != "also"}
        return [f["fingerprint"] for f in found if f["type"] == "contradiction" and "x.txt" in sides(f) and "y.txt" not in sides(f)]

    assert contradictions(together.stdout) == contradictions(alone.stdout) != []


def test_fail_on_levels(runner, corpus, tmp_path):
    article = new_article(tmp_path, CONTRADICTING)
    args = ["check", str(article), "--corpus", str(corpus), "--fail-on"]
    assert runner.invoke(main, args + ["none"]).exit_code == 0
    assert runner.invoke(main, args + ["contradiction"]).exit_code == 1
    assert runner.invoke(main, args + ["any"]).exit_code == 1
    assert runner.invoke(main, ["scan", str(corpus), "--fail-on", "any"]).exit_code == 0


def test_baseline_makes_a_reviewed_contradiction_pass_and_reports_stale_entries(runner, corpus, tmp_path):
    article = new_article(tmp_path, CONTRADICTING)
    written = runner.invoke(main, ["baseline", "write", str(article), "--corpus", str(corpus), "-o", "base.json"])
    assert written.exit_code == 0, written.stderr
    entries = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))["findings"]
    assert entries and entries[0]["type"] == "contradiction" and entries[0]["reason"] == ""
    result = runner.invoke(main, ["check", str(article), "--corpus", str(corpus), "--baseline", "base.json"])
    assert result.exit_code == 0
    assert "reviewed" in result.stdout
    github = ["check", str(article), "--corpus", str(corpus), "--baseline", "base.json", "--format", "github"]
    assert runner.invoke(main, github).stdout == ""  # a reviewed finding uses up no annotation
    annotations = runner.invoke(main, [*github, "--notices"])
    assert annotations.stdout.startswith("::notice ") and "title=checker%3A contradiction%2C reviewed" in annotations.stdout
    article.write_text(AGREEING, encoding="utf-8")
    result = runner.invoke(main, ["check", str(article), "--corpus", str(corpus), "--baseline", "base.json"])
    assert "Stale baseline entries" in result.stdout and "stale" in result.stderr


def test_baseline_survives_edits_elsewhere_and_keeps_reasons(runner, corpus, tmp_path):
    article = new_article(tmp_path, CONTRADICTING)
    runner.invoke(main, ["baseline", "write", str(article), "--corpus", str(corpus), "-o", "base.json"])
    document = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    document["findings"][0]["reason"] = "the new figure is the revised statistic"
    (tmp_path / "base.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    article.write_text(CONTRADICTING.replace("\n\n", "\n\n补充说明一段文字。\n\n"), encoding="utf-8")
    result = runner.invoke(main, ["check", str(article), "--corpus", str(corpus), "--baseline", "base.json"])
    assert result.exit_code == 0
    runner.invoke(main, ["baseline", "write", str(article), "--corpus", str(corpus), "-o", "base.json"])
    kept = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))["findings"]
    assert kept[0]["reason"] == "the new figure is the revised statistic"


@pytest.mark.parametrize("output_format", ["markdown", "json", "github", "sarif", "gitlab", "rdjson"])
def test_every_format_goes_to_stdout_only(runner, corpus, tmp_path, output_format):
    article = new_article(tmp_path, CONTRADICTING)
    result = runner.invoke(main, ["check", str(article), "--corpus", str(corpus), "--format", output_format])
    assert result.exit_code == 1
    assert "checker:" not in result.stdout and "checker:" in result.stderr
    if output_format == "json":
        document = json.loads(result.stdout)
        finding = document["findings"][0]
        assert {"type", "severity", "reason", "items"} <= set(finding)
        assert {"doc", "line", "quote", "claim_id", "value", "unit", "period"} <= set(finding["items"][0])
    if output_format == "github":
        assert re.match(r"^::(error|warning|notice) file=[^,]+,line=\d+,title=[^,:]+::", result.stdout)
    if output_format == "gitlab":
        (issue,) = json.loads(result.stdout)
        assert issue["location"]["path"].endswith("new.txt") and issue["severity"] in ("critical", "major")
    if output_format == "rdjson":
        (diagnostic,) = json.loads(result.stdout)["diagnostics"]
        assert diagnostic["location"]["path"].endswith("new.txt") and diagnostic["severity"] in ("ERROR", "WARNING")
    if output_format == "sarif":
        sarif = json.loads(result.stdout)
        assert sarif["version"] == "2.1.0" and sarif["runs"][0]["tool"]["driver"]["name"] == "checker"
        first = sarif["runs"][0]["results"][0]
        assert first["level"] in ("error", "warning", "note") and first["message"]["text"]
        region = first["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_output_file_instead_of_stdout(runner, corpus, tmp_path):
    article = new_article(tmp_path, CONTRADICTING)
    result = runner.invoke(main, ["check", str(article), "--corpus", str(corpus), "-o", "r.md"])
    assert result.stdout == "" and (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# checker report")


# --- bad input: exit 2, one line naming the file, nothing written ----------------------------


def one_line_error(result, *fragments):
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("checker: error:"), result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_missing_path(runner, tmp_path):
    one_line_error(runner.invoke(main, ["scan", "nowhere"]), "nowhere", "no such file")
    assert not (tmp_path / "claims.csv").exists() and not (tmp_path / "reports").exists()


def test_folder_without_txt(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    one_line_error(runner.invoke(main, ["scan", "empty"]), "empty", "no .txt")


def test_empty_file_is_skipped_with_a_warning(runner, corpus, tmp_path):
    (corpus / "blank.txt").write_text("  \n", encoding="utf-8")
    result = runner.invoke(main, ["scan", str(corpus)])
    assert result.exit_code == 0 and "blank.txt: empty file, skipped" in result.stderr


def test_only_empty_files_is_an_error(runner, tmp_path):
    write_corpus(tmp_path / "blank", {"x.txt": ""})
    one_line_error(runner.invoke(main, ["scan", "blank"]), "blank", "no readable articles")


def test_binary_file(runner, corpus):
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    one_line_error(runner.invoke(main, ["scan", str(corpus)]), "image.txt", "binary")


def test_undecodable_file_says_which_encodings_were_tried(runner, corpus):
    (corpus / "bad.txt").write_bytes("正文".encode() + b"\xff\xfe\xfa\x80\x81")
    one_line_error(runner.invoke(main, ["scan", str(corpus)]), "bad.txt", "utf-8", "gb18030")


def test_file_over_the_size_limit(runner, corpus):
    one_line_error(runner.invoke(main, ["scan", str(corpus), "--max-bytes", "10"]), "a.txt", "limit")


def test_gb18030_and_utf16_files_are_read(runner, tmp_path):
    folder = tmp_path / "enc"
    folder.mkdir()
    (folder / "gbk.txt").write_bytes(PUBLISHED["a.txt"].encode("gb18030"))
    (folder / "utf16.txt").write_bytes(PUBLISHED["b.txt"].encode("utf-16"))
    result = runner.invoke(main, ["scan", str(folder), "--format", "json"])
    assert result.exit_code == 0
    assert [f["type"] for f in json.loads(result.stdout)["findings"]] == ["agreement"]


def test_inputs_are_never_modified(runner, corpus, tmp_path):
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    runner.invoke(main, ["scan", str(corpus)])
    runner.invoke(main, ["check", str(new_article(tmp_path, CONTRADICTING)), "--corpus", str(corpus)])
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before


def test_malformed_baseline(runner, corpus, tmp_path):
    (tmp_path / "base.json").write_text("{not json", encoding="utf-8")
    one_line_error(runner.invoke(main, ["scan", str(corpus), "--baseline", "base.json"]), "base.json", "JSON")
    assert not (tmp_path / "claims.csv").exists()


def test_missing_baseline(runner, corpus):
    one_line_error(runner.invoke(main, ["scan", str(corpus), "--baseline", "nope.json"]), "nope.json", "not found")


def test_malformed_config(runner, corpus, tmp_path):
    (tmp_path / "checker.toml").write_text("fail_on = [", encoding="utf-8")
    one_line_error(runner.invoke(main, ["scan", str(corpus)]), "checker.toml", "TOML")


def test_config_sets_defaults_flags_win_and_unknown_keys_warn(runner, corpus, tmp_path):
    (tmp_path / "checker.toml").write_text('corpus = "corpus"\nfail_on = "none"\ncolour = "red"\n', encoding="utf-8")
    article = new_article(tmp_path, CONTRADICTING)
    from_config = runner.invoke(main, ["check", str(article)])
    assert from_config.exit_code == 0 and "unknown config key 'colour'" in from_config.stderr
    flag_wins = runner.invoke(main, ["check", str(article), "--fail-on", "contradiction"])
    assert flag_wins.exit_code == 1


def test_config_in_pyproject_is_found_from_a_subfolder(runner, corpus, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.checker]\ncorpus = "corpus"\n', encoding="utf-8")
    article = new_article(tmp_path, CONTRADICTING)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert runner.invoke(main, ["check", str(article)]).exit_code == 1


def test_unknown_option_is_a_usage_error(runner):
    result = runner.invoke(main, ["scan", "--colour"])
    assert result.exit_code == 2


def test_internal_error_exits_3_with_a_hint_and_traceback_only_with_debug(runner, corpus, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("checker.pipeline.match_claims", broken)
    result = runner.invoke(main, ["scan", str(corpus)])
    assert result.exit_code == 3 and "report" in result.stderr and "Traceback" not in result.stderr
    result = runner.invoke(main, ["scan", str(corpus), "--debug"])
    assert result.exit_code == 3 and "Traceback" in result.stderr


def test_evaluate_scores_findings(runner, corpus, tmp_path):
    runner.invoke(main, ["scan", str(corpus), "--json", "f.json"])
    expected = {"findings": [{"type": "agreement", "items": [{"doc": "a.txt", "quote": "856.3亿元"}, {"doc": "b.txt", "quote": "856.3亿元"}]},
                             {"type": "contradiction", "items": [{"doc": "a.txt", "quote": "6.1%"}]}]}  # fmt: skip
    (tmp_path / "expected.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(main, ["evaluate", "expected.json", "f.json"])
    assert result.exit_code == 0
    assert re.search(r"agreement\s+1\s+1\s+1\s+1\.000\s+1\.000", result.stdout)
    assert re.search(r"contradiction\s+1\s+0\s+0\s+0\.000", result.stdout)
    assert "missed: contradiction" in result.stdout


def _command_names(group: click.Group, prefix: str = "") -> list[str]:
    names = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        names.append(full)
        if isinstance(command, click.Group):
            names += _command_names(command, full + " ")
    return names


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in _command_names(main):
        assert f"checker {name}" in readme, f"'checker {name}' is not documented in README.md"


@pytest.mark.parametrize(
    ("options", "drawn"), [([], True), (["--quiet"], False), (["--format", "json"], False)]
)
def test_progress_is_drawn_on_a_terminal_unless_quiet_or_a_machine_format(runner, corpus, monkeypatch, options, drawn):
    monkeypatch.setattr("checker.cli._stderr_is_terminal", lambda: True)
    monkeypatch.setattr("checker.cli._PROGRESS_AFTER", 0)
    result = runner.invoke(main, ["scan", str(corpus), *options])
    assert result.exit_code == 0, result.stderr
    assert ("checker: extracting claims" in result.stderr) is drawn
    assert "extracting claims" not in result.stdout


def test_no_progress_when_stderr_is_not_a_terminal(runner, corpus, monkeypatch):
    monkeypatch.setattr("checker.cli._PROGRESS_AFTER", 0)
    result = runner.invoke(main, ["scan", str(corpus)])
    assert "extracting claims" not in result.stderr


@pytest.mark.parametrize("cached", [False, True])
def test_check_of_an_article_without_numbers_passes_and_says_so(runner, corpus, tmp_path, cached):
    article = new_article(tmp_path, "发布日期:2024-04-01\n\n临江区召开座谈会,听取企业家意见建议。\n")
    cache = ["--cache-dir", str(tmp_path / "cache")] if cached else ["--no-cache"]
    result = runner.invoke(main, ["check", str(article), "--corpus", str(corpus), *cache])
    assert result.exit_code == 0, result.output
    assert "0 claims" in result.stderr
    assert "## Contradictions" not in result.stdout


def test_cache_clear_of_a_file_is_a_one_line_error_and_keeps_the_file(runner, tmp_path):
    keep = tmp_path / "notes.txt"
    keep.write_text("keep me", encoding="utf-8")
    result = runner.invoke(main, ["cache", "clear", "--cache-dir", str(keep)])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "notes.txt" in result.stderr and "Traceback" not in result.stderr
    assert keep.read_text(encoding="utf-8") == "keep me"


def test_check_says_how_many_claims_were_compared_and_lists_those_no_source_confirms(runner, corpus, tmp_path):
    article = new_article(tmp_path, AGREEING.replace("综合实力稳步提升", "新建口袋公园12个"))
    result = runner.invoke(main, ["check", str(article), "--corpus", str(corpus), "--no-cache"])
    assert result.exit_code == 0, result.stderr
    assert "1 compared with the corpus, 1 not confirmed by any source" in result.stderr
    section = result.stdout.split("## Not confirmed by any source (1)")[1]
    rows = [line for line in section.split("## Coverage")[0].splitlines() if line.startswith("| `new.txt")]
    assert len(rows) == 1 and "| 12个 " in rows[0]


def test_ok_says_so_when_no_claim_was_compared(runner, corpus, tmp_path):
    article = new_article(tmp_path, "发布日期:2024-04-01\n\n溪枫县新建口袋公园12个。\n")
    result = runner.invoke(main, ["check", str(article), "--corpus", str(corpus), "--no-cache"])
    assert result.exit_code == 0
    assert result.stderr.rstrip().endswith("ok, but no claim was compared with the corpus")


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("contradiction", 1), ("none", 0)])
def test_fail_on_error_passes_a_contradiction_of_warning_level(runner, corpus, tmp_path, fail_on, code):
    article = new_article(tmp_path, CONTRADICTING.replace("2023年,临江区地区生产总值", "预计2023年临江区地区生产总值"))
    result = runner.invoke(main, ["check", str(article), "--corpus", str(corpus), "--no-cache", "--fail-on", fail_on])
    assert "## Contradictions (1)" in result.stdout and "`warning`" in result.stdout
    assert result.exit_code == code, result.stderr


def test_github_annotations_sit_on_the_new_article_by_its_repository_path_and_are_escaped(runner, tmp_path, monkeypatch):
    repository = tmp_path / "newsroom"
    corpus = write_corpus(repository / "corpus" / "2024", PUBLISHED)
    (repository / "drafts").mkdir()
    article = new_article(repository / "drafts", CONTRADICTING, "new, draft.txt")
    monkeypatch.chdir(repository / "corpus")  # not the root: paths are still the repository's
    monkeypatch.setattr("checker.cli._repository_root", lambda: repository)
    result = runner.invoke(main, ["check", str(article), "--corpus", str(corpus), "--format", "github"])
    (line,) = result.stdout.splitlines()
    properties, message = line.split("::")[1:3]
    assert properties.startswith("error file=drafts/new%2C draft.txt,line=3,title=checker%3A contradiction")
    assert "corpus/2024/a.txt:3" in message and "\r" not in message and "%" not in message.replace("%25", "").replace("%0D", "")


def test_info_findings_are_no_annotations_unless_asked(runner, corpus, tmp_path):
    article = new_article(tmp_path, AGREEING)
    args = ["check", str(article), "--corpus", str(corpus), "--format", "github"]
    assert runner.invoke(main, args).stdout == ""
    assert runner.invoke(main, [*args, "--notices"]).stdout.startswith("::notice ")


def test_a_piped_article_is_read_from_stdin(runner, corpus):
    result = runner.invoke(main, ["check", "-", "--corpus", str(corpus), "--no-cache"], input=CONTRADICTING.encode())
    assert result.exit_code == 1 and "## Contradictions (1)" in result.stdout and "`stdin.txt:3`" in result.stdout


@pytest.mark.parametrize(("arguments", "expected"), [(["-V"], "version"), (["-h"], "Usage:"), (["scan", "-h"], "--fail-on")])
def test_short_options_of_every_command_line_tool(runner, arguments, expected):
    result = runner.invoke(main, arguments)
    assert result.exit_code == 0 and expected in result.stdout


def test_config_option_reads_that_file(runner, corpus, tmp_path):
    (tmp_path / "elsewhere.toml").write_text(f'corpus = "{corpus}"\nfail_on = "none"\n', encoding="utf-8")
    article = new_article(tmp_path, CONTRADICTING)
    result = runner.invoke(main, ["--config", "elsewhere.toml", "check", str(article)])
    assert result.exit_code == 0, result.stderr
    missing = runner.invoke(main, ["--config", "nowhere.toml", "check", str(article)])
    one_line_error(missing, "nowhere.toml", "config file not found")


def test_no_color_keeps_the_summary_plain_even_on_a_terminal(runner, corpus, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    result = runner.invoke(main, ["scan", str(corpus)], color=True)
    assert "\x1b[" not in result.stderr
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" in runner.invoke(main, ["scan", str(corpus)], color=True).stderr


def test_max_findings_and_summary_shorten_the_markdown_but_not_the_json(runner, corpus, tmp_path):
    write_corpus(corpus, {"c.txt": "发布日期:2024-04-01\n\n2023年,临江区地区生产总值856.3亿元,比上年增长6.1%。\n"})
    full = runner.invoke(main, ["scan", str(corpus), "--json", "all.json"])
    short = runner.invoke(main, ["scan", str(corpus), "--max-findings", "1", "--report", "short.md", "--json", "short.json"])
    counts = runner.invoke(main, ["scan", str(corpus), "--summary", "--report", "counts.md"])
    assert "## Agreements (2)" in full.stdout and full.stdout.count("\n### ") == 2
    assert short.stdout.count("\n### ") == 1 and "_… and 1 more, not shown" in short.stdout
    assert "more, not shown" in short.stdout and (tmp_path / "short.md").read_text(encoding="utf-8") == short.stdout
    assert "\n### " not in counts.stdout and "| agreements " in counts.stdout and "<details>" not in counts.stdout
    assert (tmp_path / "all.json").read_text(encoding="utf-8") == (tmp_path / "short.json").read_text(encoding="utf-8")
