"""`validate` and the loader say what is wrong with a file in the reader's language: the
FILE:LINE:COL and the data path as they are, the exit status 2 as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.cli import main
from exercise.content.problems import MAX_PROBLEMS, Problem, capped
from exercise.language import Phrase, nphrase, phrase, say

BROKEN = Path(__file__).resolve().parent / "corpus" / "broken"


def _lines(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["validate", *args])
    return code, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    ("name", "dutch"),
    [
        ("pillar-wrong-value.yaml", "is geen van de toegestane waarden (bedoelt u"),
        ("duration-words.yaml", "is niet een duur zoals 90s"),
        ("unknown-top-key.yaml", "onbekende sleutel 'descripton' (bedoelt u 'description'?)"),
        ("duplicate-key.yaml", "YAML: sleutel 'title' staat twee keer in deze mapping"),
        ("empty.yaml", "het bestand is leeg"),
    ],
)
def test_validate_in_dutch_keeps_the_place_and_the_status(
    capsys: pytest.CaptureFixture[str], name: str, dutch: str
) -> None:
    path = str(BROKEN / name)
    english_code, english = _lines(capsys, path, "--lang", "en")
    dutch_code, said = _lines(capsys, path, "--lang", "nl")
    assert english_code == dutch_code == 2
    assert len(said) == len(english)
    for en, nl in zip(english[:-1], said[:-1], strict=True):  # the last line: the count
        place = en.split(": ", 1)[0]  # FILE:LINE:COL
        assert nl.startswith(place + ": ") and nl != en
    assert dutch in said[0]
    assert said[-1].startswith("1 probleem in 1 van 1 bestand")


def test_the_environment_chooses_the_language_of_the_problems(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "nl")
    code, said = _lines(capsys, str(BROKEN / "empty.yaml"))
    assert code == 2 and "het bestand is leeg" in said[0]


def test_a_capped_file_counts_the_rest_in_the_readers_notation() -> None:
    problems = [
        Problem("big.yaml", n + 1, 1, "injects", phrase("the file is empty")) for n in range(1500)
    ]
    last = capped(problems)[-1]
    assert str(last).endswith(
        f"... and 1,300 more problems in this file (only the first {MAX_PROBLEMS} are shown)"
    )
    assert last.shown("nl").endswith(
        "... en nog 1.300 problemen in dit bestand "
        f"(alleen de eerste {MAX_PROBLEMS} worden getoond)"
    )


def test_a_phrase_is_its_english_and_is_said_in_another_language() -> None:
    hint = phrase(" (did you mean {name}?)", name="'nctv'")
    said = phrase("{name} is not a role of this scenario{hint}", name="'nvtc'", hint=hint)
    assert said == "'nvtc' is not a role of this scenario (did you mean 'nctv'?)"
    assert say("nl", said) == "'nvtc' is geen rol van dit scenario (bedoelt u 'nctv'?)"
    assert say("nl", "{not a message}") == "{not a message}"  # data stays as it is


def test_a_phrase_copied_or_pickled_can_still_be_said() -> None:
    import copy
    import pickle

    said = nphrase("{n} problem in {file}", "{n} problems in {file}", 2, file="a.yaml")
    for again in (copy.deepcopy(said), pickle.loads(pickle.dumps(said))):
        assert again == "2 problems in a.yaml" and isinstance(again, Phrase)
        assert say("nl", again) == say("nl", said)
