"""The report as JSON (`docs/debrief-schema.json`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Format

if TYPE_CHECKING:
    from ..comparison import Comparison
    from ..report import Report


def report(item: Report) -> bytes:
    from ..render_json import render_json_bytes

    return render_json_bytes(item)


def comparison(item: Comparison) -> bytes:
    from ..render_json import render_comparison_json_bytes

    return render_comparison_json_bytes(item)


FORMAT = Format("json", ".json", report, comparison)
