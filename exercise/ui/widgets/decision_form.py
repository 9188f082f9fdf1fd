"""The decision form of one inject: options, rationale, the deadline counting down, submit.

The decision shows as taken only when the session state says so, that is after the
journal has committed it; until the command's outcome is back the form says it is
submitting, and a rejection shows the core's reason.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, RadioSet, Static

from ...model import format_clock
from ...safetext import clean, literal
from ...sim import commands as c
from .. import i18n
from ..host import host
from ..messages import CommandDone
from ..view import PlayerDecision
from .checks import OptionButton


class DecisionForm(Vertical):
    def __init__(
        self, inject: str, role: str, title: str, decision: PlayerDecision, lang: str
    ) -> None:
        super().__init__(classes="decision-form")
        self.inject = inject
        self.role = role
        self.title_text = title
        self.decision = decision
        self.lang = lang
        self.pending = False
        self._deadline_text = ""
        self._ready = False

    def t(self, key: str, **values: object) -> str:
        return i18n.tr(key, self.lang, **values)

    def compose(self) -> ComposeResult:
        d = self.decision
        yield Label(Text(self.t("form.decision"), style="bold"), classes="form-heading")
        yield Static(literal(d.prompt), classes="form-prompt")
        yield Static("", classes="form-deadline")
        with RadioSet(classes="form-options"):
            for n, (_id, label) in enumerate(d.options):
                yield OptionButton(literal(label), id=f"opt-{n}")
        yield Input(placeholder=self.t("form.rationale"), classes="form-rationale")
        yield Button(self.t("form.submit"), variant="primary", classes="form-submit")
        yield Static("", classes="form-result")
        yield Static("", classes="form-error")

    def on_mount(self) -> None:
        self._ready = True
        self.show(self.decision, host(self).now())

    # -- rendering from the state --

    def show(self, decision: PlayerDecision, now: float) -> None:
        self.decision = decision
        if not self._ready:
            return  # shown when mounted
        closed = decision.status != "open"
        self.set_class(closed, "-closed")
        self.set_class(self.pending, "-pending")
        result = self.query_one(".form-result", Static)
        if decision.status == "taken":
            text = self.t(
                "form.taken",
                time=format_clock(decision.decided_at or 0),
                option=clean(decision.chosen, single_line=True),
            )
            result.update(Text(text, style="bold green"))
        elif decision.status == "missed":
            at = format_clock(decision.deadline or 0)
            if decision.chosen:
                text = self.t(
                    "form.missed", time=at, option=clean(decision.chosen, single_line=True)
                )
            else:
                text = self.t("form.missed_no_default", time=at)
            result.update(Text(text, style="bold yellow"))
        elif self.pending:
            result.update(Text(self.t("form.submitting"), style="italic"))
        self.query_one(".form-submit", Button).disabled = closed or self.pending
        self.tick(now)

    def tick(self, now: float) -> None:
        d = self.decision
        if not self._ready:
            return
        if d.status != "open":
            text, style = "", ""
        elif d.deadline is None:
            text, style = self.t("form.no_deadline"), "dim"
        elif now >= d.deadline:
            text, style = self.t("form.deadline_passed"), "bold red"
        else:
            left = d.deadline - now
            clock = host(self).clock
            both = i18n.countdown_both(left, clock.speed, clock.paused, self.lang)
            text = self.t("form.deadline_left", left=both)
            style = "bold red" if left < 60 else ("bold yellow" if left < 180 else "bold")
        if text != self._deadline_text:
            self._deadline_text = text
            self.query_one(".form-deadline", Static).update(Text(text, style=style), layout=False)

    # -- submitting --

    def chosen(self) -> tuple[str, str] | None:
        pressed = self.query_one(RadioSet).pressed_index
        if pressed < 0:
            return None
        return self.decision.options[pressed]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        if self.pending or self.decision.status != "open":
            return
        chosen = self.chosen()
        if chosen is None:
            self.query_one(".form-error", Static).update(
                Text(self.t("form.pick_option"), style="bold red")
            )
            return
        self.query_one(".form-error", Static).update("")
        option_id, label = chosen
        rationale = clean(self.query_one(".form-rationale", Input).value).strip()
        question = self.t("form.confirm", title=self.title_text, option=label)
        command = c.Decide(
            actor=self.role, inject=self.inject, option=option_id, rationale=rationale
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.pending = True
            self.show(self.decision, host(self).now())
            host(self).send_command(command, reply_to=self)

        from ..screens.modals import ConfirmScreen

        self.app.push_screen(ConfirmScreen(question, self.lang), answered)

    def on_command_done(self, message: CommandDone) -> None:
        message.stop()
        self.pending = False
        self.set_class(False, "-pending")
        if not message.outcome.accepted:
            self.query_one(".form-submit", Button).disabled = self.decision.status != "open"
            reason = self.t("form.rejected", reason=message.outcome.explain(self.lang))
            self.query_one(".form-error", Static).update(literal(reason, style="bold red"))
            if self.decision.status == "open":
                self.query_one(".form-result", Static).update("")
