"""The report as one self-contained, printable HTML file, through Jinja2 templates.

The pages are `templates/html/report.j2` and `comparison.j2` (pieces in `macros.j2`), the
style sheets `templates/report.css` and `damaged.css`, inlined: nothing is fetched from a
network, and a Content Security Policy in the file forbids it (and any script) should a
browser be asked to. Escaping is by construction (`templating`): every value a template
writes is escaped as HTML, control and bidirectional characters shown by their code; the
charts come as `Markup` built with escaping too. Printing gives A4 pages with the handling
marking on each page and a page break before every pillar and annex. The report's own
words (headings, headers, labels, the page margins) are in its language (`words.Words`),
and so is `<html lang>`.

What is here is what the templates are given: the report, its words, the functions that
say things in words (`text`), and the charts.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from markupsafe import Markup

from ..safetext import clean
from . import text as words_of
from .charts import (
    MAX_CHART_NARRATIVES,
    counts_bar,
    escalation_strip,
    expected_bars,
    indicator_chart,
    moves_listed,
    narrative_chart,
    narrative_colour,
)
from .comparison import Comparison, blocks
from .evaluation import ELEMENTS
from .latency import latency_svg
from .media import narrative_sentence
from .page_globals import page_words, shared
from .report import Report
from .swimlane import swimlane_svg
from .templating import HtmlWords, html, html_template, rows_once
from .words import Words

# The margin boxes' lettering on printed pages.
BOX = Markup("font: 700 8pt Arial, sans-serif; color: #154273; letter-spacing: .08em;")


def css_string(value: str, fold: bool = True) -> Markup:
    """A CSS string literal that shows `value` as text (and cannot end the style sheet):
    everything but letters, digits and a few marks is written as a CSS escape; with `fold`,
    whitespace runs become one space and none is left at either end."""
    shown = clean(value, single_line=fold)
    return Markup(
        '"'
        + "".join(ch if ch.isalnum() or ch in " /.,:;-_()+" else f"\\{ord(ch):x} " for ch in shown)
        + '"'
    )


def page_counter(w: Words) -> Markup:
    """The CSS content of the page number: "Page " counter(page) " of " counter(pages)."""
    pieces = w("Page {page} of {pages}", page="\0page\0", pages="\0pages\0").split("\0")
    return Markup(" ").join(
        Markup(f"counter({piece})") if n % 2 else css_string(piece, fold=False)
        for n, piece in enumerate(pieces)
        if n % 2 or piece
    )


def code(value: object) -> Markup:
    return Markup("<code>{}</code>").format(html(value))


def italic(value: object) -> Markup:
    return Markup("<i>{}</i>").format(html(value))


def element_text(value: str, w: Words) -> str:
    """An improvement item's capability element (POETE), capitalised; any other value as is."""
    capitalised = value.capitalize()
    return w(capitalised) if value in ELEMENTS else capitalised


def pillar_labels(pillars: list[str], w: Words) -> str:
    return ", ".join(words_of.pillar_label(p, w) for p in pillars)


@cache
def _globals() -> dict[str, Any]:
    """What every page is given, besides the report and its words."""
    found = shared(
        "NOT_RATED",
        "RATING_COLOURS",
        "STATUS_COLOURS",
        "clock",
        "damage_text",
        "number",
        "pillar_number",
        "reference_text",
        "shorten",
        "span",
    )
    found.update(
        BOX=BOX,
        code=code,
        css_string=css_string,
        element_text=element_text,
        html=html,
        italic=italic,
        moves_listed=moves_listed,
        narrative_sentence=narrative_sentence,
        pillar_labels=pillar_labels,
        counts_bar=counts_bar,
        expected_bars=expected_bars,
        indicator_chart=indicator_chart,
        latency_svg=latency_svg,
        narrative_chart=narrative_chart,
        swimlane_svg=swimlane_svg,
    )
    return found


def _words(w: Words) -> dict[str, Any]:
    return {
        "w": w,
        "m": HtmlWords(w),
        "page_counter": page_counter(w),
        **page_words(w),
        **_globals(),
    }


def _rows() -> Any:
    return rows_once(Markup("").join)


def render_html(report: Report) -> str:
    report = words_of.for_display(report)  # long texts cut (the JSON keeps them whole)
    o = report.overview
    w = Words(o.language)
    c = report.communication
    started = [n for n in report.media.narratives if n.started is not None]
    drawn = {id(narrative): n for n, narrative in enumerate(started)}
    narrative_rows = [
        ("#ccc" if n is None or n >= MAX_CHART_NARRATIVES else narrative_colour(n), narrative)
        for narrative in report.media.narratives
        for n in [drawn.get(id(narrative))]
    ]
    deliveries = [row.t for row in report.timeline if row.kind == "inject-delivered"]
    escalation = escalation_strip(
        report.escalation.phases,
        deliveries,
        [(m.t, m.measure) for m in report.escalation.measures],
        o.played,
        w,
    )
    return html_template("html/report.j2").render(
        report=report,
        objectives=words_of.every_objective(report),
        element_items=words_of.by_time(c),
        escalation=escalation,
        narratives_started=started,
        narrative_rows=narrative_rows,
        rows=_rows(),
        **_words(w),
    )


def render_comparison_html(comparison: Comparison) -> str:
    """The comparison; its blocks come in its language already (the first report's)."""
    comparison = words_of.for_display(comparison)
    w = Words(comparison.language)
    return html_template("html/comparison.j2").render(
        comparison=comparison, blocks=blocks(comparison), **_words(w)
    )
