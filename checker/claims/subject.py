"""Subjects: the drafts of a Line -> who each figure is about; an article -> its home place.

In: the drafts of one line, in line order, and the jieba words of their sentences. Out: each
draft's subject, the place or organisation named last before it in its sentence (a level
such as 市级 or a ranking scope such as 居全省 is not one), else the one named last earlier
in the line. For the whole article, the home place: the subject of the figures that name
none.
"""

from __future__ import annotations

from .. import phrases
from .draft import Draft
from .line import Line

_RANKINGS = ("rank", "top_n", "rank_change")
_OPENING = 300  # characters of the body in which the article names its place


def name_subjects(line: Line, drafts: list[Draft]) -> None:
    named = ""
    for draft in drafts:
        s0 = draft.sentence[0]
        named = phrases.find_subject(line.tokens(s0), draft.start - s0, draft.kind in _RANKINGS) or named
        draft.subject = named


def home_place(drafts: list[Draft], body: str) -> str:
    """The place an article is about: of the places it names (as subjects, or in its opening
    lines), the one it mentions most often."""
    candidates = {phrases.normalize_subject(d.subject, "") for d in drafts if d.subject}
    candidates |= {phrases.normalize_subject(p, "") for p in phrases.places_in(body[:_OPENING])}
    candidates -= {""} | set(phrases.phrase_table()["subjects"]["home"])
    if not candidates:
        return ""
    return max(sorted(candidates), key=body.count)
