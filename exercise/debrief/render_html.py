"""The report as one self-contained, printable HTML file.

Inline CSS and inline SVG only: nothing is fetched from a network, and a Content Security
Policy in the file forbids it (and any script) should a browser be asked to. Every text
from the scenario, a player or an evaluator passes through `esc()` (html.escape, control
and bidirectional characters shown by their code, as `safetext.clean` does). Printing
gives A4 pages with the handling marking on each page and a page break before every
pillar and annex. The report's own words (headings, headers,
labels, the page margins) are in its language (`words.Words`), and so is `<html lang>`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..language import N_
from ..model import CommsElement
from ..safetext import clean, html_escape
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
from .findings import finding_label
from .hotwash import NO_FEEDBACK, feedback_view
from .latency import latency_svg
from .media import item_reach, narrative_sentence, share
from .plan import note_text, state_text
from .report import (
    DecisionRow,
    ExpectedRow,
    InjectRow,
    NatoRow,
    Overview,
    PillarSection,
    RatingMark,
    Report,
)
from .swimlane import swimlane_svg
from .text import (
    DECISIONS_NOTE,
    DISRUPTIONS_NOTE,
    DRAFT_NOTE,
    ELEMENT_SHORT,
    HEADING,
    KIND_LABELS,
    MAX_TIMELINE_ROWS,
    NARRATIVE_COLUMNS,
    NO_RECOMMENDATIONS,
    NOT_EXERCISED,
    NOT_RATED,
    OBSERVATION_LABELS,
    PRODUCT_COLUMNS,
    RATING_COLOURS,
    REPORT_TITLE,
    SECTIONS,
    STATUS_COLOURS,
    STATUS_LABELS,
    clock,
    coordinated_text,
    counts_text,
    damage_text,
    element_label,
    for_display,
    in_force_text,
    number,
    pauses_text,
    pillar_label,
    pillar_number,
    pillar_titles,
    product_state,
    reference_text,
    shorten,
    span,
    timeline_more,
    unreadable_text,
)
from .words import Words

Add = Callable[[str], None]  # appends a piece of the page


def esc(value: object) -> str:
    """Text shown literally in HTML (control characters and escape sequences by code)."""
    return html_escape(value if type(value) is str else str(value))


CSS = """
:root { --ink:#1b1b1b; --muted:#5b6570; --navy:#154273; --sky:#007bc7; --rule:#cfd6dd;
  --band:#f3f6f9; }
* { box-sizing: border-box; }
html { background: #e9edf1; }
body { margin: 0; color: var(--ink); font: 10.5pt/1.5 "Segoe UI", "Helvetica Neue", Arial,
  "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 210mm; margin: 0 auto; background: #fff; padding: 14mm 18mm 18mm;
  box-shadow: 0 0 12px rgba(0,0,0,.12); }
.marking { text-align: center; font-weight: 700; letter-spacing: .08em; font-size: 9pt;
  color: #fff; background: var(--navy); padding: 3px 0; }
.marking.top { position: sticky; top: 0; z-index: 2; }
.watermark { display: none; }
h1, h2, h3, h4 { color: var(--navy); line-height: 1.25; }
h2 { font-size: 16pt; border-bottom: 2px solid var(--navy); padding-bottom: 3px;
  margin: 28px 0 12px; }
h3 { font-size: 13pt; margin: 22px 0 8px; }
h4 { font-size: 10.5pt; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
  margin: 18px 0 6px; }
p { margin: 6px 0 10px; }
.cover { border-left: 10px solid var(--navy); padding: 18mm 0 14mm 12mm; margin: 6mm 0 10mm;
  min-height: 150mm; display: flex; flex-direction: column; justify-content: space-between; }
.cover .kicker { text-transform: uppercase; letter-spacing: .14em; color: var(--sky);
  font-weight: 700; font-size: 10pt; margin: 0; }
.cover h1 { font-size: 28pt; margin: 8px 0 6px; }
.cover .subtitle { font-size: 13pt; color: var(--muted); margin: 0 0 10mm; }
.cover dl { display: grid; grid-template-columns: 48mm 1fr; gap: 4px 10px; margin: 0;
  font-size: 10.5pt; }
.cover dt { color: var(--muted); }
.cover dd { margin: 0; font-weight: 600; }
.findings { margin: 8mm 0 0; font-size: 10pt; }
.findings h2 { font-size: 13pt; margin: 0 0 4px; border: 0; }
.findings ol { margin: 0 0 8px; padding-left: 20px; }
.findings li { margin: 0 0 5px; }
.findings ul.evidence { margin: 2px 0 0; padding-left: 16px; color: var(--muted);
  font-size: 9pt; }
.tag { display: inline-block; padding: 0 6px; margin-right: 4px; font-size: 8pt;
  font-weight: 700; text-transform: uppercase; letter-spacing: .04em; color: #fff; }
.tag.strength { background: #39870c; }
.tag.improvement { background: #b3261e; }
.tag.computed { background: #fff; color: var(--muted); border: 1px solid var(--muted); }
.status { display: inline-block; margin-top: 10mm; padding: 6px 12px; font-weight: 700;
  letter-spacing: .06em; border: 2px solid; }
.status.draft { color: #b3261e; border-color: #b3261e; }
.status.final { color: #2e6b0a; border-color: #2e6b0a; }
nav.toc ul { list-style: none; padding-left: 0; columns: 2; }
nav.toc li { margin: 3px 0; }
nav.toc a { color: var(--navy); text-decoration: none; }
table { width: 100%; border-collapse: collapse; margin: 6px 0 14px; font-size: 9pt; }
th { text-align: left; background: var(--navy); color: #fff; font-weight: 600;
  padding: 5px 6px; vertical-align: bottom; }
td { padding: 4px 6px; border-bottom: 1px solid var(--rule); vertical-align: top;
  overflow-wrap: break-word; }
tbody tr:nth-child(even) td { background: var(--band); }
table.kv th { width: 48mm; background: var(--band); color: var(--ink); font-weight: 600;
  border-bottom: 1px solid var(--rule); }
td.num, th.num { text-align: right; white-space: nowrap; }
td.id { white-space: nowrap; }
td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
.none { color: var(--muted); font-style: italic; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; margin: 10px 0 16px; }
.figure { background: var(--band); border-top: 3px solid var(--navy); padding: 8px 10px; }
.figure b { display: block; font-size: 17pt; color: var(--navy); line-height: 1.1; }
.figure span { font-size: 8.5pt; color: var(--muted); }
.badge { display: inline-block; min-width: 22px; text-align: center; color: #fff;
  font-weight: 700; border-radius: 3px; padding: 1px 6px; }
.badge.computed { background: #fff !important; border: 1.5px dashed; }
.muted { color: var(--muted); }
.callout { border-left: 4px solid #b3261e; background: #fbeeed; padding: 8px 12px;
  margin: 10px 0; font-weight: 600; }
.callout.info { border-color: var(--sky); background: #eaf4fb; font-weight: 400; }
.pillar-head { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; }
.pillar-head .track { color: var(--muted); font-size: 9pt; text-transform: uppercase;
  letter-spacing: .06em; }
.obs { margin: 4px 0 10px; padding-left: 18px; }
.obs li { margin: 3px 0; }
.ref { font-weight: 700; color: var(--navy); }
.chart { display: block; max-width: 100%; margin: 4px 0 12px; }
.chart-title { font-weight: 600; margin: 8px 0 0; }
.status-dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%;
  margin-right: 5px; vertical-align: baseline; }
footer { margin-top: 20mm; border-top: 1px solid var(--rule); padding-top: 6px;
  font-size: 8.5pt; color: var(--muted); }
@media print {
  html, body { background: #fff; }
  main { box-shadow: none; max-width: none; margin: 0; padding: 6mm 0 0; }
  .marking { display: none; }
  .watermark { display: block; position: fixed; top: 45%; left: 0; right: 0;
    text-align: center; font-size: 110pt; font-weight: 800; color: rgba(179, 38, 30, .07);
    transform: rotate(-30deg); z-index: 0; pointer-events: none; }
  .cover { break-after: page; min-height: 230mm; }
  nav.toc { break-after: page; }
  section.pillar, section.annex, section.major { break-before: page; }
  section.pillar.first { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  tr, .figure, .chart, .callout { break-inside: avoid; }
  thead { display: table-header-group; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tbody tr:nth-child(even) td, .figure, .badge, .callout, .status-dot, table.kv th {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""


def _css_string(value: str) -> str:
    """A CSS string literal that shows `value` as text (and cannot end the style sheet)."""
    text = clean(value, single_line=True)
    return (
        '"'
        + "".join(ch if ch.isalnum() or ch in " /.,:;-_()+" else f"\\{ord(ch):x} " for ch in text)
        + '"'
    )


def _page_counter(w: Words) -> str:
    """The CSS content of the page number: "Page " counter(page) " of " counter(pages)."""
    return '"' + w("Page {page} of {pages}", page='" counter(page) "', pages='" counter(pages)')


def _page_css(report: Report, w: Words) -> str:
    """Print pages: A4, the handling marking above and below every page, page numbers."""
    marking = _css_string(report.overview.classification)
    final = report.overview.status == "final"
    status = _css_string(w("FINAL") if final else w("DRAFT"))
    status_colour = "#2e6b0a" if final else "#b3261e"
    title = _css_string(report.overview.scenario_title)
    box = "font: 700 8pt Arial, sans-serif; color: #154273; letter-spacing: .08em;"
    return (
        "@page { size: A4; margin: 20mm 16mm 20mm 16mm;"
        f" @top-center {{ content: {marking}; {box} }}"
        f" @top-right {{ content: {status}; {box} color: {status_colour}; }}"
        f" @bottom-center {{ content: {marking}; {box} }}"
        f" @bottom-left {{ content: {title}; font: 8pt Arial, sans-serif; color: #5b6570; }}"
        f" @bottom-right {{ content: {_page_counter(w)};"
        " font: 8pt Arial, sans-serif; color: #5b6570; } }"
        " @page :first { @top-right { content: none; } }"
    )


# A report of a damaged journal says so at the top, and on every printed page twice: in
# the page's top-left margin box, and in a strip down the left edge of every page (a
# position: fixed element, which Chromium repeats on each page; the content keeps clear
# of it). The strip is there for browsers that do not print @page margin boxes.
_DAMAGE_CSS = """
.damaged { background: #b3261e; color: #fff; padding: 8px 14px; font-size: 10pt; }
.damaged b { letter-spacing: .06em; }
.damaged-print { display: none; }
@media print {
  .damaged { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .damaged-print { display: block; position: fixed; top: 0; bottom: 0; left: 0; width: 7mm;
    writing-mode: vertical-rl; transform: rotate(180deg); text-align: center;
    font: 700 8pt Arial, sans-serif; letter-spacing: .08em; color: #b3261e;
    border-right: 1.5pt solid #b3261e; overflow: hidden; white-space: nowrap; z-index: 3; }
  body.damaged-journal main { padding-left: 10mm; }
}
"""


def _damage_parts(damage: str | None, w: Words) -> tuple[str, str]:
    """(CSS, the banner and print strip) of a damaged journal's report; empty when sound."""
    if damage is None:
        return "", ""
    marking = damage_text(shorten(damage, 120), w)
    box = "font: 700 8pt Arial, sans-serif; color: #b3261e; letter-spacing: .08em;"
    css = (
        _DAMAGE_CSS
        + f"@page {{ @top-left {{ content: {_css_string(w('DAMAGED JOURNAL'))}; {box} }} }}"
    )
    what = w(
        "This report was made from a damaged journal, on request: {damage}. What it "
        "says may not be what happened.",
        damage=damage,
    )
    html = (
        f'<div class="damaged" role="alert"><b>{esc(w("DAMAGED JOURNAL"))}</b> · {esc(what)}'
        f'</div><div class="damaged-print" aria-hidden="true">{esc(marking)}</div>'
    )
    return css, html


def _unreadable(o: Overview, w: Words) -> str:
    """The callout listing the events left out because they could not be read."""
    if not o.unreadable_events:
        return ""
    items = [
        esc(w("event {seq} ({kind}): {problem}", seq=x.seq, kind=x.kind, problem=x.problem))
        for x in o.unreadable
    ]
    if o.unreadable_events > len(o.unreadable):
        items.append(esc(w("and {n} more", n=o.unreadable_events - len(o.unreadable))))
    return (
        f'<div class="callout"><p>{esc(unreadable_text(o.unreadable_events, w))}</p>'
        + "<ul>"
        + "".join(f"<li>{item}</li>" for item in items)
        + "</ul></div>"
    )


def _badge(mark: RatingMark | None, w: Words) -> str:
    if mark is None:
        return f'<span class="muted">{esc(w(NOT_RATED))}</span>'
    colour = RATING_COLOURS.get(mark.rating, "#555")
    if mark.computed:
        computed = esc(w("computed suggestion"))
        return (
            f'<span class="badge computed" style="color:{colour};border-color:{colour}" '
            f'title="{computed}">{esc(mark.rating)}</span> '
            f'<span class="muted">{computed}</span>'
        )
    by = f" · {esc(mark.by)}" if mark.by else ""
    return (
        f'<span class="badge" style="background:{colour}">{esc(mark.rating)}</span> '
        f"{esc(mark.label)}{by}"
    )


def _plain_table(
    headers: list[str], rows: list[str], none: str, numeric: set[int] | None = None
) -> str:
    """A table; `headers` and `rows` (ready-made `<tr>` strings) are escaped already."""
    if not rows:
        return f'<p class="none">{none}</p>'
    numeric = numeric or set()
    head = "".join(
        f'<th class="num">{h}</th>' if n in numeric else f"<th>{h}</th>"
        for n, h in enumerate(headers)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _table(w: Words, headers: list[str], rows: list[str], numeric: set[int] | None = None) -> str:
    """A table whose headers are the report's own words (English keys, shown in `w`)."""
    return _plain_table([esc(w(h)) for h in headers], rows, esc(w("None.")), numeric)


def _none(w: Words) -> str:
    return f'<p class="none">{esc(w("None."))}</p>'


def _status(status: str, statuses: dict[str, str]) -> str:
    return (
        f'<span class="status-dot" style="background:{STATUS_COLOURS.get(status, "#999")}">'
        f"</span>{esc(statuses.get(status, status))}"
    )


def _figure(value: str, label: str) -> str:
    return f'<div class="figure"><b>{value}</b><span>{esc(label)}</span></div>'


def _element(value: str, w: Words) -> str:
    """An improvement item's capability element (POETE), capitalised; any other value as is."""
    text = value.capitalize()
    return w(text) if value in ELEMENTS else text


def _pillar_title(s: PillarSection, w: Words) -> tuple[str, str, str]:
    """The pillar's name in the report's language, its name in the other, that one's code."""
    return pillar_titles(s, w)


def render_html(report: Report) -> str:
    report = for_display(report)  # long texts cut (the JSON keeps them whole)
    o = report.overview
    w = Words(o.language)
    out: list[str] = []
    add = out.append
    title = f"{w(REPORT_TITLE)}: {o.scenario_title}"
    damage_css, damage_html = _damage_parts(o.damage, w)
    body = '<body class="damaged-journal">' if damage_html else "<body>"
    add(
        f'<!DOCTYPE html>\n<html lang="{w.lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{esc(title)}</title><style>{CSS}{_page_css(report, w)}{damage_css}</style>"
        f"</head>{body}"
    )
    marking = esc(o.classification)
    add(f'<div class="marking top">{marking}</div>')
    add(damage_html)
    if o.status != "final":
        add(f'<div class="watermark" aria-hidden="true">{esc(w("DRAFT"))}</div>')
    add("<main>")
    _cover(add, report, w)
    add(f'<nav class="toc"><h2>{esc(w("Contents"))}</h2><ul>')
    for anchor, heading in SECTIONS:
        add(f'<li><a href="#{anchor}">{esc(w(heading))}</a></li>')
    add("</ul></nav>")
    _overview(add, report, w)
    _summary(add, report, w)
    add(f'<section id="pillars" class="major"><h2>{esc(w(HEADING["pillars"]))}</h2>')
    add(
        '<p class="muted">'
        + esc(
            w(
                "One section per pillar of the cabinet letter. Injects, decisions and expected "
                "actions count for every pillar their inject is tagged with, measures and "
                "self-initiated decisions for the pillars they name."
            )
        )
        + "</p>"
    )
    writer = _PillarWriter(add, report, w)
    for n, section in enumerate(report.pillars):
        writer.write(section, first=n == 0)
    add("</section>")
    _nato(add, report, w)
    _communication(add, report, w)
    _escalation(add, report, w)
    _improvement_plan(add, report, w)
    _feedback(add, report, w)
    _timeline(add, report, w)
    _participants(add, report, w)
    _products(add, report, w)
    _media(add, report, w)
    footer = w(
        "Generated by exercise from journal {journal} ({events} events, last hash {hash}; "
        "check it with {verify}). Ratings are the evaluators' call; a rating the tool suggests "
        "is marked {computed}.",
        journal=esc(o.journal),
        events=o.events,
        hash=f"<code>{esc(o.last_hash[:16])}</code>",
        verify="<code>exercise verify</code>",
        computed=f"<i>{esc(w('computed suggestion'))}</i>",
    )
    add(f"<footer>{footer}</footer>")
    add("</main>")
    add(f'<div class="marking bottom">{marking}</div>')
    add("</body></html>\n")
    return "".join(out)


def _played(o: Overview, w: Words) -> str:
    return w("{played} of {planned}", played=span(o.played), planned=span(o.duration))


def _cover(add: Add, report: Report, w: Words) -> None:
    o = report.overview
    status = (
        f'<div class="status final">{esc(w("FINAL"))} · '
        f"{esc(w('validated by {by}', by=o.final_by))} · {esc(o.final_at)}</div>"
        if o.status == "final"
        else f'<div class="status draft">{esc(w(DRAFT_NOTE))}</div>'
    )
    subtitle = w("Tabletop exercise · resilience against military and hybrid threats")
    cover_note = (
        f'<p class="muted">{esc(unreadable_text(o.unreadable_events, w))}</p>'
        if o.unreadable_events
        else ""
    )
    add(
        '<section class="cover"><div>'
        f'<p class="kicker">{esc(w(REPORT_TITLE))}</p>'
        f"<h1>{esc(o.scenario_title)}</h1>"
        f'<p class="subtitle">{esc(subtitle)}</p>'
        "<dl>"
        f"<dt>{esc(w('Date of the session'))}</dt><dd>{esc(o.session_date)}</dd>"
        f"<dt>{esc(w('Scenario time played'))}</dt><dd>{esc(_played(o, w))}</dd>"
        f"<dt>{esc(w('Objectives'))}</dt><dd>{o.objectives}</dd>"
        f"<dt>{esc(w('Roles'))}</dt><dd>{len(o.roles)}</dd>"
        f"<dt>{esc(w('Handling'))}</dt><dd>{esc(o.classification)}</dd>"
        f"</dl>{_findings(report, w)}</div>"
        f"<div>{status}{cover_note}</div></section>"
    )


def _findings(report: Report, w: Words) -> str:
    """The main findings and the recommendations, on the first page."""
    s = report.summary
    if not s.findings and not s.recommendations:
        return ""
    kinds = {"strength": w("Strength"), "improvement": w("Area for improvement")}
    items = []
    for finding in s.findings:
        computed = (
            f'<span class="tag computed">{esc(w("computed"))}</span>' if finding.computed else ""
        )
        if finding.judged_by:  # accepted or edited: the evaluator's, and named
            computed = f'<span class="muted">({esc(finding_label(finding, w))})</span> '
        evidence = "".join(f"<li>{esc(item)}</li>" for item in finding.evidence)
        items.append(
            f'<li><span class="tag {finding.kind}">{esc(kinds[finding.kind])}</span>{computed}'
            f"{esc(finding.text)}"
            + (f'<ul class="evidence">{evidence}</ul>' if evidence else "")
            + "</li>"
        )
    recommendations = (
        "<ol>" + "".join(f"<li>{esc(item)}</li>" for item in s.recommendations) + "</ol>"
        if s.recommendations
        else f"<p>{esc(w(NO_RECOMMENDATIONS))}</p>"
    )
    return (
        f'<div class="findings"><h2>{esc(w("Main findings"))}</h2><ol>{"".join(items)}</ol>'
        f"<h2>{esc(w('Recommendations'))}</h2>{recommendations}</div>"
    )


def _overview(add: Add, report: Report, w: Words) -> None:
    o = report.overview
    journal = w(
        "{journal}, {events} events, last hash {hash}",
        journal=esc(o.journal),
        events=o.events,
        hash=f"<code>{esc(o.last_hash[:16])}</code>",
    )
    rows = [
        ("Exercise", esc(o.scenario_title)),
        ("Scenario id", f"<code>{esc(o.scenario_id)}</code>"),
        ("Date of the session", esc(o.session_date)),
        ("Scenario time played", esc(_played(o, w))),
        ("Calendar time of T+0", esc(o.scenario_start or w("not set"))),
        ("Session", esc(o.mode) + ("" if o.ended else esc(w(" (did not reach its end)")))),
        ("Handling", esc(o.classification)),
        ("Status", esc(w("FINAL") if o.status == "final" else w("DRAFT"))),
        ("Journal", journal),
    ]
    add(f'<section id="overview" class="major"><h2>{esc(w(HEADING["overview"]))}</h2>')
    add(
        '<table class="kv"><tbody>'
        + "".join(f"<tr><th>{esc(w(k))}</th><td>{v}</td></tr>" for k, v in rows)
        + "</tbody></table>"
    )
    add(_unreadable(o, w))
    # The Markdown's run-in headings "Scope." and "Threat.", as headings here.
    if o.description:
        add(f"<h4>{esc(w('Scope.').rstrip('.'))}</h4><p>{esc(o.description)}</p>")
    if o.threat:
        add(f"<h4>{esc(w('Threat.').rstrip('.'))}</h4><p>{esc(o.threat)}</p>")
    add(f"<h4>{esc(w('Objectives'))}</h4>")
    add(
        _table(
            w,
            ["Id", "Pillar", "Objective", N_("Capability target")],
            [
                f'<tr><td class="id">{esc(obj.id)}</td>'
                f"<td>{esc(pillar_label(obj.pillar, w))}</td>"
                f"<td>{esc(obj.text)}</td><td>{esc(obj.target) or '—'}</td></tr>"
                for section in report.pillars
                for obj in section.objectives
            ],
        )
    )
    add(f"<h4>{esc(w('Roles and participants'))}</h4>")
    add(
        _table(
            w,
            ["Role", "Title", "Kind", N_("Participants")],
            [
                f"<tr><td>{esc(r.id)}</td><td>{esc(r.title)}</td><td>{esc(r.kind_label)}</td>"
                f"<td>{esc(', '.join(r.people)) or '—'}</td></tr>"
                for r in o.roles
            ],
        )
    )
    add("</section>")


def _summary(add: Add, report: Report, w: Words) -> None:
    s, t = report.summary, report.summary.totals
    add(f'<section id="summary" class="major"><h2>{esc(w(HEADING["summary"]))}</h2>')
    c = report.communication
    yes, no = esc(w("yes")), esc(w("not exercised"))
    add('<div class="figures">')
    add(_figure(str(t.injects_delivered), w("injects delivered")))
    add(_figure(str(t.decisions_taken), w("decisions taken · {n} missed", n=t.decisions_missed)))
    add(_figure(span(t.latency_median), w("median decision latency")))
    add(_figure(span(c.lag), w("to the first action-perspective message")))
    add(_figure(str(t.expected.met), w("expected actions met")))
    add(_figure(str(t.expected.late), w("late")))
    add(_figure(str(t.expected.missed), w("missed")))
    add(_figure(str(t.contingencies), w("contingency injects released")))
    add("</div>")
    add("<ul>" + "".join(f"<li>{esc(p)}</li>" for p in s.points) + "</ul>")
    add(f'<p class="chart-title">{esc(w("Expected actions per pillar"))}</p>')
    add(expected_bars(s.pillars, w))
    add(
        _table(
            w,
            ["Pillar", "Exercised", "Expected actions", "Rating"],
            [
                f"<tr><td>{esc(g.title)}</td><td>{yes if g.exercised else no}"
                f"</td><td>{esc(counts_text(g.expected, w))}</td><td>"
                f"{_badge(g.rating, w) if g.rating else _badge(None, w)}"
                + (f"<br>{_badge(g.suggested, w)}" if g.suggested and not g.rating else "")
                + "</td></tr>"
                for g in s.pillars
            ],
        )
    )
    lanes = swimlane_svg(report, w)
    if lanes:
        add(f'<p class="chart-title">{esc(w("Who did what when"))}</p>')
        add(lanes)
    latencies = latency_svg(report, w)
    if latencies:
        add(f'<p class="chart-title">{esc(w("Decision latency against deadlines"))}</p>')
        add(latencies)
    add("</section>")


_Row = TypeVar("_Row")


def _once(rows: dict[int, str], item: _Row, render: Callable[[_Row], str]) -> str:
    """The row of an item, made once: an inject with several pillars is in several tables."""
    key = id(item)
    text = rows.get(key)
    if text is None:
        text = rows[key] = render(item)
    return text


def _inject_row(i: InjectRow) -> str:
    return (
        f'<tr><td class="time">{clock(i.t)}</td><td>{esc(i.id)}</td>'
        f"<td>{esc(i.title)}</td><td>{esc(', '.join(i.to))}</td>"
        f'<td class="num">{number(i.severity)}</td></tr>'
    )


def _decision_row(d: DecisionRow, kinds: dict[str, str]) -> str:
    return (
        f'<tr><td class="time">{clock(d.t)}</td><td>{kinds[d.kind]}</td>'
        f"<td>{esc(d.role)}</td><td>{esc(d.inject) or '—'}</td><td>{esc(d.text)}</td>"
        f'<td>{esc(d.rationale) or "—"}</td><td class="num">{span(d.latency)}</td></tr>'
    )


def _expected_row(x: ExpectedRow, statuses: dict[str, str]) -> str:
    reason = f'<br><span class="muted">{esc(x.reason)}</span>' if x.reason else ""
    return (
        f"<tr><td>{esc(x.inject)}</td><td>{esc(x.role)}</td><td>{esc(x.what)}</td>"
        f'<td>{esc(x.objective) or "—"}</td><td class="time">{clock(x.due)}</td>'
        f'<td>{_status(x.status, statuses)}{reason}</td><td class="num">{span(x.delay)}</td></tr>'
    )


class _PillarWriter:
    """Writes the pillar sections; a row shared by several pillars is rendered once."""

    def __init__(self, add: Add, report: Report, w: Words) -> None:
        self.add, self.report, self.w = add, report, w
        self.rows: dict[int, str] = {}
        kinds = {kind: esc(w(label)) for kind, label in KIND_LABELS.items()}
        statuses = {status: w(label) for status, label in STATUS_LABELS.items()}
        self.decision_row = lambda d: _decision_row(d, kinds)
        self.expected_row = lambda x: _expected_row(x, statuses)
        self.observations = [(kind, esc(w(label))) for kind, label in OBSERVATION_LABELS.items()]

    def write(self, s: PillarSection, first: bool = False) -> None:
        add, w, rows, report = self.add, self.w, self.rows, self.report
        number_ = pillar_number(s.pillar)
        classes = "pillar first" if first else "pillar"
        title, other, other_lang = _pillar_title(s, w)
        add(f'<section class="{classes}" id="pillar-{esc(s.pillar)}">')
        add(
            f'<div class="pillar-head"><h3>{number_} {esc(title)}</h3>'
            f'<span class="track">{esc(s.track)}</span></div>'
            f'<p class="muted"><i lang="{other_lang}">{esc(other)}</i></p>'
        )
        if not s.exercised:
            add(f'<div class="callout">{esc(w(NOT_EXERCISED))}</div>')
        m = s.metrics
        add('<div class="figures">')
        add(_figure(str(m.injects), w("injects delivered")))
        add(
            _figure(str(m.decisions_taken), w("decisions taken · {n} missed", n=m.decisions_missed))
        )
        add(
            _figure(
                span(m.latency_median),
                w("median latency · longest {longest}", longest=span(m.latency_max)),
            )
        )
        add(
            _figure(f"{s.expected_counts.met}/{s.expected_counts.total}", w("expected actions met"))
        )
        add("</div>")

        add(f"<h4>{esc(w('Objectives'))}</h4>")
        add(
            _table(
                w,
                ["Id", "Objective", N_("Capability target"), "Expected actions", "Rating"],
                [
                    f'<tr><td class="id">{esc(o.id)}</td><td>{esc(o.text)}</td>'
                    f"<td>{esc(o.target) or '—'}</td>"
                    f"<td>{esc(counts_text(o.expected, w))} {counts_bar(o.expected, w, 90)}</td>"
                    f"<td>{_badge(o.rating, w)}"
                    + (f"<br>{_badge(o.suggested, w)}" if o.suggested and not o.rating else "")
                    + "</td></tr>"
                    for o in s.objectives
                ],
            )
        )
        add(f"<h4>{esc(w('Injects delivered'))}</h4>")
        add(
            _table(
                w,
                ["Time", "Inject", "Title", "To", N_("Severity")],
                [_once(rows, i, _inject_row) for i in s.injects],
                {4},
            )
        )
        add(f"<h4>{esc(w('Decisions'))}</h4>")
        add(
            _table(
                w,
                ["Time", "Kind", "Role", "Inject", "Option or text", "Rationale", "Latency"],
                [_once(rows, d, self.decision_row) for d in s.decisions],
                {6},
            )
        )
        add(f"<h4>{esc(w('Expected actions'))}</h4>")
        add(
            _table(
                w,
                ["Inject", "Role", "Expected", "Objective", "Due", "Outcome", N_("After delivery")],
                [_once(rows, x, self.expected_row) for x in s.expected],
                {6},
            )
        )
        add(f"<h4>{esc(w('Contingency injects released'))}</h4>")
        add(
            _table(
                w,
                ["Time", "Inject", "Title", N_("Cause")],
                [
                    f'<tr><td class="time">{clock(i.t)}</td><td>{esc(i.id)}</td>'
                    f"<td>{esc(i.title)}</td><td>{esc(w.known(i.cause))}</td></tr>"
                    for i in s.contingencies
                ],
            )
        )
        add(f"<h4>{esc(w('Indicators'))}</h4>")
        if not s.indicators:
            add(_none(w))
        for series in s.indicators:
            unit = f" ({esc(series.unit)})" if series.unit else ""
            line = w(
                "{indicator}: start {start}, lowest {lowest}, end {end}",
                indicator=f"{esc(series.title)}{unit}",
                start=w.number(series.start, 6),
                lowest=w.number(series.lowest, 6),
                end=w.number(series.end, 6),
            )
            add(f'<p class="chart-title">{line}</p>')
            add(indicator_chart(series, report.overview.played, report.escalation.phases, w))
            if series.moves:
                moved = esc(w("Moved by (the numbers on the chart)"))
                items = "".join(f"<li>{esc(line)}</li>" for line in moves_listed(series, w))
                add(f'<p class="muted">{moved}</p><ul class="moves">{items}</ul>')
        add(f"<h4>{esc(w('Observations'))}</h4>")
        if not s.observations:
            add(_none(w))
        for kind, label in self.observations:
            found = [x for x in s.observations if x.kind == kind]
            if found:
                add(f'<p><b>{label}</b></p><ul class="obs">')
                for x in found:
                    objective = f" [{esc(x.objective)}]" if x.objective else ""
                    cause = (
                        # the Markdown's key, which runs on after the text
                        '<br><span class="muted">'
                        + esc(w(" Root cause: {cause}", cause=x.root_cause).lstrip())
                        + "</span>"
                        if x.root_cause
                        else ""
                    )
                    seat = esc(w(", seat {seat}", seat=x.seat)) if x.seat else ""
                    add(
                        f'<li><span class="ref">{esc(x.ref)}</span>{objective} '
                        f'<span class="muted">{clock(x.t)}{seat}</span> {esc(x.text)}{cause}</li>'
                    )
                add("</ul>")
        add(f"<h4>{esc(w('Rating'))}</h4>")
        note = f"<br>{esc(s.rating.note)}" if s.rating and s.rating.note else ""
        add(f"<p>{esc(w('Evaluator'))}: {_badge(s.rating, w)}{note}</p>")
        if s.suggested is not None:
            add(
                f'<p>{_badge(s.suggested, w)} <span class="muted">{esc(s.suggested.basis)}'
                "</span></p>"
            )
        else:
            text = w("No computed suggestion: no expected action was settled.")
            add(f'<p class="muted">{esc(text)}</p>')
        add("</section>")


def _nato(add: Add, report: Report, w: Words) -> None:
    add(f'<section id="nato" class="major"><h2>{esc(w(HEADING["nato"]))}</h2>')
    exercised = {True: esc(w("yes")), False: esc(w("not exercised"))}
    add(
        _table(
            w,
            [
                "Requirement",
                N_("Pillars it mostly serves"),
                "Exercised",
                "Injects",
                "Decisions",
                "Measures",
                "Expected actions",
                N_("Indicators (start → end)"),
            ],
            [_nato_row(n, w, exercised) for n in report.nato],
            {3, 4, 5},
        )
    )
    add("</section>")


def _nato_row(n: NatoRow, w: Words, exercised: dict[bool, str]) -> str:
    pillars = ", ".join(pillar_label(p, w) for p in n.pillars)
    indicators = w.moves(n.indicators)
    return (
        f"<tr><td>{esc(n.label)}</td><td>{esc(pillars)}</td>"
        f"<td>{exercised[bool(n.exercised)]}</td>"
        f'<td class="num">{n.injects}</td><td class="num">{n.decisions}</td>'
        f'<td class="num">{n.measures}</td><td>{esc(counts_text(n.expected, w))}</td>'
        f"<td>{esc(indicators) or '—'}</td></tr>"
    )


def _communication(add: Add, report: Report, w: Words) -> None:
    c = report.communication
    add(f'<section id="communication" class="major"><h2>{esc(w(HEADING["communication"]))}</h2>')
    start = reference_text(c, w, esc)
    if c.first_action_perspective is not None:
        first = c.first_action_perspective
        lead = w("Time to the first message with an action perspective: {lag}", lag=span(c.lag))
        rest = w(
            "from {start}; at {time} by {role}: {text}",
            start=start,
            time=clock(first.t),
            role=esc(first.role),
            text=esc(first.text),
        )
        add(f'<div class="callout info"><b>{esc(lead)}</b> {rest}</div>')
    else:
        lead = w("No message with an action perspective")
        rest = w("(no product answering {start} carried one).", start=start)
        add(f'<div class="callout"><b>{esc(lead)}</b> {rest}</div>')
    add(f"<h4>{esc(w('Communication per disruption'))}</h4>")
    add(f'<p class="muted">{esc(w(DISRUPTIONS_NOTE))}</p>')
    add(
        _table(
            w,
            [
                "Inject",
                N_("Delivered"),
                N_("First product"),
                N_("Lag"),
                *[ELEMENT_SHORT[e.value] for e in CommsElement],
                N_("Approved"),
            ],
            [
                f"<tr><td>{esc(d.inject)}</td>"
                f'<td class="time">{clock(d.t)}</td><td>{esc(d.first_product) or "—"}</td>'
                f'<td class="num">{span(d.lag)}</td>'
                + "".join(f"<td>{esc(', '.join(x.roles)) or '—'}</td>" for x in d.elements)
                + f'<td class="num">{esc(coordinated_text(d, w))}</td></tr>'
                for d in c.disruptions
            ],
            {3, 7},
        )
    )
    add(f"<h4>{esc(w('Decisions with a communication side'))}</h4>")
    add(f'<p class="muted">{esc(w(DECISIONS_NOTE))}</p>')
    add(
        _table(
            w,
            [N_("Element of the communication approach"), "Decisions", N_("First")],
            [
                f'<tr><td>{esc(e.label)}</td><td class="num">{e.count}</td>'
                f'<td class="time">{clock(e.first)}</td></tr>'
                for e in c.elements
            ],
            {1},
        )
    )
    items = sorted(((e.element, i) for e in c.elements for i in e.items), key=lambda x: x[1].t)
    elements = {e.element: esc(element_label(e.element, w)) for e in c.elements}
    add(
        _table(
            w,
            ["Time", "Element", "Role", "What"],
            [
                f'<tr><td class="time">{clock(i.t)}</td><td>{elements[el]}'
                f"</td><td>{esc(i.role)}</td><td>{esc(i.text)}</td></tr>"
                for el, i in items
            ],
        )
    )
    add("</section>")


def _products(add: Add, report: Report, w: Words) -> None:
    add(f'<section id="products" class="annex"><h2>{esc(w(HEADING["products"]))}</h2>')
    add(
        _table(
            w,
            list(PRODUCT_COLUMNS),
            [
                f"<tr><td>{esc(r.id)}</td><td>{esc(r.role)}</td><td>{esc(r.kind_label)}</td>"
                f"<td>{esc(r.audience)}</td><td>{esc(r.channel) or '—'}</td>"
                f"<td>{esc(', '.join(w(ELEMENT_SHORT.get(e, e)) for e in r.elements)) or '—'}</td>"
                f"<td>{esc(', '.join(r.answers)) or '—'}</td>"
                f"<td>{esc(product_state(r, w))}</td><td>{esc(r.text)}</td></tr>"
                for r in report.communication.products
            ],
        )
    )
    add("</section>")


def _escalation(add: Add, report: Report, w: Words) -> None:
    e = report.escalation
    add(f'<section id="escalation" class="major"><h2>{esc(w(HEADING["escalation"]))}</h2>')
    deliveries = [row.t for row in report.timeline if row.kind == "inject-delivered"]
    add(
        escalation_strip(
            e.phases,
            deliveries,
            [(m.t, m.measure) for m in e.measures],
            report.overview.played,
            w,
        )
    )
    add(
        _table(
            w,
            ["Time", "Phase", "Level", N_("Cause"), "Recognition lag", "First fitting action"],
            [
                f'<tr><td class="time">{clock(p.t)}</td><td>{esc(p.title)}</td>'
                f"<td>{esc(p.level)}</td><td>{esc(w.known(p.cause))}</td>"
                f"<td>{span(p.lag) if p.lag is not None else esc(p.note)}</td>"
                f"<td>{esc(f'{p.action.text} ({p.action.role})') if p.action else '—'}</td></tr>"
                for p in e.phases
            ],
        )
    )
    add(f"<h4>{esc(w('Measures taken'))}</h4>")
    add(
        _table(
            w,
            [
                "Time",
                "Measure",
                "Role",
                N_("From level"),
                N_("Available since"),
                N_("Delay"),
                N_("In force"),
            ],
            [
                f'<tr><td class="time">{clock(m.t)}</td><td>{esc(m.title)}</td>'
                f"<td>{esc(m.role)}</td><td>{esc(m.from_level)}</td>"
                f'<td class="time">{clock(m.available)}</td><td class="num">{span(m.delay)}</td>'
                f"<td>{esc(in_force_text(m, w))}</td></tr>"
                for m in e.measures
            ],
            {5},
        )
    )
    add("</section>")


def _improvement_plan(add: Add, report: Report, w: Words) -> None:
    heading = esc(w(HEADING["improvement-plan"]))
    add(f'<section id="improvement-plan" class="annex"><h2>{heading}</h2>')
    add(
        _table(
            w,
            [
                "Ref",
                N_("Pillar / capability"),
                "Issue",
                "Corrective action",
                "Capability element",
                "Responsible organisation",
                "Point of contact",
                N_("Start"),
                "Due",
                "Status",
            ],
            [
                f'<tr><td class="ref">{esc(r.ref)}</td>'
                f"<td>{esc(pillar_label(r.pillar, w))}"
                + (f'<br><span class="muted">{esc(r.capability)}</span>' if r.capability else "")
                + f"</td><td>{esc(r.issue)}</td><td>{esc(r.action)}</td>"
                f"<td>{esc(_element(r.element, w))}</td><td>{esc(r.organisation)}</td>"
                f'<td>{esc(r.contact) or "—"}</td><td class="time">{esc(r.start) or "—"}</td>'
                f'<td class="time">{esc(r.due) or "—"}</td><td>{esc(state_text(r, w))}'
                + "".join(f'<br><span class="muted">{esc(note_text(n, w))}</span>' for n in r.notes)
                + "</td></tr>"
                for r in report.improvement_plan
            ],
        )
    )
    add("</section>")


def _feedback(add: Add, report: Report, w: Words) -> None:
    add(f'<section id="feedback" class="annex"><h2>{esc(w(HEADING["feedback"]))}</h2>')
    view = feedback_view(report.feedback, w)
    if view is None:
        add(f'<p class="none">{esc(w(NO_FEEDBACK))}</p>')
    else:
        add(f"<p>{esc(view.headline)}</p>")
        for part in (view.scales, view.pillars, view.answers):
            if part.rows:
                rows = [
                    "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>"
                    for row in part.rows
                ]
                add(_table(w, part.headers, rows))
        if view.more:
            add(f'<p class="muted">{esc(view.more)}</p>')
    add("</section>")


def _timeline(add: Add, report: Report, w: Words) -> None:
    add(f'<section id="timeline" class="annex"><h2>{esc(w(HEADING["timeline"]))}</h2>')
    add(
        _table(
            w,
            ["Time", "Role", "Pillars", "Event"],
            [
                f'<tr><td class="time">{clock(t.t)}</td><td>{esc(t.role) or "—"}</td>'
                f"<td>{esc(', '.join(t.pillars)) or '—'}</td><td>{esc(t.text)}</td></tr>"
                for t in report.timeline[:MAX_TIMELINE_ROWS]
            ],
        )
    )
    if len(report.timeline) > MAX_TIMELINE_ROWS:
        more = timeline_more(len(report.timeline) - MAX_TIMELINE_ROWS, w)
        add(f'<p class="muted">{esc(more)}</p>')
    if report.overview.pauses_left_out:
        add(f'<p class="muted">{esc(pauses_text(report.overview.pauses_left_out, w))}</p>')
    add("</section>")


def _participants(add: Add, report: Report, w: Words) -> None:
    p = report.participants
    add(f'<section id="participants" class="annex"><h2>{esc(w(HEADING["participants"]))}</h2>')
    add(
        _table(
            w,
            [
                "Role",
                "Kind",
                "Decisions",
                "Deadlines missed",
                "Own initiative",
                "Measures",
                "Median latency",
            ],
            [
                f"<tr><td>{esc(r.title)}</td><td>{esc(r.kind_label)}</td>"
                f'<td class="num">{r.decisions}</td><td class="num">{r.missed}</td>'
                f'<td class="num">{r.self_decisions}</td><td class="num">{r.measures}</td>'
                f'<td class="num">{span(r.latency_median)}</td></tr>'
                for r in p.roles
            ],
            {2, 3, 4, 5, 6},
        )
    )
    add(f"<h4>{esc(w('People'))}</h4>")
    add(
        _table(
            w,
            ["Name", "Organisation", "Role"],
            [
                f"<tr><td>{esc(x.name)}</td><td>{esc(x.organisation) or '—'}</td>"
                f"<td>{esc(x.role_title or x.role)}</td></tr>"
                for x in p.people
            ],
        )
    )
    n = len(p.people)
    recorded = w("1 person recorded.") if n == 1 else w("{n} people recorded.", n=n)
    add(f'<p class="muted">{esc(recorded)}</p>')
    add("</section>")


def _media(add: Add, report: Report, w: Words) -> None:
    m = report.media
    add(f'<section id="media" class="annex"><h2>{esc(w(HEADING["media"]))}</h2>')
    add(f"<h4>{esc(w('Narratives'))}</h4>")
    started = [n for n in m.narratives if n.started is not None]
    if started:
        add(narrative_chart(started, report.overview.played, w))
    drawn = {id(narrative): n for n, narrative in enumerate(started)}
    rows = []
    for narrative in m.narratives:
        n = drawn.get(id(narrative))
        colour = "#ccc" if n is None or n >= MAX_CHART_NARRATIVES else narrative_colour(n)
        key = f'<span class="key" style="color:{colour}">■</span> '
        rows.append(
            f"<tr><td>{key}{esc(narrative.claim)}</td>"
            f'<td class="num">{clock(narrative.started)}</td>'
            f'<td class="num">{esc(share(narrative.peak, w))}</td>'
            f'<td class="num">{clock(narrative.peak_at)}</td>'
            f'<td class="num">{clock(narrative.answered)}</td>'
            f'<td class="num">{span(narrative.time_to_answer)}</td>'
            f"<td>{esc(narrative.answered_by) or '—'}</td>"
            f"<td>{esc(narrative.product) or '—'}</td>"
            f'<td class="num">{esc(share(narrative.end, w))}</td></tr>'
        )
    add(
        _table(
            w,
            list(NARRATIVE_COLUMNS),
            rows,
            {1, 2, 3, 4, 5, 8},
        )
    )
    for narrative in m.narratives:
        add(f'<p class="muted">{narrative_sentence(narrative, w, esc)}</p>')
    add(f"<h4>{esc(w('Media items'))}</h4>")
    add(
        _table(
            w,
            ["Time", N_("Medium"), N_("Outlet"), N_("Reach"), N_("Item")],
            [
                f'<tr><td class="num">{clock(i.t)}</td><td>{esc(i.kind_label)}</td>'
                f"<td>{esc(i.outlet)}</td><td>{esc(item_reach(i, w))}</td>"
                f"<td><b>{esc(i.title)}</b><br>{esc(i.text)}</td></tr>"
                for i in m.items
            ],
            {0},
        )
    )
    add("</section>")


def render_comparison_html(comparison: Comparison) -> str:
    """The comparison; its blocks come in its language already (the first report's)."""
    comparison = for_display(comparison)
    w = Words(comparison.language)
    damage_css, damage_html = _damage_parts(comparison.damage, w)
    body = '<body class="damaged-journal">' if damage_html else "<body>"
    title = w("Session comparison: {title}", title=comparison.scenario_title)
    marking = esc(comparison.classification)
    css_marking = _css_string(comparison.classification)
    box = "font: 700 8pt Arial, sans-serif; color: #154273; letter-spacing: .08em;"
    page = (
        f"@page {{ size: A4 landscape; margin: 18mm 14mm; @top-center {{ content: {css_marking};"
        f" {box} }} @bottom-center {{ content: {css_marking}; {box} }}"
        f" @bottom-right {{ content: {_page_counter(w)};"
        " font: 8pt Arial, sans-serif; color: #5b6570; } }"
    )
    out = [
        f'<!DOCTYPE html>\n<html lang="{w.lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{esc(title)}</title><style>{CSS}{page}{damage_css}</style></head>{body}"
        f'<div class="marking top">{marking}</div>{damage_html}<main>'
        f'<p class="kicker muted">{esc(w("session comparison").upper())}</p>'
        f"<h1>{esc(comparison.scenario_title)}</h1>"
    ]
    none = esc(w("None."))
    for note in comparison.notes:
        out.append(f'<div class="callout">{esc(note)}</div>')
    for block in blocks(comparison):
        tag = "h2" if block.level == 2 else "h3"
        out.append(f"<{tag}>{esc(block.heading)}</{tag}>")
        if block.text:
            out.append(f"<p>{esc(block.text)}</p>")
        if block.headers:
            out.append(
                _plain_table(
                    [esc(h) for h in block.headers],
                    [
                        "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>"
                        for row in block.rows
                    ],
                    none,
                )
            )
    out.append(f'</main><div class="marking bottom">{marking}</div></body></html>\n')
    return "".join(out)
