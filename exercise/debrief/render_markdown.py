"""The report as Markdown (CommonMark with GitHub tables), readable as plain text too,
through Jinja2 templates (`templates/md/report.j2`, `comparison.j2`).

Every value a template writes is escaped by the environment with `templating.md()`:
control characters dropped, folded to one line, HTML-significant characters as entities
and Markdown punctuation backslash-escaped, so a rationale such as `<script>` or `**bold**`
shows as typed. The report's own words (`w(...)`, the phrases of the catalogue) are its
Markdown and written as they are, with their values escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from . import text as words_of
from .charts import moves_listed
from .comparison import Comparison, blocks
from .latency import latency_words
from .media import narrative_sentence
from .page_globals import page_words, shared
from .report import IndicatorSeries, Report
from .swimlane import swimlane_words
from .templating import MarkdownText, MarkdownWords, markdown_template, md, rows_once
from .text import bounded_time, for_display, fraction, reference_text
from .words import Words

_BLOCKS = " ▁▂▃▄▅▆▇█"
MAX_SPARK = 64  # characters in a sparkline at most: a table column, not a chart


def sparkline(series: IndicatorSeries, end: float, width: int = 32) -> str:
    """The indicator's value at `width` even steps from T+0 to `end`, as block characters
    (at most MAX_SPARK characters, and never a NaN whatever the indicator's bounds)."""
    width = max(1, min(width, MAX_SPARK))
    end = bounded_time(end)
    points = series.points
    top = len(_BLOCKS) - 1
    out, index, value = [], 0, points[0][1] if points else series.start
    for step in range(width):
        t = end * step / (width - 1) if width > 1 else end
        while index < len(points) and points[index][0] <= t:
            value = points[index][1]
            index += 1
        out.append(_BLOCKS[round(fraction(value, series.min, series.max) * top)])
    return "".join(out)


def thead(w: MarkdownWords) -> Callable[[list[str]], MarkdownText]:
    """`thead(headers)`: a table's head, the report's own words (English keys; an empty
    one stays empty), without its last newline."""

    def head(headers: list[str]) -> MarkdownText:
        names = " | ".join(w(h) if h else "" for h in headers)
        return MarkdownText(f"| {names} |\n|" + "---|" * len(headers))

    return head


def cells(w: MarkdownWords) -> Callable[..., MarkdownText]:
    """`cells(headers, rows, translate=true)`: a table of text cells, each escaped with
    `md`, ending with a newline; "None." in italics for no rows."""

    def table(headers: list[str], rows: list[list[str]], translate: bool = True) -> MarkdownText:
        if not rows:
            return MarkdownText(f"_{w('None.')}_\n")
        names = [w(h) for h in headers] if translate else [md(h) for h in headers]
        lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
        return MarkdownText("\n".join(lines) + "\n")

    return table


@cache
def _globals() -> dict[str, Any]:
    """What every page is given, besides the report and its words."""
    found = shared("rating_text")
    found.update(
        latency_words=latency_words,
        moves_listed=moves_listed,
        pillar_number=lambda slug: MarkdownText(words_of.pillar_number(slug)),  # "3.1"
        # block characters only, in backticks: written as they are (spaces kept)
        sparkline=lambda series, end: MarkdownText(sparkline(series, end)),
        swimlane_words=swimlane_words,
    )
    return found


def _rows() -> Callable[[list[Any], Any], MarkdownText]:
    # each line a macro's: its values escaped
    return rows_once(lambda lines: MarkdownText("\n".join(lines)))


def _context(words: Words) -> dict[str, Any]:
    w = MarkdownWords(words)
    return {
        "w": w,
        "words": words,
        **page_words(w),
        "rows": _rows(),
        "thead": thead(w),
        "cells": cells(w),
        **_globals(),
    }


def render_markdown(report: Report) -> str:
    report = for_display(report)  # long texts cut (the JSON keeps them whole)
    words = Words(report.overview.language)
    c = report.communication
    return markdown_template("md/report.j2").render(
        report=report,
        # these two escape the values they place with the `md` they are given
        start=MarkdownText(reference_text(c, words, md)),
        sentence=lambda n: MarkdownText(narrative_sentence(n, words, md)),
        element_items=words_of.by_time(c),
        objectives=words_of.every_objective(report),
        **_context(words),
    )


def render_comparison_markdown(comparison: Comparison) -> str:
    comparison = for_display(comparison)
    words = Words(comparison.language)
    return markdown_template("md/comparison.j2").render(
        comparison=comparison,
        blocks=blocks(comparison),
        hashes=lambda level: MarkdownText("#" * level),  # a heading's level
        **_context(words),
    )
