"""Subjects: the drafts of a Line -> who each figure is about; an article -> its home place.

In: the drafts of one line, in line order, and the jieba words of their sentences. Out: each
draft's subject, the place or organisation named last before it in its sentence (a level
such as 市级 or a ranking scope such as 居全省 is not one), else the one named last earlier
in the line. For the whole article, the home place: the subject of the figures that name
none.
"""

from __future__ import annotations

import re
from functools import cache

from .. import phrases
from .draft import Draft
from .line import Line

_RANKINGS = ("rank", "top_n", "rank_change")
_OPENING = 300  # characters of the body in which the article names its place


def name_subjects(line: Line, drafts: list[Draft]) -> None:
    """A place named in an earlier sentence of the line goes on being the subject; the
    country does not (高于全国平均水平, 全国第一: it is named for comparison). A figure right
    before 的 describes the name after it (总投资158亿元的临澜智造产业园)."""
    named = ""
    for draft in drafts:
        s0 = draft.sentence[0]
        tokens = line.tokens(s0)
        described = phrases.name_starting_at(tokens, draft.end + 1 - s0) if line.text.startswith("的", draft.end) else ""
        found = described or phrases.find_subject(tokens, draft.start - s0, draft.kind in _RANKINGS)
        draft.subject = found or named
        if found and not phrases.is_country(found):
            named = found


def name_documents(line: Line, drafts: list[Draft]) -> None:
    """《青枫县物业管理条例》共7章53条: a count of a document's parts is the document's; under a
    title that is only an abbreviation (《条例》) it names nothing to compare."""
    for draft in drafts:
        if draft.unit not in _document_parts():
            continue
        titles = _TITLE.findall(line.text, line.clause_start(draft.start, list_marks=False), draft.start)
        if titles:
            draft.subject = titles[-1]
            if len(titles[-1]) < _FULL_TITLE:
                draft.metric = ""


def name_titled_works(line: Line, drafts: list[Draft]) -> None:
    """暑期档新片《山河》上映9天,票房已近12亿元: a figure that names no place or organisation is
    about the work whose title opens its sentence, unless the title is the source (《报告》显示,
    根据《规划》) or a document its clause says was issued (《方案》今年印发)."""
    documents = phrases.phrase_table()["documents"]
    for draft in drafts:
        if draft.subject:
            continue
        s0 = draft.sentence[0]
        first_clause_end = min(line.clause_end(s0), draft.start)
        title = _TITLE.search(line.text, s0, first_clause_end)
        if title is None:
            continue
        after = line.text[title.end() : line.clause_end(title.end())].lstrip()
        before = line.text[s0 : title.start()]
        reports = any(verb in after for verb in documents["reporting_verbs"])  # 《方案》也在今年印发
        if not reports and not before.endswith(tuple(documents["citing_words"])):
            draft.subject = title.group(1)


_TITLE = re.compile(r"《([^《》]{1,60})》")
_FULL_TITLE = 5  # characters: 《条例》, 《办法》 abbreviate a title named earlier


@cache
def _document_parts() -> frozenset[str]:
    return frozenset(phrases.phrase_table()["documents"]["part_units"])


def without_subject(metric: str, names: tuple[str, ...]) -> str:
    """临澜GDP, 岚桥区地区生产总值: the place heading a metric is its subject, not what it measures."""
    for name in filter(None, names):
        if metric.startswith(name) and len(metric) > len(name):
            rest = metric[len(name) :]
            suffix = next((s for s in phrases.place_suffixes() if rest.startswith(s)), "")
            return rest[len(suffix) :] or metric
    return metric


def home_place(drafts: list[Draft], body: str, text: str) -> str:
    """The place an article is about: of the places it names (as subjects, in its opening
    lines, or as the place of a government body: 临澜区统计局), the one it mentions most often,
    among those written at the level its self-references use (全区, 我县: a district, a
    county); an organisation (全区上市公司) is never one."""
    subjects = {d.subject for d in drafts if d.subject and not phrases.stands_for_subject(d.subject)}
    named = [p for subject in subjects for p in phrases.places_in(subject)]
    places = set(named) | set(phrases.places_in(body[:_OPENING])) | set(governed_places(text))
    places -= {name for name in places if _written_as_parent(name, places, body)}
    candidates = {phrases.normalize_subject(p, "") for p in places} - {""} - set(phrases.phrase_table()["subjects"]["home"])
    level = _self_reference_level(body)
    at_level = {name for name in candidates if name + level in text} if level else set()
    if not candidates:
        return ""
    return max(sorted(at_level or candidates), key=lambda name: _mentions(name, text))


def _mentions(place: str, text: str) -> int:
    """How often a text names a place, by any of its names (中国: 我国, 全国)."""
    country = phrases.phrase_table()["subjects"]["country"]
    names = [place, *(word for word in country if phrases.normalize_subject(word, "") == place != word)]
    return sum(text.count(name) for name in names)


def _self_reference_level(body: str) -> str:
    """区 when the article calls its place 全区, 我区 or 该区 more often than anything else."""
    counts: dict[str, int] = {}
    for word in phrases.phrase_table()["subjects"]["home"]:
        level = next((ch for ch in word if ch in _one_char_suffixes()), "")
        if level:
            counts[level] = counts.get(level, 0) + body.count(word)
    best = max(sorted(counts), key=counts.__getitem__, default="")
    return best if counts.get(best) else ""


def governed_places(text: str) -> list[str]:
    """Places named right before a body of their government (中共临澜区委, 临澜区统计局,
    临澜县融媒体中心), with the level of the body."""
    found = []
    for match in _government_body_pattern().finditer(text):
        tokens = phrases.segment(text[max(0, match.start() - _NAME_AT_MOST) : match.start()])
        stem = tokens[-1].text if tokens else ""
        if len(stem) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in stem) and not phrases.stands_for_subject(stem + match.group(1)):
            found.append(stem + match.group(1))
    return found


_NAME_AT_MOST = 5  # characters read before the level word for the place's name


@cache
def _one_char_suffixes() -> frozenset[str]:
    return frozenset(s for s in phrases.place_suffixes() if len(s) == 1)


@cache
def _government_body_pattern() -> re.Pattern:
    bodies = sorted(phrases.phrase_table()["subjects"]["government_bodies"], key=len, reverse=True)
    levels = "".join(sorted(_one_char_suffixes()))
    return re.compile(f"([{levels}])(?:{'|'.join(map(re.escape, bodies))})")


def _written_as_parent(name: str, places: set[str], body: str) -> bool:
    """云溪市临澜区: a place written right before another is the larger area that holds it."""
    return any(name + other in body for other in places if other != name)
