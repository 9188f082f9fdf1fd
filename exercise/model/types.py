"""Field types shared by the scenario models: ids, bilingual text, durations, conditions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError, core_schema

from ..language import phrase
from .condition import Compare, ConditionSyntaxError, Node, Test, parse_condition, walk
from .doctrine import LANGUAGES
from .timing import DURATION_HELP, parse_duration

# Limits. Scenario files travel by e-mail and USB stick, so everything in them is bounded:
# far beyond what a real exercise needs (a three-hour national exercise has about 100
# injects and 14 roles; the benchmark scenario has 10,000 injects), and small enough that
# no file can exhaust memory, the journal or the screen. Durations are bounded in
# `timing.MAX_DAYS`. Documented in docs/scenario-format.md, "Limits".
MAX_MAGNITUDE = 1_000_000_000  # any number: indicator min, max and start, effects, conditions
MAX_ID = 80  # characters of an id
MAX_TEXT = 10_000  # characters of a text (per language): descriptions, inject texts, notes
MAX_TITLE = 500  # characters of a title, label, sender, unit or classification
MAX_SOURCE = 2_000  # characters of a source (a URL can be long)
MAX_INJECTS = 20_000  # injects in a scenario; templates in a catalogue file
MAX_ROLES = 200  # roles in a scenario, and so recipients of an inject
MAX_PHASES = 100
MAX_OBJECTIVES = 500
MAX_INDICATORS = 200  # indicators in a scenario, and so effects of an option or measure
MAX_MEASURES = 1_000
MAX_OPTIONS = 50  # options of one decision
MAX_EXPECTED = 50  # expected actions of one inject
MAX_RELEASES = 200  # injects one option releases
MAX_QUESTIONS = 30  # questions of the feedback form
MAX_NARRATIVES = 100  # narratives in a scenario
MAX_NARRATIVE_FROM = 50  # media injects that start one narrative
# Reach steps of all narratives together over the scenario's duration (duration / every,
# summed): each step may journal a narrative-reach event and its indicator changes.
MAX_NARRATIVE_STEPS = 20_000
MIN_NARRATIVE_EVERY = 60.0  # seconds: the shortest cadence of a narrative's reach
MAX_APPROVAL_RULES = 50  # rules of a scenario's communication approval

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID)]

# A number a scenario may hold: finite (the models refuse NaN and infinity) and bounded.
Number = Annotated[float, Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]


def _text_validator(limit: int) -> Callable[[object], str | dict[str, str]]:
    def too_long(text: str, lang: str | None) -> ValueError:
        if lang is None:
            said = phrase(
                "the text is {count} characters long; the limit is {most}",
                count=len(text),
                most=limit,
            )
        else:
            said = phrase(
                "the {lang} text is {count} characters long; the limit is {most}",
                lang=lang,
                count=len(text),
                most=limit,
            )
        return ValueError(said)

    def validate(value: object) -> str | dict[str, str]:
        """Text is a string, or a mapping of language code to string."""
        if type(value) is str:
            if not value or value.isspace():  # isspace stops at the first letter: no copy
                raise ValueError(phrase("text is empty"))
            if len(value) > limit:
                raise too_long(value, None)
            return value
        if isinstance(value, dict) and value:
            for lang, item in value.items():
                if lang not in LANGUAGES:
                    raise ValueError(
                        phrase(
                            "{lang} is not a language of this tool (use {languages})",
                            lang=repr(lang),
                            languages=", ".join(LANGUAGES),
                        )
                    )
                if not isinstance(item, str) or not item.strip():
                    raise ValueError(
                        phrase("the {lang} text must be a non-empty string", lang=lang)
                    )
                if len(item) > limit:
                    raise too_long(item, lang)
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)  # a title such as 112 is text too
        raise ValueError(
            phrase(
                "expected text, or a mapping of language to text such as {example}",
                example="{en: ..., nl: ...}",
            )
        )

    return validate


class _TextValidation:
    """Validates with `_text_validator`, and leaves serialisation to pydantic's own (Rust)
    inference: `PlainValidator` would add a Python call per text field to every dump."""

    def __init__(self, limit: int) -> None:
        self.validate = _text_validator(limit)

    def __get_pydantic_core_schema__(
        self, _source: Any, _handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(self.validate)


def _text_type(limit: int) -> Any:
    string = {"type": "string", "minLength": 1, "maxLength": limit}
    return Annotated[
        str | dict[str, str],
        _TextValidation(limit),
        WithJsonSchema(
            {
                "anyOf": [
                    string,
                    {
                        "type": "object",
                        "propertyNames": {"enum": list(LANGUAGES)},
                        "additionalProperties": string,
                        "minProperties": 1,
                    },
                ],
                "description": "Text, or a mapping of language code (en, nl) to text",
            }
        ),
    ]


Text = _text_type(MAX_TEXT)
Title = _text_type(MAX_TITLE)  # titles and option labels
ShortString = Annotated[str, StringConstraints(max_length=MAX_TITLE)]


def localize(text: str | dict[str, str] | None, lang: str, fallback: str = "en") -> str:
    """Pick the text in `lang`, else in `fallback`, else whatever the author wrote."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get(fallback) or next(iter(text.values()))


def _duration_text(seconds: float) -> str:
    """Durations serialise as text (`5400s`) so a dumped scenario loads again."""
    if seconds.is_integer():  # most are; the general case below is three times slower
        return f"{int(seconds)}s"
    return f"{seconds:.3f}".rstrip("0").rstrip(".") + "s"


Duration = Annotated[
    float,
    BeforeValidator(parse_duration),
    PlainSerializer(_duration_text, when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "minLength": 1}, {"const": 0}],
            "description": f"Scenario time: {DURATION_HELP}",
            "examples": ["90s", "12m", "1h30m", "D+1 H+2 M+30", "T+01:30:00"],
        }
    ),
]


def _as_tuple(value: object) -> object:
    """Let a single value stand for a list of one: `pillars: vital-processes`."""
    if type(value) in _SINGLE:
        return [value]
    return value


_SINGLE = frozenset({str, int, float})


def _unique(items: tuple[Any, ...]) -> tuple[Any, ...]:
    """Refuse a list that names the same thing twice (`to: [nctv, nctv]`); the error carries
    the index of the repeat so the loader can point at it."""
    if len(set(items)) == len(items):
        return items  # the common case, at C speed: a scenario has tens of thousands of lists
    first: dict[Any, int] = {}
    for index, item in enumerate(items):
        if item in first:
            raise PydanticCustomError(
                "duplicate_item",
                "{item} is given twice in this list (first as item {first})",
                {"item": repr(str(item)), "first": first[item] + 1, "index": index},
            )
        first[item] = index
    return items


def unique_list(item: Any, limit: int) -> Any:
    """A tuple field of at most `limit` distinct items, that also takes a single value."""
    return Annotated[
        tuple[item, ...],
        Field(max_length=limit),  # before the BeforeValidator, or the schema says maxLength
        BeforeValidator(_as_tuple),
        AfterValidator(_unique),
        OneOrMany(),
    ]


class OneOrMany:
    """Annotated marker: the JSON Schema of a list field also admits a single item, and
    says that the list names each item once."""

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        array = handler(schema)
        return {"anyOf": [array["items"], {**array, "uniqueItems": True}]}


class Condition:
    """A parsed `when` condition; keeps its source text for messages and the MSEL."""

    __slots__ = ("text", "tree")

    def __init__(self, text: str) -> None:
        self.text = text
        self.tree: Node = parse_condition(text)

    def leaves(self) -> Iterator[Test | Compare]:
        return walk(self.tree)

    def __repr__(self) -> str:
        return f"Condition({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Condition) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    @classmethod
    def _validate(cls, value: object) -> Condition:
        if isinstance(value, Condition):
            return value
        if not isinstance(value, str):
            raise ValueError(
                phrase(
                    "a condition is text, such as: {example}",
                    example="delivered(x) and not decided(x)",
                )
            )
        try:
            return cls(value)
        except ConditionSyntaxError as err:
            raise ValueError(
                phrase(
                    "condition {condition}: {problem}", condition=repr(value), problem=err.args[0]
                )
            ) from None

    @classmethod
    def __get_pydantic_core_schema__(
        cls, _source: Any, _handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda c: c.text),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, _schema: core_schema.CoreSchema, _handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {
            "type": "string",
            "description": "delivered(x), decided(x), missed(x), chosen(x, option), phase(p), "
            "measure(m), indicator(i) < 40; combined with and, or, not, parentheses",
        }
