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
from ..view import MselRow, msel_detail, msel_rows, player_roles

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
        self._widths: dict[str, int] = {}
        self._players = set(player_roles(scenario))

    def compose(self) -> ComposeResult:
        table = MselTable(id="msel-table", cursor_type="row", zebra_stripes=True)
        table.show_row_labels = False
        yield table
        yield Static(id="msel-detail")

    def on_mount(self) -> None:
        table = self.query_one(MselTable)
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
        other columns leave, the recipients at most a third of it (the details below the
        table show them in full)."""
        table = self.table
        width = table.scrollable_content_region.width or self.size.width
        if width <= 0:
            return
        widths = dict(self._widths)
        if len(self.rows) > 0 and any(r.number.startswith("A") for r in self.rows):
            widths["n"] = max(widths["n"], *(len(r.number) for r in self.rows))
        padding = 2 * table.cell_padding
        rest = width - sum(widths.values()) - padding * len(_COLUMNS)
        longest_to = max((len(self._to_text(r)) for r in self.rows), default=4)
        if rest < NARROW:  # no room for both: the title, and the recipients in the details
            widths["to"] = 0
        else:
            widths["to"] = max(4, min(longest_to, rest // 3))
        widths["inject"] = max(8, rest - widths["to"])
        changed = False
        for key, cells in widths.items():
            column = table.columns[key]  # type: ignore[index]
            if column.width != cells or column.auto_width:
                column.width, column.auto_width = cells, False
                changed = True
        to = table.columns["to"]  # type: ignore[index]
        label = Text(i18n.tr("msel.col.to", self.lang) if widths["to"] else "")
        if to.label.plain != label.plain:
            to.label = label
            changed = True
        if changed:
            table._require_update_dimensions = True  # the virtual width follows the columns
            table.refresh()

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
            literal(self._to_text(row), single_line=True),
        )

    def _to_text(self, row: MselRow) -> str:
        if self._players and set(row.to) >= self._players:
            return i18n.tr("msel.all_players", self.lang)
        return ", ".join(row.to)

    def refresh_view(self, state: SessionState) -> None:
        """Bring the table in line with the state, touching only what changed: rows that
        changed get their changed cells, new ones (ad-hoc injects) are added, and a new
        order is a sort of the rows already there, never a rebuild."""
        self._state = state
        rows = msel_rows(state, self.scenario, self.lang)
        table = self.table
        first = not self.rows
        selected = None if first else self.selected()
        old = self._row_map
        keys = [r.key for r in rows]
        for row in rows:
            before = old.get(row.key)
            if before is None:
                table.add_row(*self._cells(row), key=row.key)
            elif before != row:
                for column, cell, was in zip(
                    _COLUMNS, self._cells(row), self._cells(before), strict=True
                ):
                    if cell != was:
                        table.update_cell(row.key, column, cell)
        new_keys = set(keys)
        for key in [k for k in old if k not in new_keys]:
            table.remove_row(key)
        moved = keys != [r.key for r in self.rows]
        self.rows = rows
        self._row_map = {r.key: r for r in rows}
        if moved and not first:
            position = {r.number: n for n, r in enumerate(rows)}
            table.sort("n", key=lambda number: position[number.plain])
        if len(rows) != len(old):
            self._fit_columns()
        if selected is not None and selected.key in self._row_map:
            if moved:
                table.move_cursor(row=keys.index(selected.key), animate=False)
        elif rows:
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

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_detail()
