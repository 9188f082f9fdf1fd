"""Checks that need the whole scenario: references between ids, times, ranges.

Each finding names the data path of the mistake; the loader turns it into file:line:col.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

from ..language import N_, phrase
from ..model import Condition, Inject, RoleKind, Scenario, format_duration
from ..model.condition import Compare
from ..model.scenario import ExpectedAction
from ..model.types import MAX_MAGNITUDE, MAX_NARRATIVE_STEPS, MIN_NARRATIVE_EVERY
from .messages import suggest
from .problems import Path_


@dataclass(frozen=True, slots=True)
class Finding:
    path: Path_
    message: str
    key: bool = False


# kind: (the sentence, the list of the known ones when there is no close match)
_UNKNOWN = {
    "role": (N_("{name} is not a role of this scenario{hint}"), N_(" (roles: {names})")),
    "phase": (N_("{name} is not a phase of this scenario{hint}"), N_(" (phases: {names})")),
    "indicator": (
        N_("{name} is not an indicator of this scenario{hint}"),
        N_(" (indicators: {names})"),
    ),
    "inject": (N_("{name} is not an inject of this scenario{hint}"), N_(" (injects: {names})")),
    "measure": (
        N_("{name} is not a measure of this scenario{hint}"),
        N_(" (measures: {names})"),
    ),
    "objective": (
        N_("{name} is not an objective of this scenario{hint}"),
        N_(" (objectives: {names})"),
    ),
}


def _unknown(kind: str, name: str, known: Collection[str]) -> str:
    sentence, listing = _UNKNOWN[kind]
    hint = suggest(name, known)
    if not hint and known and len(known) <= 12:
        hint = phrase(listing, names=", ".join(known))
    return phrase(sentence, name=repr(name), hint=hint)


def _not_option(option: str, inject_id: str, option_ids: list[str]) -> str:
    hint = suggest(option, option_ids) or phrase(" (options: {names})", names=", ".join(option_ids))
    return phrase(
        "{option} is not an option of {inject}{hint}",
        option=repr(option),
        inject=inject_id,
        hint=hint,
    )


def check_scenario(s: Scenario) -> list[Finding]:
    out: list[Finding] = []
    sections = (
        "roles",
        "phases",
        "indicators",
        "objectives",
        "measures",
        "injects",
        "narratives",
        "feedback",
    )
    for section in sections:
        out += _duplicates(section, [item.id for item in getattr(s, section)])
    out += _check_phases(s)
    out += _check_indicators(s)
    for m, measure in enumerate(s.measures):
        if measure.role not in s.role_map:
            out.append(Finding(("measures", m, "role"), _unknown("role", measure.role, s.role_map)))
        out += _effects(s, ("measures", m, "effects"), measure.effects)
    for i, inject in enumerate(s.injects):
        out += _check_inject(s, i, inject)
    out += _check_narratives(s)
    out += _check_communication(s)
    return out


def _check_narratives(s: Scenario) -> list[Finding]:
    out: list[Finding] = []
    steps = 0.0
    for n, narrative in enumerate(s.narratives):
        here: Path_ = ("narratives", n)
        for f, inject_id in enumerate(narrative.starts_from):
            if inject_id not in s.inject_map:
                out.append(Finding((*here, "from", f), _unknown("inject", inject_id, s.inject_map)))
        out += _effects(s, (*here, "effects"), narrative.effects)
        if narrative.every < MIN_NARRATIVE_EVERY:
            out.append(
                Finding(
                    (*here, "every"),
                    f"a narrative's reach moves at most once a minute "
                    f"(every {format_duration(narrative.every)} is shorter)",
                )
            )
            continue
        steps += s.duration / narrative.every
        if steps > MAX_NARRATIVE_STEPS:
            out.append(
                Finding(
                    (*here, "every"),
                    f"the narratives so far take {math.ceil(steps):,} reach steps over the "
                    f"duration {format_duration(s.duration)}; the limit is "
                    f"{MAX_NARRATIVE_STEPS:,}: give them a longer 'every'",
                )
            )
            break
    return out
    return out


def _duplicates(section: str, ids: list[str]) -> list[Finding]:
    first: dict[str, int] = {}
    out = []
    for index, item_id in enumerate(ids):
        if item_id in first:
            out.append(
                Finding(
                    (section, index, "id"),
                    phrase(
                        "duplicate id {id} (first used at {where})",
                        id=repr(item_id),
                        where=f"{section}[{first[item_id]}]",
                    ),
                )
            )
        else:
            first[item_id] = index
    return out


_TIMES = {  # what: (before the start, after the end)
    "phase start": (
        N_("phase start {time} is before the start (T+0)"),
        N_("phase start {time} is after the end of the scenario (duration {duration})"),
    ),
    "delivery time": (
        N_("delivery time {time} is before the start (T+0)"),
        N_("delivery time {time} is after the end of the scenario (duration {duration})"),
    ),
}


def _check_time(s: Scenario, path: Path_, seconds: float | None, what: str) -> list[Finding]:
    if seconds is None:
        return []
    before, after = _TIMES[what]
    if seconds < 0:
        return [Finding(path, phrase(before, time=format_duration(seconds)))]
    if seconds > s.duration:
        return [
            Finding(
                path,
                phrase(after, time=format_duration(seconds), duration=format_duration(s.duration)),
            )
        ]
    return []


def _check_phases(s: Scenario) -> list[Finding]:
    out: list[Finding] = []
    if s.duration <= 0:
        out.append(Finding(("duration",), phrase("the duration must be longer than zero")))
    first = s.phases[0]
    if first.at != 0:
        out.append(
            Finding(("phases", 0), phrase("the first phase opens the scenario: give it at: 0"))
        )
    previous: tuple[int, float] | None = None
    for p, phase in enumerate(s.phases):
        out += _check_time(s, ("phases", p, "at"), phase.at, "phase start")
        if phase.at is None:
            continue
        if previous is not None and phase.at <= previous[1]:
            out.append(
                Finding(
                    ("phases", p, "at"),
                    phrase(
                        "phases must be in time order: {time} is not after {other} at {at}",
                        time=format_duration(phase.at),
                        other=f"phases[{previous[0]}]",
                        at=format_duration(previous[1]),
                    ),
                )
            )
        previous = (p, phase.at)
    return out


def _check_indicators(s: Scenario) -> list[Finding]:
    out = []
    for n, ind in enumerate(s.indicators):
        if ind.min >= ind.max:
            out.append(
                Finding(
                    ("indicators", n, "max"),
                    phrase(
                        "max {max} is not above min {min}", max=f"{ind.max:g}", min=f"{ind.min:g}"
                    ),
                )
            )
        elif not ind.min <= ind.start <= ind.max:
            out.append(
                Finding(
                    ("indicators", n, "start"),
                    phrase(
                        "start {start} is outside min {min} .. max {max}",
                        start=f"{ind.start:g}",
                        min=f"{ind.min:g}",
                        max=f"{ind.max:g}",
                    ),
                )
            )
    return out


def _effects(s: Scenario, path: Path_, effects: dict[str, float]) -> list[Finding]:
    return [
        Finding((*path, name), _unknown("indicator", name, s.indicator_map), key=True)
        for name in effects
        if name not in s.indicator_map
    ]


def _check_inject(s: Scenario, i: int, inject: Inject) -> list[Finding]:
    here: Path_ = ("injects", i)
    out = _check_time(s, (*here, "at"), inject.at, "delivery time")
    if inject.after is not None and inject.after < 0:
        out.append(
            Finding((*here, "after"), phrase("the delay after the condition cannot be negative"))
        )
    for r, role in enumerate(inject.to):
        if role not in s.role_map:
            out.append(Finding((*here, "to", r), _unknown("role", role, s.role_map)))
    if inject.decision is not None:
        out += _check_decision(s, here, inject)
    for e, expected in enumerate(inject.expected):
        out += _check_expected(s, (*here, "expected", e), inject, expected)
    if inject.when is not None:
        out += _check_condition(s, (*here, "when"), inject, inject.when)
    return out


def _check_decision(s: Scenario, here: Path_, inject: Inject) -> list[Finding]:
    decision = inject.decision
    assert decision is not None
    path: Path_ = (*here, "decision")
    out: list[Finding] = []
    if decision.role is not None:
        if decision.role not in s.role_map:
            out.append(Finding((*path, "role"), _unknown("role", decision.role, s.role_map)))
        elif decision.role not in inject.to:
            out.append(
                Finding(
                    (*path, "role"),
                    phrase(
                        "{role} decides but does not receive this inject (to: {roles})",
                        role=repr(decision.role),
                        roles=", ".join(inject.to),
                    ),
                )
            )
    if decision.deadline is not None and decision.deadline <= 0:
        out.append(Finding((*path, "deadline"), phrase("the deadline must be longer than zero")))
    option_ids = [o.id for o in decision.options]
    out += _duplicates_in(path, option_ids)
    if decision.default is not None and decision.default not in option_ids:
        out.append(
            Finding(
                (*path, "default"),
                _not_option(decision.default, inject.id, option_ids),
            )
        )
    for o, option in enumerate(decision.options):
        opath: Path_ = (*path, "options", o)
        out += _effects(s, (*opath, "effects"), option.effects)
        for r, target in enumerate(option.release):
            released = s.inject_map.get(target)
            if released is None:
                out.append(
                    Finding((*opath, "release", r), _unknown("inject", target, s.inject_map))
                )
            elif released.on_timeline:
                out.append(
                    Finding(
                        (*opath, "release", r),
                        phrase(
                            "{inject} is on the timeline (at {time}); an option releases "
                            "conditional injects only",
                            inject=repr(target),
                            time=format_duration(released.at or 0),
                        ),
                    )
                )
            elif target == inject.id:
                out.append(
                    Finding(
                        (*opath, "release", r), phrase("an option cannot release its own inject")
                    )
                )
        if option.phase is not None and option.phase not in s.phase_map:
            out.append(Finding((*opath, "phase"), _unknown("phase", option.phase, s.phase_map)))
    return out


def _duplicates_in(path: Path_, option_ids: list[str]) -> list[Finding]:
    return [
        Finding((*path, "options", o, "id"), phrase("duplicate option id {id}", id=repr(oid)))
        for o, oid in enumerate(option_ids)
        if oid in option_ids[:o]
    ]


def _check_expected(
    s: Scenario, path: Path_, inject: Inject, expected: ExpectedAction
) -> list[Finding]:
    out: list[Finding] = []
    if expected.product is not None:
        out += _check_expected_product(s, path, inject, expected)
    elif expected.role is None and inject.decider is None:
        out.append(
            Finding(path, phrase("name the role expected to act (this inject has no decision)"))
        )
    elif expected.role is not None and expected.role not in s.role_map:
        # a role taken from the decision is checked (and reported) there
        out.append(Finding((*path, "role"), _unknown("role", expected.role, s.role_map)))
    if expected.option is not None:
        if inject.decision is None:
            out.append(
                Finding(
                    (*path, "option"),
                    phrase("this inject has no decision to choose an option of"),
                )
            )
        else:
            option_ids = [o.id for o in inject.decision.options]
            if expected.option not in option_ids:
                out.append(
                    Finding(
                        (*path, "option"),
                        _not_option(expected.option, inject.id, option_ids),
                    )
                )
            elif expected.role is not None and expected.role != inject.decider:
                out.append(
                    Finding(
                        (*path, "role"),
                        phrase(
                            "only {decider} decides {inject}, so {role} cannot be expected to "
                            "choose its option",
                            decider=repr(inject.decider),
                            inject=inject.id,
                            role=repr(expected.role),
                        ),
                    )
                )
    if expected.measure is not None and expected.measure not in s.measure_map:
        out.append(
            Finding((*path, "measure"), _unknown("measure", expected.measure, s.measure_map))
        )
    if expected.objective is not None and expected.objective not in s.objective_map:
        out.append(
            Finding(
                (*path, "objective"), _unknown("objective", expected.objective, s.objective_map)
            )
        )
    if expected.within is not None and expected.within <= 0:
        out.append(Finding((*path, "within"), phrase("the time allowed must be longer than zero")))
    return out


def _check_expected_product(
    s: Scenario, path: Path_, inject: Inject, expected: ExpectedAction
) -> list[Finding]:
    """A product answers only an inject its role received: any recipient when no role is
    named (and the inject has no decision)."""
    assert expected.product is not None
    if expected.product.role is not None:
        where, role = (*path, "product", "role"), expected.product.role
    elif expected.role is not None:
        where, role = (*path, "role"), expected.role
    else:
        return []  # the decider (checked with the decision), or any recipient
    if role not in s.role_map:
        return [Finding(where, _unknown("role", role, s.role_map))]
    if role not in inject.to:
        return [
            Finding(
                where,
                phrase(
                    "{role} does not receive {inject}, so no product of theirs can answer it",
                    role=repr(role),
                    inject=inject.id,
                ),
            )
        ]
    return []


def _check_communication(s: Scenario) -> list[Finding]:
    out: list[Finding] = []
    for r, rule in enumerate(s.communication.approval):
        here = ("communication", "approval", r)
        approver = s.role_map.get(rule.by)
        if approver is None:
            out.append(Finding((*here, "by"), _unknown("role", rule.by, s.role_map)))
        elif approver.kind != RoleKind.PLAYER:
            out.append(
                Finding(
                    (*here, "by"),
                    phrase("{role} is not a player role: it cannot approve", role=repr(rule.by)),
                )
            )
        for n, role in enumerate(rule.roles):
            if role not in s.role_map:
                out.append(Finding((*here, "roles", n), _unknown("role", role, s.role_map)))
            elif role == rule.by:
                out.append(
                    Finding(
                        (*here, "roles", n),
                        phrase(
                            "{role} approves these products: its own go out without approval",
                            role=repr(role),
                        ),
                    )
                )
    return out


def _check_condition(s: Scenario, path: Path_, inject: Inject, when: Condition) -> list[Finding]:
    out: list[Finding] = []
    shown = when.text if len(when.text) <= 80 else when.text[:77] + "..."

    def said(problem: str) -> str:
        return phrase("condition {condition}: {problem}", condition=repr(shown), problem=problem)

    for leaf in when.leaves():
        if isinstance(leaf, Compare):
            if not math.isfinite(leaf.value) or abs(leaf.value) > MAX_MAGNITUDE:
                out.append(
                    Finding(
                        path,
                        said(
                            phrase(
                                "{leaf} is compared with a number beyond {most} (either way)",
                                leaf=f"indicator({leaf.indicator})",
                                most=MAX_MAGNITUDE,
                            )
                        ),
                    )
                )
            if leaf.indicator not in s.indicator_map:
                out.append(
                    Finding(path, said(_unknown("indicator", leaf.indicator, s.indicator_map)))
                )
            continue
        name = leaf.args[0]
        if leaf.func == "phase":
            if name not in s.phase_map:
                out.append(Finding(path, said(_unknown("phase", name, s.phase_map))))
            continue
        if leaf.func == "measure":
            if name not in s.measure_map:
                out.append(Finding(path, said(_unknown("measure", name, s.measure_map))))
            continue
        target = s.inject_map.get(name)
        if target is None:
            out.append(Finding(path, said(_unknown("inject", name, s.inject_map))))
        elif target.id == inject.id:
            out.append(
                Finding(path, said(phrase("{leaf} refers to this inject itself", leaf=str(leaf))))
            )
        elif leaf.func in ("decided", "missed", "chosen") and target.decision is None:
            out.append(
                Finding(
                    path,
                    said(phrase("{leaf}: {inject} has no decision", leaf=str(leaf), inject=name)),
                )
            )
        elif leaf.func == "chosen" and target.decision is not None:
            option_ids = [o.id for o in target.decision.options]
            if leaf.args[1] not in option_ids:
                out.append(
                    Finding(
                        path,
                        said(_not_option(leaf.args[1], name, option_ids)),
                    )
                )
    return out
