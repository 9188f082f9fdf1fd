"""The MSEL: every inject with its status, and the details of the selected one."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...model import Scenario, format_clock
from ...safetext import clean, literal
from ...sim.state import SessionState
from .. import i18n
from ..view import MselRow, msel_detail, msel_rows, player_roles
from .table import LightTable

_COLUMNS = ("n", "time", "status", "inject", "to")
NARROW = 40  # below this many columns for title and recipients, the title takes them all
_STATUS_STYLE = {
    "delivered": "dim",
    "adhoc": "dim",
    "held": "bold black on yellow",
    "scheduled": "bold cyan",
    "upcoming": "",
    "conditional": "magenta",
    "waiting": "magenta",
}


class MselTable(LightTable):
    """The inject table; rows keyed by inject id so the cursor survives a refresh."""


class MselPanel(Vertical):
    def __init__(self, scenario: Scenario, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.lang = lang
        self.rows: list[MselRow] = []
        self._row_map: dict[str, MselRow] = {}
        self._cells: dict[str, tuple[Text, ...]] = {}
        self._state: SessionState | None = None
        self._detail: str | None = None
        self._widths: dict[str, int] = {}
        self._players = set(player_roles(scenario))

    def compose(self) -> ComposeResult:
        yield MselTable(id="msel-table")
        yield Static(id="msel-detail")

    def on_mount(self) -> None:
        table = self.table
        tr, lang = i18n.tr, self.lang
        # Fixed widths, worked out from what the columns can hold (an MSEL of 847 injects
        # needs three digits) and, for the title and recipients, from the room there is.
        statuses = [tr(f"msel.{s}", lang) for s in _STATUS_STYLE] + [
            tr("msel.conditional", lang) + " ✓"
        ]
        self._widths = {
            "n": max(2, len(str(len(self.scenario.injects))), len(tr("msel.col.n", lang))),
            "time": 10,
            "status": max(len(x) for x in [*statuses, tr("msel.col.status", lang)]),
        }
        for key in _COLUMNS:
            label = tr(f"msel.col.{key}", lang)
            table.add_column(label, key=key, width=self._widths.get(key, len(label)))
        self._fit_columns()

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Share the width between the title and the recipients: the title gets what the
        other columns leave, the recipients at most two fifths of it (the details below the
        table show them in full), none at all when there is little room."""
        table = self.table
        width = table.scrollable_content_region.width or self.size.width
        if width <= 0:
            return
        widths = dict(self._widths)
        adhoc = [len(r.number) for r in self.rows if not r.scenario_inject]
        widths["n"] = max(widths["n"], *adhoc) if adhoc else widths["n"]
        rest = width - sum(widths.values()) - 2 * len(_COLUMNS)
        longest_to = max((len(self._to_text(r)) for r in self.rows), default=4)
        if rest < NARROW:
            widths["to"] = 0
        else:
            widths["to"] = max(4, min(longest_to, rest * 2 // 5))
        widths["inject"] = max(8, rest - widths["to"])
        for key, cells in widths.items():
            label = i18n.tr(f"msel.col.{key}", self.lang) if cells else ""
            table.set_column(key, cells, label)

    @property
    def table(self) -> MselTable:
        return self.query_one(MselTable)

    def selected(self) -> MselRow | None:
        key = self.table.cursor_key
        return self._row_map.get(key) if key is not None else None

    def _make_cells(self, row: MselRow) -> tuple[Text, ...]:
        lang = self.lang
        when = format_clock(row.time) if row.time is not None else "—"
        if row.status == "conditional":
            mark = "✓" if row.holds else "✗"
            status_text = f"{i18n.tr('msel.conditional', lang)} {mark}"
        else:
            status_text = i18n.tr(f"msel.{row.status}", lang)
        return (
            Text(row.number, style="dim"),
            Text(when),
            Text(status_text, style=_STATUS_STYLE.get(row.status, "")),
            literal(row.title, single_line=True),
            literal(self._to_text(row), single_line=True),
        )

    def _to_text(self, row: MselRow) -> str:
        if self._players and set(row.to) >= self._players:
            return i18n.tr("msel.all_players", self.lang)
        return ", ".join(row.to)

    def refresh_view(self, state: SessionState) -> None:
        """Bring the table in line with the state: only rows that changed get new cells
        (and are rendered again when on screen); the rest keep theirs."""
        self._state = state
        rows = msel_rows(state, self.scenario, self.lang)
        table = self.table
        first = not self.rows
        old, old_cells = self._row_map, self._cells
        cells: dict[str, tuple[Text, ...]] = {}
        for row in rows:
            before = old.get(row.key)
            same = before is row or before == row
            cells[row.key] = old_cells[row.key] if same else self._make_cells(row)
        grew = len(rows) != len(self.rows)
        self.rows = rows
        self._row_map = {r.key: r for r in rows}
        self._cells = cells
        table.set_rows([r.key for r in rows], cells)
        if grew:
            self._fit_columns()
        if first and rows:
            upcoming = next(
                (n for n, r in enumerate(rows) if r.status not in ("delivered", "adhoc")),
                len(rows) - 1,
            )
            table.move_cursor(row=upcoming, animate=False)
        self.show_detail()

    def show_detail(self) -> None:
        detail = self.query_one("#msel-detail", Static)
        row = self.selected()
        if row is None or self._state is None:
            if self._detail != "":
                self._detail = ""
                detail.update(Text(i18n.tr("msel.none_selected", self.lang), style="dim"))
            return
        text = Text()
        text.append(f"{row.number} ", style="dim")
        text.append(clean(row.title, single_line=True), style="bold")
        for label, value in msel_detail(self._state, self.scenario, row.key, self.lang):
            text.append("\n")
            text.append(f"{label}: ", style="bold dim")
            text.append(clean(value, single_line=True))
        if text.plain != self._detail:  # a new height means a new layout: only when needed
            self._detail = text.plain
            detail.update(text)

    def on_light_table_highlighted(self, event: LightTable.Highlighted) -> None:
        event.stop()
        self.show_detail()
