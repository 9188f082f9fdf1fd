"""The Textual app: one screen with the facilitator console and a panel per player role.

The app owns the session and its realtime driver. The driver runs as a worker on
Textual's own event loop; its listener posts one `EventsCommitted` message per committed
batch, and the widgets re-render from `session.engine.state` when it arrives. Commands go
only through `driver.submit`, and the UI reports their outcome when the future resolves,
that is after the journal has committed them. A 4 Hz timer moves the clock and the
countdowns; nothing polls the journal.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, TabbedContent, TabPane
from textual.worker import Worker

from ..journal import JournalError
from ..language import default_language, say, session_language
from ..model import InjectTemplate, Scenario, format_clock, localize
from ..model.events import Event, Kind, NewEvent
from ..safetext import clean
from ..sim import commands as c
from ..sim.clock import VirtualClock
from ..sim.engine import Outcome
from ..sim.realtime import SYSTEM, RealtimeDriver
from ..sim.session import Session
from . import fields, i18n
from .messages import CommandDone, DriverStopped, EventsCommitted
from .screens.role_picker import PickerEntry
from .view import player_roles
from .widgets.console import FacilitatorConsole
from .widgets.role_panel import RolePanel
from .widgets.status import StatusBar

SPEEDS = (0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 3600)
TICK_SECONDS = 0.25  # the clock and countdowns refresh at 4 Hz
FEED_HISTORY = 300  # events read back from the journal into the feed at start
NOTE_SECONDS = 6.0  # how long the outcome of a command stays on the status line
CONSOLE = "console"
# Actions that only make sense on the console tab (hidden elsewhere).
CONSOLE_ACTIONS = {"fire", "hold", "adhoc", "observe"}
ROLE_FKEYS = 10  # roles with an F-key of their own (F2 to F11); all are in the picker


class ExerciseApp(i18n.TranslatedBindings, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "exercise"
    # Textual declares these `ClassVar[...] | None`, which mypy reads as an instance
    # variable: a class variable, as Textual's documentation has them, is then refused.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]  # type: ignore[misc]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (36, "-tall")]  # type: ignore[misc]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "key.quit", priority=True),
        Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True),
        # Facilitator commands are chords only: a letter typed anywhere (a sentence with
        # the focus on a table or a list) must never change the session. Those that cannot
        # be undone (next, fire, end) ask first. In a text field the field's own chords
        # (ctrl+a, ctrl+e move the cursor) win; escape leaves the field (see .fields),
        # and the footer says so while the focus is in one.
        Binding("ctrl+t", "toggle_pause", "key.pause"),
        Binding("ctrl+up", "faster", "key.faster", key_display="^↑/↓"),
        Binding("ctrl+down", "slower", "key.slower", show=False),  # shown with faster
        Binding("ctrl+n", "jump_next", "key.next"),
        Binding("ctrl+f", "fire", "key.fire"),
        Binding("ctrl+o", "hold", "key.hold"),
        Binding("ctrl+a", "adhoc", "key.adhoc"),
        Binding("ctrl+b", "observe", "key.observe"),
        Binding("ctrl+e", "end_session", "key.end"),
        Binding("escape", fields.LEAVE_FIELD, "key.leave_field", key_display="esc"),
        Binding("question_mark", "help", "key.help", key_display="?"),
        Binding("f1", "show_tab(0)", "key.console", show=False),
        # A role each (F2 the first role, to F11): those without a role are disabled in
        # `check_action`. F12 is the picker, which has every role.
        *[Binding(f"f{n + 2}", f"show_tab({n + 1})", show=False) for n in range(ROLE_FKEYS)],
        # Navigation between the tabs (harmless: never changes the session).
        Binding("ctrl+pagedown", "next_tab(1)", "key.next_tab", show=False),
        Binding("ctrl+pageup", "next_tab(-1)", "key.prev_tab", show=False),
        Binding("f12", "pick_role", "key.roles", key_display="F12"),
    ]

    def __init__(
        self,
        session: Session,
        *,
        clock: VirtualClock | None = None,
        lang: str | None = None,
        tick_seconds: float = TICK_SECONDS,
        pause_on_phase: bool = False,
    ) -> None:
        super().__init__()
        self.lang = lang or default_language()
        self.session = session
        self.scenario: Scenario = session.scenario
        engine = session.engine
        self.clock = clock or VirtualClock(
            start=engine.now, speed=engine.state.speed, paused=engine.state.paused
        )
        self.driver = RealtimeDriver(session, clock=self.clock, pause_on_phase=pause_on_phase)
        self.driver.listeners.append(self._on_driver_events)
        self.tick_seconds = tick_seconds
        self.roles = player_roles(self.scenario)
        self.console_view = FacilitatorConsole(self.scenario, self.lang, id="console-view")
        self.role_panels = [
            RolePanel(self.scenario, role, self.lang, n, id=f"role-view-{n}")
            for n, role in enumerate(self.roles)
        ]
        self.status_bar = StatusBar(self.scenario, self.lang, id="status")
        self.tabs = TabbedContent(id="tabs", initial=CONSOLE)
        self._driver_worker: Worker[None] | None = None
        self._closed = False
        self._dirty = True
        self._refresh_scheduled = False
        self.driver_running = False
        self.not_recorded: list[str] = []  # commands answered "not recorded", said at exit

    # -- layout --

    def compose(self) -> ComposeResult:
        yield self.status_bar
        with self.tabs:
            with TabPane(i18n.tr("tab.console", self.lang), id=CONSOLE):
                yield self.console_view
            for n, role in enumerate(self.roles):  # panels are mounted when first shown
                yield TabPane(clean(i18n.role_short(role), single_line=True), id=f"role-{n}")
        yield Footer(compact=True, show_command_palette=False)

    def active_view(self) -> FacilitatorConsole | RolePanel | None:
        active = self.tabs.active
        if active == CONSOLE:
            return self.console_view
        if active.startswith("role-"):
            return self.role_panels[int(active.removeprefix("role-"))]
        return None

    # -- life cycle --

    def on_mount(self) -> None:
        journal = self.session.journal
        last = journal.last()
        if last is not None:
            self.console_view.add_events(
                list(journal.events(since_seq=max(0, last.seq - FEED_HISTORY)))
            )
        self.refresh_views(force=True)
        self.set_interval(self.tick_seconds, self.tick, name="clock")
        if not self.session.engine.ended:
            self.driver_running = True
            self._driver_worker = self.run_worker(
                self._drive(), name="driver", group="driver", exit_on_error=False
            )
        self.console_view.msel.table.focus()
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """The screen is up: move what start-up built out of the collector's way, and let
        the collector run again (the command line holds it while starting)."""
        gc.freeze()
        gc.enable()

    async def _drive(self) -> None:
        error: BaseException | None = None
        try:
            await self.driver.run()
        except Exception as err:  # a failed commit (disk full): stop, keep what is journaled
            error = err
        self.post_message(DriverStopped(error))

    def _on_driver_events(self, events: list[Event]) -> None:
        self.post_message(EventsCommitted(events))

    async def shutdown(self) -> None:
        """Stop the driver, wait for it, and close the journal (safe to call twice)."""
        if self._closed:
            return
        self._closed = True
        self.driver.stop()
        worker = self._driver_worker
        if worker is not None and not worker.is_finished:
            with contextlib.suppress(Exception):  # cancelled or failed: it has stopped
                await worker.wait()
        self.session.close()

    async def action_quit(self) -> None:
        """Leave at once; the journal holds every committed event and can be resumed."""
        await self.shutdown()
        self.exit()

    async def on_unmount(self) -> None:
        await self.shutdown()

    def action_help_quit(self) -> None:
        self.notify(i18n.tr("cmd.quit.help", self.lang) + " (ctrl+q)", markup=False)

    # -- events from the core --

    def on_events_committed(self, message: EventsCommitted) -> None:
        self.console_view.add_events(message.events)
        self._dirty = True
        for panel in self.role_panels:
            panel.dirty = True
        for event in message.events:
            if event.kind == Kind.PHASE_ENTERED and event.payload.get("cause") != "start":
                self._playbook_opened(str(event.payload.get("level", "")))
        if any(e.kind == Kind.PAUSED and e.actor == SYSTEM for e in message.events):
            self.notify(i18n.tr("notice.phase_pause", self.lang), markup=False, timeout=10)
        if any(event.kind == Kind.SESSION_ENDED for event in message.events):
            self.notify(
                i18n.tr("notice.ended", self.lang, path=str(self.session.journal.path)),
                markup=False,
                timeout=15,
            )
        if not self._refresh_scheduled:
            self._refresh_scheduled = True
            self.call_later(self._refresh_after_events)

    def _playbook_opened(self, level: str) -> None:
        """A new threat level: say which roles' playbook it opens, here and in their panels."""
        book = [m for m in self.scenario.measures if m.playbook.value == level]
        if not book:
            return
        roles = ", ".join(sorted({m.role for m in book}))
        text = i18n.tr("notice.playbook", self.lang, level=level, count=len(book), roles=roles)
        self.notify(text, markup=False, timeout=10)
        for panel in self.role_panels:
            panel.playbook_opened(level, [m for m in book if m.role == panel.role])

    def _refresh_after_events(self) -> None:
        self._refresh_scheduled = False
        self.refresh_views()

    def on_driver_stopped(self, message: DriverStopped) -> None:
        self.driver_running = False
        if message.error is not None:
            self.status_bar.stopped = True
            failure = self.session.failure
            error = (
                failure.message if failure else f"{type(message.error).__name__}: {message.error}"
            )
            from .screens.modals import StoppedScreen

            text = i18n.tr(
                "stopped.text",
                self.lang,
                error=clean(error),
                time=format_clock(self.session.engine.state.t),
                path=clean(str(self.session.journal.path), single_line=True),
            )
            self.push_screen(StoppedScreen(text, self.lang))
        self.refresh_views(force=True)

    def now(self) -> float:
        """Scenario time now (the engine's own time once the driver has stopped)."""
        return self.driver.now() if self.driver_running else self.session.engine.now

    def refresh_views(self, force: bool = False) -> None:
        """Re-render the visible view from the session state (hidden ones when shown)."""
        state, now = self.session.engine.state, self.now()
        self.status_bar.show(state, now)
        view = self.active_view()
        if view is self.console_view and (self._dirty or force):
            self._dirty = False
            self.console_view.refresh_view(state, now)
        elif isinstance(view, RolePanel) and view.is_mounted and (view.dirty or force):
            view.dirty = False
            view.refresh_view(state, now)

    def tick(self) -> None:
        """Move the clock and the countdowns on screen to now (the 4 Hz timer's step)."""
        now, state = self.now(), self.session.engine.state
        bar = self.status_bar
        if bar.note[0] and time.monotonic() > bar.note_until:
            bar.set_note("", "", 0.0)
        self.status_bar.show(state, now)
        view = self.active_view()
        if view is not None:
            view.tick(state, now)

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.tabbed_content.id != "tabs":
            return
        view = self.active_view()
        if isinstance(view, RolePanel) and not view.is_mounted:
            # A role panel is built the first time it is shown: a quicker start.
            await event.pane.mount(view)
            view.dirty = True
        self.refresh_views()
        self.refresh_bindings()
        view = self.active_view()
        if isinstance(view, RolePanel):
            view.focus_inbox()
        elif view is self.console_view:
            self.console_view.msel.table.focus()

    # -- commands --

    def send_command(
        self, command: c.Command, reply_to: Widget | None = None, tag: str = ""
    ) -> asyncio.Future[Outcome]:
        """Submit a command; when its future resolves (after the commit), tell `reply_to`
        with `CommandDone`, and the room with a notification."""
        future = self.driver.submit(command)

        def done(future: asyncio.Future[Outcome]) -> None:
            if future.cancelled():
                return
            outcome = future.result()
            self._report(command, outcome)
            if reply_to is not None:
                reply_to.post_message(CommandDone(command, outcome, tag))

        future.add_done_callback(done)
        return future

    def record_feedback(self, event: NewEvent) -> str | None:
        """Append a role's feedback form after the end, through the session this app holds
        (the journal's one writer); None when recorded, else why not."""
        if self._closed:
            return i18n.tr("fb.closed", self.lang)
        try:  # the listeners hear it (the live feed here, the seats' consoles)
            self.driver.record_after_play([event])
        except JournalError as err:
            return clean(say(self.lang, err.message))
        except ValueError:  # the session has not ended: no form is offered before
            return i18n.tr("fb.closed", self.lang)
        return None

    def _report(self, command: c.Command, outcome: Outcome) -> None:
        """Say what became of a command: accepted on the status line, rejected also as a
        notification (a toast per accepted command would only crowd the screen)."""
        lang = self.lang
        until = time.monotonic() + NOTE_SECONDS
        if outcome.accepted:
            values: dict[str, Any] = {}
            if isinstance(command, c.SetSpeed):
                values["speed"] = i18n.speed_text(command.speed)
            what = i18n.tr(f"cmd.done.{command.type}", lang, **values)
            self.status_bar.set_note("✓ " + what, "green", until)
        else:
            reason = clean(outcome.explain(lang))
            if outcome.reason.startswith("not recorded"):
                self.not_recorded.append(command.type)
            self.status_bar.set_note(
                "✗ " + i18n.tr("notice.rejected", lang, reason=reason), "bold red", until
            )
            self.notify(
                i18n.tr("notice.rejected", lang, reason=reason),
                severity="error",
                markup=False,
                timeout=8,
            )
        self.status_bar.show(self.session.engine.state, self.now())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == fields.LEAVE_FIELD:
            return fields.in_text_field(self)  # shown, and bound, only in a text field
        if action in CONSOLE_ACTIONS:
            return not self.tabs.is_mounted or self.tabs.active == CONSOLE
        if action == "show_tab" and parameters:  # an F-key with no role to show is not bound
            index = parameters[0]
            return isinstance(index, int) and 0 <= index <= len(self.role_panels)
        return True

    def action_toggle_pause(self) -> None:
        paused = self.session.engine.state.paused
        self.send_command(c.Resume() if paused else c.Pause())

    def _step_speed(self, up: bool) -> None:
        speed = self.session.engine.state.speed
        if up:
            faster = [s for s in SPEEDS if s > speed]
            if not faster:
                self.notify(i18n.tr("notice.speed_max", self.lang), markup=False)
                return
            self.send_command(c.SetSpeed(speed=faster[0]))
        else:
            slower = [s for s in SPEEDS if s < speed]
            if not slower:
                self.notify(i18n.tr("notice.speed_min", self.lang), markup=False)
                return
            self.send_command(c.SetSpeed(speed=slower[-1]))

    def action_faster(self) -> None:
        self._step_speed(up=True)

    def action_slower(self) -> None:
        self._step_speed(up=False)

    def action_jump_next(self) -> None:
        """Ask first, naming the decisions the jump would let pass, then jump."""
        target = self.session.engine.next_delivery()
        if target is None or self.session.engine.ended:
            self.send_command(c.JumpNext())  # rejected with the engine's reason
            return
        question = self.jump_question(target)

        def answered(yes: bool | None) -> None:
            if yes:
                self.send_command(c.JumpNext())

        from .screens.modals import ConfirmScreen

        self.push_screen(ConfirmScreen(question, self.lang), answered)

    def jump_question(self, target: float) -> str:
        """What jumping to `target` does: the time, and each open decision whose deadline
        falls before it (it will be missed, its default applied)."""
        lang, state, now = self.lang, self.session.engine.state, self.now()
        lines = [i18n.tr("confirm.next", lang, time=format_clock(target))]
        missed = sorted(
            (d for d in state.decisions.values() if d.open and d.deadline is not None),
            key=lambda d: (d.deadline, d.role),
        )
        missed = [d for d in missed if d.deadline is not None and d.deadline <= target]
        if missed:
            lines.append("")
            lines.append(i18n.tr("confirm.next.missed", lang, count=len(missed)))
            for decision in missed:
                inject = self.scenario.inject_map.get(decision.inject)
                if inject is not None:
                    title = localize(inject.title, lang)
                else:
                    title = str(state.adhoc.get(decision.inject, {}).get("title", decision.inject))
                left = i18n.countdown((decision.deadline or 0.0) - now)
                lines.append(
                    i18n.tr(
                        "confirm.next.decision",
                        lang,
                        role=i18n.role_short(decision.role),
                        title=clean(title, single_line=True),
                        left=left,
                    )
                )
        return "\n".join(lines)

    def _selected_inject(self) -> str | None:
        row = self.console_view.msel.selected()
        if row is None:
            self.notify(i18n.tr("notice.no_selection", self.lang), markup=False)
            return None
        if not row.scenario_inject:
            self.notify(i18n.tr("notice.not_scenario_inject", self.lang), markup=False)
            return None
        return row.key

    def action_fire(self) -> None:
        inject = self._selected_inject()
        if inject is None:
            return
        title = self.console_view.msel.selected().title  # type: ignore[union-attr]
        question = i18n.tr("confirm.fire", self.lang, title=title)

        def answered(yes: bool | None) -> None:
            if yes:
                self.send_command(c.FireInject(inject=inject))

        from .screens.modals import ConfirmScreen

        self.push_screen(ConfirmScreen(question, self.lang), answered)

    def action_hold(self) -> None:
        inject = self._selected_inject()
        if inject is None:
            return
        if inject in self.session.engine.state.held:
            self.send_command(c.Release(inject=inject))
        else:
            self.send_command(c.Hold(inject=inject))

    def action_adhoc(self) -> None:
        from .screens.modals import AdhocScreen

        templates = self.session.engine.templates  # the catalogue's, to start from
        self.push_screen(AdhocScreen(self.scenario, self.lang, templates), self._send_if_given)

    def action_observe(self) -> None:
        from .screens.modals import ObservationScreen

        self.push_screen(ObservationScreen(self.scenario, self.lang), self._send_if_given)

    def _send_if_given(self, command: c.Command | None) -> None:
        if command is not None:
            self.send_command(command)

    def action_leave_field(self) -> None:
        fields.leave_text_field(self)

    def action_end_session(self) -> None:
        from .screens.modals import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.send_command(c.End())

        self.push_screen(ConfirmScreen(i18n.tr("confirm.end", self.lang), self.lang), answered)

    def action_help(self) -> None:
        """The keys of the screen in front (built from its active bindings)."""
        from .screens.modals import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen, self.help_title(self.screen), self.lang))

    def help_title(self, screen: Screen[Any]) -> str:
        """What the help screen is about: the tab in front, or the dialog."""
        lang = self.lang
        if screen is self.screen_stack[0]:
            view = self.active_view()
            if isinstance(view, RolePanel):
                title = i18n.role_title(self.scenario, view.role, lang)
                return i18n.tr("help.role", lang, title=clean(title, single_line=True))
            return i18n.tr("help.console", lang)
        key = f"help.screen.{type(screen).__name__}"
        return i18n.tr(key if key in i18n.STRINGS else "help.dialog", lang)

    def action_show_tab(self, index: int) -> None:
        # Let go of the focus first: a focused widget in the pane being left would make
        # the tabs switch straight back to its pane.
        self.screen.set_focus(None)
        if index == 0:
            self.tabs.active = CONSOLE
        elif 0 < index <= len(self.role_panels):
            self.tabs.active = f"role-{index - 1}"

    def _tab_index(self) -> int:
        active = self.tabs.active
        return int(active.removeprefix("role-")) + 1 if active.startswith("role-") else 0

    def action_next_tab(self, step: int) -> None:
        """The next (or previous) tab, round from the last role to the console."""
        if len(self.screen_stack) > 1:  # not behind a dialog
            return
        self.action_show_tab((self._tab_index() + step) % (len(self.role_panels) + 1))

    def picker_entries(self) -> list[PickerEntry]:
        """The console and every role, with their F-key, open decisions and unread injects."""
        lang, state = self.lang, self.session.engine.state
        opened: dict[str, int] = {}
        for decision in state.decisions.values():
            if decision.open:
                opened[decision.role] = opened.get(decision.role, 0) + 1
        entries = [PickerEntry(0, "F1", i18n.tr("tab.console", lang), "")]
        for n, role in enumerate(self.roles):
            unread = self.role_panels[n].unread(state)
            entries.append(
                PickerEntry(
                    n + 1,
                    f"F{n + 2}" if n < ROLE_FKEYS else "",
                    i18n.role_short(role),
                    i18n.role_title(self.scenario, role, lang),
                    opened.get(role, 0),
                    unread,
                )
            )
        return entries

    def action_pick_role(self) -> None:
        """A list of every role, filtered by typing; enter shows the chosen panel."""
        if len(self.screen_stack) > 1:
            return
        from .screens.role_picker import RolePicker

        def chosen(index: int | None) -> None:
            if index is not None:
                self.action_show_tab(index)

        self.push_screen(RolePicker(self.picker_entries(), self._tab_index(), self.lang), chosen)

    def _help_for(self, screen: Screen[Any]) -> Callable[[], None]:
        """Open the help on `screen` (the palette is in front when the command is chosen)."""

        def show() -> None:
            from .screens.modals import HelpScreen

            if screen.is_attached and not isinstance(screen, HelpScreen):
                self.push_screen(HelpScreen(screen, self.help_title(screen), self.lang))

        return show

    def action_command_palette(self) -> None:
        """Textual's palette, with its own words in the user's language."""
        from textual.command import CommandPalette

        from ..palette import Palette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(Palette(self.lang))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        lang = self.lang

        def command(key: str, help_key: str, callback: Any) -> SystemCommand:
            return SystemCommand(i18n.tr(key, lang), i18n.tr(help_key, lang), callback)

        yield command("cmd.pause", "cmd.pause.help", self.action_toggle_pause)
        yield command("cmd.faster", "cmd.faster.help", self.action_faster)
        yield command("cmd.slower", "cmd.slower.help", self.action_slower)
        yield command("cmd.next", "cmd.next.help", self.action_jump_next)
        if self.tabs.active == CONSOLE:
            yield command("cmd.fire", "cmd.fire.help", self.action_fire)
            yield command("cmd.hold", "cmd.hold.help", self.action_hold)
        yield command("cmd.adhoc", "cmd.adhoc.help", self.action_adhoc)
        yield command("cmd.observe", "cmd.observe.help", self.action_observe)
        yield command("cmd.end", "cmd.end.help", self.action_end_session)
        yield command("cmd.console", "cmd.console.help", lambda: self.action_show_tab(0))
        yield SystemCommand(
            i18n.tr("cmd.help", lang), i18n.tr("cmd.help.help", lang), self._help_for(screen)
        )
        yield command("cmd.roles", "cmd.roles.help", self.action_pick_role)
        yield command("cmd.next_tab", "cmd.next_tab.help", lambda: self.action_next_tab(1))
        yield command("cmd.prev_tab", "cmd.prev_tab.help", lambda: self.action_next_tab(-1))
        for n, role in enumerate(self.roles):
            title = clean(i18n.role_title(self.scenario, role, lang), single_line=True)
            yield SystemCommand(
                i18n.tr("cmd.role", lang, title=title),
                i18n.tr("cmd.role.help", lang, title=title),
                lambda n=n: self.action_show_tab(n + 1),
            )
        yield command("cmd.quit", "cmd.quit.help", self.action_quit)


def start_session(
    scenario: Scenario,
    journal_path: Path,
    *,
    source: str = "",
    speed: float | None = None,
    paused: bool = False,
    templates: dict[str, InjectTemplate] | None = None,
    pause_on_phase: bool | None = None,
    lang: str | None = None,
) -> Session:
    """A new live session (durable journal), with the facilitator's start settings journaled
    (`pause_on_phase`, when given, and the language in the session's meta: a resume keeps
    them)."""
    meta: dict[str, Any] = {"mode": "live", "source": source, "lang": session_language(lang)}
    if pause_on_phase is not None:
        meta["pause_on_phase"] = pause_on_phase
    session = Session.start(
        scenario,
        journal_path,
        durable=True,
        meta=meta,
        templates=templates,
    )
    if speed is not None and speed != session.engine.state.speed:
        session.submit(c.SetSpeed(speed=speed))
    if paused:
        session.submit(c.Pause())
    return session


def create_app(
    session: Session,
    *,
    lang: str | None = None,
    clock: VirtualClock | None = None,
    speed: float | None = None,
    paused: bool = False,
    pause_on_phase: bool | None = None,
) -> ExerciseApp:
    """The app on a session (new or resumed); the one factory the CLI and tests use.

    `speed` changes the clock speed of a resumed session and `paused` pauses its clock
    (both journaled like a facilitator's command); tests pass their own `clock` (paused,
    or driven by a fake `monotonic`). `pause_on_phase` (None: as the session was started,
    else as the scenario says) pauses the clock at each new phase.
    """
    engine = session.engine
    if speed is not None and speed != engine.state.speed and not engine.ended:
        session.submit(c.SetSpeed(speed=speed))
    if paused and not engine.state.paused and not engine.ended:
        session.submit(c.Pause())
    return ExerciseApp(
        session,
        clock=clock,
        lang=session_language(lang, session.meta),
        pause_on_phase=pause_on_phase_setting(session, pause_on_phase),
    )


def pause_on_phase_setting(session: Session, option: bool | None) -> bool:
    """Whether the clock pauses at a new phase: the command line's option, else what the
    session was started with, else the scenario's `pause_on_phase`."""
    if option is not None:
        return option
    started = session.meta.get("pause_on_phase")
    if isinstance(started, bool):
        return started
    return session.scenario.pause_on_phase
