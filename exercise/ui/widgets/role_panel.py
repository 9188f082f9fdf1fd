"""A role player's panel: the role's own injects, its decisions, own-initiative decisions,
the measures it may take at the current escalation level, its decision history, its
communication products (`role_panel_products`), the media (the news and social feed and
the narratives in it, the same for every role) and, after the end, the feedback form.

Everything here comes from the player's view in `exercise.ui.view`: a panel never shows
MSEL fields, and never another role's injects.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import AwaitMount
from textual.widgets import (
    Button,
    DataTable,
    OptionList,
    RadioSet,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from ...model import CommsElement, Measure, Pillar, Scenario, format_clock, localize
from ...safetext import clean, literal
from ...sim import commands as c
from ...sim.state import SessionState
from .. import i18n
from ..host import host
from ..messages import CommandDone
from ..view import MeasureRow, PlayerInject, role_history, role_inbox, role_measures
from .checks import CheckList
from .decision_form import DecisionForm
from .feedback_form import FeedbackForm, FeedbackHost
from .media import MediaPane
from .role_panel_products import ProductsPane

INNER_TABS = ("inbox", "initiative", "measures", "history", "comms", "media", "feedback")


class RolePanel(i18n.TranslatedBindings, Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "decide", "key.decide"),
        # The panel's own tabs, a key each (their labels carry the number). In a text
        # field a digit is typed: tab leaves the field first.
        Binding("1", "inner_tab('inbox')", "key.tab_inbox", show=False),
        Binding("2", "inner_tab('initiative')", "key.tab_initiative", show=False),
        Binding("3", "inner_tab('measures')", "key.tab_measures", show=False),
        Binding("4", "inner_tab('history')", "key.tab_history", show=False),
        Binding("5", "inner_tab('comms')", "key.tab_comms", show=False),
        Binding("p", "product", "key.product", show=False),
        Binding("6", "inner_tab('media')", "key.tab_media", show=False),
        Binding("7", "inner_tab('feedback')", "key.tab_feedback", show=False),
    ]

    def __init__(self, scenario: Scenario, role: str, lang: str, index: int, **kwargs: Any) -> None:
        super().__init__(classes="role-panel", **kwargs)
        self.scenario = scenario
        self.role = role
        self.lang = lang
        self.prefix = f"r{index}"
        self.inbox: list[PlayerInject] = []
        self.measures: list[MeasureRow] = []
        self.playbook_note = ""  # a playbook opened before the panel was first drawn
        self.history: list[tuple[float, str]] = []
        self._listed: list[tuple[str, str, bool]] = []
        self._seen: set[str] = set()
        self._form: DecisionForm | None = None
        self._shown_inject: str | None = None
        self._heading: tuple[object, ...] | None = None
        self.dirty = True
        self._could_decide = False
        self._mounting: AwaitMount | None = None
        self.feedback_offered = False  # the feedback tab, added once the session has ended

    @property
    def decision_form(self) -> DecisionForm | None:
        """The form of the decision shown in the inbox, if the message shown asks one."""
        return self._form

    def t(self, key: str, **values: object) -> str:
        return i18n.tr(key, self.lang, **values)

    def compose(self) -> ComposeResult:
        p, lang = self.prefix, self.lang
        yield Static("", classes="role-heading")
        with TabbedContent(id=f"{p}-tabs", classes="role-tabs"):
            with (
                TabPane("1 " + self.t("role.inbox"), id=f"{p}-inbox"),
                Horizontal(classes="inbox"),
            ):
                yield OptionList(classes="inbox-list")
                with VerticalScroll(classes="inbox-detail"):
                    yield Static(
                        Text(self.t("role.no_injects"), style="dim"), classes="inject-view"
                    )
                    yield Vertical(classes="form-slot")
            with (
                TabPane("2 " + self.t("role.initiative"), id=f"{p}-initiative"),
                VerticalScroll(classes="initiative"),
            ):
                yield TextArea(soft_wrap=True, placeholder=self.t("init.text"), classes="init-text")
                with Horizontal(classes="form-row"):
                    pillars = CheckList[str](
                        *[
                            Selection(literal(i18n.pillar_name(x.value, lang)), x.value)
                            for x in Pillar
                        ],
                        classes="init-pillars",
                    )
                    pillars.border_title = self.t("init.pillars")
                    yield pillars
                    comms = CheckList[str](
                        *[
                            Selection(literal(i18n.comms_name(x.value, lang)), x.value)
                            for x in CommsElement
                        ],
                        classes="init-comms",
                    )
                    comms.border_title = self.t("init.comms")
                    yield comms
                yield Button(self.t("init.submit"), variant="primary", classes="init-submit")
                yield Static("", classes="init-result")
            with (
                TabPane("3 " + self.t("role.measures"), id=f"{p}-measures"),
                Vertical(classes="measures"),
            ):
                yield DataTable(cursor_type="row", classes="measure-table")
                hint = (
                    literal(self.playbook_note, style="bold")
                    if self.playbook_note
                    else Text(self.t("meas.hint"), style="dim")
                )
                yield Static(hint, classes="measure-result")
            with TabPane("4 " + self.t("role.history"), id=f"{p}-history"):
                yield DataTable(cursor_type="row", classes="history-table")
            with TabPane("5 " + self.t("role.comms"), id=f"{p}-comms"):
                yield ProductsPane(self.scenario, self.role, lang)
            with TabPane("6 " + self.t("role.media"), id=f"{p}-media"):
                yield MediaPane(self.scenario, lang, classes="media-scroll")

    def on_mount(self) -> None:
        measures = self.query_one(".measure-table", DataTable)
        measures.add_column(self.t("meas.col.measure"), key="title")
        measures.add_column(self.t("meas.col.from"), key="from", width=6)
        measures.add_column(self.t("meas.col.status"), key="status")
        history = self.query_one(".history-table", DataTable)
        history.add_column(self.t("hist.col.time"), key="time", width=10)
        history.add_column(self.t("hist.col.what"), key="what")

    # -- rendering --

    def refresh_view(self, state: SessionState, now: float) -> None:
        scenario, lang = self.scenario, self.lang
        self.inbox = role_inbox(state, scenario, self.role, lang)
        self._refresh_list()
        seen = len(self._seen)
        self._refresh_detail(now)
        if len(self._seen) != seen:  # the message on screen is read now: drop its mark
            self._refresh_list()
        self._refresh_heading(state)
        self._refresh_measures(state)
        self._refresh_history(state)
        self.query_one(ProductsPane).refresh_view(state)
        self.query_one(MediaPane).refresh_view(state)
        if state.ended and not self.feedback_offered:
            self._offer_feedback()

    def _offer_feedback(self) -> None:
        """The session has ended: add the hot wash's feedback form as the panel's last tab
        (only where the app can record it)."""
        if not isinstance(self.app, FeedbackHost):
            return
        self.feedback_offered = True
        pane = TabPane(
            "7 " + self.t("role.feedback"),
            VerticalScroll(FeedbackForm(self.scenario, self.role, self.lang)),
            id=f"{self.prefix}-feedback",
        )
        self.query_one(TabbedContent).add_pane(pane)

    def open_decisions(self) -> list[PlayerInject]:
        """This role's open decisions, oldest first."""
        found = [p for p in self.inbox if p.decision is not None and p.decision.status == "open"]
        found.sort(key=lambda p: (p.decision.opened if p.decision else 0.0, p.received))
        return found

    def unread(self, state: SessionState | None = None) -> int:
        """Injects delivered to this role that its player has not opened yet (from `state`
        when given: a hidden panel's inbox may be stale)."""
        if state is None:
            return sum(1 for p in self.inbox if p.inject not in self._seen)
        return sum(
            1
            for inject, to in state.recipients.items()
            if self.role in to and inject not in self._seen
        )

    def _refresh_heading(self, state: SessionState) -> None:
        opened, unread = len(self.open_decisions()), self.unread()
        heading = (state.level.value, state.phase, opened, unread)
        if heading == self._heading:
            return
        self._heading = heading
        title = i18n.role_title(self.scenario, self.role, self.lang)
        text = Text(clean(self.t("role.heading", title=title), single_line=True), style="bold")
        if opened:  # before the level (the status line has it too): a narrow screen cuts it
            text.append("   ● " + self.t("picker.open", count=opened), style="bold yellow")
            text.append(" (d)", style="dim")
        if unread:
            text.append("   • " + self.t("picker.unread", count=unread), style="bold cyan")
        text.append("   " + self.t("role.level", level=state.level.value), style="dim")
        text.no_wrap, text.overflow = True, "ellipsis"
        self.query_one(".role-heading", Static).update(text)

    def _refresh_list(self) -> None:
        listing = self.query_one(".inbox-list", OptionList)
        rows = [
            (p.inject, p.decision.status if p.decision else "", p.inject in self._seen)
            for p in self.inbox
        ]
        if rows == self._listed:
            return
        self._listed = rows
        highlighted = self._shown_inject
        listing.clear_options()
        for item in self.inbox:
            prompt = Text(format_clock(item.received), style="dim")
            if item.decision is not None and item.decision.status == "open":
                prompt.append(" ● ", style="bold yellow")
            elif item.inject not in self._seen:
                prompt.append(" • ", style="bold cyan")
            else:
                prompt.append("   ")
            prompt.append(clean(item.title, single_line=True))
            listing.add_option(Option(prompt, id=f"i{self.inbox.index(item)}"))
        ids = [p.inject for p in self.inbox]
        if highlighted in ids:
            listing.highlighted = ids.index(highlighted)
        elif ids:
            listing.highlighted = 0

    def _selected(self) -> PlayerInject | None:
        listing = self.query_one(".inbox-list", OptionList)
        index = listing.highlighted
        if index is None or index >= len(self.inbox):
            return None
        return self.inbox[index]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        seen = len(self._seen)
        self._refresh_detail(host(self).now())
        if len(self._seen) != seen:
            self._refresh_list()

    def _refresh_detail(self, now: float) -> None:
        item = self._selected()
        view = self.query_one(".inject-view", Static)
        slot = self.query_one(".form-slot", Vertical)
        if item is None:
            view.update(Text(self.t("role.no_injects"), style="dim"))
            self._drop_form()
            self._shown_inject = None
            return
        if item.inject not in self._seen:
            self._seen.add(item.inject)
        if item.inject != self._shown_inject:
            self._shown_inject = item.inject
            view.update(self._inject_text(item))
            self._drop_form()
            if item.decision is not None:
                self._form = DecisionForm(
                    item.inject, self.role, item.title, item.decision, self.lang
                )
                self._mounting = slot.mount(self._form)
            elif item.decider and item.decider != self.role:
                note = self.t(
                    "form.decided_by", role=i18n.role_title(self.scenario, item.decider, self.lang)
                )
                slot.mount(Static(literal(note, style="dim italic"), classes="decided-by"))
        elif self._form is not None and item.decision is not None:
            self._form.show(item.decision, now)
        can_decide = bool(self.open_decisions())
        if can_decide != self._could_decide:
            self._could_decide = can_decide
            self.refresh_bindings()

    def _drop_form(self) -> None:
        self._form = None
        self.query_one(".form-slot", Vertical).remove_children()

    def _inject_text(self, item: PlayerInject) -> Text:
        lang = self.lang
        text = Text()
        text.append(f" {i18n.method_name(item.method, lang)} ", style="bold reverse")
        if item.sender:
            text.append("  " + clean(item.sender, single_line=True), style="bold")
        text.append("  " + self.t("inbox.received", time=format_clock(item.received)), style="dim")
        calendar = i18n.calendar(self.scenario, item.received, lang)
        if calendar:
            text.append(f" ({calendar})", style="dim")
        text.append("\n\n")
        text.append(clean(item.title, single_line=True), style="bold underline")
        text.append("\n\n")
        text.append(clean(item.text))
        return text

    def _refresh_measures(self, state: SessionState) -> None:
        rows = role_measures(state, self.scenario, self.role, self.lang)
        if rows == self.measures:
            return
        table = self.query_one(".measure-table", DataTable)
        cursor = table.cursor_row
        table.clear()
        for row in rows:
            if row.status == "taken":
                status = Text(
                    self.t("meas.taken", time=format_clock(row.taken_at or 0)), style="dim"
                )
            elif row.status == "in-force":
                status = Text(
                    self.t("meas.in_force", time=format_clock(row.taken_at or 0)), style="bold"
                )
            elif row.status == "lifted":
                status = Text(
                    self.t("meas.lifted", time=format_clock(row.taken_at or 0)), style="dim"
                )
            elif row.status == "available":
                status = Text(self.t("meas.available"), style="bold green")
            else:
                status = Text(self.t("meas.locked", level=row.from_level), style="yellow")
            table.add_row(literal(row.title, single_line=True), Text(row.from_level), status)
        if rows:
            table.move_cursor(row=min(max(cursor, 0), len(rows) - 1), animate=False)
        if not rows:
            self.query_one(".measure-result", Static).update(Text(self.t("meas.none"), style="dim"))
        self.measures = rows

    def _refresh_history(self, state: SessionState) -> None:
        items = role_history(state, self.scenario, self.role, self.lang)
        if items == self.history:
            return
        table = self.query_one(".history-table", DataTable)
        table.clear()
        for t, what in items:
            table.add_row(Text(format_clock(t)), literal(what, single_line=True))
        self.history = items

    def tick(self, state: SessionState, now: float) -> None:
        if self._form is not None:
            self._form.tick(now)

    def focus_inbox(self) -> None:
        self.query_one(".inbox-list", OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "decide":
            return bool(self.open_decisions())
        if action == "inner_tab" and parameters == ("feedback",):
            return self.feedback_offered  # no such tab before the end
        return True

    def action_inner_tab(self, name: str) -> None:
        """Show one of the panel's own tabs (inbox, own initiative, measures, history,
        communication, media, feedback)."""
        if name not in INNER_TABS or (name == "feedback" and not self.feedback_offered):
            return
        self.screen.set_focus(None)  # a focused widget in the pane left would pull back
        self.query_one(TabbedContent).active = f"{self.prefix}-{name}"
        focus = {
            "inbox": ".inbox-list",
            "initiative": ".init-text",
            "measures": ".measure-table",
            "history": ".history-table",
            "feedback": ".feedback-form TextArea, .feedback-form RadioSet",
            "comms": ".product-table",
            "media": ".media-scroll",
        }
        found = self.query(focus[name])
        if found:
            found.first().focus()

    def action_product(self) -> None:
        """Draft a communication product as this role."""
        self.query_one(ProductsPane).draft()

    async def action_decide(self) -> None:
        """Open this role's oldest open decision, whatever the inbox shows: select its
        inject in the inbox and put the cursor on the form's options."""
        pending = self.open_decisions()
        if not pending:
            self.app.notify(self.t("role.no_open"), markup=False)
            return
        self.screen.set_focus(None)
        self.query_one(TabbedContent).active = f"{self.prefix}-inbox"
        listing = self.query_one(".inbox-list", OptionList)
        listing.highlighted = self.inbox.index(pending[0])
        self._refresh_detail(host(self).now())
        self._refresh_list()
        mounting, self._mounting = self._mounting, None
        if mounting is not None:
            await mounting
        if self._form is None:
            return
        self._form.query_one(RadioSet).focus()
        self._form.scroll_visible(animate=False)

    # -- commands --

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.has_class("init-submit"):
            event.stop()
            self._submit_initiative()

    def _submit_initiative(self) -> None:
        text = clean(self.query_one(".init-text", TextArea).text).strip()
        result = self.query_one(".init-result", Static)
        if not text:
            result.update(Text(self.t("init.empty"), style="bold red"))
            return
        command = c.SelfDecision(
            actor=self.role,
            text=text,
            pillars=tuple(self.query_one(".init-pillars", SelectionList).selected),
            comms=tuple(self.query_one(".init-comms", SelectionList).selected),
        )

        def answered(yes: bool | None) -> None:
            if yes:
                result.update(Text(self.t("form.submitting"), style="italic"))
                self.query_one(".init-submit", Button).disabled = True
                host(self).send_command(command, reply_to=self, tag="initiative")

        from ..screens.modals import ConfirmScreen

        self.app.push_screen(ConfirmScreen(self.t("init.confirm", text=text), self.lang), answered)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if not event.data_table.has_class("measure-table"):
            return
        event.stop()
        self.take_selected_measure()

    def playbook_opened(self, level: str, measures: list[Measure]) -> None:
        """The level rose and opened this role's playbook: say what is in it."""
        if not measures:
            return
        titles = "; ".join(localize(m.title, self.lang) for m in measures)
        text = self.t("meas.playbook", level=level, titles=titles)
        found = self.query(".measure-result")  # nothing yet when the panel was never shown
        if found:
            found.first(Static).update(literal(text, style="bold"))
        else:
            self.playbook_note = text  # shown when the panel is first drawn

    def take_selected_measure(self) -> None:
        table = self.query_one(".measure-table", DataTable)
        if not self.measures or not 0 <= table.cursor_row < len(self.measures):
            return
        row = self.measures[table.cursor_row]
        result = self.query_one(".measure-result", Static)
        if row.status in ("taken", "lifted"):
            return
        if row.status not in ("available", "in-force"):
            result.update(Text(self.t("meas.not_available"), style="bold yellow"))
            return

        def answered(command: c.Command | None) -> None:
            if command is not None:  # the measure, with the player's rationale
                result.update(Text(self.t("form.submitting"), style="italic"))
                host(self).send_command(command, reply_to=self, tag="measure")

        from ..screens.modals import MeasureScreen

        lift = row.status == "in-force"  # a lasting measure in force: Enter lifts it
        screen = MeasureScreen(self.scenario, self.lang, self.role, row.measure, lift=lift)
        self.app.push_screen(screen, answered)

    def on_command_done(self, message: CommandDone) -> None:
        message.stop()
        outcome = message.outcome
        if message.tag == "initiative":
            result = self.query_one(".init-result", Static)
            self.query_one(".init-submit", Button).disabled = False
            if outcome.accepted:
                self.query_one(".init-text", TextArea).text = ""
                self.query_one(".init-pillars", SelectionList).deselect_all()
                self.query_one(".init-comms", SelectionList).deselect_all()
                result.update(Text(self.t("notice.recorded"), style="bold green"))
            else:
                reason = self.t("form.rejected", reason=outcome.explain(self.lang))
                result.update(literal(reason, style="bold red"))
        elif message.tag == "measure":
            result = self.query_one(".measure-result", Static)
            if outcome.accepted:
                result.update(Text(self.t("notice.recorded"), style="bold green"))
            else:
                reason = self.t("form.rejected", reason=outcome.explain(self.lang))
                result.update(literal(reason, style="bold red"))
