"""The report's own words in the report's language: `w = Words(lang)`, then
`w("Decisions")`, `w("{n} met", n=3)` or `w.plural(3, "{n} decision", "{n} decisions")`.

The English text is the message id (see `exercise.language`), so the renderers read as they
print in English. A phrase with no translation is English, never an error; the tests check
that every message has a translation in every language. Scenario, player and evaluator
text never goes through here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from ..language import N_, Translator, number

# Values in a journal that are words, shown through `Words.known`: what caused a phase change
# or a delivery, the kinds of observation, what a rating is of.
KNOWN = (
    N_("time"),
    N_("condition"),
    N_("timeline"),
    N_("start"),
    N_("fired by the facilitator"),
    N_("scenario time is up"),
    N_("strength"),
    N_("improvement"),
    N_("note"),
    N_("pillar"),
    N_("objective"),
)


class Labelled(Protocol):
    """A doctrine enum member: it has a label in each language."""

    def label(self, lang: str) -> str: ...


class Words:
    __slots__ = ("_t", "lang")

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._t = Translator(lang)

    def __call__(self, text: str, /, **values: object) -> str:
        return self._t(text, **values)

    def known(self, text: str) -> str:
        """`text` in this language when it is one of the report's words (a phase change's
        cause `time`), else as it is (an `inject/option` cause is data, not a word)."""
        return self._t(text)

    def plural(self, n: int, singular: str, plural: str) -> str:
        """`3 decisions`: the form `n` takes, `{n}` filled in."""
        return self._t.n(singular, plural, n)

    def number(self, value: float, digits: int = 2, fixed: bool = False) -> str:
        """`0.12` in English, `0,12` in Dutch."""
        return number(self.lang, value, digits, fixed)

    def moves(self, indicators: Iterable[Any]) -> str:
        """`Energy supply 100 → 80; ...`: each indicator from its start to its end."""
        return "; ".join(
            f"{i.title} {self.number(i.start, 6)} → {self.number(i.end, 6)}" for i in indicators
        )

    def label(self, member: Labelled) -> str:
        """A doctrine enum member's name in this language."""
        return member.label(self.lang)


ENGLISH = Words("en")
