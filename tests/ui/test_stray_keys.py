"""No stray key changes the session.

A facilitator typing a sentence with the focus somewhere other than a text field (the
issue: a Dutch sentence on a role panel paused, sped up, jumped, resumed and ended a
session) must not run any command. For every screen the app can show (the console, each
role panel and each of its inner tabs, every dialog and form, the help screen, the
command palette), and every focusable widget on it, the test focuses the widget, types a
sentence with punctuation and digits, then Tab, Space and Enter, and finds no command
submitted and nothing new in the journal.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable

from textual import events
from textual.keys import _character_to_key
from textual.screen import Screen
from textual.widgets import TabbedContent

from exercise.model.events import Kind
from exercise.sim import commands as c
from exercise.ui.screens.modals import (
    AdhocScreen,
    ConfirmScreen,
    ObservationScreen,
    StoppedScreen,
)

from .conftest import settle, until

SENTENCE = "ICCb bijeenroepen om 07:30; NCTV informeert KGG, NKC & BZ: +2 -1 = 'n' (p/e/f/h)?! "
# After the sentence: what the facilitator pressed to "get out" of the dialog.
AFTER = ("tab", "space", "enter", "tab", "enter")
KEYS = (*SENTENCE, *AFTER)

# Everything a command (facilitator's or player's) leaves in the journal.
COMMAND_KINDS = {
    Kind.PAUSED,
    Kind.RESUMED,
    Kind.SPEED_SET,
    Kind.JUMPED,
    Kind.INJECT_DELIVERED,
    Kind.INJECT_HELD,
    Kind.INJECT_UNHELD,
    Kind.ADHOC_INJECT,
    Kind.OBSERVATION,
    Kind.SESSION_ENDED,
    Kind.DECISION_TAKEN,
    Kind.SELF_DECISION,
    Kind.MEASURE_TAKEN,
    Kind.COMMAND_REJECTED,
}

Setup = Callable[[], Awaitable[Screen]]


def journal_kinds(app) -> Counter[str]:
    return Counter(e.kind for e in app.session.journal.events() if e.kind in COMMAND_KINDS)


async def type_keys(pilot, keys: tuple[str, ...]) -> None:
    """Type `keys` as a quick typist would: each key reaches the app as from the terminal,
    with a moment between keys (Pilot's `press` waits for the app to be idle after every
    key, which is ten times slower over thousands of keys)."""
    app = pilot.app
    for key in keys:
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        char = key if len(key) == 1 else {"space": " ", "tab": "\t", "enter": "\r"}.get(key)
        event = events.Key(name, char)
        event.set_sender(app)
        app.post_message(event)
        await asyncio.sleep(0.002)
    await settle(pilot, 2)


async def back_to_base(app, pilot) -> None:
    while len(app.screen_stack) > 1:
        app.pop_screen()
        await settle(pilot, 1)
    app.screen.set_focus(None)
    await settle(pilot, 1)


def test_no_stray_key_changes_the_session(make_app) -> None:
    async def go() -> None:
        app = make_app(paused=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            # two open decisions, so that role panels show their decision forms and the
            # jump dialog has something to list
            for inject in ("anchor-drag-pipeline", "rationing-rumour"):
                app.send_command(c.FireInject(inject=inject))
            await until(pilot, lambda: len(app.session.engine.state.decisions) == 2)
            submitted: list[c.Command] = []
            real_submit = app.driver.submit

            def spy(command: c.Command):
                submitted.append(command)
                return real_submit(command)

            app.driver.submit = spy  # type: ignore[method-assign]
            before = journal_kinds(app)

            async def base_tab(tab: str, inner: str | None = None) -> Screen:
                await back_to_base(app, pilot)
                if tab == "console":
                    app.action_show_tab(0)
                else:
                    app.action_show_tab(int(tab) + 1)
                await settle(pilot)
                if inner is not None:
                    view = app.role_panels[int(tab)]
                    view.query_one(TabbedContent).active = f"{view.prefix}-{inner}"
                    await settle(pilot)
                return app.screen

            def modal(make: Callable[[], Screen]) -> Setup:
                async def setup() -> Screen:
                    await base_tab("console")
                    app.push_screen(make())
                    await settle(pilot)
                    return app.screen

                return setup

            def via(action: Callable[[], object], *, select: str | None = None) -> Setup:
                async def setup() -> Screen:
                    await base_tab("console")
                    if select is not None:
                        table = app.console_view.msel.table
                        keys = [row.key for row in app.console_view.msel.rows]
                        table.move_cursor(row=keys.index(select), animate=False)
                    result = action()
                    if asyncio.iscoroutine(result):
                        await result
                    await settle(pilot)
                    return app.screen

                return setup

            screens: dict[str, Setup] = {"console": lambda: base_tab("console")}
            # Every role's inbox (with or without a decision form); the other inner tabs,
            # the same widgets for every role, on the first role that decides.
            decider = app.roles.index("kgg")
            for n, _role in enumerate(app.roles):
                inners = (
                    ("inbox", "initiative", "measures", "history") if n == decider else ("inbox",)
                )
                for inner in inners:
                    screens[f"role {n} {inner}"] = lambda n=n, inner=inner: base_tab(str(n), inner)
            screens |= {
                "confirm": modal(lambda: ConfirmScreen("Sure?", app.lang)),
                "end dialog": via(lambda: app.action_end_session()),
                "fire dialog": via(lambda: app.action_fire(), select="vessel-assessment"),
                "jump dialog": via(lambda: app.action_jump_next()),
                "ad hoc": modal(lambda: AdhocScreen(app.scenario, app.lang)),
                "observation": modal(lambda: ObservationScreen(app.scenario, app.lang)),
                "stopped": modal(lambda: StoppedScreen("The journal is full.", app.lang)),
                "palette": via(lambda: app.action_command_palette()),
            }
            screens["help"] = via(lambda: app.action_help())
            if hasattr(app, "action_pick_role"):
                screens["role picker"] = via(lambda: app.action_pick_role())

            covered: set[str] = set()
            for name, setup in screens.items():
                screen = await setup()
                count = len(screen.focus_chain)
                assert count or name == "stopped", f"{name}: nothing to focus"
                for index in range(count):
                    if index:  # afresh for each widget (the first has it fresh already)
                        screen = await setup()
                    chain = screen.focus_chain
                    if index >= len(chain):
                        continue
                    widget = chain[index]
                    widget.focus()
                    await settle(pilot, 1)
                    where = f"{name}: {type(widget).__name__} #{index}"
                    covered.add(type(widget).__name__)
                    await type_keys(pilot, KEYS)
                    assert submitted == [], f"{where}: {submitted}"
                    assert journal_kinds(app) == before, where
                if count == 0:
                    await type_keys(pilot, KEYS)
                    assert submitted == [], f"{name}: {submitted}"
            assert not app.session.engine.ended
            # every kind of widget the app shows was tried
            for kind in (
                "DataTable",
                "OptionList",
                "RadioSet",
                "Input",
                "Button",
                "TextArea",
                "SelectionList",
                "Select",
                "ContentTabs",
            ):
                assert kind in covered, kind

    asyncio.run(go())
