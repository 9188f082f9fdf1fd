"""Turning pydantic validation errors into messages a scenario author can act on."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pydantic import BaseModel, ValidationError

from ..language import N_, Phrase, phrase
from .problems import MAX_PROBLEMS, Path_

# A suggestion compares the name with every choice, which is slow for long lists and many
# problems: a file with thousands of wrong references would take hours. So a suggestion is
# looked for among at most MAX_SUGGEST_CHOICES choices, and for at most MAX_PROBLEMS
# problems per file (inside `suggestions_per_file`); past that, problems come without one.
MAX_SUGGEST_CHOICES = 1_000
MAX_SUGGEST_NAME = 100  # characters; a longer name is no typo of an id or a key
_suggestions_left: ContextVar[int | None] = ContextVar("suggestions_left", default=None)


@contextmanager
def suggestions_per_file() -> Iterator[None]:
    """Bound the suggestions looked for while one file is checked."""
    token = _suggestions_left.set(MAX_PROBLEMS)
    try:
        yield
    finally:
        _suggestions_left.reset(token)


def suggest(name: object, choices: typing.Collection[str]) -> str:
    """' (did you mean 'x'?)' when a close match exists (a phrase), else ''."""
    if len(choices) > MAX_SUGGEST_CHOICES:
        return ""
    left = _suggestions_left.get()
    if left is not None:
        if left <= 0:
            return ""
        _suggestions_left.set(left - 1)
    text = str(name)
    if len(text) > MAX_SUGGEST_NAME:
        return ""
    matches = difflib.get_close_matches(text, list(choices), n=1, cutoff=0.6)
    return phrase(" (did you mean {name}?)", name=repr(matches[0])) if matches else ""


def data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Path_, bool]:
    """Keep the parts of a pydantic `loc` that index the data (dropping union and validator
    tags). Returns the path and whether it reached all the way to an existing value."""
    path: list[str | int] = []
    node = data
    for part in loc:
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_list or (isinstance(node, dict) and part in node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict | list):
            return (*path, part) if isinstance(part, str | int) else tuple(path), False
        # else: a tag such as 'function-after[...]' or 'str'; skip it
    return tuple(path), True


def _unwrap(annotation: Any) -> list[Any]:
    """The candidate types inside Annotated / Optional / unions."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def model_at(root: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    """The model class that validates the mapping at `path` below `root`."""
    current: Any = root
    for part in path:
        next_type = None
        for candidate in _unwrap(current):
            origin = typing.get_origin(candidate)
            if (
                isinstance(part, str)
                and isinstance(candidate, type)
                and issubclass(candidate, BaseModel)
            ):
                field = _field(candidate, part)
                if field is not None:
                    next_type = field.annotation
                    # pydantic strips Annotated metadata; rebuild the item type from args
            elif isinstance(part, int) and origin in (tuple, list):
                next_type = typing.get_args(candidate)[0]
            elif isinstance(part, str) and origin is dict:
                next_type = typing.get_args(candidate)[1]
            if next_type is not None:
                break
        if next_type is None:
            return None
        current = next_type
    for candidate in _unwrap(current):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _field(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return info
    return None


def _keys(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _short(value: Any) -> str:
    if isinstance(value, str) and len(value) > 60:
        value = value[:60]  # repr of a megabyte string only to cut it
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _invisible(text: str) -> str | None:
    """The first character of `text` that cannot be seen (a byte-order mark, a zero-width
    space, a bidirectional override), as U+XXXX, or None."""
    for char in text:
        if not char.isascii() and not char.isprintable():
            return f"U+{ord(char):04X}"
    return None


_BOUNDS = {
    "less_than_equal": ("le", N_("{value} is out of range: it must be at most {bound}")),
    "greater_than_equal": ("ge", N_("{value} is out of range: it must be at least {bound}")),
    "less_than": ("lt", N_("{value} is out of range: it must be below {bound}")),
    "greater_than": ("gt", N_("{value} is out of range: it must be above {bound}")),
}


def explain(error: Any, data: Any, root: type[BaseModel]) -> tuple[Path_, str, bool]:
    """One pydantic error as (path in the data, message, points at the key)."""
    kind = error["type"]
    path, reached = data_path(data, error["loc"])
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return (
            path[:-1] if path else path,
            phrase("missing required key {key}", key=repr(str(path[-1]))),
            False,
        )
    if kind == "invalid_key":
        # pydantic puts the key's repr in `loc` ('None' for `~`); locate the key itself
        parent, _ = data_path(data, error["loc"][:-1])
        names = {
            type(None): N_("a key must be text, not null"),
            bool: N_("a key must be text, not true/false"),
            int: N_("a key must be text, not a number"),
            float: N_("a key must be text, not a number"),
        }
        said = names.get(type(value))
        if said is None:
            return (
                (*parent, value),
                phrase("a key must be text, not {kind}", kind=type(value).__name__),
                True,
            )
        return (*parent, value), phrase(said), True
    if kind == "extra_forbidden":
        model = model_at(root, path[:-1])
        keys = _keys(model)
        hint = suggest(path[-1], keys) or (
            phrase(" (keys here: {keys})", keys=", ".join(keys)) if keys else ""
        )
        return path, phrase("unknown key {key}{hint}", key=repr(str(path[-1])), hint=hint), True
    if kind in ("enum", "literal_error"):
        expected = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        if expected:
            listing = (
                ", ".join(expected) if len(expected) <= 13 else ", ".join(expected[:13]) + ", ..."
            )
            hint = suggest(value, expected) or phrase(" (one of: {values})", values=listing)
            return (
                path,
                phrase(
                    "{value} is not one of the allowed values{hint}", value=_short(value), hint=hint
                ),
                False,
            )
    if kind == "string_pattern_mismatch":
        hidden = _invisible(value) if isinstance(value, str) else None
        if hidden:
            return (
                path,
                phrase(
                    "{value} is not a valid id: it holds an invisible character "
                    "({character}); delete it and type the id again",
                    value=_short(value),
                    character=hidden,
                ),
                False,
            )
        return (
            path,
            phrase(
                "{value} is not a valid id: use lowercase letters, digits, '-', '_' "
                "or '.', starting with a letter or digit",
                value=_short(value),
            ),
            False,
        )
    if kind == "duplicate_item":
        index = ctx.get("index")
        if isinstance(index, int) and reached and isinstance(value, list | tuple):
            path = (*path, index)
        said = phrase(
            "{item} is given twice in this list (first as item {first})",
            item=str(ctx.get("item", "")),
            first=str(ctx.get("first", "")),
        )
        return path, said, False
    if kind == "too_long" and "max_length" in ctx:
        count = len(value) if isinstance(value, list | tuple | dict) else ctx.get("actual_length")
        most = ctx["max_length"]
        if not isinstance(count, int):
            return path, phrase("too many items: at most {most} are allowed here", most=most), False
        many = (
            N_("{count} entries: at most {most} are allowed here")
            if isinstance(value, dict)
            else N_("{count} items: at most {most} are allowed here")
        )
        return path, phrase(many, count=count, most=most), False
    if kind == "finite_number":
        return (
            path,
            phrase(
                "{value} is not a usable number: write an ordinary number (not .nan or .inf)",
                value=_short(value),
            ),
            False,
        )
    if kind in _BOUNDS and isinstance(ctx.get(_BOUNDS[kind][0]), int | float):
        name, words = _BOUNDS[kind]
        bound = ctx[name]
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        shown = bound if isinstance(bound, int) else f"{bound:,}"  # a whole one in its notation
        return path, phrase(words, value=_short(value), bound=shown), False
    if kind == "string_too_long":
        most = ctx.get("max_length", 0)
        if not isinstance(value, str):
            return path, phrase("too long: at most {most} are allowed here", most=most), False
        return (
            path,
            phrase(
                "{count} characters: at most {most} are allowed here", count=len(value), most=most
            ),
            False,
        )
    if kind in ("value_error", "assertion_error"):
        raised = ctx.get("error")
        message: str = phrase("not valid here")
        if isinstance(raised, Exception) and raised.args and isinstance(raised.args[0], Phrase):
            message = raised.args[0]  # a model's own check, in words it can say in any language
        # a check of a whole mapping (`decision: ...`) points at its key, not its first line
        whole = isinstance(value, dict) and bool(path) and isinstance(path[-1], str)
        return path, message, whole
    return path, _our_words(kind, ctx, value, reached), False


# What a value must be, by pydantic's error type (pydantic's own English is never shown).
_EXPECTED = {
    "string_type": N_("text"),
    "string_unicode": N_("text"),
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "float_type": N_("a number"),
    "float_parsing": N_("a number"),
    "decimal_type": N_("a number"),
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
    "dict_type": N_("a mapping (key: value)"),
    "model_type": N_("a mapping (key: value)"),
    "model_attributes_type": N_("a mapping (key: value)"),
    "list_type": N_("a list"),
    "tuple_type": N_("a list"),
    "set_type": N_("a list"),
    "frozen_set_type": N_("a list"),
    "date_type": N_("a date (YYYY-MM-DD)"),
    "date_parsing": N_("a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("a date (YYYY-MM-DD)"),
    "date_from_datetime_inexact": N_("a date (YYYY-MM-DD)"),
    "datetime_type": N_("a date and time (YYYY-MM-DDTHH:MM)"),
    "datetime_parsing": N_("a date and time (YYYY-MM-DDTHH:MM)"),
    "datetime_from_date_parsing": N_("a date and time (YYYY-MM-DDTHH:MM)"),
    "time_type": N_("a time of day (HH:MM)"),
    "time_parsing": N_("a time of day (HH:MM)"),
    "none_required": N_("empty (null)"),
}


def _given(value: Any) -> str:
    """The value a problem is about, as the message quotes it."""
    if isinstance(value, dict):
        return phrase("a mapping")
    if isinstance(value, list | tuple):
        return phrase("a list")
    return _short(value)


def _our_words(kind: str, ctx: dict[str, Any], value: Any, reached: bool) -> str:
    """Every other pydantic error, in the product's words: by its type where it has
    words of its own, else one general sentence."""
    if kind in _EXPECTED:
        expected = phrase(_EXPECTED[kind])
        if reached:
            return phrase("{value} is not {expected}", value=_given(value), expected=expected)
        return phrase("this must be {expected}", expected=expected)
    least = ctx.get("min_length")
    if kind == "string_too_short" and isinstance(least, int):
        if least <= 1:
            return phrase("text is empty")
        return phrase("at least {least} characters are needed here", least=least)
    if kind == "too_short" and isinstance(least, int):
        return phrase("too few items: at least {least} are needed here", least=least)
    if kind in ("union_tag_invalid", "enum", "literal_error"):
        return phrase(
            "{value} is not one of the allowed values{hint}", value=_given(value), hint=""
        )
    if kind == "union_tag_not_found" and isinstance(ctx.get("discriminator"), str):
        return phrase("missing required key {key}", key=ctx["discriminator"])
    if kind == "multiple_of" and isinstance(ctx.get("multiple_of"), int | float):
        return phrase("{value} is not a multiple of {step}", value=_given(value),
                      step=str(ctx["multiple_of"]))  # fmt: skip
    if reached and not isinstance(value, dict | list):
        return phrase("{value} is not valid here", value=_short(value))
    return phrase("not valid here")


def explain_all(
    err: ValidationError, data: Any, root: type[BaseModel]
) -> list[tuple[Path_, str, bool]]:
    seen: set[tuple[Path_, str]] = set()
    out = []
    errors = err.errors(include_url=False)
    # a list whose items failed is also reported as too short; the item errors say more
    parents = {error["loc"][:n] for error in errors for n in range(len(error["loc"]))}
    for error in errors:
        loc = error["loc"]
        if error["type"] == "too_short" and loc in parents:
            continue
        path, message, key = explain(error, data, root)
        if (path, message) not in seen:
            seen.add((path, message))
            out.append((path, message, key))
    return out
