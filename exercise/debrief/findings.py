"""The main findings of a session, computed from its report, for the first page.

A finding is a strength or an area for improvement, tied to pillars and objectives, with
its evidence (times, decisions, missed actions). These are computed from what the journal
shows and labelled as computed: they are a starting point for the evaluator, who has the
last word: each has a stable key (the rule that found it and the pillar it is about), by
which an evaluator's judgement in `exercise review` (accept, edit, drop) keeps applying
when the report is rebuilt. The recommendations are the improvement plan's actions.

The thresholds below are the ones the bundled scenarios' objectives use; a finding names
the times it is based on, so a reader can judge them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.timing import format_clock
from .report import ExpectedRow, Finding, PillarSection, Report
from .text import in_force_text, pillar_label, span
from .words import Words

MAX_FINDINGS = 5
MAX_STRENGTHS = 2  # of the five, so areas for improvement are not crowded out
MAX_EVIDENCE = 2  # items of evidence per finding: five findings fit on the first page
MAX_RECOMMENDATIONS = 5
COMMS_TARGET = 600.0  # seconds from the first severe inject to a public action perspective
RECOGNITION_TARGET = 600.0  # seconds from a move up the ladder to a fitting action
MIN_EXPECTED_FOR_STRENGTH = 2  # expected actions a pillar needs before all-met is a strength


def compute_findings(report: Report, w: Words) -> tuple[list[Finding], list[str]]:
    """The three to five main findings (fewer when the session shows fewer), and the
    recommendations from the improvement plan."""
    improvements: list[tuple[float, Finding]] = []
    strengths: list[tuple[float, Finding]] = []
    for section in report.pillars:
        found = _pillar_finding(section, w)
        if found is not None:
            weight, finding = found
            (strengths if finding.kind == "strength" else improvements).append((weight, finding))
    missed = _missed_deadlines(report, w)
    if missed is not None:
        improvements.append(missed)
    for weight, finding in _lasting_measures(report, w):
        (strengths if finding.kind == "strength" else improvements).append((weight, finding))
    for weight, finding in _timing_findings(report, w):
        (strengths if finding.kind == "strength" else improvements).append((weight, finding))
    improvements.sort(key=lambda item: -item[0])
    strengths.sort(key=lambda item: -item[0])
    chosen = [f for _w, f in strengths[:MAX_STRENGTHS]]
    chosen = [f for _w, f in improvements[: MAX_FINDINGS - len(chosen)]] + chosen
    if len(chosen) < MAX_FINDINGS:  # room left: more strengths
        chosen += [f for _w, f in strengths[MAX_STRENGTHS:]][: MAX_FINDINGS - len(chosen)]
    return chosen, _recommendations(report, w)


def _pillar_finding(section: PillarSection, w: Words) -> tuple[float, Finding] | None:
    counts = section.expected_counts
    if not section.exercised:
        return None
    title = pillar_label(section.pillar, w)
    if counts.missed or counts.late:
        shortfall = [row for row in section.expected if row.status in ("missed", "late")]
        return (
            2.0 * counts.missed + counts.late,
            Finding(
                "improvement",
                w(
                    "{pillar}: {missed} missed and {late} late of {total} expected actions",
                    pillar=title,
                    missed=counts.missed,
                    late=counts.late,
                    total=counts.total,
                ),
                [section.pillar],
                _objectives(shortfall),
                [_expected_evidence(row, w) for row in shortfall[:MAX_EVIDENCE]],
                key=f"expected-shortfall:{section.pillar}",
            ),
        )
    if counts.met >= MIN_EXPECTED_FOR_STRENGTH and counts.pending == 0:
        met = [row for row in section.expected if row.status == "met"]
        fastest = sorted(met, key=lambda row: row.delay if row.delay is not None else 0.0)
        return (
            float(counts.met),
            Finding(
                "strength",
                w(
                    "{pillar}: all {total} expected actions met in time",
                    pillar=title,
                    total=counts.met,
                ),
                [section.pillar],
                _objectives(met),
                [_expected_evidence(row, w) for row in fastest[:MAX_EVIDENCE]],
                key=f"expected-met:{section.pillar}",
            ),
        )
    return None


def _missed_deadlines(report: Report, w: Words) -> tuple[float, Finding] | None:
    """Deadlines let pass, by role: a default was applied instead of a decision."""
    rows = [row for row in report.each_decision() if row.kind == "missed"]
    if not rows:
        return None
    by_role = Counter(row.role for row in rows)
    pillars = [s.pillar for s in report.pillars if any(r.kind == "missed" for r in s.decisions)]
    roles = ", ".join(f"{role} ({n})" for role, n in by_role.most_common())
    return (
        1.5 * len(rows),
        Finding(
            "improvement",
            w(
                "{deadlines} passed without a decision: {roles}",
                deadlines=w.plural(len(rows), "{n} deadline", "{n} deadlines"),
                roles=roles,
            ),
            pillars,
            [],
            [
                w(
                    "{at}: {inject} ({role})",
                    at=format_clock(row.t),
                    inject=row.inject_title,
                    role=row.role,
                )
                for row in rows[:MAX_EVIDENCE]
            ],
            key="deadlines-missed",
        ),
    )


def _timing_findings(report: Report, w: Words) -> Iterable[tuple[float, Finding]]:
    c = report.communication
    if c.first_action_perspective is not None and c.lag is not None:
        first = c.first_action_perspective
        evidence = [
            w(
                "{at}: {text} ({role})",
                at=format_clock(first.t),
                text=first.text,
                role=first.role,
            )
        ]
        if c.lag <= COMMS_TARGET:
            yield (
                1.0,
                Finding(
                    "strength",
                    w(
                        "The first public action perspective came {lag} after the first "
                        "severe inject",
                        lag=span(c.lag),
                    ),
                    ["resilient-society"],
                    [],
                    evidence,
                    key="action-perspective-in-time",
                ),
            )
        else:
            yield (
                c.lag / COMMS_TARGET,
                Finding(
                    "improvement",
                    w(
                        "The first public action perspective came only {lag} after the first "
                        "severe inject (target {target})",
                        lag=span(c.lag),
                        target=span(COMMS_TARGET),
                    ),
                    ["resilient-society"],
                    [],
                    evidence,
                    key="action-perspective-late",
                ),
            )
    slow = [p for p in report.escalation.phases if p.lag is not None and p.lag > RECOGNITION_TARGET]
    if slow:
        yield (
            max(p.lag or 0.0 for p in slow) / RECOGNITION_TARGET,
            Finding(
                "improvement",
                w("Moves up the escalation ladder were recognised late ({n})", n=len(slow)),
                ["territorial-defence"],
                [],
                [
                    w(
                        "{level} at {at}: first fitting action after {lag}",
                        level=p.level,
                        at=format_clock(p.t),
                        lag=span(p.lag),
                    )
                    for p in slow[:MAX_EVIDENCE]
                ],
                key="recognition-late",
            ),
        )


def _lasting_measures(report: Report, w: Words) -> Iterable[tuple[float, Finding]]:
    """In recovery, emergency measures are lifted again and accounted for."""
    if not any(p.level == "L4" for p in report.escalation.phases):
        return
    lasting = [m for m in report.escalation.measures if m.lasting]
    open_ = [m for m in lasting if m.lifted is None]
    pillars = ["democracy-rule-of-law"]
    if open_:
        yield (
            1.5 * len(open_),
            Finding(
                "improvement",
                w("{n} lasting measures still in force in recovery", n=len(open_)),
                pillars,
                [],
                [
                    w(
                        "{title} ({role}): taken at {time}, not lifted",
                        title=m.title,
                        role=m.role,
                        time=format_clock(m.t),
                    )
                    for m in open_[:MAX_EVIDENCE]
                ],
                key="lasting-measures-in-force",
            ),
        )
    elif lasting:
        yield (
            float(len(lasting)),
            Finding(
                "strength",
                w("Lasting measures lifted in recovery ({n})", n=len(lasting)),
                pillars,
                [],
                [f"{m.title}: {in_force_text(m, w)}" for m in lasting[:MAX_EVIDENCE]],
                key="lasting-measures-lifted",
            ),
        )


def judge_findings(
    findings: list[Finding], judgements: Mapping[str, tuple[str, Mapping[str, Any]]]
) -> tuple[list[Finding], list[Finding]]:
    """The findings as the evaluators left them, and those they dropped: a dropped one is
    left out, an accepted or edited one is the evaluator's (no longer labelled computed),
    the rest stay computed. Judgements are matched by key, so they hold however often the
    report is rebuilt."""
    out, dropped = [], []
    for finding in findings:
        judged = judgements.get(finding.key)
        if judged is None:
            out.append(finding)
            continue
        by, p = judged
        verdict = p.get("verdict")
        if verdict == "drop":
            dropped.append(finding)
            continue
        if verdict == "edit" and isinstance(p.get("text"), str) and p["text"]:
            finding.text = p["text"]
        finding.computed = False
        finding.judged_by = by
        out.append(finding)
    return out, dropped


def finding_label(finding: Finding, w: Words) -> str:
    """`computed` for the tool's own finding, `by NAME` for one an evaluator accepted or
    edited."""
    if finding.computed:
        return w("computed")
    return w("by {by}", by=finding.judged_by) if finding.judged_by else ""


def _recommendations(report: Report, w: Words) -> list[str]:
    return [
        w(
            "{ref}: {action} ({who}, due {due})",
            ref=row.ref,
            action=row.action,
            who=row.organisation or "—",
            due=row.due or "—",
        )
        for row in [r for r in report.improvement_plan if r.status != "cancelled"][
            :MAX_RECOMMENDATIONS
        ]
    ]  # a cancelled item is no longer recommended


def _expected_evidence(row: ExpectedRow, w: Words) -> str:
    if row.status == "missed":
        return w("{inject}: {what} (missed)", inject=row.inject_title, what=row.what)
    if row.status == "late":
        return w(
            "{inject}: {what} (late, after {delay})",
            inject=row.inject_title,
            what=row.what,
            delay=span(row.delay),
        )
    return w(
        "{inject}: {what} (after {delay})",
        inject=row.inject_title,
        what=row.what,
        delay=span(row.delay),
    )


def _objectives(rows: Iterable[ExpectedRow]) -> list[str]:
    return sorted({row.objective for row in rows if row.objective})
