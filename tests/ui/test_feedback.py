"""The hot wash in the session UI: once the session has ended, each role panel offers the
feedback form; a sent form is journaled through the app's own session, and a user who
quits without filling it in loses nothing."""

from __future__ import annotations

import asyncio

from textual.widgets import RadioSet, TabbedContent, TextArea

from exercise.journal import Journal
from exercise.model.events import Kind
from exercise.ui.screens.modals import ConfirmScreen
from exercise.ui.widgets.feedback_form import FeedbackForm

from .conftest import plain, settle, until

NCTV = 1  # F2 is the first role


def run(coro) -> None:
    asyncio.run(coro)


async def _end(pilot, app) -> None:
    await pilot.press("ctrl+e")
    await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
    await pilot.press("ctrl+y")
    await until(pilot, lambda: app.session.engine.ended)


def test_no_feedback_tab_while_the_session_runs(make_app) -> None:
    async def go() -> None:
        app = make_app(paused=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press(f"f{NCTV + 1}")
            await settle(pilot)
            panel = app.role_panels[0]
            assert not panel.feedback_offered
            assert not panel.query(FeedbackForm)
            await pilot.press("7")  # nothing to show yet: no error, no tab
            await settle(pilot)
            assert not panel.query(FeedbackForm)

    run(go())


def test_a_role_fills_in_the_form_after_the_end(make_app) -> None:
    async def go() -> None:
        app = make_app(paused=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await _end(pilot, app)
            await pilot.press(f"f{NCTV + 1}")
            panel = app.role_panels[0]
            await until(pilot, lambda: panel.feedback_offered)
            await pilot.press("7")
            await settle(pilot)
            form = panel.query_one(FeedbackForm)
            assert panel.query_one(TabbedContent).active.endswith("-feedback")
            texts = form.query(TextArea)
            texts.first().text = "Quick [b]start[/b]"  # text, never markup
            form.query_one(RadioSet).query("OptionButton")[3].value = True  # realism 4
            await settle(pilot)
            form.send()
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("ctrl+y")
            await until(pilot, lambda: "recorded" in plain(panel.query_one(".fb-result")).lower())
            # emptied for the next participant of the role
            assert not panel.query_one(FeedbackForm).answers()
            path = app.session.journal.path
        with Journal.open(path, readonly=True) as journal:
            last = list(journal.events())[-1]
        assert last.kind == Kind.FEEDBACK
        assert last.payload["role"] == app.roles[0]
        answers = {a["id"]: a["answer"] for a in last.payload["answers"]}
        assert answers == {"strengths": "Quick [b]start[/b]", "realism": 4}

    run(go())


def test_an_empty_form_is_not_sent_and_quitting_loses_nothing(make_app) -> None:
    async def go() -> None:
        app = make_app(paused=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await _end(pilot, app)
            await pilot.press(f"f{NCTV + 1}")
            panel = app.role_panels[0]
            await until(pilot, lambda: panel.feedback_offered)
            await pilot.press("7")
            await settle(pilot)
            panel.query_one(FeedbackForm).send()
            await settle(pilot)
            assert not isinstance(app.screen, ConfirmScreen)
            assert "at least one" in plain(panel.query_one(".fb-result"))
            before = app.session.journal.count()
            await pilot.press("ctrl+q")
        assert app.return_code in (0, None)
        with Journal.open(app.session.journal.path, readonly=True) as journal:
            kinds = [e.kind for e in journal.events()]
        assert len(kinds) == before and Kind.FEEDBACK not in kinds
        assert kinds[-1] == Kind.SESSION_ENDED

    run(go())


def test_the_help_names_the_feedback_tab_only_after_the_end(make_app) -> None:
    async def go() -> None:
        app = make_app(paused=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press(f"f{NCTV + 1}")
            await settle(pilot)
            panel = app.role_panels[0]
            assert not panel.check_action("inner_tab", ("feedback",))
            await _end(pilot, app)
            await until(pilot, lambda: panel.feedback_offered)
            assert panel.check_action("inner_tab", ("feedback",))

    run(go())
