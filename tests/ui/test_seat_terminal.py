"""`exercise join`'s seat app: a player's panel fed only by the host's views."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from conftest import scenario_text
from seat_rig import FAST, rig
from test_seat_host import INJECTS, LASTING, ROLES
from textual.widgets import Checkbox, Input, OptionList, Select, SelectionList, Static

from exercise.journal import Journal
from exercise.model import ApprovalRule, Communication, ProductKind, Scenario
from exercise.model.events import Kind
from exercise.seats.client import SeatClient
from exercise.seats.codes import JoinCodes
from exercise.seats.host import SeatHost
from exercise.seats.terminal import SeatApp
from exercise.sim import commands as c

from .conftest import until


def shown(app: SeatApp, selector: str) -> str:
    content = app.query_one(selector, Static).content
    return content.plain if hasattr(content, "plain") else str(content)


def test_a_terminal_seat_decides_and_keeps_what_was_typed_across_a_drop(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    scenario = load(scenario_text(roles=ROLES, injects=INJECTS))
    path = tmp_path / "s.db"

    async def main() -> None:
        async with rig(path, scenario) as r:
            await r.control(c.FireInject(inject="cut"))
            await r.control(
                c.AdhocInject(title="[b]Sirens[/b] \x1b[2J", text="Loud.", to=("nctv",))
            )
            client = SeatClient(r.url, r.codes["nctv"], retry_max=0.2)
            app = SeatApp(client)
            async with app.run_test(size=(120, 40)) as pilot:
                await until(pilot, lambda: len(app.view.get("inbox", ())) == 2)
                inbox = app.query_one("#inbox", OptionList)
                titles = [str(inbox.get_option_at_index(n).prompt) for n in range(2)]
                assert any("[b]Sirens[/b] \\x1b[2J" in t for t in titles)  # literally
                ids = [inbox.get_option_at_index(n).id for n in range(2)]
                inbox.focus()
                inbox.highlighted = ids.index("cut")
                await until(pilot, lambda: "The grid operator reports" in shown(app, "#detail"))
                # a note typed into the initiative field, then the host goes away and back
                app.query_one("#initiative", Input).value = "Call the mayor"
                port = r.host.port
                await r.host.close()
                await until(pilot, lambda: not client.connected.is_set())
                codes, _ = JoinCodes.for_session(path, {})
                again = SeatHost(r.driver, codes, limits=FAST)
                await again.start("127.0.0.1", port)
                try:
                    await until(pilot, lambda: client.connects == 2, rounds=2000)
                    assert app.query_one("#initiative", Input).value == "Call the mayor"
                    # decide cut: the highlighted option, a rationale, ctrl+d and ctrl+y
                    app.query_one("#rationale", Input).value = "Keep the grid up"
                    options = app.query_one("#options", OptionList)
                    options.focus()
                    options.highlighted = 0
                    await pilot.press("ctrl+d")
                    await pilot.press("ctrl+y")
                    decisions = r.session.engine.state.decisions
                    await until(pilot, lambda: decisions["cut"].decided_at is not None, rounds=2000)
                    assert (decisions["cut"].option, decisions["cut"].rationale) == (
                        "act",
                        "Keep the grid up",
                    )
                    await until(pilot, lambda: "taken" in shown(app, "#detail"), rounds=2000)
                finally:
                    await again.close()

    asyncio.run(asyncio.wait_for(main(), 60))


def test_a_terminal_seat_lifts_a_measure_in_force_saying_it_was_accounted_for(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    scenario = load(scenario_text(roles=ROLES, injects=INJECTS, measures=LASTING))

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            await r.control(c.TakeMeasure(actor="nctv", measure="powers"))
            app = SeatApp(SeatClient(r.url, r.codes["nctv"], retry_max=0.2))
            async with app.run_test(size=(120, 40)) as pilot:
                measures = app.query_one("#measures", OptionList)
                await until(pilot, lambda: measures.option_count == 1)
                assert "in force" in str(measures.get_option_at_index(0).prompt)
                measures.focus()
                measures.highlighted = 0
                app.query_one("#rationale", Input).value = "The threat has passed"
                app.query_one("#informed", Checkbox).value = True
                await pilot.press("ctrl+l")
                await pilot.press("ctrl+y")
                lifted = r.session.engine.state.lifted
                await until(pilot, lambda: "powers" in lifted, rounds=2000)
                await until(pilot, lambda: "lifted" in str(measures.get_option_at_index(0).prompt))
                # the box is cleared for the next one; lifting it again is refused
                assert not app.query_one("#informed", Checkbox).value
                await pilot.press("ctrl+l")
                assert not app.screen.is_modal  # nothing to confirm: it is no longer in force

    asyncio.run(asyncio.wait_for(main(), 60))
    with Journal.open(tmp_path / "s.db", readonly=True) as journal:
        [lifted] = [e for e in journal.events() if e.kind == Kind.MEASURE_LIFTED]
    assert lifted.payload["informed"] is True
    assert lifted.payload["rationale"] == "The threat has passed"


def test_a_terminal_seat_speaks_the_players_language(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    scenario = load(scenario_text(roles=ROLES, injects=INJECTS, measures=LASTING))

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            await r.control(c.TakeMeasure(actor="nctv", measure="powers"))
            app = SeatApp(SeatClient(r.url, r.codes["nctv"], lang="nl", retry_max=0.2))
            async with app.run_test(size=(120, 40)) as pilot:
                measures = app.query_one("#measures", OptionList)
                await until(pilot, lambda: measures.option_count == 1)
                assert "van kracht" in str(measures.get_option_at_index(0).prompt)
                keys = {
                    b.binding.description for b in app.active_bindings.values() if b.binding.show
                }
                assert {"maatregel intrekken", "besluiten", "verlaten"} <= keys
                assert "verbonden" in shown(app, "#status")

    asyncio.run(asyncio.wait_for(main(), 60))


def test_a_terminal_seat_shows_the_media_sent_to_another_role(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    post = """\
- id: post
  at: 30m
  to: [ezk]
  title: "[b]Viral[/b] post"
  text: The power was cut on purpose.
  pillars: [resilient-society]
  media: {kind: post, outlet: "@truthseeker", people: 5000}
"""
    narrative = """\
- id: hiding
  claim: The government hides the cause
  from: [post]
  start: 12
  answered_by: [threat-info]
"""
    scenario = load(
        scenario_text(roles=ROLES, injects=INJECTS, extra_injects=post, narratives=narrative)
    )

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            client = SeatClient(r.url, r.codes["nctv"], retry_max=0.2)
            app = SeatApp(client)
            async with app.run_test(size=(120, 40)) as pilot:
                await until(pilot, lambda: "ended" in app.view)
                await r.control(c.FireInject(inject="post"))
                await until(pilot, lambda: "@truthseeker" in shown(app, "#media"), rounds=2000)
                media = shown(app, "#media")
                assert "[b]Viral[/b] post" in media  # literally, and nctv was not sent it
                assert " 12.0% The government hides the cause" in media
                assert all(item["inject"] != "post" for item in app.view["inbox"])
            wall = SeatApp(SeatClient(r.url, r.codes["wall"], retry_max=0.2))
            async with wall.run_test(size=(120, 40)) as pilot:
                # the projector: the same media, and the public feed
                await until(pilot, lambda: "@truthseeker" in shown(wall, "#media"))
                assert " 12.0% The government hides the cause" in shown(wall, "#media")
                feed = shown(wall, "#history")
                assert "@truthseeker: [b]Viral[/b] post" in feed
                assert ", threat level L" in feed  # the phase it began in

    asyncio.run(asyncio.wait_for(main(), 60))


def _with_approval(scenario: Scenario) -> Scenario:
    """The scenario with ezk approving nctv's press releases."""
    rule = ApprovalRule(by="ezk", kinds=(ProductKind.PRESS_RELEASE,))
    return scenario.model_copy(update={"communication": Communication(approval=(rule,))})


def test_a_terminal_seat_drafts_a_product_and_the_approving_seat_issues_it(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    scenario = _with_approval(load(scenario_text(roles=ROLES, injects=INJECTS)))

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            await r.control(c.FireInject(inject="cut"))
            state = r.session.engine.state
            app = SeatApp(SeatClient(r.url, r.codes["nctv"], retry_max=0.2))
            async with app.run_test(size=(120, 40)) as pilot:
                answers = app.query_one("#answers", SelectionList)
                await until(pilot, lambda: answers.option_count == 1)
                app.query_one("#kind", Select).value = "press-release"
                app.query_one("#audience", Input).value = "Residents"
                app.query_one("#channel", Input).value = "[b]radio[/b]"
                app.query_one("#elements", SelectionList).select("action-perspective")
                answers.select("cut")
                app.query_one("#text", Input).value = "Stay indoors."
                await pilot.press("ctrl+o")
                await pilot.press("ctrl+y")
                await until(pilot, lambda: "P1" in state.submissions, rounds=2000)
                assert state.products == []  # it waits for ezk
                products = app.query_one("#products", OptionList)
                await until(pilot, lambda: products.option_count == 1, rounds=2000)
                assert "waiting for EZK" in str(products.get_option_at_index(0).prompt)
                assert app.query_one("#text", Input).value == ""  # an empty draft again
                # nothing of nctv's own waits for its approval: ctrl+g asks nothing
                products.highlighted = 0
                await pilot.press("ctrl+g")
                assert not app.screen.is_modal
            approver = SeatApp(SeatClient(r.url, r.codes["ezk"], retry_max=0.2))
            async with approver.run_test(size=(120, 40)) as pilot:
                products = approver.query_one("#products", OptionList)
                await until(pilot, lambda: products.option_count == 1)
                assert "waiting for your approval" in str(products.get_option_at_index(0).prompt)
                products.focus()
                products.highlighted = 0
                await pilot.press("ctrl+r")  # returning it needs a note
                assert not approver.screen.is_modal
                await pilot.press("ctrl+g")
                await pilot.press("ctrl+y")
                await until(pilot, lambda: bool(state.products), rounds=2000)
                await until(pilot, lambda: products.option_count == 0, rounds=2000)

    asyncio.run(asyncio.wait_for(main(), 60))
    with Journal.open(tmp_path / "s.db", readonly=True) as journal:
        [issued] = [e for e in journal.events() if e.kind == Kind.PRODUCT_ISSUED]
    assert issued.actor == "nctv"
    payload = issued.payload
    assert (payload["kind"], payload["audience"], payload["channel"]) == (
        "press-release",
        "Residents",
        "[b]radio[/b]",
    )
    assert (payload["text"], list(payload["answers"])) == ("Stay indoors.", ["cut"])
    assert payload["approved_by"] == "ezk"


def test_a_terminal_seat_sends_the_feedback_form_once_the_session_has_ended(
    load: Callable[[str], Scenario], tmp_path: Path
) -> None:
    scenario = load(scenario_text(roles=ROLES, injects=INJECTS))

    async def main() -> None:
        async with rig(tmp_path / "s.db", scenario) as r:
            app = SeatApp(SeatClient(r.url, r.codes["nctv"], retry_max=0.2))
            async with app.run_test(size=(120, 40)) as pilot:
                await until(pilot, lambda: "ended" in app.view)
                await pilot.press("ctrl+b")  # no form before the end
                assert not app.screen.is_modal
                await r.control(c.End())
                await until(pilot, lambda: bool(app.query("#fb-0")), rounds=2000)
                status = str(app.query_one("#status", Static).render())
                assert "ENDED" in status and "PAUSED" not in status  # not "paused" for good
                ids = [str(q["id"]) for q in app.view["feedback"]]
                scale = ids.index("realism")
                app.query_one("#fb-0", Input).value = "Clear roles"
                app.query_one(f"#fb-{scale}", Input).value = "4"
                app.query_one("#fb-name", Input).value = "Ann"
                await pilot.press("ctrl+b")
                await pilot.press("ctrl+y")
                await until(pilot, lambda: app.query_one("#fb-0", Input).value == "", rounds=2000)

    asyncio.run(asyncio.wait_for(main(), 60))
    with Journal.open(tmp_path / "s.db", readonly=True) as journal:
        [form] = [e for e in journal.events() if e.kind == Kind.FEEDBACK]
    assert form.actor == "Ann"
    assert form.payload["role"] == "nctv"
    given = {answer["id"]: answer["answer"] for answer in form.payload["answers"]}
    assert given == {"strengths": "Clear roles", "realism": 4}
