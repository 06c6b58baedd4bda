"""Both segmenters (jieba-rs and jieba) must give the same Chinese words and tags.

They may split runs of Latin letters and digits differently (952.6kg), which the claims
stage reads from the characters, never from the words.
"""

import re
from pathlib import Path

import pytest

from checker.segmenter import _Jieba, _JiebaRs

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
OWN = [
    "去年,临江区实现地区生产总值856.3亿元,按可比价计算增长6.1%。",
    "临江区新增高新技术企业45家、省级以上研发机构12家,累计培育国家级专精特新小巨人企业18家。",
    "全区城乡居民人均可支配收入分别为70123元和41050元,分别增长5.2%和6.8%。",
]


def _sentences() -> list[str]:
    lines = [line.strip() for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    return OWN + [line for line in lines if line]


@pytest.fixture(scope="module")
def pair():
    try:
        return _JiebaRs(), _Jieba()
    except ImportError:
        pytest.skip("rjieba is not installed")


def _chinese(tokens):
    return [token for token in tokens if re.search(r"[\u4e00-\u9fff]", token[0])]


def test_same_chinese_tokens_and_tags(pair):
    fast, reference = pair
    for sentence in _sentences():
        assert _chinese(fast.tokens(sentence)) == _chinese(reference.tokens(sentence)), sentence


def test_same_dictionary_words(pair):
    fast, reference = pair
    for sentence in OWN:
        assert fast.words(sentence) == reference.words(sentence)
