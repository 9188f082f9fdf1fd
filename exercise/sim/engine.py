"""The simulation core: a SimPy environment driven by the scenario.

Everything that will happen is a timer on `simpy.Environment` (timed phases, timeline
deliveries, armed conditional injects, decision deadlines, the end of the scenario).
Timers carry no state of their own: when one fires it checks the session state, so a
timer made stale by a command (an inject fired early, a decision taken) does nothing.
That is also what makes resume exact: a resumed engine rebuilds its timers from the
state that the journal's events produce.

Timers at the same instant fire in a fixed order (phases, deliveries in scenario order,
deadlines, the end), whatever order they were created in. A command stamped at scenario
time T is applied after every timer at or before T.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from heapq import heappop, heappush
from typing import Any, Literal

import simpy

from ..model import Inject, InjectTemplate, Narrative, Option, RoleKind, Scenario, localize
from ..model.events import (
    AdhocDecision,
    AdhocInject,
    Emit,
    Kind,
    NewEvent,
    ProductIssued,
    SessionEnded,
)
from ..model.reasons import Reason, reason, reason_text
from ..model.timing import format_clock, round_ms
from . import authority
from . import commands as c
from .state import (
    PHASE_KEY,
    ExpectedState,
    Keys,
    SessionState,
    indicator_key,
    inject_key,
    measure_key,
)

# Same-instant order of timers: rank * _SLOT + position in the scenario.
_PHASE, _DELIVERY, _DEADLINE, _NARRATIVE, _END = range(5)
_SLOT = 10_000_000


@dataclass(frozen=True)
class Outcome:
    """What became of a command: applied (with its events) or rejected with a reason."""

    accepted: bool
    reason: str  # in English; `why` has its code and parameters, for showing it in a language
    events: tuple[NewEvent, ...]
    t: float
    why: Reason | None = None
    repeat: bool = False  # its command id was seen before: the first outcome, no new events

    def explain(self, lang: str) -> str:
        """Why the command was refused, in `lang` (empty when it was applied)."""
        if self.why is None:
            return reason_text(lang, {"reason": self.reason})
        return reason_text(lang, self.why.payload())


class Engine:
    def __init__(
        self,
        scenario: Scenario,
        state: SessionState | None = None,
        seed: int = 0,
        templates: Mapping[str, InjectTemplate] | None = None,
    ) -> None:
        self.scenario = scenario
        self.state = state or SessionState.initial(scenario, seed)
        self.templates = dict(templates or {})
        self.env = simpy.Environment(initial_time=self.state.t)
        self.pending: list[NewEvent] = []
        # the one way events are made: mypy checks each call's payload against its kind
        self._emit: Emit = self._record
        self._command_key: str | None = None  # stamped on the events of the command applied
        # timers by the instant they are due: a heap of (order, sequence, action) each
        self._due_at: dict[float, list[tuple[int, int, Callable[[], None]]]] = {}
        self._timers = 0
        self._index = {inject.id: n for n, inject in enumerate(scenario.injects)}
        self._watchers: dict[str, list[Inject]] = {}
        for inject in scenario.injects:
            if inject.when is not None:
                for key in _condition_keys(inject):
                    self._watchers.setdefault(key, []).append(inject)
        # the narratives each media inject starts (empty for most scenarios: one lookup per
        # delivery is all they cost then)
        self._starts: dict[str, list[int]] = {}
        for n, narrative in enumerate(scenario.narratives):
            for inject_id in narrative.starts_from:
                self._starts.setdefault(inject_id, []).append(n)
        self._stepping: set[str] = set()  # narratives with a reach step set
        self.resumed = self.state.started
        if self.resumed:
            if not self.state.ended:  # an ended session is only looked at: log nothing
                self._emit(Kind.SESSION_RESUMED, None, {})
                self._schedule_from_state()
        else:
            self._start()

    # -- driving --

    @property
    def now(self) -> float:
        return round_ms(self.env.now)

    @property
    def ended(self) -> bool:
        return self.state.ended

    def peek(self) -> float:
        """Scenario time of the next timer (inf when nothing is left)."""
        return math.inf if self.state.ended else self.env.peek()

    def advance_to(self, t: float) -> None:
        """Fire every timer due at or before `t`, and move the clock to `t`."""
        if self.state.ended:
            return
        while not self.state.ended and self.env.peek() <= t:
            self.env.step()
        if self.env.now < t and not self.state.ended:
            # Move the clock with a timeout of our own, taken at once: nothing else is due at
            # or before t. (`env.run(until=t)` would refuse a t equal to now.)
            self.env.timeout(t - self.env.now)
            self.env.step()

    def take_pending(self) -> list[NewEvent]:
        """The events emitted since the last call, for the journal to commit."""
        events, self.pending = self.pending, []
        return events

    def submit(self, command: c.Command, t: float | None = None) -> Outcome:
        """Apply a command at scenario time `t` (default: now), after every timer up to `t`."""
        t = self.env.now if t is None or t < self.env.now else round_ms(t)
        self.advance_to(t)
        key = command.key
        if key is not None and key in self.state.commands:
            # Applied at most once: a command sent again (a retry after a dropped
            # connection, a double click) gets its first answer and changes nothing.
            before = self.state.commands[key]
            return Outcome(not before, before, (), self.now, repeat=True)
        mark = len(self.pending)
        self._command_key = key
        try:
            why = self._apply(command)
        except Exception as err:  # a command must never take the session down
            why = reason("internal-error", error=f"{type(err).__name__}: {err}")
        finally:
            self._command_key = None
        if why:
            self._emit(
                Kind.COMMAND_REJECTED,
                command.actor,
                {"command": command.model_dump(mode="json"), **why.payload()},
            )
        english = why.english if why else ""
        return Outcome(why is None, english, tuple(self.pending[mark:]), self.now, why)

    def next_delivery(self) -> float | None:
        """When the next inject is due (for `jump to the next inject`)."""
        s = self.state
        times = [
            i.at
            for i in self.scenario.injects
            if i.at is not None and i.id not in s.delivered_at and i.id not in s.held
        ]
        times += [due for inject, due in s.scheduled.items() if inject not in s.held]
        upcoming = [max(t, self.env.now) for t in times]
        return min(upcoming) if upcoming else None

    # -- events and timers --

    def _record(self, kind: str, actor: str | None, payload: Mapping[str, Any], /) -> None:
        """Emit an event and apply it to the state (called as `self._emit`, typed by kind)."""
        t = round(self.env.now, 3)
        if self._command_key is not None:  # the journal says which command did this
            payload = {**payload, "command_id": self._command_key}
        self.pending.append(NewEvent(t, kind, actor, payload))
        dirty = self.state.apply(t, kind, actor, payload)
        if dirty and self._watchers:
            self._check_conditions(dirty)

    def _at(self, when: float, rank: int, position: int, action: Callable[[], None]) -> None:
        """Run `action` at scenario time `when` (now, if that has passed). Timers due at one
        instant share one SimPy timeout and run in (rank, position) order, then in the order
        they were set, also when one sets another for the same instant."""
        env = self.env
        when = max(round(when, 3), env.now)
        due = self._due_at.get(when)
        if due is None:
            due = self._due_at[when] = []
            env.timeout(when - env.now).callbacks.append(partial(self._run_due, when))
        self._timers += 1
        heappush(due, (rank * _SLOT + position, self._timers, action))

    def _run_due(self, when: float, _timeout: simpy.Event) -> None:
        due = self._due_at[when]
        while due and not self.state.ended:
            heappop(due)[2]()
        del self._due_at[when]

    def _start(self) -> None:
        s = self.scenario
        self._emit(
            Kind.SESSION_STARTED,
            None,
            {"scenario": s.id, "seed": self.state.seed, "speed": s.speed},
        )
        first = s.phases[0]
        self._emit(
            Kind.PHASE_ENTERED,
            None,
            {"phase": first.id, "level": first.level.value, "cause": "start"},
        )
        self._schedule_from_state()
        for inject in s.injects:  # conditions that already hold at T+0
            if inject.when is not None:
                self._arm_if_true(inject)

    def _schedule_from_state(self) -> None:
        s, state = self.scenario, self.state
        for n, phase in enumerate(s.phases):
            if phase.at is not None and n > state.phase_index:
                self._at(phase.at, _PHASE, n, partial(self._timed_phase, n))
        # The timeline is walked by one timer at a time (see _timeline_step), not one timer
        # per inject: a long scenario then costs nothing up front and keeps SimPy's queue short.
        self._timeline = sorted(
            (inject.at, self._index[inject.id], inject)
            for inject in s.injects
            if inject.at is not None and inject.id not in state.delivered_at
        )
        self._timeline_next = 0
        self._schedule_timeline_step()
        for inject_id, due in state.scheduled.items():
            if inject_id not in state.delivered_at:
                inject = s.inject_map[inject_id]
                self._at(due, _DELIVERY, self._index[inject_id], partial(self._due, inject))
        for decision in state.decisions.values():
            if decision.open and decision.deadline is not None:
                self._at(
                    decision.deadline,
                    _DEADLINE,
                    self._position(decision.inject),
                    self._deadline_action(decision.inject),
                )
        self._stepping.clear()
        for n, narrative in enumerate(s.narratives):
            if narrative.id in state.narratives:
                self._next_step(n, narrative)
        self._at(s.duration, _END, 0, lambda: self._end(reason("time-up")))

    def _position(self, inject_id: str) -> int:
        """Same-instant order among deadlines: scenario order, ad-hoc injects after them."""
        return self._index.get(inject_id, len(self._index))

    def _schedule_timeline_step(self) -> None:
        if self._timeline_next < len(self._timeline):
            at, position, _inject = self._timeline[self._timeline_next]
            self._at(at, _DELIVERY, position, self._timeline_step)

    def _timeline_step(self) -> None:
        """Deliver the next inject on the timeline (unless held or already delivered), then
        set the timer for the one after it; same-instant order is kept by the priorities."""
        _at, _position, inject = self._timeline[self._timeline_next]
        self._timeline_next += 1
        self._due(inject)
        self._schedule_timeline_step()

    def _timed_phase(self, n: int) -> None:
        if self.state.ended or n <= self.state.phase_index:
            return  # an option already took the session to this phase or beyond
        phase = self.scenario.phases[n]
        self._emit(
            Kind.PHASE_ENTERED,
            None,
            {"phase": phase.id, "level": phase.level.value, "cause": "time"},
        )

    def _due(self, inject: Inject) -> None:
        state = self.state
        if state.ended or inject.id in state.delivered_at or inject.id in state.held:
            return
        self._deliver(inject, state.scheduled_cause.get(inject.id, "timeline"))

    def _deliver(self, inject: Inject, cause: str) -> None:
        self._emit(
            Kind.INJECT_DELIVERED,
            None,
            {"inject": inject.id, "to": list(inject.to), "cause": cause},
        )
        if inject.decision is not None:
            deadline = None
            if inject.decision.deadline is not None:
                deadline = round_ms(self.now + inject.decision.deadline)
                self._at(
                    deadline, _DEADLINE, self._index[inject.id], self._deadline_action(inject.id)
                )
            self._emit(
                Kind.DECISION_OPENED,
                None,
                {
                    "inject": inject.id,
                    "role": inject.decision.role or inject.to[0],
                    "deadline": deadline,
                },
            )
        starts = self._starts.get(inject.id)
        if starts is not None:
            for n in starts:
                self._start_narrative(n, inject.id)
        for index, expected in enumerate(inject.expected):  # a measure taken before counts
            if expected.measure and expected.measure in self.state.measures:
                role, _t = self.state.measures[expected.measure]
                if role == self.state.expected[(inject.id, index)].role:
                    self._met(self.state.expected[(inject.id, index)])

    def _deadline_action(self, inject_id: str) -> Callable[[], None]:
        return lambda: self._deadline(inject_id)

    def _deadline(self, inject_id: str) -> None:
        decision = self.state.decisions.get(inject_id)
        if self.state.ended or decision is None or not decision.open:
            return
        inject = self.scenario.inject_map.get(inject_id)
        if inject is None:  # an ad-hoc decision: no effects, no expected actions
            spec = self.state.adhoc_decision(inject_id) or {}
            self._emit(
                Kind.DECISION_MISSED,
                decision.role,
                {"inject": inject_id, "role": decision.role, "default": spec.get("default")},
            )
            return
        assert inject.decision is not None
        default = inject.decision.default
        self._emit(
            Kind.DECISION_MISSED,
            decision.role,
            {"inject": inject_id, "role": decision.role, "default": default},
        )
        self._settle_option_expectations(inject, None)
        if default is not None:
            option = inject.decision.option(default)
            assert option is not None
            self._apply_option(inject, option, f"default of {inject_id}")

    def _end(self, why: Reason | str) -> None:
        """End the session; `why` is a reason by its code, or the facilitator's own words."""
        if self.state.ended:
            return
        for key, expected in list(self.state.expected.items()):
            inject = self.scenario.inject_map[key[0]]
            spec = inject.expected[key[1]]
            if expected.status == "pending" and (
                spec.option or spec.measure or spec.product is not None
            ):
                self._emit(
                    Kind.EXPECTED_MISSED,
                    expected.role,
                    {
                        "inject": key[0],
                        "index": key[1],
                        "status": "missed",
                        **reason("end-of-session").payload(),
                    },
                )
        ended: SessionEnded = why.payload() if isinstance(why, Reason) else {"reason": why}
        self._emit(Kind.SESSION_ENDED, None, ended)

    # -- conditions --

    def _check_conditions(self, dirty: Keys) -> None:
        for key in dirty:
            for inject in self._watchers.get(key, ()):
                self._arm_if_true(inject)

    def _arm_if_true(self, inject: Inject) -> None:
        state = self.state
        if inject.id in state.delivered_at or inject.id in state.scheduled or state.ended:
            return
        assert inject.when is not None
        if inject.when.tree.evaluate(state):
            self._schedule(inject, "condition")

    def _schedule(self, inject: Inject, cause: str) -> None:
        due = round_ms(self.now + (inject.after or 0))
        self._emit(Kind.INJECT_SCHEDULED, None, {"inject": inject.id, "due": due, "cause": cause})
        self._at(due, _DELIVERY, self._index[inject.id], partial(self._due, inject))

    # -- narratives --

    def _start_narrative(self, n: int, inject_id: str) -> None:
        narrative = self.scenario.narratives[n]
        if narrative.id in self.state.narratives:
            return  # started by another of its injects
        self._emit(
            Kind.NARRATIVE_REACH,
            None,
            {
                "narrative": narrative.id,
                "reach": narrative.start,
                "delta": narrative.start,
                "cause": "start",
                "inject": inject_id,
            },
        )
        self._narrative_effects(narrative, narrative.start)
        self._next_step(n, narrative)

    def _moving(self, narrative: Narrative) -> bool:
        """Whether the narrative's reach has a step to make: growing below its ceiling,
        or, once answered, falling above its floor."""
        found = self.state.narratives[narrative.id]
        if found.answered is None:
            return narrative.growth > 0 and found.reach < narrative.ceiling
        return narrative.falls > 0 and found.reach > narrative.floor

    def _next_step(self, n: int, narrative: Narrative) -> None:
        """Set the narrative's next reach step, on its cadence from its start, unless one is
        set or it has nothing to do. Counted in milliseconds, so a resumed session finds
        the same instants as the session before."""
        if narrative.id in self._stepping or not self._moving(narrative):
            return
        started = round(self.state.narratives[narrative.id].started * 1000)
        every = max(1, round(narrative.every * 1000))
        now = round(self.env.now * 1000)
        k = (now - started) // every + 1
        self._stepping.add(narrative.id)
        self._at((started + k * every) / 1000, _NARRATIVE, n, partial(self._step, n))

    def _step(self, n: int) -> None:
        narrative = self.scenario.narratives[n]
        self._stepping.discard(narrative.id)
        found = self.state.narratives[narrative.id]
        hours = narrative.every / 3600
        if found.answered is None:
            reach = min(narrative.ceiling, found.reach + narrative.growth * hours)
            cause: Literal["growth", "decline"] = "growth"
        else:
            reach = max(narrative.floor, found.reach - narrative.falls * hours)
            cause = "decline"
        reach = round(reach, 6)
        delta = round(reach - found.reach, 6)
        if delta:
            self._emit(
                Kind.NARRATIVE_REACH,
                None,
                {"narrative": narrative.id, "reach": reach, "delta": delta, "cause": cause},
            )
            self._narrative_effects(narrative, delta)
        self._next_step(n, narrative)

    def _public(self, inject_id: str) -> bool:
        """A media inject: every player has seen it in the media, whoever it was sent to."""
        inject = self.scenario.inject_map.get(inject_id)
        return inject is not None and inject.media is not None

    def _answer_narratives(self, product: ProductIssued) -> None:
        """A product answers a narrative that started when it answers one of the
        narrative's delivered injects and carries an element that answers it; from the
        narrative's next step its reach falls."""
        answers, elements = set(product["answers"]), product["elements"]
        for n, narrative in enumerate(self.scenario.narratives):
            found = self.state.narratives.get(narrative.id)
            if found is None or found.answered is not None:
                continue
            inject = next((i for i in narrative.starts_from if i in answers), None)
            carried = [e for e in elements if e in narrative.answered_by]
            if inject is None or not carried or inject not in self.state.delivered_at:
                continue
            self._emit(
                Kind.NARRATIVE_ANSWERED,
                product["role"],
                {
                    "narrative": narrative.id,
                    "product": product["product"],
                    "role": product["role"],
                    "inject": inject,
                    "elements": carried,
                },
            )
            self._next_step(n, narrative)  # at its ceiling it had no step set

    def _narrative_effects(self, narrative: Narrative, delta: float) -> None:
        if narrative.effects:
            self._apply_effects(
                {name: per_point * delta for name, per_point in narrative.effects.items()},
                f"narrative {narrative.id}",
            )

    # -- effects of choices --

    def _apply_option(self, inject: Inject, option: Option, cause: str) -> None:
        self._apply_effects(option.effects, cause)
        for target in option.release:
            released = self.scenario.inject_map[target]
            if target not in self.state.delivered_at and target not in self.state.scheduled:
                self._schedule(released, f"released by {inject.id}/{option.id}")
        if option.phase is not None and option.phase != self.state.phase:
            phase = self.scenario.phase_map[option.phase]
            self._emit(
                Kind.PHASE_ENTERED,
                None,
                {"phase": phase.id, "level": phase.level.value, "cause": cause},
            )

    def _apply_effects(self, effects: Mapping[str, float], cause: str) -> None:
        for name, delta in effects.items():
            spec = self.scenario.indicator_map[name]
            old = self.state.indicators[name]
            new = round(min(spec.max, max(spec.min, old + delta)), 6)
            if new != old:
                self._emit(
                    Kind.INDICATOR_CHANGED,
                    None,
                    {"indicator": name, "value": new, "delta": round(new - old, 6), "cause": cause},
                )

    def _met(self, expected: ExpectedState) -> None:
        """An expected action was done: in time, or late when past its `within`."""
        late = expected.due is not None and self.now > expected.due
        self._emit(
            Kind.EXPECTED_MET,
            expected.role,
            {
                "inject": expected.inject,
                "index": expected.index,
                "status": "late" if late else "met",
            },
        )

    def _settle_option_expectations(
        self, inject: Inject, option: str | None, role: str = ""
    ) -> None:
        """After a decision closes: expected choices are met (in time or late) or missed."""
        for index, spec in enumerate(inject.expected):
            expected = self.state.expected.get((inject.id, index))
            if spec.option is None or expected is None or expected.status != "pending":
                continue
            if option == spec.option and role == expected.role:
                self._met(expected)
            else:
                why = (
                    reason("deadline-passed")
                    if option is None
                    else reason("other-option", option=option)
                )
                self._emit(
                    Kind.EXPECTED_MISSED,
                    expected.role,
                    {"inject": inject.id, "index": index, "status": "missed", **why.payload()},
                )

    # -- commands --

    def _apply(self, command: c.Command) -> Reason | None:
        if problem := authority.refusal(command, self.scenario):
            return problem
        if self.state.ended:
            return reason("session-ended")
        handler = getattr(self, "_cmd_" + command.type.replace("-", "_"))
        why: Reason | None = handler(command)
        return why

    def _role(self, actor: str, player: bool = True) -> Reason | None:
        role = self.scenario.role_map.get(actor)
        if role is None:
            return reason("not-a-role", role=actor)
        if player and role.kind != RoleKind.PLAYER:
            return reason("not-a-player", role=actor)
        return None

    def _cmd_decide(self, cmd: c.Decide) -> Reason | None:
        inject = self.scenario.inject_map.get(cmd.inject)
        adhoc = self.state.adhoc_decision(cmd.inject) if inject is None else None
        if adhoc is None and (inject is None or inject.decision is None):
            return reason("no-decision", inject=cmd.inject)
        decision = self.state.decisions.get(cmd.inject)
        if decision is None:
            return reason("not-delivered", inject=cmd.inject)
        if decision.decided_at is not None:
            return reason(
                "already-decided",
                inject=cmd.inject,
                role=decision.role,
                time=format_clock(decision.decided_at),
            )
        if decision.missed or (decision.deadline is not None and self.now > decision.deadline):
            return reason(
                "decision-deadline-passed",
                inject=cmd.inject,
                time=format_clock(decision.deadline or 0),
            )
        if cmd.actor != decision.role:
            return reason(
                "not-your-decision", role=decision.role, inject=cmd.inject, actor=cmd.actor
            )
        if adhoc is not None:
            return self._decide_adhoc(cmd, adhoc, decision.opened)
        assert inject is not None and inject.decision is not None
        option = inject.decision.option(cmd.option)
        if option is None:
            return reason("not-an-option", option=cmd.option, inject=cmd.inject)
        self._taken(cmd, decision.opened)
        self._settle_option_expectations(inject, cmd.option, cmd.actor)
        self._apply_option(inject, option, f"{cmd.inject}/{cmd.option}")
        return None

    def _decide_adhoc(self, cmd: c.Decide, spec: Mapping[str, Any], opened: float) -> Reason | None:
        if cmd.option not in spec.get("options", ()):
            return reason("not-an-option", option=cmd.option, inject=cmd.inject)
        self._taken(cmd, opened)
        return None

    def _taken(self, cmd: c.Decide, opened: float) -> None:
        self._emit(
            Kind.DECISION_TAKEN,
            cmd.actor,
            {
                "inject": cmd.inject,
                "role": cmd.actor,
                "option": cmd.option,
                "rationale": cmd.rationale,
                "latency": round_ms(self.now - opened),
            },
        )

    def _cmd_self_decision(self, cmd: c.SelfDecision) -> Reason | None:
        if problem := self._role(cmd.actor):
            return problem
        self._emit(
            Kind.SELF_DECISION,
            cmd.actor,
            {
                "role": cmd.actor,
                "text": cmd.text,
                "pillars": [p.value for p in cmd.pillars],
                "comms": [e.value for e in cmd.comms],
            },
        )
        return None

    def _cmd_take_measure(self, cmd: c.TakeMeasure) -> Reason | None:
        measure = self.scenario.measure_map.get(cmd.measure)
        if measure is None:
            return reason("not-a-measure", measure=cmd.measure)
        if cmd.actor != measure.role:
            return reason("not-your-measure", role=measure.role, measure=cmd.measure)
        if not measure.available_at(self.state.level):
            return reason(
                "measure-level",
                measure=cmd.measure,
                level=", ".join(level.value for level in measure.available_levels),
                current=self.state.level.value,
            )
        if cmd.measure in self.state.measures:
            return reason("measure-taken", measure=cmd.measure)
        self._emit(
            Kind.MEASURE_TAKEN,
            cmd.actor,
            {"measure": cmd.measure, "role": cmd.actor, "rationale": cmd.rationale},
        )
        self._apply_effects(measure.effects, f"measure {cmd.measure}")
        for (inject_id, index), expected in list(self.state.expected.items()):
            spec = self.scenario.inject_map[inject_id].expected[index]
            if (
                spec.measure == cmd.measure
                and expected.status == "pending"
                and expected.role == cmd.actor
            ):
                self._met(expected)
        return None

    def _cmd_lift_measure(self, cmd: c.LiftMeasure) -> Reason | None:
        measure = self.scenario.measure_map.get(cmd.measure)
        if measure is None:
            return reason("not-a-measure", measure=cmd.measure)
        if cmd.actor != measure.role:
            return reason("not-your-lift", role=measure.role, measure=cmd.measure)
        if not measure.lasting:
            return reason("not-lasting", measure=cmd.measure)
        if cmd.measure not in self.state.measures:
            return reason("not-taken", measure=cmd.measure)
        if cmd.measure in self.state.lifted:
            return reason("already-lifted", measure=cmd.measure)
        self._emit(
            Kind.MEASURE_LIFTED,
            cmd.actor,
            {
                "measure": cmd.measure,
                "role": cmd.actor,
                "rationale": cmd.rationale,
                "informed": cmd.informed,
            },
        )
        return None

    def _cmd_issue_product(self, cmd: c.IssueProduct) -> Reason | None:
        if problem := self._role(cmd.actor):
            return problem
        recipients = self.state.recipients
        for inject in cmd.answers:  # a product answers what its role was told
            if inject not in self.state.delivered_at:
                return reason("not-delivered", inject=inject)
            if cmd.actor not in recipients.get(inject, ()) and not self._public(inject):
                return reason("not-delivered-to", inject=inject, role=cmd.actor)
        ids = self.state.product_ids
        n = len(ids) + 1
        while f"P{n}" in ids:
            n += 1
        product, elements = f"P{n}", [e.value for e in cmd.elements]
        approver = self.scenario.communication.approver(cmd.actor, cmd.kind)
        if approver is not None:
            self._emit(
                Kind.PRODUCT_SUBMITTED,
                cmd.actor,
                {
                    "product": product,
                    "role": cmd.actor,
                    "kind": cmd.kind.value,
                    "audience": cmd.audience,
                    "channel": cmd.channel,
                    "elements": elements,
                    "text": cmd.text,
                    "answers": list(cmd.answers),
                    "approver": approver,
                },
            )
            return None
        fields: ProductIssued = {
            "product": product,
            "role": cmd.actor,
            "kind": cmd.kind.value,
            "audience": cmd.audience,
            "channel": cmd.channel,
            "elements": elements,
            "text": cmd.text,
            "answers": list(cmd.answers),
        }
        self._issue_product(cmd.actor, fields)
        return None

    def _cmd_approve_product(self, cmd: c.ApproveProduct) -> Reason | None:
        submission = self.state.submissions.get(cmd.product)
        if why := self._answerable(cmd.actor, cmd.product):
            return why
        assert submission is not None
        self._emit(Kind.PRODUCT_APPROVED, cmd.actor, {"product": cmd.product, "by": cmd.actor})
        drafted = submission.payload
        fields: ProductIssued = {
            "product": cmd.product,
            "role": submission.role,
            "kind": submission.kind,
            "audience": drafted["audience"],
            "channel": drafted["channel"],
            "elements": list(drafted["elements"]),
            "text": drafted["text"],
            "answers": list(drafted["answers"]),
            "approved_by": cmd.actor,
        }
        self._issue_product(submission.role, fields)
        return None

    def _cmd_return_product(self, cmd: c.ReturnProduct) -> Reason | None:
        if why := self._answerable(cmd.actor, cmd.product):
            return why
        self._emit(
            Kind.PRODUCT_RETURNED,
            cmd.actor,
            {"product": cmd.product, "by": cmd.actor, "note": cmd.note},
        )
        return None

    def _answerable(self, actor: str, product: str) -> Reason | None:
        """Why `actor` may not approve or return `product` now, or None."""
        if problem := self._role(actor):
            return problem
        submission = self.state.submissions.get(product)
        if submission is None:
            return reason("not-a-product", product=product)
        if actor != submission.approver:
            return reason("not-your-approval", role=submission.approver, product=product)
        if submission.status != "submitted":
            return reason("product-not-waiting", product=product)
        return None

    def _issue_product(self, actor: str, fields: ProductIssued) -> None:
        """Issue a product, and settle the expected actions that asked for it."""
        self._emit(Kind.PRODUCT_ISSUED, actor, fields)
        if self.state.narratives:
            self._answer_narratives(fields)
        elements = set(fields["elements"])
        for inject_id in fields["answers"]:
            inject = self.scenario.inject_map.get(inject_id)
            if inject is None:
                continue  # an ad-hoc inject: nothing expected of it
            for index, spec in enumerate(inject.expected):
                wanted = spec.product
                expected = self.state.expected.get((inject_id, index))
                if (
                    wanted is not None
                    and expected is not None
                    and expected.status == "pending"
                    and expected.role in ("", fields["role"])
                    and (wanted.kind is None or wanted.kind.value == fields["kind"])
                    and elements.issuperset(e.value for e in wanted.elements)
                ):
                    self._met(expected)

    def _cmd_pause(self, cmd: c.Pause) -> Reason | None:
        if self.state.paused:
            return reason("already-paused")
        self._emit(Kind.PAUSED, cmd.actor, {})
        return None

    def _cmd_resume(self, cmd: c.Resume) -> Reason | None:
        if not self.state.paused:
            return reason("not-paused")
        self._emit(Kind.RESUMED, cmd.actor, {})
        return None

    def _cmd_set_speed(self, cmd: c.SetSpeed) -> Reason | None:
        self._emit(Kind.SPEED_SET, cmd.actor, {"speed": cmd.speed})
        return None

    def _cmd_jump_next(self, cmd: c.JumpNext) -> Reason | None:
        target = self.next_delivery()
        if target is None:
            return reason("nothing-waiting")
        self._emit(Kind.JUMPED, cmd.actor, {"to": round_ms(target)})
        return None

    def _cmd_fire(self, cmd: c.FireInject) -> Reason | None:
        inject = self.scenario.inject_map.get(cmd.inject)
        if inject is not None:
            if inject.id in self.state.delivered_at:
                return reason("already-delivered", inject=cmd.inject)
            self._deliver(inject, "fired by the facilitator")
            return None
        template = self.templates.get(cmd.inject)
        if template is None:
            return reason("not-inject-or-template", inject=cmd.inject)
        if not cmd.to:
            return reason("no-recipients")
        for role in cmd.to:
            if problem := self._role(role, player=False):
                return problem
        self._adhoc(
            cmd.actor,
            {
                "inject": self._adhoc_id(),
                "title": localize(template.title, self.scenario.language),
                "text": localize(template.text, self.scenario.language),
                "to": list(cmd.to),
                "pillars": [p.value for p in template.pillars],
                "method": template.method.value,
                "sender": localize(template.sender, self.scenario.language),
                "template": template.id,
            },
        )
        return None

    def _cmd_adhoc(self, cmd: c.AdhocInject) -> Reason | None:
        for role in cmd.to:
            if problem := self._role(role, player=False):
                return problem
        if cmd.template is not None and cmd.template not in self.templates:
            return reason("not-a-template", template=cmd.template)
        payload: AdhocInject = {
            "inject": self._adhoc_id(),
            "title": cmd.title,
            "text": cmd.text,
            "to": list(cmd.to),
            "pillars": [p.value for p in cmd.pillars],
            "method": cmd.method.value,
            "sender": cmd.sender,
            "template": cmd.template,
        }
        if cmd.decision is not None:
            decision = cmd.decision
            if decision.role not in cmd.to:
                return reason("decider-not-recipient", role=decision.role)
            if problem := self._role(decision.role):
                return problem
            payload["decision"] = AdhocDecision(
                role=decision.role,
                prompt=decision.prompt,
                options=list(decision.options),
                deadline=decision.deadline,
                default=decision.default,
            )
        self._adhoc(cmd.actor, payload)
        return None

    def _adhoc_id(self) -> str:
        n = len(self.state.adhoc) + 1
        while f"adhoc-{n}" in self.scenario.inject_map or f"adhoc-{n}" in self.state.adhoc:
            n += 1  # never the id of a scenario inject, which would then count as delivered
        return f"adhoc-{n}"

    def _adhoc(self, actor: str, payload: AdhocInject) -> None:
        inject_id = payload["inject"]
        self._emit(Kind.ADHOC_INJECT, actor, payload)
        self._emit(
            Kind.INJECT_DELIVERED,
            actor,
            {"inject": inject_id, "to": payload["to"], "cause": "ad hoc"},
        )
        decision = payload.get("decision")
        if decision is not None:  # opened at delivery, like a scenario inject's decision
            deadline = None
            if decision["deadline"] is not None:
                deadline = round_ms(self.now + decision["deadline"])
                self._at(
                    deadline, _DEADLINE, self._position(inject_id), self._deadline_action(inject_id)
                )
            self._emit(
                Kind.DECISION_OPENED,
                None,
                {"inject": inject_id, "role": decision["role"], "deadline": deadline},
            )

    def _cmd_hold(self, cmd: c.Hold) -> Reason | None:
        if cmd.inject not in self.scenario.inject_map:
            return reason("not-an-inject", inject=cmd.inject)
        if cmd.inject in self.state.delivered_at:
            return reason("already-delivered", inject=cmd.inject)
        if cmd.inject in self.state.held:
            return reason("already-held", inject=cmd.inject)
        self._emit(Kind.INJECT_HELD, cmd.actor, {"inject": cmd.inject})
        return None

    def _cmd_release(self, cmd: c.Release) -> Reason | None:
        if cmd.inject not in self.state.held:
            return reason("not-held", inject=cmd.inject)
        inject = self.scenario.inject_map[cmd.inject]
        self._emit(Kind.INJECT_UNHELD, cmd.actor, {"inject": cmd.inject})
        due = inject.at if inject.at is not None else self.state.scheduled.get(inject.id)
        if due is not None:  # back on schedule, or delivered now if its time has passed
            self._at(
                max(due, self.env.now), _DELIVERY, self._index[inject.id], lambda: self._due(inject)
            )
        return None

    def _cmd_observe(self, cmd: c.Observe) -> Reason | None:
        if cmd.objective is not None and cmd.objective not in self.scenario.objective_map:
            return reason("not-an-objective", objective=cmd.objective)
        if cmd.seat is not None and (problem := self._role(cmd.seat)):
            return problem
        self._emit(
            Kind.OBSERVATION,
            cmd.actor,
            {
                "pillar": cmd.pillar.value,
                "objective": cmd.objective,
                "kind": cmd.kind,
                "text": cmd.text,
                "seat": cmd.seat,
                "root_cause": cmd.root_cause,
            },
        )
        return None

    def _cmd_evaluate(self, cmd: c.Evaluate) -> Reason | None:
        # The entry itself was checked by the host against the evaluation's own rules
        # (exercise.debrief.evaluation); here only who may make it (see authority).
        self._record(cmd.kind, cmd.actor, cmd.payload)  # its payload is not typed by kind here
        return None

    def _cmd_end(self, cmd: c.End) -> Reason | None:
        default = c.End.model_fields["reason"].default
        self._end(reason("ended-by-facilitator") if cmd.reason == default else cmd.reason)
        return None


def _condition_keys(inject: Inject) -> set[str]:
    from ..model.condition import Compare

    assert inject.when is not None
    keys = set()
    for leaf in inject.when.leaves():
        if isinstance(leaf, Compare):
            keys.add(indicator_key(leaf.indicator))
        elif leaf.func == "phase":
            keys.add(PHASE_KEY)
        elif leaf.func == "measure":
            keys.add(measure_key(leaf.args[0]))
        else:
            keys.add(inject_key(leaf.args[0]))
    return keys
