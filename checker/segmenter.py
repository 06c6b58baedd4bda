"""Segmenter: Chinese text -> words, with offsets and dictionary part-of-speech tags.

jieba's algorithm and dictionary, plus the project's words (checker/data/jieba_userdict.txt),
run by jieba-rs (the rjieba package, about nine times faster) when it is installed and by
jieba itself otherwise. Both give the same Chinese words and tags (tests/test_segmenter.py
holds them to it); they split runs of Latin letters and digits differently (952.6kg), which
the claims stage reads from the characters, not from words. ``CHECKER_SEGMENTER=jieba``
forces the pure-Python jieba.
"""

from __future__ import annotations

import logging
import os
from functools import cache
from importlib import resources

ENVIRONMENT_VARIABLE = "CHECKER_SEGMENTER"
Token = tuple[str, int, int, str]  # word, start, end, tag ("" for words not in the dictionary)


def _user_words() -> list[tuple[str, int, str]]:
    text = resources.files("checker.data").joinpath("jieba_userdict.txt").read_text(encoding="utf-8")
    return [(word, int(frequency), tag) for word, frequency, tag in (line.split() for line in text.splitlines())]


class _JiebaRs:
    """jieba-rs through rjieba."""

    name = "rjieba"

    def __init__(self) -> None:
        import rjieba

        for word, frequency, tag in _user_words():
            rjieba.add_word(word, frequency, tag)
        self._engine = rjieba

    def tokens(self, text: str) -> list[Token]:
        found, position = [], 0
        for word, tag in self._engine.tag(text):
            end = position + len(word)
            found.append((word, position, end, tag if self._engine.has_word(word) else ""))
            position = end
        return found

    def words(self, text: str) -> list[str]:
        return self._engine.cut(text, False)


class _Jieba:
    """The pure-Python jieba, with the tags of its dictionary."""

    name = "jieba"

    def __init__(self) -> None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        self._tags = dict(jieba.posseg.dt.word_tag_tab)
        for word, frequency, tag in _user_words():
            jieba.add_word(word, frequency, tag)
            self._tags.setdefault(word, tag)  # as jieba-rs: a dictionary word keeps its tag
        self._engine = jieba

    def tokens(self, text: str) -> list[Token]:
        return [(word, start, end, self._tags.get(word, "")) for word, start, end in self._engine.tokenize(text)]

    def words(self, text: str) -> list[str]:
        return self._engine.lcut(text, HMM=False)


@cache
def segmenter() -> _JiebaRs | _Jieba:
    if os.environ.get(ENVIRONMENT_VARIABLE, "").lower() != "jieba":
        try:
            return _JiebaRs()
        except ImportError:
            pass
    return _Jieba()
