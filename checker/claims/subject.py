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
    """A place named in an earlier sentence of the line goes on being the subject; the
    country does not (高于全国平均水平, 全国第一: it is named for comparison)."""
    named = ""
    for draft in drafts:
        s0 = draft.sentence[0]
        found = phrases.find_subject(line.tokens(s0), draft.start - s0, draft.kind in _RANKINGS)
        draft.subject = found or named
        if found and not phrases.is_country(found):
            named = found


def without_subject(metric: str, names: tuple[str, ...]) -> str:
    """临澜GDP, 岚桥区地区生产总值: the place heading a metric is its subject, not what it measures."""
    for name in filter(None, names):
        if metric.startswith(name) and len(metric) > len(name):
            rest = metric[len(name) :]
            suffix = next((s for s in phrases.place_suffixes() if rest.startswith(s)), "")
            return rest[len(suffix) :] or metric
    return metric


def home_place(drafts: list[Draft], body: str) -> str:
    """The place an article is about: of the places it names (as subjects, or in its opening
    lines), the one it mentions most often; an organisation (全区上市公司) is never one."""
    named = [p for d in drafts if d.subject for p in phrases.places_in(d.subject)]
    places = set(named) | set(phrases.places_in(body[:_OPENING]))
    places -= {name for name in places if _written_as_parent(name, places, body)}
    candidates = {phrases.normalize_subject(p, "") for p in places} - {""} - set(phrases.phrase_table()["subjects"]["home"])
    if not candidates:
        return ""
    return max(sorted(candidates), key=body.count)


def _written_as_parent(name: str, places: set[str], body: str) -> bool:
    """云溪市临澜区: a place written right before another is the larger area that holds it."""
    return any(name + other in body for other in places if other != name)
