"""Reading a decisions file and checking it against its scenario."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..model import Scenario
from ..model.decisions import DecisionsFile
from .messages import explain_all, suggest
from .problems import ContentError, Problem
from .yamlsource import Source, read_source


def load_decisions(path: Path | str, scenario: Scenario) -> DecisionsFile:
    """Read a decisions file and check it against the scenario; ContentError on problems."""
    source = read_source(path)
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
        raise ContentError(problems) from None
    problems = _check_decisions(source, plan, scenario)
    if problems:
        raise ContentError(problems)
    return plan


def _check_decisions(source: Source, plan: DecisionsFile, s: Scenario) -> list[Problem]:
    problems = []

    def unknown(path: tuple[Any, ...], kind: str, name: str, known: Iterable[str]) -> None:
        problems.append(
            source.problem(path, f"{name!r} is not {kind} of {s.id}{suggest(name, known)}")
        )

    if plan.scenario is not None and plan.scenario != s.id:
        problems.append(
            source.problem(
                ("scenario",), f"these decisions are for {plan.scenario!r}, not {s.id!r}"
            )
        )
    for n, d in enumerate(plan.decisions):
        inject = s.inject_map.get(d.inject)
        if inject is None or inject.decision is None:
            with_decision = [i.id for i in s.injects if i.decision]
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
        if item.role not in s.role_map:
            unknown(("initiatives", n, "role"), "a role", item.role, s.role_map)
    for n, item in enumerate(plan.measures):
        if item.measure not in s.measure_map:
            unknown(("measures", n, "measure"), "a measure", item.measure, s.measure_map)
        if item.role not in s.role_map:
            unknown(("measures", n, "role"), "a role", item.role, s.role_map)
    return problems
