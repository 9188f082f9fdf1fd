"""One describer for every event: the play feed, the UI's live feed and the debrief's
timeline all say what happened with these lines.

`Describer(scenario, lang).line(kind, actor, payload)` gives a `Line` (an English template
from `eventwords` and its parameters), or None for a kind that has no line of its own;
`text` renders it in the describer's language. The words of each kind are registered in
`WORDS`, by kind (tests/test_vocabulary.py checks that every kind has its entry and reads
the payload type of its kind). Payloads are read defensively: the debrief describes
journals that travelled, so a field of the wrong type never raises here.

Scenario and player text is put into the line as it is: the caller escapes it for where
it goes (the terminal, HTML, Markdown).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..language import number
from ..model import Scenario, format_clock, localize
from ..model.events import (
    AdhocInject,
    CommandRejected,
    DecisionMissed,
    DecisionOpened,
    DecisionTaken,
    Empty,
    ExpectedJudged,
    ExpectedMet,
    ExpectedMissed,
    Feedback,
    FindingJudged,
    ImprovementItem,
    ImprovementUpdate,
    IndicatorChanged,
    InjectDelivered,
    InjectRef,
    InjectScheduled,
    Jumped,
    Kind,
    MeasureLifted,
    MeasureTaken,
    NarrativeAnswered,
    NarrativeReach,
    Observation,
    Participant,
    PhaseEntered,
    ProductApproved,
    ProductIssued,
    ProductReturned,
    ProductSubmitted,
    RatingGiven,
    ReportFinal,
    SelfDecision,
    SessionEnded,
    SessionStarted,
    SpeedSet,
    Withdrawn,
)
from ..model.reasons import reason_text
from . import eventwords as w
from .eventwords import Line, Word, render


class Describer:
    """Lines for the events of one session, in order. It remembers the titles of ad-hoc
    injects (their delivery and decision events name only the id)."""

    __slots__ = ("_adhoc", "lang", "scenario")

    def __init__(self, scenario: Scenario, lang: str) -> None:
        self.scenario = scenario
        self.lang = lang
        self._adhoc: dict[str, str] = {}

    def line(self, kind: str, actor: str | None, payload: Mapping[str, Any]) -> Line | None:
        """What the event says, or None when it needs no line of its own."""
        try:
            words = WORDS[kind]
        except KeyError:
            return Line(w.UNKNOWN, {"kind": kind})
        return words(self, actor, payload)

    def text(self, kind: str, actor: str | None, payload: Mapping[str, Any]) -> str | None:
        line = self.line(kind, actor, payload)
        return None if line is None else render(line, self.lang)

    # -- what the lines name ----------------------------------------------------------

    def local(self, text: str | dict[str, str] | None) -> str:
        """Scenario text in the describer's language."""
        return localize(text, self.lang, self.scenario.language)

    def inject_title(self, inject_id: object) -> str:
        inject_id = _str(inject_id)
        inject = self.scenario.inject_map.get(inject_id)
        if inject is not None:
            return self.local(inject.title)
        return self._adhoc.get(inject_id) or inject_id

    def option_label(self, inject_id: object, option: object) -> str:
        inject = self.scenario.inject_map.get(_str(inject_id))
        found = (
            inject.decision.option(_str(option)) if inject and inject.decision else None
        )  # an ad-hoc decision's options are their labels
        return self.local(found.label) if found else _str(option)

    def narrative_claim(self, narrative_id: object) -> str:
        narrative = self.scenario.narrative_map.get(_str(narrative_id))
        return self.local(narrative.claim) if narrative else _str(narrative_id)

    def adhoc_seen(self, inject_id: object, title: object) -> None:
        self._adhoc[_str(inject_id)] = _str(title)


def _str(value: object) -> str:
    """A text field, or empty when it is missing or not text."""
    return value if type(value) is str else ""


def _texts(value: object) -> str:
    """A list of texts (recipients, pillars) joined; what is not text is left out."""
    if type(value) is not list:
        return ""
    return ", ".join(x for x in value if type(x) is str)


def _number(value: object, spec: str = "g") -> str:
    if type(value) in (int, float):
        return format(value, spec)
    return "?"


def _share(lang: str, value: object, sign: bool = False) -> str:
    """A narrative's reach in points of percent, to one decimal (1.7, not 1.66667), in the
    describer's language (6,7 in Dutch)."""
    if (type(value) is int or type(value) is float) and abs(value) < 1e12:  # not NaN
        shown = number(lang, round(value, 1), digits=1)
        return "+" + shown if sign and value > 0 else shown
    return "?"


def _index(value: object) -> object:
    """An expected action's number as people count (the payload counts from 0)."""
    return value + 1 if type(value) is int else "?"


def _clock(value: object) -> str:
    if (type(value) is int or type(value) is float) and abs(value) < 1e12:  # not NaN
        return format_clock(value)
    return "?"


# -- words by kind ---------------------------------------------------------------------------


def _started(d: Describer, actor: str | None, p: SessionStarted) -> Line:
    return Line(w.SESSION_STARTED, {"title": d.local(d.scenario.title)})


def _resumed_session(d: Describer, actor: str | None, p: Empty) -> Line:
    return Line(w.SESSION_RESUMED, {})


def _ended(d: Describer, actor: str | None, p: SessionEnded) -> Line:
    return Line(w.SESSION_ENDED, {"reason": reason_text(d.lang, p)})


def _phase(d: Describer, actor: str | None, p: PhaseEntered) -> Line:
    phase_id = _str(p.get("phase"))
    phase = d.scenario.phase_map.get(phase_id)
    title = d.local(phase.title) if phase else phase_id
    params = {"title": title, "level": _str(p.get("level")), "cause": Word(_str(p.get("cause")))}
    return Line(w.PHASE_ENTERED, params)


def _delivered(d: Describer, actor: str | None, p: InjectDelivered) -> Line:
    params = {"title": d.inject_title(p.get("inject")), "to": _texts(p.get("to"))}
    return Line(w.INJECT_DELIVERED, params)


def _scheduled(d: Describer, actor: str | None, p: InjectScheduled) -> Line:
    params = {"title": d.inject_title(p.get("inject")), "due": _clock(p.get("due"))}
    return Line(w.INJECT_SCHEDULED, params)


def _held(d: Describer, actor: str | None, p: InjectRef) -> Line:
    return Line(w.INJECT_HELD, {"title": d.inject_title(p.get("inject"))})


def _unheld(d: Describer, actor: str | None, p: InjectRef) -> Line:
    return Line(w.INJECT_UNHELD, {"title": d.inject_title(p.get("inject"))})


def _adhoc(d: Describer, actor: str | None, p: AdhocInject) -> None:
    # No line: its delivery, right after it, says it all, by the title kept here.
    d.adhoc_seen(p.get("inject"), p.get("title"))


def _opened(d: Describer, actor: str | None, p: DecisionOpened) -> Line:
    params = {"title": d.inject_title(p.get("inject")), "role": _str(p.get("role"))}
    deadline = p.get("deadline")
    if deadline is None:
        return Line(w.DECISION_OPENED, params)
    return Line(w.DECISION_OPENED_DEADLINE, {**params, "time": _clock(deadline)})


def _taken(d: Describer, actor: str | None, p: DecisionTaken) -> Line:
    inject = p.get("inject")
    params = {
        "role": _str(p.get("role")),
        "title": d.inject_title(inject),
        "option": d.option_label(inject, p.get("option")),
    }
    return Line(w.DECISION_TAKEN, params)


def _missed(d: Describer, actor: str | None, p: DecisionMissed) -> Line:
    inject = p.get("inject")
    params = {"role": _str(p.get("role")), "title": d.inject_title(inject)}
    default = p.get("default")
    if not default:
        return Line(w.DECISION_MISSED, params)
    option = d.option_label(inject, default)
    return Line(w.DECISION_MISSED_DEFAULT, {**params, "option": option})


def _indicator(d: Describer, actor: str | None, p: IndicatorChanged) -> Line:
    indicator_id = _str(p.get("indicator"))
    spec = d.scenario.indicator_map.get(indicator_id)
    params = {
        "title": d.local(spec.title) if spec else indicator_id,
        "delta": _number(p.get("delta"), "+g"),
        "value": _number(p.get("value")),
    }
    return Line(w.INDICATOR_CHANGED, params)


def _expected(d: Describer, actor: str | None, p: ExpectedMet | ExpectedMissed) -> Line:
    params = {
        "index": _index(p.get("index")),
        "title": d.inject_title(p.get("inject")),
        "status": Word(_str(p.get("status"))),
    }
    return Line(w.EXPECTED_SETTLED, params)


def _measure(d: Describer, actor: str | None, p: MeasureTaken) -> Line:
    measure_id = _str(p.get("measure"))
    measure = d.scenario.measure_map.get(measure_id)
    params = {
        "role": _str(p.get("role")),
        "title": d.local(measure.title) if measure else measure_id,
    }
    return Line(w.MEASURE_TAKEN, params)


def _lifted(d: Describer, actor: str | None, p: MeasureLifted) -> Line:
    measure_id = _str(p.get("measure"))
    measure = d.scenario.measure_map.get(measure_id)
    params = {
        "role": _str(p.get("role")),
        "title": d.local(measure.title) if measure else measure_id,
    }
    return Line(
        w.MEASURE_LIFTED_INFORMED if p.get("informed") is True else w.MEASURE_LIFTED, params
    )


def _self_decision(d: Describer, actor: str | None, p: SelfDecision) -> Line:
    return Line(w.SELF_DECISION, {"role": _str(p.get("role")), "text": _str(p.get("text"))})


def _observation(d: Describer, actor: str | None, p: Observation) -> Line:
    pillar = _str(p.get("pillar"))
    params = {
        "pillar": Word(w.PILLAR_SHORT.get(pillar, pillar)),
        "kind": Word(_str(p.get("kind")) or "note"),
        "text": _str(p.get("text")),
    }
    return Line(w.OBSERVATION, params)


def _paused(d: Describer, actor: str | None, p: Empty) -> Line:
    return Line(w.PAUSED, {})


def _resumed(d: Describer, actor: str | None, p: Empty) -> Line:
    return Line(w.RESUMED, {})


def _speed(d: Describer, actor: str | None, p: SpeedSet) -> Line:
    return Line(w.SPEED_SET, {"speed": _number(p.get("speed"))})


def _jumped(d: Describer, actor: str | None, p: Jumped) -> Line:
    return Line(w.JUMPED, {"time": _clock(p.get("to"))})


def _rejected(d: Describer, actor: str | None, p: CommandRejected) -> Line:
    command = p.get("command")
    params = {
        "actor": actor or "",
        "command": _str(command.get("type")) if type(command) is dict else "",
        "reason": reason_text(d.lang, p),
    }
    return Line(w.COMMAND_REJECTED, params)


MAX_FEED_TEXT = 120  # characters of a product's text in a line; the debrief's annex has it all


def _kind(value: object) -> str:
    """A product kind as a line names it mid-sentence (a `Word`), or as written when this
    version knows no such kind."""
    said = w.PRODUCT_KIND_IN_LINE.get(_str(value))
    return Word(said) if said is not None else _str(value)


def _excerpt(value: object) -> str:
    """The first line of a product's text, cut to fit a line."""
    first = _str(value).strip().split("\n", 1)[0]
    return first if len(first) <= MAX_FEED_TEXT else first[: MAX_FEED_TEXT - 1] + "…"


def _submitted(d: Describer, actor: str | None, p: ProductSubmitted) -> Line:
    params = {
        "role": _str(p.get("role")),
        "kind": _kind(p.get("kind")),
        "product": _str(p.get("product")),
        "approver": _str(p.get("approver")),
        "text": _excerpt(p.get("text")),
    }
    return Line(w.PRODUCT_SUBMITTED, params)


def _approved(d: Describer, actor: str | None, p: ProductApproved) -> Line:
    return Line(w.PRODUCT_APPROVED, {"by": _str(p.get("by")), "product": _str(p.get("product"))})


def _returned(d: Describer, actor: str | None, p: ProductReturned) -> Line:
    params = {
        "by": _str(p.get("by")),
        "product": _str(p.get("product")),
        "note": _excerpt(p.get("note")),
    }
    return Line(w.PRODUCT_RETURNED, params)


def _issued(d: Describer, actor: str | None, p: ProductIssued) -> Line:
    params = {
        "role": _str(p.get("role")),
        "kind": _kind(p.get("kind")),
        "product": _str(p.get("product")),
        "audience": _str(p.get("audience")),
        "text": _excerpt(p.get("text")),
    }
    by = _str(p.get("approved_by"))
    if by:
        return Line(w.PRODUCT_ISSUED_APPROVED, {**params, "by": by})
    return Line(w.PRODUCT_ISSUED, params)


def _rating(d: Describer, actor: str | None, p: RatingGiven) -> Line:
    params = {
        "scope": Word(_str(p.get("scope"))),
        "target": _str(p.get("target")),
        "rating": _str(p.get("rating")),
    }
    return Line(w.RATING, params)


def _improvement(d: Describer, actor: str | None, p: ImprovementItem) -> Line:
    return Line(w.IP_ROW, {"issue": _str(p.get("issue"))})


def _judged(d: Describer, actor: str | None, p: ExpectedJudged) -> Line:
    params = {
        "index": _index(p.get("index")),
        "title": d.inject_title(p.get("inject")),
        "status": Word(_str(p.get("status"))),
    }
    return Line(w.EXPECTED_JUDGED, params)


def _participant(d: Describer, actor: str | None, p: Participant) -> Line:
    return Line(w.PARTICIPANT, {"role": _str(p.get("role")), "name": _str(p.get("name"))})


def _final(d: Describer, actor: str | None, p: ReportFinal) -> Line:
    return Line(w.REPORT_FINAL, {"by": _str(p.get("by"))})


def _withdrawn(d: Describer, actor: str | None, p: Withdrawn) -> Line:
    return Line(w.WITHDRAWN, {"ref": _str(p.get("ref")), "reason": _str(p.get("reason"))})


_STATUS_WORDS = {"open": "open", "in-progress": "in progress", "done": "done"}
_STATUS_WORDS |= {"cancelled": "cancelled"}
_VERDICT_WORDS = {"accept": "accepted", "edit": "edited", "drop": "dropped"}


def _ip_update(d: Describer, actor: str | None, p: ImprovementUpdate) -> Line:
    status = _STATUS_WORDS.get(_str(p.get("status")), "unchanged")
    params = {"ref": _str(p.get("ref")), "status": Word(status), "note": _str(p.get("note"))}
    return Line(w.IP_UPDATE, params)


def _finding_judged(d: Describer, actor: str | None, p: FindingJudged) -> Line:
    verdict = Word(_VERDICT_WORDS.get(_str(p.get("verdict")), _str(p.get("verdict"))))
    return Line(w.FINDING_JUDGED, {"verdict": verdict, "key": _str(p.get("key"))})


def _feedback(d: Describer, actor: str | None, p: Feedback) -> Line:
    return Line(w.FEEDBACK, {"role": _str(p.get("role"))})


Words = Callable[[Describer, "str | None", Any], "Line | None"]


def _narrative_reach(d: Describer, actor: str | None, p: NarrativeReach) -> Line:
    params = {
        "claim": d.narrative_claim(p.get("narrative")),
        "reach": _share(d.lang, p.get("reach")),
    }
    if p.get("cause") == "start":
        return Line(w.NARRATIVE_STARTED, {**params, "title": d.inject_title(p.get("inject"))})
    return Line(w.NARRATIVE_REACH, {**params, "delta": _share(d.lang, p.get("delta"), True)})


def _narrative_answered(d: Describer, actor: str | None, p: NarrativeAnswered) -> Line:
    params = {
        "role": _str(p.get("role")),
        "claim": d.narrative_claim(p.get("narrative")),
        "product": _str(p.get("product")),
    }
    return Line(w.NARRATIVE_ANSWERED, params)


# The words of every kind of the vocabulary (exercise/model/events.py), by kind.
WORDS: Mapping[str, Words] = {
    Kind.SESSION_STARTED: _started,
    Kind.SESSION_RESUMED: _resumed_session,
    Kind.SESSION_ENDED: _ended,
    Kind.PHASE_ENTERED: _phase,
    Kind.INJECT_SCHEDULED: _scheduled,
    Kind.INJECT_DELIVERED: _delivered,
    Kind.INJECT_HELD: _held,
    Kind.INJECT_UNHELD: _unheld,
    Kind.ADHOC_INJECT: _adhoc,
    Kind.DECISION_OPENED: _opened,
    Kind.DECISION_TAKEN: _taken,
    Kind.DECISION_MISSED: _missed,
    Kind.INDICATOR_CHANGED: _indicator,
    Kind.EXPECTED_MET: _expected,
    Kind.EXPECTED_MISSED: _expected,
    Kind.MEASURE_TAKEN: _measure,
    Kind.MEASURE_LIFTED: _lifted,
    Kind.SELF_DECISION: _self_decision,
    Kind.OBSERVATION: _observation,
    Kind.PAUSED: _paused,
    Kind.RESUMED: _resumed,
    Kind.SPEED_SET: _speed,
    Kind.JUMPED: _jumped,
    Kind.COMMAND_REJECTED: _rejected,
    Kind.PRODUCT_SUBMITTED: _submitted,
    Kind.PRODUCT_APPROVED: _approved,
    Kind.PRODUCT_RETURNED: _returned,
    Kind.PRODUCT_ISSUED: _issued,
    Kind.RATING: _rating,
    Kind.IP_ROW: _improvement,
    Kind.EXPECTED_JUDGED: _judged,
    Kind.PARTICIPANT: _participant,
    Kind.REPORT_FINAL: _final,
    Kind.WITHDRAWN: _withdrawn,
    Kind.IP_UPDATE: _ip_update,
    Kind.FINDING_JUDGED: _finding_judged,
    Kind.FEEDBACK: _feedback,
    Kind.NARRATIVE_REACH: _narrative_reach,
    Kind.NARRATIVE_ANSWERED: _narrative_answered,
}
