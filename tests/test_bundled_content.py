"""The bundled content: the inject catalogue, the demo and the full exercise.

The catalogue and both scenarios must load without a problem, lint without a warning, be
written in English and Dutch, and name a source for every inject. The full exercise must
cover the six pillars and the seven NATO baseline requirements, and its decisions file
must play it headless to the end without a rejected command.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from exercise.content.decisions import load_decisions
from exercise.content.lint import lint
from exercise.content.loader import load_catalogue, load_scenario, validate_paths, yaml_files
from exercise.debrief.build import build_report
from exercise.journal import Journal
from exercise.model import Level, NatoRequirement, Pillar, Scenario
from exercise.model.events import Kind
from exercise.sim.headless import run_headless
from exercise.sim.players import AutoPlayer, FilePlayer
from exercise.sim.session import Session

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
CATALOGUE = ROOT / "injects"
FULL = SCENARIOS / "noordzee-schaduw.yaml"
DEMO = SCENARIOS / "demo.yaml"
DECISIONS = ROOT / "docs" / "examples" / "noordzee-schaduw-decisions.yaml"
REGIONAL = SCENARIOS / "havenstad-doortocht.yaml"
REGIONAL_DECISIONS = ROOT / "docs" / "examples" / "havenstad-doortocht-decisions.yaml"

# Keys whose values are bilingual text in a scenario or catalogue.
TEXT_KEYS = {
    "title",
    "text",
    "prompt",
    "label",
    "description",
    "threat",
    "capability",
    "target",
    "action",
    "notes",
    "theme",
}


def _load(path: Path) -> Scenario:
    return load_scenario(path, load_catalogue([CATALOGUE]))


@pytest.fixture(scope="module")
def full() -> Scenario:
    return _load(FULL)


def _texts(value: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """Every (path, value) of a text key in a dumped model or a YAML tree."""
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{where}.{key}" if where else str(key)
            if key in TEXT_KEYS and item is not None:
                yield here, item
            else:
                yield from _texts(item, here)
    elif isinstance(value, list | tuple):
        for n, item in enumerate(value):
            yield from _texts(item, f"{where}[{n}]")


def _both_languages(text: Any) -> bool:
    return isinstance(text, dict) and all(str(text.get(lang, "")).strip() for lang in ("en", "nl"))


def _assert_bilingual(data: Any) -> None:
    missing = [where for where, text in _texts(data) if not _both_languages(text)]
    assert missing == [], f"not in both English and Dutch: {missing[:10]}"


# --- every bundled file -------------------------------------------------------------------


def test_every_bundled_file_validates() -> None:
    count, problems = validate_paths([SCENARIOS, CATALOGUE])
    assert problems == [], "\n".join(map(str, problems))
    assert count == len(yaml_files([SCENARIOS, CATALOGUE])) >= 8


@pytest.mark.parametrize("path", [DEMO, FULL, REGIONAL], ids=lambda p: p.stem)
def test_scenario_lints_without_warnings(path: Path) -> None:
    report = lint(_load(path))
    assert report.warnings == [], "\n".join(
        f"[{w.code}] {w.where}: {w.message}" for w in report.warnings
    )


@pytest.mark.parametrize("path", [DEMO, FULL, REGIONAL], ids=lambda p: p.stem)
def test_scenario_is_bilingual_and_sourced(path: Path) -> None:
    scenario = _load(path)
    _assert_bilingual(scenario.model_dump(by_alias=True))
    unsourced = [i.id for i in scenario.injects if not (i.source or "").strip()]
    assert unsourced == []


# --- the inject catalogue -----------------------------------------------------------------


def test_catalogue_has_sixty_templates_in_seven_themes() -> None:
    catalogue = load_catalogue([CATALOGUE])
    assert catalogue.problems == []
    files = {entry.source.file for entry in catalogue.entries.values()}
    assert len(catalogue.entries) >= 60
    assert len(files) >= 7


def test_catalogue_covers_the_society_wide_approach() -> None:
    """Mayors, regions, businesses, civil society, food and payments have their own
    templates, not only central government."""
    catalogue = load_catalogue([CATALOGUE])
    society = [
        entry.template
        for entry in catalogue.entries.values()
        if Path(entry.source.file).name == "society-wide.yaml"
    ]
    assert len(society) >= 15
    senders = " ".join(str(template.sender) for template in society)
    for who in ("Municipalities", "Veiligheidsberaad", "LVVN", "DNB", "Red Cross", "LOCC"):
        assert who in senders, who


def test_every_template_is_bilingual_and_sourced() -> None:
    catalogue = load_catalogue([CATALOGUE])
    for template_id, entry in catalogue.entries.items():
        template = entry.template
        for key in ("title", "text"):
            text = getattr(template, key)
            assert isinstance(text, dict), f"{template_id}.{key} is in one language"
            assert text.get("en", "").strip() and text.get("nl", "").strip(), template_id
        assert (template.source or "").strip(), f"{template_id} names no source"
        _assert_bilingual(template.model_dump(by_alias=True))


def test_template_decisions_use_only_the_standard_indicators(full: Scenario) -> None:
    """A template's option effects must exist in every scenario that uses it: the
    catalogue keeps to the indicators the full exercise defines."""
    standard = set(full.indicator_map)
    for template_id, entry in load_catalogue([CATALOGUE]).entries.items():
        decision = entry.template.decision
        for option in decision.options if decision else ():
            unknown = set(option.effects) - standard
            assert not unknown, f"{template_id}/{option.id} moves {unknown}"


# --- the full exercise --------------------------------------------------------------------


def test_full_scenario_shape(full: Scenario) -> None:
    assert 10 <= len(full.roles) <= 14
    assert len(full.injects) >= 35
    assert full.start is not None and full.threat and full.description
    assert full.classification == "UNCLASSIFIED // EXERCISE"
    assert full.speed == 10
    levels = {phase.level for phase in full.phases}
    assert max(level.rank for level in levels) >= Level.L3.rank
    assert {Level.L0, Level.L1} & levels
    assert {objective.pillar for objective in full.objectives} == set(Pillar)
    from_levels = {measure.from_level for measure in full.measures}
    assert Level.L2 in from_levels and Level.L3 in from_levels
    used = sum(1 for inject in full.injects if inject.use is not None)
    assert used >= 20, "the full exercise draws on the catalogue"
    assert any(inject.contingency for inject in full.injects)


def test_full_scenario_covers_every_pillar_and_nato_requirement(full: Scenario) -> None:
    pillars = {pillar for inject in full.injects for pillar in inject.pillars}
    nato = {requirement for inject in full.injects for requirement in inject.nato}
    assert pillars == set(Pillar)
    assert nato == set(NatoRequirement)


def _play(scenario: Scenario, journal: Path, player: Any) -> Session:
    session = Session.start(scenario, journal, durable=False)
    run_headless(session, player)
    return session


def test_decisions_file_plays_the_full_scenario_to_the_end(full: Scenario, tmp_path: Path) -> None:
    session = _play(full, tmp_path / "j.db", FilePlayer(load_decisions(DECISIONS, full)))
    try:
        state = session.engine.state
        events = list(session.journal.events())
    finally:
        session.close()
    with Journal.open(tmp_path / "j.db", readonly=True) as journal:
        report = build_report(journal)
    not_exercised = [section.pillar for section in report.pillars if not section.exercised]
    assert len(report.pillars) == 6 and not_exercised == [], "the debrief has every pillar"
    assert state.ended
    assert state.rejected == 0
    assert not any(d.open for d in state.decisions.values())

    delivered = [full.inject_map[i] for i in state.delivered_at if i in full.inject_map]
    assert any(inject.contingency for inject in delivered)

    entered = [e.payload for e in events if e.kind == Kind.PHASE_ENTERED]
    assert any(p["level"] == "L3" and p["cause"] != "start" for p in entered)
    assert any(p["cause"] not in ("start", "time") for p in entered), "no phase entered by a choice"

    decided = [
        full.inject_map[d.inject] for d in state.decisions.values() if d.decided_at is not None
    ]
    taken = [full.measure_map[m] for m in state.measures]
    for pillar in Pillar:
        assert any(pillar in inject.pillars for inject in delivered), pillar
        assert any(pillar in inject.pillars for inject in decided) or any(
            pillar in measure.pillars for measure in taken
        ), pillar


@pytest.mark.parametrize("policy", ["expected", "none"])
def test_full_scenario_plays_with_automatic_players(
    full: Scenario, tmp_path: Path, policy: str
) -> None:
    session = _play(full, tmp_path / f"{policy}.db", AutoPlayer(policy))
    try:
        state = session.engine.state
    finally:
        session.close()
    assert state.ended and state.rejected == 0
    contingencies = [i for i in state.delivered_at if full.inject_map[i].contingency]
    if policy == "none":  # a team that never decides needs every contingency inject
        assert len(contingencies) >= 4
    else:
        assert contingencies == []


# --- the regional exercise ----------------------------------------------------------------


def test_regional_scenario_is_played_by_the_region_not_by_central_government() -> None:
    regional = _load(REGIONAL)
    players = {role.id for role in regional.roles if role.kind == "player"}
    assert {"mayor", "rbt", "rot", "red-cross", "waterschap", "port"} <= players
    assert not players & {"nctv", "mccb", "iccb"}
    levels = [phase.level for phase in regional.phases]
    assert levels == [Level.L0, Level.L1, Level.L2, Level.L3, Level.L4]
    assert 2 * 3600 <= regional.duration <= 3 * 3600
    assert {objective.pillar for objective in regional.objectives} == set(Pillar)


def test_regional_decisions_file_plays_to_recovery(tmp_path: Path) -> None:
    regional = _load(REGIONAL)
    session = _play(
        regional, tmp_path / "r.db", FilePlayer(load_decisions(REGIONAL_DECISIONS, regional))
    )
    try:
        state = session.engine.state
        events = list(session.journal.events())
    finally:
        session.close()
    assert state.ended and state.rejected == 0
    assert not any(d.open for d in state.decisions.values())
    entered = [e.payload["level"] for e in events if e.kind == Kind.PHASE_ENTERED]
    assert entered == ["L0", "L1", "L2", "L3", "L4"]
    # the rehearsed lapse: the mayor lets the blockade pass and the contingency follows
    assert state.decisions["port-road-blockade"].missed
    assert "blockade-spreads" in state.delivered_at
    # emergency powers are accounted for in recovery
    assert "account-to-council" in state.measures
    assert state.decisions["council-asks-account"].option == "lift-and-account"
