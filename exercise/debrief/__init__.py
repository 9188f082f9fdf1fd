"""The debrief: an After-Action Report / Improvement Plan per pillar, from a journal alone.

`build_report(journal)` reads the journal once and gives a `report.Report`; `render_bytes`
turns it into one of the formats of `formats` (console text, Markdown, HTML, JSON), `render`
gives the same as text. `comparison.compare` sets reports of one scenario side by side.
Evaluator input (ratings, observations, improvement items, the final mark) is journal events
too: see `evaluation`.

The names are loaded when first used, so that naming the formats (`formats`, the command
line's help) does not load the report's builder.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from . import formats

if TYPE_CHECKING:
    from .build import build_report
    from .comparison import Comparison, NotComparable, compare
    from .report import Report

_LAZY = {
    "build_report": "build",
    "Comparison": "comparison",
    "NotComparable": "comparison",
    "compare": "comparison",
    "Report": "report",
}


def render_bytes(report: Report, fmt: str) -> bytes:
    """The report in one format, as the bytes of its file (UTF-8)."""
    return formats.get(fmt).report(report)


def render(report: Report, fmt: str) -> str:
    """The report in one format, as text."""
    return render_bytes(report, fmt).decode("utf-8")


def render_comparison_bytes(comparison: Comparison, fmt: str) -> bytes:
    return formats.get(fmt).comparison(comparison)


def render_comparison(comparison: Comparison, fmt: str) -> str:
    return render_comparison_bytes(comparison, fmt).decode("utf-8")


def __getattr__(name: str) -> Any:
    # FORMATS and FILE_SUFFIXES are the registry's, as it stands when they are asked for
    if name == "FORMATS":
        return formats.names()
    if name == "FILE_SUFFIXES":
        return formats.file_suffixes()
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "FILE_SUFFIXES",
    "FORMATS",
    "Comparison",
    "NotComparable",
    "Report",
    "build_report",
    "compare",
    "formats",
    "render",
    "render_bytes",
    "render_comparison",
    "render_comparison_bytes",
]
