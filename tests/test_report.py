import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.report import json_text

_SCALARS = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False, allow_infinity=False) | st.text()
_DOCUMENTS = st.recursive(_SCALARS, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=20)


@given(st.dictionaries(st.text(), _DOCUMENTS))
def test_json_text_reads_back_as_the_document(document):
    assert json.loads(json_text(document)) == document


def test_json_text_is_laid_out_like_the_standard_library():
    document = {"summary": {"claims": 3, "findings": {}}, "findings": [{"doc": "上虞.txt", "value": 131772000000.0, "items": []}]}
    assert json_text(document) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_the_markdown_names_the_other_sources_of_a_contradicted_value(tmp_path):
    from checker.pipeline import scan
    from checker.report import render_markdown
    from tests.helpers import write_corpus

    corpus = write_corpus(
        tmp_path / "c",
        {
            "a.txt": "发布日期:2024-03-01\n\n2023年,临江区接待游客1520万人次。\n",
            "b.txt": "发布日期:2024-03-02\n\n2023年,临江区接待游客1520万人次。\n",
            "c.txt": "发布日期:2024-03-03\n\n2023年,临江区接待游客1250万人次。\n",
        },
    )
    text = render_markdown(scan(corpus))
    assert "Also stated by: `b.txt:3` 1520万人次" in text


def test_outputs_are_renamed_into_place_only_once_all_are_written(tmp_path, monkeypatch):
    from checker import report

    old = {tmp_path / "claims.csv": "old claims", tmp_path / "reports" / "report.md": "old report"}
    report.write_together(old)
    written = []
    real_fdopen = report.os.fdopen

    def failing_second(handle, *args, **kwargs):
        written.append(handle)
        if len(written) == 2:
            raise OSError("disk full")
        return real_fdopen(handle, *args, **kwargs)

    monkeypatch.setattr(report.os, "fdopen", failing_second)
    with pytest.raises(OSError):
        report.write_together({path: "new" for path in old})
    assert {path.read_text(encoding="utf-8") for path in old} == {"old claims", "old report"}  # not a mixed set
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["claims.csv", "report.md", "reports"]  # no temporary left


def test_outputs_get_the_users_umask(tmp_path):
    import os

    from checker import report

    previous = os.umask(0o022)
    try:
        report.write_atomic(tmp_path / "out.md", "text")
    finally:
        os.umask(previous)
    assert (tmp_path / "out.md").stat().st_mode & 0o777 == 0o644


def test_github_escapes_as_github_documents():
    from checker.report import _github_data, _github_property

    assert _github_data("50% up\r\nnext") == "50%25 up%0D%0Anext"
    assert _github_property("a,b:c%") == "a%2Cb%3Ac%25"
