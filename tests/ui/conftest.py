"""Fixtures for the UI tests: the app on a real session, with a clock that only moves when
the test says so (a running clock makes UI tests flaky)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from exercise.cli.setup import templates_of
from exercise.content.loader import load_catalogue, load_scenario
from exercise.content.resources import default_catalogue_dirs, find_scenario
from exercise.model import Scenario
from exercise.sim.clock import VirtualClock
from exercise.ui.app import ExerciseApp, create_app, start_session


class FakeTime:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="session")
def demo() -> tuple[Scenario, dict]:
    path = find_scenario("demo")
    assert path is not None
    catalogue = load_catalogue(default_catalogue_dirs(path))
    return load_scenario(path, catalogue), templates_of(catalogue)


AppFactory = Callable[..., ExerciseApp]


@pytest.fixture
def make_app(tmp_path: Path, demo: tuple[Scenario, dict]) -> AppFactory:
    """`make_app(scenario=None, lang="en", paused=False)`: the app on a new session whose
    clock runs on `app.fake_time` (it stands still until `advance` moves it)."""
    count = 0

    def make(scenario: Scenario | None = None, lang: str = "en", paused: bool = False):
        nonlocal count
        count += 1
        templates = demo[1] if scenario is None else {}
        scenario = scenario or demo[0]
        session = start_session(
            scenario, tmp_path / f"journal-{count}.db", paused=paused, templates=templates
        )
        fake = FakeTime()
        state = session.engine.state
        clock = VirtualClock(
            start=session.engine.now, speed=state.speed, paused=state.paused, monotonic=fake
        )
        app = create_app(session, lang=lang, clock=clock)
        app.fake_time = fake  # type: ignore[attr-defined]
        return app

    return make


async def settle(pilot, rounds: int = 3) -> None:
    for _ in range(rounds):
        await pilot.pause()


async def advance(pilot, scenario_seconds: float) -> None:
    """Move the fake clock by `scenario_seconds` of scenario time and let the driver and the
    UI catch up."""
    app = pilot.app
    clock = app.clock
    target = clock.now() + scenario_seconds
    app.fake_time.now += scenario_seconds / clock.speed
    app.driver.wake()  # the driver sleeps on real time; wake it to see the fake time
    if clock.paused:
        await settle(pilot)
        return
    for _ in range(200):
        await pilot.pause()
        if app.session.engine.now >= round(target, 3) - 0.001 or app.session.engine.ended:
            break
    await settle(pilot)


async def until(pilot, condition: Callable[[], bool], rounds: int = 200) -> None:
    for _ in range(rounds):
        if condition():
            await settle(pilot, 2)
            return
        await asyncio.sleep(0.005)
        await pilot.pause()
    raise AssertionError("condition not met")


def plain(widget) -> str:
    """The text a Static (or Label) shows."""
    content = widget.content
    return content.plain if hasattr(content, "plain") else str(content)
