"""Command line: parses options, runs the pipeline, formats its result.

stdout carries the artefact (the report in the chosen format); the summary, warnings and
errors go to stderr. The exit code comes from the run's Summary (see pipeline.Exit).
"""

from __future__ import annotations

import sys
import traceback
from functools import wraps
from pathlib import Path

import click

from . import pipeline, report
from .ingest import DEFAULT_MAX_BYTES, InputError
from .pipeline import FAIL_LEVELS, Exit, ScanResult


def _fail(message: str, code: Exit) -> None:
    click.echo(f"checker: {message}", err=True)
    sys.exit(int(code))


def _guarded(command):
    """Turn bad input into a one-line error (exit 2) and bugs into exit 3."""

    @wraps(command)
    def run(*args, **kwargs):
        debug = kwargs.get("debug", False)
        try:
            return command(*args, **kwargs)
        except InputError as error:
            _fail(f"error: {error}", Exit.USAGE)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as error:  # noqa: BLE001 - the last line of defence
            if debug:
                traceback.print_exc()
            _fail(
                f"internal error: {type(error).__name__}: {error}. This is a bug in checker: please report it "
                "with the command you ran (add --debug for the traceback).",
                Exit.INTERNAL,
            )

    return run


_format_option = click.option(
    "--format", "output_format", type=click.Choice(report.FORMATS), default="markdown", show_default=True,
    help="Format of the report on stdout.",
)  # fmt: skip
_debug_option = click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
_max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
    help="Refuse input files larger than this.",
)  # fmt: skip


def _fail_on_option(default: str):
    return click.option(
        "--fail-on", type=click.Choice(FAIL_LEVELS), default=default, show_default=True,
        help="Exit 1 when findings at this level exist: contradiction (any contradiction), "
        "any (any error or warning), none.",
    )  # fmt: skip


@click.group()
@click.version_option(package_name="checker")
def main() -> None:
    """Cross-source claim consistency checker for Chinese news."""


@main.command()
@click.argument("corpus", type=click.Path(path_type=Path))
@click.option("--claims", "claims_path", type=click.Path(path_type=Path), default="claims.csv", show_default=True, help="Where to write the claims table.")
@click.option("--report", "report_path", type=click.Path(path_type=Path), default="reports/report.md", show_default=True, help="Where to write the markdown report.")
@click.option("--json", "json_path", type=click.Path(path_type=Path), default=None, help="Also write the findings as JSON here.")
@_format_option
@_fail_on_option("none")
@_max_bytes_option
@click.option("--quiet", is_flag=True, help="No summary on stderr.")
@_debug_option
@_guarded
def scan(corpus: Path, claims_path: Path, report_path: Path, json_path: Path | None, output_format: str,
         fail_on: str, max_bytes: int, quiet: bool, debug: bool) -> None:  # fmt: skip
    """Check every article of CORPUS (a folder of .txt files) against each other."""
    result = pipeline.scan(corpus, max_bytes=max_bytes)
    report.write_atomic(claims_path, report.claims_csv(result.claims))
    report.write_atomic(report_path, report.render_markdown(result))
    if json_path is not None:
        report.write_atomic(json_path, report.render_json(result))
    _finish(result, output_format, fail_on, quiet, root=str(corpus))


@main.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--corpus", type=click.Path(path_type=Path), required=True, help="Folder of published articles to check against.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write the report here instead of stdout.")
@_format_option
@_fail_on_option("contradiction")
@_max_bytes_option
@click.option("--quiet", is_flag=True, help="No summary on stderr.")
@_debug_option
@_guarded
def check(articles: tuple[Path, ...], corpus: Path, output: Path | None, output_format: str, fail_on: str,
          max_bytes: int, quiet: bool, debug: bool) -> None:  # fmt: skip
    """Check new ARTICLES against a corpus before publication."""
    result = pipeline.check(list(articles), corpus, max_bytes=max_bytes)
    _finish(result, output_format, fail_on, quiet, output=output)


def _finish(result: ScanResult, output_format: str, fail_on: str, quiet: bool, output: Path | None = None, root: str = "") -> None:
    text = report.render(result, output_format, root)
    if output is not None:
        report.write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    summary = result.summary(fail_on)
    for warning in result.warnings:
        click.echo(f"checker: warning: {warning}", err=True)
    code = pipeline.exit_code(summary)
    if not quiet:
        click.echo(_summary_line(summary, fail_on, code), err=True)
    sys.exit(int(code))


def _summary_line(summary: pipeline.Summary, fail_on: str, code: Exit) -> str:
    counts = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(summary.by_type.items())) or "no findings"
    verdict = f"{summary.failing} finding(s) at --fail-on {fail_on}" if code == Exit.FINDINGS else "ok"
    return (
        f"checker: {summary.documents} documents, {summary.claims} claims ({summary.compared} compared); "
        f"{counts}; {verdict}"
    )
