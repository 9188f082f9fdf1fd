"""Reading a decisions file and checking it against its scenario.

The file is checked in full here, against the scenario, before a rehearsal starts its
journal: every problem is reported as FILE:LINE:COL, and a file that loads plays to the end.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..model import Scenario, format_duration
from ..model.decisions import DecisionsFile
from .messages import explain_all, suggest, suggestions_per_file
from .problems import ContentError, Problem
from .yamlsource import Source, read_source


def load_decisions(path: Path | str, scenario: Scenario) -> DecisionsFile:
    """Read a decisions file and check it against the scenario; ContentError on problems."""
    source = read_source(path)
    with suggestions_per_file():
        return _decisions_from_source(source, scenario)


def _decisions_from_source(source: Source, scenario: Scenario) -> DecisionsFile:
    if not isinstance(source.data, dict):
        raise ContentError(
            [source.problem((), "the top level must be a mapping (format, decisions, ...)")]
        )
    try:
        plan = DecisionsFile.model_validate(source.data)
    except ValidationError as err:
        problems = [
            source.problem(p, m, key=k) for p, m, k in explain_all(err, source.data, DecisionsFile)
        ]
        raise ContentError(sorted(problems, key=lambda p: (p.line, p.column))) from None
    problems = _check_decisions(source, plan, scenario)
    if problems:
        raise ContentError(sorted(problems, key=lambda p: (p.line, p.column)))
    return plan


def _check_decisions(source: Source, plan: DecisionsFile, s: Scenario) -> list[Problem]:
    problems = []

    def unknown(path: tuple[Any, ...], kind: str, name: str, known: Collection[str]) -> None:
        problems.append(
            source.problem(path, f"{name!r} is not {kind} of {s.id}{suggest(name, known)}")
        )

    if plan.scenario is not None and plan.scenario != s.id:
        problems.append(
            source.problem(
                ("scenario",), f"these decisions are for {plan.scenario!r}, not {s.id!r}"
            )
        )

    def check_time(path: tuple[Any, ...], seconds: float) -> None:
        if seconds < 0:
            problems.append(
                source.problem(path, f"{format_duration(seconds)} is before the start (T+0)")
            )
        elif seconds > s.duration:
            problems.append(
                source.problem(
                    path,
                    f"{format_duration(seconds)} is after the end of {s.id} "
                    f"(duration {format_duration(s.duration)})",
                )
            )

    first: dict[str, int] = {}
    with_decision = [i.id for i in s.injects if i.decision]
    for n, d in enumerate(plan.decisions):
        if d.after < 0:
            problems.append(
                source.problem(("decisions", n, "after"), "the delay after delivery is negative")
            )
        if d.inject in first:
            problems.append(
                source.problem(
                    ("decisions", n, "inject"),
                    f"{d.inject!r} is already decided at decisions[{first[d.inject]}]: "
                    "an inject is decided once",
                )
            )
            continue
        first[d.inject] = n
        inject = s.inject_map.get(d.inject)
        if inject is None or inject.decision is None:
            unknown(
                ("decisions", n, "inject"), "an inject with a decision", d.inject, with_decision
            )
            continue
        options = [o.id for o in inject.decision.options]
        if d.option not in options:
            unknown(("decisions", n, "option"), f"an option of {d.inject}", d.option, options)
        if d.role is not None and d.role not in s.role_map:
            unknown(("decisions", n, "role"), "a role", d.role, s.role_map)
    for n, item in enumerate(plan.initiatives):
        check_time(("initiatives", n, "at"), item.at)
        if item.role not in s.role_map:
            unknown(("initiatives", n, "role"), "a role", item.role, s.role_map)
    for n, taken in enumerate(plan.measures):
        check_time(("measures", n, "at"), taken.at)
        if taken.measure not in s.measure_map:
            unknown(("measures", n, "measure"), "a measure", taken.measure, s.measure_map)
        if taken.role not in s.role_map:
            unknown(("measures", n, "role"), "a role", taken.role, s.role_map)
    lasting = [m.id for m in s.measures if m.lasting]
    for n, lift in enumerate(plan.lifts):
        check_time(("lifts", n, "at"), lift.at)
        if lift.measure not in lasting:
            unknown(("lifts", n, "measure"), "a lasting measure", lift.measure, lasting)
        if lift.role not in s.role_map:
            unknown(("lifts", n, "role"), "a role", lift.role, s.role_map)
    for n, planned in enumerate(plan.products):
        check_time(("products", n, "at"), planned.at)
        if planned.approve_after < 0:
            problems.append(
                source.problem(("products", n, "approve_after"), "the delay is negative")
            )
        if planned.role not in s.role_map:
            unknown(("products", n, "role"), "a role", planned.role, s.role_map)
            continue
        received = [i.id for i in s.injects if planned.role in i.to]
        for a, answered in enumerate(planned.answers):
            if answered not in received:
                unknown(
                    ("products", n, "answers", a),
                    f"an inject {planned.role} receives",
                    answered,
                    received,
                )
    return problems
