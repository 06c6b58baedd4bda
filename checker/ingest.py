"""Ingest: files on disk -> Article records.

Reads each ``.txt`` file (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK),
keeps the original lines for quoting, finds the publication date (header, footer,
file name, or inferred from the text) and marks boilerplate lines (navigation, counters,
contact details, related-article blocks, SEO spam) so later stages read only the body.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .models import Article
from .rules import boilerplate_rules

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Full-width ASCII variants and the ideographic space, mapped one character to one
# character so that offsets in normalized text are offsets in the original line.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x2014: 0x2D, 0x2013: 0x2D, 0xFE6A: 0x25, 0x00A0: 0x20})


class InputError(Exception):
    """A problem with an input file, reported as one line naming the file."""

    def __init__(self, path: str | os.PathLike, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem

    def __reduce__(self):  # travels back from worker processes intact
        return (InputError, (self.path, self.problem))


@dataclass(frozen=True)
class Loaded:
    """What ingest read: the articles, and warnings about files it skipped."""

    articles: list[Article]
    warnings: list[str]


def normalize_width(text: str) -> str:
    """Map full-width letters, digits and punctuation to ASCII, keeping every offset."""
    return _normalize_line(text) if len(text) < _CACHED_BELOW else text.translate(_WIDTH)


_CACHED_BELOW = 2000  # characters: a one-line file of megabytes is not kept


@lru_cache(maxsize=4096)  # ingest, claims and numbers each normalize the same line
def _normalize_line(text: str) -> str:
    return text.translate(_WIDTH)


def find_text_files(path: str | os.PathLike) -> list[Path]:
    """The .txt files of a folder (recursively, in a stable order) or the file itself."""
    root = Path(path)
    if not root.exists():
        raise InputError(root, "no such file or folder")
    if root.is_file():
        return [root]
    files = sorted(p for p in root.rglob("*.txt") if p.is_file() and not _hidden(p, root))
    if not files:
        raise InputError(root, "folder has no .txt files")
    return files


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def doc_name(path: Path, root: Path | None) -> str:
    """The name a document goes by in findings: relative to the scanned folder."""
    if root is not None and root.is_dir():
        return path.relative_to(root).as_posix()
    return path.name


@dataclass(frozen=True)
class Input:
    """One file's bytes and the name findings will use for it."""

    path: Path
    doc: str
    data: bytes


def read_inputs(
    paths: list[Path], root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[Input], list[str]]:
    """Read many files; empty files are skipped with a warning, anything else bad raises."""
    inputs, warnings = [], []
    for path in paths:
        data = read_bytes(path, max_bytes)
        if is_blank(data):
            warnings.append(f"{path}: empty file, skipped")
            continue
        inputs.append(Input(path, doc_name(path, root), data))
    return inputs, warnings


def body_warning(article: Article, source: str | os.PathLike) -> str | None:
    return None if any(article.body) else f"{source}: no article text after removing boilerplate"


def load_articles(
    paths: list[Path], root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Loaded:
    """Read and parse many files (see read_inputs)."""
    inputs, warnings = read_inputs(paths, root, max_bytes)
    articles = [parse_article(item.data, item.doc, source=item.path) for item in inputs]
    warnings += [w for a, item in zip(articles, inputs) if (w := body_warning(a, item.path))]
    return Loaded(articles, warnings)


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(path, f"file is {size} bytes, over the limit of {max_bytes} (see --max-bytes)")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def parse_article(data: bytes, doc: str, source: str | os.PathLike | None = None) -> Article:
    """Decode one file's bytes and describe its lines."""
    text, encoding = decode(data, source or doc)
    lines = tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    simplified = simplified_lines(lines)
    read = simplified or lines  # 責任編輯 is boilerplate as 责任编辑 is
    body = mark_body(read)
    masked = boilerplate_spans(read, body)
    body = tuple(keep or any(index == i for i, _, _ in masked) for index, keep in enumerate(body))
    date, date_source = find_date(read, body, doc)
    return Article(
        doc=doc,
        lines=lines,
        simplified=simplified,
        body=body,
        masked=masked,
        date=date,
        date_source=date_source,
        digest=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
    )


def simplified_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The lines converted to simplified Chinese with OpenCC (t2s: 生產總值 -> 生产总值, 億 ->
    亿), so that a traditional article is matched with simplified ones; () when no line
    changes. A converted line keeps the length of the original (a phrase conversion that would
    change it is done character by character instead), so offsets hold in both."""
    converted = tuple(_simplified(line) for line in lines)
    return converted if converted != lines else ()


def _simplified(line: str) -> str:
    if line.isascii():
        return line
    converted = _converter().convert(line)
    if len(converted) != len(line):
        converted = "".join(ch if len(new := _converter().convert(ch)) != 1 else new for ch in line)
    return converted


@lru_cache(maxsize=1)
def _converter():
    import opencc  # a compiled dictionary: loaded once per process

    return opencc.OpenCC("t2s")


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def is_blank(data: bytes) -> bool:
    """Nothing but whitespace, after the BOM if there is one (a BOM-only file is empty too):
    the one rule for an empty file, in reading and in the corpus index alike."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return not data.decode(encoding).strip()
            except UnicodeDecodeError:
                return False  # decode() reports it
    return not data.strip()


def decode(data: bytes, source: str | os.PathLike) -> tuple[str, str]:
    """Decode UTF-8/UTF-16 (by BOM) or GB18030; refuse binary and undecodable files."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(source, f"undecodable bytes at offset {exc.start} (tried {encoding}, from its BOM)") from None
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise InputError(
                source, f"undecodable bytes at offset {utf8_error.start} (tried utf-8 and gb18030)"
            ) from None


# --- boilerplate -------------------------------------------------------------------------

_SENTENCE_MARKS = re.compile(r"[。!?;,，、:]")


def mark_body(lines: tuple[str, ...]) -> tuple[bool, ...]:
    """True for lines of article text; False for boilerplate and blank lines."""
    rules = boilerplate_rules()
    keep = [bool(line.strip()) for line in lines]
    seen_short: set[str] = set()
    tail_from = len(lines)
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        norm = normalize_width(line).strip()
        if rules.is_boilerplate(norm) or _looks_like_spam(norm):
            keep[i] = False
        squashed = "".join(norm.split())
        if len(squashed) < 40:  # repeated titles and captions
            if squashed in seen_short:
                keep[i] = False
            seen_short.add(squashed)
        if i >= len(lines) // 2 and i < tail_from and rules.starts_tail(norm):
            tail_from = i
    for i in range(tail_from, len(lines)):
        keep[i] = False
    return tuple(keep)


def boilerplate_spans(lines: tuple[str, ...], body: tuple[bool, ...]) -> tuple[tuple[int, int, int], ...]:
    """A whole article on one long line (a web page flattened) is dropped by a URL, phone number
    or e-mail anywhere in it: keep the line, and mask the sentences that hold the boilerplate."""
    rules = boilerplate_rules()
    spans = []
    for index, line in enumerate(lines):
        norm = normalize_width(line)
        if body[index] or len(norm) < _PARAGRAPH_CHARS or len(_SENTENCE_ENDS.findall(norm)) < _PARAGRAPH_SENTENCES:
            continue
        if rules.at_start.search(norm.strip()) or _looks_like_spam(norm.strip()):
            continue
        for match in rules.anywhere.finditer(norm):
            start = max((m.end() for m in _SENTENCE_ENDS.finditer(norm, 0, match.start())), default=0)
            end = next((m.end() for m in _SENTENCE_ENDS.finditer(norm, match.end())), len(norm))
            spans.append((index, start, end))
    return tuple(spans)


_SENTENCE_ENDS = re.compile(r"[。!?！？]")
_PARAGRAPH_CHARS = 200  # a line this long with several sentences is an article, not a footer
_PARAGRAPH_SENTENCES = 3


def _looks_like_spam(line: str) -> bool:
    """Keyword stuffing: a long line with almost no sentence punctuation."""
    return len(line) > 300 and len(_SENTENCE_MARKS.findall(line)) * 100 < len(line)


# --- publication date --------------------------------------------------------------------

_DATE_PATTERNS = (
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?P<y>(?:19|20)\d\d)\s+(?P<m>\d{1,2})\s*/\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"),
)
_DATE_LABEL = re.compile(r"(发布|更新|发表|出版)(日期|时间)")
_HEADER_LINES = 8
_FOOTER_LINES = 4
_PAST_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)\s*年(?!代)")
# 到2026年 is a target, but 2019年至2023年 is a range and 截至2023年 a cut-off: both past.
_FUTURE_CONTEXT = re.compile(r"((?<![年\d截止])(到|至)|目标|力争|计划|规划|展望)\s*$")


def find_date(lines: tuple[str, ...], body: tuple[bool, ...], doc: str) -> tuple[dt.date | None, str]:
    """The publication date: from a header or footer line, the file name, or the text."""
    nonblank = [normalize_width(line) for line in lines if line.strip()]
    labelled = [line for line in nonblank if _DATE_LABEL.search(line)]
    for candidates, source in (
        (labelled, "header"),
        (nonblank[:_HEADER_LINES], "header"),
        (nonblank[-_FOOTER_LINES:], "header"),
        ([Path(doc).name], "filename"),
    ):
        for line in candidates:
            found = _first_date(line)
            if found:
                return found, source
    inferred = infer_year(lines, body)
    if inferred:
        return dt.date(inferred, 1, 1), "content"
    return None, ""


def _first_date(text: str) -> dt.date | None:
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
    return None


def infer_year(lines: tuple[str, ...], body: tuple[bool, ...]) -> int | None:
    """An undated article is from the year after the latest year it reports as past."""
    years = []
    for line, keep in zip(lines, body):
        if not keep:
            continue
        text = normalize_width(line)
        for match in _PAST_YEAR.finditer(text):
            if _FUTURE_CONTEXT.search(text[max(0, match.start() - 4) : match.start()]):
                continue
            if text.startswith("将", match.end()):
                continue
            years.append(int(match.group(1)))
    return max(years) + 1 if years else None
