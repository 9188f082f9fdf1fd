"""The report as Markdown (CommonMark with GitHub tables), readable as plain text too.

Every text from the scenario, a player or an evaluator goes through `md()`: control
characters dropped, folded to one line, HTML-significant characters as entities and
Markdown punctuation backslash-escaped, so a rationale such as `<script>` or `**bold**`
shows as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

from ..language import N_
from ..model import CommsElement
from ..safetext import clean
from .charts import moves_listed
from .comparison import Comparison, blocks
from .findings import finding_label
from .hotwash import NO_FEEDBACK, feedback_view
from .latency import latency_words
from .media import item_reach, narrative_sentence, share
from .plan import note_text, state_text
from .report import (
    Counts,
    DecisionRow,
    ExpectedRow,
    IndicatorSeries,
    InjectRow,
    Overview,
    PillarSection,
    RatingMark,
    Report,
)
from .swimlane import swimlane_words
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
    OBSERVATION_LABELS,
    PRODUCT_COLUMNS,
    REPORT_TITLE,
    SECTIONS,
    STATUS_LABELS,
    bounded_time,
    clock,
    coordinated_text,
    counts_text,
    element_label,
    for_display,
    fraction,
    in_force_text,
    number,
    pauses_text,
    pillar_label,
    pillar_number,
    pillar_titles,
    product_state,
    rating_text,
    reference_text,
    span,
    timeline_more,
    unreadable_text,
)
from .words import Words

_INLINE = re.compile(r"([\\`*_\[\]|~$])")
_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+[.)])")
_BLOCKS = " ▁▂▃▄▅▆▇█"
MAX_SPARK = 64  # characters in a sparkline at most: a table column, not a chart


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


def table(headers: list[str], rows: Sequence[list[str] | str], none: str = "None.") -> str:
    """A GitHub table; cells are already escaped (a row is its cells, or its line)."""
    if not rows:
        return f"_{none}_\n"
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += [row if isinstance(row, str) else "| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def _table_in(w: Words, headers: list[str], rows: Sequence[list[str] | str]) -> str:
    """A table whose headers are the report's own words (English keys)."""
    return table([w(h) if h else h for h in headers], rows, w("None."))


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


_Row = TypeVar("_Row")


def _once(rows: dict[int, str], item: _Row, render: Callable[[_Row], str]) -> str:
    """The line of an item, made once: an inject with several pillars is in several tables."""
    key = id(item)
    text = rows.get(key)
    if text is None:
        text = rows[key] = render(item)
    return text


def _inject_row(i: InjectRow) -> str:
    return _line([clock(i.t), md(i.id), md(i.title), md(", ".join(i.to)), number(i.severity)])


def _decision_row(d: DecisionRow, kinds: dict[str, str]) -> str:
    return _line(
        [
            clock(d.t),
            kinds[d.kind],
            md(d.role),
            md(d.inject) or "—",
            md(d.text),
            md(d.rationale) or "—",
            span(d.latency),
        ]
    )


def _expected_row(x: ExpectedRow, statuses: dict[str, str]) -> str:
    return _line(
        [
            md(x.inject),
            md(x.role),
            md(x.what),
            md(x.objective) or "—",
            clock(x.due),
            statuses.get(x.status, x.status) + (f" ({md(x.reason)})" if x.reason else ""),
            span(x.delay),
        ]
    )


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


def _notices(o: Overview, w: Words) -> list[str]:
    """What the reader must know before trusting the report: a damaged journal, events
    that could not be read (each a block quote)."""
    out = []
    if o.damage is not None:
        what = w(
            "This report was made from a damaged journal, on request: {damage}. What it "
            "says may not be what happened.",
            damage=md(o.damage),
        )
        out.append(f"> **{w('DAMAGED JOURNAL')}**: {what}\n")
    if o.unreadable_events:
        out.append(f"> **{unreadable_text(o.unreadable_events, w)}**\n")
        lines = [
            "> - "
            + w(
                "event {seq} ({kind}): {problem}",
                seq=x.seq,
                kind=md(x.kind),
                problem=md(x.problem),
            )
            for x in o.unreadable
        ]
        if o.unreadable_events > len(o.unreadable):
            more = o.unreadable_events - len(o.unreadable)
            lines.append("> - " + w("and {n} more", n=more))
        out.append("\n".join(lines) + "\n")
    return out


def _findings_markdown(report: Report, w: Words) -> str:
    """The main findings and the recommendations, first in the summary."""
    s = report.summary
    if not s.findings and not s.recommendations:
        return ""
    kinds = {"strength": w("Strength"), "improvement": w("Area for improvement")}
    out = [f"### {w('Main findings')}\n"]
    for n, finding in enumerate(s.findings, 1):
        computed = f" ({md(finding_label(finding, w))})" if finding_label(finding, w) else ""
        out.append(f"{n}. **{kinds[finding.kind]}**{computed}: {md(finding.text)}")
        out += [f"   - {md(item)}" for item in finding.evidence]
    out.append(f"\n### {w('Recommendations')}\n")
    if s.recommendations:
        out += [f"{n}. {md(item)}" for n, item in enumerate(s.recommendations, 1)]
    else:
        out.append(md(w(NO_RECOMMENDATIONS)))
    return "\n".join(out) + "\n\n### " + w("The session in figures") + "\n"


def render_markdown(report: Report) -> str:
    report = for_display(report)
    o = report.overview
    w = Words(o.language)
    out: list[str] = []
    add = out.append

    def table_(headers: list[str], rows: Sequence[list[str] | str]) -> str:
        return _table_in(w, headers, rows)

    def rating(mark: RatingMark | None) -> str:
        return md(rating_text(mark, w))

    def counts(c: Counts) -> str:
        return counts_text(c, w)

    marking = f"**{md(o.classification)}**"
    if o.damage is not None:  # the first and the last line of the file say so
        marking += f" · **{w('DAMAGED JOURNAL')}**: {md(o.damage)}"
    add(marking + "\n")
    add(f"# {w(REPORT_TITLE)}: {md(o.scenario_title)}\n")
    if o.status == "final":
        validated = w("validated by {by} on {at}.", by=md(o.final_by), at=md(o.final_at))
        add(f"> **{w('FINAL')}**: {validated}\n")
    else:
        add(f"> **{w(DRAFT_NOTE)}**\n")
    out.extend(_notices(o, w))
    add(w("Contents") + ": " + " · ".join(w(heading) for _anchor, heading in SECTIONS) + "\n")

    # 1. Overview
    add(f"## {w(HEADING['overview'])}\n")
    rows = [
        [w("Exercise"), md(o.scenario_title)],
        [w("Scenario id"), md(o.scenario_id)],
        [w("Date"), md(o.session_date)],
        [
            w("Scenario time played"),
            w("{played} of {planned}", played=span(o.played), planned=span(o.duration)),
        ],
        [w("Calendar time of T+0"), md(o.scenario_start or w("not set"))],
        [w("Session"), md(o.mode) + ("" if o.ended else w(" (did not reach its end)"))],
        [w("Handling"), md(o.classification)],
        [w("Status"), w("FINAL") if o.status == "final" else w("DRAFT")],
        [
            w("Journal"),
            w(
                "{journal}, {events} events, last hash {hash}",
                journal=md(o.journal),
                events=o.events,
                hash=md(o.last_hash[:16]),
            ),
        ],
    ]
    add(table_(["", ""], rows))
    if o.description:
        add(f"**{w('Scope.')}** {md(o.description)}\n")
    if o.threat:
        add(f"**{w('Threat.')}** {md(o.threat)}\n")
    objective_rows = [
        [
            md(obj.id),
            md(pillar_label(obj.pillar, w)),
            md(obj.text),
            md(obj.target) or "—",
        ]
        for section in report.pillars
        for obj in section.objectives
    ]
    add(f"**{w('Objectives')}**\n")
    add(table_(["Id", "Pillar", "Objective", N_("Capability target")], objective_rows))
    add(f"**{w('Roles and participants')}**\n")
    add(
        table_(
            ["Role", "Title", "Kind", N_("Participants")],
            [
                [md(r.id), md(r.title), md(r.kind_label), md(", ".join(r.people)) or "—"]
                for r in o.roles
            ],
        )
    )

    # 2. Executive summary
    s = report.summary
    add(f"## {w(HEADING['summary'])}\n")
    add(_findings_markdown(report, w))
    add("\n".join(f"- {md(point)}" for point in s.points) + "\n")
    add(
        table_(
            ["Pillar", "Exercised", "Expected actions", "Evaluator rating", "Computed suggestion"],
            [
                [
                    md(g.title),
                    w("yes") if g.exercised else w("not exercised"),
                    counts(g.expected),
                    rating(g.rating),
                    md(g.suggested.rating) if g.suggested else "—",
                ]
                for g in s.pillars
            ],
        )
    )
    lanes = swimlane_words(report, w)
    if lanes:
        add(f"**{w('Who did what when')}**\n")
        add("\n".join(f"- {md(line)}" for line in lanes) + "\n")
    latencies = latency_words(report, w)
    if latencies:
        add(f"**{w('Decision latency against deadlines')}**\n")
        add("\n".join(f"- {md(line)}" for line in latencies) + "\n")

    # 3. Pillars
    add(f"## {w(HEADING['pillars'])}\n")
    pillar = _PillarWriter(out, w, o.played)
    for section in report.pillars:
        pillar.write(section)

    # 4. NATO
    add(f"## {w(HEADING['nato'])}\n")
    add(
        table_(
            [
                "Requirement",
                "Exercised",
                "Injects",
                "Decisions",
                "Measures",
                "Expected actions",
                N_("Indicators (start → end)"),
            ],
            [
                [
                    md(n.label),
                    w("yes") if n.exercised else w("not exercised"),
                    str(n.injects),
                    str(n.decisions),
                    str(n.measures),
                    counts(n.expected),
                    md(w.moves(n.indicators)) or "—",
                ]
                for n in report.nato
            ],
        )
    )

    # 5. Communication
    c = report.communication
    add(f"## {w(HEADING['communication'])}\n")
    start = reference_text(c, w, md)
    if c.first_action_perspective is not None:
        first = c.first_action_perspective
        lead = w("Time to the first message with an action perspective: {lag}", lag=span(c.lag))
        rest = w(
            "from {start}, at {time} by {role}: {text}.",
            start=start,
            time=clock(first.t),
            role=md(first.role),
            text=md(first.text),
        )
        add(f"**{lead}** {rest}\n")
    else:
        lead = w("Time to the first message with an action perspective: none")
        rest = w("(no product answering {start} carried one).", start=start)
        add(f"**{lead}** {rest}\n")
    add(f"**{w('Communication per disruption')}**\n")
    add(f"{w(DISRUPTIONS_NOTE)}\n")
    add(
        table_(
            [
                "Inject",
                N_("Delivered"),
                N_("First product"),
                N_("Lag"),
                *[ELEMENT_SHORT[e.value] for e in CommsElement],
                N_("Approved"),
            ],
            [
                [
                    md(d.inject),
                    clock(d.t),
                    md(d.first_product) or "—",
                    span(d.lag),
                    *[md(", ".join(cover.roles)) or "—" for cover in d.elements],
                    coordinated_text(d, w),
                ]
                for d in c.disruptions
            ],
        )
    )
    add(f"**{w('Decisions with a communication side')}**\n")
    add(f"{w(DECISIONS_NOTE)}\n")
    add(
        table_(
            ["Element", "Decisions", N_("First")],
            [[md(e.label), str(e.count), clock(e.first)] for e in c.elements],
        )
    )
    items = [(e.element, i) for e in c.elements for i in e.items]
    items.sort(key=lambda x: x[1].t)
    add(
        table_(
            ["Time", "Element", "Role", "What"],
            [[clock(i.t), md(element_label(el, w)), md(i.role), md(i.text)] for el, i in items],
        )
    )

    # 6. Escalation
    e = report.escalation
    add(f"## {w(HEADING['escalation'])}\n")
    add(
        table_(
            ["Time", "Phase", "Level", N_("Cause"), "Recognition lag", "First fitting action"],
            [
                [
                    clock(p.t),
                    md(p.title),
                    md(p.level),
                    md(w.known(p.cause)),
                    span(p.lag) if p.lag is not None else md(p.note),
                    md(f"{p.action.text} ({p.action.role})") if p.action else "—",
                ]
                for p in e.phases
            ],
        )
    )
    add(f"**{w('Measures taken')}**\n")
    add(
        table_(
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
                [
                    clock(m.t),
                    md(m.title),
                    md(m.role),
                    md(m.from_level),
                    clock(m.available),
                    span(m.delay),
                    md(in_force_text(m, w)),
                ]
                for m in e.measures
            ],
        )
    )

    # 7. Improvement plan
    add(f"## {w(HEADING['improvement-plan'])}\n")
    add(
        table_(
            [
                "Ref",
                "Pillar",
                N_("Capability"),
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
                [
                    md(r.ref),
                    md(pillar_label(r.pillar, w)),
                    md(r.capability) or "—",
                    md(r.issue),
                    md(r.action),
                    md(w.known(r.element.capitalize())),
                    md(r.organisation),
                    md(r.contact) or "—",
                    md(r.start) or "—",
                    md(r.due) or "—",
                    md(state_text(r, w)),
                ]
                for r in report.improvement_plan
            ],
        )
    )
    followed = [r for r in report.improvement_plan if r.notes]
    if followed:
        add(f"{w('Follow-up')}:\n")
        add("".join(f"- {md(r.ref)}: {md(note_text(n, w))}\n" for r in followed for n in r.notes))

    # 8. Participant feedback
    add(f"## {w(HEADING['feedback'])}\n")
    view = feedback_view(report.feedback, w)
    if view is None:
        add(f"{w(NO_FEEDBACK)}\n")
    else:
        add(f"{md(view.headline)}\n")
        for part in (view.scales, view.pillars, view.answers):
            if part.rows:
                add(table_(part.headers, [[md(cell) for cell in row] for row in part.rows]))
        if view.more:
            add(f"_{md(view.more)}_\n")

    # Annexes
    add(f"## {w(HEADING['timeline'])}\n")
    add(
        table_(
            ["Time", "Role", "Pillars", "Event"],
            [
                [clock(t.t), md(t.role) or "—", md(", ".join(t.pillars)) or "—", md(t.text)]
                for t in report.timeline[:MAX_TIMELINE_ROWS]
            ],
        )
    )
    if len(report.timeline) > MAX_TIMELINE_ROWS:
        add(f"_{timeline_more(len(report.timeline) - MAX_TIMELINE_ROWS, w)}_\n")
    if report.overview.pauses_left_out:
        add(f"_{md(pauses_text(report.overview.pauses_left_out, w))}_\n")
    add(f"## {w(HEADING['participants'])}\n")
    p = report.participants
    add(
        table_(
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
        table_(
            ["Name", "Organisation", "Role"],
            [[md(x.name), md(x.organisation) or "—", md(x.role_title or x.role)] for x in p.people],
        )
    )
    add(f"## {w(HEADING['products'])}\n")
    add(
        table_(
            list(PRODUCT_COLUMNS),
            [
                [
                    md(r.id),
                    md(r.role),
                    md(r.kind_label),
                    md(r.audience),
                    md(r.channel) or "—",
                    md(", ".join(w(ELEMENT_SHORT.get(e, e)) for e in r.elements)) or "—",
                    md(", ".join(r.answers)) or "—",
                    md(product_state(r, w)),
                    md(r.text),
                ]
                for r in c.products
            ],
        )
    )
    _media(add, report, w, table_)
    generated = w(
        "Generated from journal {journal} ({events} events). Computed suggestions are "
        "labelled as such; ratings are the evaluators' call.",
        journal=md(o.journal),
        events=o.events,
    )
    add(f"_{generated}_\n")
    add(marking + "\n")
    return "\n".join(out)


def _media(
    add: Callable[[str], None],
    report: Report,
    w: Words,
    table_: Callable[[list[str], Sequence[list[str] | str]], str],
) -> None:
    """Annex D: each narrative's course in words (the HTML report draws it), then the
    media items delivered."""
    m = report.media
    add(f"## {w(HEADING['media'])}\n")
    add(f"**{w('Narratives')}**\n")
    add(
        table_(
            list(NARRATIVE_COLUMNS),
            [
                [
                    md(n.claim),
                    clock(n.started),
                    md(share(n.peak, w)),
                    clock(n.peak_at),
                    clock(n.answered),
                    span(n.time_to_answer),
                    md(n.answered_by) or "—",
                    md(n.product) or "—",
                    md(share(n.end, w)),
                ]
                for n in m.narratives
            ],
        )
    )
    for n in m.narratives:
        add(f"- {narrative_sentence(n, w, md)}")
    if m.narratives:
        add("")
    add(f"**{w('Media items')}**\n")
    add(
        table_(
            ["Time", N_("Medium"), N_("Outlet"), N_("Reach"), N_("Item")],
            [
                [
                    clock(i.t),
                    md(i.kind_label),
                    md(i.outlet),
                    md(item_reach(i, w)),
                    f"**{md(i.title)}**: {md(i.text)}",
                ]
                for i in m.items
            ],
        )
    )


class _PillarWriter:
    """Writes the pillar sections; a row shared by several pillars is rendered once."""

    def __init__(self, out: list[str], w: Words, played: float) -> None:
        self.out, self.w, self.played = out, w, played
        self.rows: dict[int, str] = {}
        kinds = {kind: w(label) for kind, label in KIND_LABELS.items()}
        statuses = {status: w(label) for status, label in STATUS_LABELS.items()}
        self.decision_row = lambda d: _decision_row(d, kinds)
        self.expected_row = lambda x: _expected_row(x, statuses)

    def table(self, headers: list[str], rows: Sequence[list[str] | str]) -> str:
        return _table_in(self.w, headers, rows)

    def rating(self, mark: RatingMark | None) -> str:
        return md(rating_text(mark, self.w))

    def write(self, s: PillarSection) -> None:
        add, w, rows = self.out.append, self.w, self.rows
        title, other, _other_lang = pillar_titles(s, w)
        add(f"### {pillar_number(s.pillar)} {md(title)}\n")
        add(f"_{md(other)}_ · {md(s.track)} · {w('rating')}: **{self.rating(s.rating)}**\n")
        if not s.exercised:
            add(f"**{w(NOT_EXERCISED)}**\n")
        m = s.metrics
        add(
            w(
                "{injects} delivered, {decisions} taken (median latency {median}, longest "
                "{longest}), {deadlines} missed, {measures}, {own}; expected actions: {counts}.",
                injects=w.plural(m.injects, "{n} inject", "{n} injects"),
                decisions=w.plural(m.decisions_taken, "{n} decision", "{n} decisions"),
                median=span(m.latency_median),
                longest=span(m.latency_max),
                deadlines=w.plural(m.decisions_missed, "{n} deadline", "{n} deadlines"),
                measures=w.plural(m.measures, "{n} measure", "{n} measures"),
                own=w.plural(
                    m.self_decisions, "{n} self-initiated decision", "{n} self-initiated decisions"
                ),
                counts=counts_text(s.expected_counts, w),
            )
            + "\n"
        )
        add(f"#### {w('Objectives')}\n")
        add(
            self.table(
                [
                    "Id",
                    "Objective",
                    N_("Capability target"),
                    "Expected actions",
                    "Rating",
                    "Suggestion",
                ],
                [
                    [
                        md(o.id),
                        md(o.text),
                        md(o.target) or "—",
                        counts_text(o.expected, w),
                        self.rating(o.rating),
                        md(o.suggested.rating) if o.suggested else "—",
                    ]
                    for o in s.objectives
                ],
            )
        )
        add(f"#### {w('Injects delivered')}\n")
        add(
            self.table(
                ["Time", "Inject", "Title", "To", N_("Severity")],
                [_once(rows, i, _inject_row) for i in s.injects],
            )
        )
        add(f"#### {w('Decisions')}\n")
        add(
            self.table(
                ["Time", "Kind", "Role", "Inject", "Option or text", "Rationale", "Latency"],
                [_once(rows, d, self.decision_row) for d in s.decisions],
            )
        )
        add(f"#### {w('Expected actions')}\n")
        add(
            self.table(
                ["Inject", "Role", "Expected", "Objective", "Due", "Outcome", N_("After delivery")],
                [_once(rows, x, self.expected_row) for x in s.expected],
            )
        )
        add(f"#### {w('Contingency injects released')}\n")
        add(
            self.table(
                ["Time", "Inject", "Title", N_("Cause")],
                [
                    [clock(i.t), md(i.id), md(i.title), md(w.known(i.cause))]
                    for i in s.contingencies
                ],
            )
        )
        add(f"#### {w('Indicators')}\n")
        add(
            self.table(
                [
                    N_("Indicator"),
                    N_("Start"),
                    N_("Lowest"),
                    N_("Highest"),
                    "End",
                    N_("Over time (T+0 → end)"),
                ],
                [
                    [
                        md(i.title) + (f" ({md(i.unit)})" if i.unit else ""),
                        w.number(i.start, 6),
                        w.number(i.lowest, 6),
                        w.number(i.highest, 6),
                        w.number(i.end, 6),
                        f"`{sparkline(i, self.played)}`",
                    ]
                    for i in s.indicators
                ],
            )
        )
        moved = [
            f"- {w('{indicator} moved by', indicator=md(i.title))}: "
            + "; ".join(md(line) for line in moves_listed(i, w))
            for i in s.indicators
            if i.moves
        ]
        if moved:
            add("\n".join(moved) + "\n")
        add(f"#### {w('Observations')}\n")
        if not s.observations:
            add(f"_{w('None.')}_\n")
        for kind, label in OBSERVATION_LABELS.items():
            found = [x for x in s.observations if x.kind == kind]
            if found:
                add(f"**{w(label)}**\n")
                lines = []
                for x in found:
                    cause = (
                        w(" Root cause: {cause}", cause=md(x.root_cause)) if x.root_cause else ""
                    )
                    objective = f" [{md(x.objective)}]" if x.objective else ""
                    seat = w(", seat {seat}", seat=md(x.seat)) if x.seat else ""
                    lines.append(
                        f"- {md(x.ref)}{objective} ({clock(x.t)}{seat}): {md(x.text)}{cause}"
                    )
                add("\n".join(lines) + "\n")
        add(f"#### {w('Rating')}\n")
        note = f". {md(s.rating.note)}" if s.rating and s.rating.note else ""
        add(f"{w('Evaluator')}: **{self.rating(s.rating)}**{note}\n")
        if s.suggested is not None:
            suggestion = w(
                "Computed suggestion: {rating} ({basis}).",
                rating=md(s.suggested.rating),
                basis=md(s.suggested.basis),
            )
            add(suggestion + "\n")
        else:
            add(w("Computed suggestion: none (no expected action was settled).") + "\n")


def render_comparison_markdown(comparison: Comparison) -> str:
    comparison = for_display(comparison)
    w = Words(comparison.language)
    marking = f"**{md(comparison.classification)}**"
    if comparison.damage is not None:
        marking += f" · **{w('DAMAGED JOURNAL')}**: {md(comparison.damage)}"
    title = w("Session comparison: {title}", title=md(comparison.scenario_title))
    out = [marking + "\n", f"# {title}\n"]
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
                    w("None."),
                )
            )
    out.append(marking + "\n")
    return "\n".join(out)
