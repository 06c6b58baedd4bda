"""The pipeline: scan and check, with and without the cache and the corpus index."""

from pathlib import Path

import pytest

from checker import pipeline
from checker.pipeline import Settings
from tests.helpers import write_corpus

CORPUS = {
    "a.txt": "发布日期:2024-03-01\n\n2023年,临江区实现地区生产总值856.3亿元,同比增长6.1%。去年,临江区综合实力位列全国百强区第41位,比上年提升3位。\n",
    "b.txt": "发布日期:2022-12-01\n\n临江区综合实力跃居2022年全国百强榜第44位,新增上市公司3家。\n",
    "c.txt": "发布日期:2024-02-01\n\n临江区深入实施创新驱动发展战略,持续加大科技投入,2023年新增高新技术企业45家、省级研发机构12家,科技创新对经济增长的贡献率不断提高。\n",
    "d.txt": "发布日期:2024-02-05\n\n滨海县新建口袋公园6个,市民休闲空间进一步拓展。\n",
}
NEW = (
    "发布日期:2024-04-01\n\n2023年,临江区地区生产总值912.8亿元。临江区深入实施创新驱动发展战略,持续加大科技投入,"
    "2023年新增高新技术企业54家、省级研发机构12家,科技创新对经济增长的贡献率不断提高。\n"
)


def _summary(result):
    return sorted((f.type, f.rule, f.severity, f.fingerprint) for f in result.findings)


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus", CORPUS)


@pytest.fixture
def new(tmp_path) -> Path:
    path = tmp_path / "new.txt"
    path.write_text(NEW, encoding="utf-8")
    return path


def test_check_through_the_index_gives_the_answer_of_reading_everything(corpus, new, tmp_path):
    everything = pipeline.check([new], corpus, Settings())
    building = pipeline.check([new], corpus, Settings(cache_dir=tmp_path / "cache"))
    indexed = pipeline.check([new], corpus, Settings(cache_dir=tmp_path / "cache"))
    assert _summary(everything) == _summary(building) == _summary(indexed)
    assert {f.type for f in indexed.findings} >= {"contradiction", "duplicate_passage"}
    assert indexed.corpus_documents == 4 and [a.doc for a in indexed.articles] == ["new.txt"]


def test_a_changed_corpus_file_is_seen_by_the_next_check(corpus, new, tmp_path):
    settings = Settings(cache_dir=tmp_path / "cache")
    before = pipeline.check([new], corpus, settings)
    (corpus / "a.txt").write_text(CORPUS["a.txt"].replace("856.3", "912.8"), encoding="utf-8")
    after = pipeline.check([new], corpus, settings)
    gdp = lambda result: [f for f in result.findings if f.type == "contradiction" and "912.8" in f.reason and "856.3" in f.reason]
    assert gdp(before) and not gdp(after)


def test_scan_output_does_not_depend_on_jobs_or_cache(corpus, tmp_path, monkeypatch):
    serial = pipeline.scan(corpus, Settings(jobs=1))
    monkeypatch.setattr(pipeline, "_SERIAL_BELOW", 0)  # use worker processes even for 4 files
    monkeypatch.setattr("checker.passages._PARALLEL_FROM", 0)
    monkeypatch.setattr(pipeline, "_OVERLAP_FROM", 0)  # match claims in a process beside the passages
    parallel = pipeline.scan(corpus, Settings(jobs=2, cache_dir=tmp_path / "cache"))
    cached = pipeline.scan(corpus, Settings(jobs=2, cache_dir=tmp_path / "cache"))
    assert serial.claims == parallel.claims == cached.claims
    assert _summary(serial) == _summary(parallel) == _summary(cached)
    assert serial.findings == parallel.findings == cached.findings


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_counts_every_file_then_the_comparison_stages(corpus, tmp_path, jobs, monkeypatch):
    monkeypatch.setattr(pipeline, "_SERIAL_BELOW", 1)  # four files: use the process pool too
    heard = []
    pipeline.scan(corpus, Settings(jobs=jobs), progress=lambda *step: heard.append(step))
    extracting = [(done, total) for stage, done, total in heard if stage == pipeline.EXTRACTING]
    assert extracting == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    assert [done for stage, done, _ in heard if stage == pipeline.COMPARING] == [0, 1, 2]


def test_progress_of_a_warm_cache_starts_with_the_cached_files(corpus, tmp_path):
    settings = Settings(cache_dir=tmp_path / "cache")
    pipeline.scan(corpus, settings)
    heard = []
    pipeline.scan(corpus, settings, progress=lambda *step: heard.append(step))
    assert [step for step in heard if step[0] == pipeline.EXTRACTING] == [(pipeline.EXTRACTING, 4, 4)]


def test_an_edited_copy_of_a_corpus_article_is_checked_alike_with_and_without_the_index(corpus, tmp_path):
    """The copy and the original share a file name: their claims must not share ids."""
    edited = tmp_path / "drafts" / "a.txt"
    edited.parent.mkdir()
    edited.write_text(CORPUS["a.txt"].replace("856.3", "870.5"), encoding="utf-8")
    plain = pipeline.check([edited], corpus, Settings())
    pipeline.check([edited], corpus, Settings(cache_dir=tmp_path / "cache"))  # builds the index
    indexed = pipeline.check([edited], corpus, Settings(cache_dir=tmp_path / "cache"))
    assert _summary(plain) == _summary(indexed)
    assert any(f.type == "contradiction" and "870.5" in f.reason and "856.3" in f.reason for f in indexed.findings)


def test_claim_ids_are_unique_across_folders(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"east/x.txt": CORPUS["a.txt"], "west/x.txt": CORPUS["a.txt"]})
    claims = pipeline.scan(corpus, Settings()).claims
    assert len({c.claim_id for c in claims}) == len(claims)


def test_a_file_holding_only_a_byte_order_mark_does_not_rebuild_the_index_each_time(corpus, new, tmp_path, monkeypatch):
    (corpus / "bom.txt").write_bytes(b"\xef\xbb\xbf")
    settings = Settings(cache_dir=tmp_path / "cache")
    first = pipeline.check([new], corpus, settings)
    builds = []
    monkeypatch.setattr(pipeline, "build_index", lambda *args: builds.append(args) or None)
    second = pipeline.check([new], corpus, settings)
    assert builds == [] and _summary(first) == _summary(second)
    assert any("bom.txt: empty file" in warning for warning in second.warnings)


def test_a_traditional_chinese_article_is_matched_with_simplified_ones_and_quoted_as_written(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {
        "a.txt": CORPUS["a.txt"],
        "hk.txt": "發佈日期:2024-03-05\n\n2023年,臨江區實現地區生產總值870.5億元,同比增長6.1%。\n責任編輯:陳明\n",
    })  # fmt: skip
    result = pipeline.scan(corpus, Settings())
    (contradiction,) = [f for f in result.findings if f.type == "contradiction"]
    quotes = {item.doc: item.quote for item in contradiction.items}
    assert quotes == {"a.txt": "856.3亿元", "hk.txt": "870.5億元"}
    assert any(f.type == "agreement" and "6.1%" in f.reason for f in result.findings)


@pytest.mark.parametrize("cached", [False, True])
def test_a_new_file_inside_the_corpus_is_checked_against_the_corpus_without_itself(corpus, tmp_path, cached):
    added = corpus / "e.txt"
    added.write_text(NEW, encoding="utf-8")
    settings = Settings(cache_dir=tmp_path / "cache" if cached else None)
    result = pipeline.check([added], corpus, settings)
    assert result.focus == ("e.txt",) and result.corpus_documents == 4
    assert not any({item.doc for item in f.items} == {"e.txt"} for f in result.findings)  # never a copy of itself
    scanned = {f.fingerprint for f in pipeline.scan(corpus, Settings()).findings}
    assert {f.fingerprint for f in result.findings} <= scanned  # one identity: a scan's findings, a baseline's


@pytest.mark.parametrize("cached", [False, True])
def test_a_changed_corpus_file_is_checked_without_its_previous_version(corpus, tmp_path, cached):
    settings = Settings(cache_dir=tmp_path / "cache" if cached else None)
    pipeline.check([corpus / "d.txt"], corpus, settings)  # an index of the corpus as it was
    changed = corpus / "a.txt"
    changed.write_text(CORPUS["a.txt"].replace("856.3", "870.5"), encoding="utf-8")
    result = pipeline.check([changed], corpus, settings)
    docs = {item.doc for f in result.findings for item in f.items}
    assert "new/a.txt" not in docs and docs <= set(CORPUS)
    assert not any(f.type == "duplicate_passage" for f in result.findings)  # its old version is not the corpus
