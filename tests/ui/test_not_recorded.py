"""Nothing is shown that the journal did not record: a full disk stops the session plainly,
and a command sent just before leaving is recorded or said to be lost."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input

from exercise.journal import Journal, verify
from exercise.model.events import Kind
from exercise.sim.clock import VirtualClock
from exercise.sim.session import Session
from exercise.ui.app import create_app, start_session
from exercise.ui.screens.modals import ConfirmScreen, StoppedScreen
from exercise.ui.widgets.decision_form import DecisionForm

from .conftest import FakeTime, plain, settle, until

KGG_KEY = "f3"
INJECT = "anchor-drag-pipeline"


def paused_app(session: Session):
    state = session.engine.state
    clock = VirtualClock(
        start=session.engine.now, speed=state.speed, paused=True, monotonic=FakeTime()
    )
    return create_app(session, lang="en", clock=clock)


def kgg_form(app) -> DecisionForm:
    found = app.role_panels[app.roles.index("kgg")].decision_form
    assert found is not None
    return found


def test_a_decision_on_a_full_disk_is_not_shown_as_taken(tmp_path: Path, demo) -> None:
    path = tmp_path / "full.db"
    scenario, templates = demo
    session = start_session(scenario, path, templates=templates)
    session.engine.advance_to(61)  # the KGG's decision is open
    session.commit()
    session.close()
    # Room for small events, not for a long rationale: the commit fails with SQLITE_FULL.
    session = Session.resume(path, templates=templates, max_bytes=path.stat().st_size + 4096)
    recorded = session.journal.count()

    async def go():
        app = paused_app(session)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press(KGG_KEY)
            await settle(pilot)
            await pilot.press("d")
            await pilot.press("down", "space", "tab")
            assert isinstance(app.focused, Input)
            app.focused.value = "rationale " * 900  # a long paste
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("ctrl+y")
            await until(pilot, lambda: isinstance(app.screen, StoppedScreen))
            message = plain(app.screen.query_one(".dialog-message"))
            assert "disk is full" in message
            assert f"exercise resume {path}" in message
            assert not app.session.engine.state.decided(INJECT)
            assert not kgg_form(app).has_class("-closed")
            assert "Decided" not in plain(kgg_form(app).query_one(".form-result"))
            await pilot.press("ctrl+q")
        return app

    app = asyncio.run(go())
    assert app.not_recorded == ["decide"]
    with Journal.open(path, readonly=True) as journal:
        assert journal.count() == recorded
        assert Kind.DECISION_TAKEN not in {event.kind for event in journal.events()}
    assert verify(path).ok
    resumed = Session.resume(path, templates=templates)
    try:
        assert resumed.engine.state.decisions[INJECT].open
    finally:
        resumed.close()


def test_a_decision_confirmed_in_the_same_keystrokes_as_ctrl_q_is_recorded(
    tmp_path: Path, demo
) -> None:
    path = tmp_path / "quick.db"
    scenario, templates = demo
    session = start_session(scenario, path, templates=templates)
    session.engine.advance_to(61)
    session.commit()

    async def go():
        app = paused_app(session)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press(KGG_KEY)
            await settle(pilot)
            await pilot.press("d", "down", "space", "tab", "enter")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("ctrl+y", "ctrl+q")
        return app

    app = asyncio.run(go())
    assert app.not_recorded == []
    with Journal.open(path, readonly=True) as journal:
        taken = [e for e in journal.events() if e.kind == Kind.DECISION_TAKEN]
    assert [e.payload["inject"] for e in taken] == [INJECT]
