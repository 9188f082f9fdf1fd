"""Field types shared by the scenario models: ids, bilingual text, durations, conditions."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import core_schema

from .condition import ConditionSyntaxError, Node, parse_condition, walk
from .doctrine import LANGUAGES
from .timing import DURATION_HELP, parse_duration

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]


def _text(value: object) -> str | dict[str, str]:
    """Text is a string, or a mapping of language code to string."""
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("text is empty")
        return value
    if isinstance(value, dict) and value:
        for lang, item in value.items():
            if lang not in LANGUAGES:
                raise ValueError(
                    f"{lang!r} is not a language of this tool (use {', '.join(LANGUAGES)})"
                )
            if not isinstance(item, str) or not item.strip():
                raise ValueError(f"the {lang} text must be a non-empty string")
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # a title such as 112 is text too
    raise ValueError("expected text, or a mapping of language to text such as {en: ..., nl: ...}")


class _TextValidation:
    """Validates with `_text`, and leaves serialisation to pydantic's own (Rust) inference:
    `PlainValidator` would add a Python call per text field to every dump."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, _source: Any, _handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(_text)


Text = Annotated[
    str | dict[str, str],
    _TextValidation,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "propertyNames": {"enum": list(LANGUAGES)},
                    "additionalProperties": {"type": "string", "minLength": 1},
                    "minProperties": 1,
                },
            ],
            "description": "Text, or a mapping of language code (en, nl) to text",
        }
    ),
]


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
    if isinstance(value, str | int | float):
        return [value]
    return value


class OneOrMany:
    """Annotated marker: the JSON Schema of a list field also admits a single item."""

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        array = handler(schema)
        return {"anyOf": [array["items"], array]}


class Condition:
    """A parsed `when` condition; keeps its source text for messages and the MSEL."""

    __slots__ = ("text", "tree")

    def __init__(self, text: str) -> None:
        self.text = text
        self.tree: Node = parse_condition(text)

    def leaves(self):
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
            raise ValueError("a condition is text, such as: delivered(x) and not decided(x)")
        try:
            return cls(value)
        except ConditionSyntaxError as err:
            raise ValueError(f"condition {value!r}: {err}") from None

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
