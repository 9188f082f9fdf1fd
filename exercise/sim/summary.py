"""The one-screen summary of a session, printed after headless play and by `replay`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Pillar, format_clock
from .state import SessionState


@dataclass
class Summary:
    t: float
    phase: str
    level: str
    ended: bool
    delivered: int
    decisions_taken: int
    decisions_missed: int
    decisions_open: list[str]
    by_role: dict[str, int]
    expected: dict[str, dict[str, int]] = field(default_factory=dict)  # pillar -> status counts
    indicators: dict[str, float] = field(default_factory=dict)
    measures: int = 0
    self_decisions: int = 0
    rejected: int = 0

    def lines(self) -> list[str]:
        out = [
            f"scenario time {format_clock(self.t)}, phase {self.phase} ({self.level})"
            + (", ended" if self.ended else ""),
            f"injects delivered: {self.delivered}",
            f"decisions: {self.decisions_taken} taken, {self.decisions_missed} missed, "
            f"{len(self.decisions_open)} open",
        ]
        if self.by_role:
            out.append(
                "  by role: " + ", ".join(f"{r} {n}" for r, n in sorted(self.by_role.items()))
            )
        out.append(
            f"measures taken: {self.measures}; self-initiated decisions: {self.self_decisions}; "
            f"rejected commands: {self.rejected}"
        )
        out.append("expected actions per pillar (met / late / missed / pending):")
        for pillar in Pillar:
            counts = self.expected.get(pillar.value)
            if counts:
                out.append(
                    f"  {pillar.value:<24} {counts.get('met', 0)} / {counts.get('late', 0)} / "
                    f"{counts.get('missed', 0)} / {counts.get('pending', 0)}"
                )
            else:
                out.append(f"  {pillar.value:<24} none expected")
        if self.indicators:
            out.append("indicators: " + ", ".join(f"{k} {v:g}" for k, v in self.indicators.items()))
        return out


def summarize(state: SessionState) -> Summary:
    taken = [d for d in state.decisions.values() if d.decided_at is not None]
    expected: dict[str, Counter[str]] = {}
    for (inject_id, _index), item in state.expected.items():
        inject = state.scenario.inject_map[inject_id]
        for pillar in inject.pillars:
            expected.setdefault(pillar.value, Counter())[item.status] += 1
    return Summary(
        t=state.t,
        phase=state.phase,
        level=state.level.value,
        ended=state.ended,
        delivered=len(state.delivered_at),
        decisions_taken=len(taken),
        decisions_missed=sum(1 for d in state.decisions.values() if d.missed),
        decisions_open=sorted(d.inject for d in state.decisions.values() if d.open),
        by_role=dict(Counter(d.role for d in taken)),
        expected={k: dict(v) for k, v in expected.items()},
        indicators=dict(state.indicators),
        measures=len(state.measures),
        self_decisions=len(state.self_decisions),
        rejected=state.rejected,
    )
