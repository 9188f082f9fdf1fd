"""The report as Markdown (GitHub tables, no HTML)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Format

if TYPE_CHECKING:
    from ..comparison import Comparison
    from ..report import Report


def report(item: Report) -> bytes:
    from ..render_markdown import render_markdown

    return render_markdown(item).encode("utf-8")


def comparison(item: Comparison) -> bytes:
    from ..render_markdown import render_comparison_markdown

    return render_comparison_markdown(item).encode("utf-8")


FORMAT = Format("md", ".md", report, comparison)
