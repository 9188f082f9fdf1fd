"""Indicators grouped by pillar, each with its value and its history as a sparkline."""

from __future__ import annotations

import time
from typing import Any

from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, Static

from ...model import Indicator, Scenario, localize
from ...safetext import literal
from ...sim.state import SessionState
from .. import i18n
from ..view import NarrativeRow, narrative_rows, resample
from .media import narratives_text

BARS = "▁▂▃▄▅▆▇█"
STRETCH_SECONDS = 5.0  # how often (wall time) a sparkline's time axis catches up with the clock


class HistorySpark(Widget):
    """A sparkline of an indicator over scenario time, on the indicator's own scale (min to
    max), so a flat line at 100 % sits at the top and not at the bottom."""

    def __init__(self, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.low = indicator.min
        self.high = indicator.max
        self.history: list[tuple[float, float]] = []
        self.until = 0.0

    def set_history(self, history: list[tuple[float, float]], until: float) -> None:
        self.history = list(history)
        self.until = until
        self.refresh()

    def render(self) -> RenderResult:
        width = max(1, self.size.width)
        values = resample(self.history, self.until, width)
        span = (self.high - self.low) or 1.0
        top = len(BARS) - 1
        bars = [BARS[min(top, max(0, int((v - self.low) / span * top + 0.5)))] for v in values]
        return Text("".join(bars))


class IndicatorsPanel(VerticalScroll):
    def __init__(self, scenario: Scenario, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.lang = lang
        self._shown: dict[str, tuple[object, ...]] = {}
        self._values: dict[str, Label] = {}
        self._sparks: dict[str, HistorySpark] = {}
        self._stretched = 0.0
        self._narratives: list[NarrativeRow] | None = None

    def compose(self) -> ComposeResult:
        lang = self.lang
        pillars: dict[str, list[Indicator]] = {}
        for indicator in self.scenario.indicators:
            pillars.setdefault(indicator.pillar.value, []).append(indicator)
        if not pillars and not self.scenario.narratives:
            yield Static(Text("—", style="dim"))
        for pillar, indicators in pillars.items():
            yield Label(Text(i18n.pillar_name(pillar, lang), style="bold"), classes="pillar")
            for indicator in indicators:
                with Horizontal(classes="indicator"):
                    yield Label(
                        literal(localize(indicator.title, lang), single_line=True),
                        classes="indicator-title",
                    )
                    value = self._values[indicator.id] = Label("", classes="indicator-value")
                    yield value
                    spark = self._sparks[indicator.id] = HistorySpark(
                        indicator, classes="indicator-spark"
                    )
                    yield spark
        if self.scenario.narratives:  # exercise control sees them all, started or not
            yield Label(Text(i18n.tr("media.narratives", lang), style="bold"), classes="pillar")
            yield Static("", classes="narratives")

    def value_label(self, indicator: str) -> Label:
        """The label that shows `indicator`'s current value."""
        return self._values[indicator]

    def sparkline(self, indicator: str) -> HistorySpark:
        """The sparkline of `indicator`'s history."""
        return self._sparks[indicator]

    def refresh_view(self, state: SessionState, now: float, force: bool = False) -> None:
        self._stretched = time.monotonic()
        for indicator in self.scenario.indicators:
            value = state.indicators.get(indicator.id, indicator.start)
            history = state.history.get(indicator.id, [])
            key = (value, len(history))
            if not force and self._shown.get(indicator.id) == key:
                continue
            self._shown[indicator.id] = key
            unit = indicator.unit or ""
            span = (indicator.max - indicator.min) or 1
            share = (value - indicator.min) / span
            style = "bold red" if share < 0.5 else ("bold yellow" if share < 0.8 else "bold green")
            label = self._values[indicator.id]
            label.update(literal(f"{value:g}{unit}", style=style), layout=False)
            self._sparks[indicator.id].set_history(history, now)

        if self.scenario.narratives:
            rows = narrative_rows(state, self.scenario, self.lang, every=True)
            if force or rows != self._narratives:
                self._narratives = rows
                self.query_one(".narratives", Static).update(narratives_text(rows, self.lang))

    def tick(self, state: SessionState, now: float) -> None:
        """Now and then, stretch the sparklines' time axis to the current scenario time."""
        if time.monotonic() - self._stretched < STRETCH_SECONDS:
            return
        self._stretched = time.monotonic()
        for indicator in self.scenario.indicators:
            self._sparks[indicator.id].set_history(state.history.get(indicator.id, []), now)
