"""The pydantic models of the scenario language and the doctrine vocabulary."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from exercise.model import (
    LANGUAGES,
    Attribution,
    Catalogue,
    CommsElement,
    Condition,
    DecisionPoint,
    ExpectedAction,
    HybridDomain,
    Indicator,
    Inject,
    InjectTemplate,
    Level,
    Measure,
    Method,
    NatoRequirement,
    Option,
    Phase,
    Pillar,
    Rating,
    Role,
    RoleKind,
    Scenario,
    Track,
    localize,
)
from exercise.model.condition import Compare


def inject_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "cable-cut",
        "title": "Cable cut",
        "text": "A subsea cable is damaged.",
        "pillars": ["vital-processes"],
        "to": ["ezk"],
        "at": "12m",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def decision_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "prompt": "What now?",
        "deadline": "30m",
        "default": "wait",
        "options": [{"id": "act", "label": "Act"}, {"id": "wait", "label": "Wait"}],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def scenario_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": 1,
        "id": "s",
        "title": "S",
        "duration": "3h",
        "phases": [
            {"id": "hybrid", "title": "Hybrid", "level": "L1", "at": 0},
            {"id": "war", "title": "War", "level": "L3", "at": "2h"},
            {"id": "talks", "title": "Talks", "level": "L4"},
        ],
        "roles": [{"id": "ezk", "title": "EZK"}, {"id": "nctv", "title": "NCTV"}],
        "injects": [inject_data()],
    }
    data.update(changes)
    return data


def error_types(err: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {e["type"] for e in err.value.errors()}


# --- frozen, strict keys -----------------------------------------------------------------


def test_models_are_frozen() -> None:
    role = Role(id="ezk", title="EZK")
    with pytest.raises(ValidationError):
        role.title = "Other"  # type: ignore[misc]
    scenario = Scenario.model_validate(scenario_data())
    with pytest.raises(ValidationError):
        scenario.duration = 1.0  # type: ignore[misc]
    assert isinstance(scenario.injects, tuple)


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Role, {"id": "ezk", "title": "EZK", "colour": "red"}),
        (Inject, inject_data(deadline="30m")),
        (DecisionPoint, decision_data(timeout="5m")),
        (Option, {"id": "a", "label": "A", "effect": {"x": 1}}),
        (Scenario, scenario_data(speeed=10)),
    ],
)
def test_unknown_keys_are_refused(model: type, data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as err:
        model.model_validate(data)
    assert "extra_forbidden" in error_types(err)


def test_the_python_name_of_an_aliased_key_is_not_a_key() -> None:
    with pytest.raises(ValidationError) as err:
        Inject.model_validate(inject_data(sender="SimCell"))
    assert "extra_forbidden" in error_types(err)


# --- list fields take a single value -----------------------------------------------------


def test_single_value_stands_for_a_list_of_one() -> None:
    inject = Inject.model_validate(
        inject_data(
            pillars="vital-processes",
            nato="energy",
            domains="cyber",
            to="ezk",
        )
    )
    assert inject.pillars == (Pillar.VITAL_PROCESSES,)
    assert inject.nato == (NatoRequirement.ENERGY,)
    assert inject.domains == (HybridDomain.CYBER,)
    assert inject.to == ("ezk",)
    option = Option.model_validate(
        {"id": "a", "label": "A", "comms": "threat-info", "release": "follow-up"}
    )
    assert option.comms == (CommsElement.THREAT_INFO,)
    assert option.release == ("follow-up",)
    measure = Measure.model_validate(
        {"id": "m", "title": "M", "role": "ezk", "pillars": "territorial-defence"}
    )
    assert measure.pillars == (Pillar.TERRITORIAL_DEFENCE,)


def test_lists_still_accepted_and_checked_item_by_item() -> None:
    inject = Inject.model_validate(inject_data(pillars=["vital-processes", "resilient-economy"]))
    assert inject.pillars == (Pillar.VITAL_PROCESSES, Pillar.RESILIENT_ECONOMY)
    with pytest.raises(ValidationError):
        Inject.model_validate(inject_data(pillars=["vital-processes", "vital-procesess"]))
    with pytest.raises(ValidationError):
        Inject.model_validate(inject_data(pillars="not-a-pillar"))


def test_an_inject_needs_a_recipient_and_a_template_a_pillar() -> None:
    # a scenario's inject may leave its pillars to lint (an imported MSEL has none) ...
    assert Inject.model_validate(inject_data(pillars=[])).pillars == ()
    with pytest.raises(ValidationError):
        Inject.model_validate(inject_data(to=[]))
    # ... a catalogue template may not: it is reused without a look at its tags
    template = {k: v for k, v in inject_data(pillars=[]).items() if k not in ("to", "at")}
    with pytest.raises(ValidationError):
        InjectTemplate.model_validate(template)


# --- text --------------------------------------------------------------------------------


def test_bilingual_text() -> None:
    role = Role.model_validate({"id": "ezk", "title": {"en": "Energy", "nl": "Energie"}})
    assert localize(role.title, "nl") == "Energie"
    assert localize(role.title, "en") == "Energy"


def test_localize_falls_back() -> None:
    assert localize("Plain", "nl") == "Plain"
    assert localize({"nl": "Alleen Nederlands"}, "en") == "Alleen Nederlands"
    assert localize({"en": "English", "nl": "Nederlands"}, "de") == "English"
    assert localize({"nl": "Nederlands"}, "de", fallback="en") == "Nederlands"
    assert localize(None, "en") == ""


@pytest.mark.parametrize(
    "title",
    ["", "   ", {}, {"de": "Energie"}, {"en": ""}, {"en": 5}, ["Energy"], None, True],
)
def test_bad_text_refused(title: object) -> None:
    with pytest.raises(ValidationError):
        Role.model_validate({"id": "ezk", "title": title})


def test_numeric_title_is_text() -> None:
    assert Role.model_validate({"id": "r112", "title": 112}).title == "112"


@pytest.mark.parametrize("slug", ["EZK", "-ezk", "e z k", "ezk!", "", "x" * 81])
def test_ids_are_slugs(slug: str) -> None:
    with pytest.raises(ValidationError):
        Role.model_validate({"id": slug, "title": "T"})


# --- injects -----------------------------------------------------------------------------


def test_from_is_the_sender() -> None:
    inject = Inject.model_validate(inject_data(**{"from": "Social media monitoring"}))
    assert inject.sender == "Social media monitoring"
    assert inject.model_dump(by_alias=True)["from"] == "Social media monitoring"


def test_timeline_and_conditional_injects() -> None:
    timed = Inject.model_validate(inject_data())
    assert timed.on_timeline and timed.at == 720
    conditional = Inject.model_validate(
        inject_data(at=None, when="indicator(energy) < 40", after="10m")
    )
    assert not conditional.on_timeline
    assert isinstance(conditional.when, Condition)
    assert conditional.when.tree == Compare("energy", "<", 40)
    assert conditional.after == 600


def test_inject_with_both_at_and_when_refused() -> None:
    with pytest.raises(ValidationError) as err:
        Inject.model_validate(inject_data(when="delivered(x)"))
    assert "either on the timeline (at) or conditional (when)" in str(err.value)


def test_at_with_after_refused() -> None:
    with pytest.raises(ValidationError) as err:
        Inject.model_validate(inject_data(after="5m"))
    assert "after" in str(err.value)


def test_bad_condition_refused_with_its_column() -> None:
    with pytest.raises(ValidationError) as err:
        Inject.model_validate(inject_data(at=None, when="delivered(x) and"))
    assert "column 17" in str(err.value)


def test_bad_duration_refused_with_its_reason() -> None:
    with pytest.raises(ValidationError) as err:
        Inject.model_validate(inject_data(at=12))
    assert "has no unit" in str(err.value)


def test_decider_defaults_to_first_recipient() -> None:
    inject = Inject.model_validate(inject_data(to=["nctv", "ezk"], decision=decision_data()))
    assert inject.decider == "nctv"
    chosen = Inject.model_validate(
        inject_data(to=["nctv", "ezk"], decision=decision_data(role="ezk"))
    )
    assert chosen.decider == "ezk"
    assert Inject.model_validate(inject_data()).decider is None


def test_default_option_without_deadline_refused() -> None:
    with pytest.raises(ValidationError) as err:
        DecisionPoint.model_validate(decision_data(deadline=None))
    assert "deadline" in str(err.value)
    assert DecisionPoint.model_validate(decision_data(deadline=None, default=None)).default is None


def test_decision_needs_an_option() -> None:
    with pytest.raises(ValidationError):
        DecisionPoint.model_validate(decision_data(options=[], default=None))


def test_decision_option_lookup() -> None:
    decision = DecisionPoint.model_validate(decision_data())
    found = decision.option("wait")
    assert found is not None and found.id == "wait"
    assert decision.option("flee") is None


@pytest.mark.parametrize("what", [{"option": "act"}, {"measure": "m"}, {"action": "Calls"}])
def test_expected_action_names_something(what: dict[str, str]) -> None:
    ExpectedAction.model_validate({"within": "30m", **what})


def test_expected_action_without_option_measure_or_action_refused() -> None:
    with pytest.raises(ValidationError) as err:
        ExpectedAction.model_validate({"role": "ezk", "within": "30m"})
    assert "an option, a measure, a product or an action" in str(err.value)


@pytest.mark.parametrize("severity", [0, 6, "high"])
def test_severity_is_one_to_five(severity: object) -> None:
    with pytest.raises(ValidationError):
        Inject.model_validate(inject_data(severity=severity))


# --- scenario ----------------------------------------------------------------------------


def test_scenario_defaults_and_maps() -> None:
    scenario = Scenario.model_validate(scenario_data())
    assert scenario.language == "en"
    assert scenario.classification == "UNCLASSIFIED // EXERCISE"
    assert scenario.speed == 1.0
    assert scenario.duration == 3 * 3600
    assert set(scenario.role_map) == {"ezk", "nctv"}
    assert scenario.inject_map["cable-cut"].to == ("ezk",)


def test_phase_at_ignores_phases_entered_by_options() -> None:
    scenario = Scenario.model_validate(scenario_data())
    assert scenario.phase_at(0).id == "hybrid"
    assert scenario.phase_at(2 * 3600 - 1).id == "hybrid"
    assert scenario.phase_at(2 * 3600).id == "war"
    assert scenario.phase_at(3 * 3600).id == "war"


def test_released_by() -> None:
    options = [
        {"id": "act", "label": "Act", "release": ["follow-up"]},
        {"id": "wait", "label": "Wait", "release": "follow-up"},
    ]
    scenario = Scenario.model_validate(
        scenario_data(
            injects=[
                inject_data(decision=decision_data(options=options)),
                inject_data(id="follow-up", at=None),
            ]
        )
    )
    assert scenario.released_by == {"follow-up": [("cable-cut", "act"), ("cable-cut", "wait")]}


@pytest.mark.parametrize("version", [2, 0, "1", None])
def test_scenario_format_is_one(version: object) -> None:
    with pytest.raises(ValidationError):
        Scenario.model_validate(scenario_data(format=version))


@pytest.mark.parametrize("speed", [0, -1, 3601])
def test_speed_bounds(speed: float) -> None:
    with pytest.raises(ValidationError):
        Scenario.model_validate(scenario_data(speed=speed))


def test_catalogue_needs_templates_and_no_timing() -> None:
    with pytest.raises(ValidationError):
        Catalogue.model_validate({"format": 1, "templates": []})
    template = {k: v for k, v in inject_data().items() if k not in ("at", "to")}
    assert Catalogue.model_validate({"format": 1, "templates": [template]}).templates
    with pytest.raises(ValidationError):
        Catalogue.model_validate({"format": 1, "templates": [{**template, "at": "5m"}]})


def test_indicator_defaults() -> None:
    indicator = Indicator.model_validate(
        {"id": "trust", "title": "Trust", "pillar": "resilient-society", "start": 70}
    )
    assert (indicator.min, indicator.max) == (0, 100)


# --- doctrine ----------------------------------------------------------------------------


def test_level_ranks_order_the_ladder() -> None:
    assert [level.rank for level in Level] == [0, 1, 2, 3, 4]
    assert Level.L1.rank < Level.L2.rank < Level.L3.rank
    assert max([Level.L2, Level.L4, Level.L0], key=lambda level: level.rank) is Level.L4


def test_measure_available_from_l0_by_default() -> None:
    measure = Measure.model_validate({"id": "m", "title": "M", "role": "ezk"})
    assert measure.from_level is Level.L0


@pytest.mark.parametrize(
    ("pillar", "track"),
    [
        (Pillar.VITAL_PROCESSES, Track.SOCIETAL),
        (Pillar.RESILIENT_SOCIETY, Track.SOCIETAL),
        (Pillar.DEMOCRACY_RULE_OF_LAW, Track.SOCIETAL),
        (Pillar.RESILIENT_ECONOMY, Track.SOCIETAL),
        (Pillar.TERRITORIAL_DEFENCE, Track.MILITARY),
        (Pillar.CIVIL_MILITARY_SUPPORT, Track.MILITARY),
    ],
)
def test_pillar_track(pillar: Pillar, track: Track) -> None:
    assert pillar.track is track


def test_six_pillars_seven_nato_requirements_thirteen_domains() -> None:
    assert len(Pillar) == 6
    assert len(NatoRequirement) == 7
    assert len(HybridDomain) == 13


ENUMS = [
    Track,
    Pillar,
    NatoRequirement,
    HybridDomain,
    Level,
    Attribution,
    CommsElement,
    Rating,
    RoleKind,
    Method,
]


@pytest.mark.parametrize("enum", ENUMS)
def test_every_member_has_a_label_in_each_language(enum: type) -> None:
    for member in enum:
        for lang in LANGUAGES:
            label = member.label(lang)
            assert isinstance(label, str) and label.strip()


@pytest.mark.parametrize(
    ("member", "en", "nl"),
    [
        (Pillar.VITAL_PROCESSES, "vital", "vitale"),
        (Pillar.RESILIENT_ECONOMY, "economy", "economie"),
        (Level.L3, "Article 5", "artikel 5"),
        (CommsElement.ACTION_PERSPECTIVE, "Action perspective", "Handelingsperspectief"),
        (RoleKind.OBSERVER, "Observer", "Waarnemer"),
        (Track.MILITARY, "Military", "Militaire"),
    ],
)
def test_labels_in_english_and_dutch(member: Any, en: str, nl: str) -> None:
    assert en in member.label("en")
    assert nl in member.label("nl")
    assert member.label() == member.label("en")


def test_enum_values_are_the_yaml_slugs() -> None:
    assert Pillar("territorial-defence") is Pillar.TERRITORIAL_DEFENCE
    assert Method("nl-alert") is Method.NL_ALERT
    assert Phase.model_validate({"id": "p", "title": "P", "level": "L2"}).level is Level.L2


# --- limits ------------------------------------------------------------------------------


def test_lists_that_name_a_thing_twice_are_refused_at_the_repeat() -> None:
    with pytest.raises(ValidationError) as err:
        Inject.model_validate(inject_data(to=["ezk", "nctv", "ezk"]))
    [error] = err.value.errors()
    assert error["type"] == "duplicate_item"
    assert error["ctx"]["index"] == 2
    assert error["msg"] == "'ezk' is given twice in this list (first as item 1)"
    for field, value in (("pillars", "vital-processes"), ("nato", "energy"), ("domains", "cyber")):
        with pytest.raises(ValidationError) as err:
            Inject.model_validate(inject_data(**{field: [value, value]}))
        assert error_types(err) == {"duplicate_item"}
    with pytest.raises(ValidationError) as err:
        Option.model_validate({"id": "a", "label": "A", "release": ["x", "y", "x"]})
    assert error_types(err) == {"duplicate_item"}


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ({"start": float("nan")}, "finite_number"),
        ({"start": 50, "max": float("inf")}, "finite_number"),
        ({"start": 50, "min": -1e308}, "greater_than_equal"),
        ({"start": 1e9 + 1}, "less_than_equal"),
    ],
)
def test_indicator_numbers_are_finite_and_bounded(data: dict[str, float], kind: str) -> None:
    with pytest.raises(ValidationError) as err:
        Indicator.model_validate({"id": "i", "title": "I", "pillar": "vital-processes", **data})
    assert error_types(err) == {kind}


def test_the_largest_numbers_are_accepted() -> None:
    indicator = Indicator.model_validate(
        {"id": "i", "title": "I", "pillar": "vital-processes", "start": 0, "min": -1e9, "max": 1e9}
    )
    assert (indicator.min, indicator.max) == (-1e9, 1e9)
    option = Option.model_validate({"id": "a", "label": "A", "effects": {"i": -1e9}})
    assert option.effects == {"i": -1e9}
    with pytest.raises(ValidationError):
        Option.model_validate({"id": "a", "label": "A", "effects": {"i": float("-inf")}})


def test_texts_and_titles_are_bounded() -> None:
    Inject.model_validate(inject_data(title="t" * 500, text={"nl": "x" * 10_000}))
    with pytest.raises(ValidationError, match="the text is 501 characters long"):
        Inject.model_validate(inject_data(title="t" * 501))
    with pytest.raises(ValidationError, match="the nl text is 10,001 characters long"):
        Inject.model_validate(inject_data(text={"en": "x", "nl": "x" * 10_001}))
    with pytest.raises(ValidationError):
        Inject.model_validate(inject_data(**{"from": "f" * 501}))


def test_list_lengths_are_bounded() -> None:
    options = [{"id": f"o{n}", "label": "O"} for n in range(51)]
    with pytest.raises(ValidationError) as err:
        DecisionPoint.model_validate(decision_data(default=None, options=options))
    assert error_types(err) == {"too_long"}
    roles = [{"id": f"r{n}", "title": "R"} for n in range(201)]
    with pytest.raises(ValidationError) as err:
        Scenario.model_validate(scenario_data(roles=roles))
    assert error_types(err) == {"too_long"}


@pytest.mark.parametrize("start", ["9999-12-31T23:00:00+00:00", "0001-01-01T00:00:00"])
def test_start_lies_within_a_calendar_the_clock_can_count(start: str) -> None:
    with pytest.raises(ValidationError, match="is out of range: T\\+0 must lie between 1900"):
        Scenario.model_validate(scenario_data(start=start))
    Scenario.model_validate(scenario_data(start="2027-01-14T07:00:00+01:00"))
