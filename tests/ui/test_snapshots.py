"""Pictures of the UI at 80x24, 120x40 and 160x48 (pytest-textual-snapshot): the facilitator
console, a role panel with an open decision, and the trainers' review screen.

The session clock is fake and stands still between the steps, the review reads a journal of
a fixed name played headless, so every picture is the same on every run. Update them after
a deliberate change with `pytest tests/ui/test_snapshots.py --snapshot-update`, and look
at each one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from exercise.cli import main as exercise
from exercise.review.app import ReviewApp

from .conftest import advance, settle

SIZES = {"small": (80, 24), "medium": (120, 40), "large": (160, 48)}


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
    await pilot.press("ctrl+a")
    await settle(pilot)
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await settle(pilot)


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo played headless by a team that does what is expected (a fixed name: the
    review shows it)."""
    journal = tmp_path_factory.mktemp("review") / "demo-expected.db"
    assert exercise(["play", "demo", "--auto", "expected", "--journal", str(journal)]) == 0
    return journal


@pytest.mark.parametrize("size", SIZES)
def test_console(snap_compare, make_app, size: str) -> None:
    assert snap_compare(make_app(), terminal_size=SIZES[size], run_before=_three_minutes_in)


@pytest.mark.parametrize("size", SIZES)
def test_role_panel_with_an_open_decision(snap_compare, make_app, size: str) -> None:
    assert snap_compare(make_app(), terminal_size=SIZES[size], run_before=_kgg_deciding)


def test_decision_form_large_in_dutch(snap_compare, make_app) -> None:
    assert snap_compare(make_app(lang="nl"), terminal_size=SIZES["large"], run_before=_kgg_deciding)


def test_adhoc_composer_small(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=SIZES["small"], run_before=_composer_open)


@pytest.mark.parametrize("size", SIZES)
def test_review(snap_compare, played: Path, tmp_path: Path, size: str) -> None:
    journal = tmp_path / played.name  # a copy: the review writes into its journal
    for companion in ("", "-wal"):
        source = played.with_name(played.name + companion)
        if source.exists():
            shutil.copyfile(source, journal.with_name(journal.name + companion))
    assert snap_compare(ReviewApp(journal, lang="en"), terminal_size=SIZES[size])
