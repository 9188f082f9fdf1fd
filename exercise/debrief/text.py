"""Words and number formats the renderers share, so every format says the same thing."""

from __future__ import annotations

import dataclasses
import math
import typing
from collections.abc import Callable
from functools import cache
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ..language import N_
from ..model import CommsElement, Pillar, format_clock, format_duration
from .words import Words

if TYPE_CHECKING:
    from .report import (
        CommsItem,
        Communication,
        Counts,
        DisruptionComms,
        MeasureRow,
        ProductRow,
        RatingMark,
    )

# -- limits: whatever a journal holds, every rendering stays this small --------------------

# Scenario times beyond this (about 31.7 million years) are not drawn or computed with:
# far past any exercise, and small enough that no sum of a journal's times overflows.
MAX_TIME = 1e15
# A text longer than this is cut, with TRUNCATED, in Markdown, HTML and console tables:
# more than half a printed page in one cell; the JSON report keeps the whole text.
MAX_SHOWN_TEXT = 1_000
TRUNCATED = " […]"
# Annex A lists at most this many rows (a three-hour exercise has a few hundred); the
# rest is counted ("N more events not shown") and is in the JSON report.
MAX_TIMELINE_ROWS = 5_000

REPORT_TITLE = N_("After-Action Report / Improvement Plan")

# (anchor, heading) in report order; every renderer has each of these.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("overview", N_("1. Exercise overview")),
    ("summary", N_("2. Executive summary")),
    ("pillars", N_("3. Analysis per pillar")),
    ("nato", N_("4. NATO baseline requirements")),
    ("communication", N_("5. Crisis communication")),
    ("escalation", N_("6. Escalation")),
    ("improvement-plan", N_("7. Improvement plan")),
    ("feedback", N_("8. Participant feedback")),
    ("timeline", N_("Annex A. Timeline")),
    ("participants", N_("Annex B. Participants")),
    ("products", N_("Annex C. Communication products")),
    ("media", N_("Annex D. Media and narratives")),
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

NOT_EXERCISED = N_(
    "Not exercised: no inject, decision, measure or observation touched this pillar."
)
NOT_RATED = "not rated"
DRAFT_NOTE = N_("DRAFT: not yet validated by an evaluator.")
NO_RECOMMENDATIONS = N_(
    "No improvement plan items yet: the recommendations come from the evaluators' review."
)

KIND_LABELS = {
    "decision": "Decision",
    "missed": N_("Deadline missed"),
    "measure": "Measure",
    "self-decision": "Own initiative",
}
STATUS_LABELS = {"met": "met", "late": "late", "missed": "missed", "pending": "pending"}
OBSERVATION_LABELS = {
    "strength": N_("Strengths"),
    "improvement": N_("Areas for improvement"),
    "note": N_("Notes"),
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


def pillar_titles(section: Any, w: Words) -> tuple[str, str, str]:
    """A pillar section's name in the report's language, and its name in the cabinet
    letter's Dutch (in English when the report is Dutch), with that one's language code."""
    own = pillar_label(section.pillar, w)
    if w.lang == "nl":
        return own, section.title, "en"
    return own, section.title_nl, "nl"


def pillar_number(slug: str) -> str:
    """3.1 .. 3.6: a pillar's section number."""
    return f"3.{[p.value for p in Pillar].index(slug) + 1}"


def shorten(text: str, most: int = MAX_SHOWN_TEXT) -> str:
    """`text`, or its first `most` characters (at most) ending in the TRUNCATED marker."""
    if len(text) <= most:
        return text
    return text[: max(most - len(TRUNCATED), 1)].rstrip() + TRUNCATED


T = TypeVar("T")


def for_display(report: T, most: int = MAX_SHOWN_TEXT) -> T:
    """`report` (or a comparison) with every text longer than `most` cut by `shorten`, for
    the Markdown, HTML and console renderers (the JSON renders the report itself, whole).

    Returns `report` itself when nothing is that long (the usual case: the check runs over
    each list of rows a field at a time, in C, or not at all when the report was built
    knowing: `Report.long_texts`). Rows shared by several lists stay shared."""
    known = getattr(report, "long_texts", None) if most == MAX_SHOWN_TEXT else None
    if known is False or (known is None and not has_long_text(report, most)):
        return report
    return cast(T, _shortened(report, most, {}))


def has_long_text(report: object, most: int = MAX_SHOWN_TEXT) -> bool:
    """Whether any text in `report` (a report, comparison or row) is longer than `most`."""
    return _has_long(report, most)


@cache
def _text_fields(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A dataclass's fields by kind: text (never None), lists of text, and the others that
    may hold text (optional text, nested rows); numbers, flags and times are left out."""
    hints = typing.get_type_hints(cls)
    texts, lists, others = [], [], []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        if hint is str or typing.get_origin(hint) is typing.Literal:
            texts.append(f.name)
        elif typing.get_origin(hint) is list and typing.get_args(hint) == (str,):
            lists.append(f.name)
        elif _may_hold_text(hint):
            others.append(f.name)
    return tuple(texts), tuple(lists), tuple(others)


def _may_hold_text(hint: Any) -> bool:
    if hint is str or typing.get_origin(hint) is typing.Literal:
        return True
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return True
    return any(_may_hold_text(arg) for arg in typing.get_args(hint))


def _has_long(value: Any, most: int) -> bool:
    kind: type = type(value)
    if kind is str:
        return len(value) > most
    if kind is list or kind is tuple:
        if not value:
            return False
        first = value[0]
        row_type: type = type(first)
        if dataclasses.is_dataclass(first) and all(type(v) is row_type for v in value):
            texts, lists, others = _text_fields(row_type)
            for name in texts:
                if max(map(len, map(attrgetter(name), value))) > most:
                    return True
            for name in lists:
                if (
                    max(map(len, chain.from_iterable(map(attrgetter(name), value))), default=0)
                    > most
                ):
                    return True
            return any(_has_long(getattr(v, name), most) for name in others for v in value)
        return any(_has_long(v, most) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        texts, lists, others = _text_fields(kind)
        return any(_has_long(getattr(value, name), most) for name in (*texts, *lists, *others))
    return False


def _shortened(value: Any, most: int, memo: dict[int, Any]) -> Any:
    kind = type(value)
    if kind is str:
        return shorten(value, most)
    if kind is list:
        return [_shortened(v, most, memo) for v in value]
    if kind is tuple:
        return tuple(_shortened(v, most, memo) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        key = id(value)
        done = memo.get(key)
        if done is None:
            if _has_long(value, most):
                done = dataclasses.replace(
                    value,
                    **{
                        f.name: _shortened(getattr(value, f.name), most, memo)
                        for f in dataclasses.fields(value)
                        if f.init
                    },
                )
            else:
                done = value
            memo[key] = done
        return done
    return value


def bounded_time(seconds: float) -> float:
    """A time or duration clamped to 0..MAX_TIME (not a number: 0)."""
    if seconds >= MAX_TIME:
        return MAX_TIME
    return seconds if seconds > 0 else 0.0


def fraction(value: float, low: float, high: float) -> float:
    """Where `value` lies from `low` (0) to `high` (1), clamped; never NaN or infinite,
    however far apart the bounds are (their difference may overflow a float)."""
    if not value > low:  # at or below the bottom, or not a number
        return 0.0
    if not value < high:
        return 1.0
    span_ = high - low
    if not math.isfinite(span_):  # e.g. -1e308 .. 1e308: work in halves
        return (value / 2 - low / 2) / (high / 2 - low / 2)
    return (value - low) / span_


def between(low: float, high: float, share: float) -> float:
    """The value `share` (0..1) of the way from `low` to `high`, without overflow."""
    return low * (1 - share) + high * share


_CLOCKS: dict[float, str] = {}
_SPANS: dict[int, str] = {}


def clock(t: float | None) -> str:
    """T+HH:MM:SS, or a dash (remembered: a large report repeats the same times often)."""
    if t is None:
        return "—"
    text = _CLOCKS.get(t)
    if text is None:
        if not math.isfinite(t):
            return "—"
        if len(_CLOCKS) > 200_000:
            _CLOCKS.clear()
        text = _CLOCKS[t] = format_clock(t)
    return text


def span(seconds: float | None) -> str:
    """A duration to the second (the JSON keeps milliseconds)."""
    if seconds is None or not math.isfinite(seconds):
        return "—"
    whole = round(seconds)
    text = _SPANS.get(whole)
    if text is None:
        if len(_SPANS) > 200_000:
            _SPANS.clear()
        text = _SPANS[whole] = format_duration(whole)
    return text


def in_force_text(m: MeasureRow, w: Words) -> str:
    """How long a lasting measure stayed in force: lifted when (at which level, and
    whether it was accounted for), or still in force at the end; "—" for a one-off."""
    if not m.lasting:
        return "—"
    if m.lifted is None:
        return w("still in force at the end")
    said = w("lifted at {time} ({level})", time=format_clock(m.lifted), level=m.lifted_level or "?")
    return said + (w(", accounted for") if m.informed else w(", not accounted for"))


def number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def rating_text(mark: RatingMark | None, w: Words) -> str:
    if mark is None:
        return w(NOT_RATED)
    if mark.computed:
        return w("{rating} (computed suggestion: {label})", rating=mark.rating, label=mark.label)
    if mark.by:
        return w("{rating} ({label}, by {by})", rating=mark.rating, label=mark.label, by=mark.by)
    return w("{rating} ({label})", rating=mark.rating, label=mark.label)


def reference_text(communication: Communication, w: Words, escape: Callable[[str], str]) -> str:
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


def every_objective(report: Any) -> list[Any]:
    """The scenario's objectives, pillar by pillar (the overview's table in every format)."""
    return [objective for section in report.pillars for objective in section.objectives]


def by_time(communication: Communication) -> list[tuple[str, CommsItem]]:
    """The decisions with a communication side, each with its element, in time order
    (one table in every format, under the counts per element)."""
    items = [(e.element, i) for e in communication.elements for i in e.items]
    items.sort(key=lambda pair: pair[1].t)
    return items


def counts_text(counts: Counts, w: Words) -> str:
    return w(
        "{met} met, {late} late, {missed} missed, {pending} pending",
        met=counts.met,
        late=counts.late,
        missed=counts.missed,
        pending=counts.pending,
    )


def unreadable_text(n: int, w: Words) -> str:
    """The note of events left out because they could not be read."""
    if n == 1:
        return w("1 event could not be read and is left out of this report.")
    return w("{n} events could not be read and are left out of this report.", n=n)


def timeline_more(n: int, w: Words) -> str:
    """The note under a timeline cut at MAX_TIMELINE_ROWS."""
    return w(
        "{n} more events not shown (at most {most} are listed); the JSON report has them all.",
        n=n,
        most=MAX_TIMELINE_ROWS,
    )


def pauses_text(n: int, w: Words) -> str:
    """The note under a timeline that leaves the clock's pauses and resumes out."""
    return w(
        "{n} pauses and resumes of the clock are left out (`exercise debrief --pauses` "
        "lists them).",
        n=n,
    )


def damage_text(damage: str, w: Words) -> str:
    """The one-line marking of a report made from a damaged journal."""
    return w("DAMAGED JOURNAL: {damage}", damage=damage)


# The elements by short names, as a table's columns name them (the same words as the UI's).
ELEMENT_SHORT: dict[str, str] = CommsElement.short_labels()

# Section 5: what counts as a disruption, and what the option tags are (docs/debrief.md).
DISRUPTIONS_NOTE = N_(
    "Every delivered inject with severity 4 or more: the communication products issued that "
    "answer it, the time from its delivery to the first, the elements they carry and who "
    "issued them, and how many were approved before release."
)
DECISIONS_NOTE = N_(
    "Decisions, measures and own initiatives tagged with an element of the communication "
    "approach: what they are about, not messages to the public (those are the products)."
)


def product_state(row: ProductRow, w: Words) -> str:
    """A product's state: issued (and by whose approval), returned with the note, or still
    waiting for its approval."""
    if row.status == "issued":
        if row.approved_by:
            return w("issued {time}, approved by {role}", time=clock(row.t), role=row.approved_by)
        return w("issued {time}", time=clock(row.t))
    if row.status == "returned":
        return w("returned by {role}: {note}", role=row.approver, note=row.note)
    return w("waiting for {role}", role=row.approver)


def coordinated_text(row: DisruptionComms, w: Words) -> str:
    """How many of the products answering a disruption were approved before release."""
    if not row.products:
        return "—"
    return w("{n} of {total}", n=row.coordinated, total=len(row.products))


# The columns of the products annex (Markdown and HTML; the console shows fewer)
PRODUCT_COLUMNS = (
    N_("Product"),
    "Role",
    "Kind",
    N_("Audience"),
    N_("Channel"),
    N_("Elements"),
    N_("Answers"),
    "Status",
    N_("Text"),
)

# The columns of Annex D's narratives table (Markdown and HTML)
NARRATIVE_COLUMNS = (
    N_("Narrative"),
    N_("Started"),
    N_("Peak reach"),
    N_("Peak at"),
    N_("Answered"),
    N_("Time to answer"),
    "Role",
    N_("Product"),
    N_("At the end"),
)
