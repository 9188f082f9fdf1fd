"""The After-Action Report / Improvement Plan as data: what every renderer draws from.

Plain dataclasses (a large session has tens of thousands of rows, and these are cheap to
build); `report_schema()` gives the JSON Schema of the JSON rendering, which is
`docs/debrief-schema.json`. Every text field holds text exactly as the scenario or a
player wrote it: escaping is the renderers' job, never the model's.

Times are scenario seconds after T+0 (`t`, `due`, `at`) or durations in seconds
(`latency`, `lag`, `delay`); `None` means "does not apply" or "did not happen".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, NamedTuple, TypeVar

from pydantic import Field

SCHEMA_VERSION = 1

Status = Literal["met", "late", "missed", "pending"]
DecisionKind = Literal["decision", "missed", "measure", "self-decision"]


@dataclass(slots=True)
class Counts:
    """Expected actions by outcome."""

    met: int = 0
    late: int = 0
    missed: int = 0
    pending: int = 0

    @property
    def total(self) -> int:
        return self.met + self.late + self.missed + self.pending

    @property
    def settled(self) -> int:
        return self.met + self.late + self.missed

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)


@dataclass(slots=True)
class RatingMark:
    """A P/S/M/U rating. `computed` is true for the tool's suggestion, false for an
    evaluator's call."""

    rating: str
    label: str
    computed: bool
    note: str = ""
    by: str = ""
    t: float | None = None
    basis: str = ""


@dataclass(slots=True)
class RoleActivity:
    id: str
    title: str
    kind: str
    kind_label: str
    decisions: int = 0
    missed: int = 0
    self_decisions: int = 0
    measures: int = 0
    latency_median: float | None = None
    latency_mean: float | None = None
    people: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Person:
    name: str
    organisation: str
    role: str
    role_title: str


@dataclass(slots=True)
class SkippedEvent:
    """A journal event the debrief could not read (its payload has the wrong shape), so
    left out of the report."""

    seq: int
    kind: str
    problem: str


@dataclass(slots=True)
class Overview:
    scenario_id: str
    scenario_title: str
    description: str
    threat: str
    classification: str
    language: str
    session_date: str  # when the session started, in the scenario's time zone, offset said
    scenario_start: str | None  # calendar time of T+0 in the scenario, if it gives one
    duration: float  # planned scenario duration
    played: float  # scenario time reached
    ended: bool
    end_reason: str
    mode: str
    seed: int
    journal: str
    events: int
    last_hash: str
    status: Literal["draft", "final"]
    final_by: str = ""
    final_at: str = ""  # when it was validated, as session_date
    objectives: int = 0
    roles: list[RoleActivity] = field(default_factory=list)
    # Why the journal is damaged (its hash chain or contents broken), when a report was
    # asked for anyway; None for a sound journal. Every format shows it.
    damage: str | None = None
    unreadable_events: int = 0  # events left out because they could not be read
    pauses_left_out: int = 0  # the clock's pauses and resumes left out of the timeline
    unreadable: list[SkippedEvent] = field(default_factory=list)  # the first few of them


@dataclass(slots=True)
class Totals:
    injects_delivered: int = 0
    contingencies: int = 0
    decisions_taken: int = 0
    decisions_missed: int = 0
    decisions_open: int = 0
    self_decisions: int = 0
    measures: int = 0
    latency_median: float | None = None
    expected: Counts = field(default_factory=Counts)
    observations: int = 0
    improvement_items: int = 0
    rejected_commands: int = 0


@dataclass(slots=True)
class PillarGlance:
    pillar: str
    title: str
    exercised: bool
    expected: Counts
    rating: RatingMark | None
    suggested: RatingMark | None


@dataclass(slots=True)
class Summary:
    points: list[str]
    totals: Totals
    pillars: list[PillarGlance]
    findings: list[Finding] = field(default_factory=list)  # the main findings, first page
    recommendations: list[str] = field(default_factory=list)  # from the improvement plan
    # Computed findings an evaluator dropped: out of the report, kept for the review screen
    # (where a drop can be reconsidered). Not part of the JSON.
    dropped: Annotated[list[Finding], Field(exclude=True)] = field(default_factory=list)


@dataclass(slots=True)
class Finding:
    """A strength or an area for improvement, with what it rests on."""

    kind: Literal["strength", "improvement"]
    text: str
    pillars: list[str]
    objectives: list[str]
    evidence: list[str]
    computed: bool = True  # worked out from the journal, not (yet) an evaluator's
    # Which rule found it and what about (e.g. "expected:vital-processes"): the same on
    # every rebuild of the report, so an evaluator's judgement of it keeps applying.
    key: str = ""
    judged_by: str = ""  # the evaluator who accepted or edited it


@dataclass(slots=True)
class ObjectiveResult:
    id: str
    pillar: str
    text: str
    capability: str
    target: str
    expected: Counts
    rating: RatingMark | None
    suggested: RatingMark | None


@dataclass(slots=True)
class InjectRow:
    id: str
    title: str
    t: float
    to: list[str]
    method: str
    severity: int | None
    attribution: str
    cause: str
    contingency: bool
    source: str = ""


@dataclass(slots=True)
class DecisionRow:
    """A decision taken, a deadline missed, a measure taken or a self-initiated decision."""

    t: float
    kind: DecisionKind
    role: str
    inject: str  # the inject decided, "" for measures and self-initiated decisions
    inject_title: str
    choice: str  # option or measure id ("" for a self-initiated decision)
    text: str  # the option's label, the measure's title, or the decision's own text
    rationale: str
    latency: float | None  # from delivery (decisions and misses)
    comms: list[str]
    deadline: float | None = None  # the time the decision allowed, from delivery


@dataclass(slots=True)
class ExpectedRow:
    inject: str
    inject_title: str
    index: int
    role: str
    what: str
    objective: str
    delivered: float
    due: float | None
    status: Status
    at: float | None
    delay: float | None  # from delivery to the action (met or late)
    reason: str
    judged_by: str = ""


class IndicatorMove(NamedTuple):
    """A decision or a measure that moved an indicator (a named tuple: a long session has
    tens of thousands; its text is a label or title, never longer than a report shows)."""

    t: float
    kind: Literal["decision", "measure"]
    ref: str  # inject/option, or the measure's id
    text: str  # the option's label, or the measure's title
    value: float  # the indicator's value after it
    delta: float


@dataclass(slots=True)
class IndicatorSeries:
    id: str
    title: str
    unit: str
    nato: str
    min: float
    max: float
    start: float
    end: float
    lowest: float
    highest: float
    points: list[tuple[float, float]]  # (t, value) at every change, from T+0
    # The decisions and measures that moved it, for the charts and their words. Not part of
    # the JSON: its `points` hold every change, and a long session has tens of thousands.
    moves: Annotated[list[IndicatorMove], Field(exclude=True)] = field(default_factory=list)


@dataclass(slots=True)
class ObservationRow:
    ref: str
    t: float
    kind: str  # strength | improvement | note
    pillar: str
    objective: str
    text: str
    root_cause: str
    by: str
    seat: str = ""  # the role observed, when the observer named one


@dataclass(slots=True)
class PillarMetrics:
    injects: int = 0
    contingencies: int = 0
    decisions_taken: int = 0
    decisions_missed: int = 0
    self_decisions: int = 0
    measures: int = 0
    latency_median: float | None = None
    latency_mean: float | None = None
    latency_max: float | None = None


@dataclass(slots=True)
class PillarSection:
    pillar: str
    title: str
    title_nl: str
    track: str
    exercised: bool
    metrics: PillarMetrics
    objectives: list[ObjectiveResult]
    injects: list[InjectRow]
    decisions: list[DecisionRow]
    expected: list[ExpectedRow]
    expected_counts: Counts
    contingencies: list[InjectRow]
    indicators: list[IndicatorSeries]
    observations: list[ObservationRow]
    rating: RatingMark | None
    suggested: RatingMark | None


@dataclass(slots=True)
class IndicatorEnd:
    id: str
    title: str
    start: float
    end: float


@dataclass(slots=True)
class NatoRow:
    requirement: str
    label: str
    pillars: list[str]
    exercised: bool
    injects: int
    decisions: int
    measures: int
    expected: Counts
    indicators: list[IndicatorEnd]


@dataclass(slots=True)
class CommsItem:
    t: float
    kind: DecisionKind | Literal["product"]
    role: str
    ref: str  # inject/option, measure id, product id, or "" for a self-initiated decision
    text: str


@dataclass(slots=True)
class CommsElementRow:
    element: str
    label: str
    count: int
    first: float | None
    items: list[CommsItem]


@dataclass(slots=True)
class ProductRow:
    """A communication product: issued, returned by the approving role, or still waiting
    for its approval when the session ended."""

    id: str
    role: str
    kind: str
    kind_label: str
    audience: str
    channel: str
    elements: list[str]
    text: str
    answers: list[str]  # the delivered injects it answers
    status: Literal["issued", "returned", "submitted"]
    t: float | None  # when it was issued
    submitted: float | None = None  # when it went to the approving role, if it had to
    approver: str = ""  # the role whose approval it needed
    approved_by: str = ""
    note: str = ""  # the approver's note when returned


@dataclass(slots=True)
class ElementCover:
    """One element of the communication approach in the products answering a disruption."""

    element: str
    label: str
    roles: list[str]  # the roles whose products carried it, in the order they did
    first: float | None  # when the first of those products was issued


@dataclass(slots=True)
class DisruptionComms:
    """Communication on one severe disruption: the products issued that answer it."""

    inject: str
    title: str
    t: float  # delivered
    severity: int | None
    products: list[str]  # the issued products answering it, in order
    first_product: str  # "" when none
    lag: float | None  # from delivery to the first product answering it
    elements: list[ElementCover]
    coordinated: int  # of its products, those approved by the approving role before release


@dataclass(slots=True)
class Communication:
    # decisions, measures and own initiatives with a communication side (their `comms` tags):
    # what they are about, never messages to the public
    elements: list[CommsElementRow]
    reference: float  # scenario time the action-perspective clock starts from
    reference_inject: str  # the first severity >= 4 inject, "" for the session start
    reference_title: str
    first_action_perspective: CommsItem | None  # the first product answering it with one
    lag: float | None
    disruptions: list[DisruptionComms] = field(default_factory=list)
    products: list[ProductRow] = field(default_factory=list)  # Annex C, in order


@dataclass(slots=True)
class ActionRef:
    t: float
    kind: DecisionKind
    ref: str
    text: str
    role: str


@dataclass(slots=True)
class PhaseChange:
    t: float
    phase: str
    title: str
    level: str
    level_label: str
    cause: str
    lag: float | None
    action: ActionRef | None
    note: str


@dataclass(slots=True)
class MeasureRow:
    t: float
    measure: str
    title: str
    role: str
    from_level: str  # the playbook it belongs to: the first level it is available at
    available: float | None  # when the session first reached a level it is available at
    delay: float | None  # from available to taken
    lasting: bool = False  # in force until lifted (powers, ordinances, closures)
    lifted: float | None = None  # when it was lifted (lasting measures)
    lifted_level: str = ""  # the threat level then
    informed: bool = False  # accounted for to parliament or the council when lifted


@dataclass(slots=True)
class Escalation:
    phases: list[PhaseChange]
    measures: list[MeasureRow]


@dataclass(slots=True)
class PlanNote:
    """One follow-up of an improvement item, as recorded with `exercise plan`."""

    on: str  # the date it was written, YYYY-MM-DD
    by: str
    status: str  # open | in-progress | done | cancelled, or "" when it did not change
    text: str
    owner: str = ""  # the new owner, when it changed
    due: str = ""  # the new due date, when it changed


@dataclass(slots=True)
class ImprovementRow:
    ref: str
    pillar: str
    objective: str
    capability: str
    issue: str
    action: str
    element: str
    organisation: str
    contact: str
    start: str
    due: str
    by: str
    status: str = "open"  # open | in-progress | done | cancelled: the latest follow-up's
    owner: str = ""  # who carries it out: the point of contact until a follow-up says
    notes: list[PlanNote] = field(default_factory=list)  # the follow-ups, oldest first


@dataclass(slots=True)
class TimelineRow:
    t: float
    kind: str
    role: str
    pillars: list[str]
    text: str


@dataclass(slots=True)
class Participants:
    roles: list[RoleActivity]
    people: list[Person]


@dataclass(slots=True)
class FeedbackAnswer:
    question: str  # the question's id
    text: str  # the question as the form asked it
    kind: Literal["text", "scale"]
    answer: str  # the text written, or the score as text
    score: int | None = None  # 1 to 5, for a scale question


@dataclass(slots=True)
class FeedbackForm:
    """One filled-in feedback form: a role's answers after play."""

    t: float
    role: str
    role_title: str
    by: str  # who entered it: the role's seat, or the person typing in paper forms
    pillars: list[str]  # the role's pillars: those of the injects it received
    answers: list[FeedbackAnswer]


@dataclass(slots=True)
class FeedbackScale:
    """The average score of a scale question (realism, in the default form)."""

    question: str
    text: str
    average: float | None
    answers: int


@dataclass(slots=True)
class PillarFeedback:
    pillar: str
    title: str
    roles: list[str]  # the titles of the roles that answered
    forms: int
    realism: float | None


@dataclass(slots=True)
class ParticipantFeedback:
    """The hot wash: what the players said of the exercise."""

    forms: list[FeedbackForm] = field(default_factory=list)
    realism: float | None = None  # the average of the `realism` question, 1 to 5
    realism_answers: int = 0
    scales: list[FeedbackScale] = field(default_factory=list)
    pillars: list[PillarFeedback] = field(default_factory=list)


@dataclass(slots=True)
class NarrativeResult:
    """A narrative of the media environment: its reach over time (percent of the public),
    its peak, and when, by whom and with which product it was answered."""

    id: str
    claim: str
    started: float | None  # None: its media inject was never delivered
    started_by: str  # the media inject that started it
    started_title: str
    peak: float
    peak_at: float | None
    end: float  # its reach at the end of the session
    ceiling: float
    answered: float | None
    time_to_answer: float | None  # from its start to the product that answered it
    product: str
    answered_by: str  # the role that issued the product
    points: list[tuple[float, float]]  # (t, reach) at every step, from its start


@dataclass(slots=True)
class MediaItemRow:
    """A media inject delivered: an item of the news and social feed."""

    inject: str
    t: float
    kind: str
    kind_label: str
    outlet: str
    reach: int | None  # 1 (local) .. 5
    people: int | None
    title: str
    text: str


@dataclass(slots=True)
class MediaSection:
    narratives: list[NarrativeResult] = field(default_factory=list)
    items: list[MediaItemRow] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    overview: Overview
    summary: Summary
    pillars: list[PillarSection]
    nato: list[NatoRow]
    communication: Communication
    escalation: Escalation
    improvement_plan: list[ImprovementRow]
    timeline: list[TimelineRow]
    participants: Participants
    media: MediaSection = field(default_factory=MediaSection)
    schema_version: int = SCHEMA_VERSION
    generator: str = "exercise"
    feedback: ParticipantFeedback = field(default_factory=ParticipantFeedback)
    # Whether any text is longer than the renderers show (text.for_display): worked out
    # once when the report is built, so each renderer need not look; None: not known.
    # Not part of the JSON.
    long_texts: Annotated[bool | None, Field(exclude=True)] = None

    def each_decision(self) -> list[DecisionRow]:
        """Every decision row once: a row of several pillars is listed under each of them
        (the same object), so it is found by identity."""
        return _once(row for section in self.pillars for row in section.decisions)

    def each_delivery(self) -> list[InjectRow]:
        """Every delivered inject's row once (see `each_decision`)."""
        return _once(row for section in self.pillars for row in section.injects)

    def pillar(self, slug: str) -> PillarSection:
        return next(p for p in self.pillars if p.pillar == slug)


_Row = TypeVar("_Row")


def _once(rows: Iterable[_Row]) -> list[_Row]:
    seen: set[int] = set()
    out = []
    for row in rows:
        if id(row) not in seen:
            seen.add(id(row))
            out.append(row)
    return out


def report_schema() -> dict[str, Any]:
    """The JSON Schema of `exercise debrief --format json` (pydantic builds it from the
    dataclasses above)."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(Report).json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Exercise After-Action Report / Improvement Plan"
    return schema
