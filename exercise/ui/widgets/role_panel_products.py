"""The communication tab of a role's panel: the role's products with their state
(waiting for approval, returned with a note, issued), and the products waiting for this
role's approval. `p` drafts a product; enter on a product waiting for this role opens it.

Rows come from `exercise.ui.view.role_products`, built from committed events only.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ...model import Scenario, format_clock
from ...safetext import literal
from ...sim import commands as c
from ...sim.state import SessionState
from .. import i18n
from ..host import host
from ..messages import CommandDone
from ..view import ProductView, role_answerable, role_products


class ProductsPane(Vertical):
    def __init__(self, scenario: Scenario, role: str, lang: str, **kwargs: Any) -> None:
        super().__init__(classes="products", **kwargs)
        self.scenario = scenario
        self.role = role
        self.lang = lang
        self.rows: list[ProductView] = []
        self.answerable: list[tuple[str, str]] = []

    def t(self, key: str, **values: object) -> str:
        return i18n.tr(key, self.lang, **values)

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", classes="product-table")
        yield Static(Text(self.t("prod.hint"), style="dim"), classes="product-result")

    def on_mount(self) -> None:
        table = self.query_one(".product-table", DataTable)
        table.add_column(self.t("prod.col.product"), key="product", width=4)
        table.add_column(self.t("prod.col.time"), key="time", width=10)
        table.add_column(self.t("prod.col.kind"), key="kind")
        table.add_column(self.t("prod.col.status"), key="status")
        table.add_column(self.t("prod.col.text"), key="text")

    def refresh_view(self, state: SessionState) -> None:
        self.answerable = role_answerable(state, self.scenario, self.role, self.lang)
        rows = role_products(state, self.scenario, self.role, self.lang)
        if rows == self.rows:
            return
        table = self.query_one(".product-table", DataTable)
        cursor = table.cursor_row
        table.clear()
        for row in rows:
            table.add_row(
                Text(row.product),
                Text(format_clock(row.t)),
                literal(row.kind, single_line=True),
                self._status(row),
                literal(row.text, single_line=True),
            )
        if rows:
            table.move_cursor(row=min(max(cursor, 0), len(rows) - 1), animate=False)
        self.rows = rows

    def _status(self, row: ProductView) -> Text:
        other = i18n.role_title(self.scenario, row.other, self.lang) if row.other else ""
        if row.status == "to-approve":
            return literal(self.t("prod.to_approve", role=other), style="bold yellow")
        if row.status == "submitted":
            return literal(self.t("prod.submitted", role=other), style="italic")
        if row.status == "returned":
            return literal(self.t("prod.returned", note=row.note), style="bold red")
        if other:
            return literal(self.t("prod.issued_approved", role=other), style="green")
        return Text(self.t("prod.issued"), style="green")

    def focus_table(self) -> None:
        self.query_one(".product-table", DataTable).focus()

    # -- commands --

    def draft(self) -> None:
        """Open the form for a new product."""
        from ..screens.product import ProductScreen

        screen = ProductScreen(self.scenario, self.lang, self.role, self.answerable)
        self.app.push_screen(screen, self._send)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        table = event.data_table
        if not 0 <= table.cursor_row < len(self.rows):
            return
        row = self.rows[table.cursor_row]
        if row.status != "to-approve":
            return
        from ..screens.product import ApprovalScreen

        screen = ApprovalScreen(self.scenario, self.lang, self.role, row, "; ".join(row.answers))
        self.app.push_screen(screen, self._send)

    def _send(self, command: c.Command | None) -> None:
        if command is None:
            return
        result = self.query_one(".product-result", Static)
        result.update(Text(self.t("form.submitting"), style="italic"))
        host(self).send_command(command, reply_to=self, tag="product")

    def on_command_done(self, message: CommandDone) -> None:
        message.stop()
        result = self.query_one(".product-result", Static)
        if message.outcome.accepted:
            result.update(Text(self.t("notice.recorded"), style="bold green"))
        else:
            reason = self.t("form.rejected", reason=message.outcome.explain(self.lang))
            result.update(literal(reason, style="bold red"))
