"""Pictures of the UI at 80x24 and 160x48 (pytest-textual-snapshot).

The clock is fake and stands still between the steps, so every picture is the same on
every run. Update them after a deliberate change with `pytest --snapshot-update`.
"""

from __future__ import annotations

from textual.widgets import Input, TextArea

from .conftest import advance, settle

SMALL, LARGE = (80, 24), (160, 48)


async def _three_minutes_in(pilot) -> None:
    await advance(pilot, 3 * 60 + 30)


async def _kgg_deciding(pilot) -> None:
    await advance(pilot, 90)
    await pilot.press("f3")
    await settle(pilot)
    await pilot.press("d", "down")
    await settle(pilot)


async def _composer_open(pilot) -> None:
    await advance(pilot, 90)
    await pilot.press("a")
    await settle(pilot)
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await settle(pilot)


def test_console_small(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=_three_minutes_in)


def test_console_large(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=LARGE, run_before=_three_minutes_in)


def test_decision_form_small(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=_kgg_deciding)


def test_decision_form_large_in_dutch(snap_compare, make_app) -> None:
    assert snap_compare(make_app(lang="nl"), terminal_size=LARGE, run_before=_kgg_deciding)


def test_adhoc_composer_small(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=_composer_open)
