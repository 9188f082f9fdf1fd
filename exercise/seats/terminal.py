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
council), ctrl+s sends the initiative typed below; ctrl+y confirms.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..language import default_language, text
from ..model.timing import format_clock
from ..safetext import clean, literal
from ..ui.i18n import method_name, tr
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
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "leave"),
        Binding("ctrl+d", "decide", "decide"),
        Binding("ctrl+t", "take_measure", "take measure"),
        Binding("ctrl+l", "lift_measure", "lift measure"),
        Binding("ctrl+s", "send_initiative", "send initiative"),
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

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        with Horizontal(id="body"):
            yield OptionList(id="inbox")
            with Vertical(id="right"):
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
        yield Footer()

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
        line.append(f"  {tr('status.paused', self.lang)}" if self.clock.get("paused") else "")
        line.append(f"  [{state}]", style="dim")
        self.query_one("#status", Static).update(line)

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

    def _ask(self, question: str, command: dict[str, Any], after: Input | None = None) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._send(command, after), exit_on_error=False)

        self.push_screen(Confirm(question, self.lang), answered)

    async def _send(self, command: dict[str, Any], after: Input | None) -> None:
        ack = await self.client.command(command)
        if ack.get("ok"):
            if after is not None:
                after.value = ""
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
