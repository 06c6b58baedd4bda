"""Pipeline: input paths -> a ScanResult (articles, claims, findings) and its Summary.

Runs the stages in order: ingest, claims (per article), match (across articles),
passages (across and within articles), then links changed numbers in copied passages to
contradictions. ``scan`` checks a whole corpus; ``check`` checks new articles against a
corpus and keeps only the findings that involve a new article. A scan with the ``dask``
engine runs the same stages on a Dask cluster (checker/engine_dask.py, imported only then).
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import IntEnum
from functools import partial
from pathlib import Path

from .cache import ExtractionCache, damaged_entries
from .claims import Extraction, Skipped, extract_claims
from .corpus_index import (
    build_index,
    corpus_digests,
    index_folder,
    load_index,
    save_stats,
)
from .derived import contradictions_in_passages, derived_findings
from .ingest import (
    DEFAULT_MAX_BYTES,
    Input,
    InputError,
    body_warning,
    doc_name,
    find_text_files,
    parse_article,
    read_inputs,
)
from .match import comparable, match_claims, sort_findings
from .models import Article, Claim, ClaimRef, Finding
from .passages import CorpusGrams, find_passages
from .phrases import load_segmenter

FAIL_LEVELS = ("none", "error", "contradiction", "any")
ENGINES = ("local", "dask")
EXTRACTING, COMPARING = "extracting claims", "comparing"

# Told how a run advances: (stage, steps done, steps in the stage). The CLI draws a bar.
Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    """The Progress of a run nobody watches."""
NO_ARTICLES = "no readable articles (all files empty)"


class Exit(IntEnum):
    """Process exit codes."""

    OK = 0
    FINDINGS = 1  # findings at or above the --fail-on level
    USAGE = 2  # bad input or options
    INTERNAL = 3  # a bug in checker


@dataclass(frozen=True)
class Summary:
    documents: int
    numbers: int
    claims: int
    compared: int
    by_type: dict[str, int]
    by_severity: dict[str, int]
    failing: int = 0  # findings at or above the fail level that are not reviewed


@dataclass(frozen=True)
class ScanResult:
    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    skipped: tuple[Skipped, ...]
    numbers: int
    findings: tuple[Finding, ...]
    warnings: tuple[str, ...] = ()
    focus: tuple[str, ...] | None = None  # the new documents of a check
    reviewed: frozenset[str] = field(default_factory=frozenset)  # fingerprints in the baseline
    stale: tuple[dict, ...] = ()  # baseline entries no longer found
    corpus_documents: int = 0  # for a check: the corpus the new articles were checked against
    sources: dict[str, str] = field(default_factory=dict)  # for a check: each new article's file, by its doc

    def unconfirmed(self) -> tuple[Claim, ...]:
        """The claims (of the new articles, in a check) that no finding involves: comparable
        claims no source confirms, contradicts or puts in another period."""
        found = {item.claim_id for f in self.findings for item in f.items if isinstance(item, ClaimRef)}
        return tuple(c for c in self.claims if c.claim_id not in found and comparable(c))

    def summary(self, fail_on: str = "none") -> Summary:
        own = {claim.claim_id for claim in self.claims}
        compared = {item.claim_id for f in self.findings for item in f.items if isinstance(item, ClaimRef) and item.claim_id in own}
        return Summary(
            documents=len(self.articles),
            numbers=self.numbers,
            claims=len(self.claims),
            compared=len(compared),
            by_type=dict(Counter(f.type for f in self.findings)),
            by_severity=dict(Counter(f.severity for f in self.findings)),
            failing=sum(1 for f in self.findings if fails(f, fail_on) and f.fingerprint not in self.reviewed),
        )


def fails(finding: Finding, fail_on: str) -> bool:
    """Whether a finding fails a run at this --fail-on level."""
    if fail_on == "error":
        return finding.severity == "error"  # a contradiction that involves only an estimate may pass
    if fail_on == "contradiction":
        return finding.type == "contradiction"
    if fail_on == "any":
        return finding.severity in ("error", "warning")
    return False


def exit_code(summary: Summary) -> Exit:
    return Exit.FINDINGS if summary.failing else Exit.OK


@dataclass(frozen=True)
class Settings:
    """How a run reads and extracts: size limit, worker processes, cache folder (None: no cache),
    and for a scan, where it runs: this machine, or Dask (a scheduler address, None: a local cluster)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 1
    cache_dir: Path | None = None
    engine: str = "local"
    scheduler: str | None = None


@dataclass(frozen=True)
class Extracted:
    articles: list[Article]
    extractions: list[Extraction]
    warnings: list[str]
    paths: list[Path] = field(default_factory=list)  # each article's file


def extract_files(
    files: Sequence[Path], root: Path | None, settings: Settings, taken: Collection[str] = (),
    progress: Progress = no_progress,
) -> Extracted:  # fmt: skip
    """Articles and claims of files, from the cache where the bytes are unchanged.

    Extraction runs in ``settings.jobs`` processes; the result is in the order of ``files``
    whatever the number of processes. A file named like one in ``taken`` becomes new/<name>.
    """
    inputs, warnings = read_inputs(list(files), root, settings.max_bytes)
    inputs = [replace(item, doc=f"new/{item.doc}") if item.doc in taken else item for item in inputs]
    return _extract_inputs(inputs, warnings, settings, progress)


def _extract_inputs(
    inputs: list[Input], warnings: list[str], settings: Settings, progress: Progress = no_progress
) -> Extracted:
    store = ExtractionCache(settings.cache_dir) if settings.cache_dir else None
    done: dict[int, tuple[Article, Extraction]] = {}
    missing = []
    for index, item in enumerate(inputs):
        found = store.get(hashlib.sha256(item.data).hexdigest(), item.doc) if store else None
        if found:
            done[index] = found
        else:
            missing.append(index)
    progress(EXTRACTING, len(done), len(inputs))
    for index, pair in zip(missing, _extract_many([inputs[i] for i in missing], settings.jobs, store), strict=True):
        done[index] = pair
        progress(EXTRACTING, len(done), len(inputs))
    pairs = [done[i] for i in range(len(inputs))]
    warnings += damaged_entries(store) if store else []
    warnings += [w for (article, _), item in zip(pairs, inputs) if (w := body_warning(article, item.path))]
    return Extracted([a for a, _ in pairs], [e for _, e in pairs], warnings, [item.path for item in inputs])


_SERIAL_BELOW = 8  # files: fewer than this are not worth starting processes for


def _extract_many(inputs: list[Input], jobs: int, store: ExtractionCache | None) -> Iterable[tuple[Article, Extraction]]:
    """Extract in worker processes, which also write the cache entries; yields in input order."""
    work = partial(_extract_one, store=store)
    if jobs <= 1 or len(inputs) < _SERIAL_BELOW:
        yield from map(work, inputs)
        return
    load_segmenter()  # once in the parent: forked workers share it
    chunk = max(1, len(inputs) // (jobs * 32))  # small enough that no worker idles long at the end
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(work, inputs, chunksize=chunk)


def _extract_one(item: Input, store: ExtractionCache | None = None) -> tuple[Article, Extraction]:
    article = parse_article(item.data, item.doc, source=item.path)
    extraction = extract_claims(article)
    if store:
        store.put(article, extraction)
    return article, extraction


def corpus_files(path: str | Path) -> tuple[list[Path], Path | None]:
    root = Path(path)
    return find_text_files(root), (root if root.is_dir() else None)


def scan(path: str | Path, settings: Settings = Settings(), progress: Progress = no_progress) -> ScanResult:
    """Every finding in a corpus folder (or one file), on the engine the settings name.

    ``progress`` hears of the local engine's stages; Dask has its own dashboard."""
    if settings.engine == "dask":
        return _dask_engine().scan_with_dask(path, settings)
    files, root = corpus_files(path)
    extracted = extract_files(files, root, settings, progress=progress)
    if not extracted.articles:
        raise InputError(path, NO_ARTICLES)
    return analyse(extracted.articles, extracted.extractions, warnings=extracted.warnings, jobs=settings.jobs, progress=progress)


def _dask_engine():
    try:
        from . import engine_dask
    except ModuleNotFoundError as error:
        if (error.name or "").partition(".")[0] not in ("dask", "distributed"):
            raise
        raise InputError("--engine dask", 'needs dask, which is not installed: pip install "zh-claim-checker[dask]"') from None
    return engine_dask


def check(
    new_paths: Sequence[str | Path], corpus: str | Path, settings: Settings = Settings(), progress: Progress = no_progress
) -> ScanResult:
    """The findings that involve at least one of the new articles, against a corpus.

    A new article inside the corpus folder (a file added or changed in the corpus repository)
    goes by its name in the corpus, as in a scan, and is checked against the corpus without
    itself; one outside goes by its file name (new/<name> when the corpus has one so named).
    With a cache, the corpus is read through its index (see corpus_index): only the claim
    blocks and the articles a new article can touch are loaded. The answer is the same.
    """
    files, root = corpus_files(corpus)
    new_files = [file for path in new_paths for file in find_text_files(path)]
    inside = _inside(new_files, root)
    own = {doc_name(file, root) for file in inside}  # the corpus's versions of the new articles: left out
    folder = index_folder(settings.cache_dir, Path(corpus)) if settings.cache_dir else None
    if folder:
        manifest, warnings = corpus_digests(files, root, folder, settings.max_bytes)
    else:
        inputs, warnings = read_inputs([file for file in files if doc_name(file, root) not in own], root, settings.max_bytes)
        manifest = {item.doc: hashlib.sha256(item.data).hexdigest() for item in inputs}
    fresh_settings = replace(settings, cache_dir=None)
    fresh = _joined(extract_files(inside, root, fresh_settings),
                    extract_files([f for f in new_files if f not in inside], None, fresh_settings, taken=set(manifest)))  # fmt: skip
    focus = tuple(a.doc for a in fresh.articles)
    new_claims = [c for e in fresh.extractions for c in e.claims]
    if folder:
        findings = _check_with_index(folder, files, root, manifest, fresh, new_claims, settings, progress, warnings, own)
    else:
        known = _extract_inputs(inputs, warnings, settings, progress)
        articles = known.articles + fresh.articles
        claims = [c for e in known.extractions for c in e.claims] + new_claims
        findings = _findings(claims, articles, set(focus), settings.jobs, progress=progress)
    return ScanResult(
        articles=tuple(fresh.articles),
        claims=tuple(new_claims),
        skipped=tuple(s for e in fresh.extractions for s in e.skipped),
        numbers=sum(e.numbers for e in fresh.extractions),
        findings=tuple(sort_findings(findings)),
        warnings=tuple(warnings + fresh.warnings),
        focus=focus,
        corpus_documents=len(set(manifest) - own),
        sources={article.doc: str(path) for article, path in zip(fresh.articles, fresh.paths)},
    )


def _inside(files: list[Path], root: Path | None) -> list[Path]:
    """The files that lie in the corpus folder."""
    if root is None:
        return []
    folder = root.resolve()
    return [file for file in files if file.resolve().is_relative_to(folder)]


def _joined(first: Extracted, second: Extracted) -> Extracted:
    return Extracted(first.articles + second.articles, first.extractions + second.extractions,
                     first.warnings + second.warnings, first.paths + second.paths)  # fmt: skip


def _check_with_index(
    folder: Path, files: list[Path], root: Path | None, manifest: dict[str, str],
    fresh: Extracted, new_claims: list[Claim], settings: Settings, progress: Progress, warnings: list[str],
    own: set[str],
) -> list[Finding]:  # fmt: skip
    """The findings of a check read through the corpus index (of the whole corpus folder; the
    corpus versions of the new articles, own, are left out); a damaged cache adds warnings."""
    index, damage = load_index(folder, manifest)
    warnings += [damage] if damage else []
    if index is None:
        inputs, read_warnings = read_inputs(files, root, settings.max_bytes)
        known = _extract_inputs(inputs, read_warnings, settings, progress)
        index = build_index(known.articles, (c for e in known.extractions for c in e.claims), folder)
        save_stats(files, root, folder, manifest)
    nearby = [doc for doc in index.sharing_grams(fresh.articles) if doc not in own]
    neighbours = _load_articles(nearby, files, root, manifest, settings, warnings)
    claims = {c.claim_id: c for c in index.claims_near(new_claims) if c.doc not in own}
    claims.update((c.claim_id, c) for _, extraction in neighbours for c in extraction.claims)
    claims.update((c.claim_id, c) for c in new_claims)
    articles = [article for article, _ in neighbours] + list(fresh.articles)
    focus = {a.doc for a in fresh.articles}
    return _findings(list(claims.values()), articles, focus, settings.jobs, index.grams, progress)


def _load_articles(
    docs: Sequence[str], files: list[Path], root: Path | None, manifest: dict[str, str], settings: Settings,
    warnings: list[str],
) -> list[tuple[Article, Extraction]]:
    """Corpus articles by name, from the cache (or extracted again if their entry is gone)."""
    assert settings.cache_dir is not None, "only a check through the corpus index loads articles one by one"
    store = ExtractionCache(settings.cache_dir)
    paths = {doc_name(path, root): path for path in files}
    found = []
    for doc in docs:
        pair = store.get(manifest[doc], doc)
        if pair is None:
            inputs, _ = read_inputs([paths[doc]], root, settings.max_bytes)
            pair = _extract_one(inputs[0], store)
        found.append(pair)
    warnings += damaged_entries(store)
    return found


def _findings(
    claims: list[Claim], articles: list[Article], focus: set[str] | None, jobs: int,
    corpus: CorpusGrams | None = None, progress: Progress = no_progress,
) -> list[Finding]:  # fmt: skip
    """Every finding between claims and between article bodies (those involving focus, if given)."""
    progress(COMPARING, 0, 2)
    if jobs > 1 and len(claims) >= _OVERLAP_FROM and _CAN_FORK:
        # Matching is one process's work; passages start their own workers alongside it.
        with _forked(_claim_findings, claims, focus) as claim_findings:
            passages = find_passages(articles, focus=focus, jobs=jobs, corpus=corpus)
            progress(COMPARING, 1, 2)
            matched, derived = claim_findings.result()
    else:
        matched, derived = _claim_findings(claims, focus)
        progress(COMPARING, 1, 2)
        passages = find_passages(articles, focus=focus, jobs=jobs, corpus=corpus)
    progress(COMPARING, 2, 2)
    return join_findings(claims, matched, derived, passages)


def _claim_findings(claims: list[Claim], focus: set[str] | None) -> tuple[list[Finding], list[Finding]]:
    return match_claims(claims, focus), derived_findings(claims, focus)


_OVERLAP_FROM = 5_000  # claims: fewer are matched in a moment, before the passages
_CAN_FORK = "fork" in multiprocessing.get_all_start_methods()
_FORKED: tuple | None = None  # the call a forked worker makes: inherited, never pickled


@contextmanager
def _forked(function: Callable, *args) -> Iterator[Future]:
    """function(*args) in a forked process, which inherits the arguments (110k claims take
    longer to pickle than to match)."""
    global _FORKED
    _FORKED = (function, args)
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
            yield pool.submit(_call_forked)
    finally:
        _FORKED = None


def _call_forked():
    function, args = _FORKED
    return function(*args)


def join_findings(
    claims: Sequence[Claim], matched: list[Finding], derived: list[Finding], passages: list[Finding]
) -> list[Finding]:
    """The findings of the stages in the order every engine joins them: sort_findings keeps
    findings that sort equal in this order. Adds the numbers changed in copied passages."""
    findings = matched + derived + passages
    return findings + contradictions_in_passages(passages, claims, findings)


def analyse(
    articles: list[Article],
    extractions: list[Extraction],
    focus: Collection[str] | None = None,
    warnings: Sequence[str] = (),
    jobs: int = 1,
    progress: Progress = no_progress,
) -> ScanResult:
    """Match claims and passages of articles whose claims are already extracted."""
    claims = [c for e in extractions for c in e.claims]
    focus_set = set(focus) if focus is not None else None
    findings = _findings(claims, articles, focus_set, jobs, progress=progress)
    return scan_result(articles, extractions, findings, warnings, focus)


def scan_result(
    articles: list[Article],
    extractions: list[Extraction],
    findings: list[Finding],
    warnings: Sequence[str] = (),
    focus: Collection[str] | None = None,
) -> ScanResult:
    """A run's result from its articles, their extractions (in the same order) and its findings."""
    claims = [c for e in extractions for c in e.claims]
    return ScanResult(
        articles=tuple(articles),
        claims=tuple(claims),
        skipped=tuple(s for e in extractions for s in e.skipped),
        numbers=sum(e.numbers for e in extractions),
        findings=tuple(sort_findings(findings)),
        warnings=tuple(warnings),
        focus=tuple(focus) if focus is not None else None,
    )
