"""Modal dialogs: confirmation, the ad-hoc inject composer, the observation form.

A form dialog returns a command (validated by its pydantic model) or None when it is
cancelled; the caller submits the command. Nothing here touches the session.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import ValidationError
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from ...language import Phrase, say
from ...model import (
    InjectTemplate,
    Method,
    Pillar,
    RoleKind,
    Scenario,
    format_duration,
    localize,
    parse_duration,
)
from ...safetext import clean, literal
from ...sim import commands as c
from .. import i18n


def _plain(text: str) -> Text:
    return literal(text, single_line=True)


class ConfirmScreen(i18n.TranslatedBindings, ModalScreen[bool]):
    """A yes/no question; the message is shown literally.

    Only a deliberate chord (ctrl+y) or a click on the yes button confirms: the yes button
    cannot take the focus, so tab, space and enter, however often pressed, reach only
    "no", and no letter of a sentence typed by mistake says yes. Escape or n says no.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+y", "answer(True)", "key.yes"),
        Binding("escape,n", "answer(False)", "key.no"),
        Binding("question_mark", "app.help", "key.help", show=False),
    ]

    def __init__(self, message: str, lang: str) -> None:
        super().__init__(classes="dialog-screen")
        self.message = message
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Static(literal(self.message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                # the keys are shown on the buttons: a modal has no footer of its own
                yes, no = i18n.tr("key.yes", self.lang), i18n.tr("key.no", self.lang)
                button = Button(f"{yes} (ctrl+y)", variant="primary", id="yes")
                button.can_focus = False  # never reached by tab: a click or ctrl+y only
                yield button
                yield Button(f"{no} (esc)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")


class HelpScreen(i18n.TranslatedBindings, ModalScreen[None]):
    """The keys of the screen it was opened on, and what they do, in the UI's language.

    Built from that screen's active bindings when opened (the focused widget's, its
    containers', the screen's and the app's), so it cannot drift from what the keys do.
    Only the app's own bindings are listed (Textual's built-in ones carry English
    descriptions); moving about (tab, arrows, enter) is described once below them.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "key.close"),
    ]

    def __init__(self, screen: Screen[Any], title: str, lang: str) -> None:
        super().__init__(classes="dialog-screen")
        self.lang = lang
        self.heading = title
        self.rows = help_rows(screen, lang)

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(classes="dialog help"):
            yield Label(
                literal(self.heading, single_line=True, style="bold"), classes="dialog-title"
            )
            table = Table.grid(padding=(0, 2))
            table.add_column(no_wrap=True, style="bold")
            table.add_column()
            table.add_row(
                Text(i18n.tr("help.col.key", lang), style="dim"),
                Text(i18n.tr("help.col.does", lang), style="dim"),
            )
            for keys, does in self.rows:
                table.add_row(Text(keys), Text(does))
            if not self.rows:
                table.add_row("", Text(i18n.tr("help.none", lang), style="italic"))
            yield Static(table, classes="help-keys")
            yield Static(Text(i18n.tr("help.general", lang), style="dim"), classes="help-general")
            yield Static(Text(i18n.tr("help.close", lang), style="dim"), classes="help-close")

    def action_close(self) -> None:
        self.dismiss(None)


def key_label(key: str) -> str:
    """A key as the help shows it: `ctrl+t`, `ctrl+↑`, `?`, `esc`, `F1`."""
    *modifiers, name = key.split("+")
    shown = format_key(name)
    if len(name) > 1 and name[0] == "f" and name[1:].isdigit():
        shown = name.upper()
    return "+".join([*modifiers, shown])


def help_rows(screen: Screen[Any], lang: str) -> list[tuple[str, str]]:
    """(keys, what they do) for every enabled binding of `screen` that the app declared
    (on one of its own widgets or screens, described by one of the UI's key words), keys
    of one action together."""
    known = {i18n.tr(k, lang) for k in i18n.STRINGS if k.startswith("key.")}
    grouped: dict[tuple[str, str], list[str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        declared_here = type(active.node).__module__.startswith("exercise.")
        if not active.enabled or not declared_here or binding.description not in known:
            continue  # Textual's own bindings (English only) are described in general
        grouped.setdefault((binding.action, binding.description), []).append(key_label(key))
    return [(" / ".join(keys), does) for (_action, does), keys in grouped.items()]


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


class _FormScreen(i18n.TranslatedBindings, ModalScreen[c.Command | None]):
    """A form in a dialog: ctrl+s saves (or sends), escape cancels, as the buttons say.
    A problem is shown next to the field it concerns, the form staying open."""

    DEFAULT_CSS = """
    _FormScreen .field-label {
        height: 1;
        margin-top: 1;
        color: $text-muted;
    }
    _FormScreen .field-error {
        height: auto;
        color: $error;
        text-style: bold;
    }
    _FormScreen .field-error.-empty {
        display: none;
    }
    _FormScreen .field-help {
        height: auto;
        color: $text-muted;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save", priority=True),
    ]

    def __init__(self, scenario: Scenario, lang: str) -> None:
        super().__init__(classes="dialog-screen")
        self.scenario = scenario
        self.lang = lang

    def t(self, key: str, **values: object) -> str:
        return i18n.tr(key, self.lang, **values)

    def label(self, key: str) -> Label:
        return Label(self.t(key), classes="field-label")

    def field_error(self, name: str) -> Static:
        """The place where a problem with field `name` is shown, right under it."""
        return Static("", id=f"{name}-error", classes="field-error -empty")

    def buttons(self, ok: str) -> ComposeResult:
        # a modal has no footer of its own: the buttons say which keys do the same
        yield Static("", classes="dialog-error field-error -empty")
        with Horizontal(classes="dialog-buttons"):
            yield Button(f"{ok} (ctrl+s)", variant="primary", id="ok")
            yield Button(f"{self.t('key.cancel')} (esc)", id="cancel")

    def clear_errors(self) -> None:
        for slot in self.query(".field-error").results(Static):
            slot.update("")
            slot.add_class("-empty")

    def error(self, message: str, field: str | None = None) -> None:
        """Show `message` next to `field` (under the form when it has no place)."""
        slot = None
        if field is not None:
            found = self.query(f"#{field}-error")
            slot = found.first(Static) if found else None
        if slot is None:
            slot = self.query_one(".dialog-error", Static)
        slot.update(literal(message))
        slot.remove_class("-empty")
        slot.scroll_visible(animate=False)

    def focus_first(self) -> None:
        for widget in self.query("Input, TextArea, Select, SelectionList, RadioSet, OptionList"):
            if widget.focusable:
                widget.focus()
                return

    def on_mount(self) -> None:
        self.focus_first()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        self.clear_errors()
        command = self.build()
        if command is not None:
            self.dismiss(command)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
        elif event.button.id == "ok":
            self.action_save()

    def build(self) -> c.Command | None:
        """The command the form describes, or None while it is incomplete (each form
        screen below builds its own, and shows what is missing)."""
        return None

    def validation_error(self, err: ValidationError, fields: dict[str, str]) -> None:
        """Say what pydantic refused in the user's words, next to the field concerned
        (`fields` maps a command's field name to the form's)."""
        first = err.errors()[0]
        loc = [str(part) for part in first.get("loc", ())]
        field = next((fields[part] for part in loc if part in fields), None)
        self.error(_problem(first, self.lang), field)

    def pillar_selections(self) -> list[Selection[str]]:
        return [Selection(_plain(i18n.pillar_name(p.value, self.lang)), p.value) for p in Pillar]

    def player_roles(self) -> list[tuple[Text, str]]:
        return [
            (_plain(f"{r.id}: {localize(r.title, self.lang)}"), r.id)
            for r in self.scenario.roles
            if r.kind == RoleKind.PLAYER
        ]


def _problem(error: Any, lang: str) -> str:
    """A pydantic error as a phrase for people, in `lang` (never pydantic's own text)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in ("string_too_short", "missing", "too_short"):
        return i18n.tr("form.required", lang)
    if kind in ("string_too_long", "too_long"):
        return i18n.tr("form.too_long", lang, max=ctx.get("max_length", "?"))
    if kind in ("literal_error", "enum"):
        return i18n.tr("form.choose", lang)
    said = getattr(ctx.get("error"), "args", None) or [None]
    if kind == "value_error" and isinstance(said[0], Phrase):  # a command's own check
        return say(lang, said[0])
    return i18n.tr("form.not_accepted", lang)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in clean(text).splitlines() if line.strip()]


class AdhocScreen(_FormScreen):
    """Compose an ad-hoc inject, from scratch or from a catalogue template: title, text,
    recipients, pillars, method, sender; optionally a decision one recipient must take
    (options, a deadline, a default)."""

    DEFAULT_CSS = """
    AdhocScreen #adhoc-templates {
        height: auto;
        max-height: 6;
    }
    AdhocScreen #adhoc-decision {
        height: auto;
    }
    AdhocScreen #adhoc-decision.-off {
        display: none;
    }
    AdhocScreen #adhoc-options {
        height: 4;
    }
    """

    def __init__(
        self,
        scenario: Scenario,
        lang: str,
        templates: Mapping[str, InjectTemplate] | None = None,
    ) -> None:
        super().__init__(scenario, lang)
        self.templates = dict(templates or {})
        self.template: str | None = None  # the template the fields were filled from
        self._listed: list[str] = []

    def compose(self) -> ComposeResult:
        scenario, lang = self.scenario, self.lang
        roles = [r for r in scenario.roles if r.kind != RoleKind.FACILITATOR]
        with VerticalScroll(classes="dialog form"):
            yield Label(Text(self.t("adhoc.heading"), style="bold"), classes="dialog-title")
            if self.templates:
                yield self.label("adhoc.template")
                yield Input(placeholder=self.t("adhoc.template_filter"), id="adhoc-filter")
                yield OptionList(id="adhoc-templates")
                yield Static("", id="adhoc-template-note", classes="field-help")
            else:
                yield Static(self.t("adhoc.no_templates"), classes="field-help")
            yield self.label("adhoc.title")
            yield Input(placeholder=self.t("adhoc.title"), id="adhoc-title", max_length=500)
            yield self.field_error("adhoc-title")
            yield self.label("adhoc.text")
            yield TextArea(id="adhoc-text", soft_wrap=True, placeholder=self.t("adhoc.text"))
            yield self.field_error("adhoc-text")
            with Horizontal(classes="form-row"):
                to = SelectionList[str](
                    *[Selection(_plain(f"{r.id}: {localize(r.title, lang)}"), r.id) for r in roles],
                    id="adhoc-to",
                )
                to.border_title = self.t("adhoc.to")
                yield to
                pillars = SelectionList[str](*self.pillar_selections(), id="adhoc-pillars")
                pillars.border_title = self.t("adhoc.pillars")
                yield pillars
            yield self.field_error("adhoc-to")
            with Horizontal(classes="form-row short"):
                yield Select(
                    [(_plain(i18n.method_name(m.value, lang)), m.value) for m in Method],
                    value=Method.OTHER.value,
                    allow_blank=False,
                    id="adhoc-method",
                )
                yield Input(placeholder=self.t("adhoc.sender"), id="adhoc-sender", max_length=200)
            yield Checkbox(self.t("adhoc.decide"), id="adhoc-decide")
            with Vertical(id="adhoc-decision", classes="-off"):
                yield self.label("adhoc.decider")
                yield Select(self.player_roles(), prompt=self.t("adhoc.decider"), id="adhoc-role")
                yield self.field_error("adhoc-role")
                yield self.label("adhoc.prompt")
                yield Input(id="adhoc-prompt", max_length=c.MAX_LABEL)
                yield self.label("adhoc.options")
                yield TextArea(id="adhoc-options", soft_wrap=True)
                yield self.field_error("adhoc-options")
                with Horizontal(classes="form-row short"):
                    with Vertical():
                        yield self.label("adhoc.deadline")
                        yield Input(placeholder="10m", id="adhoc-deadline", max_length=40)
                    with Vertical():
                        yield self.label("adhoc.default")
                        yield Select([], prompt=self.t("adhoc.no_default"), id="adhoc-default")
                yield self.field_error("adhoc-deadline")
                yield self.field_error("adhoc-default")
            yield from self.buttons(self.t("adhoc.send"))

    def on_mount(self) -> None:
        if self.templates:
            self._list_templates("")
            self.query_one("#adhoc-filter", Input).focus()
        else:
            self.query_one("#adhoc-title", Input).focus()

    # -- the catalogue --

    def _template_line(self, template: InjectTemplate) -> str:
        pillars = ", ".join(i18n.pillar_name(p.value, self.lang) for p in template.pillars)
        return f"{template.id}: {localize(template.title, self.lang)} ({pillars})"

    def _list_templates(self, words: str) -> None:
        wanted = words.casefold().split()
        listing = self.query_one("#adhoc-templates", OptionList)
        self._listed = [
            t.id
            for t in self.templates.values()
            if all(w in self._template_line(t).casefold() for w in wanted)
        ]
        listing.set_options(
            [Option(_plain(self._template_line(self.templates[i])), id=i) for i in self._listed]
        )
        note = self.query_one("#adhoc-template-note", Static)
        if not self._listed:
            note.update(self.t("adhoc.template_none_match"))
        elif self.template is None:
            note.update("")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "adhoc-filter":
            event.stop()
            self._list_templates(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "adhoc-filter":  # enter in the filter: the first match
            if len(self._listed) >= 1:
                self.use_template(self._listed[0])
            return
        self.action_save()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.use_template(event.option.id)

    def use_template(self, template_id: str) -> None:
        """Fill the fields from a template; every one of them can still be changed."""
        template = self.templates[template_id]
        lang = self.lang
        self.template = template_id
        self.query_one("#adhoc-title", Input).value = localize(template.title, lang)
        self.query_one("#adhoc-text", TextArea).text = localize(template.text, lang)
        pillars = self.query_one("#adhoc-pillars", SelectionList)
        pillars.deselect_all()
        for pillar in template.pillars:
            pillars.select(pillar.value)
        self.query_one("#adhoc-method", Select).value = template.method.value
        self.query_one("#adhoc-sender", Input).value = localize(template.sender, self.lang)
        decision = template.decision
        self.query_one("#adhoc-decide", Checkbox).value = decision is not None
        if decision is not None:
            labels = [localize(o.label, lang) for o in decision.options]
            self.query_one("#adhoc-prompt", Input).value = localize(decision.prompt, lang)
            self.query_one("#adhoc-options", TextArea).text = "\n".join(labels)
            deadline = decision.deadline
            self.query_one("#adhoc-deadline", Input).value = (
                format_duration(deadline) if deadline is not None else ""
            )
            self._offer_defaults(labels)
            default = decision.option(decision.default) if decision.default else None
            if default is not None:
                self.query_one("#adhoc-default", Select).value = localize(default.label, lang)
            if decision.role and decision.role in self.scenario.role_map:
                self.query_one("#adhoc-role", Select).value = decision.role
                self.query_one("#adhoc-to", SelectionList).select(decision.role)
        note = self.t("adhoc.template_used", id=template_id)
        self.query_one("#adhoc-template-note", Static).update(_plain(note))

    # -- the decision --

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "adhoc-decide":
            event.stop()
            self.query_one("#adhoc-decision").set_class(not event.value, "-off")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "adhoc-options":
            self._offer_defaults(_lines(event.text_area.text))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "adhoc-role" and isinstance(event.value, str):
            self.query_one("#adhoc-to", SelectionList).select(event.value)  # decides: receives

    def _offer_defaults(self, labels: list[str]) -> None:
        select = self.query_one("#adhoc-default", Select)
        current = select.value
        unique = list(dict.fromkeys(labels))
        select.set_options([(_plain(label), label) for label in unique])
        if isinstance(current, str) and current in unique:
            select.value = current

    def _decision(self) -> c.AdhocDecision | bool | None:
        """The decision asked for; None when none is; False when it is incomplete."""
        if not self.query_one("#adhoc-decide", Checkbox).value:
            return None
        ok = True
        role = self.query_one("#adhoc-role", Select).value
        if not isinstance(role, str):
            self.error(self.t("adhoc.need_decider"), "adhoc-role")
            ok = False
        elif role not in self.query_one("#adhoc-to", SelectionList).selected:
            self.error(self.t("adhoc.decider_not_to"), "adhoc-role")
            ok = False
        options = _lines(self.query_one("#adhoc-options", TextArea).text)
        if len(options) < 2:
            self.error(self.t("adhoc.need_options"), "adhoc-options")
            ok = False
        elif len(set(options)) != len(options):
            self.error(self.t("adhoc.same_options"), "adhoc-options")
            ok = False
        text = self.query_one("#adhoc-deadline", Input).value.strip()
        deadline = None
        if text:
            try:
                deadline = parse_duration(text)
            except ValueError:
                deadline = -1.0
            if deadline <= 0:
                self.error(self.t("adhoc.bad_deadline"), "adhoc-deadline")
                ok = False
        default = self.query_one("#adhoc-default", Select).value
        default = default if isinstance(default, str) else None
        if default is not None and not text:
            self.error(self.t("adhoc.default_needs_deadline"), "adhoc-default")
            ok = False
        if not ok:
            return False
        try:
            return c.AdhocDecision(
                role=str(role),
                prompt=clean(self.query_one("#adhoc-prompt", Input).value).strip(),
                options=tuple(options),
                deadline=deadline,
                default=default if default in options else None,
            )
        except ValidationError as err:
            fields = {"options": "adhoc-options", "deadline": "adhoc-deadline"}
            self.validation_error(err, fields)
            return False

    def build(self) -> c.Command | None:
        title = clean(self.query_one("#adhoc-title", Input).value).strip()
        text = clean(self.query_one("#adhoc-text", TextArea).text).strip()
        to = self.query_one("#adhoc-to", SelectionList).selected
        ok = True
        if not title:
            self.error(self.t("adhoc.need_title"), "adhoc-title")
            ok = False
        if not text:
            self.error(self.t("adhoc.need_text"), "adhoc-text")
            ok = False
        if not to:
            self.error(self.t("adhoc.need_to"), "adhoc-to")
            ok = False
        decision = self._decision()
        if not ok or decision is False:
            return None
        try:
            return c.AdhocInject(
                title=title,
                text=text,
                to=tuple(to),
                pillars=tuple(self.query_one("#adhoc-pillars", SelectionList).selected),
                method=self.query_one("#adhoc-method", Select).value,
                sender=clean(self.query_one("#adhoc-sender", Input).value, single_line=True),
                template=self.template,
                decision=decision or None,
            )
        except ValidationError as err:
            fields = {"title": "adhoc-title", "text": "adhoc-text", "to": "adhoc-to"}
            self.validation_error(err, fields)
            return None


class ObservationScreen(_FormScreen):
    """Record an observation: pillar, objective (of that pillar), the seat observed,
    strength or area for improvement, root cause, text."""

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(classes="dialog form"):
            yield Label(Text(self.t("obs.heading"), style="bold"), classes="dialog-title")
            yield self.label("obs.pillar")
            yield Select(
                [(_plain(i18n.pillar_name(p.value, lang)), p.value) for p in Pillar],
                prompt=self.t("obs.pillar"),
                id="obs-pillar",
            )
            yield self.field_error("obs-pillar")
            yield self.label("obs.objective")
            yield Select([], prompt=self.t("obs.objective_first"), id="obs-objective")
            yield self.label("obs.seat")
            yield Select(self.player_roles(), prompt=self.t("obs.seat"), id="obs-seat")
            yield self.label("obs.kind")
            with RadioSet(id="obs-kind"):
                yield RadioButton(_plain(self.t("obs.strength")), id="kind-strength")
                yield RadioButton(_plain(self.t("obs.improvement")), id="kind-improvement")
                yield RadioButton(_plain(self.t("obs.note")), id="kind-note")
            yield self.field_error("obs-kind")
            yield self.label("obs.root_cause")
            yield Input(id="obs-root-cause", max_length=c.MAX_TEXT)
            yield self.label("obs.text")
            yield TextArea(id="obs-text", soft_wrap=True, placeholder=self.t("obs.text"))
            yield self.field_error("obs-text")
            yield from self.buttons(self.t("obs.save"))

    def on_mount(self) -> None:
        self.query_one("#obs-pillar", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """The objectives offered are those of the chosen pillar."""
        if event.select.id != "obs-pillar":
            return
        event.stop()
        objectives = self.query_one("#obs-objective", Select)
        pillar = event.value if isinstance(event.value, str) else None
        objectives.set_options(
            [
                (_plain(f"{o.id}: {localize(o.text, self.lang)}"), o.id)
                for o in self.scenario.objectives
                if o.pillar.value == pillar
            ]
        )
        objectives.prompt = self.t("obs.objective" if pillar else "obs.objective_first")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def build(self) -> c.Command | None:
        pillar = self.query_one("#obs-pillar", Select).value
        objective = self.query_one("#obs-objective", Select).value
        seat = self.query_one("#obs-seat", Select).value
        text = clean(self.query_one("#obs-text", TextArea).text).strip()
        root_cause = clean(self.query_one("#obs-root-cause", Input).value).strip()
        pressed = self.query_one("#obs-kind", RadioSet).pressed_button
        ok = True
        if not isinstance(pillar, str):
            self.error(self.t("obs.need_pillar"), "obs-pillar")
            ok = False
        if pressed is None or not pressed.id:
            self.error(self.t("obs.need_kind"), "obs-kind")
            ok = False
        if not text:
            self.error(self.t("obs.need_text"), "obs-text")
            ok = False
        if not ok or pressed is None or pressed.id is None:
            return None
        try:
            return c.Observe(
                pillar=pillar,
                objective=objective if isinstance(objective, str) else None,
                kind=pressed.id.removeprefix("kind-"),
                text=text,
                seat=seat if isinstance(seat, str) else None,
                root_cause=root_cause,
            )
        except ValidationError as err:
            fields = {"pillar": "obs-pillar", "text": "obs-text", "kind": "obs-kind"}
            self.validation_error(err, fields)
            return None


class MeasureScreen(_FormScreen):
    """Take a measure: what it is (its description, as the scenario gives it) and why now
    (the rationale, journaled with it). With `lift`, end a lasting measure in force, and
    say whether it was accounted for to parliament or the council."""

    def __init__(
        self, scenario: Scenario, lang: str, role: str, measure: str, lift: bool = False
    ) -> None:
        super().__init__(scenario, lang)
        self.role = role
        self.measure = scenario.measure_map[measure]
        self.lift = lift

    def compose(self) -> ComposeResult:
        measure, lang = self.measure, self.lang
        prefix = "lift" if self.lift else "meas"
        with VerticalScroll(classes="dialog form"):
            yield Label(Text(self.t(f"{prefix}.heading"), style="bold"), classes="dialog-title")
            yield Static(
                literal(localize(measure.title, lang), style="bold", single_line=True),
                classes="measure-title",
            )
            description = localize(measure.description, lang) if measure.description else ""
            yield Static(
                literal(description) if description else Text(self.t("meas.no_description")),
                classes="measure-description dialog-message",
            )
            yield self.label(f"{prefix}.rationale")
            yield Input(id="meas-rationale", max_length=c.MAX_TEXT)
            yield self.field_error("meas-rationale")
            if self.lift:
                yield Checkbox(self.t("lift.informed"), id="lift-informed")
            yield from self.buttons(self.t(f"{prefix}.take"))

    def on_mount(self) -> None:
        self.query_one("#meas-rationale", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def build(self) -> c.Command | None:
        rationale = clean(self.query_one("#meas-rationale", Input).value).strip()
        try:
            if self.lift:
                informed = self.query_one("#lift-informed", Checkbox).value
                return c.LiftMeasure(
                    actor=self.role,
                    measure=self.measure.id,
                    rationale=rationale,
                    informed=informed,
                )
            return c.TakeMeasure(actor=self.role, measure=self.measure.id, rationale=rationale)
        except ValidationError as err:
            self.validation_error(err, {"rationale": "meas-rationale"})
            return None
