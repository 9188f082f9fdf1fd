"""`exercise handouts`: printable papers. The player handout and the inject cards hold no
MSEL-only text; every file is self-contained and marked on every printed page."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import HEADER, OBJECTIVES, ROLES, scenario_text

from exercise.cli import main
from exercise.content.loader import load_scenario
from exercise.content.resources import bundled_scenarios_dir
from exercise.handouts.build import handbook, handouts, inject_cards, player_handout, simcell
from exercise.model import Scenario
from exercise.msel.htmlpage import css_string, page

# Each MSEL-only field holds a marker that must never reach a player's paper
SECRET_INJECTS = """\
- id: cable
  at: 5m
  to: [nctv]
  from: Gasunie control room
  title: Pressure drop
  text: PLAYER-TEXT the pressure drops.
  pillars: [vital-processes]
  source: scenario-derived
  notes: SECRET-NOTES only for exercise control
  decision:
    prompt: PLAYER-PROMPT what now?
    deadline: 3m
    default: wait
    options:
      - {id: act, label: PLAYER-OPTION act, effects: {energy: -5}, release: [follow-up]}
      - {id: wait, label: PLAYER-OPTION wait, effects: {energy: -10}}
  expected:
    - {role: nctv, option: act, within: 3m, objective: obj-energy}
    - {role: nctv, action: SECRET-EXPECTED convenes the ICCb, objective: obj-energy}
- id: follow-up
  when: "chosen(cable, act)"
  after: 1m
  to: [nctv]
  from: Gasunie control room
  title: Follow-up
  text: PLAYER-TEXT pressure restored.
  pillars: [vital-processes]
  source: scenario-derived
- id: backup
  contingency: true
  to: [nctv]
  title: SECRET-CONTINGENCY-TITLE
  text: SECRET-CONTINGENCY-TEXT
  pillars: [vital-processes]
  source: scenario-derived
"""
SECRET_OBJECTIVES = """\
- {id: obj-energy, pillar: vital-processes, text: Keep the energy supply going,
   capability: Energy crisis management, target: A decision within 3 minutes}
"""
MSEL_ONLY = (
    "SECRET-DESCRIPTION",
    "SECRET-NOTES",
    "SECRET-EXPECTED",
    "chosen(cable",
    "obj-energy",
    "within 3m",
)


@pytest.fixture
def secret_scenario(write_scenario: Callable[..., Path]) -> Path:
    header = HEADER + "description: SECRET-DESCRIPTION for exercise control\n"
    path = write_scenario(
        scenario_text(header=header, injects=SECRET_INJECTS, objectives=SECRET_OBJECTIVES)
    )
    load_scenario(path)  # the fixture itself is a valid scenario
    return path


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_player_papers_hold_no_msel_only_text(secret_scenario: Path) -> None:
    scenario = load_scenario(secret_scenario)
    for lang in ("en", "nl"):
        player = player_handout(scenario, lang)
        cards = inject_cards(scenario, lang)
        for paper in (player, cards):
            for secret in MSEL_ONLY:
                assert secret not in paper, secret
        assert "PLAYER-TEXT the pressure drops." in cards
        assert "PLAYER-PROMPT what now?" in cards and "PLAYER-OPTION wait" in cards
        # exercise control's papers do hold them
        controller = handbook(scenario, lang)
        within = {"en": "within 3m", "nl": "binnen 3m"}[lang]  # in the paper's language
        for secret in MSEL_ONLY:
            assert secret.replace("within 3m", within) in controller, secret
            assert secret.replace("within 3m", within) not in player + cards


def test_contingency_injects_are_listed_for_exercise_control_only(secret_scenario: Path) -> None:
    scenario = load_scenario(secret_scenario)
    controller = visible_text(handbook(scenario, "en"))
    contingencies = controller[controller.index("Contingency injects") :]
    assert "SECRET-CONTINGENCY-TITLE" in contingencies
    assert "SECRET-CONTINGENCY-TITLE" not in player_handout(scenario, "en")


def test_one_card_per_inject_each_on_its_own_page(secret_scenario: Path) -> None:
    scenario = load_scenario(secret_scenario)
    cards = inject_cards(scenario, "en")
    assert cards.count('<section class="card">') == len(scenario.injects)
    assert re.search(r"\.card \{[^}]*break-after: page", cards)


def test_the_simcell_script_groups_by_sender_with_cues(secret_scenario: Path) -> None:
    scenario = load_scenario(secret_scenario)
    script = visible_text(simcell(scenario, "en"))
    assert script.count("Simulated sender: Gasunie control room") == 1
    assert "at T+00:05:00" in script
    assert "when: chosen(cable, act); 1m after that" in script


def test_the_evaluation_guide_has_a_rating_box_per_objective(secret_scenario: Path) -> None:
    scenario = load_scenario(secret_scenario)
    guide = handbook(scenario, "nl")
    guide = guide[guide.index("Evaluatiegids") :]
    assert guide.count("uitgevoerd zonder knelpunten") == len(scenario.objectives)
    assert "Capaciteitsdoel" in guide or not any(o.target for o in scenario.objectives)


EXTERNAL = re.compile(
    r"""(?:src|href|action|srcset)\s*=|url\(|@import|<script|<link|<img|<iframe""", re.I
)


@pytest.mark.parametrize(
    "bundled", sorted(bundled_scenarios_dir().glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_paper_is_self_contained_and_marked(tmp_path: Path, bundled: Path) -> None:
    assert main(["handouts", str(bundled), "--out", str(tmp_path)]) == 0
    scenario = load_scenario(bundled)
    files = sorted(tmp_path.glob("*.html"))
    assert [f.name for f in files] == sorted(handouts(scenario, "en"))
    for file in files:
        html = file.read_text(encoding="utf-8")
        assert not EXTERNAL.search(html), file.name
        assert "default-src 'none'" in html  # and a browser would refuse to fetch anything
        # the handling marking at the top and the foot of every printed page
        mark = css_string(scenario.classification)
        assert f"@top-center {{ content: {mark};" in html
        assert f"@bottom-center {{ content: {mark} " in html
        assert "@page { size: A4" in html


def test_hostile_text_is_escaped(write_scenario: Callable[..., Path]) -> None:
    injects = (
        '- {id: x, at: 1m, to: [nctv], from: "<img src=x onerror=alert(1)>", '
        'title: "</title><script>alert(1)</script>", text: "a\\u202eb", '
        "pillars: [vital-processes], source: scenario-derived}\n"
    )
    scenario = load_scenario(
        write_scenario(scenario_text(injects=injects, objectives=OBJECTIVES, roles=ROLES))
    )
    for html in handouts(scenario, "en").values():
        assert "<script" not in html and "<img" not in html
        assert "\u202e" not in html


def test_handouts_are_not_written_over_hand_edited_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["handouts", "demo", "--out", str(tmp_path)]) == 0
    player = tmp_path / "demo-player.html"
    player.write_text("edited by hand", encoding="utf-8")
    capsys.readouterr()
    assert main(["handouts", "demo", "--out", str(tmp_path)]) == 2
    assert "demo-player.html" in capsys.readouterr().err
    assert player.read_text(encoding="utf-8") == "edited by hand"


@pytest.mark.parametrize("marking", ["SECRET </style><script>x</script>", 'a"b\\c\nd', "ÉÉN"])
def test_no_marking_can_break_out_of_its_css_string(marking: str) -> None:
    html = page("t", marking, "<p>body</p>", "en")
    style = html[html.index("<style>") : html.index("</style>")]
    assert "<" not in style.split("@page {", 1)[1]
    assert css_string(marking).count('"') == 2


def test_the_start_reads_as_a_date_in_the_scenario_time_zone_and_language() -> None:
    scenario = load_scenario(bundled_scenarios_dir() / "demo.yaml")  # T+0 07:00 at UTC+01:00
    assert "donderdag 14 januari 2027 07:00 (UTC+01:00)" in handbook(scenario, "nl")
    assert "Thursday 14 January 2027 07:00 (UTC+01:00)" in player_handout(scenario, "en")


# A media inject with a hostile outlet, an expected press release and a narrative it starts
MEDIA_INJECTS = """\
- id: post
  at: 5m
  to: [nctv]
  title: PLAYER-MEDIA-TITLE a post spreads
  text: PLAYER-MEDIA-TEXT the power was cut on purpose.
  pillars: [resilient-society]
  source: scenario-derived
  severity: 4
  media:
    kind: post
    outlet: "=HYPERLINK(\\"http://x\\") <script>alert(1)</script> \\u001b]0;t\\u0007 Channel"
    reach: 4
    people: 250000
  expected:
    - product: {role: nctv, kind: press-release, elements: [threat-info, action-perspective]}
      within: 5m
      objective: obj-comms
"""
MEDIA_NARRATIVES = """\
- id: cover-up
  claim: SECRET-CLAIM they cut the power on purpose
  from: [post]
  every: 10m
  answered_by: [threat-info]
  effects: {energy: -0.5}
  notes: SECRET-NARRATIVE-NOTES
"""


@pytest.fixture
def media_scenario(write_scenario: Callable[..., Path]) -> Scenario:
    path = write_scenario(scenario_text(injects=MEDIA_INJECTS, narratives=MEDIA_NARRATIVES))
    return load_scenario(path)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "NCTV chair: a press release with: threat information, action perspective"),
        ("nl", "NCTV chair: een persbericht met: dreigingsinformatie, handelingsperspectief"),
    ],
)
def test_an_expected_product_reads_in_words_in_the_handbook(
    media_scenario: Scenario, lang: str, words: str
) -> None:
    paper = visible_text(handbook(media_scenario, lang))
    assert paper.count(words) == 2  # under the inject and in the evaluation guide
    assert "product press-release" not in paper and "threat-info" not in paper


def test_media_items_on_the_cards_and_in_the_handbook_with_their_reach(
    media_scenario: Scenario,
) -> None:
    outlet = "=HYPERLINK(&quot;http://x&quot;) &lt;script&gt;alert(1)&lt;/script&gt; \\x1b]0;t\\x07"
    for paper in (handbook(media_scenario, "en"), inject_cards(media_scenario, "en")):
        assert f"Social media post · {outlet} Channel · reach 4/5 · 250,000 people" in paper
    dutch = inject_cards(media_scenario, "nl")
    assert "Bericht op sociale media · " in dutch and "bereik 4/5 · 250.000 mensen" in dutch
    # the outlet publishes a media item that has no simulated sender
    assert f"Simulated sender: {outlet} Channel" in simcell(media_scenario, "en")


def test_the_player_handout_holds_no_inject_and_the_papers_no_narrative_for_players(
    media_scenario: Scenario,
) -> None:
    for lang in ("en", "nl"):
        player = player_handout(media_scenario, lang)
        cards = inject_cards(media_scenario, lang)
        # read before play: a media item reaches players when it happens, not before
        assert "PLAYER-MEDIA" not in player and "Channel" not in player
        assert "PLAYER-MEDIA-TEXT" in cards
        for paper in (player, cards):
            for secret in (
                "SECRET-CLAIM",
                "SECRET-NARRATIVE-NOTES",
                "press release",
                "persbericht",
            ):
                assert secret not in paper, secret
        controller = visible_text(handbook(media_scenario, lang))
        narratives = controller[controller.index({"en": "Narratives", "nl": "Narratieven"}[lang]) :]
        assert "SECRET-CLAIM" in narratives and "SECRET-NARRATIVE-NOTES" in narratives
    english = visible_text(handbook(media_scenario, "en"))
    assert "Answered by threat information" in " ".join(english.split())
    assert "Energy supply -0.5" in " ".join(english.split())


def test_hostile_outlet_never_runs_in_any_paper(media_scenario: Scenario) -> None:
    for name, html in handouts(media_scenario, "en").items():
        assert "<script" not in html and "\x1b" not in html and "\x07" not in html, name
