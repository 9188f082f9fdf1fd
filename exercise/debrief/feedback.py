"""The participants' feedback after play (the hot wash): the form, its answers and their
place in the report.

The form is the scenario's own `feedback` questions or, without them, the HSEEP
participant feedback form (strengths, areas for improvement, realism 1-5, what to change).
A role's answers are one `feedback` event, appended after play at the session's last
scenario time like the evaluators' input: the session's own writer appends them (the
session UI at the end of play) or `exercise feedback` does, holding the journal's lock.
The events keep the questions as they were asked, so the report needs no form to read them.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..content.problems import ContentError, Problem
from ..content.yamlsource import read_source
from ..journal import Journal
from ..language import N_, phrase, text
from ..model import RoleKind, Scenario, localize
from ..model.events import AnswerGiven, Event, Feedback, Kind, NewEvent
from ..model.types import MAX_QUESTIONS
from .evaluation import InputError
from .report import (
    FeedbackAnswer,
    FeedbackForm,
    FeedbackScale,
    ParticipantFeedback,
    PillarFeedback,
)

MAX_ANSWER = 10_000  # characters of one answer
SCALE = range(1, 6)  # a scale question's scores
MAX_FORMS = 1_000  # forms in one answers file
MAX_BY = 500  # characters of a name
REALISM = "realism"  # the scale question whose average the report gives as the realism

QuestionKind = Literal["text", "scale"]


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str  # in the form's language
    kind: QuestionKind


# The HSEEP participant feedback form, used when the scenario has no questions of its own.
DEFAULT_FORM: tuple[tuple[str, str, QuestionKind], ...] = (
    ("strengths", N_("Strengths: what went well?"), "text"),
    ("improvements", N_("Areas for improvement: what should go better?"), "text"),
    (REALISM, N_("How realistic was the exercise? (1 not at all, 5 very)"), "scale"),
    ("change", N_("What would you change in the next exercise?"), "text"),
)


def questions(scenario: Scenario, lang: str) -> list[Question]:
    """The form for this scenario, in `lang`."""
    if scenario.feedback:
        return [
            Question(q.id, localize(q.text, lang, scenario.language), q.kind)
            for q in scenario.feedback
        ]
    return [Question(qid, text(lang, words), kind) for qid, words, kind in DEFAULT_FORM]


def player_roles(scenario: Scenario) -> list[str]:
    """The roles that fill in a form: the players."""
    return [r.id for r in scenario.roles if r.kind == RoleKind.PLAYER]


def answer_value(question: Question, raw: object) -> str | int | None:
    """A raw answer checked against its question: a score 1-5 or a text (None when left
    empty); raises InputError for anything else."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if question.kind == "scale":
        score = raw.strip() if isinstance(raw, str) else raw
        if isinstance(score, str) and score.isdigit() and len(score) == 1:
            score = int(score)
        if type(score) is not int or score not in SCALE:
            raise InputError(phrase("give a whole number from 1 to 5"))
        return score
    if not isinstance(raw, str):
        raise InputError(phrase("give a text"))
    answer = raw.strip()
    if len(answer) > MAX_ANSWER:
        raise InputError(phrase("at most {most} characters", most=MAX_ANSWER))
    return answer


def feedback_event(
    scenario: Scenario, lang: str, role: str, answers: Mapping[str, object], actor: str, t: float
) -> NewEvent:
    """The event of one form, checked: a player role, known questions, valid answers and
    at least one of them given. Raises InputError."""
    if role not in player_roles(scenario):
        raise InputError(phrase("{role} is not a player role of this scenario", role=repr(role)))
    form = {q.id: q for q in questions(scenario, lang)}
    unknown = [key for key in answers if key not in form]
    if unknown:
        raise InputError(
            phrase(
                "{name} is not a question of this form (questions: {questions})",
                name=repr(unknown[0]),
                questions=", ".join(form),
            )
        )
    given: list[AnswerGiven] = []
    for qid, question in form.items():
        try:
            value = answer_value(question, answers.get(qid))
        except InputError as err:
            raise InputError(phrase("{field}: {problem}", field=qid, problem=err.args[0])) from None
        if value is not None:
            given.append({"id": qid, "question": question.text, "answer": value})
    if not given:
        raise InputError(phrase("no question answered"))
    payload: Feedback = {"role": role, "answers": given}
    return NewEvent(t, Kind.FEEDBACK, actor or role, payload)


def load_answers(path: Path | str, scenario: Scenario, lang: str, actor: str) -> list[NewEvent]:
    """Paper forms from a YAML file (`forms:`, each with `role`, `answers` by question id and
    optionally `by`), checked whole: ContentError with FILE:LINE:COL for every problem."""
    source = read_source(path)
    data = source.data
    problems: list[Problem] = []
    if not isinstance(data, dict) or set(data) != {"forms"} or not isinstance(data["forms"], list):
        raise ContentError(
            [source.problem((), phrase("the file must hold one key, forms: a list"))]
        )
    forms = data["forms"]
    if len(forms) > MAX_FORMS:
        raise ContentError(
            [source.problem(("forms",), phrase("at most {most} forms a file", most=MAX_FORMS))]
        )
    form = {q.id: q for q in questions(scenario, lang)}
    players = player_roles(scenario)
    events = []
    for n, item in enumerate(forms):
        here: tuple[str | int, ...] = ("forms", n)
        if not isinstance(item, dict):
            problems.append(source.problem(here, phrase("a form is a mapping: role, by, answers")))
            continue
        found = len(problems)
        for key in item:
            if key not in ("role", "by", "answers"):
                problems.append(
                    source.problem(
                        (*here, key),
                        phrase("{key} is not a key of a form", key=repr(key)),
                        key=True,
                    )
                )
        role = item.get("role")
        if role not in players:
            known = ", ".join(players)
            problems.append(
                source.problem(
                    (*here, "role"),
                    phrase("{role} is not a player role ({roles})", role=repr(role), roles=known),
                )
            )
        by = item.get("by", "")
        if not isinstance(by, str) or len(by) > MAX_BY:
            problems.append(
                source.problem(
                    (*here, "by"), phrase("a name of at most {most} characters", most=MAX_BY)
                )
            )
        answers = item.get("answers")
        if not isinstance(answers, dict) or not answers:
            problems.append(
                source.problem(
                    (*here, "answers"), phrase("answers: a mapping of question id to answer")
                )
            )
            continue
        for qid, raw in answers.items():
            question = form.get(qid)
            if question is None:
                message = phrase(
                    "{name} is not a question of this form ({questions})",
                    name=repr(qid),
                    questions=", ".join(form),
                )
                problems.append(source.problem((*here, "answers", qid), message, key=True))
                continue
            try:
                answer_value(question, raw)
            except InputError as err:
                problems.append(source.problem((*here, "answers", qid), err.args[0]))
        if len(problems) > found:
            continue
        try:
            events.append(
                feedback_event(scenario, lang, str(role), answers, str(by).strip() or actor, 0.0)
            )
        except InputError as err:
            problems.append(source.problem((*here, "answers"), err.args[0]))
    if problems:
        raise ContentError(problems)
    return events


def append(journal: Journal, events: Sequence[NewEvent]) -> list[Event]:
    """Append checked forms in one transaction, at the session's last scenario time (the
    caller holds the journal as its one writer)."""
    last = journal.last()
    t = last.t if last is not None else 0.0
    return journal.append([NewEvent(t, e.kind, e.actor, e.payload) for e in events])


# -- the report ---------------------------------------------------------------------------


@dataclass(slots=True)
class FormRead:
    """A form as the journal holds it, read and checked by the debrief."""

    t: float
    role: str
    by: str
    answers: list[tuple[str, str, str | int]]  # (question id, question, answer)


def read_answers(payload: Mapping[str, Any]) -> list[tuple[str, str, str | int]]:
    """A feedback payload's answers in order; raises ValueError naming the field that is
    wrong (a journal made or edited by hand)."""
    answers = payload.get("answers")
    if type(answers) is not list or not answers or len(answers) > MAX_QUESTIONS:
        raise ValueError("answers")
    out = []
    for n, item in enumerate(answers):
        if type(item) is not dict:
            raise ValueError(f"answers[{n}]")
        qid, question, value = item.get("id"), item.get("question"), item.get("answer")
        if type(qid) is not str or type(question) is not str:
            raise ValueError(f"answers[{n}]")
        if type(value) is int:
            if value not in SCALE:
                raise ValueError(f"answers[{n}].answer")
        elif type(value) is not str:
            raise ValueError(f"answers[{n}].answer")
        out.append((qid, question or qid, value))
    return out


def participant_feedback(
    forms: list[FormRead],
    role_titles: Mapping[str, str],
    role_pillars: Mapping[str, list[str]],
    pillar_titles: Sequence[tuple[str, str]],
) -> ParticipantFeedback:
    """The report's section: the forms, the averages of the scale questions, and per
    pillar the roles that answered (a role's pillars: those of the injects it received)."""
    rows = []
    scores: dict[str, list[int]] = {}
    texts: dict[str, str] = {}
    for form in forms:
        answers = []
        for qid, question, value in form.answers:
            if type(value) is int:
                answers.append(FeedbackAnswer(qid, question, "scale", str(value), value))
                scores.setdefault(qid, []).append(value)
                texts.setdefault(qid, question)
            else:
                answers.append(FeedbackAnswer(qid, question, "text", str(value)))
        rows.append(
            FeedbackForm(
                form.t,
                form.role,
                role_titles.get(form.role, form.role),
                form.by,
                list(role_pillars.get(form.role, [])),
                answers,
            )
        )
    scales = [
        FeedbackScale(qid, texts[qid], _average(values), len(values))
        for qid, values in scores.items()
    ]
    realism = scores.get(REALISM, [])
    pillars = []
    for slug, title in pillar_titles:
        mine = [f for f in rows if slug in f.pillars]
        if not mine:
            continue
        roles = list(dict.fromkeys(f.role_title for f in mine))
        marks = [a.score for f in mine for a in f.answers if a.question == REALISM and a.score]
        pillars.append(PillarFeedback(slug, title, roles, len(mine), _average(marks)))
    return ParticipantFeedback(rows, _average(realism), len(realism), scales, pillars)


def _average(values: Sequence[int]) -> float | None:
    return round(statistics.fmean(values), 2) if values else None
