"""The facilitator's and the players' forms: ad-hoc injects from a catalogue template with a
decision, the observation form, taking a measure with a rationale; every form saves with
ctrl+s and cancels with escape, and says where a problem is."""

from __future__ import annotations

import asyncio

from textual.widgets import (
    Checkbox,
    DataTable,
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
from textual.widgets.select import InvalidSelectValueError

from exercise.model import Scenario
from exercise.model.events import Kind
from exercise.ui.screens.modals import (
    AdhocScreen,
    ConfirmScreen,
    MeasureScreen,
    ObservationScreen,
)
from exercise.ui.widgets.role_panel import RolePanel

from .conftest import advance, plain, settle, until

M = 60.0


def run(coro) -> None:
    asyncio.run(coro)


def key_for(app, action: str) -> str:
    """The key bound to `action` on the screen in front now (the bindings may be changed)."""
    for key, active in app.screen.active_bindings.items():
        if active.binding.action == action:
            return key
    raise AssertionError(f"no key for {action}")


def offered(select: Select, candidates: list[str]) -> list[str]:
    """Which of `candidates` `select` accepts as its value (it is left blank)."""
    found = []
    for value in candidates:
        try:
            select.value = value
        except InvalidSelectValueError:
            continue
        found.append(value)
    select.clear()
    return found


def events(app, kind: str) -> list:
    return [e for e in app.session.journal.events() if e.kind == kind]


def panel(app, role: str) -> RolePanel:
    return app.role_panels[app.roles.index(role)]


async def measures_of(pilot, role: str) -> DataTable:
    """Show `role`'s panel on its measures tab; its table of measures."""
    app = pilot.app
    app.action_show_tab(app.roles.index(role) + 1)
    await settle(pilot)
    shown = panel(app, role)
    shown.query_one("TabbedContent").active = f"{shown.prefix}-measures"
    await settle(pilot)
    return shown.query_one(".measure-table", DataTable)


async def open_form(pilot, action: str, screen_type: type):
    await pilot.press(key_for(pilot.app, action))
    await until(pilot, lambda: isinstance(pilot.app.screen, screen_type))
    return pilot.app.screen


async def adhoc_from_template(pilot, words: str, to: str, deadline: str) -> AdhocScreen:
    """Open the ad-hoc form, pick the template the filter finds first, send it to `to`,
    who decides, with `deadline`; ctrl+s."""
    screen = await open_form(pilot, "adhoc", AdhocScreen)
    assert pilot.app.focused is screen.query_one("#adhoc-filter", Input)
    await pilot.press(*words, "enter")
    await settle(pilot)
    screen.query_one("#adhoc-to", SelectionList).select(to)
    screen.query_one("#adhoc-role", Select).value = to
    screen.query_one("#adhoc-deadline", Input).value = deadline
    await settle(pilot)
    await pilot.press("ctrl+s")
    await until(pilot, lambda: not isinstance(pilot.app.screen, AdhocScreen))
    return screen


def test_adhoc_decisions_from_a_template_are_decided_in_the_role_panel_or_missed(
    make_app,
) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_form(pilot, "adhoc", AdhocScreen)
            templates = screen.query_one("#adhoc-templates", OptionList)
            everything = templates.option_count
            await pilot.press(*"police")  # the list filters as one types
            await settle(pilot)
            assert 0 < templates.option_count < everything
            await pilot.press("enter")
            await settle(pilot)
            # the template's content fills the form, every field still editable
            assert screen.query_one("#adhoc-title", Input).value == (
                "Contact data of police staff stolen"
            )
            assert "compromised account" in screen.query_one("#adhoc-text", TextArea).text
            assert set(screen.query_one("#adhoc-pillars", SelectionList).selected) == {
                "democracy-rule-of-law",
                "territorial-defence",
            }
            assert screen.query_one("#adhoc-method", Select).value == "email"
            assert screen.query_one("#adhoc-decide", Checkbox).value
            options = screen.query_one("#adhoc-options", TextArea).text.splitlines()
            assert len(options) == 2 and options[1].startswith("Inform staff internally")
            assert screen.query_one("#adhoc-deadline", Input).value == "15m"
            assert screen.query_one("#adhoc-default", Select).value == options[1]
            # who decides must receive it
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, AdhocScreen)
            assert "who decides" in plain(screen.query_one("#adhoc-role-error")).lower()
            screen.query_one("#adhoc-title", Input).value = "Police contact data stolen"
            screen.query_one("#adhoc-options", TextArea).text = "Go public\nStay internal"
            screen.query_one("#adhoc-to", SelectionList).select("nctv")
            screen.query_one("#adhoc-role", Select).value = "nctv"
            screen.query_one("#adhoc-deadline", Input).value = "10m"
            await settle(pilot)
            screen.query_one("#adhoc-default", Select).value = "Stay internal"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: bool(events(app, Kind.DECISION_OPENED)))

            [adhoc] = events(app, Kind.ADHOC_INJECT)
            inject = adhoc.payload["inject"]
            assert adhoc.payload["template"] == "police-data-theft"
            assert adhoc.payload["title"] == "Police contact data stolen"  # as edited
            assert adhoc.payload["decision"] == {
                "role": "nctv",
                "prompt": "What do you tell the staff and the public?",
                "options": ["Go public", "Stay internal"],
                "deadline": 10 * M,
                "default": "Stay internal",
            }
            [opened] = events(app, Kind.DECISION_OPENED)
            assert opened.payload == {"inject": inject, "role": "nctv", "deadline": 10 * M}

            # nctv decides it from its panel like any decision
            app.action_show_tab(app.roles.index("nctv") + 1)
            await settle(pilot)
            nctv = panel(app, "nctv")
            assert nctv.inbox[0].inject == inject
            assert nctv.inbox[0].decision is not None
            await advance(pilot, 2 * M)
            await pilot.press("d")
            await settle(pilot)
            assert isinstance(app.focused, RadioSet)
            await pilot.press("space", "tab", *"Staff first", "enter")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            app.screen.query_one("#yes").press()  # whichever key the dialog binds
            await until(pilot, lambda: bool(events(app, Kind.DECISION_TAKEN)))
            [taken] = events(app, Kind.DECISION_TAKEN)
            assert (taken.actor, taken.payload["inject"]) == ("nctv", inject)
            assert (taken.payload["option"], taken.payload["rationale"]) == (
                "Go public",
                "Staff first",
            )
            await settle(pilot)
            result = plain(nctv.decision_form.query_one(".form-result"))
            assert result.startswith("Decided at T+00:02:00: Go public")

            # a second one, left alone: missed at its deadline, its default applied
            app.action_show_tab(0)
            await settle(pilot)
            await adhoc_from_template(pilot, "police", "nctv", "10m")
            second = events(app, Kind.ADHOC_INJECT)[-1].payload["inject"]
            assert events(app, Kind.DECISION_OPENED)[-1].payload["deadline"] == 12 * M
            await advance(pilot, 10 * M)
            await until(pilot, lambda: app.session.engine.state.missed(second))
            [missed] = [
                e for e in events(app, Kind.DECISION_MISSED) if e.payload["inject"] == second
            ]
            assert (missed.t, missed.payload["inject"], missed.payload["role"]) == (
                12 * M,
                second,
                "nctv",
            )
            default = missed.payload["default"]
            assert default.startswith("Inform staff internally")  # the template's default
            state = app.session.engine.state.decisions[second]
            assert state.missed and state.default_applied == default
            rows = {r.inject: r for r in app.console_view.decisions.shown}
            assert rows[second].status == "missed"
            assert rows[second].title == "Contact data of police staff stolen"

    run(go())


def test_an_adhoc_decision_needs_two_options_and_a_readable_deadline(make_app) -> None:
    async def go() -> None:
        app = make_app(lang="nl")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_form(pilot, "adhoc", AdhocScreen)
            screen.query_one("#adhoc-title", Input).value = "Gerucht"
            screen.query_one("#adhoc-text", TextArea).text = "Een gerucht gaat rond."
            screen.query_one("#adhoc-to", SelectionList).select("nkc")
            screen.query_one("#adhoc-decide", Checkbox).value = True
            screen.query_one("#adhoc-role", Select).value = "nkc"
            screen.query_one("#adhoc-options", TextArea).text = "Ontkennen"
            screen.query_one("#adhoc-deadline", Input).value = "tien minuten"
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, AdhocScreen)
            assert "minstens twee opties" in plain(screen.query_one("#adhoc-options-error"))
            assert "Geen tijdsduur" in plain(screen.query_one("#adhoc-deadline-error"))
            assert not events(app, Kind.ADHOC_INJECT)
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, AdhocScreen))
            assert not events(app, Kind.ADHOC_INJECT)

    run(go())


def test_the_observation_form_asks_pillar_objective_seat_kind_cause_text(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_form(pilot, "observe", ObservationScreen)
            order = [
                w.id
                for w in screen.query("Select, RadioSet, Input, TextArea")
                if w.id and w.id.startswith("obs-")
            ]
            assert order == [
                "obs-pillar",
                "obs-objective",
                "obs-seat",
                "obs-kind",
                "obs-root-cause",
                "obs-text",
            ]
            assert app.focused is screen.query_one("#obs-pillar", Select)
            # the objectives offered are those of the pillar chosen
            objective = screen.query_one("#obs-objective", Select)
            screen.query_one("#obs-pillar", Select).value = "resilient-society"
            await settle(pilot)
            objectives = [o.id for o in app.scenario.objectives]
            assert len(objectives) > 1
            assert offered(objective, objectives) == ["obj-comms"]
            # ctrl+s before the form is complete: the problems appear next to their fields
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ObservationScreen)
            assert "strength" in plain(screen.query_one("#obs-kind-error"))
            assert "Write the observation" in plain(screen.query_one("#obs-text-error"))
            objective.value = "obj-comms"
            screen.query_one("#obs-seat", Select).value = "nkc"
            screen.query_one("#kind-improvement", RadioButton).value = True
            screen.query_one("#obs-root-cause", Input).value = "No pre-agreed core message"
            screen.query_one("#obs-text", TextArea).text = "Rebuttal waits for Interior"
            await settle(pilot)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: bool(events(app, Kind.OBSERVATION)))
            [observation] = events(app, Kind.OBSERVATION)
            assert observation.payload == {
                "pillar": "resilient-society",
                "objective": "obj-comms",
                "kind": "improvement",
                "text": "Rebuttal waits for Interior",
                "seat": "nkc",
                "root_cause": "No pre-agreed core message",
            }
            assert not isinstance(app.screen, ObservationScreen)

    run(go())


def test_taking_a_measure_shows_its_description_and_journals_the_rationale(make_app) -> None:
    async def go() -> None:
        app = make_app(lang="nl")
        async with app.run_test(size=(120, 40)) as pilot:
            await advance(pilot, 9 * M)  # L2: the LCP-MD becomes available
            table = await measures_of(pilot, "nctv")
            table.focus()
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, MeasureScreen))
            screen = app.screen
            description = plain(screen.query_one(".measure-description", Static))
            assert description == "Defensie is leidend, samen met de NCTV en de veiligheidsregio's."
            assert app.focused is screen.query_one("#meas-rationale", Input)
            assert "(ctrl+s)" in str(screen.query_one("#ok").label)
            assert "(esc)" in str(screen.query_one("#cancel").label)
            await pilot.press("escape")  # cancelled: nothing taken
            await until(pilot, lambda: not isinstance(app.screen, MeasureScreen))
            assert not events(app, Kind.MEASURE_TAKEN)
            table.focus()
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, MeasureScreen))
            await pilot.press(*"Defensie vraagt erom", "ctrl+s")
            await until(pilot, lambda: bool(events(app, Kind.MEASURE_TAKEN)))
            [taken] = events(app, Kind.MEASURE_TAKEN)
            assert taken.payload["measure"] == "activate-lcp-md"
            assert taken.payload["rationale"] == "Defensie vraagt erom"

    run(go())


def test_a_lasting_measure_in_force_is_lifted_and_accounted_for(make_app, demo) -> None:
    data = demo[0].model_dump(mode="json", by_alias=True)
    for measure in data["measures"]:
        measure["lasting"] = measure["id"] == "activate-lcp-md"
    scenario = Scenario.model_validate(data)

    async def go() -> None:
        app = make_app(scenario=scenario)
        async with app.run_test(size=(120, 40)) as pilot:
            await advance(pilot, 9 * M)  # L2: the LCP-MD becomes available
            table = await measures_of(pilot, "nctv")
            table.focus()
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, MeasureScreen))
            await pilot.press("ctrl+s")
            await until(pilot, lambda: bool(events(app, Kind.MEASURE_TAKEN)))
            await until(pilot, lambda: "in force since" in plain_row(table, 0))
            table.focus()
            await pilot.press("enter")  # in force: Enter lifts it
            await until(pilot, lambda: isinstance(app.screen, MeasureScreen))
            screen = app.screen
            assert "Lift a measure" in plain(screen.query_one(".dialog-title", Label))
            screen.query_one("#lift-informed", Checkbox).value = True
            await pilot.press(*"Threat gone", "ctrl+s")
            await until(pilot, lambda: bool(events(app, Kind.MEASURE_LIFTED)))
            [lifted] = events(app, Kind.MEASURE_LIFTED)
            assert lifted.payload == {
                "measure": "activate-lcp-md",
                "role": "nctv",
                "rationale": "Threat gone",
                "informed": True,
            }
            await until(pilot, lambda: "lifted" in plain_row(table, 0))

    run(go())


def plain_row(table: DataTable, row: int) -> str:
    return " ".join(str(cell) for cell in table.get_row_at(row))


def test_every_form_says_ctrl_s_and_escape_on_its_buttons(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            for action, screen_type in (("adhoc", AdhocScreen), ("observe", ObservationScreen)):
                screen = await open_form(pilot, action, screen_type)
                assert str(screen.query_one("#ok").label).endswith("(ctrl+s)")
                assert str(screen.query_one("#cancel").label) == "Cancel (esc)"
                await pilot.press("escape")
                await until(pilot, lambda t=screen_type: not isinstance(app.screen, t))
            assert not events(app, Kind.ADHOC_INJECT) and not events(app, Kind.OBSERVATION)

    run(go())
