"""A light read-only table for long lists (the MSEL): fixed column widths, one line per row,
a row cursor, and lines rendered only when they are on screen.

A DataTable renders every visible cell again after any change; with an MSEL of 2,000
injects that changes several times a second, that alone took most of a core. Here a row is
rendered once per content, width and cursor state and kept; a new row or a new order costs
only the lines that are on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .quiet import QUIET_VIRTUAL_SIZE, scrollbars_follow


@dataclass
class TableColumn:
    key: str
    label: Text
    width: int


class LightTable(ScrollView, can_focus=True):
    """Rows of Rich `Text` cells keyed by a string; `Highlighted` when the cursor moves."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "light-table--header",
        "light-table--cursor",
        "light-table--cursor-blurred",
        "light-table--even",
    }
    DEFAULT_CSS = """
    LightTable {
        background: $surface;
        scrollbar-size-horizontal: 0;
    }
    LightTable > .light-table--header {
        text-style: bold;
        background: $panel;
        color: $foreground;
    }
    LightTable > .light-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    LightTable > .light-table--cursor-blurred {
        background: $block-cursor-blurred-background;
    }
    LightTable > .light-table--even {
        background: $surface-lighten-1 50%;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "move_to(0)", show=False),
        Binding("end", "move_to(-1)", show=False),
    ]

    virtual_size = QUIET_VIRTUAL_SIZE  # a new row: no layout of the whole screen

    class Highlighted(Message):
        def __init__(self, table: LightTable, key: str | None) -> None:
            super().__init__()
            self.table = table
            self.key = key

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.columns: dict[str, TableColumn] = {}
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._cells: dict[str, tuple[Text, ...]] = {}
        self._lines: dict[tuple[object, ...], Strip] = {}
        self._styles: dict[str, Style] = {}
        self._cursor = 0

    # -- data --

    def add_column(self, label: str, key: str, width: int) -> None:
        self.columns[key] = TableColumn(key, Text(label), width)
        self._changed()

    def set_column(self, key: str, width: int, label: str) -> bool:
        """Change a column's width and label; True if anything changed."""
        column = self.columns[key]
        if column.width == width and column.label.plain == label:
            return False
        column.width, column.label = width, Text(label)
        self._lines.clear()
        self._changed()
        return True

    def set_rows(self, keys: list[str], cells: dict[str, tuple[Text, ...]]) -> None:
        """The rows in this order; `cells` holds every row's cells (rows whose cells are the
        same objects as before keep their rendered lines)."""
        old_key = self.cursor_key
        dropped = {k for k, v in self._cells.items() if cells.get(k) is not v}
        if dropped:
            self._lines = {k: v for k, v in self._lines.items() if k[0] not in dropped}
        self._keys = list(keys)
        self._index = {k: n for n, k in enumerate(self._keys)}
        self._cells = dict(cells)
        if old_key is not None and old_key in self._index:
            self._cursor = self._index[old_key]
        self._cursor = max(0, min(self._cursor, len(self._keys) - 1))
        self._changed()

    def get_cell(self, key: str, column: str) -> Text:
        return self._cells[key][list(self.columns).index(column)]

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def cursor_row(self) -> int:
        return self._cursor if self._keys else -1

    @property
    def cursor_key(self) -> str | None:
        return self._keys[self._cursor] if 0 <= self._cursor < len(self._keys) else None

    def _changed(self) -> None:
        width = sum(c.width + 2 for c in self.columns.values())
        self.virtual_size = Size(width, len(self._keys) + 1)
        self.refresh()

    def watch_virtual_size(self, size: Size) -> None:
        scrollbars_follow(self, size)

    # -- the cursor --

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        if not self._keys:
            return
        row = max(0, min(row, len(self._keys) - 1))
        moved = row != self._cursor
        self._cursor = row
        self._scroll_to_cursor(animate)
        self.refresh()
        if moved:
            self.post_message(self.Highlighted(self, self.cursor_key))

    def _scroll_to_cursor(self, animate: bool = False) -> None:
        rows = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=animate, immediate=True)
        elif self._cursor >= top + rows:
            self.scroll_to(y=self._cursor - rows + 1, animate=animate, immediate=True)

    def action_move(self, step: int) -> None:
        self.move_cursor(row=self._cursor + step)

    def action_page(self, step: int) -> None:
        rows = max(1, self.scrollable_content_region.height - 2)
        self.move_cursor(row=self._cursor + step * rows)

    def action_move_to(self, row: int) -> None:
        self.move_cursor(row=row if row >= 0 else len(self._keys) - 1)

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_cursor(row=int(self.scroll_y) + event.y - 1)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- rendering --

    def _cell_line(self, cells: tuple[Text, ...], style: Style) -> Strip:
        line = Text(style=style, no_wrap=True, overflow="ellipsis")
        for column, cell in zip(self.columns.values(), cells, strict=False):
            if column.width <= 0:
                line.append("  ")
                continue
            text = cell.copy()
            text.truncate(column.width, overflow="ellipsis", pad=True)
            line.append(" ")
            line.append_text(text)
            line.append(" ")
        segments = list(line.render(self.app.console))
        return Strip(segments).simplify()

    def _style(self, state: str) -> Style:
        """The style of a row in `state` ("" plain, "header", "cursor"...), worked out once
        per style change (computing a widget's style is costly; a frame asks per line)."""
        found = self._styles.get(state)
        if found is None:
            found = self.rich_style
            if state:
                found = found + self.get_component_rich_style(f"light-table--{state}")
            self._styles[state] = found
        return found

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        base = self._style("")
        if y == 0:
            header_key = ("", width, "header", self.columns_signature())
            strip = self._lines.get(header_key)
            if strip is None:
                style = self._style("header")
                labels = tuple(c.label for c in self.columns.values())
                strip = self._cell_line(labels, style)
                strip = self._lines[header_key] = strip.extend_cell_length(width, style).crop(
                    0, width
                )
            return strip
        index = int(self.scroll_y) + y - 1
        if index >= len(self._keys):
            return Strip([Segment(" " * width, base)], width)
        key = self._keys[index]
        if index == self._cursor:
            state = "cursor" if self.has_focus else "cursor-blurred"
        else:
            state = "even" if index % 2 else ""
        cache_key = (key, width, state, self.columns_signature())
        strip = self._lines.get(cache_key)
        if strip is None:
            style = self._style(state)
            strip = self._cell_line(self._cells[key], style)
            strip = strip.extend_cell_length(width, style).crop(0, width)
            if len(self._lines) > 4000:
                self._lines.clear()
            self._lines[cache_key] = strip
        return strip

    def columns_signature(self) -> tuple[int, ...]:
        return tuple(c.width for c in self.columns.values())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()
        self._styles.clear()
