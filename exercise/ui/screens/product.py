"""Dialogs for communication products: drafting one (kind, audience, channel, elements,
text, the delivered injects it answers) and, for the approving role, approving or returning
one that waits for it. Each returns a command, or None when cancelled; the role panel
submits it, and shows the product only once its events are committed.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from ...model import CommsElement, ProductKind, Scenario
from ...safetext import clean, literal
from ...sim import commands as c
from .. import i18n
from ..view import ProductView
from .modals import _FormScreen, _plain


class ProductScreen(_FormScreen):
    """Draft a communication product as `role` and issue it (ctrl+s); where the scenario
    wants approval, the form says by whom before it is sent."""

    DEFAULT_CSS = """
    ProductScreen #prod-answers, ProductScreen #prod-elements {
        height: auto;
        max-height: 8;
    }
    ProductScreen #prod-text {
        height: 6;
    }
    """

    def __init__(
        self, scenario: Scenario, lang: str, role: str, answerable: list[tuple[str, str]]
    ) -> None:
        super().__init__(scenario, lang)
        self.role = role
        self.answerable = answerable  # (inject id, title) delivered to the role, oldest first

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(classes="dialog form"):
            yield Label(Text(self.t("prod.heading"), style="bold"), classes="dialog-title")
            yield self.label("prod.kind")
            yield Select(
                [(_plain(kind.label(lang)), kind.value) for kind in ProductKind],
                prompt=self.t("prod.kind"),
                id="prod-kind",
            )
            yield Static("", classes="field-help prod-approval")
            yield self.field_error("prod-kind")
            yield self.label("prod.audience")
            yield Input(id="prod-audience", max_length=c.MAX_LABEL)
            yield self.field_error("prod-audience")
            yield self.label("prod.channel")
            yield Input(id="prod-channel", max_length=c.MAX_LABEL)
            yield self.label("prod.elements")
            yield SelectionList[str](
                *[Selection(_plain(e.label(lang)), e.value) for e in CommsElement],
                id="prod-elements",
            )
            yield self.label("prod.text")
            yield TextArea(id="prod-text", soft_wrap=True)
            yield self.field_error("prod-text")
            yield self.label("prod.answers")
            if self.answerable:
                yield SelectionList[str](
                    *[Selection(_plain(title), inject) for inject, title in self.answerable],
                    id="prod-answers",
                )
            else:
                yield Static(Text(self.t("prod.nothing_to_answer"), style="dim"))
            yield self.field_error("prod-answers")
            yield from self.buttons(self.t("prod.issue"))

    def on_mount(self) -> None:
        self.query_one("#prod-kind", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """Say whether the chosen kind goes out at once or waits for an approval."""
        event.stop()
        note = ""
        if isinstance(event.value, str):
            approver = self.scenario.communication.approver(self.role, ProductKind(event.value))
            if approver is None:
                note = self.t("prod.no_approval")
            else:
                title = i18n.role_title(self.scenario, approver, self.lang)
                note = self.t("prod.needs_approval", role=title)
        self.query_one(".prod-approval", Static).update(literal(note))

    def build(self) -> c.Command | None:
        kind = self.query_one("#prod-kind", Select).value
        audience = clean(self.query_one("#prod-audience", Input).value, single_line=True).strip()
        channel = clean(self.query_one("#prod-channel", Input).value, single_line=True).strip()
        text = clean(self.query_one("#prod-text", TextArea).text).strip()
        ok = True
        if not isinstance(kind, str):
            self.error(self.t("prod.need_kind"), "prod-kind")
            ok = False
        if not audience:
            self.error(self.t("prod.need_audience"), "prod-audience")
            ok = False
        if not text:
            self.error(self.t("prod.need_text"), "prod-text")
            ok = False
        if not ok or not isinstance(kind, str):
            return None
        elements = self.query_one("#prod-elements", SelectionList).selected
        found = self.query("#prod-answers")
        answers = found.first(SelectionList).selected if found else []
        try:
            return c.IssueProduct(
                actor=self.role,
                kind=ProductKind(kind),
                audience=audience,
                channel=channel,
                # in the order of the letter, whatever order they were ticked in
                elements=tuple(e for e in CommsElement if e.value in elements),
                text=text,
                answers=tuple(inject for inject, _title in self.answerable if inject in answers),
            )
        except ValidationError as err:
            fields = {
                "kind": "prod-kind",
                "audience": "prod-audience",
                "text": "prod-text",
                "answers": "prod-answers",
            }
            self.validation_error(err, fields)
            return None


class ApprovalScreen(_FormScreen):
    """A product waiting for `role`'s approval: read it, then approve it (ctrl+s: it is
    issued at once) or return it with a note (ctrl+r)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "return_product", "key.return_product", priority=True),
    ]

    def __init__(
        self, scenario: Scenario, lang: str, role: str, product: ProductView, answers: str
    ) -> None:
        super().__init__(scenario, lang)
        self.role = role
        self.product = product
        self.answers = answers  # the titles of the injects it answers, joined

    def compose(self) -> ComposeResult:
        p, lang = self.product, self.lang
        with VerticalScroll(classes="dialog form"):
            yield Label(Text(self.t("appr.heading"), style="bold"), classes="dialog-title")
            who = i18n.role_title(self.scenario, p.role, lang)
            heading = self.t("appr.from", kind=p.kind, product=p.product, role=who)
            yield Static(literal(heading, style="bold", single_line=True))
            details = [self.t("appr.audience", audience=p.audience)]
            if p.channel:
                details.append(self.t("appr.channel", channel=p.channel))
            if p.elements:
                names = ", ".join(i18n.comms_name(e, lang) for e in p.elements)
                details.append(self.t("appr.elements", elements=names))
            if self.answers:
                details.append(self.t("appr.answers", answers=self.answers))
            yield Static(literal("\n".join(details)), classes="field-help")
            yield Static(literal(p.text), classes="dialog-message")
            yield self.label("appr.note")
            yield Input(id="appr-note", max_length=c.MAX_TEXT)
            yield self.field_error("appr-note")
            yield Static("", classes="dialog-error field-error -empty")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.t('appr.approve')} (ctrl+s)", variant="primary", id="ok")
                yield Button(f"{self.t('appr.return')} (ctrl+r)", id="return")
                yield Button(f"{self.t('key.cancel')} (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#appr-note", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "return":
            event.stop()
            self.action_return_product()
            return
        super().on_button_pressed(event)

    def build(self) -> c.Command | None:
        return c.ApproveProduct(actor=self.role, product=self.product.product)

    def action_return_product(self) -> None:
        self.clear_errors()
        note = clean(self.query_one("#appr-note", Input).value).strip()
        if not note:
            self.error(self.t("appr.need_note"), "appr-note")
            return
        try:
            command = c.ReturnProduct(actor=self.role, product=self.product.product, note=note)
        except ValidationError as err:
            self.validation_error(err, {"note": "appr-note"})
            return
        self.dismiss(command)
