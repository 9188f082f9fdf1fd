"""Pending decisions per role, with live countdowns; missed ones flagged."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from ...model import Scenario
from ...safetext import literal
from ...sim.state import SessionState
from .. import i18n
from ..view import DecisionRow, decision_rows


class DecisionsPanel(DataTable):
    def __init__(self, scenario: Scenario, lang: str, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.scenario = scenario
        self.lang = lang
        self.shown: list[DecisionRow] = []
        self._left: dict[str, str] = {}
        self._real: dict[str, str] = {}

    def on_mount(self) -> None:
        tr, lang = i18n.tr, self.lang
        self.add_column(tr("dec.col.left", lang), key="left", width=8)
        self.add_column(tr("dec.col.real", lang), key="real", width=7)
        self.add_column(tr("dec.col.role", lang), key="role")
        self.add_column(tr("dec.col.status", lang), key="status")
        self.add_column(tr("dec.col.inject", lang), key="inject")
        self.add_column(tr("dec.col.choice", lang), key="choice")

    def _left_cell(self, row: DecisionRow, now: float) -> Text:
        if row.status != "open":
            return Text("")
        if row.deadline is None:
            return Text("—", style="dim")
        left = row.deadline - now
        style = "bold red" if left < 60 else ("bold yellow" if left < 180 else "bold")
        return Text(i18n.countdown(left), style=style)

    def _real_cell(self, row: DecisionRow, now: float) -> Text:
        """The wall time left at the current speed (the clock the room lives by)."""
        if row.status != "open" or row.deadline is None:
            return Text("")
        clock = self.app.clock
        if clock.paused:
            return Text(i18n.tr("dec.paused", self.lang), style="dim")
        return Text(i18n.real_time((row.deadline - now) / clock.speed), style="dim")

    def _status_cell(self, row: DecisionRow) -> Text:
        lang = self.lang
        if row.status == "open":
            return Text(i18n.tr("dec.open", lang), style="bold")
        if row.status == "missed":
            return Text(i18n.tr("dec.missed", lang), style="bold black on yellow")
        return Text(i18n.tr("dec.taken", lang), style="green")

    def _choice_cell(self, row: DecisionRow) -> Text:
        if row.status == "missed" and row.option:
            return literal(i18n.tr("dec.default", self.lang, option=row.option), style="yellow")
        return literal(row.option, single_line=True, style="dim")

    def refresh_view(self, state: SessionState, now: float) -> None:
        rows = decision_rows(state, self.scenario, self.lang)
        if rows == self.shown:
            self.tick(now)
            return
        self.clear()
        self._left = {}
        self._real = {}
        for row in rows:
            left = self._left_cell(row, now)
            self._left[row.inject] = left.plain
            self._real[row.inject] = self._real_cell(row, now).plain
            self.add_row(
                left,
                self._real_cell(row, now),
                Text(row.role),
                self._status_cell(row),
                literal(row.title, single_line=True),
                self._choice_cell(row),
                key=row.inject,
            )
        self.shown = rows

    def tick(self, now: float) -> None:
        """Update the countdowns (only cells whose text changed)."""
        for row in self.shown:
            if row.status != "open" or row.deadline is None:
                continue
            cell = self._left_cell(row, now)
            if self._left.get(row.inject) != cell.plain:
                self._left[row.inject] = cell.plain
                self.update_cell(row.inject, "left", cell)
            real = self._real_cell(row, now)
            if self._real.get(row.inject) != real.plain:
                self._real[row.inject] = real.plain
                self.update_cell(row.inject, "real", real)
