"""The participant feedback section as every format says it: one headline and three
tables (the scale averages, per pillar, the answers per role), in the report's language.

The renderers escape the cells for where they go and translate the headers (English
keys); the words are said here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..language import N_
from .report import ParticipantFeedback
from .words import Words

MAX_ANSWER_ROWS = 5_000  # answers listed in Markdown, HTML and the console; the JSON has all
NO_FEEDBACK = N_(
    "No feedback forms yet: the players fill them in when the session ends, and paper "
    "forms are entered with exercise feedback."
)


@dataclass(slots=True)
class Table:
    headers: list[str]  # English keys, translated by the renderer
    rows: list[list[str]]  # cells in the report's language, not escaped


@dataclass(slots=True)
class FeedbackView:
    headline: str
    scales: Table
    pillars: Table
    answers: Table
    more: str  # "N more answers not shown", or empty


def feedback_view(feedback: ParticipantFeedback, w: Words) -> FeedbackView | None:
    """What the section shows, or None when no form was filled in (the section says so)."""
    if not feedback.forms:
        return None
    roles = len({f.role for f in feedback.forms})
    parts = [
        w(
            "{forms} from {roles}",
            forms=w.plural(len(feedback.forms), "{n} feedback form", "{n} feedback forms"),
            roles=w.plural(roles, "{n} role", "{n} roles"),
        )
    ]
    if feedback.realism is not None:
        parts.append(
            w(
                "realism (1-5): average {average} from {answers}",
                average=w.number(feedback.realism),
                answers=w.plural(feedback.realism_answers, "{n} answer", "{n} answers"),
            )
        )
    scales = Table(
        [N_("Question"), N_("Average (1-5)"), N_("Answers")],
        [[s.text, _average(s.average, w), str(s.answers)] for s in feedback.scales],
    )
    pillars = Table(
        [N_("Pillar"), N_("Roles that answered"), N_("Forms"), N_("Realism (1-5)")],
        [
            [p.title, ", ".join(p.roles), str(p.forms), _average(p.realism, w)]
            for p in feedback.pillars
        ],
    )
    rows = []
    total = 0
    for form in feedback.forms:
        for answer in form.answers:
            total += 1
            if total <= MAX_ANSWER_ROWS:
                rows.append([form.role_title, form.by, answer.text, answer.answer])
    answers = Table([N_("Role"), N_("By"), N_("Question"), N_("Answer")], rows)
    left = total - len(rows)
    more = w.plural(left, "{n} more answer not shown", "{n} more answers not shown") if left else ""
    return FeedbackView("; ".join(parts) + ".", scales, pillars, answers, more)


def _average(value: float | None, w: Words) -> str:
    return "—" if value is None else w.number(value)
