"""ctrl+e in a text field: the field keeps it (the cursor to the end of the line), the
footer shows escape to leave the field, and from there ctrl+e ends the session."""

from __future__ import annotations

import asyncio

from textual.widgets import Input, Tabs, TextArea

from exercise.model.events import Kind
from exercise.ui.screens.modals import ConfirmScreen

from .conftest import advance, settle, until

KGG = 2  # the demo's role on F3, whose inbox has a decision a minute in


def shown(app) -> dict[str, str]:
    """What the footer offers now: key to action, for the bindings it shows."""
    return {
        key: active.binding.action
        for key, active in app.screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


def journal_kinds(app) -> list[str]:
    return [e.kind for e in app.session.journal.events()]


def test_ctrl_e_in_a_text_field_edits_and_escape_leads_to_the_end(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press(f"f{KGG + 1}", "2")  # the role's own initiative: a text area
            await settle(pilot)
            field = app.focused
            assert isinstance(field, TextArea)
            await pilot.press(*"Call the ICCb", "home", "ctrl+e")
            await settle(pilot)
            assert not isinstance(app.screen, ConfirmScreen)
            assert field.cursor_location == (0, len("Call the ICCb"))  # the field's own key
            footer = shown(app)
            assert footer.get("escape") == "leave_field" and "ctrl+e" not in footer
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.focused, Tabs)  # the panel's tab strip: its keys still work
            assert field.text == "Call the ICCb"  # nothing typed is lost
            footer = shown(app)
            assert footer.get("ctrl+e") == "end_session" and "escape" not in footer
            await pilot.press("ctrl+e")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("ctrl+y")
            await until(pilot, lambda: Kind.SESSION_ENDED in journal_kinds(app), rounds=2000)

    asyncio.run(go())


def test_escape_leaves_a_decisions_rationale_for_the_end_key(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await advance(pilot, 60)
            await pilot.press(f"f{KGG + 1}", "d", "tab")  # to the decision's rationale
            await settle(pilot)
            assert isinstance(app.focused, Input)
            await pilot.press(*"Wait", "ctrl+e")
            await settle(pilot)
            assert not isinstance(app.screen, ConfirmScreen)
            assert shown(app).get("escape") == "leave_field"
            await pilot.press("escape", "ctrl+e")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("escape")  # no: the session goes on
            await settle(pilot)
            assert Kind.SESSION_ENDED not in journal_kinds(app)
            assert not app.session.engine.ended

    asyncio.run(go())
