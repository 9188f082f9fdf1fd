"""The mapping file: which column of an MSEL sheet holds what, and what the sheet lacks.

A sheet with a header row needs none: the import recognises the usual column names in
English and Dutch (`words.HEADERS`). A mapping file names the columns of a sheet without a
header (the OpenBAS checklist), adds header names the import does not know, and gives what
an MSEL does not hold (the phase's threat level, the pillars, the recipients of rows that
name none). docs/msel.md describes it; `exercise schema --mapping` prints its JSON Schema.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..content.messages import explain_all
from ..content.problems import ContentError, Problem, format_path
from ..content.yamlsource import read_source
from ..language import phrase
from ..model.doctrine import Level, Method, Pillar
from ..model.types import MAX_ROLES, MAX_TITLE, Slug
from .workbook import MAX_COLUMNS, MAX_ROWS

FieldName = Literal[
    "number", "id", "time", "day", "when", "after", "released", "phase", "from", "to",
    "method", "title", "text", "media_kind", "outlet", "reach", "people", "story_time",
    "prompt", "decider", "options", "deadline", "expected", "objective", "pillars", "nato",
    "domains", "attribution", "severity", "source", "contingency", "notes", "ignore",
]  # fmt: skip
# a column letter (A to BH) or a header name as written in the sheet
ColumnRef = str


class Mapping(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal[1] = Field(description="Version of the mapping format")
    sheet: str | None = Field(None, max_length=31, description="Sheet to read (default: the first)")
    header_row: int | None = Field(
        None,
        ge=0,
        le=MAX_ROWS,
        description="Row number of the header; 0 when the sheet has none (default: found)",
    )
    first_row: int | None = Field(
        None, ge=1, le=MAX_ROWS, description="First row of injects (default: after the header)"
    )
    columns: dict[FieldName, ColumnRef | list[ColumnRef]] = Field(
        default_factory=dict,
        description="Field -> column letter or header name (a list joins several columns)",
    )
    headers: dict[str, FieldName] = Field(
        default_factory=dict, max_length=200, description="More header names -> field"
    )
    methods: dict[str, Method] = Field(
        default_factory=dict,
        max_length=200,
        description="Text of a method cell -> method (e.g. 'Send an SMS': phone)",
    )
    start: str | None = Field(
        None, max_length=64, description="T+0 in the sheet's time notation (default: the earliest)"
    )
    id: Slug | None = Field(None, description="Scenario id (default: from the file name)")
    title: str | None = Field(None, max_length=MAX_TITLE, description="Scenario title")
    language: Literal["en", "nl"] | None = Field(None, description="Language of the sheet")
    level: Level | None = Field(None, description="Threat level of the scenario's one phase")
    pillars: list[Pillar] = Field(
        default_factory=list,
        max_length=len(Pillar),
        description="Pillars of every inject whose row names none",
    )
    to: list[str] = Field(
        default_factory=list,
        max_length=MAX_ROLES,
        description="Players (as named in the sheet) of every row that names none",
    )
    duration: str | None = Field(None, max_length=64, description="Length of the scenario")


def mapping_schema() -> dict[str, Any]:
    schema = Mapping.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "exercise MSEL mapping",
    }


def load_mapping(path: Path) -> Mapping:
    """Read a mapping file like a scenario (safe YAML, positions); ContentError if wrong."""
    source = read_source(path)
    try:
        mapping = Mapping.model_validate(source.data)
    except ValidationError as err:
        problems = []
        for where, message, key in explain_all(err, source.data, Mapping):
            line, col = source.locate(where, key)
            problems.append(Problem(source.file, line, col, format_path(where), message))
        raise ContentError(problems) from None
    for name, ref in _refs(mapping):
        if not ref.strip():
            line, col = source.locate(("columns", name))
            raise ContentError(
                [
                    Problem(
                        source.file,
                        line,
                        col,
                        f"columns.{name}",
                        phrase("an empty column reference"),
                    )
                ]
            )
    return mapping


def _refs(mapping: Mapping) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name, refs in mapping.columns.items():
        for ref in refs if isinstance(refs, list) else [refs]:
            out.append((name, ref))
    return out


def column_index(ref: str) -> int | None:
    """1-based index of a column letter (A, BC), or None when `ref` is no letter."""
    letters = ref.strip()
    if not letters.isascii() or not letters.isalpha() or not letters.isupper() or len(letters) > 2:
        return None
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index if index <= MAX_COLUMNS else None
