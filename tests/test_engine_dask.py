"""The Dask engine gives the local engine's claims, report and findings, byte for byte."""

import random
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import checker
from checker.cli import main
from checker.match import comparable, match_claims
from checker.pipeline import Settings, scan
from tests.helpers import write_corpus

ROOT = Path(__file__).resolve().parents[1]

SMALL = {
    "a.txt": "发布日期:2024-03-01\n\n2023年,临江区实现地区生产总值856.3亿元,同比增长6.1%。"
    "临江区坚持创新驱动发展战略,加快建设现代化产业体系,全力推进新型工业化和数字经济高质量发展。\n",
    "b.txt": "发布日期:2024-03-05\n\n统计公报显示,临江区2023年GDP为856.3亿元,新增企业45家。\n",
    "c.txt": "发布日期:2024-04-01\n\n2023年,临江区地区生产总值912.8亿元。"
    "临江区坚持创新驱动发展战略,加快建设现代化产业体系,全力推进新型工业化和数字经济高质量发展。\n",
    "0_menu.txt": "责任编辑:王五\n",  # no article text: warned after the empty file, though listed before it
    "empty.txt": "\n",
}


@pytest.fixture(scope="module")
def scheduler():
    pytest.importorskip("dask")
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address="127.0.0.1:0") as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outputs and config discovery stay inside the test folder
    return CliRunner()


def _scan(runner, corpus, name, *options):
    result = runner.invoke(
        main,
        ["scan", str(corpus), "--no-cache", "--claims", f"{name}.csv", "--report", f"{name}.md", "--json", f"{name}.json", *options],
    )
    outputs = tuple(Path(f"{name}.{ext}").read_bytes() for ext in ("csv", "md", "json")) if result.exit_code == 0 else ()
    return result, outputs


def _assert_same(runner, corpus, *dask_options):
    local, local_outputs = _scan(runner, corpus, "local")
    dask, dask_outputs = _scan(runner, corpus, "dask", "--engine", "dask", *dask_options)
    assert local.exit_code == 0, local.stderr
    assert (dask.exit_code, dask.stdout, dask.stderr) == (local.exit_code, local.stdout, local.stderr)
    assert dask_outputs == local_outputs


def test_seeds_on_dask_give_the_local_claims_report_and_findings(runner, scheduler):
    _assert_same(runner, ROOT / "seeds", "--scheduler", scheduler)


def test_a_corpus_split_one_file_per_task_gives_the_local_findings(runner, scheduler, tmp_path, monkeypatch):
    from checker import engine_dask

    monkeypatch.setattr(engine_dask, "FILES_PER_TASK", 1)  # claims of one block come from many partitions
    corpus = write_corpus(tmp_path / "corpus", SMALL)
    _assert_same(runner, corpus, "--scheduler", scheduler)
    findings = scan(corpus, Settings(engine="dask", scheduler=scheduler)).findings
    assert {f.type for f in findings} >= {"contradiction", "agreement", "duplicate_passage"}


def test_without_a_scheduler_a_local_cluster_runs_the_scan(runner, tmp_path):
    pytest.importorskip("dask")
    _assert_same(runner, write_corpus(tmp_path / "corpus", SMALL), "--jobs", "1")


def test_a_bad_file_is_the_same_one_line_error_on_both_engines(runner, scheduler, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", SMALL)
    (corpus / "z.txt").write_bytes(b"\x00\x01binary")
    local, _ = _scan(runner, corpus, "local")
    dask, _ = _scan(runner, corpus, "dask", "--engine", "dask", "--scheduler", scheduler)
    assert local.exit_code == dask.exit_code == 2
    assert dask.stderr == local.stderr and len(dask.stderr.splitlines()) == 1


def test_the_config_chooses_the_engine_and_scheduler(runner, tmp_path, monkeypatch):
    engine_dask = pytest.importorskip("checker.engine_dask")
    used = []
    monkeypatch.setattr(engine_dask, "scan_with_dask", lambda path, settings: used.append(settings) or scan(path))
    (tmp_path / "checker.toml").write_text('engine = "dask"\nscheduler = "tcp://host:8786"\n', encoding="utf-8")
    result = runner.invoke(main, ["scan", str(write_corpus(tmp_path / "corpus", SMALL))])
    assert result.exit_code == 0, result.stderr
    assert [(s.engine, s.scheduler) for s in used] == [("dask", "tcp://host:8786")]


def test_matching_block_by_block_equals_matching_everything():
    pytest.importorskip("dask")
    from checker.engine_dask import _block_hash, _match_group, _matched

    claims = scan(ROOT / "seeds").claims
    tagged = [((0, k), claim) for k, claim in enumerate(claims) if comparable(claim)]
    random.Random(7).shuffle(tagged)  # a shuffle keeps no order
    groups: dict[int, list] = {}
    for item in tagged:
        groups.setdefault(_block_hash(item), []).append(item)
    blocks = [block for group in groups.items() for block in _match_group(group)]
    assert len(blocks) > 10
    assert _matched(blocks[::-1]) == match_claims(claims)


def test_without_dask_the_engine_asks_for_the_extra(runner, monkeypatch):
    for name in ("dask", "distributed"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "checker.engine_dask", raising=False)
    monkeypatch.delattr(checker, "engine_dask", raising=False)
    result = runner.invoke(main, ["scan", str(ROOT / "seeds"), "--engine", "dask"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        'checker: error: --engine dask: needs dask, which is not installed: pip install "zh-claim-checker[dask]"'
    ]
