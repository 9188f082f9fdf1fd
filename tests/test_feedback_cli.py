"""`exercise feedback JOURNAL`: paper forms typed in or read from a file, as the journal's
one writer; the scenario's own `feedback` form and its mistakes at FILE:LINE:COL."""

from __future__ import annotations

import io
import json
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import scenario_text

from exercise.cli import main
from exercise.content.loader import load_scenario
from exercise.content.problems import ContentError
from exercise.journal import Journal, open_verified, verify
from exercise.model.events import Kind


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("played") / "demo.db"
    assert main(["play", "demo", "--auto", "expected", "--journal", str(path)]) == 0
    return path


@pytest.fixture
def journal(played: Path, tmp_path: Path) -> Path:
    path = tmp_path / "session.db"
    shutil.copy(played, path)
    return path


def kinds(path: Path) -> list[str]:
    with Journal.open(path, readonly=True) as opened:
        return [e.kind for e in opened.events()]


def forms(path: Path) -> list[dict]:
    with Journal.open(path, readonly=True) as opened:
        return [dict(e.payload, by=e.actor) for e in opened.events() if e.kind == Kind.FEEDBACK]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_file_of_paper_forms_is_recorded_and_debriefed(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write(
        tmp_path,
        """\
        forms:
          - role: nctv
            by: J. de Vries
            answers: {strengths: Quick ICCb, realism: 4}
          - role: nkc
            answers: {change: "Fewer injects", realism: 2}
        """,
    )
    assert main(["feedback", str(journal), "--file", str(answers), "--by", "EXCON"]) == 0
    said = capsys.readouterr()
    assert "2 feedback forms recorded" in said.out and "never ended" not in said.err
    assert verify(journal).ok
    assert [(f["role"], f["by"]) for f in forms(journal)] == [
        ("nctv", "J. de Vries"),
        ("nkc", "EXCON"),  # no name on the form: who entered it
    ]
    # the simulation ignores the forms: replay still reads the journal to its end
    assert main(["replay", str(journal), "--format", "json"]) == 0
    replayed = json.loads(capsys.readouterr().out)
    assert replayed["ended"] is True
    assert main(["debrief", str(journal), "--format", "json", "--out", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "session.json").read_text(encoding="utf-8"))
    assert report["feedback"]["realism"] == 3.0


def test_a_bad_file_names_each_mistake_and_records_nothing(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = kinds(journal)
    answers = write(
        tmp_path,
        """\
        forms:
          - role: nctv
            answers:
              realism: 7
              bogus: x
          - role: excon
            answers: {change: less}
          - role: nkc
            colour: blue
            answers: {change: ok}
        """,
    )
    assert main(["feedback", str(journal), "--file", str(answers)]) == 2
    err = capsys.readouterr().err.splitlines()
    name = str(answers)
    assert err == [
        f"{name}:4:16: forms[0].answers.realism: give a whole number from 1 to 5",
        f"{name}:5:7: forms[0].answers.bogus: 'bogus' is not a question of this form "
        "(strengths, improvements, realism, change)",
        f"{name}:6:11: forms[1].role: 'excon' is not a player role (nctv, kgg, nkc)",
        f"{name}:9:5: forms[2].colour: 'colour' is not a key of a form",
    ]
    assert kinds(journal) == before


def test_a_form_typed_in_at_the_terminal(
    journal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # role by number, a name, strengths, no improvements, a wrong score then 5, a change
    typed = "3\nAnna\nClear roles\n\n9\n5\nMore time\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    assert main(["feedback", str(journal)]) == 0
    out, err = capsys.readouterr()
    assert "1 to 5" in err and "1 feedback form recorded" in out
    [form] = forms(journal)
    assert (form["role"], form["by"]) == ("nkc", "Anna")
    assert [(a["id"], a["answer"]) for a in form["answers"]] == [
        ("strengths", "Clear roles"),
        ("realism", 5),
        ("change", "More time"),
    ]


def test_input_that_ends_early_records_nothing(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = kinds(journal)
    monkeypatch.setattr("sys.stdin", io.StringIO("Anna\nGood\n"))
    assert main(["feedback", str(journal), "--role", "nctv"]) == 0
    assert kinds(journal) == before


def test_not_a_player_role_is_refused(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feedback", str(journal), "--role", "excon"]) == 2
    assert "not a player role" in capsys.readouterr().err


def test_a_journal_held_by_its_writer_is_refused(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write(tmp_path, "forms: [{role: nctv, answers: {realism: 3}}]\n")
    holder, _ = open_verified(journal, readonly=False)
    try:
        assert main(["feedback", str(journal), "--file", str(answers)]) == 2
        assert "only one program may write" in capsys.readouterr().err
    finally:
        holder.close()
    assert Kind.FEEDBACK not in kinds(journal)


# -- the scenario's own form -------------------------------------------------------------------


def _with_feedback(block: str) -> str:
    return scenario_text() + "feedback:\n" + textwrap.indent(textwrap.dedent(block), "  ")


def test_a_scenario_form_with_mistakes_is_refused_at_their_lines(
    write_scenario: Callable[..., Path],
) -> None:
    text = _with_feedback(
        """\
        - {id: clarity, text: Clear?}
        - {id: clarity, text: Again?}
        - {id: realism, text: Real?, kind: stars}
        """
    )
    path = write_scenario(text)
    first = text.splitlines().index("feedback:") + 2
    with pytest.raises(ContentError) as caught:
        load_scenario(path)
    shown = [(p.line, p.path) for p in caught.value.problems]
    assert (first + 2, "feedback[2].kind") in shown
    with pytest.raises(ContentError) as caught:
        load_scenario(write_scenario(text.replace(", kind: stars", ", kind: scale")))
    [problem] = caught.value.problems
    assert (problem.line, problem.path) == (first + 1, "feedback[1].id")
    assert "duplicate id 'clarity'" in problem.message


def test_the_scenario_schema_describes_the_form() -> None:
    from exercise.content.schema import scenario_schema

    question = scenario_schema()["$defs"]["FeedbackQuestion"]
    assert question["properties"]["kind"]["enum"] == ["text", "scale"]
    assert set(question["required"]) == {"id", "text"}


def test_role_and_file_together_are_refused(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write(tmp_path, "forms: [{role: nkc, answers: {realism: 3}}]\n")
    assert main(["feedback", str(journal), "--file", str(answers), "--role", "nctv"]) == 2
    assert "the file names each form's role" in capsys.readouterr().err
    assert Kind.FEEDBACK not in kinds(journal)


def test_forms_for_a_session_that_never_ended_are_kept_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A session that crashed and was not resumed: the room's paper forms still go in, at
    its last scenario time, and the trainer is told the session never ended."""
    from exercise.content.resources import find_scenario
    from exercise.sim.session import Session

    demo = find_scenario("demo")
    assert demo is not None
    path = tmp_path / "crashed.db"
    session = Session.start(load_scenario(demo), path, durable=False)
    session.engine.advance_to(600.0)
    session.commit()
    session.close()
    answers = write(tmp_path, "forms: [{role: nctv, answers: {realism: 3}}]\n")
    assert main(["feedback", str(path), "--file", str(answers)]) == 0
    said = capsys.readouterr()
    assert "1 feedback form recorded" in said.out
    assert "never ended" in said.err
    assert Kind.SESSION_ENDED not in kinds(path) and kinds(path)[-1] == Kind.FEEDBACK
    assert verify(path).ok
