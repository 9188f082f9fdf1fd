"""The facilitator console's Seats tab, added by `exercise host` (no change to the console
itself): who is connected to which seat, since when, last seen; wrong join codes by
address; and, on the selected row, ctrl+r to revoke that seat and issue it a new code."""

from __future__ import annotations

import time
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from ..language import ntext, text
from ..safetext import clean
from .host import SeatHost
from .terminal import Confirm
from .words import TranslatedBindings, code

SEATS_TAB = "seats-tab"


def _ago(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


class SeatsPanel(TranslatedBindings, Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "revoke", "revoke seat"),
    ]

    def __init__(
        self, host: SeatHost, lang: str = "en", url: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.host = host
        self.url = url  # where seats join (over TLS with the certificate's fingerprint)
        self.lang = lang
        self.rows: list[str] = []  # the seat name of each row

    def compose(self) -> ComposeResult:
        if self.url is not None:
            yield Static(Text(text(self.lang, "join at {url}", url=self.url)), id="seats-url")
        yield Static(id="seats-summary")
        table: DataTable[Any] = DataTable(id="seats-table", cursor_type="row")
        lang = self.lang
        table.add_columns(
            text(lang, "seat"),
            text(lang, "kind"),
            text(lang, "name"),
            text(lang, "address"),
            text(lang, "since"),
            text(lang, "last seen"),
        )
        yield table
        yield Static(id="seats-wrong")

    def on_mount(self) -> None:
        self.refresh_seats()
        self.set_interval(1.0, self.refresh_seats)

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#seats-table", DataTable)

    def refresh_seats(self) -> None:
        now = time.time()
        seats = self.host.seats()
        table = self.table
        row = table.cursor_row
        table.clear()
        self.rows = []
        names = sorted(self.host.codes.seats().items())
        connected = {info.seat for info in seats}
        for info in seats:
            table.add_row(
                clean(info.seat, single_line=True),
                code(info.kind, self.lang),
                Text(clean(info.name, single_line=True)),
                clean(info.address, single_line=True),
                _ago(now - info.since),
                _ago(now - info.last_seen),
            )
            self.rows.append(info.seat)
        for name, kind in names:
            if name not in connected:
                kind_name = code(kind.value, self.lang)
                table.add_row(clean(name, single_line=True), kind_name, "", "", "", "-")
                self.rows.append(name)
        if self.rows:
            table.move_cursor(row=min(row, len(self.rows) - 1), animate=False)
        summary = ntext(
            self.lang,
            "{n} connection, {used} of {seats} seats in use",
            "{n} connections, {used} of {seats} seats in use",
            len(seats),
            n=len(seats),
            used=len(connected),
            seats=len(names),
        )
        self.query_one("#seats-summary", Static).update(Text(summary))
        wrong = [
            f"{clean(address, single_line=True)}: {len(tries)}"
            for address, tries in sorted(self.host.wrong_codes.items())
            if tries
        ]
        listed = ", ".join(wrong) if wrong else text(self.lang, "none")
        said = text(self.lang, "wrong join codes: {addresses}", addresses=listed)
        self.query_one("#seats-wrong", Static).update(Text(said))

    def action_revoke(self) -> None:
        row = self.table.cursor_row
        if not self.rows or not 0 <= row < len(self.rows):
            return
        seat = self.rows[row]

        def answered(yes: bool | None) -> None:
            if yes:
                new = self.host.revoke(seat)
                self.refresh_seats()
                self.app.notify(
                    text(
                        self.lang,
                        "{seat}: new code {code} (the old one no longer works)",
                        seat=seat,
                        code=new,
                    ),
                    title=text(self.lang, "Seats"),
                    timeout=60,
                    markup=False,
                )

        question = text(
            self.lang, "Close every connection of {seat} and give it a new code?", seat=seat
        )
        self.app.push_screen(Confirm(question, self.lang), answered)


async def add_seats_tab(app: App[Any], host: SeatHost, url: str | None = None) -> SeatsPanel:
    """Add the Seats tab to the console's tabs (the app's TabbedContent), showing `url`,
    the address seats join at, when given."""
    panel = SeatsPanel(host, lang=host.lang, url=url, id="seats-panel")
    pane = TabPane(text(host.lang, "Seats"), panel, id=SEATS_TAB)
    await app.query_one("#tabs", TabbedContent).add_pane(pane)
    return panel
