"""The media environment on screen: the narratives' reach as bars and the news and social
feed. Every player sees the same pane (the media are public); exercise control sees every
narrative, those that have not started too, beside the indicators.

The texts come from `exercise.ui.view` (player-facing fields only) and reach the screen
through `safetext`: an outlet or a claim is shown as written, never parsed as markup.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...language import number
from ...model import MediaKind, Scenario, format_clock
from ...safetext import clean
from ...sim.state import SessionState
from .. import i18n
from ..view import MediaItem, NarrativeRow, media_feed, narrative_rows

BAR_WIDTH = 20


def reach_bar(row: NarrativeRow, lang: str) -> Text:
    """`███████░░░░  35 %`: the reach on a bar of the whole public, then its status."""
    filled = min(BAR_WIDTH, max(0, round(row.reach / 100 * BAR_WIDTH)))
    style = "red" if row.status == "growing" else ("green" if row.status == "answered" else "dim")
    text = Text("█" * filled, style=style)
    text.append("░" * (BAR_WIDTH - filled), style="dim")
    text.append(" " + i18n.tr("media.percent", lang, reach=number(lang, row.reach, 1)))
    if row.status == "answered":
        at = format_clock(row.answered_at or 0)
        text.append("  " + i18n.tr("media.answered", lang, time=at), style="green")
    elif row.status == "waiting":
        text.append("  " + i18n.tr("media.waiting", lang), style="dim")
    return text


def narratives_text(rows: list[NarrativeRow], lang: str) -> Text:
    text = Text()
    for row in rows:
        text.append(clean(row.claim, single_line=True), style="bold")
        text.append("\n")
        text.append_text(reach_bar(row, lang))
        text.append("\n")
    return text


def media_text(items: list[MediaItem], rows: list[NarrativeRow], lang: str) -> Text:
    """The pane: the narratives in the media, then the feed, newest first."""
    text = Text()
    if rows:
        text.append(i18n.tr("media.narratives", lang), style="bold underline")
        text.append("\n")
        text.append_text(narratives_text(rows, lang))
        text.append("\n")
    if not items:
        text.append(i18n.tr("media.none", lang), style="dim")
        return text
    for item in items:
        line = [format_clock(item.received), MediaKind(item.kind).label(lang)]
        line.append(clean(item.outlet, single_line=True))
        if item.reach is not None:
            line.append(i18n.tr("media.reach", lang, reach=item.reach))
        if item.people is not None:
            line.append(i18n.tr("media.people", lang, people=number(lang, item.people, 0)))
        text.append(" · ".join(line), style="dim")
        text.append("\n")
        text.append(clean(item.title, single_line=True), style="bold")
        text.append("\n")
        text.append(clean(item.text))
        text.append("\n\n")
    return text


class MediaPane(VerticalScroll):
    """A player's media tab: the same for every role."""

    def __init__(self, scenario: Scenario, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.lang = lang
        self.items: list[MediaItem] = []
        self.rows: list[NarrativeRow] = []
        self._drawn = False

    def compose(self) -> ComposeResult:
        yield Static(Text(i18n.tr("media.none", self.lang), style="dim"), classes="media-view")

    def refresh_view(self, state: SessionState) -> None:
        items = media_feed(state, self.scenario, self.lang)
        rows = narrative_rows(state, self.scenario, self.lang)
        if self._drawn and items == self.items and rows == self.rows:
            return
        self.items, self.rows, self._drawn = items, rows, True
        self.query_one(".media-view", Static).update(media_text(items, rows, self.lang))
