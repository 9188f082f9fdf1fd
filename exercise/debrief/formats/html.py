"""The report as one self-contained, printable HTML file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Format

if TYPE_CHECKING:
    from ..comparison import Comparison
    from ..report import Report


def report(item: Report) -> bytes:
    from ..render_html import render_html

    return render_html(item).encode("utf-8")


def comparison(item: Comparison) -> bytes:
    from ..render_html import render_comparison_html

    return render_comparison_html(item).encode("utf-8")


FORMAT = Format("html", ".html", report, comparison)
