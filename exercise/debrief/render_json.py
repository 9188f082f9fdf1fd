"""The report as JSON: the `report.Report` dataclasses, field for field.

The schema is `docs/debrief-schema.json` (regenerate with `exercise debrief --schema`);
`docs/debrief-json-schema.md` explains it. JSON encoding escapes whatever needs it, so
text from the scenario or players is carried exactly as written.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from ..safetext import json_safe_bytes
from .report import Report, report_schema

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from .comparison import Comparison


@cache
def _adapter() -> TypeAdapter[Report]:
    from pydantic import TypeAdapter

    return TypeAdapter(Report)


def render_json_bytes(report: Report, indent: int | None = 2) -> bytes:
    """The report as UTF-8 JSON, ending in a newline."""
    return json_safe_bytes(_adapter().dump_json(report, indent=indent)) + b"\n"


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain JSON data (dicts, lists, text, numbers)."""
    data: dict[str, Any] = _adapter().dump_python(report, mode="json")
    return data


def schema_text() -> str:
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"


@cache
def _comparison_adapter() -> TypeAdapter[Comparison]:
    from pydantic import TypeAdapter

    from .comparison import Comparison

    return TypeAdapter(Comparison)


def render_comparison_json_bytes(comparison: Comparison) -> bytes:
    return json_safe_bytes(_comparison_adapter().dump_json(comparison, indent=2)) + b"\n"
