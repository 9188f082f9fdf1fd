"""The MSEL: every inject with its status, and the details of the selected one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ...model import Scenario, format_clock
from ...safetext import clean, literal
from ...sim.state import SessionState
from .. import i18n
from ..view import MselRow, msel_detail, msel_rows

_COLUMNS = ("n", "time", "status", "inject", "to")
_STATUS_STYLE = {
    "delivered": "dim",
    "adhoc": "dim",
    "held": "bold black on yellow",
    "scheduled": "bold cyan",
    "upcoming": "",
    "conditional": "magenta",
    "waiting": "magenta",
}


class MselTable(DataTable):
    """The inject table; rows keyed by inject id so the cursor survives a refresh."""


class MselPanel(Vertical):
    def __init__(self, scenario: Scenario, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.lang = lang
        self.rows: list[MselRow] = []
        self._row_map: dict[str, MselRow] = {}
        self._state: SessionState | None = None
        self._detail: str | None = None

    def compose(self) -> ComposeResult:
        table = MselTable(id="msel-table", cursor_type="row", zebra_stripes=True)
        table.show_row_labels = False
        yield table
        yield Static(id="msel-detail")

    def on_mount(self) -> None:
        table = self.query_one(MselTable)
        tr, lang = i18n.tr, self.lang
        table.add_column(tr("msel.col.n", lang), key="n", width=2)
        table.add_column(tr("msel.col.time", lang), key="time", width=10)
        table.add_column(tr("msel.col.status", lang), key="status")
        table.add_column(tr("msel.col.inject", lang), key="inject")
        table.add_column(tr("msel.col.to", lang), key="to")

    @property
    def table(self) -> MselTable:
        return self.query_one(MselTable)

    def selected(self) -> MselRow | None:
        table = self.table
        if not self.rows or table.cursor_row < 0 or table.cursor_row >= table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self._row_map.get(key or "")

    def _cells(self, row: MselRow) -> tuple[Text, ...]:
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
            literal(", ".join(row.to), single_line=True),
        )

    def refresh_view(self, state: SessionState) -> None:
        self._state = state
        rows = msel_rows(state, self.scenario, self.lang)
        table = self.table
        keys = [r.key for r in rows]
        if keys == [r.key for r in self.rows]:
            for old, new in zip(self.rows, rows, strict=True):
                if old != new:
                    for column, cell in zip(_COLUMNS, self._cells(new), strict=True):
                        table.update_cell(new.key, column, cell, update_width=True)
        else:
            selected = self.selected()
            table.clear()
            for row in rows:
                table.add_row(*self._cells(row), key=row.key)
            if selected is not None and selected.key in keys:
                table.move_cursor(row=keys.index(selected.key), animate=False)
            elif rows:
                upcoming = next(
                    (n for n, r in enumerate(rows) if r.status not in ("delivered", "adhoc")),
                    len(rows) - 1,
                )
                table.move_cursor(row=upcoming, animate=False)
        self.rows = rows
        self._row_map = {r.key: r for r in rows}
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

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_detail()
