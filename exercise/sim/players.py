"""Simulated players for headless play: an automatic policy, or a decisions file.

A player watches the events of a session and plans commands at scenario times. Its plans
are a function of the session state and the events, so a resumed session plans the same
commands an uninterrupted one would have.
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
from collections.abc import Iterable, Mapping
from typing import Any

from ..model import Inject, ProductKind, RoleKind, Scenario
from ..model.decisions import DecisionsFile
from ..model.events import Event, Kind, NewEvent
from ..model.timing import round_ms
from . import commands as c
from .state import SessionState

POLICIES = ("expected", "first", "default", "random", "none")
DEFAULT_DELAY = 120.0  # seconds after delivery when nothing says otherwise
APPROVAL_DELAY = 60.0  # seconds an approving role takes for a submitted product


class Player:
    """Base: a queue of planned (time, command) pairs."""

    def __init__(self) -> None:
        self._plan: list[tuple[float, tuple[str, str, str], int, c.Command]] = []
        self._counter = itertools.count()
        self._done_until = -math.inf

    def plan(self, t: float, command: c.Command) -> None:
        if t <= self._done_until:
            return  # a resumed session already did everything up to its last tick
        # Commands due at the same time go in a fixed order, not the order they were
        # planned in, so a resumed session plays them as an uninterrupted one did. Ties
        # left after type, target and actor are identical commands, whose order does not
        # matter; the counter only keeps the heap from comparing commands themselves.
        target = (
            getattr(command, "inject", None)
            or getattr(command, "measure", None)
            or getattr(command, "product", None)
            or ""
        )
        order = (command.type, target or getattr(command, "text", ""), command.actor)
        heapq.heappush(self._plan, (round_ms(t), order, next(self._counter), command))

    def peek(self) -> float:
        return self._plan[0][0] if self._plan else math.inf

    def pop(self) -> tuple[float, c.Command]:
        t, _order, _n, command = heapq.heappop(self._plan)
        return t, command

    def start(self, state: SessionState, resumed: bool = False) -> None:
        """Plan from the state a session starts or resumes with."""
        if resumed:
            self._done_until = state.t
        self.plan_existing(state)
        self._done_until = -math.inf

    def plan_existing(self, state: SessionState) -> None:
        """Plan for what is already open (a new session has nothing open yet)."""
        for decision in state.decisions.values():
            if decision.open:
                self.on_decision(
                    state.scenario,
                    decision.inject,
                    decision.role,
                    decision.opened,
                    decision.deadline,
                )
        for submission in state.submissions.values():
            if submission.status == "submitted":
                self.on_submitted(submission.payload, submission.t)

    def observe(self, events: Iterable[NewEvent | Event], state: SessionState) -> None:
        for event in events:
            if event.kind == Kind.DECISION_OPENED:
                p = event.payload
                self.on_decision(state.scenario, p["inject"], p["role"], event.t, p["deadline"])
            elif event.kind == Kind.INJECT_DELIVERED:
                self.on_delivery(state, event.payload["inject"], event.t)
            elif event.kind == Kind.PRODUCT_SUBMITTED:
                self.on_submitted(event.payload, event.t)

    def on_decision(
        self, scenario: Scenario, inject: str, role: str, opened: float, deadline: float | None
    ) -> None:
        """Plan a decision for a decision point that just opened."""

    def on_delivery(self, state: SessionState, inject: str, t: float) -> None:
        """React to a delivered inject."""

    def on_submitted(self, product: Mapping[str, Any], t: float) -> None:
        """React to a communication product waiting for approval."""


class AutoPlayer(Player):
    """Decides every decision point by a policy:

    - expected: the option the scenario expects, well within the time allowed, and the
      measures it expects (the rehearsal of a team that does everything right);
    - first: the first option; default: the default option, in time;
    - random: a random option at a random moment before the deadline (seeded);
    - none: never decides, so every deadline passes and defaults apply.
    """

    def __init__(self, policy: str, seed: int = 0) -> None:
        super().__init__()
        if policy not in POLICIES:
            raise ValueError(f"unknown policy {policy!r} (policies: {', '.join(POLICIES)})")
        self.policy = policy
        self.seed = seed

    def on_decision(
        self, scenario: Scenario, inject: str, role: str, opened: float, deadline: float | None
    ) -> None:
        if self.policy == "none":
            return
        spec = scenario.inject_map.get(inject)
        if spec is None or spec.decision is None:
            return  # an ad-hoc decision (a resumed live session): left to the people
        options = [o.id for o in spec.decision.options]
        allowed = (deadline - opened) if deadline is not None else None
        delay = DEFAULT_DELAY if allowed is None else min(DEFAULT_DELAY, allowed / 2)
        option = options[0]
        if self.policy == "expected":
            wanted = [e for e in spec.expected if e.option and (e.role or role) == role]
            if wanted:
                option = wanted[0].option or option
                if wanted[0].within is not None:
                    delay = min(delay, wanted[0].within / 2)
        elif self.policy == "default":
            if spec.decision.default is None:
                return
            option = spec.decision.default
        elif self.policy == "random":
            rng = random.Random(f"{self.seed}:{inject}")  # per decision: stable across resume
            option = rng.choice(options)
            delay = rng.uniform(1.0, (allowed or 2 * DEFAULT_DELAY) * 0.9)
        rationale = f"automatic player ({self.policy})"
        self.plan(
            opened + delay, c.Decide(actor=role, inject=inject, option=option, rationale=rationale)
        )

    def plan_existing(self, state: SessionState) -> None:
        super().plan_existing(state)
        for inject, t in state.delivered_at.items():  # measures still expected of us
            self.on_delivery(state, inject, t)

    def on_delivery(self, state: SessionState, inject: str, t: float) -> None:
        spec = state.scenario.inject_map.get(inject)
        if self.policy != "expected" or spec is None:
            return
        for index, expected in enumerate(spec.expected):
            status = state.expected.get((inject, index))
            if status is not None and status.status != "pending":
                continue
            if expected.measure and expected.measure not in state.measures:
                role = expected.role or spec.decider
                delay = min(DEFAULT_DELAY, (expected.within or 2 * DEFAULT_DELAY) / 2)
                if role:
                    self.plan(t + delay, c.TakeMeasure(actor=role, measure=expected.measure))
            elif expected.product is not None:
                self._plan_product(state, spec, index, t)

    def _plan_product(self, state: SessionState, spec: Inject, index: int, t: float) -> None:
        """Issue the product an expected action asks for, early enough that an approval
        still fits in the time allowed."""
        expected = spec.expected[index]
        wanted = expected.product
        assert wanted is not None
        role = expected.product_role or spec.decider or _first_player(state.scenario, spec)
        if role is None:
            return
        delay = min(DEFAULT_DELAY, (expected.within or 2 * DEFAULT_DELAY) / 4)
        kind = wanted.kind or ProductKind.CORE_MESSAGE
        command = c.IssueProduct(
            actor=role,
            kind=kind,
            audience="public",
            elements=wanted.elements,
            text=f"automatic player ({self.policy}): {kind.value} on {spec.id}",
            answers=(spec.id,),
        )
        self.plan(t + delay, command)

    def on_submitted(self, product: Mapping[str, Any], t: float) -> None:
        if self.policy == "none":
            return
        approve = c.ApproveProduct(actor=product["approver"], product=product["product"])
        self.plan(t + APPROVAL_DELAY, approve)


class FilePlayer(Player):
    """Plays what a decisions file says, at the times it says."""

    def __init__(self, plan: DecisionsFile) -> None:
        super().__init__()
        self.file = plan
        self._by_inject = {d.inject: d for d in plan.decisions}

    def plan_existing(self, state: SessionState) -> None:
        super().plan_existing(state)
        for item in self.file.initiatives:
            initiative = c.SelfDecision(
                actor=item.role, text=item.text, pillars=item.pillars, comms=item.comms
            )
            self.plan(item.at, initiative)
        for taken in self.file.measures:
            measure = c.TakeMeasure(
                actor=taken.role, measure=taken.measure, rationale=taken.rationale
            )
            self.plan(taken.at, measure)
        for lift in self.file.lifts:
            lifted = c.LiftMeasure(
                actor=lift.role,
                measure=lift.measure,
                rationale=lift.rationale,
                informed=lift.informed,
            )
            self.plan(lift.at, lifted)
        for product in self.file.products:
            issue = c.IssueProduct(
                actor=product.role,
                kind=product.kind,
                audience=product.audience,
                channel=product.channel,
                elements=product.elements,
                text=product.text,
                answers=product.answers,
            )
            self.plan(product.at, issue)

    def on_submitted(self, product: Mapping[str, Any], t: float) -> None:
        # the file's product this is (its role, kind and text): approved after its delay
        for planned in self.file.products:
            if (
                planned.role == product.get("role")
                and planned.kind.value == product.get("kind")
                and planned.text == product.get("text")
            ):
                approve = c.ApproveProduct(actor=product["approver"], product=product["product"])
                self.plan(t + planned.approve_after, approve)
                return

    def on_decision(
        self, scenario: Scenario, inject: str, role: str, opened: float, deadline: float | None
    ) -> None:
        planned = self._by_inject.get(inject)
        if planned is not None:
            command = c.Decide(
                actor=planned.role or role,
                inject=inject,
                option=planned.option,
                rationale=planned.rationale,
            )
            self.plan(opened + planned.after, command)


def _first_player(scenario: Scenario, inject: Inject) -> str | None:
    """The first player role among an inject's recipients."""
    for role_id in inject.to:
        role = scenario.role_map.get(role_id)
        if role is not None and role.kind == RoleKind.PLAYER:
            return role_id
    return None
