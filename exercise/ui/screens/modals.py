"""Modal dialogs: confirmation, the ad-hoc inject composer, the observation form.

A form dialog returns a command (validated by its pydantic model) or None when it is
cancelled; the caller submits the command. Nothing here touches the session.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.selection_list import Selection

from ...model import Method, Pillar, RoleKind, Scenario, localize
from ...safetext import clean, literal
from ...sim import commands as c
from .. import i18n


def _plain(text: str) -> Text:
    return literal(text, single_line=True)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; the message is shown literally."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "key.yes"),
        Binding("n,escape", "answer(False)", "key.no"),
    ]

    def __init__(self, message: str, lang: str) -> None:
        super().__init__(classes="dialog-screen")
        self.message = message
        self.lang = lang
        i18n.localize_bindings(self, lang)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Static(literal(self.message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                # the keys are shown on the buttons: a modal has no footer of its own
                yes, no = i18n.tr("key.yes", self.lang), i18n.tr("key.no", self.lang)
                yield Button(f"{yes} (y)", variant="primary", id="yes")
                yield Button(f"{no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")


class StoppedScreen(ModalScreen[None]):
    """The journal could not record: the session has stopped. Nothing on this screen can
    change the session; ctrl+q (the app's) leaves, and the message says how to go on."""

    def __init__(self, message: str, lang: str) -> None:
        super().__init__(classes="dialog-screen")
        self.message = message
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog stopped"):
            yield Label(
                Text(i18n.tr("stopped.title", self.lang), style="bold red"),
                classes="dialog-title",
            )
            yield Static(literal(self.message), classes="dialog-message")


class _FormScreen(ModalScreen[c.Command | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, scenario: Scenario, lang: str) -> None:
        super().__init__(classes="dialog-screen")
        self.scenario = scenario
        self.lang = lang
        i18n.localize_bindings(self, lang)

    def t(self, key: str, **values: object) -> str:
        return i18n.tr(key, self.lang, **values)

    def buttons(self, ok: str) -> ComposeResult:
        yield Static("", classes="dialog-error")
        with Horizontal(classes="dialog-buttons"):
            yield Button(ok, variant="primary", id="ok")
            yield Button(self.t("key.cancel"), id="cancel")

    def error(self, message: str) -> None:
        self.query_one(".dialog-error", Static).update(Text(message, style="bold red"))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
            return
        command = self.build()
        if command is not None:
            self.dismiss(command)

    def build(self) -> c.Command | None:
        """The command the form describes, or None while it is incomplete (each form
        screen below builds its own)."""
        return None

    def pillar_selections(self) -> list[Selection[str]]:
        return [Selection(_plain(i18n.pillar_name(p.value, self.lang)), p.value) for p in Pillar]


class AdhocScreen(_FormScreen):
    """Compose an ad-hoc inject: title, text, recipients, pillars, method, sender."""

    def compose(self) -> ComposeResult:
        scenario, lang = self.scenario, self.lang
        roles = [r for r in scenario.roles if r.kind != RoleKind.FACILITATOR]
        with VerticalScroll(classes="dialog form"):
            yield Label(Text(self.t("adhoc.heading"), style="bold"), classes="dialog-title")
            yield Input(placeholder=self.t("adhoc.title"), id="adhoc-title", max_length=500)
            yield TextArea(id="adhoc-text", soft_wrap=True, placeholder=self.t("adhoc.text"))
            with Horizontal(classes="form-row"):
                to = SelectionList[str](
                    *[
                        Selection(
                            _plain(f"{r.id}: {localize(r.title, lang)}"),
                            r.id,
                        )
                        for r in roles
                    ],
                    id="adhoc-to",
                )
                to.border_title = self.t("adhoc.to")
                yield to
                pillars = SelectionList[str](*self.pillar_selections(), id="adhoc-pillars")
                pillars.border_title = self.t("adhoc.pillars")
                yield pillars
            with Horizontal(classes="form-row short"):
                yield Select(
                    [(_plain(i18n.method_name(m.value, lang)), m.value) for m in Method],
                    value=Method.OTHER.value,
                    allow_blank=False,
                    id="adhoc-method",
                )
                yield Input(placeholder=self.t("adhoc.sender"), id="adhoc-sender", max_length=200)
            yield from self.buttons(self.t("adhoc.send"))

    def on_mount(self) -> None:
        self.query_one("#adhoc-title", Input).focus()

    def build(self) -> c.Command | None:
        title = clean(self.query_one("#adhoc-title", Input).value).strip()
        text = clean(self.query_one("#adhoc-text", TextArea).text).strip()
        to = self.query_one("#adhoc-to", SelectionList).selected
        if not title:
            self.error(self.t("adhoc.need_title"))
            return None
        if not text:
            self.error(self.t("adhoc.need_text"))
            return None
        if not to:
            self.error(self.t("adhoc.need_to"))
            return None
        try:
            return c.AdhocInject(
                title=title,
                text=text,
                to=tuple(to),
                pillars=tuple(self.query_one("#adhoc-pillars", SelectionList).selected),
                method=self.query_one("#adhoc-method", Select).value,
                sender=clean(self.query_one("#adhoc-sender", Input).value, single_line=True),
            )
        except ValidationError as err:
            self.error(_first_error(err))
            return None


class ObservationScreen(_FormScreen):
    """Record an observation: pillar, objective, strength or area for improvement, text."""

    def compose(self) -> ComposeResult:
        scenario, lang = self.scenario, self.lang
        with VerticalScroll(classes="dialog form"):
            yield Label(Text(self.t("obs.heading"), style="bold"), classes="dialog-title")
            yield Select(
                [(_plain(f"{o.id}: {localize(o.text, lang)}"), o.id) for o in scenario.objectives],
                prompt=self.t("obs.objective"),
                id="obs-objective",
            )
            yield Select(
                [(_plain(i18n.pillar_name(p.value, lang)), p.value) for p in Pillar],
                prompt=self.t("obs.pillar"),
                id="obs-pillar",
            )
            with RadioSet(id="obs-kind"):
                yield RadioButton(_plain(self.t("obs.strength")), value=True, id="kind-strength")
                yield RadioButton(_plain(self.t("obs.improvement")), id="kind-improvement")
                yield RadioButton(_plain(self.t("obs.note")), id="kind-note")
            yield TextArea(id="obs-text", soft_wrap=True, placeholder=self.t("obs.text"))
            yield from self.buttons(self.t("obs.save"))

    def on_mount(self) -> None:
        self.query_one("#obs-objective", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """Choosing an objective fills in its pillar."""
        if event.select.id != "obs-objective" or event.value is Select.NULL:
            return
        objective = self.scenario.objective_map.get(str(event.value))
        if objective is not None:
            self.query_one("#obs-pillar", Select).value = objective.pillar.value

    def build(self) -> c.Command | None:
        pillar = self.query_one("#obs-pillar", Select).value
        objective = self.query_one("#obs-objective", Select).value
        text = clean(self.query_one("#obs-text", TextArea).text).strip()
        pressed = self.query_one("#obs-kind", RadioSet).pressed_button
        kind = (pressed.id or "kind-note").removeprefix("kind-") if pressed else "note"
        if pillar is Select.NULL:
            self.error(self.t("obs.need_pillar"))
            return None
        if not text:
            self.error(self.t("obs.need_text"))
            return None
        try:
            return c.Observe(
                pillar=pillar,
                objective=None if objective is Select.NULL else str(objective),
                kind=kind,
                text=text,
            )
        except ValidationError as err:
            self.error(_first_error(err))
            return None


def _first_error(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg', '')}"
