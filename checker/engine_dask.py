"""Dask engine: a corpus folder -> the ScanResult of pipeline.scan, computed on a Dask cluster.

In: the corpus path and Settings (``scheduler``: the address of a running Dask scheduler,
None for a local cluster of ``jobs`` worker processes). Workers read the files themselves,
so every worker must see the corpus at the path the client names (a shared filesystem).
Out: the ScanResult of the local engine, the same findings in the same order.

Where the stages run: a bag over files reads and extracts each file on the workers; the
comparable claims are shuffled by match.block_key and matched block by block on the
workers; derived checks run on the client over all claims (a rank change finds its rank in
its sentence, whatever that rank's subject); the client picks the candidate passage pairs
from the n-gram index and the workers align them, a group of pairs per task.
"""

from __future__ import annotations

import logging
import zlib
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path

import dask.bag as db
from distributed import Client, LocalCluster

from .derived import derived_findings
from .ingest import InputError
from .match import block_key, comparable, match_claims, sort_findings
from .models import Article, Claim, Finding
from .passages import align_pairs, pair_groups, plan_pairs, sort_passages
from .pipeline import (
    NO_ARTICLES,
    Extracted,
    ScanResult,
    Settings,
    corpus_files,
    extract_files,
    join_findings,
    scan_result,
)

FILES_PER_TASK = 32  # files extracted by one task: one or two seconds of work
_GROUPS_PER_THREAD = 4  # tasks of passage pairs per worker thread: slow groups even out

Position = tuple[int, int]  # (file, claim) in the order of the local engine
Done = tuple[int, Extracted | InputError]  # a file's index and what extracting it gave
BlockKey = tuple[str, str, str, str]


def scan_with_dask(path: str | Path, settings: Settings) -> ScanResult:
    """What pipeline.scan gives for a corpus, computed on the Dask cluster the settings name."""
    with _client(settings) as client:
        extracted, matched = _extract_and_match(client, path, settings)
        passages = _passages(client, extracted.articles)
    claims = [c for e in extracted.extractions for c in e.claims]
    findings = join_findings(claims, matched, derived_findings(claims), passages)
    return scan_result(extracted.articles, extracted.extractions, findings, extracted.warnings)


def _extract_and_match(client: Client, path: str | Path, settings: Settings) -> tuple[Extracted, list[Finding]]:
    """Extraction results stay on the workers for the shuffle, and are released on return."""
    files, root = corpus_files(path)
    bag = db.from_sequence(list(enumerate(files)), partition_size=FILES_PER_TASK)
    done = client.persist(bag.map(_extract_file, root, settings))
    extracted = _collect(client.compute(done, sync=True))
    if not extracted.articles:
        raise InputError(path, NO_ARTICLES)
    return extracted, _matched(client.compute(_match_blocks(done), sync=True))


@contextmanager
def _client(settings: Settings) -> Iterator[Client]:
    if settings.scheduler:
        try:
            client = Client(settings.scheduler)
        except (OSError, ValueError) as error:  # unreachable, or not an address
            raise InputError(settings.scheduler, f"cannot connect to the Dask scheduler ({error})") from None
        with client:
            yield client
        return
    # any free port: the default 8787 may be taken, which distributed reports on stderr
    cluster = LocalCluster(
        n_workers=settings.jobs, threads_per_worker=1, dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR
    )
    with cluster, Client(cluster) as client:
        yield client


# --- ingest and claims: a bag over files -------------------------------------------------


def _extract_file(item: tuple[int, Path], root: Path | None, settings: Settings) -> Done:
    index, path = item
    try:
        return index, extract_files([path], root, settings)
    except InputError as error:
        return index, error  # returned, not raised: the client reports the first bad file in order


def _collect(done: list[Done]) -> Extracted:
    """The files' articles, claims and warnings in file order, as the local engine lists them."""
    parts = [part for _, part in done]
    errors = [part for part in parts if isinstance(part, InputError)]
    if errors:
        raise errors[0]
    empty = [w for part in parts if not part.articles for w in part.warnings]
    without_text = [w for part in parts if part.articles for w in part.warnings]
    return Extracted(
        [a for part in parts for a in part.articles],
        [e for part in parts for e in part.extractions],
        empty + without_text,  # read_inputs warns of all empty files before any body warning
    )


# --- matching: a shuffle by claim block --------------------------------------------------


def _match_blocks(done: db.Bag) -> db.Bag:
    """The findings of each block of comparable claims, as (block key, findings) pairs."""
    claims = done.map(_comparable_claims).flatten()
    return claims.groupby(_block_hash, shuffle="tasks").map(_match_group).flatten()


def _comparable_claims(item: Done) -> list[tuple[Position, Claim]]:
    index, part = item
    if isinstance(part, InputError):
        return []
    return [((index, k), claim) for e in part.extractions for k, claim in enumerate(e.claims) if comparable(claim)]


def _block_hash(item: tuple[Position, Claim]) -> int:
    # Python's hash of a str differs between processes; the shuffle needs one per key
    return zlib.crc32("\x1f".join(block_key(item[1])).encode("utf-8"))


def _match_group(group: tuple[int, list[tuple[Position, Claim]]]) -> list[tuple[BlockKey, list[Finding]]]:
    """match_claims on each block of a hash group, its claims in the local engine's order."""
    blocks: dict[BlockKey, list[Claim]] = defaultdict(list)
    for _, claim in sorted(group[1], key=itemgetter(0)):
        blocks[block_key(claim)].append(claim)
    return [(key, match_claims(claims)) for key, claims in blocks.items()]


def _matched(blocks: list[tuple[BlockKey, list[Finding]]]) -> list[Finding]:
    """match_claims of all claims: findings arise only within a block, and joined in the order
    of the block keys (the order metric_groups visits them) they sort the same."""
    return sort_findings(f for _, findings in sorted(blocks, key=itemgetter(0)) for f in findings)


# --- passages: pairs picked on the client, aligned on the workers ------------------------


def _passages(client: Client, articles: list[Article]) -> list[Finding]:
    """Pairs picked here; every worker receives the normalized texts and the index once."""
    plan = plan_pairs(articles)
    pairs = plan.index.candidate_pairs
    threads = max(1, sum(client.nthreads().values()))
    groups = [[pairs[p] for p in group] for group in pair_groups(pairs, threads * _GROUPS_PER_THREAD)]
    if not groups:
        return []
    shared = client.scatter(plan, broadcast=True, hash=False)
    parts = client.gather(client.map(align_pairs, [shared] * len(groups), groups))
    return sort_passages(f for part in parts for f in part)
