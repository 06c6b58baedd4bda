"""Shared test setup: the cache of extracted claims goes to a temporary folder."""

import pytest


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "checker-cache"))
