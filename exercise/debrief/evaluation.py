"""Evaluator input: ratings, observations, improvement-plan rows and their follow-up,
judgements of free-text expected actions and of computed findings, participants,
withdrawals and the final mark.

Each is one journal event, appended after play at the session's last scenario time (so
the hash chain covers it and nothing is ever edited in place). A later rating of the same
pillar or objective supersedes an earlier one; the report is final when a `report-final`
event comes after the last evaluator change, and a draft again when anything is added
after it. An improvement item or observation entered by mistake is withdrawn by a later
`withdrawn` event naming its reference (IP-n, OBS-n): it keeps its number, so the others
keep theirs, and the report leaves it out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from ..content.messages import explain_all
from ..journal import Journal
from ..language import Phrase, phrase, say
from ..model import Pillar, Rating, Scenario
from ..model.events import Event, Kind, NewEvent

ELEMENTS = ("planning", "organisation", "equipment", "training", "exercise")
STATUSES = ("open", "in-progress", "done", "cancelled")  # of an improvement item
VERDICTS = ("accept", "edit", "drop")  # of a computed finding
OBSERVATION_KINDS = ("strength", "improvement", "note")
MAX_TEXT = 10_000

Line = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
Required = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Long = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT)]
LongRequired = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)
]


class _Input(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def payload(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class RatingInput(_Input):
    scope: Literal["pillar", "objective"]
    target: Required
    rating: Rating
    note: Long = ""


class ObservationInput(_Input):
    pillar: Pillar
    objective: str | None = None
    kind: Literal["strength", "improvement", "note"] = "note"
    text: LongRequired
    root_cause: Long = ""
    seat: str | None = None  # the role observed
    at: float | None = Field(None, ge=0, allow_inf_nan=False)  # when it was seen

    def payload(self) -> dict[str, Any]:
        # the seat and the time only when given: entries without them read as before
        data = self.model_dump(mode="json")
        for key in ("seat", "at"):
            if data[key] is None:
                del data[key]
        return data


class ImprovementInput(_Input):
    pillar: Pillar
    objective: str | None = None
    capability: Line = ""
    issue: LongRequired
    action: LongRequired
    element: Literal["planning", "organisation", "equipment", "training", "exercise"]
    organisation: Required
    contact: Line = ""
    start: date | None = None
    due: date | None = None


class JudgementInput(_Input):
    inject: Required
    index: int = Field(ge=0)
    status: Literal["met", "late", "missed"]
    note: Long = ""


class ParticipantInput(_Input):
    role: Required
    name: Required
    organisation: Line = ""


class FinalInput(_Input):
    by: Required


class WithdrawalInput(_Input):
    ref: Annotated[
        str, StringConstraints(strip_whitespace=True, to_upper=True, min_length=1, max_length=50)
    ]  # IP-n or OBS-n, as the report shows it
    reason: LongRequired


class PlanUpdateInput(_Input):
    """An improvement item followed up after the exercise: any of status, owner and due
    date changed, with a note, dated (`on`) the day it was written."""

    ref: Annotated[
        str, StringConstraints(strip_whitespace=True, to_upper=True, min_length=1, max_length=50)
    ]
    status: Literal["open", "in-progress", "done", "cancelled"] | None = None
    owner: Required | None = None
    due: date | None = None
    note: Long = ""
    on: date

    @model_validator(mode="after")
    def _something(self) -> PlanUpdateInput:
        if self.status is None and self.owner is None and self.due is None and not self.note:
            raise ValueError(phrase("say what changed: a status, an owner, a due date or a note"))
        return self

    def payload(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        return {key: value for key, value in data.items() if value is not None}


class FindingInput(_Input):
    """An evaluator's judgement of a computed main finding, by its stable key: accepted as
    it is, edited (the evaluator's words replace it) or dropped from the report."""

    key: Required
    verdict: Literal["accept", "edit", "drop"]
    text: Long = ""

    @model_validator(mode="after")
    def _edit_has_text(self) -> FindingInput:
        if self.verdict == "edit" and not self.text:
            raise ValueError(phrase("an edited finding needs its text"))
        return self


_KINDS: dict[type[_Input], str] = {
    RatingInput: Kind.RATING,
    ObservationInput: Kind.OBSERVATION,
    ImprovementInput: Kind.IP_ROW,
    JudgementInput: Kind.EXPECTED_JUDGED,
    ParticipantInput: Kind.PARTICIPANT,
    FinalInput: Kind.REPORT_FINAL,
    WithdrawalInput: Kind.WITHDRAWN,
    PlanUpdateInput: Kind.IP_UPDATE,
    FindingInput: Kind.FINDING_JUDGED,
}
REVIEW_KINDS = frozenset(_KINDS.values()) - {Kind.OBSERVATION}


class InputError(ValueError):
    """Evaluator input that does not fit the scenario or the form: a message for people,
    a `language.Phrase` (English as text) to be said in the reader's language (`said`)."""

    def said(self, lang: str) -> str:
        return say(lang, self.args[0]) if self.args and isinstance(self.args[0], str) else ""


def parse(model: type[_Input], **values: Any) -> _Input:
    """Build an input model, turning pydantic's errors into one readable InputError, in
    the product's words (never pydantic's English)."""
    try:
        return model(**values)
    except ValidationError as err:
        said: Phrase | None = None
        for where, message, _key in explain_all(err, values, model):
            field = ".".join(str(part) for part in where)
            part = phrase("{field}: {problem}", field=field, problem=message) if field else message
            if not isinstance(part, Phrase):
                part = phrase(part)
            said = part if said is None else phrase("{first}; {then}", first=said, then=part)
        raise InputError(said or phrase("not a valid entry")) from None


def check(scenario: Scenario, item: _Input) -> None:
    """Raise InputError when the input names something the scenario does not have."""
    objectives = scenario.objective_map
    if isinstance(item, RatingInput):
        if item.scope == "pillar" and item.target not in {p.value for p in Pillar}:
            raise InputError(phrase("{name} is not a pillar", name=repr(item.target)))
        if item.scope == "objective" and item.target not in objectives:
            raise InputError(_not_an_objective(item.target))
    elif isinstance(item, ObservationInput | ImprovementInput):
        if item.objective and item.objective not in objectives:
            raise InputError(_not_an_objective(item.objective))
        seat = item.seat if isinstance(item, ObservationInput) else None
        if seat and seat not in scenario.role_map:
            raise InputError(_not_a_role(seat))
        if isinstance(item, ImprovementInput) and item.start and item.due and item.due < item.start:
            raise InputError(phrase("the due date is before the start date"))
    elif isinstance(item, JudgementInput):
        inject = scenario.inject_map.get(item.inject)
        if inject is None or item.index >= len(inject.expected):
            raise InputError(
                phrase(
                    "{inject} has no expected action {number}",
                    inject=repr(item.inject),
                    number=item.index + 1,
                )
            )
        spec = inject.expected[item.index]
        if spec.option or spec.measure or spec.product is not None:
            raise InputError(
                phrase(
                    "expected action {number} of {inject} names an option or a measure: the "
                    "session itself settled it",
                    number=item.index + 1,
                    inject=repr(item.inject),
                )
            )
    elif isinstance(item, ParticipantInput) and item.role not in scenario.role_map:
        raise InputError(_not_a_role(item.role))


def _not_an_objective(name: str) -> Phrase:
    return phrase("{name} is not an objective of this scenario", name=repr(name))


def _not_a_role(name: str) -> Phrase:
    return phrase("{name} is not a role of this scenario", name=repr(name))


def kind_of(item: _Input) -> str:
    """The event kind an input is journaled as."""
    return _KINDS[type(item)]


def entry(scenario: Scenario, kind: str, payload: object, events: Iterable[Event]) -> _Input:
    """An input sent as its event kind and payload (the review through an evaluator seat
    of a hosted session), checked as `append` checks it; raises InputError. `events`: the
    journal's, read only for a withdrawal."""
    model = next((m for m, k in _KINDS.items() if k == kind), None)
    if model is None or not isinstance(payload, dict):
        raise InputError(phrase("not an evaluation entry: {kind}", kind=repr(kind[:40])))
    item = parse(model, **{str(key): value for key, value in payload.items()})
    check(scenario, item)
    if isinstance(item, WithdrawalInput | PlanUpdateInput):
        _check_references(fold(events), [to_event(item, "", 0.0)])
    return item


def to_event(item: _Input, actor: str, t: float) -> NewEvent:
    return NewEvent(t, _KINDS[type(item)], actor or "evaluator", item.payload())


def append(journal: Journal, scenario: Scenario, items: list[_Input], actor: str) -> list[Event]:
    """Check the inputs and append them, in one transaction, at the session's last
    scenario time; returns the committed events."""
    for item in items:
        check(scenario, item)
    last = journal.last()
    t = last.t if last is not None else 0.0
    events = [to_event(item, actor, t) for item in items]
    if any(e.kind in (Kind.WITHDRAWN, Kind.IP_UPDATE) for e in events):
        _check_references(fold(journal.events()), events)
    return journal.append(events)


def _check_references(evaluation: Evaluation, events: list[NewEvent]) -> None:
    """Raise InputError for a withdrawal or follow-up of something absent or withdrawn
    already. The batch counts in order, so it may withdraw an item it adds, but not the
    same item twice."""
    for event in events:
        if event.kind == Kind.WITHDRAWN:
            problem = evaluation.refusal(event.payload["ref"])
            if problem:
                raise InputError(problem)
        elif event.kind == Kind.IP_UPDATE:
            problem = evaluation.update_refusal(event.payload)
            if problem:
                raise InputError(problem)
        evaluation.take(-1, event.t, 0.0, event.kind, event.actor, event.payload)


def fold(events: Iterable[Event]) -> Evaluation:
    """The evaluation alone, without the rest of the report."""
    evaluation = Evaluation()
    for e in events:
        evaluation.take(e.seq, e.t, e.wall, e.kind, e.actor, e.payload)
    return evaluation


# -- folding the evaluator's events into the report ----------------------------------------

_REF = re.compile(r"(IP|OBS)-([1-9][0-9]*)")


@dataclass(slots=True)
class Evaluation:
    """What the evaluators said, as the journal's events leave it."""

    ratings: dict[tuple[str, str], tuple[float, str, Mapping[str, Any]]] = field(
        default_factory=dict
    )  # (scope, target) -> (t, by, payload): the latest counts
    improvements: list[tuple[float, str, Mapping[str, Any]]] = field(default_factory=list)
    judgements: dict[tuple[str, int], tuple[float, str, Mapping[str, Any]]] = field(
        default_factory=dict
    )
    participants: list[tuple[str, Mapping[str, Any]]] = field(default_factory=list)
    observations: int = 0  # how many there were: OBS-1 .. OBS-n, withdrawn ones included
    withdrawn: dict[str, tuple[float, str, Mapping[str, Any]]] = field(default_factory=dict)
    # IP-n -> its follow-ups in journal order, each (wall, by, payload)
    updates: dict[str, list[tuple[float, str, Mapping[str, Any]]]] = field(default_factory=dict)
    findings: dict[str, tuple[str, Mapping[str, Any]]] = field(
        default_factory=dict
    )  # a computed finding's key -> (by, payload) of the judgement in force: the latest
    final: tuple[float, str] | None = None  # (wall, by) of the final mark in force
    _last_change: int = 0
    _final_seq: int = -1

    def apply(
        self, seq: int, t: float, wall: float, kind: str, actor: str | None, p: Mapping[str, Any]
    ) -> None:
        by = actor or ""
        if kind == Kind.RATING:
            self.ratings[(p.get("scope", ""), p.get("target", ""))] = (t, by, p)
        elif kind == Kind.IP_ROW:
            self.improvements.append((t, by, p))
        elif kind == Kind.EXPECTED_JUDGED:
            self.judgements[(p.get("inject", ""), p.get("index", -1))] = (t, by, p)
        elif kind == Kind.PARTICIPANT:
            self.participants.append((by, p))
        elif kind == Kind.WITHDRAWN:
            ref = p.get("ref", "")
            if self.refusal(ref):  # names nothing that was there (a hand-made journal)
                return
            self.withdrawn[ref] = (t, by, p)
        elif kind == Kind.IP_UPDATE:
            if self.update_refusal(p):  # names no item there (a hand-made journal)
                return
            self.updates.setdefault(p["ref"], []).append((wall, by, p))
        elif kind == Kind.FINDING_JUDGED:
            self.findings[p.get("key", "")] = (by, p)
        elif kind == Kind.REPORT_FINAL:
            self._final_seq = seq
            self.final = (wall, p.get("by", by))
            return
        self._last_change = seq

    def observed(self, seq: int) -> str:
        """Number an observation (OBS-n, in journal order); it counts as a change to the
        report too."""
        self.observations += 1
        self._last_change = seq
        return f"OBS-{self.observations}"

    def take(
        self, seq: int, t: float, wall: float, kind: str, actor: str | None, p: Mapping[str, Any]
    ) -> None:
        """Apply any event: observations and evaluator input count, the rest is ignored."""
        if kind == Kind.OBSERVATION:
            self.observed(seq)
        elif kind in REVIEW_KINDS:
            self.apply(seq, t, wall, kind, actor, p)

    def refusal(self, ref: str) -> Phrase | None:
        """Why `ref` cannot be withdrawn now, or None when it can. IP-n is the n-th
        improvement item, OBS-n the n-th observation, in journal order."""
        match = _REF.fullmatch(ref)
        if match is None:
            return phrase(
                "{ref} is not a reference to withdraw: use IP-n for an improvement item "
                "or OBS-n for an observation",
                ref=repr(ref),
            )
        made = len(self.improvements) if match[1] == "IP" else self.observations
        if int(match[2]) > made:
            return phrase("there is no {ref} in this session", ref=ref)
        if ref in self.withdrawn:
            return phrase("{ref} is already withdrawn", ref=ref)
        return None

    def update_refusal(self, p: Mapping[str, Any]) -> Phrase | None:
        """Why a follow-up cannot be recorded, or None when it can: the item must be
        there, not withdrawn, and a new due date not before the item's start."""
        ref = p.get("ref", "")
        match = _REF.fullmatch(ref) if isinstance(ref, str) else None
        if match is None or match[1] != "IP":
            return phrase(
                "{ref} is not an improvement item: use IP-n, as the plan lists it", ref=repr(ref)
            )
        if int(match[2]) > len(self.improvements):
            return phrase("there is no {ref} in this session", ref=ref)
        if ref in self.withdrawn:
            return phrase("{ref} is withdrawn", ref=ref)
        start = self.improvements[int(match[2]) - 1][2].get("start")
        due = p.get("due")
        if isinstance(start, str) and isinstance(due, str) and due < start:
            return phrase(
                "the due date {due} is before {ref}'s start date {start}",
                due=due,
                ref=ref,
                start=start,
            )
        return None

    @property
    def is_final(self) -> bool:
        return self.final is not None and self._final_seq > self._last_change
