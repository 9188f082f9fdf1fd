"""Scenario, catalogue and player text shows literally; the UI speaks English and Dutch."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import OptionList, RadioButton

from exercise.content.loader import load_scenario
from exercise.language import default_language
from exercise.ui import i18n
from exercise.ui.i18n import STRINGS

from .conftest import advance, plain, settle

HOSTILE = "[bold red]Alarm[/] [link=https://evil.example]click[/link] <script>x()</script>"
ESCAPE = "\x1b[31mred\x1b[0m\x1b]8;;https://evil.example\x07link\x1b]8;;\x07"

SCENARIO = f"""\
format: 1
id: hostile
title: "{HOSTILE}"
classification: "[blink]SECRET[/blink]"
duration: 1h
phases:
  - {{id: p1, title: "[i]Phase[/i]", level: L1, at: 0}}
roles:
  - {{id: team, title: "[reverse]Team[/reverse]", kind: player}}
  - {{id: other, title: Other team, kind: player}}
indicators:
  - {{id: trust, title: "[u]Trust[/u]", pillar: resilient-society, start: 50}}
injects:
  - id: first
    at: 1m
    to: [team]
    from: "[b]Sender[/b]"
    title: "{HOSTILE}"
    text: "Body {HOSTILE} {ESCAPE.encode("unicode_escape").decode()}"
    pillars: [resilient-society]
    source: scenario-derived
    decision:
      prompt: "[bold]Choose[/bold]"
      deadline: 10m
      options:
        - {{id: a, label: "[red]Option A[/red]"}}
        - {{id: b, label: "Option B"}}
  - id: secret
    at: 2m
    to: [other]
    title: For the other team only
    text: Nothing for team.
    pillars: [resilient-society]
    source: scenario-derived
"""


def run(coro) -> None:
    asyncio.run(coro)


@pytest.fixture
def hostile(tmp_path: Path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    path = folder / "hostile.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return load_scenario(path)


def test_scenario_text_is_shown_literally(make_app, hostile) -> None:
    assert "\x1b" in hostile.injects[0].text  # the escape sequences did reach the model

    async def go() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(160, 48)) as pilot:
            await advance(pilot, 61)
            status = plain(app.status_bar)
            assert HOSTILE in status and "[blink]SECRET[/blink]" in status
            assert "[i]Phase[/i]" in status
            msel = app.console_view.msel
            assert msel.table.get_cell("first", "inject").plain == HOSTILE
            feed = " ".join(s.text for s in app.console_view.feed.lines)
            assert "[bold red]Alarm[/]" in feed
            await pilot.press("f2")
            await settle(pilot)
            team = app.role_panels[0]
            view = plain(team.query_one(".inject-view"))
            assert HOSTILE in view and "[b]Sender[/b]" in view
            assert "\x1b" not in view and "\x07" not in view
            assert "red" in view and "link" in view  # the words stay, the sequences go
            prompt = team.query_one(".inbox-list", OptionList).get_option_at_index(0).prompt
            assert HOSTILE in prompt.plain
            labels = [str(b.label) for b in team.query(RadioButton)]
            assert "[red]Option A[/red]" in labels
            assert plain(team.query_one(".form-prompt")) == "[bold]Choose[/bold]"
            assert "[reverse]Team[/reverse]" in plain(team.query_one(".role-heading"))
            # and nothing was styled by it: the screen shows the brackets
            svg = app.export_screenshot()
            assert "evil.example" in svg and "href" not in svg

    run(go())


def test_player_text_is_shown_literally(make_app, hostile) -> None:
    from exercise.sim import commands as c

    async def go() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(160, 48)) as pilot:
            command = c.SelfDecision(actor="team", text=HOSTILE + ESCAPE)
            assert (await app.driver.submit(command)).accepted
            adhoc = c.AdhocInject(title=HOSTILE, text=ESCAPE, to=("team",))
            assert (await app.driver.submit(adhoc)).accepted
            await settle(pilot)
            feed = " ".join(" ".join(s.text for s in app.console_view.feed.lines).split())
            assert "team decided on own initiative: " + HOSTILE in feed and "\x1b" not in feed
            await pilot.press("f2")
            await settle(pilot)
            team = app.role_panels[0]
            assert team.inbox[0].title == HOSTILE
            assert HOSTILE in plain(team.query_one(".inject-view"))

    run(go())


def test_a_player_never_sees_another_roles_inject(make_app, hostile) -> None:
    async def go() -> None:
        app = make_app(hostile)
        async with app.run_test() as pilot:
            await advance(pilot, 180)
            await pilot.press("f2")
            await settle(pilot)
            assert [p.inject for p in app.role_panels[0].inbox] == ["first"]
            await pilot.press("f3")
            await settle(pilot)
            assert [p.inject for p in app.role_panels[1].inbox] == ["secret"]

    run(go())


def test_the_ui_in_dutch(make_app) -> None:
    async def go() -> None:
        app = make_app(lang="nl")
        async with app.run_test(size=(160, 48)) as pilot:
            await advance(pilot, 61)
            status = plain(app.status_bar)
            assert "Stille Stroom (demo)" in status and "Hybride campagne" in status
            assert "do 14 jan 2027 07:01:01" in status and "LOOPT" in status
            descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
            assert {"Pauze", "Einde", "Afvuren"} <= descriptions
            feed = " ".join(s.text for s in app.console_view.feed.lines)
            assert "Sessie gestart: Stille Stroom (demo)" in feed
            await pilot.press("f3")
            await settle(pilot)
            kgg = app.role_panels[1]
            assert kgg.inbox[0].title == "Gasleiding en datakabel op de zeebodem beschadigd"
            labels = [str(b.label) for b in kgg.query(RadioButton)]
            assert labels[0].startswith("Netbeheerders opdragen")

    run(go())


def test_scenario_text_without_dutch_is_shown_as_written(make_app, hostile) -> None:
    async def go() -> None:
        app = make_app(hostile, lang="nl")
        async with app.run_test() as pilot:
            await settle(pilot)
            assert "Other team" in [c.title for c in app.get_system_commands(app.screen)][-2]

    run(go())


def test_every_ui_string_is_a_message_of_the_catalogue() -> None:
    """Each key names English that the catalogues know, so every language translates it
    (tests/test_language.py checks each translation and its placeholders)."""
    from babel.messages.pofile import read_po

    from exercise.language import LOCALE_DIR

    with (LOCALE_DIR / "exercise.pot").open("rb") as source:
        known = {m.id for m in read_po(source) if m.id}
    assert {key: en for key, en in STRINGS.items() if en not in known} == {}


def test_the_language_defaults_from_the_locale() -> None:
    assert default_language({"LANG": "nl_NL.UTF-8"}) == "nl"
    assert default_language({"LANG": "en_GB.UTF-8"}) == "en"
    assert default_language({"LC_ALL": "nl_BE.UTF-8", "LANG": "en_US"}) == "nl"
    assert default_language({}) == "en"
    assert i18n.countdown(61.2) == "01:02" and i18n.countdown(-5) == "00:00"


def test_the_scenario_list_wraps_at_word_boundaries_at_80_columns() -> None:
    import io

    from exercise.content.listing import list_scenarios, render_listing
    from exercise.model import RoleKind, localize

    listed = list_scenarios()
    out = io.StringIO()
    render_listing(listed, out, "en", width=80)
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 80 for line in lines)
    cells = [part.strip() for line in lines for part in line.split("│")]
    text = " ".join(" ".join(cells).split())
    for item in listed:
        assert item.scenario is not None
        assert item.scenario.id in cells  # an id is never broken
        for role in item.scenario.roles:
            if role.kind == RoleKind.PLAYER:
                for word in localize(role.title, "en").split():
                    assert word in text.split() or word + "," in text.split(), word
