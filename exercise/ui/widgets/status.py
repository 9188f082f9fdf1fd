"""The header: scenario title, classification marking, phase and level, clock, speed, state."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from ...model import Scenario, format_clock, localize
from ...safetext import clean
from ...sim.state import SessionState
from .. import i18n


class StatusBar(Static):
    """Two lines at the top of every tab. Re-rendered only when its text changes."""

    def __init__(self, scenario: Scenario, lang: str, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.scenario = scenario
        self.lang = lang
        self._shown: tuple[object, ...] | None = None
        self.stopped = False
        self.note: tuple[str, str] = ("", "")  # the outcome of the last command, and its style
        self.note_until = 0.0

    def set_note(self, text: str, style: str, until: float) -> None:
        """Show the outcome of the last command on the first line (until wall time `until`)."""
        self.note = (clean(text, single_line=True), style)
        self.note_until = until

    def show(self, state: SessionState, now: float) -> None:
        scenario, lang = self.scenario, self.lang
        phase = scenario.phase_map.get(state.phase)
        phase_title = localize(phase.title, lang) if phase else ""
        if state.ended:
            run_state, style = i18n.tr("status.ended", lang), "bold reverse"
        elif self.stopped:
            run_state, style = i18n.tr("status.stopped", lang), "bold reverse red"
        elif state.paused:
            run_state, style = i18n.tr("status.paused", lang), "bold black on yellow"
        else:
            run_state, style = i18n.tr("status.running", lang), "bold black on green"
        key = (state.level.value, phase_title, int(now), state.speed, self.note, run_state)
        if key == self._shown:
            return
        self._shown = key
        line1 = Text(clean(localize(scenario.title, lang), single_line=True), style="bold")
        line1.append("  ")
        line1.append(f" {clean(scenario.classification, single_line=True)} ", style="bold reverse")
        if self.note[0]:  # before the hint: on a narrow screen the hint is cut first
            line1.append("  " + self.note[0], style=self.note[1])
        line1.append("  ^p " + i18n.tr("key.palette", lang), style="dim")
        line2 = Text()
        line2.append(f" {state.level.value} ", style="bold reverse")
        line2.append(" " + clean(phase_title, single_line=True) + "  ")
        line2.append(format_clock(now), style="bold")
        calendar = i18n.calendar(scenario, now, lang)
        if calendar:
            line2.append("  " + calendar, style="dim")
        line2.append("  " + i18n.tr("status.speed", lang, speed=i18n.speed_text(state.speed)))
        line2.append("  ")
        line2.append(f" {run_state} ", style=style)
        both = Text("\n").join([line1, line2])
        both.no_wrap, both.overflow = True, "ellipsis"
        self.update(both, layout=False)  # always two lines: no new layout needed
