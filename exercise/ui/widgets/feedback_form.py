"""The hot wash in a role panel: the participants' feedback form, offered once the session
has ended.

The questions are the scenario's own or the default form (`exercise.debrief.feedback`).
Sending asks first (ctrl+y, as every recording does), then the app appends the form
through the session it holds, the journal's one writer. The form is emptied after each
send, so the next participant of the same role can fill it in too.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, RadioSet, Static, TextArea

from ...debrief.evaluation import InputError
from ...debrief.feedback import SCALE, Question, feedback_event, questions
from ...model import Scenario
from ...model.events import NewEvent
from ...safetext import clean, literal
from .. import i18n
from .checks import OptionButton


@runtime_checkable
class FeedbackHost(Protocol):
    """An app that can record a feedback form (the session UI, after the end)."""

    def record_feedback(self, event: NewEvent) -> str | None:
        """Append the form; None when it is recorded, else why not (for people)."""
        ...


class FeedbackForm(Vertical):
    def __init__(self, scenario: Scenario, role: str, lang: str) -> None:
        super().__init__(classes="feedback-form")
        self.scenario = scenario
        self.role = role
        self.lang = lang
        self.questions: list[Question] = questions(scenario, lang)

    def t(self, key: str, **values: object) -> str:
        return i18n.tr(key, self.lang, **values)

    def compose(self) -> ComposeResult:
        yield Label(Text(self.t("fb.heading"), style="bold"), classes="form-heading")
        yield Static(Text(self.t("fb.intro"), style="dim"))
        for n, question in enumerate(self.questions):
            yield Static(literal(question.text), classes="fb-question")
            if question.kind == "scale":
                with RadioSet(id=f"fb-{n}", classes="fb-scale"):
                    for score in SCALE:
                        yield OptionButton(str(score))
            else:
                yield TextArea(soft_wrap=True, id=f"fb-{n}", classes="fb-text")
        yield Input(placeholder=self.t("fb.name"), classes="fb-name", max_length=500)
        yield Button(self.t("fb.submit"), variant="primary", classes="fb-submit")
        yield Static("", classes="fb-result")

    def answers(self) -> dict[str, object]:
        """What the form holds now, by question id (empty answers left out)."""
        out: dict[str, object] = {}
        for n, question in enumerate(self.questions):
            if question.kind == "scale":
                pressed = self.query_one(f"#fb-{n}", RadioSet).pressed_index
                if pressed >= 0:
                    out[question.id] = SCALE[pressed]
            else:
                written = self.query_one(f"#fb-{n}", TextArea).text.strip()
                if written:
                    out[question.id] = clean(written)
        return out

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.has_class("fb-submit"):
            event.stop()
            self.send()

    def send(self) -> None:
        result = self.query_one(".fb-result", Static)
        name = clean(self.query_one(".fb-name", Input).value, single_line=True).strip()
        answers = self.answers()
        if not answers:
            result.update(Text(self.t("fb.empty"), style="bold red"))
            return
        try:
            form = feedback_event(
                self.scenario, self.lang, self.role, answers, name or self.role, 0
            )
        except InputError as err:  # an answer too long: the core's reason
            result.update(
                literal(self.t("fb.failed", reason=err.said(self.lang)), style="bold red")
            )
            return
        app = self.app
        if not isinstance(app, FeedbackHost):
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            problem = app.record_feedback(form)
            if problem is None:
                self.call_later(self._emptied)
            else:
                result.update(literal(self.t("fb.failed", reason=problem), style="bold red"))

        from ..screens.modals import ConfirmScreen

        title = i18n.role_title(self.scenario, self.role, self.lang)
        self.app.push_screen(ConfirmScreen(self.t("fb.confirm", role=title), self.lang), answered)

    async def _emptied(self) -> None:
        """Recorded: an empty form for the next participant, and a word of thanks."""
        await self.recompose()
        self.query_one(".fb-result", Static).update(Text(self.t("fb.recorded"), style="bold green"))
