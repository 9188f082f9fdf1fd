"""`exercise lint`: what a scenario covers and what in it looks wrong.

Coverage is counted in injects: per pillar and phase (conditional injects in a column of
their own), per NATO baseline requirement and per hybrid-threat domain. Gaps in coverage
are facts, not warnings (a short scenario need not touch everything); the warnings are
things an author almost certainly wants to fix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any, TextIO, TypeGuard

from rich.console import Console
from rich.table import Table

from ..language import N_, Translator
from ..model import (
    CommsElement,
    HybridDomain,
    Inject,
    Level,
    NatoRequirement,
    Pillar,
    RoleKind,
    Scenario,
)
from ..model.condition import All, Any_, Compare, Node, Not, Test
from ..model.timing import format_duration
from ..safetext import literal
from .yamlsource import Source

CONDITIONAL = N_("conditional")


@dataclass(frozen=True)
class LintWarning:
    code: str
    where: str
    message: str  # a message id of the language layer, with `{named}` placeholders
    path: tuple[str | int, ...] = ()  # where in the file, e.g. ("injects", 3): see `locate`
    position: str = ""  # FILE:LINE:COL, once located in the scenario's source
    params: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def english(self) -> str:
        return self.message.format(**self.params) if self.params else self.message


def locate(report: LintReport, source: Source) -> None:
    """Give each warning the file, line and column it points at."""
    located = []
    for warning in report.warnings:
        line, column = source.locate(warning.path) if warning.path else (1, 1)
        located.append(replace(warning, position=f"{source.file}:{line}:{column}"))
    report.warnings = located


@dataclass
class LintReport:
    scenario: str
    columns: list[str]
    matrix: dict[str, dict[str, int]]
    nato: dict[str, int]
    domains: dict[str, int]
    totals: dict[str, int]
    warnings: list[LintWarning] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "totals": self.totals,
            "pillar_phase_matrix": {"columns": self.columns, "rows": self.matrix},
            "nato": self.nato,
            "domains": self.domains,
            "warnings": [
                {"code": w.code, "where": w.where, "message": w.english, "position": w.position}
                for w in self.warnings
            ],
        }


def lint(s: Scenario) -> LintReport:
    columns = [p.id for p in s.phases] + [CONDITIONAL]
    matrix = {p.value: dict.fromkeys(columns, 0) for p in Pillar}
    nato = Counter({r.value: 0 for r in NatoRequirement})
    domains = Counter({d.value: 0 for d in HybridDomain})
    for inject in s.injects:
        column = s.phase_at(inject.at).id if inject.at is not None else CONDITIONAL
        for pillar in inject.pillars:
            matrix[pillar.value][column] += 1
        nato.update(r.value for r in inject.nato)
        domains.update(d.value for d in inject.domains)
    totals = {
        "injects": len(s.injects),
        "timeline": sum(1 for i in s.injects if i.on_timeline),
        "conditional": sum(1 for i in s.injects if not i.on_timeline),
        "decisions": sum(1 for i in s.injects if i.decision),
        "roles": len(s.roles),
        "measures": len(s.measures),
        "objectives": len(s.objectives),
    }
    report = LintReport(s.id, columns, matrix, dict(nato), dict(domains), totals)
    report.warnings = _warnings(s)
    return report


def _warnings(s: Scenario) -> list[LintWarning]:
    out: list[LintWarning] = []
    reachable = reachable_injects(s)
    expected_objectives = {e.objective for i in s.injects for e in i.expected if e.objective}
    received = {role for i in s.injects for role in i.to}
    for index, inject in enumerate(s.injects):
        where, path = f"injects.{inject.id}", ("injects", index)
        if inject.id not in reachable:
            why, params = _why_unreachable(s, inject)
            out.append(LintWarning("unreachable", where, why, path, params=params))
        if not inject.source:
            out.append(
                LintWarning(
                    "no-source",
                    where,
                    N_(
                        "no source: cite the real-world analogue, or write source: scenario-derived"
                    ),
                    path,
                )
            )
        if not inject.pillars:
            out.append(
                LintWarning(
                    "no-pillar",
                    where,
                    N_("no pillar: the debrief cannot place this inject under any pillar"),
                    path,
                )
            )
        out += _decision_warnings(s, inject, where, path)
        if inject.severe and not any(e.product is not None for e in inject.expected):
            out.append(
                LintWarning(
                    "no-expected-product",
                    where,
                    N_(
                        "a severe disruption (severity {severity}) with no expected "
                        "communication product: expect one that answers it (product: in "
                        "expected), so the debrief can measure the public message"
                    ),
                    path,
                    params={"severity": str(inject.severity)},
                )
            )
    for index, role in enumerate(s.roles):
        if role.kind == RoleKind.PLAYER and role.id not in received:
            out.append(
                LintWarning(
                    "idle-role",
                    f"roles.{role.id}",
                    N_("this player role receives no inject"),
                    ("roles", index),
                )
            )
    out += _untranslated(s)
    for index, objective in enumerate(s.objectives):
        if objective.id not in expected_objectives:
            out.append(
                LintWarning(
                    "unevaluated-objective",
                    f"objectives.{objective.id}",
                    N_("no expected action refers to this objective, so nothing measures it"),
                    ("objectives", index),
                )
            )
    out += _playbook_warnings(s)
    out += _narrative_warnings(s, reachable)
    return out


def _expected_elements(s: Scenario, injects: list[str]) -> set[CommsElement]:
    """The elements the products expected in answer to these injects carry."""
    return {
        element
        for inject_id in injects
        for expected in s.inject_map[inject_id].expected
        if expected.product is not None
        for element in expected.product.elements
    }


def _narrative_warnings(s: Scenario, reachable: set[str]) -> list[LintWarning]:
    """A narrative that can never start, or that nothing in the scenario can answer."""
    out: list[LintWarning] = []
    carried = {e for m in s.measures for e in m.comms}
    carried |= {e for i in s.injects if i.decision for o in i.decision.options for e in o.comms}
    for index, narrative in enumerate(s.narratives):
        where, path = f"narratives.{narrative.id}", ("narratives", index)
        starters = [i for i in narrative.starts_from if i in s.inject_map]
        for f, inject_id in enumerate(narrative.starts_from):
            inject = s.inject_map.get(inject_id)
            if inject is not None and inject.media is None:
                out.append(
                    LintWarning(
                        "narrative-not-media",
                        where,
                        N_("{inject} is not a media inject: no player sees it in the media"),
                        (*path, "from", f),
                        params={"inject": inject_id},
                    )
                )
        if not any(i in reachable for i in starters):
            out.append(
                LintWarning(
                    "narrative-never-answered",
                    where,
                    N_("none of its injects can be delivered, so it never starts"),
                    (*path, "from"),
                )
            )
        elif not (carried | _expected_elements(s, starters)) & set(narrative.answered_by):
            out.append(
                LintWarning(
                    "narrative-never-answered",
                    where,
                    N_(
                        "no option, measure or expected product carries {elements}: "
                        "nothing in the scenario answers it"
                    ),
                    (*path, "answered_by"),
                    params={"elements": ", ".join(e.value for e in narrative.answered_by)},
                )
            )
    return out


def _playbook_warnings(s: Scenario) -> list[LintWarning]:
    """Each threat level the scenario reaches has measures of its own (its playbook), and
    no measure waits for a level the scenario never reaches."""
    out: list[LintWarning] = []
    first_phase: dict[Level, int] = {}
    for index, phase in enumerate(s.phases):
        first_phase.setdefault(phase.level, index)
    if not s.measures:
        return out  # a scenario without measures has no playbooks to check
    from_levels = {measure.playbook for measure in s.measures}
    for level, index in first_phase.items():
        if level not in from_levels:
            out.append(
                LintWarning(
                    "level-without-measures",
                    f"phases.{s.phases[index].id}",
                    N_("no measure becomes available at {level}: its playbook is empty"),
                    ("phases", index, "level"),
                    params={"level": level.value},
                )
            )
    for index, measure in enumerate(s.measures):
        if not any(measure.available_at(level) for level in first_phase):
            field = "levels" if measure.levels else "from_level"
            out.append(
                LintWarning(
                    "measure-never-available",
                    f"measures.{measure.id}",
                    N_("available only at {levels}, a level no phase reaches"),
                    ("measures", index, field),
                    params={"levels": ", ".join(level.value for level in measure.available_levels)},
                )
            )
    return out


# Fields whose text a user sees (players, facilitators, the report); MSEL-only fields (notes,
# expected actions, contingencies) are for the controllers and may stay in one language.
_VISIBLE_TEXT = frozenset(
    {"title", "text", "description", "prompt", "label", "from", "threat", "capability",
     "target", "theme", "claim", "outlet"}
)  # fmt: skip
_MSEL_ONLY = frozenset({"notes", "expected"})
_DUTCH = "nl"


def _untranslated(s: Scenario) -> list[LintWarning]:
    """In a Dutch or bilingual scenario, every text a user sees that has no Dutch."""
    data = s.model_dump(mode="python", by_alias=True, exclude_none=True)
    texts = list(_texts(data, ""))
    bilingual = any(isinstance(value, dict) and _DUTCH in value for _where, value in texts)
    if s.language != _DUTCH and not bilingual:
        return []
    out = []
    for where, value in texts:
        written_in = value.keys() if isinstance(value, dict) else {s.language}
        if _DUTCH not in written_in:
            out.append(LintWarning("no-dutch", where, N_("this text a user sees has no Dutch")))
    return out


def _is_text(value: object) -> TypeGuard[str | dict[str, str]]:
    """A text field's value: a string, or a mapping of language to string."""
    if isinstance(value, dict):
        return all(isinstance(v, str) for v in value.values())
    return isinstance(value, str)


def _texts(node: object, where: str) -> Iterator[tuple[str, str | dict[str, str]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _MSEL_ONLY:
                continue
            here = f"{where}.{key}" if where else str(key)
            if key in _VISIBLE_TEXT and _is_text(value):
                yield here, value
                continue
            yield from _texts(value, here)
    elif isinstance(node, list | tuple):
        for n, item in enumerate(node):
            name = item.get("id") if isinstance(item, dict) else None
            yield from _texts(item, f"{where}.{name}" if isinstance(name, str) else f"{where}[{n}]")


def _decision_warnings(
    s: Scenario, inject: Inject, where: str, path: tuple[str | int, ...]
) -> list[LintWarning]:
    decision = inject.decision
    if decision is None:
        return []
    out = []
    if not inject.expected:
        out.append(
            LintWarning(
                "no-expected-action", where, N_("a decision without an expected action"), path
            )
        )
    decider = s.role_map.get(inject.decider or "")
    if decider is not None and decider.kind != RoleKind.PLAYER:
        out.append(
            LintWarning(
                "non-player-decides",
                where,
                N_("{role} decides but is a {kind}"),
                (*path, "decision"),
                params={"role": repr(decider.id), "kind": decider.kind.value},
            )
        )
    due = None if inject.at is None or decision.deadline is None else inject.at + decision.deadline
    if due is not None and due > s.duration:
        out.append(
            LintWarning(
                "deadline-after-end",
                where,
                N_("the deadline falls at {due}, after the end ({end})"),
                (*path, "decision", "deadline"),
                params={"due": format_duration(due), "end": format_duration(s.duration)},
            )
        )
    for number, option in enumerate(decision.options):
        if not (option.effects or option.release or option.phase or option.comms):
            out.append(
                LintWarning(
                    "inert-option",
                    f"{where}.options.{option.id}",
                    N_(
                        "this option changes no indicator, releases nothing, enters no phase "
                        "and carries no communication element"
                    ),
                    (*path, "decision", "options", number),
                )
            )
    return out


def _why_unreachable(s: Scenario, inject: Inject) -> tuple[str, dict[str, str]]:
    """Why nothing delivers `inject`: a message id and its parameters."""
    if inject.when is None and inject.id not in s.released_by:
        return (
            N_(
                "no time, no condition and no option releases it: it is delivered only if the "
                "facilitator fires it"
            ),
            {},
        )
    sources = ", ".join(sorted({src for src, _ in s.released_by.get(inject.id, [])}))
    if inject.when is None:
        return (
            N_("only options of injects that are never delivered release it ({sources})"),
            {"sources": sources},
        )
    if sources:
        return (
            N_(
                "its condition can never hold, and the injects whose options release it "
                "({sources}) are never delivered"
            ),
            {"sources": sources},
        )
    return N_("its condition can never hold"), {}


def reachable_injects(s: Scenario) -> set[str]:
    """Injects that can be delivered in some run (an optimistic fixpoint over the scenario)."""
    reachable = {i.id for i in s.injects if i.on_timeline}
    moved = {
        name for i in s.injects if i.decision for o in i.decision.options for name in o.effects
    }
    moved |= {name for m in s.measures for name in m.effects}
    moved |= {name for n in s.narratives for name in n.effects}
    changed = True
    while changed:
        changed = False
        phases = {p.id for p in s.phases if p.at is not None}
        for inject_id in reachable:
            decision = s.inject_map[inject_id].decision
            if decision:
                phases |= {o.phase for o in decision.options if o.phase}
        top = max((s.phase_map[p].level.rank for p in phases), default=0)
        for inject in s.injects:
            if inject.id in reachable:
                continue
            released = any(src in reachable for src, _ in s.released_by.get(inject.id, []))
            if released or (
                inject.when is not None
                and _possible(s, inject.when.tree, reachable, phases, top, moved)
            ):
                reachable.add(inject.id)
                changed = True
    return reachable


def _possible(
    s: Scenario, node: Node, reachable: set[str], phases: set[str], top: int, moved: set[str]
) -> bool:
    if isinstance(node, Not):
        return True  # optimistic: a negation can usually hold
    if isinstance(node, All):
        return all(_possible(s, n, reachable, phases, top, moved) for n in node.items)
    if isinstance(node, Any_):
        return any(_possible(s, n, reachable, phases, top, moved) for n in node.items)
    if isinstance(node, Compare):
        ind = s.indicator_map[node.indicator]
        values = (ind.min, ind.max) if node.indicator in moved else (ind.start, ind.start)
        return _range_allows(values, node.op, node.value)
    assert isinstance(node, Test)
    name = node.args[0]
    if node.func == "phase":
        return name in phases
    if node.func == "measure":
        return s.measure_map[name].from_level.rank <= top
    if node.func == "missed":
        decision = s.inject_map[name].decision
        return name in reachable and decision is not None and decision.deadline is not None
    return name in reachable


def _range_allows(values: tuple[float, float], op: str, target: float) -> bool:
    low, high = values
    match op:
        case "<":
            return low < target
        case "<=":
            return low <= target
        case ">":
            return high > target
        case ">=":
            return high >= target
        case "==":
            return low <= target <= high
        case _:
            return not (low == high == target)


def render_text(report: LintReport, out: TextIO, lang: str = "en") -> None:
    """The report for people, in `lang` (ids, codes and the JSON form stay as they are)."""
    console = Console(file=out, width=None if out.isatty() else 120, highlight=False)
    w = Translator(lang)
    t = report.totals
    summary = w(
        "{scenario}: {injects} injects ({timeline} on the timeline, {conditional} conditional), "
        "{decisions} decisions, {roles} roles, {measures} measures, {objectives} objectives",
        scenario=report.scenario,
        **{name: t[name] for name in (
            "injects", "timeline", "conditional", "decisions", "roles", "measures", "objectives"
        )},
    )  # fmt: skip
    console.print(literal(summary))
    matrix = Table(title=w("Injects per pillar and phase"), title_justify="left")
    matrix.add_column(w("pillar"))
    for column in report.columns:
        matrix.add_column(literal(w(column) if column == CONDITIONAL else column), justify="right")
    for pillar, row in report.matrix.items():
        matrix.add_row(pillar, *[str(n) if n else "." for n in row.values()])
    console.print(matrix)
    for title, counts in (
        (w("NATO baseline requirements"), report.nato),
        (w("Hybrid-threat domains"), report.domains),
    ):
        table = Table(title=title, title_justify="left")
        table.add_column(w("covered"))
        table.add_column(w("injects"), justify="right")
        for name, count in counts.items():
            table.add_row(name, str(count) if count else w("- not covered"))
        console.print(table)
    if report.warnings:
        console.print(w.n("{n} warning:", "{n} warnings:", len(report.warnings)))
        for warning in report.warnings:
            at = f"{warning.position}: " if warning.position else "  "
            line = w(
                "{at}warning [{code}] {where}: {message}",
                at=at,
                code=warning.code,
                where=warning.where,
                message=w(warning.message, **warning.params),  # a fixed sentence in `lang`
            )
            console.print(literal(line), soft_wrap=True)  # one line each, FILE:LINE: first
    else:
        console.print(w("no warnings"))
