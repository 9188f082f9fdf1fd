"""`exercise join` with an exercise-control code: a facilitator's or an evaluator's seat.

Like the player's seat it holds no scenario: it shows exercise control's view that the
host computes (the MSEL with expected actions and controller notes, the decisions, the
live feed) and sends every command to the host, whose engine decides what this seat may
do. A facilitator seat runs the clock, fires, holds and releases injects, sends ad-hoc
injects and ends the session; an evaluator seat adds observations and sees the rest.

Commands are chords (a sentence typed with the focus elsewhere must not act); those that
cannot be undone (fire, hold, release, an ad-hoc inject, the end) ask first: ctrl+y. In a
text field ctrl+a and ctrl+e move the cursor; escape leaves the field for the MSEL.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from ..language import N_, default_language, text
from ..model import Pillar
from ..model.timing import format_clock
from ..safetext import clean
from ..ui import fields
from ..ui.i18n import tr
from .client import SeatClient, SeatClosed
from .terminal import Confirm
from .words import TranslatedBindings, code

_OBSERVATION_KINDS = {
    "note": N_("note"),
    "strength": N_("strength"),
    "improvement": N_("area for improvement"),
}

# What only a facilitator seat may do (the engine refuses it from an evaluator anyway).
_FACILITATOR_ACTIONS = frozenset(
    {"pause_resume", "set_speed", "jump_next", "fire", "hold_release", "send_adhoc", "end"}
)


class ControlApp(TranslatedBindings, App[None]):
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #status { height: 1; background: $boost; }
    #body { height: 1fr; }
    #msel { width: 45%; }
    #right { width: 55%; }
    #detail { height: auto; max-height: 40%; }
    #decisions { height: auto; max-height: 8; }
    #feed { height: 1fr; color: $text-muted; }
    #forms { height: auto; }
    #forms Input { width: 1fr; }
    #forms Select { width: 24; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # The keys of the console on the host, where it has them.
        Binding("ctrl+q", "quit", "leave"),
        Binding("ctrl+t", "pause_resume", "pause/resume"),
        Binding("ctrl+s", "set_speed", "speed"),
        Binding("ctrl+n", "jump_next", "next inject"),
        Binding("ctrl+f", "fire", "fire"),
        Binding("ctrl+o", "hold_release", "hold/release"),
        Binding("ctrl+a", "send_adhoc", "ad-hoc inject"),
        Binding("ctrl+b", "observe", "observation"),
        Binding("ctrl+e", "end", "end session"),
        # In a text field ctrl+a and ctrl+e move the cursor: escape leaves the field.
        Binding("escape", fields.LEAVE_FIELD, "leave field", key_display="esc"),
    ]

    def __new__(
        cls, client: SeatClient, kind: str = "facilitator", lang: str | None = None
    ) -> ControlApp:
        # The keys are described in the seat's language like the rest.
        return super().__new__(cls, client, kind, lang=lang or client.lang)

    def __init__(
        self, client: SeatClient, kind: str = "facilitator", lang: str | None = None
    ) -> None:
        super().__init__()
        self.client = client
        client.listener = self._on_frame
        self.kind = kind  # as the code says; the host's welcome has the last word
        self.lang = lang or client.lang or default_language()
        self.view: dict[str, Any] = {}
        self.clock: dict[str, Any] = {"now": 0.0, "speed": 1.0, "paused": True}
        self.clock_at = time.monotonic()
        self.selected: str | None = None  # the inject shown on the right
        self.state = self.w("connecting")
        self.closed: SeatClosed | None = None
        self.ready = False

    def w(self, msgid: str, **values: object) -> str:
        return text(self.lang, msgid, **values)

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        with Horizontal(id="body"):
            yield OptionList(id="msel")
            with Vertical(id="right"):
                yield Static(id="detail")
                yield Static(id="decisions")
                yield Static(id="feed")
        with Vertical(id="forms"):
            with Horizontal(id="facilitator-forms"):
                yield Input(placeholder=self.w("speed"), id="speed", max_length=10)
                yield Input(placeholder=self.w("ad-hoc inject: title"), id="adhoc-title")
                yield Input(placeholder=self.w("text"), id="adhoc-text", max_length=10_000)
                yield Input(placeholder=self.w("to (roles, comma-separated)"), id="adhoc-to")
            with Horizontal(id="observation-form"):
                pillars = [(p.label(self.lang), p.value) for p in Pillar]
                yield Select(pillars, prompt=self.w("pillar"), id="obs-pillar")
                kinds = [(self.w(word), k) for k, word in _OBSERVATION_KINDS.items()]
                yield Select(kinds, value="note", allow_blank=False, id="obs-kind")
                yield Input(placeholder=self.w("observation"), id="obs-text", max_length=10_000)
        yield Footer()

    def on_mount(self) -> None:
        self.ready = True
        self._show_forms()
        self.run_worker(self._connect(), name="seat", exit_on_error=False)
        self.set_interval(0.25, self._tick)

    async def _connect(self) -> None:
        try:
            await self.client.run()
        except SeatClosed as closed:
            self.closed = closed
            self.state = self.w("closed: {reason}", reason=str(closed))
            self._tick()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == fields.LEAVE_FIELD:
            return fields.in_text_field(self)  # shown, and bound, only in a text field
        if action in _FACILITATOR_ACTIONS and self.kind != "facilitator":
            return None  # not shown, not run: an evaluator's seat
        return True

    def action_leave_field(self) -> None:
        fields.leave_text_field(self, self.query_one("#msel", OptionList))

    def _show_forms(self) -> None:
        if self.ready:
            self.query_one("#facilitator-forms").display = self.kind == "facilitator"

    # -- frames from the host --

    def now(self) -> float:
        clock = self.clock
        if clock["paused"]:
            return float(clock["now"])
        return float(clock["now"]) + (time.monotonic() - self.clock_at) * float(clock["speed"])

    def _on_frame(self, frame: dict[str, Any]) -> None:
        kind = frame.get("type")
        if kind == "welcome":
            self.state = self.w("connected")
            if frame.get("kind") != self.kind:
                self.kind = str(frame.get("kind"))
                self._show_forms()
                self.refresh_bindings()
            if self.kind not in ("facilitator", "evaluator"):
                self.notify(self.w("this code is for a player's or the wall's seat"), markup=False)
        elif kind == "view" and "msel" in frame.get("view", {}):
            self.view = frame["view"]
            self.clock = frame["clock"]
            self.clock_at = time.monotonic()
            self._render_view()
        self._tick()

    def _tick(self) -> None:
        if not self.ready:
            return
        connected = self.client.connected.is_set() or self.closed
        state = self.state if connected else self.w("reconnecting")
        view = self.view
        line = Text()
        line.append(clean(str(view.get("title", "")), single_line=True), style="bold")
        line.append(f"  {view.get('level', '')}  ")
        line.append(clean(str(view.get("phase", "")), single_line=True))
        line.append(f"  {format_clock(self.now())}  x{self.clock.get('speed', 1)}")
        if view.get("ended"):
            line.append(f"  {tr('status.ended', self.lang)}")
        elif self.clock.get("paused"):
            line.append(f"  {tr('status.paused', self.lang)}")
        line.append(f"  {code(self.kind, self.lang)}  [{state}]", style="dim")
        # (none once the app has begun to close: a tick may still come then)
        for status in self.query("#status").results(Static):
            status.update(line)

    def _render_view(self) -> None:
        if not self.ready:
            return
        msel = self.query_one("#msel", OptionList)
        rows = list(self.view.get("msel", ()))
        highlighted = self.selected
        msel.clear_options()
        for row in rows:
            at = format_clock(float(row["time"])) if row.get("time") is not None else "--:--:--"
            label = Text(f"{row['number']:>3} {at} {code(row['status'], self.lang):<12} ")
            label.append(clean(str(row["title"]), single_line=True))
            msel.add_option(Option(label, id=str(row["key"])))
        ids = [str(row["key"]) for row in rows]
        if highlighted in ids:
            msel.highlighted = ids.index(highlighted)
        elif ids:
            self.selected = ids[0]
            msel.highlighted = 0
        self._render_detail()
        decisions = Text()
        for row in self.view.get("decisions", ()):
            if row["status"] != "open":
                continue
            deadline = format_clock(float(row["deadline"])) if row.get("deadline") else ""
            decisions.append(f"{deadline:>9} {clean(str(row['role']), single_line=True)}: ")
            decisions.append(clean(str(row["title"]), single_line=True) + "\n")
        self.query_one("#decisions", Static).update(decisions)
        feed = Text()
        for t, said in self.view.get("feed", ()):
            feed.append(f"{format_clock(float(t))} ")
            feed.append(clean(str(said), single_line=True) + "\n")
        self.query_one("#feed", Static).update(feed)

    def _row(self) -> dict[str, Any] | None:
        return next((r for r in self.view.get("msel", ()) if r["key"] == self.selected), None)

    def _render_detail(self) -> None:
        row = self._row()
        detail = Text()
        if row is not None:
            detail.append(clean(str(row["title"]), single_line=True) + "\n", style="bold")
            detail.append(f"{code(row['status'], self.lang)}\n")
            for label, said in row.get("detail", ()):
                detail.append(clean(str(label), single_line=True) + ": ", style="bold")
                detail.append(clean(str(said)) + "\n")
        self.query_one("#detail", Static).update(detail)

    @on(OptionList.OptionHighlighted, "#msel")
    def _msel_moved(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id != self.selected:
            self.selected = event.option.id
            self._render_detail()

    # -- commands --

    def _ask(self, question: str, command: dict[str, Any], *clear: Input) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._go(command, *clear)

        self.push_screen(Confirm(question, self.lang), answered)

    def _go(self, command: dict[str, Any], *clear: Input) -> None:
        self.run_worker(self._send(command, clear), exit_on_error=False)

    async def _send(self, command: dict[str, Any], clear: tuple[Input, ...]) -> None:
        ack = await self.client.command(command)
        if ack.get("ok"):
            for field in clear:
                field.value = ""
            self.notify(self.w("Done."), markup=False)
        else:
            self.notify(clean(str(ack.get("reason", ""))), severity="warning", markup=False)

    def action_pause_resume(self) -> None:
        self._go({"type": "resume" if self.clock.get("paused") else "pause"})

    def action_set_speed(self) -> None:
        field = self.query_one("#speed", Input)
        try:
            speed = float(field.value.strip().removeprefix("x"))
        except ValueError:
            self.notify(self.w("type a speed first, like 10"), markup=False)
            return
        self._go({"type": "set-speed", "speed": speed}, field)

    def action_jump_next(self) -> None:
        self._go({"type": "jump-next"})

    def _title(self, row: dict[str, Any]) -> str:
        return clean(str(row["title"]), single_line=True)

    def action_fire(self) -> None:
        row = self._row()
        if row is None or not row.get("scenario_inject", True):
            self.notify(self.w("no inject selected"), markup=False)
            return
        self._ask(
            self.w("Fire {title} now?", title=self._title(row)),
            {"type": "fire", "inject": row["key"]},
        )

    def action_hold_release(self) -> None:
        row = self._row()
        if row is None or not row.get("scenario_inject", True):
            self.notify(self.w("no inject selected"), markup=False)
            return
        if row["status"] == "held":
            question, kind = self.w("Release {title}?", title=self._title(row)), "release"
        else:
            question, kind = self.w("Hold {title}?", title=self._title(row)), "hold"
        self._ask(question, {"type": kind, "inject": row["key"]})

    def action_send_adhoc(self) -> None:
        title = self.query_one("#adhoc-title", Input)
        body = self.query_one("#adhoc-text", Input)
        to = self.query_one("#adhoc-to", Input)
        roles = [r.strip() for r in to.value.split(",") if r.strip()]
        if not (title.value.strip() and body.value.strip() and roles):
            self.notify(
                self.w("give the ad-hoc inject a title, a text and its roles"), markup=False
            )
            return
        command = {"type": "adhoc", "title": title.value.strip(), "text": body.value, "to": roles}
        question = self.w(
            "Send {title} to {roles}?",
            title=clean(title.value, single_line=True),
            roles=clean(", ".join(roles), single_line=True),
        )
        self._ask(question, command, title, body)

    def action_observe(self) -> None:
        field = self.query_one("#obs-text", Input)
        pillar = self.query_one("#obs-pillar", Select).value
        if not field.value.strip() or not isinstance(pillar, str):
            self.notify(self.w("choose a pillar and write the observation first"), markup=False)
            return
        kind = self.query_one("#obs-kind", Select).value
        command = {"type": "observe", "pillar": pillar, "kind": kind, "text": field.value.strip()}
        self._go(command, field)

    def action_end(self) -> None:
        self._ask(self.w("End the session for everyone?"), {"type": "end"})
