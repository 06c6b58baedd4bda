"""Command line: parses options, runs the pipeline, formats its result.

stdout carries the artefact (the report in the chosen format); the summary, warnings and
errors go to stderr. The exit code comes from the run's Summary (see pipeline.Exit).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import wraps
from pathlib import Path

import click

from . import DISTRIBUTION, html_report, pipeline, report
from . import evaluate as scoring
from .baseline import DEFAULT_PATH, apply_baseline, baseline_json, read_baseline
from .cache import clear_cache, default_cache_dir
from .config import find_config, read_config
from .ingest import DEFAULT_MAX_BYTES, InputError
from .pipeline import FAIL_LEVELS, Exit, ScanResult
from .review_marks import apply_review_marks


def _fail(message: str, code: Exit) -> None:
    click.echo(f"checker: {message}", err=True)
    sys.exit(int(code))


def _guarded(command):
    """Turn bad input into a one-line error (exit 2) and bugs into exit 3."""

    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except InputError as error:
            _fail(f"error: {error}", Exit.USAGE)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as error:  # noqa: BLE001 - the last line of defence
            if kwargs.get("debug"):
                traceback.print_exc()
            _fail(
                f"internal error: {type(error).__name__}: {error}. This is a bug in checker: please report it "
                "with the command you ran (add --debug for the traceback).",
                Exit.INTERNAL,
            )

    return run


class _ProgressBar:
    """pipeline.Progress drawn on stderr: one bar per stage, shown once a run has taken a second."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.stage = ""
        self.bar = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            if time.monotonic() - self.started < _PROGRESS_AFTER:
                return
            self.stage = stage
            self.bar = click.progressbar(length=total, label=f"checker: {stage}", file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
        self.stage, self.bar = "", None


_PROGRESS_AFTER = 1.0  # seconds: quick runs draw no bar


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


@contextmanager
def _progress(quiet: bool, output_format: str = "markdown") -> Iterator[pipeline.Progress]:
    """A bar on stderr when a person watches it: not with --quiet, a machine format or no terminal."""
    if quiet or output_format != "markdown" or not _stderr_is_terminal():
        yield pipeline.no_progress
        return
    bar = _ProgressBar()
    try:
        yield bar
    finally:
        bar.close()


def _options(*decorators):
    def apply(function):
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply


_format_option = _options(
    click.option("--format", "output_format", type=click.Choice(report.FORMATS), default="markdown", show_default=True,
                 help="Format of the report on stdout: markdown, json, or annotations for a code host (github, "
                 "sarif, gitlab Code Quality, rdjson for reviewdog)."),
    click.option("--notices", is_flag=True,
                 help="With --format github, also write info and reviewed findings as notices (GitHub shows 10 of each level)."),
    click.option("--max-findings", type=click.IntRange(min=0), default=None, metavar="N",
                 help="The markdown report shows at most N findings of each type (the JSON keeps all)."),
    click.option("--summary", "summary_only", is_flag=True,
                 help="The markdown report shows the counts only: no findings, no list of the numbers that were not claims."),
)  # fmt: skip
_common_options = _options(
    click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
                 help="Refuse input files larger than this."),
    click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                 help="Worker processes for extraction (default: all cores)."),
    click.option("--cache-dir", type=click.Path(path_type=Path), default=None,
                 help="Where extracted claims are cached (default: $CHECKER_CACHE_DIR or ~/.cache/checker)."),
    click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
    click.option("-q", "--quiet", is_flag=True, help="No summary on stderr."),
    click.option("--debug", is_flag=True, help="Show the traceback of an internal error."),
)  # fmt: skip


def _settings(
    max_bytes: int, jobs: int | None, cache_dir: Path | None, no_cache: bool, engine: str = "local", scheduler: str | None = None
) -> pipeline.Settings:
    cache = None if no_cache else (cache_dir or default_cache_dir())
    jobs = jobs or os.cpu_count() or 1
    return pipeline.Settings(max_bytes=max_bytes, jobs=jobs, cache_dir=cache, engine=engine, scheduler=scheduler)
_baseline_option = click.option(
    "--baseline", type=click.Path(path_type=Path), default=None,
    help="Findings recorded here are reviewed: shown, but they do not fail the run.",
)  # fmt: skip


def _fail_on_option(default: str):
    return click.option(
        "--fail-on", type=click.Choice(FAIL_LEVELS), default=default, show_default=True,
        help="Exit 1 when unreviewed findings at this level exist: error (errors only: a contradiction "
        "that involves an estimate passes), contradiction (any contradiction), any (any error or warning), none.",
    )  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(None, "-V", "--version", package_name=DISTRIBUTION)
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="Read options from this file (checker.toml, or pyproject.toml's [tool.checker]) instead of the one found from here up.")  # fmt: skip
@click.pass_context
def main(context: click.Context, config_path: Path | None) -> None:
    """Cross-source claim consistency checker for Chinese news."""
    try:
        config = read_config(config_path) if config_path else find_config()
    except InputError as error:
        _fail(f"error: {error}", Exit.USAGE)
    for warning in config.warnings:
        click.echo(f"checker: warning: {warning}", err=True)
    context.default_map = config.default_map()


@main.command()
@click.argument("corpus", type=click.Path(path_type=Path))
@click.option("--claims", "claims_path", type=click.Path(path_type=Path), default="claims.csv", show_default=True, help="Where to write the claims table.")
@click.option("--report", "report_path", type=click.Path(path_type=Path), default="reports/report.md", show_default=True, help="Where to write the markdown report.")
@click.option("--json", "json_path", type=click.Path(path_type=Path), default=None, help="Also write the findings as JSON here.")
@click.option("--html", "html_path", type=click.Path(path_type=Path), default=None, help="Also write the report as one self-contained HTML page here.")
@_format_option
@_fail_on_option("none")
@_baseline_option
@click.option("--engine", type=click.Choice(pipeline.ENGINES), default="local", show_default=True, help='Where the scan runs: this machine, or a Dask cluster (pip install "zh-claim-checker[dask]").')
@click.option("--scheduler", metavar="ADDRESS", default=None, help="With --engine dask: the Dask scheduler, e.g. tcp://host:8786 (default: a local cluster of --jobs workers).")
@_common_options
@_guarded
def scan(corpus: Path, claims_path: Path, report_path: Path, json_path: Path | None, html_path: Path | None,
         output_format: str, notices: bool,
         max_findings: int | None, summary_only: bool, fail_on: str, baseline: Path | None, engine: str, scheduler: str | None, max_bytes: int, jobs: int | None,
         cache_dir: Path | None, no_cache: bool, quiet: bool, debug: bool) -> None:  # fmt: skip
    """Check every article of CORPUS (a folder of .txt files) against each other."""
    settings = _settings(max_bytes, jobs, cache_dir, no_cache, engine=engine, scheduler=scheduler)
    with _progress(quiet, output_format) as progress:
        result = _reviewed(pipeline.scan(corpus, settings, progress), baseline)
    brevity = report.Brevity(max_findings, summary_only)
    outputs = {claims_path: report.claims_csv(result.claims), report_path: report.render_markdown(result, brevity=brevity)}
    if json_path is not None:
        outputs[json_path] = report.render_json(result)
    if html_path is not None:
        outputs[html_path] = html_report.render_html(result)
    report.write_together(outputs)  # a reader never sees a new claims table beside an old report
    _finish(result, _Output(output_format, notices, corpus, brevity=brevity), fail_on, quiet)


@main.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--corpus", type=click.Path(path_type=Path), required=True, help="Folder of published articles to check against (or set corpus in the config).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write the report here instead of stdout.")
@click.option("--html", "html_path", type=click.Path(path_type=Path), default=None, help="Also write the report as one self-contained HTML page here.")
@_format_option
@_fail_on_option("contradiction")
@_baseline_option
@_common_options
@_guarded
def check(articles: tuple[Path, ...], corpus: Path, output: Path | None, html_path: Path | None, output_format: str, notices: bool,
          max_findings: int | None, summary_only: bool, fail_on: str,
          baseline: Path | None, max_bytes: int, jobs: int | None, cache_dir: Path | None, no_cache: bool,
          quiet: bool, debug: bool) -> None:  # fmt: skip
    """Check new ARTICLES against a corpus before publication (- reads one from stdin)."""
    settings = _settings(max_bytes, jobs, cache_dir, no_cache)
    with tempfile.TemporaryDirectory(prefix="checker-") as folder, _progress(quiet, output_format) as progress:
        paths = [_from_stdin(Path(folder), max_bytes) if str(path) == "-" else path for path in articles]
        result = _reviewed(pipeline.check(paths, corpus, settings, progress), baseline)
    piped = str(Path(folder) / "stdin.txt")
    result = replace(result, sources={doc: "-" if source == piped else source for doc, source in result.sources.items()})
    if html_path is not None:
        report.write_atomic(html_path, html_report.render_html(result))
    _finish(result, _Output(output_format, notices, corpus, output, report.Brevity(max_findings, summary_only)), fail_on, quiet)


def _from_stdin(folder: Path, max_bytes: int) -> Path:
    """The article piped in, as the file stdin.txt of a temporary folder (it goes by that name)."""
    data = click.get_binary_stream("stdin").read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError("-", f"stdin holds more than {max_bytes} bytes (see --max-bytes)")
    path = folder / "stdin.txt"
    path.write_bytes(data)
    return path


@main.group(name="baseline")
def baseline_group() -> None:
    """Record reviewed findings so that they no longer fail CI."""


@baseline_group.command(name="write")
@click.argument("articles", nargs=-1, type=click.Path(path_type=Path))
@click.option("--corpus", type=click.Path(path_type=Path), required=True, help="The corpus folder.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=DEFAULT_PATH, show_default=True, help="The baseline file to write.")
@_common_options
@_guarded
def baseline_write(articles: tuple[Path, ...], corpus: Path, output: Path, max_bytes: int, jobs: int | None,
                   cache_dir: Path | None, no_cache: bool, quiet: bool, debug: bool) -> None:  # fmt: skip
    """Record the current findings of the corpus (or of ARTICLES against it) as reviewed.

    Reasons already written in the file are kept; fill in "reason" for new entries.
    """
    previous = read_baseline(output) if output.exists() else None
    settings = _settings(max_bytes, jobs, cache_dir, no_cache)
    with _progress(quiet) as progress:
        if articles:
            result = pipeline.check(list(articles), corpus, settings, progress)
            text = baseline_json(result.findings, previous, keep_docs_other_than=set(result.focus or ()))
        else:
            result = pipeline.scan(corpus, settings, progress)
            text = baseline_json(result.findings, previous)
    report.write_atomic(output, text)
    if not quiet:
        recorded = len(json.loads(text)["findings"])
        click.echo(f"checker: wrote {recorded} reviewed finding(s) to {output}", err=True)


@main.group(name="cache")
def cache_group() -> None:
    """The cache of extracted claims."""


@cache_group.command(name="clear")
@click.option("--cache-dir", type=click.Path(path_type=Path), default=None, help="The cache folder (default: $CHECKER_CACHE_DIR or ~/.cache/checker).")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@_guarded
def cache_clear(cache_dir: Path | None, debug: bool) -> None:
    """Remove the cache of extracted claims."""
    folder = cache_dir or default_cache_dir()
    removed = clear_cache(folder)
    click.echo(f"checker: {'removed' if removed else 'no cache at'} {folder}", err=True)


@main.command()
@click.argument("expected", type=click.Path(path_type=Path))
@click.argument("findings", type=click.Path(path_type=Path))
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@_guarded
def evaluate(expected: Path, findings: Path, debug: bool) -> None:
    """Score FINDINGS (checker's JSON output) against EXPECTED findings, per finding type."""
    wanted = _read_findings(expected)
    got = _read_findings(findings)
    click.echo(scoring.format_scores(scoring.score(wanted, got)))
    for label, rows in (("missed", scoring.missing(wanted, got)), ("not expected", scoring.unexpected(wanted, got))):
        for row in rows:
            click.echo(f"{label}: {scoring.describe(row)}")


def _read_findings(path: Path) -> list[dict]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["findings"]
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    except (ValueError, KeyError, TypeError) as error:
        raise InputError(path, f"not a findings JSON file ({error})") from None


def _reviewed(result: ScanResult, baseline: Path | None) -> ScanResult:
    """Findings reviewed in the baseline file, and by the review marks of the articles."""
    result = apply_baseline(result, read_baseline(baseline)) if baseline is not None else result
    return apply_review_marks(result)


@dataclass(frozen=True)
class _Output:
    """How a run's report is written: its format, and for a check, where (None: stdout)."""

    output_format: str
    notices: bool
    corpus: Path
    path: Path | None = None
    brevity: report.Brevity = field(default_factory=report.Brevity)


def _repository_root() -> Path:
    """The root of the git repository the command runs in (annotations name files from it),
    else the working folder."""
    try:
        found = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False)
    except OSError:
        return Path.cwd()
    return Path(found.stdout.strip()) if found.returncode == 0 and found.stdout.strip() else Path.cwd()


def _finish(result: ScanResult, output: _Output, fail_on: str, quiet: bool) -> None:
    paths = report.Paths(_repository_root(), output.corpus, result.sources)
    text = report.render(result, output.output_format, paths, output.notices, output.brevity)
    if output.path is not None:
        report.write_atomic(output.path, text)
    else:
        click.echo(text, nl=False)
    summary = result.summary(fail_on)
    for warning in result.warnings:
        click.echo(f"checker: warning: {warning}", err=True)
    code = pipeline.exit_code(summary)
    if not quiet:
        line = _summary_line(summary, result, fail_on, code)
        colour = "red" if code == Exit.FINDINGS else "green"
        # click drops the colour when stderr is no terminal; NO_COLOR (no-color.org) drops it always
        click.echo(click.style(line, fg=colour), err=True, color=False if "NO_COLOR" in os.environ else None)
    sys.exit(int(code))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _summary_line(summary: pipeline.Summary, result: ScanResult, fail_on: str, code: Exit) -> str:
    counts = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(summary.by_type.items())) or "no findings"
    reviewed = sum(1 for f in result.findings if f.fingerprint in result.reviewed)
    extra = f", {reviewed} reviewed" if reviewed else ""
    extra += f", {len(result.stale)} stale baseline entries" if result.stale else ""
    verdict = f"FAIL: {summary.failing} unreviewed finding(s) at --fail-on {fail_on}" if code == Exit.FINDINGS else "ok"
    if result.focus is None:
        compared = f"{summary.compared} compared"
    else:  # a check: "ok" says how much was checked
        compared = f"{summary.compared} compared with the corpus, {len(result.unconfirmed())} not confirmed by any source"
        if code == Exit.OK and not summary.compared:
            verdict = "ok, but no claim was compared with the corpus"
    return (
        f"checker: {_count(summary.documents, 'document')}, {_count(summary.claims, 'claim')} ({compared}); "
        f"{counts}{extra}; {verdict}"
    )
