"""The full scenario in the tests' pseudo-language (every message wrapped ⟦…⟧, made from the
catalogue template): played, replayed, listed, linted and debriefed in all four formats.
Any word of our own outside the wrapping is a string that missed the language layer.
And the Dutch debrief of the full scenario holds none of the engine's English reasons."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pseudo_language import PSEUDO, data_words, json_texts, unwrapped_words, write_pseudo_catalogue

from exercise import language
from exercise.cli import main
from exercise.debrief import build_report, render
from exercise.journal import Journal
from exercise.model import Pillar
from exercise.model.reasons import REASONS
from exercise.sim.replay import load_frozen

ROOT = Path(__file__).resolve().parent.parent
DECISIONS = ROOT / "docs" / "examples" / "noordzee-schaduw-decisions.yaml"
# Not missed strings: the time zone's name, and each pillar's official (Dutch) name,
# which every report shows under its own heading as the cabinet letter has it.
ALLOWED = {"UTC"} | {w for p in Pillar for w in re.findall(r"\w{3,}", p.label("nl"))}


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = write_pseudo_catalogue(tmp_path_factory.mktemp("locale"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(language.PATH_VARIABLE, str(folder))
        yield folder


@pytest.fixture(scope="module")
def played(pseudo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    journal = tmp_path_factory.mktemp("played") / "noordzee.db"
    code = main(
        ["play", "noordzee-schaduw", "--decisions", str(DECISIONS), "--journal", str(journal),
         "--lang", PSEUDO]
    )  # fmt: skip
    assert code == 0
    return journal


@pytest.fixture(scope="module")
def data(played: Path) -> set[str]:
    """The words of the scenarios (the demo is listed too) and of every event: what is not
    ours to translate."""
    from exercise.content.loader import load_scenario
    from exercise.content.resources import find_scenario

    with Journal.open(played, readonly=True) as journal:
        scenario = load_frozen(journal)
        payloads = [e.payload for e in journal.events()]
    others = [  # every bundled scenario: `list` shows them all
        load_scenario(find_scenario(name))  # type: ignore[arg-type]
        for name in ("demo", "havenstad-doortocht")
    ]
    dumps = [s.model_dump(mode="json", by_alias=True) for s in (scenario, *others)]
    return data_words(dumps, payloads, [str(played)])


def _visible_html(page: str) -> str:
    body = page.split("</style>", 1)[1]
    labels = " ".join(re.findall(r'(?:aria-label|title)="([^"]*)"', body))
    return html.unescape(re.sub(r"<[^>]+>", " ", body) + " " + labels)  # as a reader sees it


def _missed(text: str, data: set[str]) -> set[str]:
    return unwrapped_words(text, data) - ALLOWED


@pytest.mark.parametrize("fmt", ["console", "md", "html"])
def test_the_debrief_has_no_word_of_ours_outside_the_language_layer(
    played: Path, data: set[str], fmt: str
) -> None:
    with Journal.open(played, readonly=True) as journal:
        report = build_report(journal)  # in the language the session was played in
    assert report.overview.language == PSEUDO
    shown = render(report, fmt)
    assert _missed(_visible_html(shown) if fmt == "html" else shown, data) == set()


def test_the_json_debrief_keeps_english_keys_and_translates_its_texts(
    played: Path, data: set[str]
) -> None:
    with Journal.open(played, readonly=True) as journal:
        document = json.loads(render(build_report(journal), "json"))
    assert "overview" in document and "pillars" in document  # keys stay English
    texts = json_texts(document, skip=frozenset({"title", "title_nl"}))
    assert texts and _missed("\n".join(texts), data) == set()


@pytest.mark.parametrize(
    "command",
    [["replay", "{journal}"], ["verify", "{journal}"], ["list"], ["lint", "noordzee-schaduw"]],
    ids=lambda c: c[0],
)
def test_the_command_line_has_no_word_of_ours_outside_the_language_layer(
    played: Path, data: set[str], command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    args = [a.replace("{journal}", str(played)) for a in command]
    assert main([*args, "--lang", PSEUDO]) == 0
    out = capsys.readouterr().out
    assert out.strip() and _missed(out, data | _table_words()) == set()


def _table_words() -> set[str]:
    """Slugs the lint and replay tables list as they are (ids, not words)."""
    from exercise.model import HybridDomain, NatoRequirement

    slugs = [m.value for enum in (Pillar, NatoRequirement, HybridDomain) for m in enum]
    return {part for slug in slugs for part in slug.split("-")} | set(slugs)


def _fixed_parts(template: str) -> list[str]:
    """The literal runs of an English reason longer than a word or two."""
    parts = re.split(r"'?\{\w+\}'?", template)
    return [p.strip(" ;:,.") for p in parts if len(p.strip(" ;:,.")) >= 12]


def test_the_dutch_debrief_holds_none_of_the_engines_english_reasons(played: Path) -> None:
    with Journal.open(played, readonly=True) as journal:
        report = build_report(journal, lang="nl")
    english = [part for template in REASONS.values() for part in _fixed_parts(template)]
    assert "not done before the end of the session" in english
    for fmt in ("console", "md", "html", "json"):
        shown = render(report, fmt)
        assert [part for part in english if part in shown] == [], fmt
