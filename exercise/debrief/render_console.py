"""The report on the terminal (rich): the same sections, with long tables cut short.

Text from the scenario, players and evaluators is wrapped in `safetext.literal`, so Rich
never reads markup in it and terminal escape sequences are dropped.
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..safetext import literal
from .compare import Comparison, blocks
from .report import Counts, RatingMark, Report
from .text import (
    DRAFT_NOTE,
    HEADING,
    KIND_LABELS,
    NOT_EXERCISED,
    NOT_RATED,
    OBSERVATION_LABELS,
    OBSERVATION_SINGULAR,
    PILLAR_LABELS,
    REPORT_TITLE,
    clock,
    pillar_number,
    plural,
    span,
)

ROWS = 12  # rows shown per table; the files have them all
RATING_STYLES = {"P": "bold green", "S": "bold yellow", "M": "bold dark_orange", "U": "bold red"}


def _rating(mark: RatingMark | None) -> Text:
    if mark is None:
        return Text(NOT_RATED, style="dim")
    style = RATING_STYLES.get(mark.rating, "bold")
    if mark.computed:
        return Text.assemble((mark.rating, style), (" computed suggestion", "dim italic"))
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


def _cut(table: Table, items: list, row, more: str = "") -> RenderableType:
    """The first ROWS items as table rows (`row` makes one), and how many more there are."""
    for item in items[:ROWS]:
        table.add_row(*row(item))
    if not items:
        return Text("  none", style="dim italic")
    if len(items) > ROWS:
        note = Text(f"  … {len(items) - ROWS} more{more} in the Markdown and HTML report", "dim")
        return Group(table, note)
    return table


def renderables(report: Report) -> list[RenderableType]:
    o = report.overview
    out: list[RenderableType] = []
    status = (
        Text(f"FINAL · {o.final_by} · {o.final_at}", style="bold green")
        if o.status == "final"
        else Text(DRAFT_NOTE, style="bold red")
    )
    head = Group(
        Text(REPORT_TITLE, style="bold"),
        literal(o.scenario_title, style="bold cyan"),
        Text.assemble(
            ("Date ", "dim"),
            literal(o.session_date),
            ("  ·  played ", "dim"),
            f"{span(o.played)} of {span(o.duration)}",
            ("  ·  ", "dim"),
            literal(o.mode),
        ),
        status,
    )
    out.append(Rule(HEADING["overview"], align="left"))
    out.append(
        Panel(
            head, title=literal(o.classification, style="bold"), subtitle=literal(o.classification)
        )
    )

    for section in report.pillars:
        for obj in section.objectives:
            out.append(
                Text.assemble(
                    ("Objective ", "dim"),
                    literal(obj.id),
                    ": ",
                    literal(obj.text, single_line=True),
                )
            )
    out.append(Rule(HEADING["summary"], align="left"))
    for point in report.summary.points:
        out.append(Text.assemble("• ", literal(point)))
    glance = _table("Pillar", "Exercised", "Expected met/late/missed/pending", "Rating")
    for g in report.summary.pillars:
        glance.add_row(
            Text.assemble(f"{pillar_number(g.pillar)} ", literal(g.title)),
            Text("yes") if g.exercised else Text("not exercised", style="yellow"),
            _counts(g.expected),
            _rating(g.rating)
            if g.rating
            else _rating(g.suggested)
            if g.suggested
            else _rating(None),
        )
    out.append(glance)

    out.append(Rule(HEADING["pillars"], align="left"))
    for s in report.pillars:
        out.append(Text.assemble((f"{pillar_number(s.pillar)} ", "bold"), literal(s.title, "bold")))
        if not s.exercised:
            out.append(Text(NOT_EXERCISED, style="yellow"))
        m = s.metrics
        out.append(
            Text(
                f"  {plural(m.injects, 'inject')} · {plural(m.decisions_taken, 'decision')} "
                f"(median {span(m.latency_median)}) · {m.decisions_missed} missed · "
                f"{plural(m.measures, 'measure')} · {m.self_decisions} own initiative · "
                f"{plural(m.contingencies, 'contingency', 'contingencies')}",
                style="dim",
            )
        )
        decisions = _table("Time", "Kind", "Role", "Option or text", "Latency")
        out.append(
            _cut(
                decisions,
                s.decisions,
                lambda d: [
                    clock(d.t),
                    KIND_LABELS[d.kind],
                    literal(d.role),
                    literal(d.text, single_line=True),
                    span(d.latency),
                ],
                " decisions",
            )
        )
        for kind in OBSERVATION_LABELS:
            for x in (x for x in s.observations if x.kind == kind):
                out.append(
                    Text.assemble(
                        f"  {OBSERVATION_SINGULAR[kind]}: ",
                        literal(x.text, single_line=True),
                    )
                )
        for series in s.indicators:
            out.append(
                Text.assemble(
                    "  ",
                    literal(series.title),
                    f": {series.start:g} → {series.end:g} (lowest {series.lowest:g})",
                )
            )
        out.append(Text.assemble("  Rating: ", _rating(s.rating)))
        if s.suggested and not s.rating:
            out.append(
                Text.assemble("  Suggestion: ", _rating(s.suggested), f" ({s.suggested.basis})")
            )

    out.append(Rule(HEADING["nato"], align="left"))
    nato = _table("Requirement", "Exercised", "Injects", "Decisions", "Measures", "Expected")
    for n in report.nato:
        nato.add_row(
            literal(n.label),
            "yes" if n.exercised else Text("not exercised", style="yellow"),
            str(n.injects),
            str(n.decisions),
            str(n.measures),
            _counts(n.expected),
        )
    out.append(nato)

    c = report.communication
    out.append(Rule(HEADING["communication"], align="left"))
    if c.first_action_perspective is not None:
        out.append(
            Text.assemble(
                f"First message with an action perspective: {span(c.lag)} after "
                f"{'the start' if not c.reference_inject else 'inject '}",
                literal(c.reference_inject),
                " (",
                literal(c.first_action_perspective.ref),
                ")",
            )
        )
    else:
        out.append(Text("No message with an action perspective.", style="red"))
    for e in c.elements:
        out.append(Text.assemble(f"  {e.count} × ", literal(e.label), f"  first {clock(e.first)}"))

    out.append(Rule(HEADING["escalation"], align="left"))
    phases = _table("Time", "Phase", "Level", "Recognition lag", "First fitting action")
    for p in report.escalation.phases:
        phases.add_row(
            clock(p.t),
            literal(p.title),
            literal(p.level),
            span(p.lag) if p.lag is not None else literal(p.note),
            literal(p.action.text) if p.action else "—",
        )
    out.append(phases)

    out.append(Rule(HEADING["improvement-plan"], align="left"))
    plan = _table("Ref", "Pillar", "Issue", "Corrective action", "Element", "Organisation", "Due")
    out.append(
        _cut(
            plan,
            report.improvement_plan,
            lambda r: [
                literal(r.ref),
                literal(PILLAR_LABELS.get(r.pillar, r.pillar)),
                literal(r.issue, single_line=True),
                literal(r.action, single_line=True),
                literal(r.element),
                literal(r.organisation),
                literal(r.due) or "—",
            ],
            " items",
        )
    )

    out.append(Rule(HEADING["timeline"], align="left"))
    timeline = _table("Time", "Role", "Event")
    out.append(
        _cut(
            timeline,
            report.timeline,
            lambda t: [clock(t.t), literal(t.role) or "—", literal(t.text, single_line=True)],
            " events",
        )
    )

    out.append(Rule(HEADING["participants"], align="left"))
    roles = _table(
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
    out.append(
        Text(f"Journal {o.journal}: {o.events} events, last hash {o.last_hash[:16]}", style="dim")
    )
    return out


def print_report(report: Report, console: Console) -> None:
    for item in renderables(report):
        console.print(item)


def render_console(report: Report, width: int = 100) -> str:
    """The console version as plain text (for files and tests)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    print_report(report, console)
    return buffer.getvalue()


def print_comparison(comparison: Comparison, console: Console) -> None:
    console.print(
        Panel(
            literal(comparison.scenario_title, style="bold cyan"),
            title=literal(comparison.classification, style="bold"),
            subtitle="session comparison",
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
