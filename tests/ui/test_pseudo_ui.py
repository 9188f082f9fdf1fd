"""The session UI and the review screen in the tests' pseudo-language (every message of
the catalogue wrapped ⟦…⟧), on the full scenario, through Pilot: every screen and dialog
shows no word of our own outside the wrapping. And the Dutch UI shows none of the engine's
English reasons."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pseudo_language import PSEUDO, data_words, unwrapped_words, write_pseudo_catalogue

from exercise import language
from exercise.content.loader import load_catalogue, load_scenario
from exercise.content.resources import default_catalogue_dirs, find_scenario
from exercise.model import Pillar
from exercise.sim import commands as c

from .conftest import advance, settle, until

# Not ours to translate: key names in the footer and the help, the time zone's name, and
# the pillars' official (Dutch) names.
# the pillars' official (Dutch) names, and dates: Babel knows no pseudo-language, so its
# day and month names are English.
KEY_WORDS = {"ctrl", "shift", "esc", "tab", "enter", "space", "pageup", "pagedown", "pgup",
             "pgdn", "up", "down"}  # fmt: skip
ENGLISH_DATES = {
    name
    for width in ("abbreviated", "wide")
    for names in (language.babel_locale(PSEUDO).days["format"][width],
                  language.babel_locale(PSEUDO).months["format"][width])
    for name in names.values()
}  # fmt: skip
ALLOWED = (
    KEY_WORDS | ENGLISH_DATES | {"UTC"}
    | {w for p in Pillar for w in re.findall(r"\w{3,}", p.label("nl"))}
)  # fmt: skip


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = write_pseudo_catalogue(tmp_path_factory.mktemp("locale"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(language.PATH_VARIABLE, str(folder))
        yield folder


@pytest.fixture(scope="module")
def full():
    path = find_scenario("noordzee-schaduw")
    assert path is not None
    catalogue = load_catalogue(default_catalogue_dirs(path))
    return load_scenario(path, catalogue)


def run(coro) -> None:
    asyncio.run(coro)


CHAR_WIDTH = 20 * 0.61  # Rich's SVG export: 20-pixel rows, a 0.61 font aspect ratio


def screen_text(app) -> str:
    """What the terminal shows, row by row, each text at its column, from the SVG of the
    screen Textual exports (a modal's dimmed background is made opaque first, so only the
    dialog is read)."""
    if len(app.screen_stack) > 1:
        app.screen.styles.background = "black"
    svg = app.export_screenshot()
    rows: dict[float, dict[int, str]] = {}
    for x, y, body in re.findall(r'<text[^>]*?x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(float(y), {})[round(float(x) / CHAR_WIDTH)] = html.unescape(body)
    lines = []
    for _y, spans in sorted(rows.items()):
        line = ""
        for column, span in sorted(spans.items()):
            line = line.ljust(column) + span
        lines.append(line.replace("\xa0", " "))
    return "\n".join(lines)


def _missed(text: str, data: set[str]) -> set[str]:
    return unwrapped_words(text, data) - ALLOWED


def test_every_screen_of_the_session_ui_speaks_the_pseudo_language(
    pseudo: Path, full, make_app
) -> None:
    data = data_words(full.model_dump(mode="json", by_alias=True))
    seen: dict[str, set[str]] = {}

    async def look(pilot, name: str) -> None:
        await settle(pilot)
        seen[name] = _missed(screen_text(pilot.app), data | _events(pilot.app))

    async def go() -> None:
        app = make_app(full, lang=PSEUDO, paused=True)
        async with app.run_test(size=(160, 48)) as pilot:
            await advance(pilot, 0)
            app.session.submit(c.Resume())
            await advance(pilot, 45 * 60)
            app.session.submit(c.Pause())
            app.session.submit(c.Pause())  # refused: a reason in the feed
            await look(pilot, "console")
            for n in range(len(app.roles)):
                await pilot.press(f"f{n + 2}" if n < 10 else "f1")
                await look(pilot, f"role {n + 1}")
            await pilot.press("f1")
            for key, name in (("question_mark", "help"), ("f12", "role picker"),
                              ("ctrl+a", "ad-hoc inject"), ("ctrl+b", "observation"),
                              ("ctrl+e", "end the session")):  # fmt: skip
                await pilot.press(key)
                await until(pilot, lambda: len(app.screen_stack) > 1)
                await look(pilot, name)
                await pilot.press("escape")
                await until(pilot, lambda: len(app.screen_stack) == 1)
            await pilot.press("ctrl+p")
            await until(pilot, lambda: len(app.screen_stack) > 1)
            await look(pilot, "palette")
            await pilot.press(*"zzqq")
            await pilot.pause(0.8)  # the palette says "no matches" after half a second
            seen["palette, no matches"] = _missed(screen_text(app), data | {"zzqq"})
            assert "⟦No matches found⟧" in screen_text(app)

    run(go())
    assert len(seen) == len(full.roles) - _not_played(full) + 8
    assert {name: sorted(words) for name, words in seen.items() if words} == {}


def _not_played(scenario) -> int:
    from exercise.model import RoleKind

    return sum(1 for role in scenario.roles if role.kind != RoleKind.PLAYER)


def test_every_tab_of_the_review_screen_speaks_the_pseudo_language(
    pseudo: Path, full, tmp_path: Path
) -> None:
    from exercise.cli import main
    from exercise.review.app import ReviewApp

    journal = tmp_path / "played.db"
    decisions = (
        Path(__file__).resolve().parents[2] / "docs/examples/noordzee-schaduw-decisions.yaml"
    )
    main(["play", "noordzee-schaduw", "--decisions", str(decisions), "--journal", str(journal),
          "--lang", PSEUDO])  # fmt: skip
    seen: dict[str, set[str]] = {}

    async def go() -> None:
        app = ReviewApp(journal)  # in the language the session was played in
        async with app.run_test(size=(160, 48)) as pilot:
            data = data_words(full.model_dump(mode="json", by_alias=True)) | _events(app)
            for n in range(6):
                await settle(pilot)
                seen[f"tab {n + 1}"] = _missed(screen_text(app), data)
                await pilot.press("right")  # the next tab
            for key, name in (("o", "observation"), ("r", "rating"), ("i", "improvement")):
                await pilot.press(key)
                await until(pilot, lambda: len(app.screen_stack) > 1)
                seen[name] = _missed(screen_text(app), data)
                await pilot.press("escape")
                await until(pilot, lambda: len(app.screen_stack) == 1)

    run(go())
    assert {name: sorted(words) for name, words in seen.items() if words} == {}


def test_the_dutch_ui_shows_the_engines_reasons_in_dutch(make_app) -> None:
    async def go() -> None:
        app = make_app(lang="nl", paused=True)
        async with app.run_test(size=(160, 48)) as pilot:
            app.send_command(c.Pause())  # refused: already paused
            await until(pilot, lambda: "gepauzeerd" in screen_text(app))
            shown = screen_text(app)
            assert "de sessie is al gepauzeerd" in shown
            assert "the session is already paused" not in shown

    run(go())


def _events(app) -> set[str]:
    journal = app.session.journal if hasattr(app, "session") else app.journal
    return data_words([e.payload for e in journal.events()])
