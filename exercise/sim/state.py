"""The state of a session, as a pure function of its events.

`SessionState.apply(event)` is the only way state changes, in the engine as in replay and
resume, so a state rebuilt from a journal is the state the session had.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from ..model import Level, Scenario
from ..model.events import (
    AdhocInject,
    CommandRejected,
    DecisionMissed,
    DecisionOpened,
    DecisionTaken,
    Empty,
    ExpectedMet,
    ExpectedMissed,
    IndicatorChanged,
    InjectDelivered,
    InjectRef,
    InjectScheduled,
    Kind,
    MeasureLifted,
    MeasureTaken,
    NarrativeAnswered,
    NarrativeReach,
    Observation,
    PhaseEntered,
    ProductApproved,
    ProductIssued,
    ProductReturned,
    ProductSubmitted,
    SelfDecision,
    SessionEnded,
    SessionStarted,
    SpeedSet,
)

# Keys that tell the engine which conditions an event may have changed.
Keys = AbstractSet[str]
PHASE_KEY = "phase"


def inject_key(inject: str) -> str:
    return f"inject:{inject}"


def indicator_key(indicator: str) -> str:
    return f"indicator:{indicator}"


def measure_key(measure: str) -> str:
    return f"measure:{measure}"


@dataclass
class DecisionState:
    inject: str
    role: str
    opened: float
    deadline: float | None  # scenario time, or None for no deadline
    option: str | None = None  # the option chosen by the player
    decided_at: float | None = None
    rationale: str = ""
    missed: bool = False
    default_applied: str | None = None
    command_id: str | None = None  # the command that took it ("client:id"), if it had one

    @property
    def open(self) -> bool:
        return self.decided_at is None and not self.missed


@dataclass
class ExpectedState:
    inject: str
    index: int
    role: str
    due: float | None  # scenario time by which it should happen, if timed
    status: str = "pending"  # pending | met | late | missed
    at: float | None = None


@dataclass(frozen=True, slots=True)
class Product:
    """A communication product issued, as its product-issued event says."""

    product: str
    t: float
    role: str
    kind: str
    audience: str
    channel: str
    elements: tuple[str, ...]
    text: str
    answers: tuple[str, ...]
    approved_by: str | None = None
    command_id: str | None = None


@dataclass(slots=True)
class Submission:
    """A product waiting for, or given, the approving role's answer."""

    product: str
    t: float  # when it was submitted
    role: str
    kind: str
    approver: str
    payload: dict[str, Any]  # the product-submitted payload, to issue as it was drafted
    status: str = "submitted"  # submitted | approved | returned
    note: str = ""  # the approver's note when returned
    settled: float | None = None  # when it was approved or returned


@dataclass
class NarrativeState:
    narrative: str
    started: float  # scenario time it started; its reach steps are `every` apart from here
    reach: float = 0.0  # percent of the public
    peak: float = 0.0
    history: list[tuple[float, float]] = field(default_factory=list)  # (t, reach)
    answered: float | None = None  # when a product answered it
    product: str | None = None  # the product that did
    answered_by: str | None = None  # the role that issued it


@dataclass
class SessionState:
    scenario: Scenario
    seed: int = 0
    t: float = 0.0
    started: bool = False
    ended: bool = False
    end_reason: str = ""
    paused: bool = False
    speed: float = 1.0
    phase: str = ""
    phase_index: int = -1
    level: Level = Level.L0
    phase_log: list[tuple[float, str]] = field(default_factory=list)
    indicators: dict[str, float] = field(default_factory=dict)
    history: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    delivered_at: dict[str, float] = field(default_factory=dict)
    recipients: dict[str, tuple[str, ...]] = field(default_factory=dict)
    scheduled: dict[str, float] = field(default_factory=dict)  # armed, not yet delivered
    scheduled_cause: dict[str, str] = field(default_factory=dict)  # condition, released by ...
    held: set[str] = field(default_factory=set)
    decisions: dict[str, DecisionState] = field(default_factory=dict)
    expected: dict[tuple[str, int], ExpectedState] = field(default_factory=dict)
    measures: dict[str, tuple[str, float]] = field(default_factory=dict)
    lifted: dict[str, tuple[str, float]] = field(default_factory=dict)  # lasting, ended
    adhoc: dict[str, dict[str, Any]] = field(default_factory=dict)
    self_decisions: list[dict[str, Any]] = field(default_factory=list)
    observations: list[dict[str, Any]] = field(default_factory=list)
    narratives: dict[str, NarrativeState] = field(default_factory=dict)  # started ones
    products: list[Product] = field(default_factory=list)  # issued, in order
    submissions: dict[str, Submission] = field(default_factory=dict)  # by product id
    product_ids: set[str] = field(default_factory=set)  # every product id given
    rejected: int = 0
    events: int = 0
    # Command ids seen ("client:id"): "" when applied, the reason when rejected.
    commands: dict[str, str] = field(default_factory=dict)

    @classmethod
    def initial(cls, scenario: Scenario, seed: int = 0) -> SessionState:
        state = cls(scenario=scenario, seed=seed, speed=scenario.speed)
        for indicator in scenario.indicators:
            state.indicators[indicator.id] = indicator.start
            state.history[indicator.id] = [(0.0, indicator.start)]
        return state

    # -- the condition language's view (exercise.model.condition.ConditionState) --

    def delivered(self, inject: str) -> bool:
        return inject in self.delivered_at

    def decided(self, inject: str) -> bool:
        decision = self.decisions.get(inject)
        return decision is not None and decision.decided_at is not None

    def missed(self, inject: str) -> bool:
        decision = self.decisions.get(inject)
        return decision is not None and decision.missed

    def chosen(self, inject: str, option: str) -> bool:
        decision = self.decisions.get(inject)
        return decision is not None and decision.option == option

    def in_phase(self, phase: str) -> bool:
        return self.phase == phase

    def measure_taken(self, measure: str) -> bool:
        return measure in self.measures

    def indicator(self, indicator: str) -> float:
        return self.indicators[indicator]

    def adhoc_decision(self, inject: str) -> dict[str, Any] | None:
        """The decision an ad-hoc inject asked for (role, prompt, options by label,
        deadline in seconds after delivery, default), or None."""
        decision = self.adhoc.get(inject, {}).get("decision")
        return decision if isinstance(decision, dict) else None

    # -- applying events --

    def apply(self, t: float, kind: str, actor: str | None, payload: Mapping[str, Any]) -> Keys:
        """Apply one event; return the condition keys it may have changed."""
        if t > self.t:
            self.t = t
        self.events += 1
        if "command_id" in payload:
            self.commands[payload["command_id"]] = ""
        fold = FOLDS.get(kind)
        return fold(self, t, actor, payload) if fold else _NOTHING


_NOTHING: Keys = frozenset()


def _started(s: SessionState, t: float, actor: str | None, p: SessionStarted) -> Keys:
    s.started = True
    s.seed = p.get("seed", s.seed)
    s.speed = p.get("speed", s.speed)
    return _NOTHING


def _ended(s: SessionState, t: float, actor: str | None, p: SessionEnded) -> Keys:
    s.ended = True
    s.end_reason = p.get("reason", "")
    return _NOTHING


def _phase(s: SessionState, t: float, actor: str | None, p: PhaseEntered) -> Keys:
    phase = s.scenario.phase_map[p["phase"]]
    s.phase = phase.id
    s.phase_index = s.scenario.phases.index(phase)
    s.level = phase.level
    s.phase_log.append((t, phase.id))
    return {PHASE_KEY}


def _scheduled(s: SessionState, t: float, actor: str | None, p: InjectScheduled) -> Keys:
    s.scheduled[p["inject"]] = p["due"]
    s.scheduled_cause[p["inject"]] = p.get("cause", "condition")
    return _NOTHING


def _delivered(s: SessionState, t: float, actor: str | None, p: InjectDelivered) -> Keys:
    inject = p["inject"]
    s.delivered_at[inject] = t
    s.recipients[inject] = tuple(p.get("to", ()))
    s.scheduled.pop(inject, None)
    s.held.discard(inject)
    source = s.scenario.inject_map.get(inject)
    if source is not None and source.expected:
        decider = source.decider
        for index, expected in enumerate(source.expected):
            role = expected.role or decider or ""
            if expected.product is not None and expected.product.role:
                role = expected.product.role  # who is to issue the product
            due = t + expected.within if expected.within is not None else None
            s.expected[(inject, index)] = ExpectedState(inject, index, role, due)
    return {inject_key(inject)}


def _held(s: SessionState, t: float, actor: str | None, p: InjectRef) -> Keys:
    s.held.add(p["inject"])
    return _NOTHING


def _unheld(s: SessionState, t: float, actor: str | None, p: InjectRef) -> Keys:
    s.held.discard(p["inject"])
    return _NOTHING


def _adhoc(s: SessionState, t: float, actor: str | None, p: AdhocInject) -> Keys:
    s.adhoc[p["inject"]] = dict(p)
    return _NOTHING


def _opened(s: SessionState, t: float, actor: str | None, p: DecisionOpened) -> Keys:
    s.decisions[p["inject"]] = DecisionState(p["inject"], p["role"], t, p.get("deadline"))
    return _NOTHING


def _taken(s: SessionState, t: float, actor: str | None, p: DecisionTaken) -> Keys:
    decision = s.decisions[p["inject"]]
    decision.option = p["option"]
    decision.decided_at = t
    decision.rationale = p.get("rationale", "")
    decision.command_id = p.get("command_id")
    return {inject_key(p["inject"])}


def _missed(s: SessionState, t: float, actor: str | None, p: DecisionMissed) -> Keys:
    decision = s.decisions[p["inject"]]
    decision.missed = True
    decision.default_applied = p.get("default")
    return {inject_key(p["inject"])}


def _indicator(s: SessionState, t: float, actor: str | None, p: IndicatorChanged) -> Keys:
    s.indicators[p["indicator"]] = p["value"]
    s.history[p["indicator"]].append((t, p["value"]))
    return {indicator_key(p["indicator"])}


def _expected(
    s: SessionState, t: float, actor: str | None, p: ExpectedMet | ExpectedMissed
) -> Keys:
    expected = s.expected[(p["inject"], p["index"])]
    expected.at = t
    if p.get("status"):
        expected.status = p["status"]
    return _NOTHING


def _measure(s: SessionState, t: float, actor: str | None, p: MeasureTaken) -> Keys:
    s.measures[p["measure"]] = (p["role"], t)
    return {measure_key(p["measure"])}


def _lifted(s: SessionState, t: float, actor: str | None, p: MeasureLifted) -> Keys:
    s.lifted[p["measure"]] = (p["role"], t)
    return {measure_key(p["measure"])}


def _self_decision(s: SessionState, t: float, actor: str | None, p: SelfDecision) -> Keys:
    s.self_decisions.append({"t": t, **p})
    return _NOTHING


def _observation(s: SessionState, t: float, actor: str | None, p: Observation) -> Keys:
    s.observations.append({"t": t, "actor": actor, **p})
    return _NOTHING


def _submitted(s: SessionState, t: float, actor: str | None, p: ProductSubmitted) -> Keys:
    product = p["product"]
    s.product_ids.add(product)
    s.submissions[product] = Submission(product, t, p["role"], p["kind"], p["approver"], dict(p))
    return _NOTHING


def _approved(s: SessionState, t: float, actor: str | None, p: ProductApproved) -> Keys:
    submission = s.submissions[p["product"]]
    submission.status = "approved"
    submission.settled = t
    return _NOTHING


def _returned(s: SessionState, t: float, actor: str | None, p: ProductReturned) -> Keys:
    submission = s.submissions[p["product"]]
    submission.status = "returned"
    submission.note = p.get("note", "")
    submission.settled = t
    return _NOTHING


def _issued(s: SessionState, t: float, actor: str | None, p: ProductIssued) -> Keys:
    s.product_ids.add(p["product"])
    s.products.append(
        Product(
            p["product"],
            t,
            p["role"],
            p["kind"],
            p.get("audience", ""),
            p.get("channel", ""),
            tuple(p.get("elements", ())),
            p.get("text", ""),
            tuple(p.get("answers", ())),
            p.get("approved_by"),
            p.get("command_id"),
        )
    )
    return _NOTHING


def _paused(s: SessionState, t: float, actor: str | None, p: Empty) -> Keys:
    s.paused = True
    return _NOTHING


def _resumed(s: SessionState, t: float, actor: str | None, p: Empty) -> Keys:
    s.paused = False
    return _NOTHING


def _speed(s: SessionState, t: float, actor: str | None, p: SpeedSet) -> Keys:
    s.speed = p["speed"]
    return _NOTHING


def _rejected(s: SessionState, t: float, actor: str | None, p: CommandRejected) -> Keys:
    s.rejected += 1
    command = p.get("command")
    if isinstance(command, dict) and command.get("id") is not None:
        s.commands[f"{command.get('client')}:{command['id']}"] = str(p["reason"])
    return _NOTHING


def _narrative_reach(s: SessionState, t: float, actor: str | None, p: NarrativeReach) -> Keys:
    narrative = s.narratives.get(p["narrative"])
    if narrative is None:
        if p["narrative"] not in s.scenario.narrative_map:  # replay refuses the event
            raise KeyError(p["narrative"])
        narrative = s.narratives[p["narrative"]] = NarrativeState(p["narrative"], t)
    narrative.reach = p["reach"]
    narrative.peak = max(narrative.peak, p["reach"])
    narrative.history.append((t, p["reach"]))
    return _NOTHING


def _narrative_answered(s: SessionState, t: float, actor: str | None, p: NarrativeAnswered) -> Keys:
    narrative = s.narratives[p["narrative"]]
    narrative.answered = t
    narrative.product = p["product"]
    narrative.answered_by = p["role"]
    return _NOTHING


# How each kind changes the state, by kind: every kind of the vocabulary is here, None for
# those that change nothing but the clock (tests/test_vocabulary.py checks both, and that
# each fold reads the payload type its kind has).
Fold = Callable[[SessionState, float, "str | None", Any], Keys]
FOLDS: Mapping[str, Fold | None] = {
    Kind.SESSION_STARTED: _started,
    Kind.SESSION_RESUMED: None,
    Kind.SESSION_ENDED: _ended,
    Kind.PHASE_ENTERED: _phase,
    Kind.INJECT_SCHEDULED: _scheduled,
    Kind.INJECT_DELIVERED: _delivered,
    Kind.INJECT_HELD: _held,
    Kind.INJECT_UNHELD: _unheld,
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
    Kind.PAUSED: _paused,
    Kind.RESUMED: _resumed,
    Kind.SPEED_SET: _speed,
    Kind.JUMPED: None,  # the driver moves the clock; the next events carry the new time
    Kind.COMMAND_REJECTED: _rejected,
    Kind.NARRATIVE_REACH: _narrative_reach,
    Kind.NARRATIVE_ANSWERED: _narrative_answered,
    Kind.PRODUCT_SUBMITTED: _submitted,
    Kind.PRODUCT_APPROVED: _approved,
    Kind.PRODUCT_RETURNED: _returned,
    Kind.PRODUCT_ISSUED: _issued,
    # evaluator input after play: the session's state is what play left
    Kind.RATING: None,
    Kind.IP_ROW: None,
    Kind.EXPECTED_JUDGED: None,
    Kind.PARTICIPANT: None,
    Kind.REPORT_FINAL: None,
    Kind.WITHDRAWN: None,
    Kind.IP_UPDATE: None,
    Kind.FINDING_JUDGED: None,
    Kind.FEEDBACK: None,  # participants' feedback after play
}
