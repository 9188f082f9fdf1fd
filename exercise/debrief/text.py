"""Words and number formats the renderers share, so every format says the same thing."""

from __future__ import annotations

from ..model import CommsElement, Pillar, format_clock, format_duration
from .words import Words

REPORT_TITLE = "After-Action Report / Improvement Plan"

# (anchor, heading) in report order; every renderer has each of these.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("overview", "1. Exercise overview"),
    ("summary", "2. Executive summary"),
    ("pillars", "3. Analysis per pillar"),
    ("nato", "4. NATO baseline requirements"),
    ("communication", "5. Crisis communication"),
    ("escalation", "6. Escalation"),
    ("improvement-plan", "7. Improvement plan"),
    ("timeline", "Annex A. Timeline"),
    ("participants", "Annex B. Participants"),
)
HEADING = dict(SECTIONS)

# Headings inside every pillar section, in order.
PILLAR_PARTS: tuple[str, ...] = (
    "Objectives",
    "Injects delivered",
    "Decisions",
    "Expected actions",
    "Contingency injects released",
    "Indicators",
    "Observations",
    "Rating",
)

NOT_EXERCISED = "Not exercised: no inject, decision, measure or observation touched this pillar."
NOT_RATED = "not rated"
DRAFT_NOTE = "DRAFT: not yet validated by an evaluator."

KIND_LABELS = {
    "decision": "Decision",
    "missed": "Deadline missed",
    "measure": "Measure",
    "self-decision": "Own initiative",
}
STATUS_LABELS = {"met": "met", "late": "late", "missed": "missed", "pending": "pending"}
OBSERVATION_LABELS = {
    "strength": "Strengths",
    "improvement": "Areas for improvement",
    "note": "Notes",
}
OBSERVATION_SINGULAR = {
    "strength": "Strength",
    "improvement": "Area for improvement",
    "note": "Note",
}
RATING_COLOURS = {"P": "#39870c", "S": "#8fae1b", "M": "#e17000", "U": "#d52b1e"}
STATUS_COLOURS = {"met": "#39870c", "late": "#ffb612", "missed": "#d52b1e", "pending": "#b4b4b4"}


def element_label(value: str, w: Words) -> str:
    """A communication element's name (an unknown value as it is)."""
    try:
        return w.label(CommsElement(value))
    except ValueError:
        return value


def pillar_label(value: str, w: Words) -> str:
    try:
        return w.label(Pillar(value))
    except ValueError:
        return value


def pillar_number(slug: str) -> str:
    """3.1 .. 3.6: a pillar's section number."""
    return f"3.{[p.value for p in Pillar].index(slug) + 1}"


_CLOCKS: dict[float, str] = {}
_SPANS: dict[int, str] = {}


def clock(t: float | None) -> str:
    """T+HH:MM:SS, or a dash (remembered: a large report repeats the same times often)."""
    if t is None:
        return "—"
    text = _CLOCKS.get(t)
    if text is None:
        if len(_CLOCKS) > 200_000:
            _CLOCKS.clear()
        text = _CLOCKS[t] = format_clock(t)
    return text


def span(seconds: float | None) -> str:
    """A duration to the second (the JSON keeps milliseconds)."""
    if seconds is None:
        return "—"
    whole = round(seconds)
    text = _SPANS.get(whole)
    if text is None:
        if len(_SPANS) > 200_000:
            _SPANS.clear()
        text = _SPANS[whole] = format_duration(whole)
    return text


def number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def rating_text(mark, w: Words) -> str:  # mark: report.RatingMark | None
    if mark is None:
        return w(NOT_RATED)
    if mark.computed:
        return w("{rating} (computed suggestion: {label})", rating=mark.rating, label=mark.label)
    if mark.by:
        return w("{rating} ({label}, by {by})", rating=mark.rating, label=mark.label, by=mark.by)
    return w("{rating} ({label})", rating=mark.rating, label=mark.label)


def reference_text(communication, w: Words, escape) -> str:  # report.Communication
    """What the time to the first action-perspective message is counted from, with the
    inject's id passed through the format's `escape`."""
    c = communication
    if not c.reference_inject:
        return escape(w("the start of the session"))
    return w(
        "the first inject with severity 4 or more ({inject}, {time})",
        inject=escape(c.reference_inject),
        time=clock(c.reference),
    )


def counts_text(counts, w: Words) -> str:  # counts: report.Counts
    return w(
        "{met} met, {late} late, {missed} missed, {pending} pending",
        met=counts.met,
        late=counts.late,
        missed=counts.missed,
        pending=counts.pending,
    )
