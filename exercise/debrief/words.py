"""The report's own words in the report's language: `w = Words(lang)`, then
`w("Decisions")` or `w("{n} met", n=3)`.

The English text is the key, so the renderers read as they print in English and an
English report is exactly what it was before Dutch existed. The Dutch comes from the
table in `words_nl`. A phrase missing from that table raises KeyError rather than quietly
printing English in a Dutch report: the tests render every section in Dutch to find one.
Scenario, player and evaluator text never goes through here.
"""

from __future__ import annotations

from typing import Protocol

from .words_nl import NL, NL_PLURALS


class Labelled(Protocol):
    """A doctrine enum member: it has a label in each language."""

    def label(self, lang: str) -> str: ...


class Words:
    __slots__ = ("_plurals", "_table", "lang")

    def __init__(self, lang: str) -> None:
        self.lang = "nl" if lang == "nl" else "en"
        self._table = NL if self.lang == "nl" else None
        self._plurals = NL_PLURALS if self.lang == "nl" else None

    def __call__(self, text: str, /, **values: object) -> str:
        if self._table is not None:
            text = self._table[text]
        return text.format(**values) if values else text

    def known(self, text: str) -> str:
        """`text` in this language when it is one of the report's words (a phase change's
        cause `time`), else as it is (an `inject/option` cause is data, not a word)."""
        if self._table is not None:
            return self._table.get(text, text)
        return text

    def plural(self, n: int, word: str, words: str | None = None) -> str:
        """`3 decisions`; `word` is the English singular (and `words` its plural when it
        is not word + s)."""
        if self._plurals is not None:
            one, many = self._plurals[word]
            return f"{n} {one if n == 1 else many}"
        return f"{n} {word if n == 1 else (words or word + 's')}"

    def label(self, member: Labelled) -> str:
        """A doctrine enum member's name in this language."""
        return member.label(self.lang)


ENGLISH = Words("en")
