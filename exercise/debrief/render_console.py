"""The report on the terminal (rich): the same sections, with long tables cut short.

Text from the scenario, players and evaluators is wrapped in `safetext.literal`, so Rich
never reads markup in it and control characters (terminal escape sequences, bidirectional
overrides) are shown by their code, never interpreted. The report's own words
are in its language (`words.Words`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TypeVar

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..language import N_
from ..model import CommsElement
from ..safetext import literal
from .comparison import Comparison, blocks
from .evaluation import ELEMENTS
from .findings import finding_label
from .hotwash import NO_FEEDBACK, feedback_view
from .latency import latency_words
from .media import item_reach, narrative_sentence
from .plan import note_text, state_text
from .report import Counts, RatingMark, Report
from .swimlane import swimlane_words
from .text import (
    DRAFT_NOTE,
    ELEMENT_SHORT,
    HEADING,
    KIND_LABELS,
    NO_RECOMMENDATIONS,
    NOT_EXERCISED,
    NOT_RATED,
    OBSERVATION_LABELS,
    OBSERVATION_SINGULAR,
    REPORT_TITLE,
    clock,
    coordinated_text,
    damage_text,
    for_display,
    pillar_label,
    pillar_number,
    pillar_titles,
    product_state,
    reference_text,
    span,
    unreadable_text,
)
from .words import Words

ROWS = 12  # rows shown per table; the files have them all
RATING_STYLES = {"P": "bold green", "S": "bold yellow", "M": "bold dark_orange", "U": "bold red"}


def _rating(mark: RatingMark | None, w: Words) -> Text:
    if mark is None:
        return Text(w(NOT_RATED), style="dim")
    style = RATING_STYLES.get(mark.rating, "bold")
    if mark.computed:
        return Text.assemble((mark.rating, style), (f" {w('computed suggestion')}", "dim italic"))
    by = f" · {mark.by}" if mark.by else ""
    return Text.assemble((mark.rating, style), " ", literal(f"{mark.label}{by}"))


def _counts(c: Counts) -> Text:
    return Text.assemble(
        (str(c.met), "green"),
        " / ",
        (str(c.late), "yellow"),
        " / ",
        (str(c.missed), "red"),
        " / ",
        (str(c.pending), "dim"),
    )


def _table(*headers: str, title: str | None = None) -> Table:
    table = Table(
        *headers, title=title, title_justify="left", header_style="bold", expand=False, box=None
    )
    table.pad_edge = False
    return table


def _headed(w: Words, *headers: str) -> Table:
    """A table whose headers are the report's own words (English keys, shown in `w`)."""
    return _table(*(w(h) for h in headers))


_Item = TypeVar("_Item")


def _cut(
    table: Table,
    items: Sequence[_Item],
    row: Callable[[_Item], Sequence[RenderableType]],
    more: str,
    w: Words,
) -> RenderableType:
    """The first ROWS items as table rows (`row` makes one), and how many more there are
    (`more`: the English of that note, with {n})."""
    for item in items[:ROWS]:
        table.add_row(*row(item))
    if not items:
        return Text(f"  {w('none')}", style="dim italic")
    if len(items) > ROWS:
        return Group(table, Text(f"  {w(more, n=len(items) - ROWS)}", "dim"))
    return table


def _element(value: str, w: Words) -> str:
    """An improvement item's capability element (POETE), as recorded (lower case)."""
    return w(value.capitalize()).lower() if value in ELEMENTS else value


def _count(w: Words, n: int, one: str, many: str) -> str:
    """`one` or `many` (English keys with {n}) by the number."""
    return w(one if n == 1 else many, n=n)


def _notices(damage: str | None, unreadable: int, w: Words) -> list[RenderableType]:
    """A damaged journal and unreadable events, said before anything else."""
    out: list[RenderableType] = []
    if damage is not None:
        out.append(literal(damage_text(damage, w), style="bold white on red"))
        out.append(Text(w("What this report says may not be what happened."), style="bold red"))
    if unreadable:
        out.append(Text(unreadable_text(unreadable, w), style="bold yellow"))
    return out


def renderables(report: Report) -> list[RenderableType]:
    report = for_display(report)  # long texts cut (the JSON keeps them whole)
    o = report.overview
    w = Words(o.language)
    out: list[RenderableType] = _notices(o.damage, o.unreadable_events, w)
    status = (
        literal(f"{w('FINAL')} · {o.final_by} · {o.final_at}", style="bold green")
        if o.status == "final"
        else Text(w(DRAFT_NOTE), style="bold red")
    )
    head = Group(
        Text(w(REPORT_TITLE), style="bold"),
        literal(o.scenario_title, style="bold cyan"),
        Text.assemble(
            (f"{w('Date')} ", "dim"),
            literal(o.session_date),
            (f"  ·  {w('played')} ", "dim"),
            w("{played} of {planned}", played=span(o.played), planned=span(o.duration)),
            ("  ·  ", "dim"),
            literal(o.mode),
        ),
        status,
    )
    out.append(Rule(w(HEADING["overview"]), align="left"))
    out.append(
        Panel(
            head, title=literal(o.classification, style="bold"), subtitle=literal(o.classification)
        )
    )

    objective = f"{w('Objective')} "
    for section in report.pillars:
        for obj in section.objectives:
            out.append(
                Text.assemble(
                    (objective, "dim"),
                    literal(obj.id),
                    ": ",
                    literal(obj.text, single_line=True),
                )
            )
    out.append(Rule(w(HEADING["summary"]), align="left"))
    out.extend(_findings_console(report, w))
    for point in report.summary.points:
        out.append(Text.assemble("• ", literal(point)))
    yes, no = w("yes"), w("not exercised")
    glance = _headed(w, "Pillar", "Exercised", "Expected met/late/missed/pending", "Rating")
    for g in report.summary.pillars:
        glance.add_row(
            Text.assemble(f"{pillar_number(g.pillar)} ", literal(g.title)),
            Text(yes) if g.exercised else Text(no, style="yellow"),
            _counts(g.expected),
            _rating(g.rating, w)
            if g.rating
            else _rating(g.suggested, w)
            if g.suggested
            else _rating(None, w),
        )
    out.append(glance)
    lanes = swimlane_words(report, w)
    if lanes:
        out.append(Text(w("Who did what when"), style="bold"))
        out.extend(Text.assemble("• ", literal(line)) for line in lanes)
    latencies = latency_words(report, w)
    if latencies:
        out.append(Text(w("Decision latency against deadlines"), style="bold"))
        out.extend(Text.assemble("• ", literal(line)) for line in latencies)

    out.append(Rule(w(HEADING["pillars"]), align="left"))
    kinds = {kind: w(label) for kind, label in KIND_LABELS.items()}
    singular = {kind: w(label) for kind, label in OBSERVATION_SINGULAR.items()}
    rating, suggestion = f"  {w('Rating')}: ", f"  {w('Suggestion')}: "
    for s in report.pillars:
        title = pillar_titles(s, w)[0]
        out.append(Text.assemble((f"{pillar_number(s.pillar)} ", "bold"), literal(title, "bold")))
        if not s.exercised:
            out.append(Text(w(NOT_EXERCISED), style="yellow"))
        m = s.metrics
        line = w(
            "{injects} · {decisions} (median {median}) · {missed} missed · {measures} · "
            "{own} own initiative · {contingencies}",
            injects=w.plural(m.injects, "{n} inject", "{n} injects"),
            decisions=w.plural(m.decisions_taken, "{n} decision", "{n} decisions"),
            median=span(m.latency_median),
            missed=m.decisions_missed,
            measures=w.plural(m.measures, "{n} measure", "{n} measures"),
            own=m.self_decisions,
            contingencies=_count(w, m.contingencies, "{n} contingency", "{n} contingencies"),
        )
        out.append(Text(f"  {line}", style="dim"))
        decisions = _headed(w, "Time", "Kind", "Role", "Option or text", "Latency")
        out.append(
            _cut(
                decisions,
                s.decisions,
                lambda d: [
                    clock(d.t),
                    kinds[d.kind],
                    literal(d.role),
                    literal(d.text, single_line=True),
                    span(d.latency),
                ],
                "… {n} more decisions in the Markdown and HTML report",
                w,
            )
        )
        shown = [x for kind in OBSERVATION_LABELS for x in s.observations if x.kind == kind]
        for x in shown[:ROWS]:
            seat = w(", seat {seat}", seat=x.seat) if x.seat else ""
            out.append(
                Text.assemble(
                    f"  {singular[x.kind]}", literal(seat), ": ", literal(x.text, single_line=True)
                )
            )
        if len(shown) > ROWS:
            more = w("… {n} more observations in the Markdown and HTML report", n=len(shown) - ROWS)
            out.append(Text(f"  {more}", "dim"))
        for series in s.indicators:
            out.append(
                Text.assemble(
                    "  ",
                    literal(series.title),
                    ": ",
                    w(
                        "{start} → {end} (lowest {lowest})",
                        start=w.number(series.start, 6),
                        end=w.number(series.end, 6),
                        lowest=w.number(series.lowest, 6),
                    ),
                )
            )
        out.append(Text.assemble(rating, _rating(s.rating, w)))
        if s.suggested and not s.rating:
            out.append(
                Text.assemble(suggestion, _rating(s.suggested, w), f" ({s.suggested.basis})")
            )

    out.append(Rule(w(HEADING["nato"]), align="left"))
    nato = _headed(w, "Requirement", "Exercised", "Injects", "Decisions", "Measures", "Expected")
    for n in report.nato:
        nato.add_row(
            literal(n.label),
            yes if n.exercised else Text(no, style="yellow"),
            str(n.injects),
            str(n.decisions),
            str(n.measures),
            _counts(n.expected),
        )
    out.append(nato)

    c = report.communication
    out.append(Rule(w(HEADING["communication"]), align="left"))
    start = reference_text(c, w, str)  # the same words as the Markdown and HTML
    first = c.first_action_perspective
    if first is not None:
        lag = w("Time to the first message with an action perspective: {lag}", lag=span(c.lag))
        said = w(
            "from {start}; at {time} by {role}: {text}",
            start=start,
            time=clock(first.t),
            role=first.role,
            text=first.text,
        )
        out.append(literal(f"{lag} {said}"))
    else:
        none = w("Time to the first message with an action perspective: none")
        said = w("(no product answering {start} carried one).", start=start)
        out.append(literal(f"{none} {said}", style="red"))
    disruptions = _headed(
        w,
        "Inject",
        "Delivered",
        "First product",
        "Lag",
        *[ELEMENT_SHORT[e.value] for e in CommsElement],
        "Approved",
    )
    out.append(
        _cut(
            disruptions,
            c.disruptions,
            lambda d: [
                literal(d.inject),
                clock(d.t),
                literal(d.first_product) or "—",
                span(d.lag),
                *[literal(", ".join(x.roles)) or "—" for x in d.elements],
                coordinated_text(d, w),
            ],
            "… {n} more disruptions in the Markdown and HTML report",
            w,
        )
    )
    out.append(Text(w("Decisions with a communication side"), style="bold"))
    for e in c.elements:
        out.append(
            Text.assemble(
                f"  {e.count} × ",
                literal(e.label),
                f"  {w('first {time}', time=clock(e.first))}",
            )
        )

    out.append(Rule(w(HEADING["escalation"]), align="left"))
    phases = _headed(w, "Time", "Phase", "Level", "Recognition lag", "First fitting action")
    out.append(
        _cut(
            phases,
            report.escalation.phases,
            lambda p: [
                clock(p.t),
                literal(p.title),
                literal(p.level),
                span(p.lag) if p.lag is not None else literal(p.note),
                literal(p.action.text) if p.action else "—",
            ],
            "… {n} more phase changes in the Markdown and HTML report",
            w,
        )
    )

    out.append(Rule(w(HEADING["improvement-plan"]), align="left"))
    plan = _headed(
        w, "Ref", "Pillar", "Issue", "Corrective action", "Element", "Organisation", "Due", "Status"
    )
    out.append(
        _cut(
            plan,
            report.improvement_plan,
            lambda r: [
                literal(r.ref),
                literal(pillar_label(r.pillar, w)),
                literal(r.issue, single_line=True),
                literal(r.action, single_line=True),
                literal(_element(r.element, w)),
                literal(r.organisation),
                literal(r.due) or "—",
                literal(state_text(r, w)),
            ],
            "… {n} more items in the Markdown and HTML report",
            w,
        )
    )
    out.extend(
        Text.assemble(f"  {r.ref}: ", literal(note_text(n, w), single_line=True))
        for r in report.improvement_plan[:ROWS]
        for n in r.notes
    )

    out.append(Rule(w(HEADING["feedback"]), align="left"))
    out.extend(_feedback_console(report, w))

    out.append(Rule(w(HEADING["timeline"]), align="left"))
    timeline = _headed(w, "Time", "Role", "Event")
    out.append(
        _cut(
            timeline,
            report.timeline,
            lambda t: [clock(t.t), literal(t.role) or "—", literal(t.text, single_line=True)],
            "… {n} more events in the Markdown and HTML report",
            w,
        )
    )

    out.append(Rule(w(HEADING["participants"]), align="left"))
    roles = _headed(
        w,
        "Role",
        "Kind",
        "Decisions",
        "Missed",
        "Own initiative",
        "Measures",
        "Median latency",
        "People",
    )
    for r in report.participants.roles:
        roles.add_row(
            literal(r.title),
            literal(r.kind_label),
            str(r.decisions),
            str(r.missed),
            str(r.self_decisions),
            str(r.measures),
            span(r.latency_median),
            literal(", ".join(r.people)) or "—",
        )
    out.append(roles)

    out.append(Rule(w(HEADING["products"]), align="left"))
    products = _headed(w, "Product", "Time", "Role", "Kind", "Elements", "Status", "Text")
    out.append(
        _cut(
            products,
            c.products,
            lambda r: [
                literal(r.id),
                clock(r.t if r.t is not None else r.submitted),
                literal(r.role),
                literal(r.kind_label),
                literal(", ".join(w(ELEMENT_SHORT.get(e, e)) for e in r.elements)) or "—",
                literal(product_state(r, w), single_line=True),
                literal(r.text, single_line=True),
            ],
            "… {n} more products in the Markdown and HTML report",
            w,
        )
    )
    out.extend(_media(report, w))
    journal = w(
        "{journal}, {events} events, last hash {hash}",
        journal=o.journal,
        events=o.events,
        hash=o.last_hash[:16],
    )
    out.append(literal(f"{w('Journal')}: {journal}", style="dim"))
    return out


def _feedback_console(report: Report, w: Words) -> list[RenderableType]:
    view = feedback_view(report.feedback, w)
    if view is None:
        return [Text(f"  {w(NO_FEEDBACK)}", style="dim italic")]
    out: list[RenderableType] = [literal(view.headline)]
    for part in (view.scales, view.pillars, view.answers):
        if part.rows:
            table = _headed(w, *part.headers)
            for row in part.rows:
                table.add_row(*(literal(cell, single_line=True) for cell in row))
            out.append(table)
    if view.more:
        out.append(literal(view.more, style="dim"))
    return out


def _media(report: Report, w: Words) -> list[RenderableType]:
    """Annex D: each narrative's course in words, then the media items delivered."""
    m = report.media
    out: list[RenderableType] = [Rule(w(HEADING["media"]), align="left")]
    if not m.narratives and not m.items:
        out.append(Text(w("None.")))
        return out
    out.extend(literal("• " + narrative_sentence(n, w, str)) for n in m.narratives)
    items = _headed(w, "Time", N_("Medium"), N_("Outlet"), N_("Reach"), N_("Item"))
    for i in m.items:
        items.add_row(
            clock(i.t),
            literal(i.kind_label),
            literal(i.outlet),
            literal(item_reach(i, w)),
            literal(i.title, single_line=True),
        )
    if m.items:
        out.append(items)
    return out


def print_report(report: Report, console: Console) -> None:
    for item in renderables(report):
        console.print(item)


def _findings_console(report: Report, w: Words) -> list[Text]:
    """The main findings and the recommendations, first in the summary."""
    s = report.summary
    if not s.findings and not s.recommendations:
        return []
    kinds = {
        "strength": (w("Strength"), "green"),
        "improvement": (w("Area for improvement"), "red"),
    }
    out = [Text(w("Main findings"), style="bold")]
    for n, finding in enumerate(s.findings, 1):
        label, style = kinds[finding.kind]
        by = finding_label(finding, w)
        computed = literal(f" ({by})") if by else Text("")
        out.append(Text.assemble(f"{n}. ", (label, style), computed, ": ", literal(finding.text)))
        out.extend(Text.assemble("     - ", literal(item)) for item in finding.evidence)
    out.append(Text(w("Recommendations"), style="bold"))
    if s.recommendations:
        out.extend(
            Text.assemble(f"{n}. ", literal(item)) for n, item in enumerate(s.recommendations, 1)
        )
    else:
        out.append(Text(w(NO_RECOMMENDATIONS)))
    out.append(Text(w("The session in figures"), style="bold"))
    return out


def render_console(report: Report, width: int = 100) -> str:
    """The console version as plain text (for files and tests)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    print_report(report, console)
    return buffer.getvalue()


def print_comparison(comparison: Comparison, console: Console) -> None:
    """The comparison; its blocks come in its language already (the first report's)."""
    comparison = for_display(comparison)
    w = Words(comparison.language)
    for notice in _notices(comparison.damage, 0, w):
        console.print(notice)
    console.print(
        Panel(
            literal(comparison.scenario_title, style="bold cyan"),
            title=literal(comparison.classification, style="bold"),
            subtitle=w("session comparison"),
        )
    )
    for note in comparison.notes:
        console.print(literal(note, style="yellow"))
    for block in blocks(comparison):
        if block.level == 2:
            console.print(Rule(literal(block.heading), align="left"))
        else:
            console.print(literal(block.heading, style="bold"))
        if block.text:
            console.print(literal(block.text))
        if block.headers:
            table = _table(*block.headers)
            for row in block.rows:
                table.add_row(*[literal(cell, single_line=True) for cell in row])
            console.print(table)


def render_comparison_console(comparison: Comparison, width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    print_comparison(comparison, console)
    return buffer.getvalue()
