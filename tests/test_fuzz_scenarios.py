"""Mutated scenarios: whatever goes wrong, loading raises ContentError with located problems.

A valid scenario (a decision with a default, a conditional inject, an inject an option
releases; no catalogue templates) is mutated by deleting a key or list item, by replacing
a value with junk of any type, by inserting characters or bytes into the YAML text, or by
cutting the text short. The loader may accept the result or refuse it, but it must never
fail with any other exception, and every problem must read FILE:LINE:COL: ...
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise.content.loader import CatalogueIndex, load_scenario
from exercise.content.problems import ContentError

SCENARIO: dict[str, Any] = {
    "format": 1,
    "id": "fuzz-harbour",
    "title": {"en": "Harbour Blackout", "nl": "Stroomuitval in de haven"},
    "language": "en",
    "classification": "UNCLASSIFIED // EXERCISE",
    "start": "2027-03-01T06:00:00+01:00",
    "duration": "2h",
    "speed": 10,
    "objectives": [
        {"id": "obj-comms", "pillar": "resilient-society", "text": "Public message in 1h"}
    ],
    "phases": [
        {"id": "hybrid", "title": "Hybrid campaign", "level": "L1", "at": "0m"},
        {"id": "readiness", "title": "Heightened readiness", "level": "L2", "at": "1h"},
    ],
    "roles": [
        {"id": "nctv", "title": "Crisis chair", "kind": "player"},
        {"id": "ezk", "title": "Energy ministry", "kind": "player"},
        {"id": "excon", "title": "Exercise control", "kind": "facilitator"},
    ],
    "indicators": [
        {
            "id": "public-trust",
            "title": "Public trust",
            "pillar": "resilient-society",
            "nato": "government-continuity",
            "start": 70,
            "min": 0,
            "max": 100,
        }
    ],
    "injects": [
        {
            "id": "substation-fire",
            "at": "10m",
            "from": "Grid operator",
            "to": ["ezk", "nctv"],
            "method": "phone",
            "title": "Fire at a harbour substation",
            "text": "A fire has taken out the substation that feeds the terminal.",
            "pillars": ["vital-processes"],
            "nato": ["energy"],
            "domains": ["infrastructure"],
            "severity": 3,
            "expected": [
                {"role": "nctv", "option": "inform", "within": "30m", "objective": "obj-comms"}
            ],
            "decision": {
                "role": "nctv",
                "prompt": "How do you inform the public?",
                "deadline": "20m",
                "default": "wait",
                "options": [
                    {
                        "id": "inform",
                        "label": "Public statement with an action perspective",
                        "comms": ["action-perspective"],
                        "effects": {"public-trust": 10},
                        "release": ["press-questions"],
                    },
                    {
                        "id": "wait",
                        "label": "Wait for the grid operator",
                        "effects": {"public-trust": -10},
                        "phase": "readiness",
                    },
                ],
            },
        },
        {
            "id": "rumours",
            "when": "missed(substation-fire) or chosen(substation-fire, wait)"
            " or indicator(public-trust) < 40",
            "after": "10m",
            "to": ["nctv"],
            "title": "Rumours of sabotage spread online",
            "text": "Posts claim the fire was sabotage.",
            "pillars": ["resilient-society"],
        },
        {
            "id": "press-questions",
            "after": "5m",
            "to": ["nctv"],
            "title": "Journalists ask for details",
            "text": "Reporters want to know when power returns.",
            "pillars": ["democracy-rule-of-law"],
        },
    ],
    "measures": [
        {
            "id": "crisis-team",
            "title": "Convene the crisis team",
            "role": "nctv",
            "from_level": "L1",
            "pillars": ["resilient-society"],
        }
    ],
}

PROBLEM = re.compile(r"^.+:\d+:\d+: ")
NO_CATALOGUE = CatalogueIndex()  # the fixture uses no templates; a `use` added by junk fails

# Text an author (or an attacker) might put anywhere: markup, escapes, control characters.
NASTY_TEXT = st.sampled_from(
    [
        "",
        " ",
        "[bold red]alarm[/]",
        "[/]",
        "\x1b[31mred\x1b[0m",
        "\x1b]0;title\x07",
        "<script>alert(1)</script>",
        "line\nbreak",
        "tab\there",
        "nul\x00byte",
        "\u202eright-to-left",
        "\ufeffbom",
        "{{ template }}",
        "*alias",
        "&anchor",
        "!!python/object/apply:os.system",
        "- item",
        "key: value",
        "0x1F",
        "1h30m",
        "D+1 H+2 M+30",
        "delivered(",
        "chosen(substation-fire, nope)",
        "9" * 5000,
    ]
)
# Keys of the scenario language, so junk mappings also look like injects, options, ...
KEYS = st.sampled_from(["id", "use", "at", "when", "after", "to", "decision", "options", "default"])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    NASTY_TEXT,
)
JUNK = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=10), NASTY_TEXT, KEYS), inner, max_size=4),
    ),
    max_leaves=12,
)


def node_paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value below `data` (mapping keys and list indexes)."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        path = (*prefix, key)
        found.append(path)
        if isinstance(value, dict | list):
            found += node_paths(value, path)
    return found


PATHS = node_paths(SCENARIO)


def parent_of(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def dump(data: Any) -> bytes:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=80).encode("utf-8")


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "scenario.yaml"


def check(path: Path, raw: bytes) -> None:
    """Load `raw` as a scenario: it loads, or it is refused with located problems only."""
    path.write_bytes(raw)
    try:
        load_scenario(path, NO_CATALOGUE)
    except ContentError as err:
        assert err.problems
        for problem in err.problems:
            text = str(problem)
            assert PROBLEM.match(text), text
            assert text.isprintable(), text  # one line, no terminal escapes from the file
            assert problem.file == str(path)
            assert problem.line >= 0 and problem.column >= 0


FUZZ = settings(
    max_examples=70,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_fixture_is_valid(scenario_file: Path) -> None:
    scenario_file.write_bytes(dump(SCENARIO))
    scenario = load_scenario(scenario_file, NO_CATALOGUE)
    assert scenario.inject_map["rumours"].when is not None
    assert scenario.released_by["press-questions"] == [("substation-fire", "inform")]


@FUZZ
@given(data=st.data())
def test_delete_or_replace_a_value(scenario_file: Path, data: st.DataObject) -> None:
    scenario = copy.deepcopy(SCENARIO)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        paths = node_paths(scenario)
        if not paths:
            break
        path = data.draw(st.sampled_from(paths), label="path")
        parent = parent_of(scenario, path)
        if data.draw(st.booleans(), label="delete"):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(JUNK, label="junk")
    check(scenario_file, dump(scenario))


@FUZZ
@given(
    position=st.floats(0, 1),
    insert=st.one_of(
        st.text(min_size=1, max_size=8).map(lambda s: s.encode("utf-8")),
        NASTY_TEXT.map(lambda s: s.encode("utf-8")),
        st.sampled_from([b":", b"-", b"[", b"{", b'"', b"'", b"&a", b"*a", b"!!", b"\t", b"\n  "]),
        st.binary(min_size=1, max_size=4),
    ),
)
def test_insert_characters(scenario_file: Path, position: float, insert: bytes) -> None:
    raw = dump(SCENARIO)
    at = int(position * len(raw))
    check(scenario_file, raw[:at] + insert + raw[at:])


@FUZZ
@given(data=st.data())
def test_truncate_the_text(scenario_file: Path, data: st.DataObject) -> None:
    raw = dump(SCENARIO)
    if data.draw(st.booleans(), label="replace a value first"):
        scenario = copy.deepcopy(SCENARIO)
        path = data.draw(st.sampled_from(PATHS), label="path")
        parent_of(scenario, path)[path[-1]] = data.draw(JUNK, label="junk")
        raw = dump(scenario)
    check(scenario_file, raw[: data.draw(st.integers(0, len(raw)), label="length")])
