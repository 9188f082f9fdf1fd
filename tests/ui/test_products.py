"""Communication products in a role's panel: drafting one, the approving role approving or
returning it, the state each role sees, and the live feed; everything shown only once the
journal has it."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Input, Select, SelectionList, TextArea

from exercise.model import ApprovalRule, Communication, ProductKind
from exercise.ui.screens.product import ApprovalScreen, ProductScreen

from .conftest import advance, plain, settle, until
from .test_roles import KGG, NKC, panel, run


def _with_approval(demo):
    """The demo, with the NKC approving press releases."""
    scenario = demo[0]
    rule = ApprovalRule(by="nkc", kinds=(ProductKind.PRESS_RELEASE,))
    return scenario.model_copy(update={"communication": Communication(approval=(rule,))})


def _rows(app, role: str) -> list[tuple[str, str]]:
    table = panel(app, role).query_one(".product-table", DataTable)
    return [
        (table.get_row_at(n)[0].plain, table.get_row_at(n)[3].plain) for n in range(table.row_count)
    ]


async def _draft(pilot, app, text: str) -> None:
    """As KGG: p opens the form; a press release answering the pipeline inject."""
    await pilot.press(f"f{KGG + 1}")
    await settle(pilot)
    await pilot.press("p")
    await until(pilot, lambda: isinstance(app.screen, ProductScreen))
    screen = app.screen
    screen.query_one("#prod-kind", Select).value = "press-release"
    await settle(pilot)
    assert "for approval" in plain(screen.query_one(".prod-approval"))
    screen.query_one("#prod-audience", Input).value = "Residents of the coast"
    screen.query_one("#prod-elements", SelectionList).select("action-perspective")
    screen.query_one("#prod-answers", SelectionList).select("anchor-drag-pipeline")
    screen.query_one("#prod-text", TextArea).text = text
    await pilot.press("ctrl+s")


def test_a_product_waits_for_approval_then_is_issued(make_app, demo) -> None:
    async def go() -> None:
        app = make_app(scenario=_with_approval(demo))
        async with app.run_test(size=(120, 40)) as pilot:
            await advance(pilot, 60)
            await _draft(pilot, app, "Gas supply is safe; check on your neighbours.")
            state = app.session.engine.state
            await until(pilot, lambda: "P1" in state.submissions)
            assert state.products == []
            await until(pilot, lambda: bool(_rows(app, "kgg")))
            assert _rows(app, "kgg") == [("P1", "waiting for NKC crisis communication")]
            # the NKC sees it waiting, returns it without a note (refused), then approves
            await pilot.press(f"f{NKC + 1}")
            await settle(pilot)
            await pilot.press("5")
            await settle(pilot)
            assert _rows(app, "nkc")[0][0] == "P1"
            assert "waiting for you" in _rows(app, "nkc")[0][1]
            panel(app, "nkc").query_one(".product-table", DataTable).focus()
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, ApprovalScreen))
            shown = plain(app.screen.query_one(".dialog-message"))
            assert shown == "Gas supply is safe; check on your neighbours."
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert "Say why it goes back" in plain(app.screen.query_one("#appr-note-error"))
            await pilot.press("ctrl+s")
            await until(pilot, lambda: bool(state.products))
            assert (state.products[0].product, state.products[0].approved_by) == ("P1", "nkc")
            await pilot.press(f"f{KGG + 1}")
            await until(pilot, lambda: _rows(app, "kgg")[0][1].startswith("issued"))
            assert _rows(app, "kgg") == [("P1", "issued, approved by NKC crisis communication")]
            await pilot.press("f1")
            await settle(pilot)
            feed = " ".join(" ".join(s.text for s in app.console_view.feed.lines).split())
            assert "kgg issued press release P1 for Residents of the coast, approved by nkc" in feed

    run(go())


def test_a_returned_product_shows_the_note(make_app, demo) -> None:
    async def go() -> None:
        app = make_app(scenario=_with_approval(demo))
        async with app.run_test(size=(120, 40)) as pilot:
            await advance(pilot, 60)
            await _draft(pilot, app, "Something happened.")
            state = app.session.engine.state
            await until(pilot, lambda: "P1" in state.submissions)
            await pilot.press(f"f{NKC + 1}")
            await settle(pilot)
            await pilot.press("5")
            await settle(pilot)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, ApprovalScreen))
            await pilot.press(*"Too vague")
            await pilot.press("ctrl+r")
            await until(pilot, lambda: state.submissions["P1"].status == "returned")
            assert state.products == []
            await pilot.press(f"f{KGG + 1}")
            await until(pilot, lambda: _rows(app, "kgg")[0][1] == "returned: Too vague")

    run(go())


def test_a_product_shows_only_once_journaled(make_app, demo) -> None:
    async def go() -> None:
        app = make_app()  # no approval: issued at once
        async with app.run_test(size=(120, 40)) as pilot:
            await advance(pilot, 60)
            gate = asyncio.Event()
            real_submit = app.driver.submit
            tasks: list[asyncio.Task] = []

            def slow_submit(command):
                future = asyncio.get_running_loop().create_future()

                async def later() -> None:
                    await gate.wait()
                    future.set_result(await real_submit(command))

                tasks.append(asyncio.ensure_future(later()))
                return future

            app.driver.submit = slow_submit
            await _draft_plain(pilot, app)
            await settle(pilot)
            assert _rows(app, "kgg") == []
            assert "Submitting" in plain(panel(app, "kgg").query_one(".product-result"))
            gate.set()
            await until(pilot, lambda: bool(_rows(app, "kgg")))
            assert _rows(app, "kgg") == [("P1", "issued")]
            assert "Recorded" in plain(panel(app, "kgg").query_one(".product-result"))

    run(go())


async def _draft_plain(pilot, app) -> None:
    await pilot.press(f"f{KGG + 1}")
    await settle(pilot)
    await pilot.press("p")
    await until(pilot, lambda: isinstance(app.screen, ProductScreen))
    screen = app.screen
    await pilot.press("ctrl+s")  # nothing filled in: the form says what is missing
    await settle(pilot)
    assert "Choose the kind" in plain(screen.query_one("#prod-kind-error"))
    assert "Write the text first" in plain(screen.query_one("#prod-text-error"))
    screen.query_one("#prod-kind", Select).value = "social-post"
    await settle(pilot)
    assert "Issued at once" in plain(screen.query_one(".prod-approval"))
    screen.query_one("#prod-audience", Input).value = "Everyone"
    screen.query_one("#prod-text", TextArea).text = "Keep calm."
    await pilot.press("ctrl+s")
