"""The live feed: one line per committed event, in the UI's language."""

from __future__ import annotations

from collections import deque
from typing import Any

from rich.text import Text
from textual.events import Resize
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import RichLog

from ...model import Scenario, format_clock, localize
from ...model.events import Event, Kind
from ...model.reasons import reason_text
from ...safetext import clean
from .. import i18n
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
    Kind.ADHOC_INJECT: "cyan",
    Kind.EXPECTED_MISSED: "yellow",
}
# Events a facilitator does not need to read twice: the delivery line says it all.
_QUIET = {Kind.ADHOC_INJECT}


def _title(scenario: Scenario, payload: dict[str, Any], lang: str) -> str:
    inject_id = str(payload.get("inject", ""))
    inject = scenario.inject_map.get(inject_id)
    if inject is not None:
        return localize(inject.title, lang)
    return str(payload.get("title") or inject_id)


def describe_event(
    event: Event, scenario: Scenario, lang: str, titles: dict[str, str] | None = None
) -> str:
    """A line such as `delivered “Cable cut” to kgg, nctv` (without the time)."""
    p = event.payload
    tr = i18n.tr
    inject = p.get("inject")
    known = (titles or {}).get(inject) if isinstance(inject, str) else None
    title = known or _title(scenario, p, lang)
    match event.kind:
        case Kind.SESSION_STARTED:
            return tr("feed.started", lang, title=localize(scenario.title, lang))
        case Kind.SESSION_RESUMED:
            return tr("feed.resumed", lang)
        case Kind.SESSION_ENDED:
            return tr("feed.ended", lang, reason=reason_text(lang, p))
        case Kind.PHASE_ENTERED:
            phase = scenario.phase_map.get(p.get("phase", ""))
            name = localize(phase.title, lang) if phase else p.get("phase", "")
            return tr("feed.phase", lang, title=name, level=p.get("level", ""))
        case Kind.INJECT_DELIVERED:
            return tr("feed.delivered", lang, title=title, to=", ".join(p.get("to", ())))
        case Kind.INJECT_SCHEDULED:
            return tr("feed.scheduled", lang, title=title, due=format_clock(p.get("due", 0)))
        case Kind.INJECT_HELD:
            return tr("feed.held", lang, title=title)
        case Kind.INJECT_UNHELD:
            return tr("feed.unheld", lang, title=title)
        case Kind.ADHOC_INJECT:
            return tr("feed.adhoc", lang, title=p.get("title", ""), to=", ".join(p.get("to", ())))
        case Kind.DECISION_OPENED:
            deadline = p.get("deadline")
            due = tr("feed.deadline", lang, time=format_clock(deadline)) if deadline else ""
            return tr("feed.opened", lang, title=title, role=p.get("role", ""), deadline=due)
        case Kind.DECISION_TAKEN:
            option = _option(scenario, p.get("inject"), p.get("option"), lang)
            return tr("feed.taken", lang, role=p.get("role", ""), title=title, option=option)
        case Kind.DECISION_MISSED:
            if p.get("default"):
                option = _option(scenario, p.get("inject"), p.get("default"), lang)
                return tr("feed.missed_default", lang, role=p["role"], title=title, option=option)
            return tr("feed.missed", lang, role=p.get("role", ""), title=title)
        case Kind.INDICATOR_CHANGED:
            spec = scenario.indicator_map.get(p.get("indicator", ""))
            name = localize(spec.title, lang) if spec else p.get("indicator", "")
            return tr("feed.indicator", lang, title=name, delta=p["delta"], value=p["value"])
        case Kind.EXPECTED_MET | Kind.EXPECTED_MISSED:
            status = tr(f"status.{p.get('status', 'missed')}", lang)
            return tr("feed.expected", lang, index=p["index"] + 1, title=title, status=status)
        case Kind.MEASURE_TAKEN:
            measure = scenario.measure_map.get(p.get("measure", ""))
            name = localize(measure.title, lang) if measure else p.get("measure", "")
            return tr("feed.measure", lang, role=p.get("role", ""), title=name)
        case Kind.SELF_DECISION:
            return tr("feed.self", lang, role=p.get("role", ""), text=p.get("text", ""))
        case Kind.OBSERVATION:
            pillar = i18n.pillar_name(p.get("pillar", ""), lang)
            return tr("feed.observation", lang, pillar=pillar, text=p.get("text", ""))
        case Kind.PAUSED:
            return tr("feed.paused", lang)
        case Kind.RESUMED:
            return tr("feed.running", lang)
        case Kind.SPEED_SET:
            return tr("feed.speed", lang, speed=i18n.speed_text(p["speed"]))
        case Kind.JUMPED:
            return tr("feed.jumped", lang, time=format_clock(p["to"]))
        case Kind.COMMAND_REJECTED:
            command = p.get("command", {}).get("type", "?")
            return tr(
                "feed.rejected",
                lang,
                actor=event.actor or "",
                command=command,
                reason=reason_text(lang, p),
            )
    return str(event.kind)


def _option(scenario: Scenario, inject_id: object, option: object, lang: str) -> str:
    inject = scenario.inject_map.get(str(inject_id))
    found = inject.decision.option(str(option)) if inject and inject.decision else None
    return localize(found.label, lang) if found else str(option)


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
        self._adhoc_titles: dict[str, str] = {}
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
        for event in events:
            if event.kind == Kind.ADHOC_INJECT:
                self._adhoc_titles[event.payload.get("inject", "")] = str(
                    event.payload.get("title", "")
                )
            if event.kind in _QUIET:
                continue
            line = Text(format_clock(event.t) + " ", style="dim")
            text = describe_event(event, self.scenario, self.lang, self._adhoc_titles)
            line.append(clean(text, single_line=True), style=_STYLES.get(event.kind, ""))
            self._texts.append(line)
            self.write(line)
