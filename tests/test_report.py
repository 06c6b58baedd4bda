import json

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
