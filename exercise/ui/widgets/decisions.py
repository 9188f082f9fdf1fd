"""Pending decisions per role, with live countdowns; missed ones flagged."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ...model import Scenario
from ...safetext import literal
from ...sim.state import SessionState
from .. import i18n
from ..host import host
from ..view import DecisionRow, decision_rows
from .table import LightTable

_COLUMNS = ("left", "real", "role", "status", "inject", "choice")


class DecisionsPanel(LightTable):
    """A row per decision; the countdowns change only their own rows' lines."""

    def __init__(self, scenario: Scenario, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.lang = lang
        self.shown: list[DecisionRow] = []
        self._left: dict[str, str] = {}
        self._real: dict[str, str] = {}
        self._row_cells: dict[str, tuple[Text, ...]] = {}

    def on_mount(self) -> None:
        tr, lang = i18n.tr, self.lang
        roles = [r.id for r in self.scenario.roles]
        statuses = [tr(k, lang) for k in ("dec.open", "dec.missed", "dec.taken")]
        self._fixed = {
            "left": 8,
            "real": 7,
            "role": max(len(x) for x in [*roles, tr("dec.col.role", lang)]),
            "status": max(len(x) for x in [*statuses, tr("dec.col.status", lang)]),
        }
        for key in _COLUMNS:
            label = tr(f"dec.col.{key}", lang)
            self.add_column(label, key=key, width=self._fixed.get(key, len(label)))
        self._fit_columns()

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The title gets two thirds of what the fixed columns leave, the choice the rest;
        with little room the title gets it all (the role's panel and the feed say what was
        chosen)."""
        width = self.scrollable_content_region.width or self.size.width
        if width <= 0 or not self.columns:
            return
        rest = width - sum(self._fixed.values()) - 2 * len(_COLUMNS)
        if rest < 30:
            widths = {**self._fixed, "inject": max(8, rest), "choice": 0}
        else:
            widths = {**self._fixed, "inject": rest * 2 // 3, "choice": rest - rest * 2 // 3}
        for key, cells in widths.items():
            label = i18n.tr(f"dec.col.{key}", self.lang) if cells else ""
            self.set_column(key, cells, label)

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
        clock = host(self).clock
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

    def _make_cells(self, row: DecisionRow, now: float) -> tuple[Text, ...]:
        return (
            self._left_cell(row, now),
            self._real_cell(row, now),
            Text(row.role),
            self._status_cell(row),
            literal(row.title, single_line=True),
            self._choice_cell(row),
        )

    def refresh_view(self, state: SessionState, now: float) -> None:
        rows = decision_rows(state, self.scenario, self.lang)
        if rows == self.shown:
            self.tick(now)
            return
        old = {r.inject: r for r in self.shown}
        cells = {}
        for row in rows:
            same = old.get(row.inject) == row and row.inject in self._row_cells
            cells[row.inject] = self._row_cells[row.inject] if same else self._make_cells(row, now)
        self._row_cells = cells
        self.shown = rows
        self.tick(now, force=True)

    def tick(self, now: float, force: bool = False) -> None:
        """Update the countdowns: only rows whose countdown text changed get new cells."""
        changed = force
        for row in self.shown:
            if row.status != "open" or row.deadline is None:
                continue
            left, real = self._left_cell(row, now), self._real_cell(row, now)
            key = row.inject
            if self._left.get(key) != left.plain or self._real.get(key) != real.plain:
                self._left[key], self._real[key] = left.plain, real.plain
                self._row_cells[key] = (left, real, *self._row_cells[key][2:])
                changed = True
        if changed:
            self.set_rows([r.inject for r in self.shown], self._row_cells)
