"""The facilitator console: MSEL, pending decisions, indicators and the live feed."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Container, Vertical

from ...model import Scenario
from ...model.events import Event
from ...sim.state import SessionState
from .. import i18n
from .decisions import DecisionsPanel
from .feed import FeedPanel
from .indicators import IndicatorsPanel
from .msel import MselPanel


class FacilitatorConsole(Container):
    def __init__(self, scenario: Scenario, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.lang = lang
        self.msel = MselPanel(scenario, lang, id="msel")
        self.decisions = DecisionsPanel(scenario, lang, id="decisions")
        self.indicators = IndicatorsPanel(scenario, lang, id="indicators")
        self.feed = FeedPanel(scenario, lang, id="feed")

    def compose(self) -> ComposeResult:
        for widget, title in (
            (self.msel, "panel.msel"),
            (self.decisions, "panel.decisions"),
            (self.indicators, "panel.indicators"),
            (self.feed, "panel.feed"),
        ):
            with Vertical(classes="panel", id=f"{widget.id}-box") as box:
                box.border_title = i18n.tr(title, self.lang)
                yield widget

    def add_events(self, events: list[Event]) -> None:
        self.feed.add_events(events)

    def refresh_view(self, state: SessionState, now: float) -> None:
        self.msel.refresh_view(state)
        self.decisions.refresh_view(state, now)
        self.indicators.refresh_view(state, now)

    def tick(self, state: SessionState, now: float) -> None:
        self.decisions.tick(now)
        self.indicators.tick(state, now)
