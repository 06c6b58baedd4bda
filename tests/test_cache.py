"""The cache: sealed entries, and a damaged cache that costs time, never correctness."""

import pickle
from pathlib import Path

import pytest

from checker import pipeline
from checker.cache import seal, unseal
from checker.pipeline import Settings
from tests.helpers import write_corpus
from tests.test_pipeline import CORPUS, NEW


def _summary(result):
    return sorted((f.type, f.rule, f.severity, f.fingerprint) for f in result.findings), sorted(c.claim_id for c in result.claims)


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _garbled(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes(b ^ 0x5A for b in data[middle : middle + 16]) + data[middle + 16 :]


def _another_pickle(data: bytes) -> bytes:
    return pickle.dumps({"not": "an entry"})  # unpickles fine, is no entry: once ended in a TypeError


def _resealed_dict(data: bytes) -> bytes:
    return seal(pickle.dumps({"not": "an entry"}))  # a sound seal around the wrong thing


DAMAGES = [_truncated, _garbled, _another_pickle, _resealed_dict, lambda data: b""]


def _damage(cache: Path, damage) -> int:
    files = [path for path in cache.rglob("*") if path.is_file()]
    for path in files:
        path.write_bytes(damage(path.read_bytes()))
    return len(files)


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus", CORPUS)


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_cache_gives_the_answer_of_no_cache_and_says_so(corpus, tmp_path, damage):
    cache = tmp_path / "cache"
    truth = _summary(pipeline.scan(corpus, Settings()))
    pipeline.scan(corpus, Settings(cache_dir=cache))
    assert _damage(cache, damage) >= len(CORPUS)
    damaged = pipeline.scan(corpus, Settings(cache_dir=cache))
    assert _summary(damaged) == truth
    assert sum("damaged" in warning for warning in damaged.warnings) == len(CORPUS)
    again = pipeline.scan(corpus, Settings(cache_dir=cache))  # rebuilt: no damage left
    assert _summary(again) == truth and not any("damaged" in w for w in again.warnings)


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_corpus_index_gives_the_answer_of_no_cache(corpus, tmp_path, damage):
    new = tmp_path / "new.txt"
    new.write_text(NEW, encoding="utf-8")
    cache = tmp_path / "cache"
    truth = _summary(pipeline.check([new], corpus, Settings()))
    pipeline.check([new], corpus, Settings(cache_dir=cache))  # builds the index
    _damage(cache, damage)
    damaged = pipeline.check([new], corpus, Settings(cache_dir=cache))
    assert _summary(damaged) == truth
    assert any("corpus index" in warning and "damaged" in warning for warning in damaged.warnings)
    again = pipeline.check([new], corpus, Settings(cache_dir=cache))
    assert _summary(again) == truth and not any("damaged" in w for w in again.warnings)


def test_one_garbled_array_of_the_index_is_found_by_its_checksum(corpus, tmp_path):
    new = tmp_path / "new.txt"
    new.write_text(NEW, encoding="utf-8")
    cache = tmp_path / "cache"
    truth = _summary(pipeline.check([new], corpus, Settings()))
    pipeline.check([new], corpus, Settings(cache_dir=cache))
    (array,) = cache.rglob("gram-hashes.npy")
    array.write_bytes(_garbled(array.read_bytes()))
    damaged = pipeline.check([new], corpus, Settings(cache_dir=cache))
    assert _summary(damaged) == truth and any("corpus index" in w for w in damaged.warnings)


def test_a_seal_holds_its_payload_and_refuses_any_change():
    sealed = seal(b"payload")
    assert unseal(sealed) == b"payload"
    assert unseal(sealed[:-1]) is None and unseal(_garbled(sealed)) is None and unseal(b"payload") is None
