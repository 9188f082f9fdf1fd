"""Assembling the AAR/IP (`report.Report`) from a journal: the scenario it froze, the facts
its events give (`metrics.collect`) and the evaluators' input."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from math import isfinite
from pathlib import Path
from typing import ParamSpec, TypeVar

from ..journal import Journal, SessionInfo
from ..language import languages, reader_time, say
from ..model import CommsElement, NatoRequirement, Pillar, Rating, RoleKind, Scenario
from ..model.events import Event
from ..model.timing import format_clock
from .errors import UnreadableJournal
from .evaluation import Evaluation
from .feedback import participant_feedback
from .findings import compute_findings, judge_findings
from .media import media_section
from .metrics import (
    Facts,
    collect,
    comms_item,
    count,
    disruption_comms,
    first_action_perspective,
    latency_stats,
    measure_rows,
    phase_changes,
    pillar_metrics,
    suggest,
    touched_pillars,
)
from .plan import follow_up
from .report import (
    CommsElementRow,
    Communication,
    Counts,
    DecisionRow,
    Escalation,
    ExpectedRow,
    ImprovementRow,
    IndicatorEnd,
    IndicatorSeries,
    InjectRow,
    NatoRow,
    ObjectiveResult,
    Overview,
    ParticipantFeedback,
    Participants,
    Person,
    PillarGlance,
    PillarSection,
    RatingMark,
    Report,
    RoleActivity,
    Summary,
    Totals,
)
from .text import bounded_time, has_long_text, pillar_number, pillar_titles, span
from .words import Words

# Phase changes the executive summary describes one by one (an exercise has a handful);
# the rest are counted there and all are in the escalation section.
MAX_SUMMARY_PHASES = 10

# NATO baseline requirements and the pillars they mostly serve (DOMAIN reference table).
NATO_PILLARS: dict[str, tuple[str, ...]] = {
    "government-continuity": ("democracy-rule-of-law", "resilient-society"),
    "energy": ("vital-processes", "resilient-economy", "civil-military-support"),
    "population-movement": ("resilient-society", "democracy-rule-of-law"),
    "food-water": ("vital-processes", "resilient-society"),
    "mass-casualties": ("resilient-society", "civil-military-support"),
    "civil-communications": ("vital-processes", "civil-military-support"),
    "transport": ("vital-processes", "civil-military-support", "resilient-economy"),
}


def build_report(
    journal: Journal, lang: str | None = None, damage: str | None = None, pauses: bool = False
) -> Report:
    """The report of one journal (read once, from its first event to its last).

    `damage` says what is wrong with a damaged journal (a broken hash chain) whose report
    was asked for anyway; every format then shows it. Events that cannot be read are left
    out and counted; a journal whose frozen scenario cannot be read raises
    UnreadableJournal."""
    from ..sim.replay import load_frozen

    try:
        scenario = load_frozen(journal)
    except (ValueError, TypeError, ArithmeticError, RecursionError) as err:
        first = str(err).strip().splitlines()[:1] or [type(err).__name__]
        raise UnreadableJournal(
            journal.path, f"the scenario frozen in it cannot be read ({first[0][:200]})"
        ) from None
    return report_from(
        scenario, journal.session, journal.events(), journal.path.name, lang, damage, pauses
    )


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _paused(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Build with the cyclic collector paused, then move the result out of its way: a report
    is tens of thousands of rows and forms no reference cycles (reference counting frees it
    when it is dropped), so rescanning it in every later collection is wasted work."""
    from functools import wraps

    from ..gcpause import paused_gc

    @wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with paused_gc():
            result = func(*args, **kwargs)
            gc.freeze()
        return result

    return wrapper


@_paused
def report_from(
    scenario: Scenario,
    session: SessionInfo,
    events: Iterable[Event],
    journal_name: str,
    lang: str | None = None,
    damage: str | None = None,
    pauses: bool = False,
) -> Report:
    kept = (session.meta or {}).get("lang")
    if lang is None and isinstance(kept, str) and kept in languages():
        lang = kept  # the language the session was played in
    facts = collect(scenario, events, lang, pauses)
    return assemble(facts, session, journal_name, damage)


def _wall_text(wall: float | None, scenario: Scenario, w: Words) -> str:
    """When something happened, for a reader: in the scenario's own time zone (that of its
    `start`; UTC without one), in the report's language."""
    if wall is None or not isfinite(wall) or not _WALL_MIN <= wall <= _WALL_MAX:
        return ""  # a crafted journal's time says nothing a reader can use
    zone = scenario.start.tzinfo if scenario.start and scenario.start.tzinfo else UTC
    return reader_time(w.lang, datetime.fromtimestamp(wall, zone))


_WALL_MIN, _WALL_MAX = 0.0, 32503680000.0  # 1970 to the year 3000


def _rating(evaluation: Evaluation, scope: str, target: str, w: Words) -> RatingMark | None:
    found = evaluation.ratings.get((scope, target))
    if found is None:
        return None
    t, by, payload = found
    value = payload.get("rating") or ""
    label = w.label(Rating(value)) if value in {r.value for r in Rating} else value
    return RatingMark(value, label, computed=False, note=payload.get("note") or "", by=by, t=t)


def _mode(session: SessionInfo, w: Words) -> str:
    meta = session.meta or {}
    if meta.get("mode") == "play":
        if meta.get("decisions"):
            name = Path(str(meta["decisions"])).name
            return w("headless play, decisions file {name}", name=name)
        return w("headless play, automatic players ({policy})", policy=meta.get("auto", ""))
    mode = meta.get("mode")
    if not mode:
        return w("live session")
    return w("live") if mode == "live" else str(mode)


def assemble(
    facts: Facts, session: SessionInfo, journal_name: str, damage: str | None = None
) -> Report:
    scenario = facts.scenario
    text = facts.text
    w = facts.w
    evaluation = facts.evaluation
    objectives = scenario.objectives

    by_pillar_injects: dict[str, list[InjectRow]] = defaultdict(list)
    for inject_id, inject_row in facts.delivered.items():
        for pillar in facts.inject_pillars.get(inject_id, ()):
            by_pillar_injects[pillar].append(inject_row)
    by_pillar_decisions: dict[str, list[DecisionRow]] = defaultdict(list)
    for decision_row, pillars in facts.decisions:
        for pillar in pillars:
            by_pillar_decisions[pillar].append(decision_row)
    by_pillar_expected: dict[str, list[ExpectedRow]] = defaultdict(list)
    by_objective: dict[str, list[ExpectedRow]] = defaultdict(list)
    for (inject_id, _index), expected_row in facts.expected.items():
        for pillar in facts.inject_pillars.get(inject_id, ()):
            by_pillar_expected[pillar].append(expected_row)
        if expected_row.objective:
            by_objective[expected_row.objective].append(expected_row)
    for rows in by_pillar_expected.values():
        rows.sort(key=lambda r: (r.delivered, r.inject, r.index))
    touched = touched_pillars(facts)

    objective_results = {
        o.id: ObjectiveResult(
            o.id,
            o.pillar.value,
            text(o.text),
            text(o.capability),
            text(o.target),
            count(by_objective.get(o.id, ())),
            _rating(evaluation, "objective", o.id, w),
            suggest(count(by_objective.get(o.id, ())), w),
        )
        for o in objectives
    }

    sections = []
    for pillar in Pillar:
        slug = pillar.value
        injects = by_pillar_injects.get(slug, [])
        decisions = by_pillar_decisions.get(slug, [])
        expected = by_pillar_expected.get(slug, [])
        counts = count(expected)
        sections.append(
            PillarSection(
                pillar=slug,
                title=pillar.label("en"),
                title_nl=pillar.label("nl"),
                track=w.label(pillar.track),
                exercised=bool(touched.get(slug)),
                metrics=pillar_metrics(injects, decisions),
                objectives=[r for r in objective_results.values() if r.pillar == slug],
                injects=injects,
                decisions=decisions,
                expected=expected,
                expected_counts=counts,
                contingencies=[i for i in injects if i.contingency],
                indicators=[
                    _series(facts, i.id) for i in scenario.indicators if i.pillar == pillar
                ],
                observations=[o for o in facts.observations if o.pillar == slug],
                rating=_rating(evaluation, "pillar", slug, w),
                suggested=suggest(counts, w),
            )
        )

    all_decisions = [row for row, _p in facts.decisions]
    all_expected = count(facts.expected.values())
    median, _mean, _max = latency_stats(all_decisions)
    improvements = _improvements(facts)
    totals = Totals(
        injects_delivered=len(facts.delivered),
        contingencies=sum(1 for i in facts.delivered.values() if i.contingency),
        decisions_taken=sum(1 for r in all_decisions if r.kind == "decision"),
        decisions_missed=sum(1 for r in all_decisions if r.kind == "missed"),
        decisions_open=len(facts.opened),
        self_decisions=sum(1 for r in all_decisions if r.kind == "self-decision"),
        measures=sum(1 for r in all_decisions if r.kind == "measure"),
        latency_median=median,
        expected=all_expected,
        observations=len(facts.observations),
        improvement_items=len(improvements),
        rejected_commands=facts.rejected,
    )
    communication = _communication(facts, all_decisions)
    escalation = Escalation(phase_changes(facts), measure_rows(facts))
    roles = _roles(facts, all_decisions)
    people = [
        Person(
            p.get("name") or "",
            p.get("organisation") or "",
            p.get("role") or "",
            text(scenario.role_map[p["role"]].title) if p.get("role") in scenario.role_map else "",
        )
        for _by, p in evaluation.participants
    ]
    for person in people:
        for role in roles:
            if role.id == person.role:
                role.people.append(person.name)
    final = evaluation.final if evaluation.is_final else None
    overview = Overview(
        scenario_id=scenario.id,
        scenario_title=text(scenario.title),
        description=text(scenario.description),
        threat=text(scenario.threat),
        classification=scenario.classification,
        language=facts.lang,
        session_date=_wall_text(session.started_wall, scenario, w),
        scenario_start=reader_time(w.lang, scenario.start) if scenario.start else None,
        duration=bounded_time(scenario.duration),
        played=facts.last_t,
        ended=facts.ended,
        end_reason=facts.end_reason,
        mode=_mode(session, w),
        seed=session.seed,
        journal=journal_name,
        events=facts.events,
        last_hash=facts.last_hash,
        status="final" if final else "draft",
        final_by=(final[1] or "") if final else "",
        final_at=_wall_text(final[0], scenario, w) if final else "",
        objectives=len(objectives),
        roles=roles,
        damage=None
        if damage is None
        else say(facts.lang, damage),  # a phrase: in the report's words
        unreadable_events=facts.unreadable,
        unreadable=facts.skipped,
        pauses_left_out=facts.pauses_left_out,
    )
    glances = [
        PillarGlance(
            s.pillar,
            pillar_titles(s, w)[0],
            s.exercised,
            s.expected_counts,
            s.rating,
            s.suggested,
        )
        for s in sections
    ]
    summary = Summary(
        _points(facts, overview, totals, sections, communication, escalation), totals, glances
    )
    report = Report(
        overview=overview,
        summary=summary,
        pillars=sections,
        nato=_nato(facts, by_pillar_expected),
        communication=communication,
        escalation=escalation,
        improvement_plan=improvements,
        timeline=facts.timeline,
        participants=Participants(roles, people),
        feedback=_feedback(facts, sections, w),
        media=media_section(facts),
    )
    summary.findings, summary.recommendations = compute_findings(report, w)
    summary.findings, summary.dropped = judge_findings(summary.findings, facts.evaluation.findings)
    report.long_texts = has_long_text(report)
    return report


def _feedback(facts: Facts, sections: list[PillarSection], w: Words) -> ParticipantFeedback:
    """The participants' forms, each role with the pillars of the injects it received."""
    role_pillars: dict[str, list[str]] = defaultdict(list)
    for section in sections:
        for inject in section.injects:
            for role in inject.to:
                if section.pillar not in role_pillars[role]:
                    role_pillars[role].append(section.pillar)
    titles = {r.id: facts.text(r.title) for r in facts.scenario.roles}
    return participant_feedback(
        facts.feedback,
        titles,
        role_pillars,
        [(s.pillar, pillar_titles(s, w)[0]) for s in sections],
    )


def _series(facts: Facts, indicator_id: str) -> IndicatorSeries:
    spec = facts.scenario.indicator_map[indicator_id]
    points = facts.indicators[indicator_id]
    values = [v for _t, v in points]
    return IndicatorSeries(
        indicator_id,
        facts.text(spec.title),
        spec.unit or "",
        spec.nato.value if spec.nato else "",
        spec.min,
        spec.max,
        spec.start,
        values[-1],
        min(values),
        max(values),
        points,
        facts.indicator_moves[indicator_id],
    )


def _communication(facts: Facts, decisions: list[DecisionRow]) -> Communication:
    elements = []
    for element in CommsElement:
        items = [
            comms_item(r) for r in decisions if r.kind != "missed" and element.value in r.comms
        ]
        elements.append(
            CommsElementRow(
                element.value,
                element.label(facts.lang),
                len(items),
                items[0].t if items else None,
                items,
            )
        )
    reference, reference_inject, first = first_action_perspective(facts)
    ref_row = facts.delivered.get(reference_inject)
    return Communication(
        elements,
        reference,
        reference_inject,
        ref_row.title if ref_row else "",
        first,
        round(first.t - reference, 3) if first else None,
        disruption_comms(facts),
        list(facts.products.values()),
    )


def _roles(facts: Facts, decisions: list[DecisionRow]) -> list[RoleActivity]:
    out = []
    for role in facts.scenario.roles:
        mine = [r for r in decisions if r.role == role.id]
        median, mean, _max = latency_stats(mine)
        out.append(
            RoleActivity(
                role.id,
                facts.text(role.title),
                role.kind.value,
                RoleKind(role.kind).label(facts.lang),
                decisions=sum(1 for r in mine if r.kind == "decision"),
                missed=sum(1 for r in mine if r.kind == "missed"),
                self_decisions=sum(1 for r in mine if r.kind == "self-decision"),
                measures=sum(1 for r in mine if r.kind == "measure"),
                latency_median=median,
                latency_mean=mean,
            )
        )
    return out


def _improvements(facts: Facts) -> list[ImprovementRow]:
    objectives = facts.scenario.objective_map
    out = []
    for n, (_t, by, p) in enumerate(facts.evaluation.improvements, 1):
        if f"IP-{n}" in facts.evaluation.withdrawn:
            continue  # left out, and its number is not reused: IP-n is the n-th item
        objective = objectives.get(p.get("objective") or "")
        capability = p.get("capability") or (facts.text(objective.capability) if objective else "")
        element = p.get("element") or ""
        out.append(
            ImprovementRow(
                f"IP-{n}",
                p.get("pillar") or "",
                p.get("objective") or "",
                capability,
                p.get("issue") or "",
                p.get("action") or "",
                element,
                p.get("organisation") or "",
                p.get("contact") or "",
                p.get("start") or "",
                p.get("due") or "",
                by,
                owner=p.get("contact") or "",
            )
        )
        follow_up(out[-1], facts.evaluation.updates.get(out[-1].ref, ()))
    return out


def _nato(facts: Facts, by_pillar_expected: dict[str, list[ExpectedRow]]) -> list[NatoRow]:
    scenario = facts.scenario
    decided: dict[str, int] = defaultdict(int)
    taken: dict[str, int] = defaultdict(int)
    for row, _p in facts.decisions:
        if row.kind == "decision":
            decided[row.inject] += 1
        elif row.kind == "measure":
            taken[row.choice] += 1
    expected_by_inject: dict[str, list[str]] = defaultdict(list)
    for expected in facts.expected.values():
        expected_by_inject[expected.inject].append(expected.status)
    rows = []
    for requirement in NatoRequirement:
        slug = requirement.value
        tagged = [
            i.id for i in scenario.injects if requirement in i.nato and i.id in facts.delivered
        ]
        measures = sum(taken[m.id] for m in scenario.measures if requirement in m.nato)
        counts = Counts()
        for inject_id in tagged:
            for status in expected_by_inject.get(inject_id, ()):
                counts.add(status)
        indicators = [
            IndicatorEnd(i.id, facts.text(i.title), i.start, facts.indicators[i.id][-1][1])
            for i in scenario.indicators
            if i.nato == requirement
        ]
        moved = any(i.start != i.end for i in indicators)
        rows.append(
            NatoRow(
                slug,
                requirement.label(facts.lang),
                list(NATO_PILLARS.get(slug, ())),
                bool(tagged or measures or moved),
                len(tagged),
                sum(decided[i] for i in tagged),
                measures,
                counts,
                indicators,
            )
        )
    return rows


def _points(
    facts: Facts,
    overview: Overview,
    totals: Totals,
    sections: list[PillarSection],
    communication: Communication,
    escalation: Escalation,
) -> list[str]:
    """The executive summary, as plain sentences."""
    w = facts.w
    points = []
    state = (
        w("the session ended ({reason})", reason=w.known(overview.end_reason))
        if overview.ended
        else w("the session did not reach its end")
    )
    points.append(
        w(
            "{injects} delivered in {played} of scenario time (planned {planned}); {state}.",
            injects=w.plural(totals.injects_delivered, "{n} inject", "{n} injects"),
            played=span(overview.played),
            planned=span(overview.duration),
            state=state,
        )
    )
    latency = (
        w(" (median latency {latency})", latency=span(totals.latency_median))
        if totals.latency_median is not None
        else ""
    )
    points.append(
        w(
            "{taken} taken{latency}, {missed} missed, {open} left open; {measures} and {own}.",
            taken=w.plural(totals.decisions_taken, "{n} decision", "{n} decisions"),
            latency=latency,
            missed=w.plural(totals.decisions_missed, "{n} deadline", "{n} deadlines"),
            open=w.plural(totals.decisions_open, "{n} decision", "{n} decisions"),
            measures=w.plural(totals.measures, "{n} measure", "{n} measures"),
            own=w.plural(
                totals.self_decisions, "{n} self-initiated decision", "{n} self-initiated decisions"
            ),
        )
    )
    e = totals.expected
    points.append(
        w(
            "Expected actions: {met} met, {late} late, {missed} missed, {pending} pending the "
            "evaluator's judgement.",
            met=e.met,
            late=e.late,
            missed=e.missed,
            pending=e.pending,
        )
    )
    if totals.contingencies:
        names = ", ".join(i.id for i in facts.delivered.values() if i.contingency)
        points.append(
            w(
                "{n} had to be released ({names}).",
                n=w.plural(
                    totals.contingencies, "{n} contingency inject", "{n} contingency injects"
                ),
                names=names,
            )
        )
    else:
        points.append(w("No contingency inject had to be released."))
    start = (
        w(
            "the first severe inject ({inject}, {time})",
            inject=communication.reference_inject,
            time=format_clock(communication.reference),
        )
        if communication.reference_inject
        else w("the start of the session")
    )
    first = communication.first_action_perspective
    if first is not None and communication.lag is not None:
        points.append(
            w(
                "First public message with an action perspective {lag} after {start}, by "
                "{role} ({ref}).",
                lag=span(communication.lag),
                start=start,
                role=first.role,
                ref=first.ref,
            )
        )
    else:
        points.append(w("No public message with an action perspective after {start}.", start=start))
    changes = [change for change in escalation.phases if change.cause != "start"]
    if len(changes) > MAX_SUMMARY_PHASES:
        more = len(changes) - MAX_SUMMARY_PHASES
        changes = changes[:MAX_SUMMARY_PHASES]
    else:
        more = 0
    for change in changes:
        move = w(
            "Move to {phase} ({level}) at {time}",
            phase=change.title,
            level=change.level,
            time=format_clock(change.t),
        )
        if change.lag == 0 and change.action is not None and change.action.kind == "decision":
            how = w("entered by the team's own decision ({ref})", ref=change.action.ref)
        elif change.lag is not None and change.action is not None:
            how = w("recognised after {lag} ({ref})", lag=span(change.lag), ref=change.action.ref)
        else:
            how = change.note
        points.append(f"{move}: {how}.")
    if more:
        points.append(w("{n} more phase changes: see the escalation section.", n=more))
    # By number and name, as the pillar sections are headed (a reader knows no slugs).
    idle = [
        f"{pillar_number(s.pillar)} {pillar_titles(s, w)[0]}" for s in sections if not s.exercised
    ]
    if idle:
        points.append(w("Not exercised: {pillars}.", pillars=", ".join(idle)))
    rated = sum(1 for s in sections if s.rating is not None)
    items = w.plural(totals.improvement_items, "{n} item", "{n} items")
    points.append(
        w(
            "{rated} of 6 pillars rated by an evaluator; {items} in the improvement plan.",
            rated=rated,
            items=items,
        )
        if rated
        else w("No pillar rated by an evaluator yet; {items} in the improvement plan.", items=items)
    )
    return points
