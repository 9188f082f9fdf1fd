"""The live feed: one line per committed event, in the UI's language, from the describer
the play feed and the debrief use (exercise/sim/describe.py), styled by kind."""

from __future__ import annotations

from collections import deque
from typing import Any

from rich.text import Text
from textual.events import Resize
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import RichLog

from ...model import Scenario, format_clock
from ...model.events import Event, Kind
from ...safetext import clean
from ...sim.describe import Describer
from .quiet import QUIET_VIRTUAL_SIZE, scrollbars_follow

_STYLES = {
    Kind.COMMAND_REJECTED: "bold red",
    Kind.DECISION_MISSED: "bold yellow",
    Kind.DECISION_TAKEN: "green",
    Kind.MEASURE_TAKEN: "green",
    Kind.SELF_DECISION: "green",
    Kind.PHASE_ENTERED: "bold magenta",
    Kind.SESSION_ENDED: "bold",
    Kind.INJECT_DELIVERED: "cyan",
    Kind.EXPECTED_MISSED: "yellow",
}
FEED_LINES = 1000


class FeedPanel(RichLog):
    """Every event as it is committed; keeps the last thousand lines, and wraps them again
    when its width changes."""

    virtual_size: Reactive[Size] = QUIET_VIRTUAL_SIZE  # a new line: no layout of the screen

    def __init__(self, scenario: Scenario, lang: str, **kwargs: Any) -> None:
        super().__init__(
            max_lines=FEED_LINES, min_width=20, wrap=True, markup=False, highlight=False, **kwargs
        )
        self.scenario = scenario
        self.lang = lang
        self._describer = Describer(scenario, lang)  # the same lines as the play feed
        self._texts: deque[Text] = deque(maxlen=FEED_LINES)
        self._wrapped_at = 0

    def watch_virtual_size(self, size: Size) -> None:
        scrollbars_follow(self, size)

    def on_resize(self, event: Resize) -> None:
        # RichLog wraps a line once, when it is written: a new width needs them all again.
        # The first width is RichLog's to use (it writes the lines it held back until then).
        width = event.size.width
        if not self._wrapped_at or width == self._wrapped_at or not width:
            self._wrapped_at = width or self._wrapped_at
            return
        self._wrapped_at = width
        at_end = self.is_vertical_scroll_end
        self.clear()
        for line in self._texts:
            self.write(line, scroll_end=False)
        if at_end:
            self.scroll_end(animate=False, immediate=True)

    def add_events(self, events: list[Event]) -> None:
        describe = self._describer.text
        for event in events:
            text = describe(event.kind, event.actor, event.payload)
            if text is None:  # an ad-hoc inject: its delivery line says it all
                continue
            line = Text(format_clock(event.t) + " ", style="dim")
            line.append(clean(text, single_line=True), style=_STYLES.get(event.kind, ""))
            self._texts.append(line)
            self.write(line)
