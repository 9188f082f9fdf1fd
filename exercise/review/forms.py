"""The review screen's forms: each asks for one kind of evaluator input and returns it
checked (an `evaluation` input model), or None when cancelled. ctrl+s saves, escape
cancels (the buttons say so); the first field has the focus. A mistake keeps the form
open, with the reason next to the field it concerns, in the screen's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
)

from ..debrief.evaluation import ELEMENTS, OBSERVATION_KINDS, InputError
from ..language import text
from ..model import Rating
from ..safetext import literal
from .i18n import TranslatedBindings, tr

Build = Callable[[dict[str, Any]], Any]
Choices = list[tuple[str, str]]  # (label shown literally, value)


class FieldErrors(ValueError):
    """Problems with a form's fields: field name -> what is wrong, in the user's words."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def _select(
    choices: Choices, id: str, allow_blank: bool, value: str | None = None, lang: str = "en"
) -> Select[str]:
    options = [(literal(label, single_line=True), v) for label, v in choices]
    if value is None and not allow_blank and choices:
        value = choices[0][1]
    kwargs: dict[str, Any] = {"allow_blank": allow_blank, "id": id, "prompt": text(lang, "Select")}
    if value is not None:
        kwargs["value"] = value
    select: Select[str] = Select(options, **kwargs)
    return select


def _value(select: Select[str]) -> str | None:
    value = select.value
    return value if isinstance(value, str) else None


class Form(TranslatedBindings, ModalScreen[Any]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save", priority=True),
    ]

    def __init__(self, title: str, lang: str, build: Build) -> None:
        super().__init__()
        self.form_title = title
        self.lang = lang
        self.build = build

    def t(self, key: str, **values: object) -> str:
        return tr(key, self.lang, **values)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Static(literal(self.form_title, single_line=True), classes="form-title")
            yield from self.fields()
            yield Static("", id="error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button(f"{self.t('key.save')} (ctrl+s)", variant="primary", id="save")
                yield Button(f"{self.t('key.cancel')} (esc)", id="cancel")

    def on_mount(self) -> None:
        for widget in self.query("RadioSet, Select, Input, Checkbox"):
            if widget.focusable:
                widget.focus()
                break

    def fields(self) -> ComposeResult:
        yield from ()

    def error_slot(self, name: str) -> Static:
        """Where a problem with field `name` is shown: right under the field."""
        return Static("", id=f"{name}-error", classes="field-error")

    def values(self) -> dict[str, Any]:
        return {}

    def field(self, key: str) -> Label:
        return Label(self.t(key), classes="form-label")

    def text(self, id: str) -> str:
        return self.query_one(f"#{id}", Input).value

    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_errors(self, problems: dict[str, str], general: str = "") -> None:
        for slot in self.query(".field-error").results(Static):
            slot.update("")
        for name, problem in problems.items():
            found = self.query(f"#{name}-error")
            if found:
                found.first(Static).update(literal(problem))
            else:  # a field without a place of its own: under the form
                general = f"{general}\n{problem}".strip()
        self.query_one("#error", Static).update(literal(general))
        for name in problems:
            found = self.query(f"#{name}-error")
            if found:
                found.first(Static).scroll_visible(animate=False)
                break

    def action_save(self) -> None:
        try:
            item = self.build(self.values())
        except FieldErrors as err:
            self.show_errors(err.problems)
            return
        except InputError as err:
            self.show_errors({}, err.said(self.lang))
            return
        self.dismiss(item)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()


class ObservationForm(Form):
    def __init__(
        self,
        title: str,
        lang: str,
        build: Build,
        objectives: Choices,
        seats: Choices | None = None,
        at: str = "",
    ) -> None:
        super().__init__(title, lang, build)
        self.objectives = objectives
        self.seats = list(seats or [])
        self.at = at

    def fields(self) -> ComposeResult:
        yield self.field("form.kind")
        kinds = [(self.t(f"kind.{k}"), k) for k in OBSERVATION_KINDS]
        yield _select(kinds, "kind", allow_blank=False, value="improvement", lang=self.lang)
        yield self.error_slot("kind")
        yield self.field("form.objective")
        yield _select(self.objectives, "objective", allow_blank=True, lang=self.lang)
        yield self.field("form.seat")
        yield _select(self.seats, "seat", allow_blank=True, lang=self.lang)
        yield self.field("form.at")
        yield Input(value=self.at, id="at", placeholder="T+00:00:00")
        yield self.error_slot("at")
        yield self.field("form.text")
        yield Input(id="text")
        yield self.error_slot("text")
        yield self.field("form.root_cause")
        yield Input(id="root_cause")
        yield self.error_slot("root_cause")

    def values(self) -> dict[str, Any]:
        return {
            "kind": _value(self.query_one("#kind", Select)),
            "objective": _value(self.query_one("#objective", Select)),
            "seat": _value(self.query_one("#seat", Select)),
            "at": self.text("at"),
            "text": self.text("text"),
            "root_cause": self.text("root_cause"),
        }


class RatingForm(Form):
    def __init__(self, title: str, lang: str, build: Build, current: str | None = None) -> None:
        super().__init__(title, lang, build)
        self.current = current

    def fields(self) -> ComposeResult:
        if self.current:  # what is in force now; the choice is made again, on purpose
            yield Static(self.t("form.current_rating", rating=self.current), classes="form-help")
        with RadioSet(id="rating"):
            for rating in Rating:
                yield RadioButton(
                    Text(f"{rating.value}  {rating.label(self.lang)}"),
                    id=f"rating-{rating.value}",
                )
        yield self.error_slot("rating")
        yield self.field("form.note")
        yield Input(id="note")
        yield self.error_slot("note")

    def values(self) -> dict[str, Any]:
        pressed = self.query_one("#rating", RadioSet).pressed_button
        rating = pressed.id.removeprefix("rating-") if pressed and pressed.id else ""
        return {"rating": rating, "note": self.text("note")}


class ImprovementForm(Form):
    def __init__(self, title: str, lang: str, build: Build, objectives: Choices) -> None:
        super().__init__(title, lang, build)
        self.objectives = objectives

    def fields(self) -> ComposeResult:
        yield self.field("form.issue")
        yield Input(id="issue")
        yield self.error_slot("issue")
        yield self.field("form.action")
        yield Input(id="action")
        yield self.error_slot("action")
        yield self.field("form.element")
        elements = [(self.t(f"element.{e}"), e) for e in ELEMENTS]
        yield _select(elements, "element", allow_blank=False, value="planning", lang=self.lang)
        yield self.field("form.organisation")
        yield Input(id="organisation")
        yield self.error_slot("organisation")
        yield self.field("form.contact")
        yield Input(id="contact")
        yield self.error_slot("contact")
        yield self.field("form.objective")
        yield _select(self.objectives, "objective", allow_blank=True, lang=self.lang)
        yield self.field("form.capability")
        yield Input(id="capability")
        yield self.error_slot("capability")
        with Horizontal(classes="form-dates"):
            yield self.field("form.start")
            yield Input(id="start", placeholder="2027-01-01")
            yield self.field("form.due")
            yield Input(id="due", placeholder="2027-06-30")
        yield self.error_slot("start")
        yield self.error_slot("due")

    def values(self) -> dict[str, Any]:
        return {
            "issue": self.text("issue"),
            "action": self.text("action"),
            "element": _value(self.query_one("#element", Select)),
            "organisation": self.text("organisation"),
            "contact": self.text("contact"),
            "objective": _value(self.query_one("#objective", Select)),
            "capability": self.text("capability"),
            "start": self.text("start").strip() or None,
            "due": self.text("due").strip() or None,
        }


class JudgeForm(Form):
    def fields(self) -> ComposeResult:
        with RadioSet(id="status"):
            for status in ("met", "late", "missed"):
                yield RadioButton(self.t(f"status.{status}"), id=f"status-{status}")
        yield self.error_slot("status")
        yield self.field("form.note")
        yield Input(id="note")
        yield self.error_slot("note")

    def values(self) -> dict[str, Any]:
        pressed = self.query_one("#status", RadioSet).pressed_button
        status = pressed.id.removeprefix("status-") if pressed and pressed.id else ""
        return {"status": status, "note": self.text("note")}


class FindingForm(Form):
    """A computed main finding: accept it, edit its words, or drop it from the report."""

    def __init__(self, title: str, lang: str, build: Build, current: str) -> None:
        super().__init__(title, lang, build)
        self.current = current

    def fields(self) -> ComposeResult:
        yield Static(literal(self.current), classes="form-help")
        with RadioSet(id="verdict"):
            for verdict in ("accept", "edit", "drop"):
                yield RadioButton(self.t(f"verdict.{verdict}"), id=f"verdict-{verdict}")
        yield self.error_slot("verdict")
        yield self.field("form.finding_text")
        yield Input(self.current, id="text")
        yield self.error_slot("text")

    def values(self) -> dict[str, Any]:
        pressed = self.query_one("#verdict", RadioSet).pressed_button
        verdict = pressed.id.removeprefix("verdict-") if pressed and pressed.id else ""
        return {"verdict": verdict, "text": self.text("text")}


class ParticipantForm(Form):
    def __init__(self, title: str, lang: str, build: Build, roles: Choices) -> None:
        super().__init__(title, lang, build)
        self.roles = roles

    def fields(self) -> ComposeResult:
        yield self.field("col.role")
        yield _select(self.roles, "role", allow_blank=False, lang=self.lang)
        yield self.field("form.name")
        yield Input(id="name")
        yield self.error_slot("name")
        yield self.field("form.organisation")
        yield Input(id="organisation")
        yield self.error_slot("organisation")

    def values(self) -> dict[str, Any]:
        return {
            "role": _value(self.query_one("#role", Select)),
            "name": self.text("name"),
            "organisation": self.text("organisation"),
        }


class FinalForm(Form):
    """Marking the report final: first what is still unjudged, then who marks it; with
    anything unjudged, the evaluator confirms that it is final all the same."""

    def __init__(
        self, title: str, lang: str, build: Build, by: str, unjudged: list[str] | None = None
    ) -> None:
        super().__init__(title, lang, build)
        self.by = by
        self.unjudged = list(unjudged or [])

    def fields(self) -> ComposeResult:
        if self.unjudged:
            heading = self.t("form.unjudged", n=len(self.unjudged))
            yield Static(Text(heading, style="bold yellow"), classes="form-help")
            yield Static(
                literal("\n".join(f"• {line}" for line in self.unjudged)),
                id="unjudged",
                classes="form-help",
            )
        else:
            yield Static(self.t("form.all_judged"), id="unjudged", classes="form-help")
        yield Static(self.t("form.final_help"), classes="form-help")
        yield self.field("form.by")
        yield Input(value=self.by, id="by")
        yield self.error_slot("by")
        if self.unjudged:
            yield Checkbox(self.t("form.final_anyway"), id="confirm")
            yield self.error_slot("confirm")

    def on_mount(self) -> None:
        self.query_one("#by", Input).focus()

    def values(self) -> dict[str, Any]:
        if self.unjudged and not self.query_one("#confirm", Checkbox).value:
            raise FieldErrors({"confirm": self.t("err.confirm_final")})
        return {"by": self.text("by")}


class WithdrawForm(Form):
    """Asks why an improvement item or observation is withdrawn (the reason is required)."""

    def __init__(self, title: str, lang: str, build: Build, ref: str) -> None:
        super().__init__(title, lang, build)
        self.ref = ref

    def fields(self) -> ComposeResult:
        yield Static(literal(self.t("form.withdraw_help", ref=self.ref)), classes="form-help")
        yield self.field("form.reason")
        yield Input(id="reason")
        yield self.error_slot("reason")

    def values(self) -> dict[str, Any]:
        return {"reason": self.text("reason")}
