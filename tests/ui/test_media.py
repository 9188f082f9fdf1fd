"""The media pane: every player sees the news and social feed and the narratives in it,
whatever roles a media inject was sent to, written literally and without MSEL fields;
exercise control sees every narrative, those not started too."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from conftest import scenario_text

from exercise.model import Scenario
from exercise.ui.widgets.indicators import IndicatorsPanel
from exercise.ui.widgets.media import MediaPane

from .conftest import advance, plain, settle

HOSTILE_OUTLET = "[bold red]Dagblad[/] \x1b]0;x\x07"

ROLES = """\
- {id: nctv, title: NCTV chair, kind: player}
- {id: ezk, title: Energy ministry, kind: player}
- {id: excon, title: Exercise control, kind: facilitator}
"""

INDICATORS = """\
- {id: trust, title: Public trust, pillar: resilient-society, start: 70, min: 0, max: 100}
"""

INJECTS = f"""\
- id: post
  at: 1m
  to: [nctv]
  title: A viral post
  text: A post claims the government hides the cause of the outage.
  pillars: [resilient-society]
  notes: SECRET controller note
  expected:
    - {{action: SECRET expected rebuttal, role: nctv}}
  media: {{kind: post, outlet: {HOSTILE_OUTLET!r}, people: 120000}}
- {{id: memo, at: 2m, to: [nctv], title: Memo, text: A memo., pillars: [resilient-society]}}
- id: later
  at: 1h
  to: [nctv]
  title: Late piece
  text: Later.
  pillars: [resilient-society]
  media: {{kind: tv, outlet: NOS, reach: 5}}
"""

NARRATIVES = """\
- id: hiding
  claim: The government is hiding the cause
  from: [post]
  start: 10
  growth: 12
  every: 10m
  answered_by: [threat-info]
  effects: {trust: -0.5}
- id: fuel
  claim: Fuel will run out tomorrow
  from: [later]
  answered_by: [action-perspective]
"""


def media_scenario(load: Callable[[str], Scenario]) -> Scenario:
    return load(
        scenario_text(
            roles=ROLES,
            indicators=INDICATORS,
            injects=INJECTS,
            objectives=None,
            narratives=NARRATIVES,
        )
    )


def test_every_player_sees_the_media_and_the_narratives_that_started(make_app, load) -> None:
    async def go() -> None:
        app = make_app(media_scenario(load))
        async with app.run_test(size=(120, 40)) as pilot:
            await advance(pilot, 11 * 60)
            await pilot.press("f3")  # ezk: the post was sent to nctv only
            await settle(pilot)
            await pilot.press("6")
            await settle(pilot)
            pane = app.role_panels[app.roles.index("ezk")].query_one(MediaPane)
            shown = plain(pane.query_one(".media-view"))
            assert "A viral post" in shown and "120,000 people" in shown
            assert "Social media post · [bold red]Dagblad[/] \\x1b]0;x\\x07" in shown
            assert "The government is hiding the cause" in shown
            assert "12% of the public" in shown  # 10 at the start, +2 after ten minutes
            assert "Memo" not in shown  # not a media inject
            assert "Fuel will run out" not in shown  # not started: only exercise control
            assert "SECRET" not in shown

    asyncio.run(go())


def test_exercise_control_sees_every_narrative(make_app, load) -> None:
    async def go() -> None:
        app = make_app(media_scenario(load))
        async with app.run_test(size=(120, 40)) as pilot:
            await advance(pilot, 2 * 60)
            await settle(pilot)
            shown = plain(app.query_one(IndicatorsPanel).query_one(".narratives"))
            assert "The government is hiding the cause" in shown and "10% of" in shown
            assert "Fuel will run out tomorrow" in shown and "not started" in shown

    asyncio.run(go())
