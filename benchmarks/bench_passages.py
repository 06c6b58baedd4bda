"""Benchmark of the duplicated-passage stage on a generated corpus.

Builds N articles of about 10 KB from real 新闻联播 transcripts (a folder of .txt files),
splices paragraphs copied from the seed articles into a fixed share of them (half of the
copies spun with synonym swaps), runs find_passages and prints, per corpus size,
documents, characters, candidate pairs, seconds, milliseconds per candidate pair and peak
memory (of the largest process), aligning in --jobs processes (default: all cores, as
`checker scan`). Real transcripts repeat each other's stories, so candidate pairs grow
faster than documents; the cost per pair shows whether time follows the true overlaps.

Each size runs in its own process so that peak memory is that size's alone. There are
fewer distinct 10 KB chunks than articles in large corpora: repeated chunks are
enciphered (a fixed permutation of CJK characters per repetition), which keeps the
statistics of real text without creating duplicates the stage would rightly report.

    python benchmarks/bench_passages.py /work/shared/corpora/xwlb --sizes 2000,5000,10000
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.ingest import find_text_files, load_articles, parse_article
from checker.models import Article
from checker.passages import find_passages, plan_pairs

ARTICLE_BYTES = 10_000
DUPLICATION_RATE = 0.05  # share of articles that receive a copied seed paragraph
SPIN_RATE = 0.5  # share of copies spun with synonym swaps
MIN_PARAGRAPH = 60  # characters of a seed paragraph worth copying
SYNONYMS = {"打造": "缔造", "第一": "第壹", "比如": "好比", "朝气蓬勃": "生气蓬勃", "目前": "眼下",
            "推动": "推进", "加快": "加速", "提升": "提高", "重要": "首要", "发展": "成长"}  # fmt: skip


def transcript_chunks(folder: Path) -> list[str]:
    """Consecutive lines of each transcript, cut into pieces of about ARTICLE_BYTES."""
    chunks = []
    for path in sorted(folder.glob("*.txt")):
        lines, size = [], 0
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if not line.strip():
                continue
            lines.append(line)
            size += len(line.encode("utf-8")) + 1
            if size >= ARTICLE_BYTES:
                chunks.append("\n".join(lines))
                lines, size = [], 0
        if size >= ARTICLE_BYTES // 2:
            chunks.append("\n".join(lines))
    return chunks


def cipher(chunks: list[str], generation: int) -> dict[int, int]:
    """A permutation of the CJK characters in the corpus; generation 0 is the identity."""
    if generation == 0:
        return {}
    alphabet = sorted({ch for chunk in chunks[:200] for ch in chunk if "\u4e00" <= ch <= "\u9fff"})
    shuffled = alphabet[:]
    random.Random(generation).shuffle(shuffled)
    return str.maketrans(dict(zip(alphabet, shuffled)))


def seed_paragraphs(seeds: Path) -> list[str]:
    articles = load_articles(find_text_files(seeds), seeds).articles
    return [text.strip() for article in articles for _, text in article.body_lines() if len(text.strip()) >= MIN_PARAGRAPH]


def spin(paragraph: str) -> str:
    for word, synonym in SYNONYMS.items():
        paragraph = paragraph.replace(word, synonym)
    return paragraph.replace("，", ",").replace("。", ";")


def build_corpus(folder: Path, seeds: Path, size: int) -> list[Article]:
    rng = random.Random(size)
    chunks = transcript_chunks(folder)
    rng.shuffle(chunks)
    paragraphs = seed_paragraphs(seeds)
    tables = {}
    articles = []
    for k in range(size):
        generation = k // len(chunks)
        if generation not in tables:
            tables[generation] = cipher(chunks, generation)
        lines = chunks[k % len(chunks)].translate(tables[generation]).split("\n")
        if rng.random() < DUPLICATION_RATE:
            copied = rng.choice(paragraphs)
            lines.insert(rng.randrange(len(lines) + 1), spin(copied) if rng.random() < SPIN_RATE else copied)
        articles.append(parse_article("\n".join(lines).encode("utf-8"), f"{k:05d}.txt"))
    return articles


def run_size(folder: Path, seeds: Path, size: int, jobs: int) -> str:
    articles = build_corpus(folder, seeds, size)
    characters = sum(len(text) for article in articles for _, text in article.body_lines())
    started = time.perf_counter()
    findings = find_passages(articles, jobs=jobs)
    seconds = time.perf_counter() - started
    peak_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    pairs = len(plan_pairs(articles).index.candidate_pairs)
    ms_per_pair = 1000 * seconds / max(pairs, 1)
    return f"{size:>9} {characters:>12} {pairs:>10} {len(findings):>9} {seconds:>8.1f} {ms_per_pair:>11.2f} {peak_mb:>9.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of transcripts, e.g. /work/shared/corpora/xwlb")
    parser.add_argument("--sizes", default="2000,10000", help="comma-separated numbers of articles")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # run one size in this process
    args = parser.parse_args()
    if args.one:
        print(run_size(args.corpus, args.seeds, args.one, args.jobs), flush=True)
        return
    print(f"{'documents':>9} {'characters':>12} {'pairs':>10} {'findings':>9} {'seconds':>8} {'ms per pair':>11} {'peak MB':>9}")
    for size in (int(s) for s in args.sizes.split(",")):
        command = [sys.executable, __file__, str(args.corpus), "--seeds", str(args.seeds), "--jobs", str(args.jobs), "--one", str(size)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
