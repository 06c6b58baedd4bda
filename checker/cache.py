"""Cache: a file's bytes -> its Article and extracted claims, kept between runs.

An entry is keyed by the file's sha256, its name in the corpus and a fingerprint of the
extraction rules (the package version and every rule table in checker/data), so a changed
or added file is re-extracted and nothing else is. It lives in ``--cache-dir``, else
``$CHECKER_CACHE_DIR``, else ``$XDG_CACHE_HOME/checker`` (``~/.cache/checker``), and
``checker cache clear`` removes it. Entries are written atomically and sealed (a schema
version and the sha256 of their bytes): a truncated or garbled entry is found out, discarded
and rebuilt, with a warning. The cache may cost time, never correctness.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from functools import cache
from importlib import metadata, resources
from pathlib import Path

from . import DISTRIBUTION
from .claims import Extraction
from .ingest import InputError
from .models import Article

ENVIRONMENT_VARIABLE = "CHECKER_CACHE_DIR"
SCHEMA = 1  # of the sealed entries: a new layout of what is pickled needs a new number
_MAGIC = b"checker-cache\n"


def seal(payload: bytes) -> bytes:
    """The bytes of a cache file: a header (magic, schema, sha256 of the payload), then the payload."""
    return _MAGIC + SCHEMA.to_bytes(2, "big") + hashlib.sha256(payload).digest() + payload


def unseal(data: bytes) -> bytes | None:
    """The payload of a cache file, or None when it is damaged or of another schema."""
    header = len(_MAGIC) + 2
    if not data.startswith(_MAGIC) or int.from_bytes(data[len(_MAGIC) : header], "big") != SCHEMA:
        return None
    digest, payload = data[header : header + 32], data[header + 32 :]
    return payload if hashlib.sha256(payload).digest() == digest else None


def default_cache_dir() -> Path:
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "checker"


@cache
def rules_fingerprint() -> str:
    """Changes whenever the package version or a rule table changes."""
    digest = hashlib.sha256()
    try:
        digest.update(metadata.version(DISTRIBUTION).encode())
    except metadata.PackageNotFoundError:
        digest.update(b"source")
    data = resources.files("checker.data")
    for name in sorted(entry.name for entry in data.iterdir() if entry.name.endswith((".toml", ".txt"))):
        digest.update(name.encode())
        digest.update(data.joinpath(name).read_bytes())
    package = Path(str(resources.files("checker")))
    for module in sorted(package.rglob("*.py")):  # subpackages (claims/, passages/) too
        digest.update(module.relative_to(package).as_posix().encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


class ExtractionCache:
    """Pickled (Article, Extraction) pairs under one folder; damaged lists the documents whose
    entry was found damaged (and removed) by get."""

    def __init__(self, root: Path):
        self.folder = Path(root) / rules_fingerprint()
        self.damaged: list[str] = []

    def _path(self, digest: str, doc: str) -> Path:
        name = hashlib.sha256(f"{digest}\0{doc}".encode()).hexdigest()
        return self.folder / name[:2] / f"{name}.pkl"

    def get(self, digest: str, doc: str) -> tuple[Article, Extraction] | None:
        path = self._path(digest, doc)
        try:
            data = path.read_bytes()
        except OSError:
            return None  # not cached yet
        pair = _unpickled_pair(data)
        if pair is None or pair[0].digest != digest or pair[0].doc != doc:
            self.damaged.append(doc)
            path.unlink(missing_ok=True)
            return None
        return pair

    def put(self, article: Article, extraction: Extraction) -> None:
        path = self._path(article.digest, article.doc)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        except OSError:
            return  # a cache that cannot be written only costs time
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(seal(pickle.dumps((article, extraction), protocol=pickle.HIGHEST_PROTOCOL)))
            os.replace(temporary, path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)


def damaged_entries(store: ExtractionCache) -> list[str]:
    """A warning per damaged entry get found (and forgets them: each is reported once)."""
    warnings = [f"{doc}: its entry in the cache was damaged; discarded and extracted again" for doc in store.damaged]
    store.damaged.clear()
    return warnings


def _unpickled_pair(data: bytes) -> tuple[Article, Extraction] | None:
    payload = unseal(data)
    if payload is None:
        return None
    try:
        pair = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a sealed payload of another build: anything may fail
        return None
    ok = isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], Article) and isinstance(pair[1], Extraction)
    return pair if ok else None


def clear_cache(root: Path) -> bool:
    """Remove the cache folder; True when there was one. A file is no cache: it is kept."""
    if not Path(root).exists():
        return False
    if not Path(root).is_dir():
        raise InputError(Path(root), "not a cache folder (a file): nothing removed")
    try:
        shutil.rmtree(root)
    except OSError as error:
        raise InputError(Path(root), f"cannot remove the cache: {error.strerror or error}") from None
    return True
