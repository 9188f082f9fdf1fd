"""Key bindings described in the user's language, for the session UI and the review screen.

Bindings are declared once per class with a word key (`key.pause`) as their description.
`bindings_in(cls, lang, words)` is a subclass of `cls` (made once per class and language,
with the same name) whose `BINDINGS` repeat, translated, every key of `cls` that one of
those words describes: Textual merges `BINDINGS` key by key along the bases, so these
replace the originals, and the footer and the help show them in `lang`.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Container
from typing import Any, ClassVar, Self, TypeVar, cast

from textual.binding import Binding

N = TypeVar("N", bound=type)
_IN_LANGUAGE: dict[tuple[type, str], type] = {}


@dataclasses.dataclass(frozen=True)
class KeyWords:
    """A screen's table of words: which keys it has, how to say one in a language, and
    the language to use when none is given."""

    keys: Container[str]
    say: Callable[[str, str], str]
    default_language: Callable[[], str]


def bindings_in(cls: N, lang: str, words: KeyWords) -> N:
    """`cls` with its key bindings described in `lang` (see the module's note)."""
    if cls in _IN_LANGUAGE.values():
        return cls  # already a language's variant
    variant = _IN_LANGUAGE.get((cls, lang))
    if variant is None:
        keys: dict[str, list[Binding]] = {}
        for base in reversed(cls.__mro__):
            declared: dict[str, list[Binding]] = {}
            for binding in Binding.make_bindings(vars(base).get("BINDINGS", [])):
                declared.setdefault(binding.key, []).append(binding)
            keys.update(declared)  # a base's bindings of a key replace those before it
        translated = [
            dataclasses.replace(b, description=words.say(b.description, lang))
            if b.description in words.keys
            else b
            for found in keys.values()
            if any(b.description in words.keys for b in found)
            for b in found
        ]
        namespace = {
            "BINDINGS": translated,
            "__module__": cls.__module__,
            "__qualname__": cls.__qualname__,
            "__doc__": cls.__doc__,
        }
        variant = type(cls)(cls.__name__, (cls,), namespace)
        _IN_LANGUAGE[(cls, lang)] = variant
    return cast(N, variant)


class TranslatedBindings:
    """For an app, screen or widget whose `BINDINGS` are described by the word keys of
    `WORDS` and whose constructor takes the language as `lang`: each instance is made of
    `bindings_in(its class, lang, WORDS)`, so its keys are described in that language."""

    WORDS: ClassVar[KeyWords]

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        given = inspect.signature(cls.__init__).bind_partial(None, *args, **kwargs)
        lang = given.arguments.get("lang") or cls.WORDS.default_language()
        return super().__new__(bindings_in(cls, lang, cls.WORDS))
