"""Shared fixtures: scenario texts written to a temporary folder and loaded for real.

Scenario files go to `<tmp>/scenarios/`, so the loader finds the catalogue a test makes in
`<tmp>/injects/` (the folder beside the scenario's folder), never the bundled one.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from exercise.content.loader import load_scenario
from exercise.content.problems import ContentError, Problem
from exercise.model import Scenario

# The tests expect English unless they ask for another language: a developer's own locale
# (LANGUAGE=nl, LANG=nl_NL.UTF-8) must not change what the product says under test, here
# or in the subprocesses the tests start.
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

HEADER = """\
format: 1
id: test-scenario
title: Test scenario
duration: 2h
"""

PHASES = """\
- {id: calm, title: Calm, level: L1, at: 0}
- {id: tense, title: Tense, level: L2, at: 1h}
"""

ROLES = """\
- {id: nctv, title: NCTV chair, kind: player}
- {id: excon, title: Exercise control, kind: facilitator}
"""

INDICATORS = """\
- {id: energy, title: Energy supply, pillar: vital-processes, start: 100, min: 0, max: 100}
"""

OBJECTIVES = """\
- {id: obj-comms, pillar: resilient-society, text: Public message within the hour}
"""

# One timeline inject with a decision that is evaluated: no lint warning at all.
INJECTS = """\
- id: first
  at: 10m
  to: [nctv]
  title: Power cut
  text: The grid operator reports a regional power cut.
  pillars: [vital-processes]
  nato: [energy]
  domains: [infrastructure]
  source: scenario-derived
  expected:
    - {option: rebut, objective: obj-comms}
  decision:
    prompt: What do you do?
    deadline: 30m
    default: monitor
    options:
      - {id: rebut, label: Inform the public, comms: action-perspective}
      - {id: monitor, label: Monitor, effects: {energy: -10}}
"""


def _block(text: str) -> str:
    return textwrap.indent(textwrap.dedent(text).strip("\n"), "  ") + "\n"


def scenario_text(
    *,
    header: str = HEADER,
    phases: str | None = PHASES,
    roles: str | None = ROLES,
    indicators: str | None = INDICATORS,
    objectives: str | None = OBJECTIVES,
    injects: str | None = INJECTS,
    measures: str | None = None,
    extra_injects: str | None = None,
    narratives: str | None = None,
) -> str:
    """A valid, lint-clean scenario; each section can be replaced (list items, unindented)
    or left out with None. `extra_injects` is appended to the default injects."""
    text = textwrap.dedent(header)
    if not text.endswith("\n"):
        text += "\n"
    if extra_injects is not None:
        injects = (injects or "") + textwrap.dedent(extra_injects)
    for key, block in (
        ("phases", phases),
        ("roles", roles),
        ("indicators", indicators),
        ("objectives", objectives),
        ("injects", injects),
        ("measures", measures),
        ("narratives", narratives),
    ):
        if block is not None:
            text += f"{key}:\n" + _block(block)
    return text


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the n-th occurrence of `needle` in `text`."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[..., Path]:
    def write(text: str, name: str = "scenario.yaml") -> Path:
        folder = tmp_path / "scenarios"
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def write_catalogue(tmp_path: Path) -> Callable[..., Path]:
    """Write a catalogue file into `<tmp>/injects/` (found by the loader by default)."""

    def write(text: str, name: str = "catalogue.yaml") -> Path:
        folder = tmp_path / "injects"
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def load(write_scenario: Callable[..., Path]) -> Callable[[str], Scenario]:
    """Write a scenario text and load it; the test fails if the loader refuses it."""

    def load_text(text: str) -> Scenario:
        path = write_scenario(text)
        try:
            return load_scenario(path)
        except ContentError as err:
            pytest.fail(f"the scenario was refused:\n{err}")

    return load_text


@pytest.fixture
def problems(write_scenario: Callable[..., Path]) -> Callable[[str], list[Problem]]:
    """Write a scenario text and return the problems the loader reports (there must be some)."""

    def load_problems(text: str) -> list[Problem]:
        path = write_scenario(text)
        with pytest.raises(ContentError) as info:
            load_scenario(path)
        return info.value.problems

    return load_problems
