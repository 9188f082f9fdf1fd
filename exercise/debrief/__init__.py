"""The debrief: an After-Action Report / Improvement Plan per pillar, from a journal alone.

`build_report(journal)` reads the journal once and gives a `report.Report`; `render`
turns it into console text, Markdown, HTML or JSON. `compare.compare` sets reports of
one scenario side by side. Evaluator input (ratings, observations, improvement items,
the final mark) is journal events too: see `evaluation`.
"""

from __future__ import annotations

from .build import build_report
from .compare import Comparison, NotComparable, compare
from .report import Report

FORMATS = ("console", "md", "html", "json")
FILE_SUFFIXES = {"md": ".md", "html": ".html", "json": ".json"}


def render(report: Report, fmt: str) -> str:
    """The report in one format: console (plain text), md, html or json."""
    if fmt == "md":
        from .render_markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from .render_html import render_html

        return render_html(report)
    if fmt == "json":
        from .render_json import render_json

        return render_json(report)
    if fmt == "console":
        from .render_console import render_console

        return render_console(report)
    raise ValueError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")


def render_comparison(comparison: Comparison, fmt: str) -> str:
    if fmt == "md":
        from .render_markdown import render_comparison_markdown

        return render_comparison_markdown(comparison)
    if fmt == "html":
        from .render_html import render_comparison_html

        return render_comparison_html(comparison)
    if fmt == "json":
        from .render_json import render_comparison_json

        return render_comparison_json(comparison)
    if fmt == "console":
        from .render_console import render_comparison_console

        return render_comparison_console(comparison)
    raise ValueError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")


__all__ = [
    "FILE_SUFFIXES",
    "FORMATS",
    "Comparison",
    "NotComparable",
    "Report",
    "build_report",
    "compare",
    "render",
    "render_comparison",
]
