"""Corpus index: a corpus folder's claims and n-grams -> what a check of one new article reads.

Built from the extracted articles of a corpus and kept in the cache beside the per-file
entries, keyed by the corpus folder and its manifest (each file's name and sha256), so it is
rebuilt whenever a file changes. It holds the comparable claims grouped by claim block
(subject, kind, dimension, unit), each block pickled on its own, and a sorted table of the
corpus's rare n-grams with the document each comes from, kept as arrays that are opened
memory-mapped. A check unpickles only the blocks its new claims fall in and loads only the
articles that share n-grams with it, so its time barely depends on the corpus size. The
pickles are sealed (see cache.seal) and the index holds the sha256 of the other files: a
damaged index is found out when it is loaded, and rebuilt.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .cache import rules_fingerprint, seal, unseal
from .ingest import InputError, doc_name, is_blank, read_bytes
from .match import block_key, comparable, metric_clusters, metric_key, same_metric
from .models import Article, Claim
from .passages import CorpusGrams, article_grams, corpus_grams, shared_diagonals

_FILE = "index.pkl"
_STATS = "stats.pkl"
_CLUSTERS = "clusters.bin"
_HASHES = "gram-hashes.npy"
_DOCS = "gram-docs.npy"
_POSITIONS = "gram-positions.npy"


@dataclass
class Block:
    """The comparable claims of one claim block, by metric cluster (see match.metric_clusters)."""

    cluster_of: dict[str, int]  # metric key -> cluster
    clusters: list[tuple[int, int]]  # where each cluster's pickled claims are in the clusters file
    by_head: dict[str, list[str]]  # last word of a metric key -> the keys ending with it

    def clusters_near(self, key: str, ranking: bool) -> set[int]:
        """The clusters a claim with this metric key joins: those holding a key it matches
        (same_metric needs the same last word, so only those keys are tried)."""
        candidates = self.by_head.get(key.split()[-1], []) if key else []
        return {self.cluster_of[other] for other in candidates if same_metric(other, key, ranking=ranking)}


@dataclass
class CorpusIndex:
    manifest: dict[str, str]  # doc -> sha256 of its bytes
    docs: list[str]  # the corpus documents, in the order of the gram table
    blocks: dict[tuple, Block]
    grams: CorpusGrams
    folder: Path  # where the gram table lives
    checksums: dict[str, str] = field(default_factory=dict)  # file name -> sha256 of the files beside it

    def claims_near(self, new_claims: Sequence[Claim]) -> list[Claim]:
        """The corpus claims new claims are compared with, and those derived checks look up:
        the metric clusters they join in their own block, the matching ranks of a rank
        change and the matching levels of a growth rate or a change on last year."""
        wanted: set[tuple[tuple, int]] = set()
        for claim in new_claims:
            if not comparable(claim):
                continue
            key = metric_key(claim.metric)
            looked_up = [(block_key(claim), claim.kind in ("rank", "top_n"))]
            if claim.kind == "rank_change":
                looked_up += [(b, True) for b in self.blocks if b[0] == claim.subject and b[1] == "rank"]
            if claim.kind == "growth" or claim.reference == "上年":
                looked_up += [(b, False) for b in self.blocks if b[0] == claim.subject and b[1] == "amount"]
            for block, ranking in looked_up:
                if block in self.blocks:
                    wanted |= {(block, cluster) for cluster in self.blocks[block].clusters_near(key, ranking)}
        claims = []
        with (self.folder / _CLUSTERS).open("rb") as stream:
            for block, cluster in sorted(wanted):
                start, size = self.blocks[block].clusters[cluster]
                stream.seek(start)
                claims.extend(pickle.loads(stream.read(size)))
        return claims

    def sharing_grams(self, articles: Sequence[Article]) -> list[str]:
        """Corpus documents the passage stage would align with any of the articles."""
        hashes = np.load(self.folder / _HASHES, mmap_mode="r")
        owners = np.load(self.folder / _DOCS, mmap_mode="r")
        positions = np.load(self.folder / _POSITIONS, mmap_mode="r")
        found: set[str] = set()
        for article in articles:
            grams, first = article_grams(article)
            rare = ~np.isin(grams, self.grams.common)
            grams, first = grams[rare], first[rare]
            left = np.searchsorted(hashes, grams, "left")
            right = np.searchsorted(hashes, grams, "right")
            spans = [(a, b, p) for a, b, p in zip(left, right, first) if b > a]
            if not spans:
                continue
            new_positions = np.concatenate([np.full(b - a, p, dtype=np.int32) for a, b, p in spans])
            old = np.concatenate([positions[a:b] for a, b, _ in spans])
            docs = np.concatenate([owners[a:b] for a, b, _ in spans])
            found.update(self.docs[int(d)] for d in shared_diagonals(new_positions, old, docs))
        return sorted(found)


def corpus_digests(
    files: Sequence[Path], root: Path | None, folder: Path, max_bytes: int
) -> tuple[dict[str, str], list[str]]:
    """Each corpus file's sha256, read only for files whose size or modification time changed
    since the index was built (like git's index); others come from the stored stats. Empty
    files are left out, with a warning."""
    known: dict[str, tuple[int, int, str]] = _unpickled(folder / _STATS, dict) or {}  # damaged: read every file
    digests, warnings = {}, []
    for path in files:
        stat = path.stat()
        if stat.st_size > max_bytes:
            raise InputError(path, f"file is {stat.st_size} bytes, over the limit of {max_bytes} (see --max-bytes)")
        doc = doc_name(path, root)
        size, modified, digest = known.get(doc, (-1, -1, ""))
        if (size, modified) != (stat.st_size, stat.st_mtime_ns):
            data = read_bytes(path, max_bytes)
            digest = "" if is_blank(data) else hashlib.sha256(data).hexdigest()
        if digest:
            digests[doc] = digest
        else:
            warnings.append(f"{path}: empty file, skipped")
    return digests, warnings


def save_stats(files: Sequence[Path], root: Path | None, folder: Path, digests: dict[str, str]) -> None:
    stats = {}
    for path in files:
        doc = doc_name(path, root)
        if doc in digests:
            stat = path.stat()
            stats[doc] = (stat.st_size, stat.st_mtime_ns, digests[doc])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomic(folder / _STATS, lambda stream: stream.write(seal(pickle.dumps(stats, protocol=pickle.HIGHEST_PROTOCOL))))
    except OSError:
        pass


def index_folder(cache_dir: Path, corpus: Path) -> Path:
    key = hashlib.sha256(str(Path(corpus).resolve()).encode()).hexdigest()[:24]
    return Path(cache_dir) / rules_fingerprint() / "corpora" / key


def build_index(articles: Sequence[Article], claims: Iterable[Claim], folder: Path) -> CorpusIndex:
    """Index a corpus's articles and claims, and write it to folder (atomically)."""
    by_block: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        if comparable(claim):
            by_block[block_key(claim)].append(claim)
    pickled = io.BytesIO()
    blocks = {key: _block(found, pickled) for key, found in sorted(by_block.items())}
    per_article = [article_grams(article) for article in articles]
    grams = corpus_grams([hashes for hashes, _ in per_article])
    rare = [np.flatnonzero(~np.isin(hashes, grams.common)) for hashes, _ in per_article]
    owners = np.concatenate([np.full(len(r), i, dtype=np.int32) for i, r in enumerate(rare)] or [np.zeros(0, np.int32)])
    hashes = np.concatenate([h[r] for (h, _), r in zip(per_article, rare)] or [np.zeros(0, np.uint64)])
    positions = np.concatenate([p[r] for (_, p), r in zip(per_article, rare)] or [np.zeros(0, np.int32)])
    order = np.argsort(hashes, kind="stable")
    index = CorpusIndex(
        manifest={a.doc: a.digest for a in articles},
        docs=[a.doc for a in articles],
        blocks=blocks,
        grams=grams,
        folder=folder,
    )
    _save(index, {_HASHES: hashes[order], _DOCS: owners[order], _POSITIONS: positions[order]}, pickled.getvalue())
    return index


def _block(claims: list[Claim], out: io.BytesIO) -> Block:
    """Index one block; its clusters' claims are pickled into out."""
    clusters = metric_clusters(claims)
    cluster_of = {metric_key(claim.metric): number for number, found in enumerate(clusters) for claim in found}
    places = []
    for found in clusters:
        start = out.tell()
        pickle.dump(found, out, protocol=pickle.HIGHEST_PROTOCOL)
        places.append((start, out.tell() - start))
    by_head: dict[str, list[str]] = defaultdict(list)
    for key in cluster_of:
        by_head[key.split()[-1]].append(key)
    return Block(cluster_of, places, dict(by_head))


def load_index(folder: Path, manifest: dict[str, str]) -> tuple[CorpusIndex | None, str]:
    """The index in folder if it was built from exactly these files, else None; and a warning
    when an index was there but damaged (it is then rebuilt)."""
    if not (folder / _FILE).exists():
        return None, ""
    index = _unpickled(folder / _FILE, CorpusIndex)
    if index is not None and index.manifest != manifest:
        return None, ""  # the corpus changed since: rebuilt, nothing wrong
    if index is None or any(_sha256(folder / name) != digest for name, digest in index.checksums.items()):
        return None, f"{folder}: the corpus index in the cache was damaged; discarded and rebuilt"
    index.folder = folder
    return index, ""


def _unpickled(path: Path, kind: type):
    """The sealed pickle of a kind at path, or None when it is missing or damaged."""
    try:
        payload = unseal(path.read_bytes())
        found = pickle.loads(payload) if payload is not None else None
    except Exception:  # noqa: BLE001 - missing, unreadable or of another build: rebuilt either way
        return None
    return found if isinstance(found, kind) else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def _save(index: CorpusIndex, arrays: dict[str, np.ndarray], clusters: bytes) -> None:
    files = {}
    for name, array in arrays.items():
        written = io.BytesIO()
        np.save(written, array)
        files[name] = written.getvalue()
    files[_CLUSTERS] = clusters
    index.checksums = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    try:
        index.folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            _write_atomic(index.folder / name, lambda stream, d=data: stream.write(d))
        _write_atomic(index.folder / _FILE, lambda stream: stream.write(seal(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))))
    except OSError:
        pass  # without an index a check reads the whole corpus: slower, same answer


def _write_atomic(path: Path, write) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
