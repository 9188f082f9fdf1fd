"""The report as Markdown (CommonMark with GitHub tables), readable as plain text too.

Every text from the scenario, a player or an evaluator goes through `md()`: control
characters dropped, folded to one line, HTML-significant characters as entities and
Markdown punctuation backslash-escaped, so a rationale such as `<script>` or `**bold**`
shows as typed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..safetext import clean
from .compare import Comparison, blocks
from .report import (
    Counts,
    DecisionRow,
    ExpectedRow,
    IndicatorSeries,
    InjectRow,
    PillarSection,
    RatingMark,
    Report,
)
from .text import (
    DRAFT_NOTE,
    ELEMENT_LABELS,
    HEADING,
    KIND_LABELS,
    NOT_EXERCISED,
    OBSERVATION_LABELS,
    PILLAR_LABELS,
    REPORT_TITLE,
    SECTIONS,
    clock,
    counts_text,
    number,
    pillar_number,
    plural,
    rating_text,
    span,
)

_INLINE = re.compile(r"([\\`*_\[\]|~$])")
_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+[.)])")
_BLOCKS = " ▁▂▃▄▅▆▇█"


_PLAIN = re.compile(r"(?![#+=>-]|\s|\d+[.)])[^\\`*_\[\]|~$&<>\x00-\x1f\x7f-\x9f]*(?<! )").fullmatch


def md(value: object) -> str:
    """Text shown literally in Markdown (inline, one line)."""
    text = value if type(value) is str else str(value)
    if _PLAIN(text):
        return text  # nothing to escape or fold (the common case)
    return _escape(text)


@lru_cache(maxsize=8192)
def _escape(value: str) -> str:
    text = clean(value, single_line=True)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def table(headers: list[str], rows: list[list[str] | str]) -> str:
    """A GitHub table; cells are already escaped (a row is its cells, or its line)."""
    if not rows:
        return "_None._\n"
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += [row if isinstance(row, str) else "| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _once(rows: dict[int, str], item: object, render) -> str:
    """The line of an item, made once: an inject with several pillars is in several tables."""
    key = id(item)
    text = rows.get(key)
    if text is None:
        text = rows[key] = render(item)
    return text


def _inject_row(i: InjectRow) -> str:
    return _line([clock(i.t), md(i.id), md(i.title), md(", ".join(i.to)), number(i.severity)])


def _decision_row(d: DecisionRow) -> str:
    return _line(
        [
            clock(d.t),
            KIND_LABELS[d.kind],
            md(d.role),
            md(d.inject) or "—",
            md(d.text),
            md(d.rationale) or "—",
            span(d.latency),
        ]
    )


def _expected_row(x: ExpectedRow) -> str:
    return _line(
        [
            md(x.inject),
            md(x.role),
            md(x.what),
            md(x.objective) or "—",
            clock(x.due),
            x.status + (f" ({md(x.reason)})" if x.reason else ""),
            span(x.delay),
        ]
    )


def sparkline(series: IndicatorSeries, end: float, width: int = 32) -> str:
    """The indicator's value at `width` even steps from T+0 to `end`, as block characters."""
    span_ = series.max - series.min or 1.0
    points = series.points
    out, index, value = [], 0, points[0][1]
    for step in range(width):
        t = end * step / (width - 1) if width > 1 else end
        while index < len(points) and points[index][0] <= t:
            value = points[index][1]
            index += 1
        level = round((value - series.min) / span_ * (len(_BLOCKS) - 1))
        out.append(_BLOCKS[max(0, min(len(_BLOCKS) - 1, level))])
    return "".join(out)


def _rating(mark: RatingMark | None) -> str:
    return md(rating_text(mark))


def _counts(counts: Counts) -> str:
    return counts_text(counts)


def render_markdown(report: Report) -> str:
    o = report.overview
    out: list[str] = []
    add = out.append
    marking = f"**{md(o.classification)}**"
    add(marking + "\n")
    add(f"# {REPORT_TITLE}: {md(o.scenario_title)}\n")
    if o.status == "final":
        add(f"> **FINAL**: validated by {md(o.final_by)} on {md(o.final_at)}.\n")
    else:
        add(f"> **{DRAFT_NOTE}**\n")
    add("Contents: " + " · ".join(heading for _anchor, heading in SECTIONS) + "\n")

    # 1. Overview
    add(f"## {HEADING['overview']}\n")
    rows = [
        ["Exercise", md(o.scenario_title)],
        ["Scenario id", md(o.scenario_id)],
        ["Date", md(o.session_date)],
        ["Scenario time played", f"{span(o.played)} of {span(o.duration)}"],
        ["Calendar time of T+0", md(o.scenario_start or "not set")],
        ["Session", md(o.mode) + ("" if o.ended else " (did not reach its end)")],
        ["Handling", md(o.classification)],
        ["Status", "FINAL" if o.status == "final" else "DRAFT"],
        ["Journal", f"{md(o.journal)}, {o.events} events, last hash {md(o.last_hash[:16])}"],
    ]
    add(table(["", ""], rows))
    if o.description:
        add(f"**Scope.** {md(o.description)}\n")
    if o.threat:
        add(f"**Threat.** {md(o.threat)}\n")
    objective_rows = [
        [
            md(obj.id),
            md(PILLAR_LABELS.get(obj.pillar, obj.pillar)),
            md(obj.text),
            md(obj.target) or "—",
        ]
        for section in report.pillars
        for obj in section.objectives
    ]
    add("**Objectives**\n")
    add(table(["Id", "Pillar", "Objective", "Capability target"], objective_rows))
    add("**Roles and participants**\n")
    add(
        table(
            ["Role", "Title", "Kind", "Participants"],
            [
                [md(r.id), md(r.title), md(r.kind_label), md(", ".join(r.people)) or "—"]
                for r in o.roles
            ],
        )
    )

    # 2. Executive summary
    s = report.summary
    add(f"## {HEADING['summary']}\n")
    add("\n".join(f"- {md(point)}" for point in s.points) + "\n")
    add(
        table(
            ["Pillar", "Exercised", "Expected actions", "Evaluator rating", "Computed suggestion"],
            [
                [
                    md(g.title),
                    "yes" if g.exercised else "not exercised",
                    _counts(g.expected),
                    _rating(g.rating),
                    md(g.suggested.rating) if g.suggested else "—",
                ]
                for g in s.pillars
            ],
        )
    )

    # 3. Pillars
    add(f"## {HEADING['pillars']}\n")
    rows: dict[int, str] = {}
    for section in report.pillars:
        _pillar(out, section, o.played, rows)

    # 4. NATO
    add(f"## {HEADING['nato']}\n")
    add(
        table(
            [
                "Requirement",
                "Exercised",
                "Injects",
                "Decisions",
                "Measures",
                "Expected actions",
                "Indicators (start → end)",
            ],
            [
                [
                    md(n.label),
                    "yes" if n.exercised else "not exercised",
                    str(n.injects),
                    str(n.decisions),
                    str(n.measures),
                    _counts(n.expected),
                    md("; ".join(f"{i.title} {i.start:g} → {i.end:g}" for i in n.indicators))
                    or "—",
                ]
                for n in report.nato
            ],
        )
    )

    # 5. Communication
    c = report.communication
    add(f"## {HEADING['communication']}\n")
    start = (
        f"the first inject with severity 4 or more ({md(c.reference_inject)}, {clock(c.reference)})"
        if c.reference_inject
        else "the start of the session"
    )
    if c.first_action_perspective is not None:
        first = c.first_action_perspective
        add(
            f"**Time to the first message with an action perspective: {span(c.lag)}** from "
            f"{start}, at {clock(first.t)} by {md(first.role)}: {md(first.text)}.\n"
        )
    else:
        add(
            f"**Time to the first message with an action perspective: none** (no decision, "
            f"measure or own initiative carried one after {start}).\n"
        )
    add(
        table(
            ["Element", "Messages", "First"],
            [[md(e.label), str(e.count), clock(e.first)] for e in c.elements],
        )
    )
    items = [(e.element, i) for e in c.elements for i in e.items]
    items.sort(key=lambda x: x[1].t)
    add(
        table(
            ["Time", "Element", "Role", "What"],
            [
                [clock(i.t), md(ELEMENT_LABELS.get(el, el)), md(i.role), md(i.text)]
                for el, i in items
            ],
        )
    )

    # 6. Escalation
    e = report.escalation
    add(f"## {HEADING['escalation']}\n")
    add(
        table(
            ["Time", "Phase", "Level", "Cause", "Recognition lag", "First fitting action"],
            [
                [
                    clock(p.t),
                    md(p.title),
                    md(p.level),
                    md(p.cause),
                    span(p.lag) if p.lag is not None else md(p.note),
                    md(f"{p.action.text} ({p.action.role})") if p.action else "—",
                ]
                for p in e.phases
            ],
        )
    )
    add("**Measures taken**\n")
    add(
        table(
            ["Time", "Measure", "Role", "From level", "Available since", "Delay"],
            [
                [
                    clock(m.t),
                    md(m.title),
                    md(m.role),
                    md(m.from_level),
                    clock(m.available),
                    span(m.delay),
                ]
                for m in e.measures
            ],
        )
    )

    # 7. Improvement plan
    add(f"## {HEADING['improvement-plan']}\n")
    add(
        table(
            [
                "Ref",
                "Pillar",
                "Capability",
                "Issue",
                "Corrective action",
                "Capability element",
                "Responsible organisation",
                "Point of contact",
                "Start",
                "Due",
            ],
            [
                [
                    md(r.ref),
                    md(PILLAR_LABELS.get(r.pillar, r.pillar)),
                    md(r.capability) or "—",
                    md(r.issue),
                    md(r.action),
                    md(r.element.capitalize()),
                    md(r.organisation),
                    md(r.contact) or "—",
                    md(r.start) or "—",
                    md(r.due) or "—",
                ]
                for r in report.improvement_plan
            ],
        )
    )

    # Annexes
    add(f"## {HEADING['timeline']}\n")
    add(
        table(
            ["Time", "Role", "Pillars", "Event"],
            [
                [clock(t.t), md(t.role) or "—", md(", ".join(t.pillars)) or "—", md(t.text)]
                for t in report.timeline
            ],
        )
    )
    add(f"## {HEADING['participants']}\n")
    p = report.participants
    add(
        table(
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
                [
                    md(r.title),
                    md(r.kind_label),
                    str(r.decisions),
                    str(r.missed),
                    str(r.self_decisions),
                    str(r.measures),
                    span(r.latency_median),
                ]
                for r in p.roles
            ],
        )
    )
    add(
        table(
            ["Name", "Organisation", "Role"],
            [[md(x.name), md(x.organisation) or "—", md(x.role_title or x.role)] for x in p.people],
        )
    )
    add(
        f"_Generated from journal {md(o.journal)} ({o.events} events). Computed suggestions are "
        "labelled as such; ratings are the evaluators' call._\n"
    )
    add(marking + "\n")
    return "\n".join(out)


def _pillar(out: list[str], s: PillarSection, played: float, rows: dict[int, str]) -> None:
    add = out.append
    add(f"### {pillar_number(s.pillar)} {md(s.title)}\n")
    add(f"_{md(s.title_nl)}_ · {md(s.track)} · rating: **{_rating(s.rating)}**\n")
    if not s.exercised:
        add(f"**{NOT_EXERCISED}**\n")
    m = s.metrics
    add(
        f"{plural(m.injects, 'inject')} delivered, {plural(m.decisions_taken, 'decision')} taken "
        f"(median latency {span(m.latency_median)}, longest {span(m.latency_max)}), "
        f"{plural(m.decisions_missed, 'deadline')} missed, {plural(m.measures, 'measure')}, "
        f"{plural(m.self_decisions, 'self-initiated decision')}; expected actions: "
        f"{_counts(s.expected_counts)}.\n"
    )
    add("#### Objectives\n")
    add(
        table(
            ["Id", "Objective", "Capability target", "Expected actions", "Rating", "Suggestion"],
            [
                [
                    md(o.id),
                    md(o.text),
                    md(o.target) or "—",
                    _counts(o.expected),
                    _rating(o.rating),
                    md(o.suggested.rating) if o.suggested else "—",
                ]
                for o in s.objectives
            ],
        )
    )
    add("#### Injects delivered\n")
    add(
        table(
            ["Time", "Inject", "Title", "To", "Severity"],
            [_once(rows, i, _inject_row) for i in s.injects],
        )
    )
    add("#### Decisions\n")
    add(
        table(
            ["Time", "Kind", "Role", "Inject", "Option or text", "Rationale", "Latency"],
            [_once(rows, d, _decision_row) for d in s.decisions],
        )
    )
    add("#### Expected actions\n")
    add(
        table(
            ["Inject", "Role", "Expected", "Objective", "Due", "Outcome", "After delivery"],
            [_once(rows, x, _expected_row) for x in s.expected],
        )
    )
    add("#### Contingency injects released\n")
    add(
        table(
            ["Time", "Inject", "Title", "Cause"],
            [[clock(i.t), md(i.id), md(i.title), md(i.cause)] for i in s.contingencies],
        )
    )
    add("#### Indicators\n")
    add(
        table(
            ["Indicator", "Start", "Lowest", "Highest", "End", "Over time (T+0 → end)"],
            [
                [
                    md(i.title) + (f" ({md(i.unit)})" if i.unit else ""),
                    f"{i.start:g}",
                    f"{i.lowest:g}",
                    f"{i.highest:g}",
                    f"{i.end:g}",
                    f"`{sparkline(i, played)}`",
                ]
                for i in s.indicators
            ],
        )
    )
    add("#### Observations\n")
    if not s.observations:
        add("_None._\n")
    for kind, label in OBSERVATION_LABELS.items():
        rows = [x for x in s.observations if x.kind == kind]
        if rows:
            add(f"**{label}**\n")
            lines = []
            for x in rows:
                cause = f" Root cause: {md(x.root_cause)}" if x.root_cause else ""
                objective = f" [{md(x.objective)}]" if x.objective else ""
                lines.append(f"- {md(x.ref)}{objective} ({clock(x.t)}): {md(x.text)}{cause}")
            add("\n".join(lines) + "\n")
    add("#### Rating\n")
    note = f". {md(s.rating.note)}" if s.rating and s.rating.note else ""
    add(f"Evaluator: **{_rating(s.rating)}**{note}\n")
    if s.suggested is not None:
        add(f"Computed suggestion: {md(s.suggested.rating)} ({md(s.suggested.basis)}).\n")
    else:
        add("Computed suggestion: none (no expected action was settled).\n")


def render_comparison_markdown(comparison: Comparison) -> str:
    marking = f"**{md(comparison.classification)}**"
    out = [marking + "\n", f"# Session comparison: {md(comparison.scenario_title)}\n"]
    for note in comparison.notes:
        out.append(f"> {md(note)}\n")
    for block in blocks(comparison):
        out.append(f"{'#' * block.level} {md(block.heading)}\n")
        if block.text:
            out.append(md(block.text) + "\n")
        if block.headers:
            out.append(
                table(
                    [md(h) for h in block.headers],
                    [[md(cell) for cell in row] for row in block.rows],
                )
            )
    out.append(marking + "\n")
    return "\n".join(out)
