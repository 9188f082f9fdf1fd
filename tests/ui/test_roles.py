"""Role player panels: the decision flow, own-initiative decisions, measures, history, and
what a player may see."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Input, OptionList, RadioSet, SelectionList, TextArea

from exercise.model.events import Kind
from exercise.sim import commands as c
from exercise.ui.screens.modals import ConfirmScreen, MeasureScreen
from exercise.ui.view import role_inbox
from exercise.ui.widgets.decision_form import DecisionForm
from exercise.ui.widgets.role_panel import RolePanel

from .conftest import advance, plain, settle, until

KGG, NCTV, NKC = 2, 1, 3  # tab numbers (F2 is the first role)


def run(coro) -> None:
    asyncio.run(coro)


def panel(app, role: str) -> RolePanel:
    return app.role_panels[app.roles.index(role)]


def form(app, role: str) -> DecisionForm:
    found = panel(app, role).decision_form
    assert found is not None
    return found


def test_the_full_decision_flow(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(100, 40)) as pilot:
            await advance(pilot, 60)
            await pilot.press(f"f{KGG + 1}")
            await settle(pilot)
            assert app.tabs.active == f"role-{KGG - 1}"
            kgg = panel(app, "kgg")
            assert [p.inject for p in kgg.inbox] == ["anchor-drag-pipeline"]
            # keyboard: d goes to the options, arrows and space choose, tab to the rationale
            await pilot.press("d")
            await settle(pilot)
            assert isinstance(app.focused, RadioSet)
            await pilot.press("down", "space")
            await advance(pilot, 10)
            app.tick()
            await settle(pilot)
            assert "Deadline in 03:50" in plain(form(app, "kgg").query_one(".form-deadline"))
            await pilot.press("tab")
            assert isinstance(app.focused, Input)
            await pilot.press(*"Wait for data", "enter")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            question = plain(app.screen.query_one(".dialog-message"))
            assert "Wait for the operators' damage assessment" in question
            await pilot.press("ctrl+y")
            await until(pilot, lambda: app.session.engine.state.decided("anchor-drag-pipeline"))
            await settle(pilot)
            taken = [e for e in app.session.journal.events() if e.kind == Kind.DECISION_TAKEN]
            assert taken[0].payload["option"] == "await"
            assert taken[0].payload["rationale"] == "Wait for data"
            assert taken[0].actor == "kgg"
            result = plain(form(app, "kgg").query_one(".form-result"))
            assert result.startswith("Decided at T+00:01:10: Wait for the operators")
            assert form(app, "kgg").has_class("-closed")
            history = kgg.query_one(".history-table", DataTable)
            assert "decided" in history.get_row_at(0)[1].plain
            await pilot.press("f1")
            await settle(pilot)
            row = app.console_view.decisions.shown[0]
            assert (row.role, row.status) == ("kgg", "taken")

    run(go())


def test_the_mouse_works_too(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await advance(pilot, 60)
            await pilot.click("#--content-tab-role-1")  # the KGG tab
            await settle(pilot)
            assert app.tabs.active == "role-1"
            await pilot.click("#opt-0")
            await pilot.click(".form-submit")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.click("#yes")
            await until(
                pilot, lambda: app.session.engine.state.chosen("anchor-drag-pipeline", "reroute")
            )

    run(go())


def test_a_decision_shows_as_taken_only_once_journaled(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(100, 40)) as pilot:
            await advance(pilot, 60)
            await pilot.press(f"f{KGG + 1}")
            await settle(pilot)
            gate = asyncio.Event()
            real_submit = app.driver.submit
            tasks: list[asyncio.Task] = []

            def slow_submit(command):  # the core gets the command only when the gate opens
                future = asyncio.get_running_loop().create_future()

                async def later() -> None:
                    await gate.wait()
                    future.set_result(await real_submit(command))

                tasks.append(asyncio.ensure_future(later()))
                return future

            app.driver.submit = slow_submit
            await pilot.click("#opt-0")
            await pilot.click(".form-submit")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("ctrl+y")
            await settle(pilot)
            the_form = form(app, "kgg")
            assert plain(the_form.query_one(".form-result")) == "Submitting…"
            assert not the_form.has_class("-closed")
            assert the_form.query_one(".form-submit").disabled
            assert not app.session.engine.state.decided("anchor-drag-pipeline")
            gate.set()
            await until(pilot, lambda: the_form.has_class("-closed"))
            assert plain(the_form.query_one(".form-result")).startswith("Decided at")

    run(go())


def test_a_rejected_decision_shows_the_cores_reason(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(100, 40)) as pilot:
            await advance(pilot, 60)
            await pilot.press(f"f{KGG + 1}")
            await settle(pilot)
            await pilot.click("#opt-0")
            await pilot.click(".form-submit")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            # meanwhile the same role decides from another seat
            other = c.Decide(actor="kgg", inject="anchor-drag-pipeline", option="await")
            assert (await app.driver.submit(other)).accepted
            await pilot.press("ctrl+y")
            error = form(app, "kgg").query_one(".form-error")
            await until(pilot, lambda: "Not accepted" in plain(error))
            result = plain(error)
            assert "'anchor-drag-pipeline' was already decided by kgg" in result

    run(go())


def test_a_missed_decision_says_so(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(100, 40)) as pilot:
            await advance(pilot, 60)
            await pilot.press(f"f{KGG + 1}")
            await advance(pilot, 241)
            result = plain(form(app, "kgg").query_one(".form-result"))
            assert "The deadline passed at T+00:05:00; the default applied: Wait" in result

    run(go())


def test_own_initiative_decision(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press(f"f{NCTV + 1}")
            await settle(pilot)
            nctv = panel(app, "nctv")
            await pilot.click("#--content-tab-r0-initiative")
            await settle(pilot)
            await pilot.click(".init-submit")  # nothing written yet: refused in the form
            await settle(pilot)
            assert "Write the decision first" in plain(nctv.query_one(".init-result"))
            nctv.query_one(".init-text", TextArea).text = "Convene the ICCb"
            nctv.query_one(".init-pillars", SelectionList).select("democracy-rule-of-law")
            nctv.query_one(".init-comms", SelectionList).select("threat-info")
            await settle(pilot)
            await pilot.click(".init-submit")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("ctrl+y")
            await until(pilot, lambda: bool(app.session.engine.state.self_decisions))
            entry = app.session.engine.state.self_decisions[0]
            assert entry["role"] == "nctv" and entry["text"] == "Convene the ICCb"
            assert entry["pillars"] == ["democracy-rule-of-law"]
            assert entry["comms"] == ["threat-info"]
            await until(pilot, lambda: "Recorded" in plain(nctv.query_one(".init-result")))
            history = nctv.query_one(".history-table", DataTable)
            assert history.get_row_at(0)[1].plain == "own initiative: Convene the ICCb"

    run(go())


def test_measures_follow_the_escalation_level(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press(f"f{NCTV + 1}")
            await settle(pilot)
            nctv = panel(app, "nctv")
            await pilot.click("#--content-tab-r0-measures")
            await settle(pilot)
            assert [(m.measure, m.status) for m in nctv.measures] == [("activate-lcp-md", "locked")]
            table = nctv.query_one(".measure-table", DataTable)
            table.focus()
            await pilot.press("enter")
            await settle(pilot)
            assert not isinstance(app.screen, ConfirmScreen)
            assert "Not available" in plain(nctv.query_one(".measure-result"))
            await advance(pilot, 9 * 60)  # the phase moves to L2
            assert [(m.measure, m.status) for m in nctv.measures] == [
                ("activate-lcp-md", "available")
            ]
            await until(pilot, lambda: "Playbook L2" in plain(nctv.query_one(".measure-result")))
            opened = plain(nctv.query_one(".measure-result"))
            assert opened.startswith("Playbook L2 now available: Activate")
            table.focus()
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, MeasureScreen))
            await pilot.press("ctrl+s")  # the rationale is asked, not required
            await until(pilot, lambda: "activate-lcp-md" in app.session.engine.state.measures)
            await settle(pilot)
            assert nctv.measures[0].status == "taken"

    run(go())


def test_a_player_sees_only_its_own_injects(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(160, 48)) as pilot:
            await advance(pilot, 15 * 60)  # to the end: every default applies
            state = app.session.engine.state
            for n, role in enumerate(app.roles):
                await pilot.press(f"f{n + 2}")  # a panel renders when it is shown
                await settle(pilot)
                mine = {p.inject for p in panel(app, role).inbox}
                expected = {i for i, to in state.recipients.items() if role in to}
                assert mine == expected, role
            assert "supply-warning" in {p.inject for p in panel(app, "kgg").inbox}
            assert "supply-warning" not in {p.inject for p in panel(app, "nctv").inbox}
            # only the deciding role gets the decision form
            nctv = {p.inject: p for p in panel(app, "nctv").inbox}
            assert nctv["anchor-drag-pipeline"].decision is None
            assert nctv["anchor-drag-pipeline"].decider == "kgg"

    run(go())


def test_a_player_panel_never_shows_msel_fields(make_app, demo) -> None:
    scenario = demo[0]
    msel_only = set()
    for inject in scenario.injects:
        if inject.notes:
            msel_only |= (
                set(inject.notes.values()) if isinstance(inject.notes, dict) else {inject.notes}
            )
        if inject.when is not None:
            msel_only.add(inject.when.text)
        for expected in inject.expected:
            if expected.action is not None:
                msel_only |= set(expected.action.values())
    msel_only = {text.strip()[:40] for text in msel_only}

    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(160, 48)) as pilot:
            await advance(pilot, 15 * 60)
            for n, role in enumerate(app.roles):
                await pilot.press(f"f{n + 2}")
                await settle(pilot)
                role_panel = panel(app, role)
                listing = role_panel.query_one(".inbox-list", OptionList)
                shown: list[str] = []
                for index in range(listing.option_count):
                    listing.highlighted = index
                    await settle(pilot, 2)
                    shown += [plain(w) for w in role_panel.query(".inject-view, .form-prompt")]
                    shown += [str(b.label) for b in role_panel.query("RadioButton")]
                text = " ".join(" ".join(s.split()) for s in shown)
                for secret in msel_only:
                    assert " ".join(secret.split()) not in text, (role, secret)
                assert "expected" not in text.lower()

    run(go())


def test_the_player_view_has_no_msel_fields(demo) -> None:
    from exercise.sim.engine import Engine

    scenario = demo[0]
    engine = Engine(scenario)
    engine.advance_to(15 * 60)
    for role in ("nctv", "kgg", "nkc"):
        for item in role_inbox(engine.state, scenario, role, "en"):
            fields = set(type(item).__dataclass_fields__)
            assert fields == {
                "inject",
                "received",
                "method",
                "sender",
                "title",
                "text",
                "decider",
                "decision",
            }
