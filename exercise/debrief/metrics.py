"""From a journal's events to the facts and numbers of the debrief.

`collect` walks the events once and keeps what happened: deliveries, decisions, missed
deadlines, measures, self-initiated decisions, expected actions and their outcomes, phase
changes, indicator values, observations and the evaluators' input. The functions after it
turn those facts into the numbers trainers ask for. Every definition is in docs/debrief.md;
each function's docstring says the same in one line.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeGuard

from ..model import CommsElement, Level, Pillar, ProductKind, Rating, Scenario, localize
from ..model.condition import Compare
from ..model.events import (
    AdhocInject,
    CommandRejected,
    DecisionMissed,
    DecisionOpened,
    DecisionTaken,
    Empty,
    Event,
    ExpectedJudged,
    ExpectedMet,
    ExpectedMissed,
    Feedback,
    FindingJudged,
    ImprovementItem,
    ImprovementUpdate,
    IndicatorChanged,
    InjectDelivered,
    InjectRef,
    Jumped,
    Kind,
    MeasureLifted,
    MeasureTaken,
    NarrativeAnswered,
    NarrativeReach,
    Observation,
    Participant,
    PhaseEntered,
    ProductApproved,
    ProductIssued,
    ProductReturned,
    ProductSubmitted,
    RatingGiven,
    ReportFinal,
    SelfDecision,
    SessionEnded,
    SessionStarted,
    SpeedSet,
    Withdrawn,
)
from ..model.reasons import reason_text
from ..model.scenario import SEVERE
from ..sim.describe import Describer
from .evaluation import STATUSES, VERDICTS, Evaluation
from .feedback import FormRead, read_answers
from .report import (
    ActionRef,
    CommsItem,
    Counts,
    DecisionRow,
    DisruptionComms,
    ElementCover,
    ExpectedRow,
    IndicatorMove,
    InjectRow,
    MeasureRow,
    ObservationRow,
    PhaseChange,
    PillarMetrics,
    ProductRow,
    RatingMark,
    SkippedEvent,
    Status,
    TimelineRow,
)
from .text import ELEMENT_SHORT, MAX_TIME, bounded_time
from .words import ENGLISH, Words

ACTION_PERSPECTIVE = CommsElement.ACTION_PERSPECTIVE.value
_LEVELS = frozenset(level.value for level in Level)
MAJOR_SEVERITY = SEVERE  # a disruption: communication is measured on injects this severe
# Unreadable events listed by seq in the report (all are counted): enough to find the
# pattern in a damaged journal without the list becoming the report.
MAX_UNREADABLE_LISTED = 20
_LARGEST = sys.float_info.max

Tags = tuple[str, ...]
Payload = Mapping[str, object]  # an event's payload, read field by field


@dataclass(slots=True)
class Facts:
    """What the events of one session say happened."""

    scenario: Scenario
    lang: str
    events: int = 0
    last_t: float = 0.0
    last_hash: str = ""
    ended: bool = False
    end_reason: str = ""
    rejected: int = 0
    delivered: dict[str, InjectRow] = field(default_factory=dict)
    inject_pillars: dict[str, Tags] = field(default_factory=dict)
    decisions: list[tuple[DecisionRow, Tags]] = field(default_factory=list)
    opened: dict[str, float] = field(default_factory=dict)  # decisions still open
    # the time each decision allowed, from its opening (deadline - opening), by inject
    allowed: dict[str, float] = field(default_factory=dict)
    expected: dict[tuple[str, int], ExpectedRow] = field(default_factory=dict)
    phases: list[tuple[float, str, str, str]] = field(default_factory=list)  # t, id, level, cause
    indicators: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    # per indicator the decisions and measures that moved it
    indicator_moves: dict[str, list[IndicatorMove]] = field(default_factory=dict)
    # what each cause of an indicator change names, looked up once (a long session repeats
    # them): (kind, ref, text), or None for a default applied after a missed deadline
    movers: dict[str, tuple[Literal["decision", "measure"], str, str] | None] = field(
        default_factory=dict
    )
    observations: list[ObservationRow] = field(default_factory=list)
    timeline: list[TimelineRow] = field(default_factory=list)
    item_rows: dict[str, TimelineRow] = field(default_factory=dict)  # IP-n, OBS-n
    evaluation: Evaluation = field(default_factory=Evaluation)
    feedback: list[FormRead] = field(default_factory=list)  # the participants' forms
    conditional_contingencies: frozenset[str] = frozenset()
    lifted: dict[str, tuple[float, bool]] = field(default_factory=dict)  # t, informed
    # narratives that started: their reach over time, and who answered them when
    narrative_reach: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    narrative_started: dict[str, tuple[float, str]] = field(default_factory=dict)  # t, inject
    narrative_answers: dict[str, tuple[float, str, str]] = field(default_factory=dict)
    products: dict[str, ProductRow] = field(default_factory=dict)  # by id, as first seen
    pause_rows: bool = False  # the clock's pauses and resumes as timeline rows
    pauses_left_out: int = 0  # ... and how many were left out when not
    unreadable: int = 0  # events left out: their payload has the wrong shape
    skipped: list[SkippedEvent] = field(default_factory=list)  # the first of them
    w: Words = field(init=False)
    describer: Describer = field(init=False)  # the timeline's lines, as the feeds say them

    def __post_init__(self) -> None:
        self.w = Words(self.lang)  # the report's own words, in the report's language
        self.describer = Describer(self.scenario, self.w.lang)

    def text(self, value: str | dict[str, str] | None) -> str:
        return localize(value, self.lang, self.scenario.language)


def is_contingency(scenario: Scenario, inject_id: str) -> bool:
    """Marked `contingency: true`, or conditional on a `missed(...)` test."""
    inject = scenario.inject_map.get(inject_id)
    if inject is None:
        return False
    if inject.contingency:
        return True
    if inject.when is None:
        return False
    return any(
        not isinstance(leaf, Compare) and leaf.func == "missed" for leaf in inject.when.leaves()
    )


def collect(
    scenario: Scenario, events: Iterable[Event], lang: str | None = None, pauses: bool = False
) -> Facts:
    """One pass over the events. An event whose payload has the wrong shape (a journal
    made or edited by hand) is left out and counted, with what is wrong, in `unreadable`.
    The clock's pauses and resumes are timeline rows only with `pauses` (else counted)."""
    facts = Facts(scenario, lang or scenario.language)
    facts.pause_rows = pauses
    facts.conditional_contingencies = frozenset(
        i.id for i in scenario.injects if i.when is not None and is_contingency(scenario, i.id)
    )
    for indicator in scenario.indicators:
        facts.indicators[indicator.id] = [(0.0, indicator.start)]
        facts.indicator_moves[indicator.id] = []
    collectors = COLLECTORS
    evaluation = facts.evaluation
    count = 0
    event = last = None
    for event in events:
        count += 1
        try:
            if not 0.0 <= event.t <= MAX_TIME:
                raise _Unreadable(
                    "its scenario time ({t} s) is before T+0 or after {most} s",
                    t=f"{event.t:g}",
                    most=f"{MAX_TIME:g}",
                )
            last = event  # its time counts, even if its payload does not read
            if type(event.payload) is not dict:
                raise _Unreadable("its payload is not an object")
            collect_one = collectors.get(event.kind)
            if collect_one is not None:
                collect_one(facts, event, event.payload)
        except _Unreadable as err:
            _skip(facts, event, facts.w(err.text, **err.values))
        except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError) as err:
            # a shape the checks below do not foresee: still one event left out, not a crash
            _skip(facts, event, facts.w("cannot be read ({error})", error=type(err).__name__))
    if last is not None:
        facts.last_t = max(facts.last_t, last.t)
    if event is not None:
        facts.last_hash = event.hash
    facts.events = count
    if evaluation.withdrawn:
        _leave_out_withdrawn(facts)
    for key, (_t, by, payload) in evaluation.judgements.items():
        row = facts.expected.get(key)
        if row is not None and row.status == "pending":
            row.status = payload.get("status", "pending")
            row.reason = payload.get("note", "")
            row.judged_by = by
    return facts


# -- reading a payload: its shape is checked before anything is taken from it ----------------


class _Unreadable(Exception):
    """An event the debrief leaves out: `text` (an English key of `words`) says why."""

    def __init__(self, text: str, **values: object) -> None:
        super().__init__(text)
        self.text = text
        self.values = values


def _skip(facts: Facts, event: Event, problem: str) -> None:
    facts.unreadable += 1
    if len(facts.skipped) < MAX_UNREADABLE_LISTED:
        facts.skipped.append(SkippedEvent(event.seq, str(event.kind), problem))


def _text(p: Payload, key: str, default: str = "") -> str:
    """An optional text field."""
    value = p.get(key, default)
    if type(value) is str:
        return value
    if value is None:
        return default
    raise _Unreadable("{field} is not text", field=key)


def _needed(p: Payload, key: str) -> str:
    """A required text field."""
    value = p.get(key)
    if type(value) is str:
        return value
    if value is None:
        raise _Unreadable("no {field}", field=key)
    raise _Unreadable("{field} is not text", field=key)


def _maybe_text(p: Payload, key: str) -> str | None:
    value = p.get(key)
    if value is None or type(value) is str:
        return value
    raise _Unreadable("{field} is not text", field=key)


def _texts(p: Payload, key: str) -> list[str]:
    """An optional list of texts."""
    value = p.get(key)
    if value is None:
        return []
    if type(value) is list and all(type(x) is str for x in value):
        return value
    raise _Unreadable("{field} is not a list of texts", field=key)


def _number(value: object, key: str) -> float:
    """A finite number (not true or false)."""
    if type(value) is float:
        if -_LARGEST <= value <= _LARGEST:  # not infinite, not NaN
            return value
    elif type(value) is int and -_LARGEST <= value <= _LARGEST:
        return float(value)
    if value is None:
        raise _Unreadable("no {field}", field=key)
    raise _Unreadable("{field} is not a finite number", field=key)


def _seconds(value: object, key: str) -> float | None:
    """An optional duration in seconds, within ±MAX_TIME (so sums of them stay finite)."""
    if value is None:
        return None
    seconds = _number(value, key)
    if -MAX_TIME <= seconds <= MAX_TIME:
        return seconds
    raise _Unreadable("{field} is not a time of at most {most} s", field=key, most=f"{MAX_TIME:g}")


def _review(f: Facts, e: Event, p: ReviewPayload) -> None:
    """Evaluator input: checked against `_REVIEW_FIELDS`, then folded into the evaluation."""
    for key, kind, required in _REVIEW_FIELDS[e.kind]:
        value = p.get(key)
        if value is None:
            if required:
                raise _Unreadable("no {field}", field=key)
        elif kind == "text":
            _text(p, key)
        elif kind == "index":
            if type(value) is not int or value < 0:
                raise _Unreadable("{field} is not a whole number", field=key)
        elif value not in kind:  # a tuple of the values allowed
            raise _Unreadable("{field} is not one of {allowed}", field=key, allowed=", ".join(kind))
    f.evaluation.apply(e.seq, e.t, e.wall, e.kind, e.actor, p)
    if e.kind in (Kind.PARTICIPANT, Kind.WITHDRAWN):
        return
    _timeline(f, e, ())
    if e.kind == Kind.IP_ROW:
        f.item_rows[f"IP-{len(f.evaluation.improvements)}"] = f.timeline[-1]


def _feedback(f: Facts, e: Event, p: Feedback) -> None:
    """A role's feedback form after play: read whole before it is kept."""
    role = _needed(p, "role")
    try:
        answers = read_answers(p)
    except ValueError as err:
        raise _Unreadable("{field} is not an answer of a feedback form", field=str(err)) from None
    f.feedback.append(FormRead(e.t, role, e.actor or role, answers))
    # new content: a report marked final before it is a draft again (as other input)
    f.evaluation.apply(e.seq, e.t, e.wall, e.kind, e.actor, p)
    _timeline(f, e, (), role)


ReviewPayload = (
    RatingGiven
    | ImprovementItem
    | ExpectedJudged
    | Participant
    | ReportFinal
    | Withdrawn
    | ImprovementUpdate
    | FindingJudged
)

_SETTLED: tuple[Status, ...] = ("met", "late", "missed")


def _settled(value: object) -> TypeGuard[Status]:
    """An expected action's outcome once settled: met, late or missed."""
    return value in _SETTLED


_IP_FIELDS = (
    "pillar",
    "objective",
    "capability",
    "issue",
    "action",
    "element",
    "organisation",
    "contact",
    "start",
    "due",
)
# kind -> (field, "text" | "index" | the values allowed, required)
_REVIEW_FIELDS: dict[str, tuple[tuple[str, str | tuple[str, ...], bool], ...]] = {
    Kind.RATING: (
        ("scope", ("pillar", "objective"), True),
        ("target", "text", True),
        ("rating", "text", True),
        ("note", "text", False),
    ),
    Kind.IP_ROW: tuple((key, "text", False) for key in _IP_FIELDS),
    Kind.EXPECTED_JUDGED: (
        ("inject", "text", True),
        ("index", "index", True),
        ("status", _SETTLED, True),
        ("note", "text", False),
    ),
    Kind.PARTICIPANT: (
        ("role", "text", True),
        ("name", "text", True),
        ("organisation", "text", False),
    ),
    Kind.REPORT_FINAL: (("by", "text", False),),
    Kind.WITHDRAWN: (("ref", "text", True), ("reason", "text", False)),
    Kind.IP_UPDATE: (
        ("ref", "text", True),
        ("status", STATUSES, False),
        ("owner", "text", False),
        ("due", "text", False),
        ("note", "text", False),
        ("on", "text", False),
    ),
    Kind.FINDING_JUDGED: (
        ("key", "text", True),
        ("verdict", VERDICTS, True),
        ("text", "text", False),
    ),
}


def _leave_out_withdrawn(facts: Facts) -> None:
    """Drop withdrawn observations and the timeline rows of withdrawn items (the
    improvement plan is built from the evaluation and skips them there). The others
    keep their refs: those were given in journal order, before anything was dropped."""
    gone = facts.evaluation.withdrawn
    facts.observations = [o for o in facts.observations if o.ref not in gone]
    rows = {id(facts.item_rows[ref]) for ref in gone if ref in facts.item_rows}
    facts.timeline = [row for row in facts.timeline if id(row) not in rows]


def _timeline(facts: Facts, event: Event, pillars: Tags, role: str = "") -> None:
    """A row of the timeline, in the describer's words (those of the live feed)."""
    text = facts.describer.text(event.kind, event.actor, event.payload) or ""
    facts.timeline.append(
        TimelineRow(event.t, event.kind, role or event.actor or "", list(pillars), text)
    )


# Each handler reads and checks every field it uses before it changes anything, so an
# event it refuses (raising _Unreadable) leaves the facts as they were.


def _started(f: Facts, e: Event, p: SessionStarted) -> None:
    _timeline(f, e, ())


def _resumed(f: Facts, e: Event, p: Empty) -> None:
    _timeline(f, e, ())


def _reason(f: Facts, p: Payload) -> str:
    """An event's reason in the report's language: by its code and parameters, else (a
    journal from before the codes) the English it holds."""
    written = _text(p, "reason")
    code, params = p.get("code"), p.get("params")
    if type(code) is not str or type(params) is not dict:
        return reason_text(f.w.lang, {"reason": written})
    return reason_text(f.w.lang, {"reason": written, "code": code, "params": params})


def _ended(f: Facts, e: Event, p: SessionEnded) -> None:
    reason = _reason(f, p)
    f.ended = True
    f.end_reason = reason
    _timeline(f, e, ())


def _phase(f: Facts, e: Event, p: PhaseEntered) -> None:
    phase_id, level, cause = _text(p, "phase"), _text(p, "level"), _text(p, "cause")
    f.phases.append((e.t, phase_id, level, cause))
    _timeline(f, e, ())


def _delivered(f: Facts, e: Event, p: InjectDelivered) -> None:
    inject_id = _needed(p, "inject")
    to = list(_texts(p, "to"))
    cause = _text(p, "cause")
    inject = f.scenario.inject_map.get(inject_id)
    if inject is not None:
        pillars = tuple(pillar.value for pillar in inject.pillars)
        row = InjectRow(
            inject_id,
            f.text(inject.title),
            e.t,
            to,
            inject.method.value,
            inject.severity,
            inject.attribution.value if inject.attribution else "",
            cause,
            inject.contingency or inject_id in f.conditional_contingencies,
            inject.source or "",
        )
        decider = inject.decider
        for index, spec in enumerate(inject.expected):
            if spec.option and inject.decision is not None:
                option = inject.decision.option(spec.option)
                what = f.w(
                    "Choose: {option}", option=f.text(option.label) if option else spec.option
                )
            elif spec.measure:
                measure = f.scenario.measure_map.get(spec.measure)
                title = f.text(measure.title) if measure else spec.measure
                what = f.w("Take measure: {measure}", measure=title)
            elif spec.product is not None:
                wanted = spec.product
                kind = f.w.label(wanted.kind) if wanted.kind else f.w("a communication product")
                elements = ", ".join(f.w(ELEMENT_SHORT[e.value]) for e in wanted.elements)
                what = (
                    f.w("Issue: {kind} with {elements}", kind=kind, elements=elements)
                    if elements
                    else f.w("Issue: {kind}", kind=kind)
                )
            else:
                what = f.text(spec.action)
            f.expected[(inject_id, index)] = ExpectedRow(
                inject_id,
                row.title,
                index,
                spec.product_role or spec.role or decider or "",
                what,
                spec.objective or "",
                e.t,
                bounded_time(e.t + spec.within) if spec.within is not None else None,
                "pending",
                None,
                None,
                "",
            )
    else:  # an ad-hoc inject: its content came with the adhoc-inject event before
        adhoc = f.delivered.pop(inject_id, None)
        pillars = f.inject_pillars.get(inject_id, ())
        row = InjectRow(
            inject_id,
            adhoc.title if adhoc else inject_id,
            e.t,
            to,
            adhoc.method if adhoc else "other",
            None,
            "",
            cause,
            False,
        )
    f.delivered[inject_id] = row
    f.inject_pillars[inject_id] = pillars
    _timeline(f, e, pillars)


def _adhoc(f: Facts, e: Event, p: AdhocInject) -> None:
    inject_id = _needed(p, "inject")
    pillars = tuple(_texts(p, "pillars"))
    title, method = _text(p, "title"), _text(p, "method", "other")
    f.inject_pillars[inject_id] = pillars
    f.describer.adhoc_seen(inject_id, title)  # the delivery's line names it by its title
    # kept aside until its delivery event, which follows at once
    f.delivered[inject_id] = InjectRow(inject_id, title, e.t, [], method, None, "", "", False)


def _opened(f: Facts, e: Event, p: DecisionOpened) -> None:
    inject_id = _needed(p, "inject")
    deadline = _seconds(p.get("deadline"), "deadline")
    f.opened[inject_id] = e.t
    if deadline is not None and deadline >= e.t:
        f.allowed[inject_id] = deadline - e.t


def _taken(f: Facts, e: Event, p: DecisionTaken) -> None:
    inject_id = _needed(p, "inject")
    choice = _needed(p, "option")
    role = _text(p, "role", e.actor or "")
    rationale = _text(p, "rationale")
    latency = _seconds(p.get("latency"), "latency")
    f.opened.pop(inject_id, None)
    inject = f.scenario.inject_map.get(inject_id)
    option = inject.decision.option(choice) if inject and inject.decision else None
    delivered = f.delivered.get(inject_id)
    if latency is None and delivered is not None:
        latency = round(e.t - delivered.t, 3)
    label = f.text(option.label) if option else choice
    row = DecisionRow(
        e.t,
        "decision",
        role,
        inject_id,
        delivered.title if delivered else inject_id,
        choice,
        label,
        rationale,
        latency,
        [c.value for c in option.comms] if option else [],
        f.allowed.get(inject_id),
    )
    pillars = f.inject_pillars.get(inject_id, ())
    f.decisions.append((row, pillars))
    _timeline(f, e, pillars, row.role)


def _missed(f: Facts, e: Event, p: DecisionMissed) -> None:
    inject_id = _needed(p, "inject")
    default = _maybe_text(p, "default")
    role = _text(p, "role", e.actor or "")
    f.opened.pop(inject_id, None)
    delivered = f.delivered.get(inject_id)
    inject = f.scenario.inject_map.get(inject_id)
    text = f.w("Deadline passed")
    if default and inject is not None and inject.decision is not None:
        option = inject.decision.option(default)
        label = f.text(option.label) if option else default
        text += f.w("; default applied: {option}", option=label)
    row = DecisionRow(
        e.t,
        "missed",
        role,
        inject_id,
        delivered.title if delivered else inject_id,
        default or "",
        text,
        "",
        round(e.t - delivered.t, 3) if delivered else None,
        [],
        f.allowed.get(inject_id),
    )
    pillars = f.inject_pillars.get(inject_id, ())
    f.decisions.append((row, pillars))
    _timeline(f, e, pillars, row.role)


def _measure(f: Facts, e: Event, p: MeasureTaken) -> None:
    measure_id = _needed(p, "measure")
    role = _text(p, "role", e.actor or "")
    rationale = _text(p, "rationale")
    measure = f.scenario.measure_map.get(measure_id)
    title = f.text(measure.title) if measure else measure_id
    pillars = tuple(x.value for x in measure.pillars) if measure else ()
    row = DecisionRow(
        e.t,
        "measure",
        role,
        "",
        "",
        measure_id,
        title,
        rationale,
        None,
        [c.value for c in measure.comms] if measure else [],
    )
    f.decisions.append((row, pillars))
    _timeline(f, e, pillars, row.role)


def _lifted(f: Facts, e: Event, p: MeasureLifted) -> None:
    measure_id = _needed(p, "measure")
    f.lifted.setdefault(measure_id, (e.t, p.get("informed") is True))
    measure = f.scenario.measure_map.get(measure_id)
    pillars = tuple(x.value for x in measure.pillars) if measure else ()
    _timeline(f, e, pillars, _text(p, "role", e.actor or ""))


def _self_decision(f: Facts, e: Event, p: SelfDecision) -> None:
    pillars = tuple(_texts(p, "pillars"))
    comms = list(_texts(p, "comms"))
    row = DecisionRow(
        e.t,
        "self-decision",
        _text(p, "role", e.actor or ""),
        "",
        "",
        "",
        _text(p, "text"),
        "",
        None,
        comms,
    )
    f.decisions.append((row, pillars))
    _timeline(f, e, pillars, row.role)


def _expected(f: Facts, e: Event, p: ExpectedMet | ExpectedMissed) -> None:
    inject_id = _text(p, "inject")
    index = p.get("index", -1)
    if type(index) is not int:
        raise _Unreadable("{field} is not a whole number", field="index")
    status = p.get("status") or ("missed" if e.kind == Kind.EXPECTED_MISSED else "met")
    if not _settled(status):
        raise _Unreadable(
            "{field} is not one of {allowed}", field="status", allowed=", ".join(_SETTLED)
        )
    reason = _reason(f, p)
    row = f.expected.get((inject_id, index))
    if row is None:
        return
    row.status = status
    row.reason = reason
    if row.status != "missed":
        row.at = e.t
        row.delay = round(e.t - row.delivered, 3)


def _indicator(f: Facts, e: Event, p: IndicatorChanged) -> None:
    indicator = _needed(p, "indicator")
    value = _number(p.get("value"), "value")
    series = f.indicators.get(indicator)
    if series is not None:
        cause = p.get("cause")
        if type(cause) is str and cause:
            movers = f.movers
            mover = movers[cause] if cause in movers else movers.setdefault(cause, _mover(f, cause))
            if mover is not None:  # made with the series: the two have the same keys
                kind, ref, said = mover
                move = (e.t, kind, ref, said, value, value - series[-1][1])
                f.indicator_moves[indicator].append(_new_move(IndicatorMove, move))
        series.append((e.t, value))


# IndicatorMove(...) runs a Python-level __new__; a bench session makes 60,000 of them
_new_move = tuple.__new__


def _mover(f: Facts, cause: str) -> tuple[Literal["decision", "measure"], str, str] | None:
    """What an indicator change's cause names: a measure, a decision (inject/option), or
    None (a default applied after a missed deadline is no one's decision)."""
    scenario = f.scenario
    if cause.startswith("measure "):
        ref = cause.removeprefix("measure ")
        measure = scenario.measure_map.get(ref)
        return "measure", ref, f.text(measure.title) if measure else ref
    if "/" in cause and not cause.startswith("default of "):
        inject_id, option_id = cause.split("/", 1)
        inject = scenario.inject_map.get(inject_id)
        option = inject.decision.option(option_id) if inject and inject.decision else None
        return "decision", cause, f.text(option.label) if option else option_id
    return None


def _observation(f: Facts, e: Event, p: Observation) -> None:
    pillar = _needed(p, "pillar")
    kind = _text(p, "kind", "note")
    objective = _text(p, "objective")
    text_ = _text(p, "text")
    root_cause = _text(p, "root_cause")
    seat = _text(p, "seat")
    at = _seconds(p.get("at"), "at")  # when it was seen, if the evaluator said (review)
    ref = f.evaluation.observed(e.seq)
    f.observations.append(
        ObservationRow(
            ref,
            e.t if at is None else at,
            kind,
            pillar,
            objective,
            text_,
            root_cause,
            e.actor or "",
            seat,
        )
    )
    _timeline(f, e, (pillar,))
    f.item_rows[ref] = f.timeline[-1]  # the row just added, dropped if withdrawn


_ELEMENTS = tuple(e.value for e in CommsElement)


def _product_row(f: Facts, p: ProductSubmitted | ProductIssued) -> ProductRow:
    """A product's row from its fields, each checked."""
    kind = _needed(p, "kind")
    try:
        label = f.w.label(ProductKind(kind))
    except ValueError:
        label = kind  # a kind this version does not know: as written
    elements = _texts(p, "elements")
    if not set(elements).issubset(_ELEMENTS):
        raise _Unreadable(
            "{field} is not one of {allowed}", field="elements", allowed=", ".join(_ELEMENTS)
        )
    return ProductRow(
        _needed(p, "product"),
        _needed(p, "role"),
        kind,
        label,
        _text(p, "audience"),
        _text(p, "channel"),
        [e.value for e in CommsElement if e.value in elements],
        _text(p, "text"),
        _texts(p, "answers"),
        "submitted",
        None,
    )


def _product_submitted(f: Facts, e: Event, p: ProductSubmitted) -> None:
    row = _product_row(f, p)
    row.approver = _needed(p, "approver")
    row.submitted = e.t
    f.products.setdefault(row.id, row)
    _timeline(f, e, (), row.role)


def _product_answered(f: Facts, e: Event, p: ProductApproved | ProductReturned) -> None:
    row = f.products.get(_needed(p, "product"))
    note = _text(p, "note")
    by = _needed(p, "by")
    if row is not None and e.kind == Kind.PRODUCT_RETURNED and row.status == "submitted":
        row.status = "returned"
        row.note = note
        row.approved_by = ""
    _timeline(f, e, (), by)


def _product_issued(f: Facts, e: Event, p: ProductIssued) -> None:
    fresh = _product_row(f, p)
    approved_by = _text(p, "approved_by")
    row = f.products.get(fresh.id)
    if row is None:
        row = f.products[fresh.id] = fresh
    elif row.status != "submitted":
        raise _Unreadable("{field} was already issued or returned", field="product")
    row.status = "issued"
    row.t = e.t
    row.approved_by = approved_by
    _timeline(f, e, (), row.role)


def _facilitator(f: Facts, e: Event, p: Empty | InjectRef | SpeedSet | Jumped) -> None:
    """Pause, resume, speed, jump, hold and release: a row of the timeline."""
    if e.kind == Kind.SPEED_SET:
        _number(p.get("speed", 0), "speed")
    elif e.kind in (Kind.INJECT_HELD, Kind.INJECT_UNHELD):
        _text(p, "inject")
    elif e.kind in (Kind.PAUSED, Kind.RESUMED) and not f.pause_rows:
        f.pauses_left_out += 1  # noise in a timeline a director reads, unless asked
        return
    _timeline(f, e, ())


def _rejected(f: Facts, e: Event, p: CommandRejected) -> None:
    command = p.get("command") or {}
    if type(command) is not dict:
        raise _Unreadable("{field} is not an object", field="command")
    _text(command, "type")
    _text(p, "reason")
    f.rejected += 1
    _timeline(f, e, ())


def _narrative_reach(f: Facts, e: Event, p: NarrativeReach) -> None:
    narrative = _needed(p, "narrative")
    reach = _number(p.get("reach"), "reach")
    if not 0 <= reach <= 100:
        raise _Unreadable("{field} is not a share between 0 and 100", field="reach")
    if narrative not in f.scenario.narrative_map:
        return  # not in this scenario: nothing to name it by
    series = f.narrative_reach.setdefault(narrative, [])
    if not series:
        f.narrative_started[narrative] = (e.t, _text(p, "inject"))
    series.append((e.t, reach))


def _narrative_answered(f: Facts, e: Event, p: NarrativeAnswered) -> None:
    narrative = _needed(p, "narrative")
    product = _needed(p, "product")
    role = _text(p, "role")
    if narrative in f.scenario.narrative_map and narrative not in f.narrative_answers:
        f.narrative_answers[narrative] = (e.t, product, role)
    _timeline(f, e, (), role)


# What the debrief takes from each kind of the vocabulary, by kind (None: nothing, such as
# the arming of a conditional inject); tests/test_vocabulary.py checks every kind is here.
Collector = Callable[[Facts, Event, Any], None]
COLLECTORS: Mapping[str, Collector | None] = {
    Kind.SESSION_STARTED: _started,
    Kind.SESSION_RESUMED: _resumed,
    Kind.SESSION_ENDED: _ended,
    Kind.PHASE_ENTERED: _phase,
    Kind.INJECT_SCHEDULED: None,
    Kind.INJECT_DELIVERED: _delivered,
    Kind.INJECT_HELD: _facilitator,
    Kind.INJECT_UNHELD: _facilitator,
    Kind.ADHOC_INJECT: _adhoc,
    Kind.DECISION_OPENED: _opened,
    Kind.DECISION_TAKEN: _taken,
    Kind.DECISION_MISSED: _missed,
    Kind.INDICATOR_CHANGED: _indicator,
    Kind.EXPECTED_MET: _expected,
    Kind.EXPECTED_MISSED: _expected,
    Kind.MEASURE_TAKEN: _measure,
    Kind.MEASURE_LIFTED: _lifted,
    Kind.SELF_DECISION: _self_decision,
    Kind.OBSERVATION: _observation,
    Kind.PAUSED: _facilitator,
    Kind.RESUMED: _facilitator,
    Kind.SPEED_SET: _facilitator,
    Kind.JUMPED: _facilitator,
    Kind.COMMAND_REJECTED: _rejected,
    Kind.PRODUCT_SUBMITTED: _product_submitted,
    Kind.PRODUCT_APPROVED: _product_answered,
    Kind.PRODUCT_RETURNED: _product_answered,
    Kind.PRODUCT_ISSUED: _product_issued,
    Kind.RATING: _review,
    Kind.IP_ROW: _review,
    Kind.EXPECTED_JUDGED: _review,
    Kind.PARTICIPANT: _review,
    Kind.REPORT_FINAL: _review,
    Kind.WITHDRAWN: _review,
    Kind.IP_UPDATE: _review,
    Kind.FINDING_JUDGED: _review,
    Kind.FEEDBACK: _feedback,
    Kind.NARRATIVE_REACH: _narrative_reach,
    Kind.NARRATIVE_ANSWERED: _narrative_answered,
}


# -- the numbers ---------------------------------------------------------------------------


def latency_stats(rows: Iterable[DecisionRow]) -> tuple[float | None, float | None, float | None]:
    """Median, mean and maximum latency of decisions taken (delivery to decision)."""
    values = [r.latency for r in rows if r.kind == "decision" and r.latency is not None]
    if not values:
        return None, None, None
    return (
        round(statistics.median(values), 3),
        round(statistics.fmean(values), 3),
        max(values),
    )


def pillar_metrics(injects: list[InjectRow], decisions: list[DecisionRow]) -> PillarMetrics:
    """Counts per pillar, and the latency of the decisions taken on its injects."""
    median, mean, longest = latency_stats(decisions)
    metrics = PillarMetrics(
        injects=len(injects),
        contingencies=sum(1 for i in injects if i.contingency),
        latency_median=median,
        latency_mean=mean,
        latency_max=longest,
    )
    for row in decisions:
        if row.kind == "decision":
            metrics.decisions_taken += 1
        elif row.kind == "missed":
            metrics.decisions_missed += 1
        elif row.kind == "measure":
            metrics.measures += 1
        else:
            metrics.self_decisions += 1
    return metrics


def count(rows: Iterable[ExpectedRow]) -> Counts:
    counts = Counts()
    for row in rows:
        counts.add(row.status)
    return counts


def suggest(counts: Counts, w: Words = ENGLISH) -> RatingMark | None:
    """A computed P/S/M/U from expected actions: score = (met + late/2) / settled."""
    if counts.settled == 0:
        return None
    score = (counts.met + counts.late / 2) / counts.settled
    if counts.met == counts.settled:
        rating = Rating.P
    elif score >= 0.75:
        rating = Rating.S
    elif score >= 0.4:
        rating = Rating.M
    else:
        rating = Rating.U
    basis = w(
        "{met} met, {late} late, {missed} missed of {settled} settled expected actions "
        "(score {score})",
        met=counts.met,
        late=counts.late,
        missed=counts.missed,
        settled=counts.settled,
        score=w.number(score, 2, fixed=True),
    )
    return RatingMark(rating.value, w.label(rating), computed=True, basis=basis)


def first_action_perspective(
    facts: Facts,
) -> tuple[float, str, CommsItem | None]:
    """From the first delivered inject with severity >= 4 to the first product issued that
    answers it and carries an action perspective (with no such inject: from T+0 to the
    first product carrying one)."""
    reference, reference_inject = 0.0, ""
    for inject in facts.delivered.values():
        if is_severe(inject):
            reference, reference_inject = inject.t, inject.id
            break
    for row in issued_products(facts):
        if ACTION_PERSPECTIVE in row.elements and (
            not reference_inject or reference_inject in row.answers
        ):
            assert row.t is not None
            return (
                reference,
                reference_inject,
                CommsItem(row.t, "product", row.role, row.id, f"{row.kind_label} {row.id}"),
            )
    return reference, reference_inject, None


def is_severe(inject: InjectRow) -> bool:
    """A disruption the debrief measures communication on: severity 4 or more."""
    return inject.severity is not None and inject.severity >= MAJOR_SEVERITY


def issued_products(facts: Facts) -> list[ProductRow]:
    """The products issued, in the order they were issued."""
    rows = [row for row in facts.products.values() if row.status == "issued"]
    rows.sort(key=lambda row: row.t or 0.0)
    return rows


def disruption_comms(facts: Facts) -> list[DisruptionComms]:
    """For each severe inject delivered, in order: the products answering it, the lag to the
    first, which elements they covered and by whom, how many were approved before release."""
    issued = issued_products(facts)
    out = []
    for inject in facts.delivered.values():
        if not is_severe(inject):
            continue
        answering = [row for row in issued if inject.id in row.answers]
        first = answering[0] if answering else None
        covers = []
        for element in CommsElement:
            carrying = [row for row in answering if element.value in row.elements]
            roles = list(dict.fromkeys(row.role for row in carrying))
            covers.append(
                ElementCover(
                    element.value,
                    element.label(facts.lang),
                    roles,
                    carrying[0].t if carrying else None,
                )
            )
        out.append(
            DisruptionComms(
                inject.id,
                inject.title,
                inject.t,
                inject.severity,
                [row.id for row in answering],
                first.id if first else "",
                round(first.t - inject.t, 3) if first and first.t is not None else None,
                covers,
                sum(1 for row in answering if row.approved_by),
            )
        )
    return out


def comms_item(row: DecisionRow) -> CommsItem:
    ref = f"{row.inject}/{row.choice}" if row.kind == "decision" else row.choice
    return CommsItem(row.t, row.kind, row.role, ref, row.text)


def phase_changes(facts: Facts) -> list[PhaseChange]:
    """For each phase entered after the start: the lag to the first measure available from
    exactly that level (0 when the team's own decision entered the phase)."""
    scenario = facts.scenario
    levels = {m.playbook.value for m in scenario.measures}
    measures = [row for row, _p in facts.decisions if row.kind == "measure"]
    out = []
    for t, phase_id, level, cause in facts.phases:
        phase = scenario.phase_map.get(phase_id)
        title = facts.text(phase.title) if phase else phase_id
        level_label = Level(level).label(facts.lang) if level in _LEVELS else level
        change = PhaseChange(t, phase_id, title, level, level_label, cause, None, None, "")
        out.append(change)
        if cause == "start":
            change.note = facts.w("starting phase")
            continue
        if "/" in cause and not cause.startswith("default of"):  # a choice: inject/option
            change.lag = 0.0
            inject_id, _, option = cause.partition("/")
            change.action = ActionRef(t, "decision", cause, _option_label(facts, cause), "")
            for row, _p in facts.decisions:
                if row.inject == inject_id and row.choice == option and row.t == t:
                    change.action.role = row.role
            change.note = facts.w("entered by the team's own decision")
            continue
        if level not in levels:
            change.note = facts.w(
                "not measurable: the scenario has no measure available from {level}", level=level
            )
            continue
        for row in measures:
            measure = scenario.measure_map.get(row.choice)
            if row.t >= t and measure is not None and measure.playbook.value == level:
                change.lag = round(row.t - t, 3)
                change.action = ActionRef(row.t, "measure", row.choice, row.text, row.role)
                break
        else:
            change.note = facts.w(
                "not recognised: no {level} measure taken in the {duration} that followed",
                level=level,
                duration=_duration(facts.last_t - t),
            )
    return out


def _option_label(facts: Facts, cause: str) -> str:
    inject_id, _, option_id = cause.partition("/")
    inject = facts.scenario.inject_map.get(inject_id)
    if inject is None or inject.decision is None:
        return cause
    option = inject.decision.option(option_id)
    return facts.text(option.label) if option else cause


def _duration(seconds: float) -> str:
    from ..model import format_duration

    return format_duration(round(seconds))


def measure_rows(facts: Facts) -> list[MeasureRow]:
    """Measures taken, with the delay from when the session first reached a level they
    are available at, and when lasting ones were lifted."""
    changes = [(t, Level(level)) for t, _phase, level, _cause in facts.phases if level in _LEVELS]
    out = []
    for row, _p in facts.decisions:
        if row.kind != "measure":
            continue
        measure = facts.scenario.measure_map.get(row.choice)
        available = (
            next((t for t, level in changes if measure.available_at(level)), None)
            if measure
            else None
        )
        lifted = facts.lifted.get(row.choice)
        out.append(
            MeasureRow(
                row.t,
                row.choice,
                row.text,
                row.role,
                measure.playbook.value if measure else Level.L0.value,
                available,
                round(row.t - available, 3) if available is not None else None,
                lasting=bool(measure and measure.lasting),
                lifted=lifted[0] if lifted else None,
                lifted_level=_level_at(changes, lifted[0]) if lifted else "",
                informed=bool(lifted and lifted[1]),
            )
        )
    return out


def _level_at(changes: list[tuple[float, Level]], t: float) -> str:
    """The threat level in force at `t`."""
    level = ""
    for at, entered in changes:
        if at > t:
            break
        level = entered.value
    return level


def touched_pillars(facts: Facts) -> dict[str, set[str]]:
    """Which pillars anything touched: deliveries, decisions, measures, observations."""
    touched: dict[str, set[str]] = {p.value: set() for p in Pillar}
    for inject_id in facts.delivered:
        for pillar in facts.inject_pillars.get(inject_id, ()):
            touched.setdefault(pillar, set()).add("inject")
    for _row, pillars in facts.decisions:
        for pillar in pillars:
            touched.setdefault(pillar, set()).add("decision")
    for obs in facts.observations:
        touched.setdefault(obs.pillar, set()).add("observation")
    return touched
