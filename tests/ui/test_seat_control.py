"""`exercise join` with exercise control's codes: a facilitator runs the session from a
second laptop; an evaluator sees the MSEL and adds observations, and runs nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from conftest import scenario_text
from seat_rig import rig
from test_seat_host import INJECTS, ROLES
from textual.widgets import Input, OptionList, Select

from exercise.journal import Journal
from exercise.model import Scenario
from exercise.model.events import Kind
from exercise.seats.client import SeatClient
from exercise.seats.control import ControlApp
from exercise.seats.terminal import Confirm

from .conftest import plain, until


def _pick(app: ControlApp, inject: str) -> None:
    msel = app.query_one("#msel", OptionList)
    ids = [msel.get_option_at_index(n).id for n in range(msel.option_count)]
    msel.focus()
    msel.highlighted = ids.index(inject)


def test_a_facilitator_seat_runs_the_session_from_another_laptop(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    scenario = load(scenario_text(roles=ROLES, injects=INJECTS))

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            state = r.session.engine.state
            app = ControlApp(SeatClient(r.url, r.codes["excon"], retry_max=0.2))
            async with app.run_test(size=(140, 45)) as pilot:
                msel = app.query_one("#msel", OptionList)
                await until(pilot, lambda: msel.option_count == 3, rounds=2000)
                _pick(app, "cut")
                await until(pilot, lambda: "SECRET-NOTE" in plain(app.query_one("#detail")))
                await pilot.press("ctrl+n")  # the clock to the next inject: cut, at 10m
                await until(pilot, lambda: "cut" in state.delivered_at, rounds=2000)
                await until(pilot, lambda: "Power cut" in plain(app.query_one("#feed")))
                _pick(app, "leak")
                await pilot.press("ctrl+f")
                await pilot.press("ctrl+y")
                await until(pilot, lambda: "leak" in state.delivered_at, rounds=2000)
                _pick(app, "echo")
                await pilot.press("ctrl+o")
                await pilot.press("ctrl+y")
                await until(pilot, lambda: "echo" in state.held, rounds=2000)
                app.query_one("#speed", Input).value = "20"
                await pilot.press("ctrl+s")
                await until(pilot, lambda: state.speed == 20, rounds=2000)
                app.query_one("#adhoc-title", Input).value = "[b]Sirens[/b]"
                app.query_one("#adhoc-text", Input).value = "Loud."
                app.query_one("#adhoc-to", Input).value = "nctv, ezk"
                await pilot.press("ctrl+a")
                await pilot.press("ctrl+y")
                await until(pilot, lambda: len(state.adhoc) == 1, rounds=2000)
                [adhoc] = state.adhoc.values()
                assert (adhoc["title"], adhoc["to"]) == ("[b]Sirens[/b]", ["nctv", "ezk"])
                await pilot.press("ctrl+e")
                await pilot.press("ctrl+y")
                await until(pilot, lambda: state.ended, rounds=2000)

    asyncio.run(asyncio.wait_for(main(), 90))


def test_an_evaluator_seat_observes_and_runs_nothing(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    scenario = load(scenario_text(roles=ROLES, injects=INJECTS))
    path = tmp_path / "s.db"

    async def main() -> None:
        async with rig(path, scenario) as r:
            state = r.session.engine.state
            app = ControlApp(SeatClient(r.url, r.codes["eval"], retry_max=0.2), "evaluator")
            async with app.run_test(size=(140, 45)) as pilot:
                msel = app.query_one("#msel", OptionList)
                await until(pilot, lambda: msel.option_count == 3, rounds=2000)
                assert not app.query_one("#facilitator-forms").display
                _pick(app, "cut")
                await until(pilot, lambda: "SECRET-ACTION" in plain(app.query_one("#detail")))
                for key in ("ctrl+f", "ctrl+o", "ctrl+a", "ctrl+e"):
                    await pilot.press(key)
                    assert not app.screen.is_modal, key
                app.query_one("#obs-pillar", Select).value = "vital-processes"
                app.query_one("#obs-kind", Select).value = "strength"
                app.query_one("#obs-text", Input).value = "The NCTV called the operator at once"
                await pilot.press("ctrl+b")
                await until(pilot, lambda: not app.query_one("#obs-text", Input).value, rounds=2000)
            assert "cut" not in state.delivered_at and not state.paused and not state.ended

    asyncio.run(asyncio.wait_for(main(), 90))
    with Journal.open(path, readonly=True) as journal:
        events = list(journal.events())
    [seen] = [e for e in events if e.kind == Kind.OBSERVATION]
    assert (seen.actor, seen.payload["kind"], seen.payload["pillar"]) == (
        "evaluator",
        "strength",
        "vital-processes",
    )
    assert not [e for e in events if e.kind == Kind.COMMAND_REJECTED]


def test_escape_leaves_a_text_field_of_the_control_seat_for_its_chords(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    """In the ad-hoc title ctrl+a and ctrl+e move the cursor; the footer shows escape,
    which goes to the MSEL, from where ctrl+e ends the session."""
    scenario = load(scenario_text(roles=ROLES, injects=INJECTS))

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            state = r.session.engine.state
            app = ControlApp(SeatClient(r.url, r.codes["excon"], retry_max=0.2))
            async with app.run_test(size=(140, 45)) as pilot:
                msel = app.query_one("#msel", OptionList)
                await until(pilot, lambda: msel.option_count == 3, rounds=2000)
                title = app.query_one("#adhoc-title", Input)
                title.focus()
                await pilot.press(*"Sirens", "ctrl+a", "ctrl+e")
                await pilot.pause()
                assert title.cursor_position == len("Sirens") and not state.ended
                assert not isinstance(app.screen, Confirm)
                active = app.screen.active_bindings
                assert active["escape"].binding.action == "leave_field"
                assert active["escape"].binding.show and active["ctrl+e"].node is title
                await pilot.press("escape")
                await pilot.pause()
                assert app.focused is msel and title.value == "Sirens"
                assert "escape" not in {
                    k for k, a in app.screen.active_bindings.items() if a.binding.show
                }
                await pilot.press("ctrl+e")
                await until(pilot, lambda: isinstance(app.screen, Confirm))
                await pilot.press("ctrl+y")
                await until(pilot, lambda: state.ended, rounds=2000)
                assert state.adhoc == {}  # the ad-hoc inject was not sent on the way

    asyncio.run(asyncio.wait_for(main(), 90))
