"""Comparing sessions of one scenario: two teams on the same day, or a rehearsal and the
real exercise. Metrics side by side per pillar, and the injects where the decisions
diverged."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from ..language import phrase
from .plan import Revisit, revisit_rows, revisits
from .report import Counts, RatingMark, Report
from .text import pillar_titles, span, unreadable_text
from .words import Words


class NotComparable(ValueError):
    """Journals of different scenarios."""


@dataclass(slots=True)
class SessionColumn:
    journal: str
    session_date: str
    mode: str
    status: str
    played: float
    ended: bool
    damage: str | None = None  # what is wrong with a damaged journal (None: sound)
    unreadable_events: int = 0  # events its report left out


@dataclass(slots=True)
class Figures:
    """One session's numbers for a pillar (or for the whole session)."""

    injects: int
    decisions_taken: int
    decisions_missed: int
    measures: int
    self_decisions: int
    contingencies: int
    latency_median: float | None
    expected: Counts
    rating: RatingMark | None = None
    suggested: RatingMark | None = None


@dataclass(slots=True)
class PillarComparison:
    pillar: str
    title: str
    sessions: list[Figures]


@dataclass(slots=True)
class Outcome:
    """What one session did with one decision point."""

    status: str  # decided | missed | open | not-delivered
    option: str
    text: str
    role: str
    latency: float | None
    rationale: str


@dataclass(slots=True)
class Divergence:
    inject: str
    title: str
    outcomes: list[Outcome]


@dataclass(slots=True)
class SessionMetrics:
    first_action_perspective: float | None
    phase_lags: list[tuple[str, float | None]]  # (phase id, lag) for every phase change
    # communication per severe disruption (section 5): how many were delivered, answered by
    # a product, answered with all three elements; the median time to the first product
    disruptions: int = 0
    answered: int = 0
    all_elements: int = 0
    product_lag_median: float | None = None
    # (narrative id, peak reach, time to answer) for every narrative that started
    narratives: list[tuple[str, float, float | None]] = field(default_factory=list)


@dataclass(slots=True)
class Comparison:
    scenario_id: str
    scenario_title: str
    classification: str
    sessions: list[SessionColumn]
    overall: list[Figures]
    metrics: list[SessionMetrics]
    pillars: list[PillarComparison]
    divergences: list[Divergence]
    agreed: int  # decision points every session decided the same way
    notes: list[str] = field(default_factory=list)
    phase_titles: dict[str, str] = field(default_factory=dict)  # phase id: its title
    narrative_claims: dict[str, str] = field(default_factory=dict)  # narrative id: its claim
    schema_version: int = 1
    language: str = "en"  # of the comparison's own words: the first report's
    # Set when any session's journal is damaged: which, and what is wrong (every format
    # shows it on every page, as a report of a damaged journal does).
    damage: str | None = None
    # Improvement items of an earlier session that a later one exercised again
    revisited: list[Revisit] = field(default_factory=list)


def check_same_scenario(names: list[str], scenario_ids: list[str]) -> None:
    """Raise NotComparable unless every journal played the same scenario."""
    first = scenario_ids[0]
    for name, scenario_id in zip(names, scenario_ids, strict=True):
        if scenario_id != first:
            raise NotComparable(
                phrase(
                    "{first} played scenario {scenario} but {other} played {other_scenario}:"
                    " only sessions of the same scenario can be compared",
                    first=names[0],
                    scenario=repr(first),
                    other=name,
                    other_scenario=repr(scenario_id),
                )
            )


def _outcomes(report: Report) -> dict[str, Outcome]:
    found: dict[str, Outcome] = {}
    for section in report.pillars:
        for row in section.decisions:
            if row.kind == "decision" and row.inject not in found:
                found[row.inject] = Outcome(
                    "decided", row.choice, row.text, row.role, row.latency, row.rationale
                )
            elif row.kind == "missed" and row.inject not in found:
                found[row.inject] = Outcome("missed", row.choice, row.text, row.role, None, "")
    return found


def _titles(report: Report) -> dict[str, str]:
    return {i.id: i.title for s in report.pillars for i in s.injects}


def compare(reports: list[Report], scenario_hashes: list[str] | None = None) -> Comparison:
    if len(reports) < 2:
        raise ValueError("a comparison needs at least two sessions")
    names = [r.overview.journal for r in reports]
    check_same_scenario(names, [r.overview.scenario_id for r in reports])
    first = reports[0].overview
    w = Words(first.language)
    notes = []
    if scenario_hashes and len(set(scenario_hashes)) > 1:
        notes.append(
            w(
                "The sessions played different versions of the scenario (its frozen text "
                "differs): injects or options may have changed between them."
            )
        )
    sessions = [
        SessionColumn(
            r.overview.journal,
            r.overview.session_date,
            r.overview.mode,
            r.overview.status,
            r.overview.played,
            r.overview.ended,
            r.overview.damage,
            r.overview.unreadable_events,
        )
        for r in reports
    ]
    if _lengths_differ(sessions):
        notes.append(
            w(
                "The sessions played different lengths of scenario time ({lengths}): the "
                "counts are totals over different lengths; the rates per hour of play are "
                "given beside them.",
                lengths=", ".join(f"{_letter(n)} {span(s.played)}" for n, s in enumerate(sessions)),
            )
        )
    damaged = [
        f"{_letter(n)} ({s.journal}): {s.damage}"
        for n, s in enumerate(sessions)
        if s.damage is not None
    ]
    for n, s in enumerate(sessions):
        if s.unreadable_events:
            notes.append(
                w(
                    "Session {letter} ({journal}): {note}",
                    letter=_letter(n),
                    journal=s.journal,
                    note=unreadable_text(s.unreadable_events, w),
                )
            )
    overall = [
        Figures(
            r.summary.totals.injects_delivered,
            r.summary.totals.decisions_taken,
            r.summary.totals.decisions_missed,
            r.summary.totals.measures,
            r.summary.totals.self_decisions,
            r.summary.totals.contingencies,
            r.summary.totals.latency_median,
            r.summary.totals.expected,
        )
        for r in reports
    ]
    metrics = [_metrics(r) for r in reports]
    pillars = []
    for n, section in enumerate(reports[0].pillars):
        figures = []
        for r in reports:
            own = r.pillars[n]
            m = own.metrics
            figures.append(
                Figures(
                    m.injects,
                    m.decisions_taken,
                    m.decisions_missed,
                    m.measures,
                    m.self_decisions,
                    m.contingencies,
                    m.latency_median,
                    own.expected_counts,
                    own.rating,
                    own.suggested,
                )
            )
        title = pillar_titles(section, Words(first.language))[0]
        pillars.append(PillarComparison(section.pillar, title, figures))

    outcomes = [_outcomes(r) for r in reports]
    titles: dict[str, str] = {}
    delivered: list[set[str]] = []
    for r in reports:
        own_titles = _titles(r)
        titles.update({k: v for k, v in own_titles.items() if k not in titles})
        delivered.append(set(own_titles))
    order: list[str] = []
    for found in outcomes:
        order += [inject for inject in found if inject not in order]
    divergences, agreed = [], 0
    for inject in order:
        row = []
        for n, found in enumerate(outcomes):
            outcome = found.get(inject)
            if outcome is None:
                status = "open" if inject in delivered[n] else "not-delivered"
                outcome = Outcome(status, "", "", "", None, "")
            row.append(outcome)
        keys = {(o.status, o.option) for o in row}
        if len(keys) > 1:
            divergences.append(Divergence(inject, titles.get(inject, inject), row))
        else:
            agreed += 1
    return Comparison(
        first.scenario_id,
        first.scenario_title,
        first.classification,
        sessions,
        overall,
        metrics,
        pillars,
        divergences,
        agreed,
        notes,
        phase_titles={p.phase: p.title for r in reports for p in r.escalation.phases},
        narrative_claims={n.id: n.claim for r in reports for n in r.media.narratives},
        language=first.language,
        damage="; ".join(damaged) if damaged else None,
        revisited=revisits(reports),
    )


# -- one layout for every format ------------------------------------------------------------


@dataclass(slots=True)
class Block:
    """A heading with a paragraph and/or a table of plain (unescaped) text cells."""

    heading: str
    level: int  # 2 or 3
    text: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


RATE_SPREAD = 1.01  # played lengths further apart than 1% are not compared as raw totals


def _lengths_differ(sessions: list[SessionColumn]) -> bool:
    played = [max(s.played, 1.0) for s in sessions]
    return max(played) / min(played) > RATE_SPREAD


def _per_hour(count: int, played: float, w: Words) -> str:
    return w.number(count * 3600 / max(played, 1.0), 1)


def _letter(n: int) -> str:
    return chr(ord("A") + n) if n < 26 else f"S{n + 1}"


def _figure_rows(figures: list[Figures], pillar: bool, w: Words) -> list[list[str]]:
    from .text import counts_text, rating_text, span

    rows = [
        [w("Injects delivered"), *[str(f.injects) for f in figures]],
        [w("Decisions taken"), *[str(f.decisions_taken) for f in figures]],
        [w("Deadlines missed"), *[str(f.decisions_missed) for f in figures]],
        [w("Median decision latency"), *[span(f.latency_median) for f in figures]],
        [w("Measures"), *[str(f.measures) for f in figures]],
        [w("Self-initiated decisions"), *[str(f.self_decisions) for f in figures]],
        [w("Contingency injects released"), *[str(f.contingencies) for f in figures]],
        [w("Expected actions"), *[counts_text(f.expected, w) for f in figures]],
    ]
    if pillar:
        rows.append([w("Evaluator rating"), *[rating_text(f.rating, w) for f in figures]])
        rows.append(
            [
                w("Computed suggestion"),
                *[f.suggested.rating if f.suggested else "—" for f in figures],
            ]
        )
    return rows


def _outcome_text(o: Outcome, w: Words) -> str:
    from .text import span

    if o.status == "decided":
        return w(
            "{text} ({role}, after {latency})", text=o.text, role=o.role, latency=span(o.latency)
        )
    if o.status == "missed":
        return o.text
    return w("left open") if o.status == "open" else w("not delivered")


def _narrative_rows(c: Comparison, w: Words) -> list[list[str]]:
    """Per narrative: its peak reach and the time to the product that answered it."""
    from .media import share
    from .text import span

    rows = []
    for narrative, claim in c.narrative_claims.items():
        found = [next((x for x in m.narratives if x[0] == narrative), None) for m in c.metrics]
        not_started = w("not started")
        peaks = [share(x[1], w) if x else not_started for x in found]
        answers = [
            (span(x[2]) if x[2] is not None else w("not answered")) if x else not_started
            for x in found
        ]
        rows.append([w("Peak reach: {claim}", claim=claim), *peaks])
        rows.append([w("Time to answer: {claim}", claim=claim), *answers])
    return rows


def blocks(c: Comparison) -> list[Block]:
    """The comparison laid out once, in its language, for every format to draw."""
    from .text import pillar_number, span

    w = Words(c.language)
    letters = [_letter(n) for n in range(len(c.sessions))]
    out = [
        Block(
            w("Sessions"),
            2,
            w("Sessions of the same scenario, side by side."),
            ["", w("Journal"), w("Date"), w("Session"), w("Played"), w("Status")],
            [
                [
                    letters[n],
                    s.journal,
                    s.session_date,
                    s.mode,
                    span(s.played) + ("" if s.ended else w(" (not ended)")),
                    (w("FINAL") if s.status == "final" else w("DRAFT"))
                    + (w(", damaged journal") if s.damage is not None else ""),
                ]
                for n, s in enumerate(c.sessions)
            ],
        )
    ]
    overall = _figure_rows(c.overall, pillar=False, w=w)
    overall.append(
        [
            w("First action-perspective message"),
            *[span(m.first_action_perspective) for m in c.metrics],
        ]
    )
    overall.append(
        [
            w("Severe disruptions answered by a product"),
            *[w("{n} of {total}", n=m.answered, total=m.disruptions) for m in c.metrics],
        ]
    )
    overall.append(
        [
            w("Severe disruptions answered with all three elements"),
            *[w("{n} of {total}", n=m.all_elements, total=m.disruptions) for m in c.metrics],
        ]
    )
    overall.append(
        [
            w("Median time to the first product on a disruption"),
            *[span(m.product_lag_median) for m in c.metrics],
        ]
    )
    phases = [phase for phase, _lag in c.metrics[0].phase_lags]
    for m in c.metrics[1:]:
        phases += [phase for phase, _lag in m.phase_lags if phase not in phases]
    for phase in phases:
        cells = []
        for m in c.metrics:
            lags = [lag for p, lag in m.phase_lags if p == phase]
            if not lags:
                cells.append(w("phase not reached"))
            else:
                cells.append(span(lags[0]) if lags[0] is not None else w("not recognised"))
        title = c.phase_titles.get(phase, phase)
        overall.append([w("Phase-recognition lag: {phase}", phase=title), *cells])
    overall += _narrative_rows(c, w)
    if _lengths_differ(c.sessions):
        for label, counts in (
            (w("Injects delivered per hour of play"), [f.injects for f in c.overall]),
            (w("Decisions taken per hour of play"), [f.decisions_taken for f in c.overall]),
            (w("Deadlines missed per hour of play"), [f.decisions_missed for f in c.overall]),
        ):
            overall.append(
                [
                    label,
                    *[_per_hour(n, s.played, w) for n, s in zip(counts, c.sessions, strict=True)],
                ]
            )
    out.append(Block(w("Whole session"), 2, "", [w("Metric"), *letters], overall))
    out.append(Block(w("Per pillar"), 2))
    for p in c.pillars:
        out.append(
            Block(
                f"{pillar_number(p.pillar)} {p.title}",
                3,
                "",
                [w("Metric"), *letters],
                _figure_rows(p.sessions, pillar=True, w=w),
            )
        )
    agreed = w("{n} decision points went the same way in every session.", n=c.agreed)
    out.append(
        Block(
            w("Where the decisions diverged"),
            2,
            agreed if c.divergences else w("None: {agreed}", agreed=agreed),
            [w("Inject"), *letters],
            [
                [f"{d.inject}: {d.title}", *[_outcome_text(o, w) for o in d.outcomes]]
                for d in c.divergences
            ],
        )
    )
    if c.revisited:
        out.append(
            Block(
                w("Improvement items exercised again"),
                2,
                w(
                    "Items of an earlier session's improvement plan whose objective (or "
                    "pillar, for an item without one) a later session exercised, and how it "
                    "went there."
                ),
                [
                    w("Item"),
                    w("Issue"),
                    w("Status"),
                    w("Later session"),
                    w("Exercised on"),
                    w("Expected actions"),
                    w("Rating"),
                    w("The same expected actions, then → now"),
                ],
                revisit_rows(c.revisited, letters, w),
            )
        )
    return out


def _metrics(report: Report) -> SessionMetrics:
    """The figures of one session the comparison puts side by side."""
    disruptions = report.communication.disruptions
    lags = [d.lag for d in disruptions if d.lag is not None]
    return SessionMetrics(
        report.communication.lag,
        [(p.phase, p.lag) for p in report.escalation.phases if p.cause != "start"],
        len(disruptions),
        sum(1 for d in disruptions if d.products),
        sum(1 for d in disruptions if all(x.roles for x in d.elements)),
        round(statistics.median(lags), 3) if lags else None,
        [
            (n.id, n.peak, n.time_to_answer)
            for n in report.media.narratives
            if n.started is not None
        ],
    )
