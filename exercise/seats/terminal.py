"""`exercise join`: a player's seat in a terminal, fed by the host's views.

It holds no scenario and no session state: everything it shows comes from the `view`
frames the host computed for its role (see exercise.seats.views), and every command goes
to the host, which answers after the commit. Text from the scenario and from other players
is shown literally. A dropped connection is mended by the seat client on its own; what was
typed into a field stays there.

Commands are chords, never printable keys (a sentence typed with the focus elsewhere must
not decide anything), and each asks first: ctrl+d decides the selected inject with the
highlighted option, ctrl+t takes the highlighted measure, ctrl+l lifts it when it is in force
(with the rationale typed above and whether it was accounted for to parliament or the
council), ctrl+s sends the initiative typed below; ctrl+y confirms. Under Communication,
ctrl+o issues the product drafted there (kind, audience, channel, elements, text, the
injects it answers); ctrl+g approves and ctrl+r returns (with the note typed) the
highlighted product waiting for this role's approval. Once the session has ended, ctrl+b
sends the feedback form.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    OptionList,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from ..language import default_language, text
from ..model import CommsElement, ProductKind
from ..model.timing import format_clock
from ..safetext import clean, literal
from ..ui.i18n import comms_name, method_name, tr
from .client import SeatClient, SeatClosed
from .words import TranslatedBindings, code


class Confirm(TranslatedBindings, ModalScreen[bool]):
    """Yes only by ctrl+y or a click: the yes button cannot take the focus."""

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > #confirm { width: 60; height: auto; border: thick $accent; background: $surface; }
    Confirm Horizontal { height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+y", "answer(True)", "yes"),
        Binding("escape", "answer(False)", "no"),
    ]

    def __init__(self, message: str, lang: str = "en") -> None:
        super().__init__()
        self.message = message
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(literal(self.message))
            with Horizontal():
                yes = Button(text(self.lang, "yes (ctrl+y)"), variant="primary", id="yes")
                yes.can_focus = False
                yield yes
                yield Button(text(self.lang, "no (esc)"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")


class SeatApp(TranslatedBindings, App[None]):
    CSS = """
    #status { height: 1; background: $boost; }
    #body { height: 1fr; }
    #inbox { width: 40%; }
    #right { width: 60%; }
    #detail { height: auto; max-height: 60%; }
    #options { height: auto; max-height: 8; }
    #measures { height: auto; max-height: 8; }
    #history { height: auto; max-height: 6; color: $text-muted; }
    #media { height: auto; max-height: 6; }
    #products { height: auto; max-height: 8; }
    #elements, #answers { height: auto; max-height: 8; }
    #feedback { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "leave"),
        Binding("ctrl+d", "decide", "decide"),
        Binding("ctrl+t", "take_measure", "take measure"),
        Binding("ctrl+l", "lift_measure", "lift measure"),
        Binding("ctrl+s", "send_initiative", "send initiative"),
        Binding("ctrl+o", "issue_product", "issue product"),
        Binding("ctrl+g", "approve_product", "approve product"),
        Binding("ctrl+r", "return_product", "return product"),
        Binding("ctrl+b", "send_feedback", "send feedback"),
    ]

    def __new__(cls, client: SeatClient, lang: str | None = None) -> SeatApp:
        # The keys are described in the seat's language like the rest.
        return super().__new__(cls, client, lang=lang or client.lang)

    def __init__(self, client: SeatClient, lang: str | None = None) -> None:
        super().__init__()
        self.client = client
        self.lang = lang or client.lang or default_language()
        client.listener = self._on_frame
        self.view: dict[str, Any] = {}
        self.clock: dict[str, Any] = {"now": 0.0, "speed": 1.0, "paused": True}
        self.clock_at = time.monotonic()
        self.selected: str | None = None  # the inject shown on the right
        self.state = text(self.lang, "connecting")
        self.closed: SeatClosed | None = None
        self.ready = False  # mounted: the widgets exist
        self.questions: list[dict[str, Any]] = []  # the feedback form drawn, once ended

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        with Horizontal(id="body"):
            yield OptionList(id="inbox")
            with VerticalScroll(id="right"):
                yield Static(id="detail")
                yield OptionList(id="options")
                yield Input(
                    placeholder=text(self.lang, "rationale (optional)"),
                    id="rationale",
                    max_length=10_000,
                )
                yield Static(tr("role.measures", self.lang))
                yield OptionList(id="measures")
                yield Checkbox(tr("lift.informed", self.lang), id="informed")
                yield Input(
                    placeholder=tr("role.initiative", self.lang), id="initiative", max_length=10_000
                )
                yield Static(id="history")
                yield Static(id="media")
                yield from self._compose_products()
                yield Vertical(id="feedback")
        yield Footer()

    def _compose_products(self) -> ComposeResult:
        lang = self.lang
        yield Static(Text(tr("role.comms", lang), style="bold"))
        yield OptionList(id="products")
        kinds = [(kind.label(lang), kind.value) for kind in ProductKind]
        yield Select(kinds, prompt=tr("prod.kind", lang), id="kind")
        yield Input(placeholder=tr("prod.audience", lang), id="audience", max_length=500)
        yield Input(placeholder=tr("prod.channel", lang), id="channel", max_length=500)
        yield Static(tr("prod.elements", lang))
        elements = [Selection(comms_name(e.value, lang), e.value) for e in CommsElement]
        yield SelectionList[str](*elements, id="elements")
        yield Input(placeholder=tr("prod.text", lang), id="text", max_length=10_000)
        yield Static(tr("prod.answers", lang))
        yield SelectionList[str](id="answers")
        yield Input(placeholder=tr("appr.note", lang), id="note", max_length=10_000)

    def on_mount(self) -> None:
        self.ready = True
        self.run_worker(self._connect(), name="seat", exit_on_error=False)
        self.set_interval(0.25, self._tick)

    async def _connect(self) -> None:
        try:
            await self.client.run()
        except SeatClosed as closed:
            self.closed = closed
            self.state = text(self.lang, "closed: {reason}", reason=str(closed))
            self._tick()

    # -- frames from the host --

    def now(self) -> float:
        clock = self.clock
        if clock["paused"]:
            return float(clock["now"])
        return float(clock["now"]) + (time.monotonic() - self.clock_at) * float(clock["speed"])

    def _on_frame(self, frame: dict[str, Any]) -> None:
        kind = frame.get("type")
        if kind == "welcome":
            self.state = text(self.lang, "connected")
            if frame.get("kind") in ("facilitator", "evaluator"):
                self.notify(
                    text(
                        self.lang,
                        "this seat shows a player's or the wall's view; exercise control uses "
                        "the console of exercise host",
                    ),
                    severity="warning",
                    markup=False,
                )
        elif kind == "view":
            self.view = frame["view"]
            self.clock = frame["clock"]
            self.clock_at = time.monotonic()
            self._render_view()
        self._tick()

    def _tick(self) -> None:
        if not self.ready:
            return
        connected = self.client.connected.is_set() or self.closed
        state = self.state if connected else text(self.lang, "reconnecting")
        view = self.view
        line = Text()
        line.append(clean(str(view.get("title", "")), single_line=True), style="bold")
        line.append(f"  {view.get('level', '')}  ")
        line.append(clean(str(view.get("phase", "")), single_line=True))
        line.append(f"  {format_clock(self.now())}")
        if view.get("ended"):
            line.append(f"  {tr('status.ended', self.lang)}")
        elif self.clock.get("paused"):
            line.append(f"  {tr('status.paused', self.lang)}")
        line.append(f"  [{state}]", style="dim")
        # (none once the app has begun to close: a tick may still come then)
        for status in self.query("#status").results(Static):
            status.update(line)

    def _inbox(self) -> list[dict[str, Any]]:
        return list(self.view.get("inbox", ()))

    def _render_view(self) -> None:
        if not self.ready:
            return
        inbox = self.query_one("#inbox", OptionList)
        items = self._inbox()
        inbox.clear_options()
        for item in items:
            decision = item.get("decision")
            mark = "* " if decision and decision.get("status") == "open" else "  "
            label = Text(mark + format_clock(float(item["received"])) + " ")
            label.append(clean(str(item["title"]), single_line=True))
            inbox.add_option(Option(label, id=str(item["inject"])))
        ids = [str(item["inject"]) for item in items]
        if self.selected in ids:
            inbox.highlighted = ids.index(self.selected)
        elif ids:
            self.selected = ids[0]
            inbox.highlighted = 0
        self._render_detail()
        measures = self.query_one("#measures", OptionList)
        measures.clear_options()
        for row in self.view.get("measures", ()):
            label = Text(f"{code(row['status'], self.lang):<12} ")
            label.append(clean(str(row["title"]), single_line=True))
            measures.add_option(Option(label, id=str(row["measure"])))
        history = Text()
        rows = self.view.get("history")
        if rows is None:  # the wall: its public feed (phases, media items), newest first
            rows = list(reversed(self.view.get("feed", ())))
        for t, said in rows:
            history.append(f"{format_clock(float(t))} ")
            history.append(clean(str(said), single_line=True) + "\n")
        self.query_one("#history", Static).update(history)
        self.query_one("#media", Static).update(self._media())
        self._render_products()
        self._render_feedback()

    def _render_products(self) -> None:
        """The role's products (those waiting for its approval first) and what a draft can
        answer, keeping what is highlighted and ticked."""
        products = self.query_one("#products", OptionList)
        highlighted = products.highlighted
        products.clear_options()
        for row in self.view.get("products", ()):
            label = Text(f"{clean(str(row['product']), single_line=True)} ")
            label.append(clean(str(row["kind"]), single_line=True) + " ", style="bold")
            label.append(self._product_status(row) + "  ")
            label.append(clean(str(row["text"]), single_line=True))
            products.add_option(Option(label, id=str(row["product"])))
        if highlighted is not None and products.option_count:
            products.highlighted = min(highlighted, products.option_count - 1)
        answers = self.query_one("#answers", SelectionList)
        ticked = set(answers.selected)
        answers.clear_options()
        for inject_id, title in self.view.get("answerable", ()):
            prompt = literal(str(title), single_line=True)
            answers.add_option(Selection(prompt, str(inject_id), str(inject_id) in ticked))

    def _product_status(self, row: dict[str, Any]) -> str:
        lang, status = self.lang, row["status"]
        other = clean(str(row.get("other", "")), single_line=True).upper()
        if status == "to-approve":
            return text(lang, "from {role}: waiting for your approval", role=other)
        if status == "submitted":
            return tr("prod.submitted", lang, role=other)
        if status == "returned":
            return tr("prod.returned", lang, note=clean(str(row["note"]), single_line=True))
        if status == "issued":
            return tr("prod.issued", lang)
        return code(status, lang)

    def _render_feedback(self) -> None:
        """Once the session has ended: the feedback form, drawn once (what is typed stays)."""
        asked = list(self.view.get("feedback", ()))
        if not asked or self.questions:
            return
        self.questions = asked
        lang = self.lang
        form = self.query_one("#feedback", Vertical)
        widgets: list[Static | Input] = [
            Static(Text(tr("fb.heading", lang), style="bold")),
            Static(Text(tr("fb.intro", lang), style="dim")),
        ]
        for n, question in enumerate(asked):
            widgets.append(Static(literal(str(question["text"]))))
            if question["kind"] == "scale":
                hint = text(lang, "a score from 1 to 5")
                widgets.append(Input(placeholder=hint, id=f"fb-{n}", restrict="[1-5]?"))
            else:
                widgets.append(Input(id=f"fb-{n}", max_length=10_000))
        widgets.append(Input(placeholder=tr("fb.name", lang), id="fb-name", max_length=80))
        form.mount_all(widgets)

    def _media(self) -> Text:
        """The narratives that started, with their reach, and the media items, newest
        first: the same for every player."""
        media = Text()
        for row in self.view.get("narratives", ()):
            media.append(f"{float(row['reach']):5.1f}% ", style="bold")
            media.append(clean(str(row["claim"]), single_line=True) + "\n")
        for item in self.view.get("media", ()):
            media.append(f"{format_clock(float(item['received']))} ")
            media.append(clean(str(item["outlet"]), single_line=True) + ": ", style="dim")
            media.append(clean(str(item["title"]), single_line=True) + "\n")
        return media

    def _item(self) -> dict[str, Any] | None:
        return next((i for i in self._inbox() if i["inject"] == self.selected), None)

    def _render_detail(self) -> None:
        item = self._item()
        detail = Text()
        options = self.query_one("#options", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if item is not None:
            detail.append(clean(str(item["title"]), single_line=True) + "\n", style="bold")
            sender = clean(str(item.get("sender") or ""), single_line=True)
            method = method_name(str(item["method"]), self.lang)
            detail.append(f"{format_clock(float(item['received']))}  {method}  {sender}\n")
            detail.append(clean(str(item["text"])) + "\n")
            decision = item.get("decision")
            if decision is not None:
                detail.append("\n" + clean(str(decision["prompt"])) + "\n", style="bold")
                deadline = decision.get("deadline")
                if decision["status"] == "open" and deadline is not None:
                    when = format_clock(float(deadline))
                    detail.append(text(self.lang, "deadline {time}", time=when) + "\n")
                elif decision["status"] != "open":
                    chosen = clean(str(decision.get("chosen", "")), single_line=True)
                    detail.append(f"{code(decision['status'], self.lang)}: {chosen}\n")
                if decision["status"] == "open":
                    for option_id, label in decision["options"]:
                        options.add_option(
                            Option(literal(str(label), single_line=True), id=str(option_id))
                        )
                    if highlighted is not None and highlighted < len(decision["options"]):
                        options.highlighted = highlighted
        self.query_one("#detail", Static).update(detail)

    @on(OptionList.OptionHighlighted, "#inbox")
    def _inbox_moved(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id != self.selected:
            self.selected = event.option.id
            self._render_detail()

    # -- commands --

    def _ask(
        self,
        question: str,
        command: dict[str, Any],
        after: Input | None = None,
        done: Callable[[], None] | None = None,
    ) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._send(command, after, done), exit_on_error=False)

        self.push_screen(Confirm(question, self.lang), answered)

    async def _send(
        self, command: dict[str, Any], after: Input | None, done: Callable[[], None] | None = None
    ) -> None:
        ack = await self.client.command(command)
        if ack.get("ok"):
            if after is not None:
                after.value = ""
            if done is not None:
                done()
            if command["type"] == "lift-measure":
                self.query_one("#informed", Checkbox).value = False
            self.notify(text(self.lang, "Done."), markup=False)
        else:
            self.notify(clean(str(ack.get("reason", ""))), severity="warning", markup=False)

    def action_decide(self) -> None:
        item = self._item()
        options = self.query_one("#options", OptionList)
        if item is None or options.highlighted is None or not options.option_count:
            self.notify(text(self.lang, "no open decision selected"), markup=False)
            return
        option = options.get_option_at_index(options.highlighted)
        rationale = self.query_one("#rationale", Input)
        title = clean(str(item["title"]), single_line=True)
        question = text(self.lang, "Decide {title}: {option}?", title=title, option=option.prompt)
        command = {
            "type": "decide",
            "inject": item["inject"],
            "option": option.id,
            "rationale": rationale.value,
        }
        self._ask(question, command, rationale)

    def action_take_measure(self) -> None:
        measures = self.query_one("#measures", OptionList)
        if measures.highlighted is None or not measures.option_count:
            self.notify(text(self.lang, "no measure selected"), markup=False)
            return
        option = measures.get_option_at_index(measures.highlighted)
        row = next((r for r in self.view.get("measures", ()) if r["measure"] == option.id), None)
        title = clean(str(row["title"]), single_line=True) if row else str(option.id)
        question = text(self.lang, "Take {title}?", title=title)
        self._ask(question, {"type": "take-measure", "measure": option.id})

    def action_lift_measure(self) -> None:
        measures = self.query_one("#measures", OptionList)
        if measures.highlighted is None or not measures.option_count:
            self.notify(text(self.lang, "no measure selected"), markup=False)
            return
        option = measures.get_option_at_index(measures.highlighted)
        row = next((r for r in self.view.get("measures", ()) if r["measure"] == option.id), None)
        if row is None or row["status"] != "in-force":
            self.notify(text(self.lang, "only a measure in force can be lifted"), markup=False)
            return
        informed = self.query_one("#informed", Checkbox).value
        rationale = self.query_one("#rationale", Input)
        question = text(
            self.lang, "Lift {title}?", title=clean(str(row["title"]), single_line=True)
        )
        if informed:
            question += f" ({tr('lift.informed', self.lang)})"
        command = {
            "type": "lift-measure",
            "measure": option.id,
            "rationale": rationale.value,
            "informed": informed,
        }
        self._ask(question, command, rationale)

    def action_send_initiative(self) -> None:
        field = self.query_one("#initiative", Input)
        said = field.value.strip()
        if not said:
            self.notify(text(self.lang, "type the initiative first"), markup=False)
            return
        question = text(self.lang, "Send: {text}?", text=said)
        self._ask(question, {"type": "self-decision", "text": said}, field)

    # -- communication products --

    def action_issue_product(self) -> None:
        lang = self.lang
        kind = self.query_one("#kind", Select).value
        audience = self.query_one("#audience", Input).value.strip()
        said = self.query_one("#text", Input).value.strip()
        missing = (
            "prod.need_kind"
            if not isinstance(kind, str)
            else "prod.need_audience"
            if not audience
            else "prod.need_text"
            if not said
            else None
        )
        if missing is not None or not isinstance(kind, str):
            self.notify(tr(missing or "prod.need_kind", lang), markup=False)
            return
        command = {
            "type": "issue-product",
            "kind": kind,
            "audience": audience,
            "channel": self.query_one("#channel", Input).value.strip(),
            "elements": list(self.query_one("#elements", SelectionList).selected),
            "text": said,
            "answers": list(self.query_one("#answers", SelectionList).selected),
        }
        label = ProductKind(kind).label(lang)
        question = text(lang, "Issue {kind} for {audience}?", kind=label, audience=audience)
        self._ask(question, command, done=self._draft_sent)

    def _draft_sent(self) -> None:
        """Issued or submitted: an empty draft for the next product."""
        for field in ("#audience", "#channel", "#text"):
            self.query_one(field, Input).value = ""
        self.query_one("#kind", Select).clear()
        self.query_one("#elements", SelectionList).deselect_all()
        self.query_one("#answers", SelectionList).deselect_all()

    def _waiting_product(self) -> dict[str, Any] | None:
        """The highlighted product, when it waits for this role's approval."""
        products = self.query_one("#products", OptionList)
        if products.highlighted is None or not products.option_count:
            return None
        product = products.get_option_at_index(products.highlighted).id
        rows = self.view.get("products", ())
        row = next((r for r in rows if r["product"] == product), None)
        return row if row is not None and row["status"] == "to-approve" else None

    def action_approve_product(self) -> None:
        row = self._waiting_product()
        if row is None:
            self.notify(
                text(self.lang, "no product waiting for your approval selected"), markup=False
            )
            return
        product = clean(str(row["product"]), single_line=True)
        question = text(self.lang, "Approve and issue {product}?", product=product)
        self._ask(question, {"type": "approve-product", "product": row["product"]})

    def action_return_product(self) -> None:
        row = self._waiting_product()
        if row is None:
            self.notify(
                text(self.lang, "no product waiting for your approval selected"), markup=False
            )
            return
        note = self.query_one("#note", Input)
        if not note.value.strip():
            self.notify(tr("appr.need_note", self.lang), markup=False)
            return
        product = clean(str(row["product"]), single_line=True)
        question = text(self.lang, "Return {product}?", product=product)
        command = {"type": "return-product", "product": row["product"], "note": note.value}
        self._ask(question, command, note)

    # -- the feedback form --

    def action_send_feedback(self) -> None:
        lang = self.lang
        if not self.questions:
            self.notify(tr("fb.closed", lang), markup=False)
            return
        answers: dict[str, Any] = {}
        for n, question in enumerate(self.questions):
            written = self.query_one(f"#fb-{n}", Input).value.strip()
            if written:
                scale = question["kind"] == "scale"
                answers[str(question["id"])] = int(written) if scale else written
        if not answers:
            self.notify(tr("fb.empty", lang), markup=False)
            return
        name = self.query_one("#fb-name", Input).value.strip()
        title = clean(str(self.view.get("title", "")), single_line=True)

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._send_feedback(answers, name), exit_on_error=False)

        self.push_screen(Confirm(tr("fb.confirm", lang, role=title), lang), answered)

    async def _send_feedback(self, answers: dict[str, Any], name: str) -> None:
        ack = await self.client.feedback(answers, name)
        if ack.get("ok"):
            for n in range(len(self.questions)):
                self.query_one(f"#fb-{n}", Input).value = ""
            self.query_one("#fb-name", Input).value = ""
            self.notify(tr("fb.recorded", self.lang), markup=False)
        else:
            reason = clean(str(ack.get("reason", "")))
            if not ack.get("unknown"):  # refused by the host; else the connection dropped
                reason = tr("fb.failed", self.lang, reason=reason)
            self.notify(reason, severity="warning", markup=False)
