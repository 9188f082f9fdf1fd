"""The one-screen summary of a session, printed after headless play and by `replay`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..language import Translator, number
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

    def lines(self, lang: str = "en") -> list[str]:
        """The summary in `lang`: ids (phases, roles, pillars, indicators) as they are."""
        w = Translator(lang)
        head = w(
            "scenario time {time}, phase {phase} ({level})",
            time=format_clock(self.t),
            phase=self.phase,
            level=self.level,
        )
        out = [
            head + (w(", ended") if self.ended else ""),
            w("injects delivered: {n}", n=self.delivered),
            w(
                "decisions: {taken} taken, {missed} missed, {open} open",
                taken=self.decisions_taken,
                missed=self.decisions_missed,
                open=len(self.decisions_open),
            ),
        ]
        if self.by_role:
            roles = ", ".join(f"{r} {n}" for r, n in sorted(self.by_role.items()))
            out.append("  " + w("by role: {roles}", roles=roles))
        out.append(
            w(
                "measures taken: {measures}; self-initiated decisions: {own}; "
                "rejected commands: {rejected}",
                measures=self.measures,
                own=self.self_decisions,
                rejected=self.rejected,
            )
        )
        out.append(w("expected actions per pillar (met / late / missed / pending):"))
        for pillar in Pillar:
            counts = self.expected.get(pillar.value)
            if counts:
                out.append(
                    f"  {pillar.value:<24} {counts.get('met', 0)} / {counts.get('late', 0)} / "
                    f"{counts.get('missed', 0)} / {counts.get('pending', 0)}"
                )
            else:
                out.append(f"  {pillar.value:<24} " + w("none expected"))
        if self.indicators:
            values = ", ".join(f"{k} {number(lang, v, 6)}" for k, v in self.indicators.items())
            out.append(w("indicators: {values}", values=values))
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
