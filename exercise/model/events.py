"""Journal event types: everything that happens in a session is one of these.

An event is a plain record (sequence number, scenario time, wall time, kind, actor,
payload). The session state is a pure function of the events (see `exercise.sim.state`),
which is what makes replay and resume exact.

This module is the event vocabulary: every kind, and the shape of its payload as a
`TypedDict` (checked by mypy where the engine emits and where the fold, the debrief and the
describer read; no cost at run time, the payload stays a plain dict). A kind's fold, its
debrief handling and its words are registered by kind in `exercise.sim.state.FOLDS`,
`exercise.debrief.metrics.COLLECTORS` and `exercise.sim.describe.WORDS`;
`tests/test_vocabulary.py` fails when a kind is missing from any of them.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal, NamedTuple, NotRequired, Protocol, TypedDict, overload


class Kind:
    """The event kinds, as plain strings (they are stored as text and compared often).
    `Final`, so mypy knows each as its literal and matches it to its payload in `Emit`."""

    SESSION_STARTED: Final = "session-started"
    SESSION_RESUMED: Final = "session-resumed"
    SESSION_ENDED: Final = "session-ended"
    PHASE_ENTERED: Final = "phase-entered"
    INJECT_SCHEDULED: Final = "inject-scheduled"  # conditional, released, held
    INJECT_DELIVERED: Final = "inject-delivered"
    INJECT_HELD: Final = "inject-held"
    INJECT_UNHELD: Final = "inject-unheld"
    ADHOC_INJECT: Final = "adhoc-inject"
    DECISION_OPENED: Final = "decision-opened"
    DECISION_TAKEN: Final = "decision-taken"
    DECISION_MISSED: Final = "decision-missed"
    INDICATOR_CHANGED: Final = "indicator-changed"
    EXPECTED_MET: Final = "expected-met"
    EXPECTED_MISSED: Final = "expected-missed"
    MEASURE_TAKEN: Final = "measure-taken"
    MEASURE_LIFTED: Final = "measure-lifted"
    SELF_DECISION: Final = "self-decision"
    OBSERVATION: Final = "observation"
    PAUSED: Final = "paused"
    RESUMED: Final = "resumed"
    SPEED_SET: Final = "speed-set"
    JUMPED: Final = "jumped"
    COMMAND_REJECTED: Final = "command-rejected"
    NARRATIVE_REACH: Final = "narrative-reach"
    NARRATIVE_ANSWERED: Final = "narrative-answered"
    PRODUCT_SUBMITTED: Final = "product-submitted"  # waits for the approving role
    PRODUCT_APPROVED: Final = "product-approved"
    PRODUCT_RETURNED: Final = "product-returned"
    PRODUCT_ISSUED: Final = "product-issued"
    # Evaluator input, appended after play by `exercise review` (the core ignores them):
    RATING: Final = "rating"
    IP_ROW: Final = "improvement-item"
    EXPECTED_JUDGED: Final = "expected-judged"
    PARTICIPANT: Final = "participant"
    REPORT_FINAL: Final = "report-final"
    WITHDRAWN: Final = "withdrawn"  # the item stays out of the report
    IP_UPDATE: Final = "improvement-update"  # an item followed up: status, owner, due, note
    FINDING_JUDGED: Final = "finding-judged"  # a computed finding accepted, edited or dropped
    # Participant input after play: a role's hot wash feedback form (the core ignores it)
    FEEDBACK: Final = "feedback"


# -- payloads, one per kind ----------------------------------------------------------------
# A journal travels: readers still check every field they use (see chain.py, metrics.py).
# These say what the engine and `exercise review` write.


class SessionStarted(TypedDict):
    scenario: str
    seed: int
    speed: float


class Empty(TypedDict):
    """session-resumed, paused, resumed: the kind says it all."""


class ReasonFields(TypedDict):
    """A reason in the journal (see `model.reasons`): its code and parameters, and the
    English sentence for readers that know no codes (journals from before codes have only
    `reason`)."""

    reason: str
    code: NotRequired[str]
    params: NotRequired[dict[str, str]]


class SessionEnded(ReasonFields):
    pass


class PhaseEntered(TypedDict):
    phase: str
    level: str
    cause: str  # start | time | inject/option | default of inject | measure ...


class InjectScheduled(TypedDict):
    inject: str
    due: float
    cause: str  # condition | released by inject/option


class InjectDelivered(TypedDict):
    inject: str
    to: list[str]
    cause: str  # timeline | condition | released by ... | fired by the facilitator | ad hoc


class InjectRef(TypedDict):
    """inject-held, inject-unheld."""

    inject: str


class AdhocDecision(TypedDict):
    role: str
    prompt: str
    options: list[str]  # by label
    deadline: float | None  # seconds after delivery
    default: str | None


class AdhocInject(TypedDict):
    inject: str
    title: str
    text: str
    to: list[str]
    pillars: list[str]
    method: str
    sender: str
    template: str | None
    decision: NotRequired[AdhocDecision]


class DecisionOpened(TypedDict):
    inject: str
    role: str
    deadline: float | None  # scenario time


class DecisionTaken(TypedDict):
    inject: str
    role: str
    option: str
    rationale: str
    latency: float
    # the command that took it ("client:id"), on every event of a seat's command: so one
    # seat's decision is told "already decided by ..." when another seat of its role wins
    command_id: NotRequired[str]


class DecisionMissed(TypedDict):
    inject: str
    role: str
    default: str | None


class IndicatorChanged(TypedDict):
    indicator: str
    value: float
    delta: float
    cause: str


class ExpectedMet(TypedDict):
    inject: str
    index: int
    status: Literal["met", "late"]


class ExpectedMissed(ReasonFields):
    inject: str
    index: int
    status: Literal["missed"]


class MeasureTaken(TypedDict):
    measure: str
    role: str
    rationale: str


class MeasureLifted(TypedDict):
    measure: str
    role: str
    rationale: str
    informed: bool  # accounted for to parliament or the council


class SelfDecision(TypedDict):
    role: str
    text: str
    pillars: list[str]
    comms: list[str]


class Observation(TypedDict):
    pillar: str
    objective: str | None
    kind: str  # strength | improvement | note
    text: str
    root_cause: str
    seat: NotRequired[str | None]  # the role observed
    at: NotRequired[float]  # when it was seen, if the evaluator said (review)


class ProductFields(TypedDict):
    """A communication product as drafted: the fields product-submitted and product-issued
    share. `product` is the id the engine gives ("P1"), unique in the session."""

    product: str
    role: str  # the issuing role
    kind: str  # a ProductKind value
    audience: str
    channel: str
    elements: list[str]  # CommsElement values
    text: str
    answers: list[str]  # delivered injects it answers (the disruptions)


class ProductSubmitted(ProductFields):
    approver: str  # the role whose approval it waits for
    command_id: NotRequired[str]


class ProductIssued(ProductFields):
    approved_by: NotRequired[str]  # when coordination was required
    command_id: NotRequired[str]


class ProductApproved(TypedDict):
    product: str
    by: str
    command_id: NotRequired[str]


class ProductReturned(TypedDict):
    product: str
    by: str
    note: str
    command_id: NotRequired[str]


class SpeedSet(TypedDict):
    speed: float


class Jumped(TypedDict):
    to: float


class CommandRejected(ReasonFields):
    command: dict[str, Any]  # the command as JSON


class NarrativeReach(TypedDict):
    narrative: str
    reach: float  # percent of the public, after this step
    delta: float
    cause: Literal["start", "growth", "decline"]
    inject: NotRequired[str]  # the media inject that started it (cause "start")


class NarrativeAnswered(TypedDict):
    narrative: str
    product: str  # the communication product that answered it
    role: str  # who issued the product
    inject: str  # the narrative's delivered inject the product answers
    elements: list[str]  # the answering elements the product carries


class RatingGiven(TypedDict):
    scope: Literal["pillar", "objective"]
    target: str
    rating: str  # P | S | M | U
    note: str


class ImprovementItem(TypedDict):
    pillar: str
    objective: str | None
    capability: str
    issue: str
    action: str
    element: str
    organisation: str
    contact: str
    start: str | None
    due: str | None


class ExpectedJudged(TypedDict):
    inject: str
    index: int
    status: Literal["met", "late", "missed"]
    note: str


class Participant(TypedDict):
    role: str
    name: str
    organisation: str


class ReportFinal(TypedDict):
    by: str


class Withdrawn(TypedDict):
    ref: str  # IP-n | OBS-n
    reason: str


class ImprovementUpdate(TypedDict):
    ref: str  # IP-n
    status: NotRequired[Literal["open", "in-progress", "done", "cancelled"]]
    owner: NotRequired[str]
    due: NotRequired[str]  # YYYY-MM-DD
    note: str
    on: str  # the date of the note, YYYY-MM-DD


class FindingJudged(TypedDict):
    key: str  # the finding's stable key (rule and what it is about)
    verdict: Literal["accept", "edit", "drop"]
    text: str  # the evaluator's words, for an edit


class AnswerGiven(TypedDict):
    """An answer on a feedback form, with the question as the form asked it (so the
    report shows what was answered, whatever the form says later)."""

    id: str  # the question's id
    question: str
    answer: str | int  # a text, or a score from 1 to 5


class Feedback(TypedDict):
    """One role's feedback form after play: its answers in the form's order."""

    role: str
    answers: list[AnswerGiven]


PAYLOADS: Mapping[str, type[Mapping[str, Any]]] = {
    Kind.SESSION_STARTED: SessionStarted,
    Kind.SESSION_RESUMED: Empty,
    Kind.SESSION_ENDED: SessionEnded,
    Kind.PHASE_ENTERED: PhaseEntered,
    Kind.INJECT_SCHEDULED: InjectScheduled,
    Kind.INJECT_DELIVERED: InjectDelivered,
    Kind.INJECT_HELD: InjectRef,
    Kind.INJECT_UNHELD: InjectRef,
    Kind.ADHOC_INJECT: AdhocInject,
    Kind.DECISION_OPENED: DecisionOpened,
    Kind.DECISION_TAKEN: DecisionTaken,
    Kind.DECISION_MISSED: DecisionMissed,
    Kind.INDICATOR_CHANGED: IndicatorChanged,
    Kind.EXPECTED_MET: ExpectedMet,
    Kind.EXPECTED_MISSED: ExpectedMissed,
    Kind.MEASURE_TAKEN: MeasureTaken,
    Kind.MEASURE_LIFTED: MeasureLifted,
    Kind.SELF_DECISION: SelfDecision,
    Kind.OBSERVATION: Observation,
    Kind.PAUSED: Empty,
    Kind.RESUMED: Empty,
    Kind.SPEED_SET: SpeedSet,
    Kind.JUMPED: Jumped,
    Kind.COMMAND_REJECTED: CommandRejected,
    Kind.NARRATIVE_REACH: NarrativeReach,
    Kind.NARRATIVE_ANSWERED: NarrativeAnswered,
    Kind.PRODUCT_SUBMITTED: ProductSubmitted,
    Kind.PRODUCT_APPROVED: ProductApproved,
    Kind.PRODUCT_RETURNED: ProductReturned,
    Kind.PRODUCT_ISSUED: ProductIssued,
    Kind.RATING: RatingGiven,
    Kind.IP_ROW: ImprovementItem,
    Kind.EXPECTED_JUDGED: ExpectedJudged,
    Kind.PARTICIPANT: Participant,
    Kind.REPORT_FINAL: ReportFinal,
    Kind.WITHDRAWN: Withdrawn,
    Kind.IP_UPDATE: ImprovementUpdate,
    Kind.FINDING_JUDGED: FindingJudged,
    Kind.FEEDBACK: Feedback,
}
"""Every kind and its payload type: the list the registries are checked against."""

KINDS: frozenset[str] = frozenset(PAYLOADS)


class Emit(Protocol):
    """How the engine emits an event: mypy matches the kind to its payload type (the
    implementation takes any kind; this only types the calls)."""

    @overload
    def __call__(
        self, kind: Literal["session-started"], actor: str | None, payload: SessionStarted, /
    ) -> None: ...
    @overload
    def __call__(
        self,
        kind: Literal["session-resumed", "paused", "resumed"],
        actor: str | None,
        payload: Empty,
        /,
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["session-ended"], actor: str | None, payload: SessionEnded, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["phase-entered"], actor: str | None, payload: PhaseEntered, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["inject-scheduled"], actor: str | None, payload: InjectScheduled, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["inject-delivered"], actor: str | None, payload: InjectDelivered, /
    ) -> None: ...
    @overload
    def __call__(
        self,
        kind: Literal["inject-held", "inject-unheld"],
        actor: str | None,
        payload: InjectRef,
        /,
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["adhoc-inject"], actor: str | None, payload: AdhocInject, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["decision-opened"], actor: str | None, payload: DecisionOpened, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["decision-taken"], actor: str | None, payload: DecisionTaken, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["decision-missed"], actor: str | None, payload: DecisionMissed, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["indicator-changed"], actor: str | None, payload: IndicatorChanged, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["expected-met"], actor: str | None, payload: ExpectedMet, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["expected-missed"], actor: str | None, payload: ExpectedMissed, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["measure-taken"], actor: str | None, payload: MeasureTaken, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["measure-lifted"], actor: str | None, payload: MeasureLifted, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["self-decision"], actor: str | None, payload: SelfDecision, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["observation"], actor: str | None, payload: Observation, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["speed-set"], actor: str | None, payload: SpeedSet, /
    ) -> None: ...
    @overload
    def __call__(self, kind: Literal["jumped"], actor: str | None, payload: Jumped, /) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["command-rejected"], actor: str | None, payload: CommandRejected, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["narrative-reach"], actor: str | None, payload: NarrativeReach, /
    ) -> None: ...
    @overload
    def __call__(
        self,
        kind: Literal["narrative-answered"],
        actor: str | None,
        payload: NarrativeAnswered,
        /,
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["product-submitted"], actor: str | None, payload: ProductSubmitted, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["product-approved"], actor: str | None, payload: ProductApproved, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["product-returned"], actor: str | None, payload: ProductReturned, /
    ) -> None: ...
    @overload
    def __call__(
        self, kind: Literal["product-issued"], actor: str | None, payload: ProductIssued, /
    ) -> None: ...


@dataclass(slots=True)
class NewEvent:
    """An event the core emitted and the journal has not yet committed (not frozen: one
    is made for every event, and a frozen dataclass is several times slower to build)."""

    t: float
    kind: str
    actor: str | None = None
    payload: Mapping[str, Any] = field(default_factory=dict)


class Event(NamedTuple):
    """A committed event, with its place in the hash chain (a named tuple: immutable, and
    cheap to build when a journal of a hundred thousand events is read)."""

    seq: int
    t: float
    wall: float
    kind: str
    actor: str | None
    payload: Mapping[str, Any]  # a dict; read-only to everyone after the journal
    prev_hash: str
    hash: str
