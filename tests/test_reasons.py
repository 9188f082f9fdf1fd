"""The engine's reasons are codes with parameters in the journal, put into words where they
are shown; a journal from before the codes (English text) still reads, in any language; a
session remembers its language."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.content.loader import load_scenario
from exercise.content.resources import find_scenario
from exercise.model.events import Kind
from exercise.model.reasons import REASONS, reason, reason_text
from exercise.sim import commands as c
from exercise.sim.session import Session
from exercise.ui.app import create_app, start_session


@pytest.fixture(scope="module")
def demo():
    path = find_scenario("demo")
    assert path is not None
    return load_scenario(path)


def test_a_refusal_is_journaled_as_a_code_and_shown_in_the_users_language(
    demo, tmp_path: Path
) -> None:
    session = Session.start(demo, tmp_path / "s.db")
    session.submit(c.Pause())
    outcome, _events = session.submit(c.Pause())
    assert not outcome.accepted
    rejected = [e for e in session.journal.events() if e.kind == Kind.COMMAND_REJECTED]
    assert rejected[-1].payload["code"] == "already-paused"
    assert rejected[-1].payload["params"] == {}
    assert rejected[-1].payload["reason"] == "the session is already paused"  # for old readers
    assert outcome.explain("nl") == "de sessie is al gepauzeerd"
    assert outcome.explain("en") == "the session is already paused"
    session.close()


def test_a_reason_with_parameters_in_dutch() -> None:
    payload = reason("not-an-option", option="flee", inject="cut").payload()
    assert payload["reason"] == "'flee' is not an option of 'cut'"
    assert reason_text("nl", payload) == "“flee” is geen optie van “cut”"


def test_an_old_journals_english_reasons_still_read() -> None:
    assert reason_text("nl", {"reason": "scenario time is up"}) == text_nl("scenario time is up")
    assert reason_text("nl", {"reason": "the deadline passed"}) == "de uiterste tijd verstreek"
    # the facilitator's own words, or a sentence the catalogue does not know, as written
    assert reason_text("nl", {"reason": "fire alarm"}) == "fire alarm"
    # a code with parameters that do not fit (a damaged journal): the English it holds
    damaged = {"code": "not-an-option", "params": {"x": "1"}, "reason": "as written"}
    assert reason_text("nl", damaged) == "as written"
    assert reason_text("nl", {"code": "no-such-code", "reason": "kept"}) == "kept"


def text_nl(english: str) -> str:
    from exercise.language import text

    translated = text("nl", english)
    assert translated != english
    return translated


def test_every_code_has_a_sentence_and_an_unknown_code_is_refused() -> None:
    assert all(REASONS.values())
    with pytest.raises(KeyError):
        reason("not-a-code")


def test_a_session_remembers_its_language(demo, tmp_path: Path) -> None:
    session = start_session(demo, tmp_path / "nl.db", lang="nl")
    assert session.meta["lang"] == "nl"
    assert create_app(session).lang == "nl"  # resumed without --lang
    assert create_app(session, lang="en").lang == "en"  # unless --lang says otherwise
    session.close()
