"""Benchmark of `checker scan` and `checker check` on growing parts of a corpus.

For each fraction of the corpus (the first files in name order, linked into a temporary
folder), runs as separate processes:
- `checker scan` with no cache (everything: claims, matching, passages, report);
- a plain single-process `jieba.lcut` pass over the same text, the yardstick of the issue;
- `checker check NEW.txt --corpus PART` with an up-to-date cache (median of three runs),
  NEW.txt being one of the corpus's transcripts with a figure changed.
Prints a table and writes it, with the machine description, to benchmarks/results.md.

    python benchmarks/bench_scan.py /work/shared/corpora/xwlb --fractions 0.25,0.5,1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LCUT = "import jieba,logging,sys;jieba.setLogLevel(logging.WARNING);[jieba.lcut(l) for l in open(sys.argv[1],encoding='utf-8')]"


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and the peak resident memory (MB) of the largest process it started."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def part_of(corpus: Path, fraction: float, folder: Path) -> list[Path]:
    files = sorted(corpus.glob("*.txt"))
    chosen = files[: max(1, round(len(files) * fraction))]
    folder.mkdir(parents=True)
    for path in chosen:
        (folder / path.name).symlink_to(path.resolve())
    return chosen


def new_article(source: Path, target: Path) -> Path:
    """A transcript with its first multi-digit figure changed: something to contradict."""
    text = source.read_text(encoding="utf-8")
    target.write_text(re.sub(r"\d{3,}", lambda m: str(int(m.group()) + 7), text, count=1), encoding="utf-8")
    return target


def measure(corpus: Path, fraction: float, jobs: int, work: Path) -> dict:
    folder = work / f"part-{fraction}"
    files = part_of(corpus, fraction, folder)
    characters = sum(len(p.read_text(encoding="utf-8")) for p in files)
    joined = work / f"text-{fraction}.txt"
    joined.write_text("\n".join(p.read_text(encoding="utf-8") for p in files), encoding="utf-8")
    out = work / f"out-{fraction}"
    scan = [sys.executable, "-m", "checker", "scan", str(folder), "--claims", str(out / "claims.csv"),
            "--report", str(out / "report.md"), "--json", str(out / "findings.json"), "--no-cache",
            "-j", str(jobs), "--quiet"]  # fmt: skip
    scan_seconds, scan_peak = run(scan)
    lcut_seconds, _ = run([sys.executable, "-c", LCUT, str(joined)])
    cache = work / f"cache-{fraction}"
    fresh = new_article(files[len(files) // 2], work / f"new-{fraction}.txt")
    check = [sys.executable, "-m", "checker", "check", str(fresh), "--corpus", str(folder),
             "--cache-dir", str(cache), "-j", str(jobs), "--fail-on", "none", "--quiet"]  # fmt: skip
    run(check)  # fills the cache and builds the corpus index
    check_seconds = statistics.median(run(check)[0] for _ in range(3))
    claims = sum(1 for _ in (out / "claims.csv").open(encoding="utf-8")) - 1
    findings = len(json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"])
    return {
        "fraction": fraction, "documents": len(files), "characters": characters, "claims": claims,
        "findings": findings, "scan_seconds": scan_seconds, "peak_mb": scan_peak,
        "lcut_seconds": lcut_seconds, "check_seconds": check_seconds,
    }  # fmt: skip


def table(rows: list[dict]) -> str:
    lines = [
        "| fraction | documents | characters | claims | findings | scan s | s per M chars | peak MB | lcut s | scan / lcut | check s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        per_million = r["scan_seconds"] / (r["characters"] / 1e6)
        lines.append(
            f"| {r['fraction']:g} | {r['documents']} | {r['characters']:,} | {r['claims']:,} | {r['findings']:,} | "
            f"{r['scan_seconds']:.1f} | {per_million:.2f} | {r['peak_mb']:.0f} | {r['lcut_seconds']:.1f} | "
            f"{r['scan_seconds'] / r['lcut_seconds']:.2f} | {r['check_seconds']:.2f} |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB memory, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--fractions", default="0.25,0.5,1")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        rows = [measure(args.corpus, float(f), args.jobs, Path(temporary)) for f in args.fractions.split(",")]
    report = table(rows)
    print(report)
    args.out.write_text(
        f"# Benchmark: checker scan and check on {args.corpus.name}\n\n"
        f"Machine: {machine()}; `--jobs {args.jobs}`.\n\n"
        "`scan s`: `checker scan PART --no-cache` end to end (claims, matching, passages, report, claims.csv, JSON). "
        "`lcut s`: one process running `jieba.lcut` over the same text. `peak MB`: the largest process. "
        "`check s`: `checker check NEW.txt --corpus PART` with an up-to-date cache, median of three runs.\n\n"
        f"{report}\n\nRun: `python benchmarks/bench_scan.py {args.corpus} --fractions {args.fractions}`\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
