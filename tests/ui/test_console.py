"""The facilitator console: header, MSEL, decisions, indicators, feed, and every control."""

from __future__ import annotations

import asyncio

from textual.command import CommandPalette
from textual.widgets import Input, Select, SelectionList, TextArea

from exercise.journal import Journal
from exercise.model.events import Kind
from exercise.sim.session import Session
from exercise.ui.screens.modals import AdhocScreen, ConfirmScreen, ObservationScreen

from .conftest import advance, plain, settle, until


def kinds(app) -> list[str]:
    return [e.kind for e in app.session.journal.events()]


def run(coro) -> None:
    asyncio.run(coro)


def select_msel(app, inject_id: str) -> None:
    table = app.console_view.msel.table
    keys = [row.key for row in app.console_view.msel.rows]
    table.move_cursor(row=keys.index(inject_id), animate=False)


def test_the_header_shows_title_marking_phase_clock_speed_and_state(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test() as pilot:
            await advance(pilot, 75)
            text = plain(app.status_bar)
            for part in (
                "Silent Current (demo)",
                "UNCLASSIFIED // EXERCISE",
                "L1",
                "Hybrid campaign",
                "T+00:01:15",
                "Thu 14 Jan 2027 07:01:15",
                "x5",
                "RUNNING",
            ):
                assert part in text, part

    run(go())


def test_pause_and_resume_from_the_keyboard(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test() as pilot:
            await pilot.press("ctrl+t")
            await until(pilot, lambda: "PAUSED" in plain(app.status_bar))
            assert app.session.engine.state.paused and app.clock.paused
            await advance(pilot, 120)  # the wall clock moves, the scenario clock does not
            assert app.now() == 0
            await pilot.press("ctrl+t")
            await until(pilot, lambda: "RUNNING" in plain(app.status_bar))
            assert kinds(app).count(Kind.PAUSED) == 1 and kinds(app).count(Kind.RESUMED) == 1

    run(go())


def test_faster_and_slower(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test() as pilot:
            await pilot.press("ctrl+up")
            await until(pilot, lambda: app.session.engine.state.speed == 10)
            assert app.clock.speed == 10 and "x10" in plain(app.status_bar)
            await pilot.press("ctrl+down", "ctrl+down")
            await until(pilot, lambda: app.session.engine.state.speed == 2)
            assert kinds(app).count(Kind.SPEED_SET) == 3

    run(go())


def test_jump_to_the_next_inject(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test() as pilot:
            await pilot.press("ctrl+n")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await settle(pilot)
            assert "at T+00:01:00" in plain(app.screen.query_one(".dialog-message"))
            assert app.session.engine.now == 0  # nothing happens before the answer
            await pilot.press("ctrl+y")
            await until(
                pilot, lambda: "anchor-drag-pipeline" in app.session.engine.state.delivered_at
            )
            assert app.session.engine.now == 60
            status = {r.key: r.status for r in app.console_view.msel.rows}
            assert status["anchor-drag-pipeline"] == "delivered"

    run(go())


def test_fire_the_selected_inject_only_after_confirmation(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test() as pilot:
            select_msel(app, "vessel-assessment")
            await pilot.press("ctrl+f")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("n")  # cancelled: nothing happens
            await settle(pilot)
            assert "vessel-assessment" not in app.session.engine.state.delivered_at
            await pilot.press("ctrl+f")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("tab", "space", "enter")  # the focus is on "no": cancelled
            await settle(pilot)
            assert "vessel-assessment" not in app.session.engine.state.delivered_at
            await pilot.press("ctrl+f")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("ctrl+y")
            await until(pilot, lambda: "vessel-assessment" in app.session.engine.state.delivered_at)
            delivered = [e for e in app.session.journal.events() if e.kind == Kind.INJECT_DELIVERED]
            assert delivered[-1].payload["cause"] == "fired by the facilitator"

    run(go())


def test_hold_and_release(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test() as pilot:
            select_msel(app, "anchor-drag-pipeline")
            await pilot.press("ctrl+o")
            await until(pilot, lambda: "anchor-drag-pipeline" in app.session.engine.state.held)
            assert app.console_view.msel.selected().status == "held"
            await advance(pilot, 90)  # its time passes: it stays held
            assert "anchor-drag-pipeline" not in app.session.engine.state.delivered_at
            await pilot.press("ctrl+o")
            await until(
                pilot, lambda: "anchor-drag-pipeline" in app.session.engine.state.delivered_at
            )

    run(go())


def test_a_rejected_command_says_why(make_app) -> None:
    async def go() -> None:
        app = make_app()
        messages: list[str] = []  # every notification the app makes, as it makes it
        notify = app.notify

        def record(message: str, **options) -> None:
            messages.append(message)
            notify(message, **options)

        app.notify = record
        async with app.run_test() as pilot:
            await advance(pilot, 60)
            select_msel(app, "anchor-drag-pipeline")  # already delivered
            await pilot.press("ctrl+o")
            await until(pilot, lambda: Kind.COMMAND_REJECTED in kinds(app))
            assert any("was already delivered" in m for m in messages), messages

    run(go())


def test_conditional_injects_show_their_condition_and_whether_it_holds(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            rows = {r.key: r for r in app.console_view.msel.rows}
            assert rows["supply-warning"].status == "conditional"
            assert rows["supply-warning"].holds is False
            select_msel(app, "supply-warning")
            await settle(pilot)
            detail = plain(app.query_one("#msel-detail"))
            assert "indicator(energy) < 90 (does not hold), after 1m" in detail
            assert rows["journalist-questions"].status == "waiting"

    run(go())


def test_pending_decisions_count_down_and_missed_ones_are_flagged(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(160, 48)) as pilot:
            await advance(pilot, 60)
            table = app.console_view.decisions
            assert [r.status for r in table.shown] == ["open"]
            assert table.get_cell("anchor-drag-pipeline", "left").plain == "04:00"
            await advance(pilot, 30)
            app.tick()
            assert table.get_cell("anchor-drag-pipeline", "left").plain == "03:30"
            await advance(pilot, 240)
            row = next(r for r in table.shown if r.inject == "anchor-drag-pipeline")
            assert row.status == "missed"
            assert table.get_cell("anchor-drag-pipeline", "status").plain == "MISSED"
            assert (
                "Wait for the operators" in table.get_cell("anchor-drag-pipeline", "choice").plain
            )

    run(go())


def test_indicators_by_pillar_with_history(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(160, 48)) as pilot:
            await advance(pilot, 60 + 240)  # the default applies: energy -20
            panel = app.console_view.indicators
            assert plain(panel.value_label("energy")) == "80%"
            spark = panel.sparkline("energy")
            assert spark.history[0][1] == 100 and spark.history[-1][1] == 80
            rendered = spark.render().plain
            assert rendered[0] == "█" and rendered[-1] != "█"
            pillars = [plain(w) for w in panel.query(".pillar")]
            assert pillars == ["Vital processes", "Resilient society"]

    run(go())


def test_the_feed_shows_every_committed_event(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(160, 48)) as pilot:
            await advance(pilot, 61)
            lines = [strip.text.strip() for strip in app.console_view.feed.lines]
            text = " ".join(lines)
            assert "Session started: Silent Current (demo)" in text
            assert "“Gas pipeline and data cable damaged on the seabed” delivered" in text

    run(go())


def test_adhoc_inject_composer(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("ctrl+a")
            await until(pilot, lambda: isinstance(app.screen, AdhocScreen))
            screen = app.screen
            await pilot.press("ctrl+s")  # empty: refused in the form, nothing sent
            await settle(pilot)
            assert isinstance(app.screen, AdhocScreen)
            assert "title" in plain(screen.query_one("#adhoc-title-error"))
            screen.query_one("#adhoc-title", Input).value = "Power cut in Zeeland"
            screen.query_one("#adhoc-text", TextArea).text = "The grid operator reports it."
            screen.query_one("#adhoc-to", SelectionList).select("nkc")
            screen.query_one("#adhoc-pillars", SelectionList).select("vital-processes")
            screen.query_one("#adhoc-method", Select).value = "phone"
            screen.query_one("#adhoc-sender", Input).value = "TenneT (SimCell)"
            await settle(pilot)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: bool(app.session.engine.state.adhoc))
            payload = app.session.engine.state.adhoc["adhoc-1"]
            assert payload["to"] == ["nkc"] and payload["method"] == "phone"
            assert payload["pillars"] == ["vital-processes"]
            assert app.session.engine.state.recipients["adhoc-1"] == ("nkc",)
            rows = {r.key: r for r in app.console_view.msel.rows}
            assert rows["adhoc-1"].status == "adhoc"

    run(go())


def test_observation_form(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("ctrl+b")
            await until(pilot, lambda: isinstance(app.screen, ObservationScreen))
            screen = app.screen
            screen.query_one("#obs-pillar", Select).value = "resilient-society"
            await settle(pilot)  # the pillar first: its objectives are offered
            screen.query_one("#obs-objective", Select).value = "obj-comms"
            screen.query_one("#kind-improvement").value = True
            screen.query_one("#obs-text", TextArea).text = "No action perspective in the message"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: bool(app.session.engine.state.observations))
            observation = app.session.engine.state.observations[0]
            assert observation["kind"] == "improvement"
            assert observation["objective"] == "obj-comms"
            assert observation["pillar"] == "resilient-society"
            assert observation["actor"] == "facilitator"

    run(go())


def test_escape_cancels_a_form(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test() as pilot:
            await pilot.press("ctrl+b")
            await until(pilot, lambda: isinstance(app.screen, ObservationScreen))
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, ObservationScreen))
            assert not app.session.engine.state.observations

    run(go())


def test_end_session_needs_confirmation(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test() as pilot:
            await pilot.press("ctrl+e")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("escape")
            await settle(pilot)
            assert not app.session.engine.ended
            await pilot.press("ctrl+e")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            # neither a letter nor tab, space and enter say yes: the focus is on "no"
            await pilot.press("y", "tab", "space", "tab", "enter")
            await settle(pilot)
            assert not app.session.engine.ended and not isinstance(app.screen, ConfirmScreen)
            await pilot.press("ctrl+e")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("ctrl+y")
            await until(pilot, lambda: app.session.engine.ended)
            await until(pilot, lambda: "ENDED" in plain(app.status_bar))
            assert kinds(app)[-1] == Kind.SESSION_ENDED

    run(go())


def test_ctrl_q_quits_at_once_and_the_journal_resumes(make_app) -> None:
    async def go():
        app = make_app()
        async with app.run_test() as pilot:
            await advance(pilot, 65)
            path = app.session.journal.path
            committed = len(kinds(app))
            await pilot.press("ctrl+q")
            await settle(pilot)
        return app, path, committed

    app, path, committed = asyncio.run(go())
    assert app.session.journal.closed if hasattr(app.session.journal, "closed") else True
    with Journal.open(path, readonly=True) as journal:
        assert journal.count() == committed
    resumed = Session.resume(path)
    try:
        assert "anchor-drag-pipeline" in resumed.engine.state.delivered_at
        assert not resumed.engine.ended
    finally:
        resumed.close()


def test_leaving_without_ctrl_q_also_closes_the_journal(make_app) -> None:
    async def go():
        app = make_app()
        async with app.run_test() as pilot:
            await advance(pilot, 10)
        return app

    app = asyncio.run(go())
    assert app.session.journal.closed
    resumed = Session.resume(app.session.journal.path)  # a journal left open would refuse
    resumed.close()


def test_the_command_palette_holds_the_controls(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test() as pilot:
            titles = [command.title for command in app.get_system_commands(app.screen)]
            for title in (
                "Pause or run the clock",
                "Faster clock",
                "Slower clock",
                "Jump to the next inject",
                "Fire the selected inject now",
                "Hold or release the selected inject",
                "Ad-hoc inject",
                "Observation",
                "End the session",
                "Show role: NCTV / ICCb chair",
            ):
                assert title in titles, title
            await pilot.press("ctrl+p")
            await until(pilot, lambda: isinstance(app.screen, CommandPalette))
            await pilot.press(*"next inject", "enter")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("ctrl+y")
            await until(pilot, lambda: app.session.engine.now == 60)

    run(go())


def test_footer_keys_follow_the_tab(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test() as pilot:
            await settle(pilot)
            shown = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
            assert {"fire", "hold", "adhoc", "observe", "toggle_pause", "end_session"} <= shown
            await pilot.press("f2")
            await settle(pilot)
            shown = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
            assert "fire" not in shown and "toggle_pause" in shown

    run(go())


def test_the_jump_names_the_decisions_it_would_miss(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await advance(pilot, 200)  # two decisions open: deadlines 5:00 and 6:00
            await pilot.press("ctrl+n")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            text = plain(app.screen.query_one(".dialog-message"))
            assert "at T+00:06:00" in text
            assert "will be missed" in text
            assert "KGG “Gas pipeline and data cable damaged on the seabed”: 01:40 left" in text
            assert "NKC" in text and "02:40 left" in text
            await pilot.press("escape")
            await settle(pilot)
            assert all(d.open for d in app.session.engine.state.decisions.values())
            await pilot.press("ctrl+n")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("ctrl+y")
            await until(pilot, lambda: app.session.engine.now >= 360)
            decisions = app.session.engine.state.decisions
            assert {i for i, d in decisions.items() if d.missed} >= {
                "anchor-drag-pipeline",
                "rationing-rumour",
            }, decisions

    run(go())


def test_help_lists_the_keys_of_the_screen_in_front(make_app) -> None:
    from exercise.ui.screens.modals import HelpScreen

    def shown(app) -> str:
        rows = " ".join(f"{keys} {does}" for keys, does in app.screen.rows)
        return plain(app.screen.query_one(".dialog-title")) + " " + rows

    async def go() -> None:
        app = make_app(paused=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("question_mark")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen))
            text = shown(app)
            assert "Keys: the facilitator console" in text
            for part in ("ctrl+t", "Pause", "ctrl+e", "End", "ctrl+f", "Fire", "ctrl+q"):
                assert part in text, part
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("ctrl+e")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("question_mark")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen))
            text = shown(app)
            assert "ctrl+y" in text and "Yes" in text and "esc / n" in text
            assert "ctrl+t" not in text  # the question's keys, not the console's
            await pilot.press("escape", "escape")
            await settle(pilot)
            assert not app.session.engine.ended

    run(go())


def test_help_speaks_dutch(make_app) -> None:
    from exercise.ui.screens.modals import HelpScreen

    async def go() -> None:
        app = make_app(lang="nl", paused=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("question_mark")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen))
            text = plain(app.screen.query_one(".dialog-title"))
            assert text == "Toetsen: de console van de oefenleider"
            does = [does for _keys, does in app.screen.rows]
            assert "Pauze" in does and "Einde" in does and "Hulp" in does

    run(go())
