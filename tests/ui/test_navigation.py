"""Getting around the session UI: every role one key away, the panel's own tabs, `d` to the
oldest open decision, new injects marked unread, countdowns in both clocks, whole texts,
and the console's layout at the sizes a room uses."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import OptionList, RadioSet, TabbedContent, TextArea

from exercise.content.loader import load_catalogue, load_scenario
from exercise.content.resources import default_catalogue_dirs, find_scenario
from exercise.sim import commands as c
from exercise.ui.screens.role_picker import RolePicker
from exercise.ui.widgets.checks import (
    CHECK_OFF,
    CHECK_ON,
    RADIO_OFF,
    RADIO_ON,
    CheckList,
    OptionButton,
)

from .conftest import advance, plain, settle, until

LONG = (
    "Ask the police and the Royal Netherlands Marechaussee to step up surveillance of "
    "ports, rail yards and depots used for military transport, activate the L2 playbooks "
    "and inform the public about what they can do themselves (endword)"
)

SCENARIO = f"""\
format: 1
id: nav
title: Navigation
duration: 1h
speed: 20
phases:
  - {{id: p1, title: One, level: L1, at: 0}}
roles:
  - {{id: team, title: Team, kind: player}}
  - {{id: other, title: Other team, kind: player}}
indicators:
  - id: trust
    title: Public trust in the government's crisis communication
    pillar: resilient-society
    start: 50
injects:
  - id: first
    at: 1m
    to: [team]
    title: First question
    text: The first question.
    pillars: [resilient-society]
    source: scenario-derived
    decision:
      prompt: Choose
      deadline: 30m
      options:
        - {{id: a, label: "{LONG}"}}
        - {{id: b, label: Wait}}
  - id: second
    at: 2m
    to: [team]
    title: Second question
    text: The second question.
    pillars: [resilient-society]
    source: scenario-derived
    decision:
      prompt: Choose again
      deadline: 30m
      options:
        - {{id: a, label: Act}}
        - {{id: b, label: Wait}}
  - id: news
    at: 3m30s
    to: [team, other]
    title: News for both
    text: Something happened.
    pillars: [resilient-society]
    source: scenario-derived
"""


def run(coro) -> None:
    asyncio.run(coro)


@pytest.fixture
def nav(tmp_path: Path):
    path = tmp_path / "nav.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return load_scenario(path)


@pytest.fixture(scope="module")
def noordzee():
    path = find_scenario("noordzee-schaduw")
    assert path is not None
    return load_scenario(path, load_catalogue(default_catalogue_dirs(path)))


def big_msel(tmp_path: Path, count: int = 120) -> Path:
    """A scenario of `count` injects, each to three roles (numbers of three digits)."""
    roles = ["nctv", "defensie", "ezk", "bzk", "nkc", "vr-rotterdam"]
    lines = [
        "format: 1",
        "id: many",
        "title: Many injects",
        "duration: 3h",
        "phases:",
        "  - {id: p1, title: One, level: L1, at: 0}",
        "roles:",
        *[f"  - {{id: {r}, title: {r.upper()}, kind: player}}" for r in roles],
        "injects:",
    ]
    for n in range(count):
        to = ", ".join(roles[(n + k) % len(roles)] for k in range(3))
        lines += [
            f"  - id: inject-{n}",
            f"    at: {n * 60}s",
            f"    to: [{to}]",
            f"    title: Inject number {n + 1} about a long and winding subject",
            "    text: Something.",
            "    pillars: [resilient-society]",
            "    source: scenario-derived",
        ]
    path = tmp_path / "many.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_every_role_is_one_key_away(make_app, noordzee) -> None:
    async def go() -> None:
        app = make_app(noordzee, paused=True)
        async with app.run_test(size=(160, 48)) as pilot:
            roles = len(app.roles)
            assert roles == 13
            for k in range(10):  # F2 to F11: the first ten roles
                await pilot.press(f"f{k + 2}")
                await settle(pilot)
                assert app.tabs.active == f"role-{k}"
            await pilot.press("f1")
            await settle(pilot)
            seen = []
            for _ in range(roles + 1):  # every tab in turn, and round to the console
                await pilot.press("ctrl+pagedown")
                await settle(pilot)
                seen.append(app.tabs.active)
            assert seen == [f"role-{k}" for k in range(roles)] + ["console"]
            await pilot.press("ctrl+pageup")
            await settle(pilot)
            assert app.tabs.active == f"role-{roles - 1}"
            # the picker lists the console and every role; typing filters, enter goes
            await pilot.press("f1", "f12")
            await until(pilot, lambda: isinstance(app.screen, RolePicker))
            assert len(app.screen.shown) == roles + 1
            await pilot.press(*"groningen")
            await settle(pilot)
            assert [e.short for e in app.screen.shown] == ["VR-GRONINGEN"]
            await pilot.press("enter")
            await until(pilot, lambda: not isinstance(app.screen, RolePicker))
            assert app.active_view().role == "vr-groningen"  # type: ignore[union-attr]
            # escape closes the picker without moving
            await pilot.press("f12")
            await until(pilot, lambda: isinstance(app.screen, RolePicker))
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, RolePicker))
            assert app.active_view().role == "vr-groningen"  # type: ignore[union-attr]

    run(go())


def test_a_panels_own_tabs_are_a_key_each(make_app) -> None:
    async def go() -> None:
        app = make_app(paused=True)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("f2")
            await settle(pilot)
            tabs = app.role_panels[0].query_one(TabbedContent)
            await pilot.press("3")
            await settle(pilot)
            assert tabs.active == "r0-measures"
            await pilot.press("4")
            await settle(pilot)
            assert tabs.active == "r0-history"
            await pilot.press("2")
            await settle(pilot)
            assert tabs.active == "r0-initiative"
            assert isinstance(app.focused, TextArea)  # ready to write; tab leaves the field
            await pilot.press("tab", "1")
            await settle(pilot)
            assert tabs.active == "r0-inbox"

    run(go())


def test_d_opens_the_oldest_open_decision_whatever_the_inbox_shows(make_app, nav) -> None:
    async def go() -> None:
        app = make_app(nav)
        async with app.run_test(size=(120, 40)) as pilot:
            await advance(pilot, 150)
            await pilot.press("f2")
            await settle(pilot)
            team = app.role_panels[0]
            listing = team.query_one(".inbox-list", OptionList)
            assert [p.inject for p in team.inbox] == ["second", "first"]
            assert listing.highlighted == 0  # the newest: "second"
            await pilot.press("d")
            await settle(pilot)
            assert team.inbox[listing.highlighted or 0].inject == "first"
            assert team.decision_form is not None and team.decision_form.inject == "first"
            assert isinstance(app.focused, RadioSet)
            assert app.focused in team.decision_form.query(RadioSet)
            # from another tab of the panel too
            await pilot.press("tab", "tab", "tab", "tab")
            team.action_inner_tab("history")
            await settle(pilot)
            decided = c.Decide(actor="team", inject="first", option="b")
            assert (await app.driver.submit(decided)).accepted
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            assert team.query_one(TabbedContent).active == "r0-inbox"
            assert team.decision_form is not None and team.decision_form.inject == "second"
            assert isinstance(app.focused, RadioSet)

    run(go())


def test_a_new_inject_shows_at_once_marked_unread(make_app, nav) -> None:
    async def go() -> None:
        app = make_app(nav)
        async with app.run_test(size=(120, 40)) as pilot:
            await advance(pilot, 150)
            await pilot.press("f2")
            await settle(pilot)
            team = app.role_panels[0]
            listing = team.query_one(".inbox-list", OptionList)
            await advance(pilot, 70)  # "news" arrives while the panel is on screen
            assert team.inbox[0].inject == "news"
            assert team.inbox[listing.highlighted or 0].inject == "second"  # reader's place
            assert "•" in listing.get_option_at_index(0).prompt.plain  # type: ignore[union-attr]
            assert team.unread() == 2  # news, and first (never opened)
            assert "2 unread" in plain(team.query_one(".role-heading"))
            listing.highlighted = 0  # the player opens it
            await settle(pilot)
            assert team.unread() == 1
            assert "•" not in listing.get_option_at_index(0).prompt.plain  # type: ignore[union-attr]
            # a hidden role's unread injects are counted in the picker
            entries = {e.short: e for e in app.picker_entries()}
            assert entries["OTHER"].unread == 1 and entries["TEAM"].open == 2

    run(go())


def test_a_countdown_shows_scenario_and_real_time(make_app, nav) -> None:
    async def go() -> None:
        app = make_app(nav)
        async with app.run_test(size=(120, 40)) as pilot:
            await advance(pilot, 200)
            await pilot.press("f2", "d")
            await settle(pilot)
            app.tick()
            deadline = app.role_panels[0].query_one(".form-deadline")
            # first: deadline 31:00, now 3:20 -> 27:40 left, 83 s at x20
            assert plain(deadline) == "Deadline in 27:40 (1:23 real at x20)"
            await pilot.press("f1")
            await settle(pilot)
            decisions = app.console_view.decisions
            assert decisions.get_cell("first", "left").plain == "27:40"
            assert decisions.get_cell("first", "real").plain == "1:23"
            assert (await app.driver.submit(c.Pause())).accepted
            await settle(pilot)
            app.tick()
            assert decisions.get_cell("first", "real").plain == "paused"
            await pilot.press("f2")
            await settle(pilot)
            app.tick()
            assert plain(deadline) == "Deadline in 27:40 (clock paused)"

    run(go())


def test_options_wrap_whole_at_80_columns(make_app, nav) -> None:
    async def go() -> None:
        app = make_app(nav)
        async with app.run_test(size=(80, 24)) as pilot:
            await advance(pilot, 70)
            await pilot.press("f2", "d")
            await settle(pilot)
            button = app.role_panels[0].query_one("#opt-0", OptionButton)
            assert button.size.height >= 3
            assert " ".join(LONG.split()) in " ".join(button.render().plain.split())
            assert "(endword)" in app.export_screenshot()

    run(go())


def test_ticked_and_unticked_differ_by_shape(make_app, nav) -> None:
    async def go() -> None:
        app = make_app(nav)
        async with app.run_test(size=(120, 40)) as pilot:
            await advance(pilot, 70)
            await pilot.press("f2", "d", "down", "space")
            await settle(pilot)
            buttons = list(app.role_panels[0].query(OptionButton))
            marks = [b.render().plain[1] for b in buttons]
            assert marks == [RADIO_OFF, RADIO_ON]
            await pilot.press("2")  # the own-initiative tab, with its check lists
            await settle(pilot)
            pillars = app.role_panels[0].query_one(".init-pillars", CheckList)
            pillars.select("resilient-society")  # the second of the list
            await settle(pilot)
            width = pillars.size.width
            lines = [pillars.render_line(y) for y in range(2)]
            marks = [list(line)[1].text for line in lines]
            assert marks == [CHECK_OFF, CHECK_ON] and width > 0

    run(go())


def test_the_msel_fits_its_numbers_and_recipients(make_app, tmp_path) -> None:
    scenario = load_scenario(big_msel(tmp_path))

    async def go() -> None:
        app = make_app(scenario, paused=True)
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            table = app.console_view.msel.table
            widths = {k: col.width for k, col in table.columns.items()}
            assert widths["n"] >= 3
            assert sum(w + 2 for w in widths.values()) <= table.scrollable_content_region.width
            assert widths["to"] >= 16
            table.move_cursor(row=119)
            await settle(pilot)
            row = int(table.scroll_y)
            line = "".join(s.text for s in table.render_line(119 - row + 1))
            assert "120" in line and "vr-rotterdam, nctv" in line
            await pilot.resize_terminal(80, 24)
            await settle(pilot)
            assert table.columns["to"].width == 0  # no room: the details show them
            detail = plain(app.query_one("#msel-detail"))
            assert "to: vr-rotterdam, nctv, defensie" in detail

    run(go())


def test_the_feed_wraps_again_after_a_resize(make_app) -> None:
    async def go() -> None:
        app = make_app()
        async with app.run_test(size=(160, 48)) as pilot:
            await advance(pilot, 120)
            feed = app.console_view.feed
            before = len(feed.lines)
            await pilot.resize_terminal(80, 24)
            await settle(pilot)
            width = feed.scrollable_content_region.width
            assert len(feed.lines) > before
            assert all(line.cell_length <= width for line in feed.lines)

    run(go())


def test_a_status_note_never_hides_the_clock(make_app) -> None:
    async def go() -> None:
        app = make_app(paused=True)
        async with app.run_test(size=(80, 24)) as pilot:
            bar = app.status_bar
            bar.set_note("✓ clock moved to the next inject, and a lot more to say", "", 1e12)
            bar.show(app.session.engine.state, app.now())
            await settle(pilot)
            lines = bar.render_lines(Region(0, 0, bar.size.width, 2))
            text = ["".join(s.text for s in line) for line in lines]
            assert "clock moved" in text[0]
            assert "T+00:00:00" in text[1] and "PAUSED" in text[1]

    run(go())
