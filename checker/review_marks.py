"""Review marks: an article's own lines -> the findings an editor has marked as reviewed there.

An editor marks a figure as reviewed in the article text itself, on a line of its own:
``<!-- checker: reviewed 1350亿元: 预计数, 以统计公报为准 -->``: the figure as written, then a
reason, which is required. The mark reviews the findings that involve that figure of that
article; a mark that reviews no finding is reported, as an unused ``noqa`` is by linters.
Such comment lines are boilerplate (boilerplate.toml), never article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .ingest import InputError
from .models import ClaimRef, Finding
from .pipeline import ScanResult

_MARK = re.compile(r"<!--\s*checker\s*[:：]\s*reviewed\b(?P<body>.*?)-->")
_REASON = re.compile(r"^\s*(?P<figure>[^:：]+?)\s*[:：]\s*(?P<reason>\S.*?)\s*$")


@dataclass(frozen=True)
class ReviewMark:
    doc: str
    line: int
    figure: str  # the figure as written in the article: 1350亿元
    reason: str

    def reviews(self, finding: Finding) -> bool:
        return any(item.doc == self.doc and self.figure in (item.quote if isinstance(item, ClaimRef) else item.text)
                   for item in finding.items)  # fmt: skip


def review_marks(result: ScanResult) -> list[ReviewMark]:
    """The review marks written in the run's articles; a mark without a reason is bad input."""
    marks = []
    for article in result.articles:
        for number, line in enumerate(article.lines, 1):
            for match in _MARK.finditer(line):
                parsed = _REASON.match(match.group("body"))
                if parsed is None:
                    raise InputError(f"{article.doc}:{number}", "a review mark needs a figure and a reason: "
                                     "<!-- checker: reviewed 1350亿元: why -->")  # fmt: skip
                marks.append(ReviewMark(article.doc, number, parsed.group("figure"), parsed.group("reason")))
    return marks


def apply_review_marks(result: ScanResult) -> ScanResult:
    """The result with the findings its articles' marks review counted as reviewed, and a
    warning per mark that reviews nothing."""
    marks = review_marks(result)
    if not marks:
        return result
    reviewed = {f.fingerprint for f in result.findings for mark in marks if mark.reviews(f)}
    unused = [f"{m.doc}:{m.line}: the review mark of '{m.figure}' reviews no finding (remove it, or write the figure as the article does)"
              for m in marks if not any(m.reviews(f) for f in result.findings)]  # fmt: skip
    return replace(result, reviewed=result.reviewed | reviewed, warnings=result.warnings + tuple(unused))
