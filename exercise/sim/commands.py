"""Commands: what players and facilitators ask the core to do.

Each command is validated by its model, then by the engine against the session state;
it is either applied (its events say so) or rejected with a reason (a `command-rejected`
event). A command never raises out of the engine.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    TypeAdapter,
    model_serializer,
    model_validator,
)

from ..language import phrase
from ..model import CommsElement, Method, Pillar, ProductKind

FACILITATOR = "facilitator"
MAX_TEXT = 10_000  # a rationale or observation longer than this is a paste accident
MAX_LABEL = 500  # an option's label
MAX_ADHOC_OPTIONS = 20
MAX_ADHOC_DEADLINE = 30 * 86400.0  # a month of scenario time
MAX_ANSWERS = 50  # delivered injects one communication product answers


# A client id or command id: short, and safe to show and to join with ":" into one key.
Token = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
_OPTIONAL = ("seat_kind", "client", "id")  # left out of the JSON form when not given


class SeatKind(StrEnum):
    """What kind of seat a command comes from; the engine decides by it what may be done
    (see exercise.sim.authority)."""

    FACILITATOR = "facilitator"
    PLAYER = "player"
    EVALUATOR = "evaluator"
    OBSERVER = "observer"


class _Command(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # Who sent it, as the sender was authenticated (a role id for a player): never chosen
    # by a remote client, which the host sets both for.
    actor: str = FACILITATOR
    # The kind of seat; None (a command made in this process) means the one that follows
    # from the actor: the facilitator, or the kind of the scenario role it names.
    seat_kind: SeatKind | None = None
    # A command id is applied at most once per client (see Engine.submit).
    client: Token | None = None
    id: Token | None = None

    @model_validator(mode="after")
    def _both_ids(self) -> _Command:
        if (self.client is None) != (self.id is None):
            raise ValueError("a command id needs a client id, and a client id a command id")
        return self

    @model_serializer(mode="wrap")
    def _without_unset(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A command without them dumps as it did before seats: journals stay comparable.
        data: dict[str, Any] = handler(self)
        for name in _OPTIONAL:
            if data.get(name) is None:
                data.pop(name, None)
        return data

    @property
    def key(self) -> str | None:
        """The command's id as the journal records it ("client:id"), or None."""
        return None if self.id is None else f"{self.client}:{self.id}"


class Decide(_Command):
    type: Literal["decide"] = "decide"
    inject: str
    option: str
    rationale: str = Field("", max_length=MAX_TEXT)


class SelfDecision(_Command):
    """A decision a role takes on its own initiative, not prompted by an inject."""

    type: Literal["self-decision"] = "self-decision"
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    pillars: tuple[Pillar, ...] = ()
    comms: tuple[CommsElement, ...] = ()


class TakeMeasure(_Command):
    type: Literal["take-measure"] = "take-measure"
    measure: str
    rationale: str = Field("", max_length=MAX_TEXT)


class LiftMeasure(_Command):
    """End a lasting measure (powers, an ordinance, closures); `informed`: the role has
    accounted for it to parliament or the council."""

    type: Literal["lift-measure"] = "lift-measure"
    measure: str
    rationale: str = Field("", max_length=MAX_TEXT)
    informed: bool = False


class IssueProduct(_Command):
    """Issue a communication product as the actor's role; where the scenario requires
    coordination it is submitted to the approving role first."""

    type: Literal["issue-product"] = "issue-product"
    kind: ProductKind
    audience: str = Field(min_length=1, max_length=MAX_LABEL)
    channel: str = Field("", max_length=MAX_LABEL)
    elements: tuple[CommsElement, ...] = Field((), max_length=len(CommsElement))
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    answers: tuple[Annotated[str, Field(min_length=1, max_length=MAX_LABEL)], ...] = Field(
        (), max_length=MAX_ANSWERS
    )

    @model_validator(mode="after")
    def _no_repeats(self) -> IssueProduct:
        if len(set(self.elements)) != len(self.elements):
            raise ValueError(phrase("an element is named twice"))
        if len(set(self.answers)) != len(self.answers):
            raise ValueError(phrase("an inject is answered twice"))
        return self


class ApproveProduct(_Command):
    """The approving role releases a submitted product: it is issued now."""

    type: Literal["approve-product"] = "approve-product"
    product: str = Field(min_length=1, max_length=MAX_LABEL)


class ReturnProduct(_Command):
    """The approving role sends a submitted product back with a note; it is not issued."""

    type: Literal["return-product"] = "return-product"
    product: str = Field(min_length=1, max_length=MAX_LABEL)
    note: str = Field(min_length=1, max_length=MAX_TEXT)


class Pause(_Command):
    type: Literal["pause"] = "pause"


class Resume(_Command):
    type: Literal["resume"] = "resume"


class SetSpeed(_Command):
    type: Literal["set-speed"] = "set-speed"
    speed: float = Field(gt=0, le=3600)


class JumpNext(_Command):
    """Move the clock to the next inject that is due."""

    type: Literal["jump-next"] = "jump-next"


class FireInject(_Command):
    """Deliver now: a timeline, held or conditional inject, or a catalogue template."""

    type: Literal["fire"] = "fire"
    inject: str
    to: tuple[str, ...] = ()  # required for a template; for a scenario inject its own `to`


class AdhocDecision(BaseModel):
    """A decision an ad-hoc inject asks of one of its recipients. Its options are known by
    their labels (there is no scenario to give them ids); the default, if any, is one of
    them and applies when the deadline passes undecided."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: str = Field(min_length=1)
    prompt: str = Field("", max_length=MAX_TEXT)
    options: tuple[Annotated[str, Field(min_length=1, max_length=MAX_LABEL)], ...] = Field(
        min_length=2, max_length=MAX_ADHOC_OPTIONS
    )
    deadline: float | None = Field(None, gt=0, le=MAX_ADHOC_DEADLINE)  # seconds after delivery
    default: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> AdhocDecision:
        if len(set(self.options)) != len(self.options):
            raise ValueError(phrase("two options have the same label"))
        if self.default is not None:
            if self.default not in self.options:
                raise ValueError(
                    phrase(
                        "the default {option} is not one of the options", option=repr(self.default)
                    )
                )
            if self.deadline is None:
                raise ValueError(phrase("a default applies at the deadline: give a deadline"))
        return self


class AdhocInject(_Command):
    type: Literal["adhoc"] = "adhoc"
    title: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    to: tuple[str, ...] = Field(min_length=1)
    pillars: tuple[Pillar, ...] = ()
    method: Method = Method.OTHER
    sender: str = ""
    template: str | None = None  # the catalogue template the facilitator started from
    decision: AdhocDecision | None = None


class Hold(_Command):
    type: Literal["hold"] = "hold"
    inject: str


class Release(_Command):
    """Undo a hold: the inject is delivered when due, or now if its time has passed."""

    type: Literal["release"] = "release"
    inject: str


class Observe(_Command):
    type: Literal["observe"] = "observe"
    pillar: Pillar
    objective: str | None = None
    kind: Literal["strength", "improvement", "note"] = "note"
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    seat: str | None = None  # the role observed
    root_cause: str = Field("", max_length=MAX_TEXT)


class Evaluate(_Command):
    """An evaluator's entry made while the session is hosted (the review screen through an
    evaluator seat): a rating, an observation, an improvement item, a judgement, a
    participant, the report marked final, or a withdrawal. The host checks the entry as
    `exercise.debrief.evaluation` does before it sends it; the engine checks who sent it."""

    type: Literal["evaluate"] = "evaluate"
    kind: Literal[
        "rating",
        "observation",
        "improvement-item",
        "expected-judged",
        "participant",
        "report-final",
        "withdrawn",
    ]
    payload: dict[str, Any]


class End(_Command):
    type: Literal["end"] = "end"
    reason: str = "ended by the facilitator"


Command = Annotated[
    Decide
    | SelfDecision
    | TakeMeasure
    | LiftMeasure
    | IssueProduct
    | ApproveProduct
    | ReturnProduct
    | Pause
    | Resume
    | SetSpeed
    | JumpNext
    | FireInject
    | AdhocInject
    | Hold
    | Release
    | Observe
    | Evaluate
    | End,
    Field(discriminator="type"),
]
COMMAND = TypeAdapter(Command)


def parse_command(data: object) -> Command:
    """A command from JSON-like data (the journal inbox); raises pydantic.ValidationError."""
    return COMMAND.validate_python(data)
