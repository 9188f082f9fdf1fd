"""The scenario language as pydantic models (frozen; an unknown key is an error).

These models check the shape of a scenario. Checks that need the whole scenario
(references between ids, times against the duration) live in `exercise.content.checks`,
which can point at the file and line of each mistake.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..language import phrase
from .doctrine import (
    Attribution,
    CommsElement,
    HybridDomain,
    Level,
    MediaKind,
    Method,
    NatoRequirement,
    Pillar,
    ProductKind,
    RoleKind,
)
from .types import (
    MAX_APPROVAL_RULES,
    MAX_EXPECTED,
    MAX_INDICATORS,
    MAX_INJECTS,
    MAX_MAGNITUDE,
    MAX_MEASURES,
    MAX_NARRATIVE_FROM,
    MAX_NARRATIVES,
    MAX_OBJECTIVES,
    MAX_OPTIONS,
    MAX_PHASES,
    MAX_QUESTIONS,
    MAX_RELEASES,
    MAX_ROLES,
    MAX_SOURCE,
    Condition,
    Duration,
    Number,
    ShortString,
    Slug,
    Text,
    Title,
    unique_list,
)

FORMAT_VERSION = 1
SEVERE = 4  # an inject this severe is a disruption: communication on it is expected
DEFAULT_CLASSIFICATION = "UNCLASSIFIED // EXERCISE"
EARLIEST_START, LATEST_START = 1900, 2999  # years; the clock must stay within calendar dates


class Model(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        allow_inf_nan=False,
        populate_by_name=False,
        ignored_types=(cached_property,),
    )


if TYPE_CHECKING:  # what the fields hold; pydantic sees the validated forms below
    Pillars = tuple[Pillar, ...]
    NatoList = tuple[NatoRequirement, ...]
    Domains = tuple[HybridDomain, ...]
    CommsList = tuple[CommsElement, ...]
    Recipients = tuple[str, ...]
    Releases = tuple[str, ...]
    Starters = tuple[str, ...]
    ProductKinds = tuple[ProductKind, ...]
else:
    Pillars = unique_list(Pillar, len(Pillar))
    NatoList = unique_list(NatoRequirement, len(NatoRequirement))
    Domains = unique_list(HybridDomain, len(HybridDomain))
    CommsList = unique_list(CommsElement, len(CommsElement))
    Recipients = unique_list(Slug, MAX_ROLES)
    Releases = unique_list(Slug, MAX_RELEASES)
    Starters = unique_list(Slug, MAX_NARRATIVE_FROM)
    ProductKinds = unique_list(ProductKind, len(ProductKind))
Effects = dict[Slug, Number]


class Objective(Model):
    """An exercise objective, evaluated per pillar in the debrief."""

    id: Slug
    pillar: Pillar
    text: Text
    capability: Text | None = None
    target: Text | None = Field(None, description="Capability target, often time-bound")


class FeedbackQuestion(Model):
    """A question of the participants' feedback form after play (the hot wash)."""

    id: Slug
    text: Title
    kind: Literal["text", "scale"] = Field(
        "text", description="text: a free answer; scale: a score from 1 (low) to 5 (high)"
    )


class Phase(Model):
    """A step on the escalation ladder; starts at a time or when an option enters it."""

    id: Slug
    title: Title
    level: Level
    at: Duration | None = Field(
        None, description="Start time; leave out for a phase an option enters"
    )
    description: Text | None = None


class Role(Model):
    id: Slug
    title: Title
    kind: RoleKind = RoleKind.PLAYER
    description: Text | None = None


class Indicator(Model):
    """A number the scenario tracks (supply, trust, capacity), moved by option effects."""

    id: Slug
    title: Title
    pillar: Pillar
    nato: NatoRequirement | None = None
    start: Number
    min: Number = 0
    max: Number = 100
    unit: ShortString | None = None
    description: Text | None = None


class Measure(Model):
    """A playbook action a role can take once the escalation level allows it.

    The ladder is L0 < L1 < L2 < L3; recovery (L4) is not above armed conflict. A measure
    is available from `from_level` up the ladder to L3, and in recovery only when it says
    so: `from_level: L4`, or `levels` naming the levels it may be taken in. A `lasting`
    measure (emergency powers, an ordinance, closures) stays in force until it is lifted."""

    id: Slug
    title: Title
    role: Slug
    from_level: Level = Level.L0
    levels: Annotated[tuple[Level, ...], Field(max_length=len(Level))] = Field(
        (), description="The levels it may be taken in (instead of from_level)"
    )
    lasting: bool = Field(False, description="In force until lifted (powers, ordinances)")
    pillars: Pillars = ()
    nato: NatoList = ()
    comms: CommsList = ()
    effects: Effects = Field(default_factory=dict, max_length=MAX_INDICATORS)
    description: Text | None = None

    @model_validator(mode="after")
    def _one_way_to_say_levels(self) -> Measure:
        # (a dumped scenario writes both, from_level at its default: that is no conflict)
        if self.levels and self.from_level is not Level.L0:
            raise ValueError(phrase("give from_level or levels, not both"))
        if len(set(self.levels)) != len(self.levels):
            raise ValueError(phrase("levels names a level twice"))
        return self

    def available_at(self, level: Level) -> bool:
        """Whether the measure may be taken at `level`."""
        if self.levels:
            return level in self.levels
        if self.from_level is Level.L4 or level is Level.L4:
            return level is self.from_level
        return level.rank >= self.from_level.rank

    @property
    def available_levels(self) -> list[Level]:
        """The levels it may be taken at, up the ladder."""
        return [level for level in Level if self.available_at(level)]

    @property
    def playbook(self) -> Level:
        """The level whose playbook the measure belongs to: the first it is available at."""
        if self.levels:
            return min(self.levels, key=lambda level: level.rank)
        return self.from_level


class Option(Model):
    id: Slug
    label: Title
    comms: CommsList = Field((), description="Communication elements this option carries")
    effects: Effects = Field(
        default_factory=dict,
        max_length=MAX_INDICATORS,
        description="Indicator changes, e.g. {public-trust: -10}",
    )
    release: Releases = Field((), description="Injects this choice releases")
    phase: Slug | None = Field(None, description="Phase this choice enters")


class DecisionPoint(Model):
    role: Slug | None = Field(None, description="Who decides; default: the first role in `to`")
    prompt: Text
    deadline: Duration | None = Field(None, description="Time allowed after delivery")
    default: Slug | None = Field(None, description="Option applied when the deadline passes")
    options: tuple[Option, ...] = Field(min_length=1, max_length=MAX_OPTIONS)

    @model_validator(mode="after")
    def _default_needs_deadline(self) -> DecisionPoint:
        if self.default is not None and self.deadline is None:
            raise ValueError(phrase("a default option needs a deadline to apply it at"))
        return self

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class ExpectedProduct(Model):
    """A communication product an expected action asks for: it answers the inject, and
    carries at least these elements (and is of this kind, when given)."""

    kind: ProductKind | None = Field(None, description="Any kind when left out")
    elements: CommsList = Field((), description="Elements the product must carry")
    role: Slug | None = Field(
        None,
        description="Who issues it; default: the expected action's role, else the role "
        "that decides the inject, else any role",
    )


class ExpectedAction(Model):
    """What evaluators look for (MSEL only, never shown to players)."""

    role: Slug | None = Field(None, description="Default: the role that decides the inject")
    option: Slug | None = None
    measure: Slug | None = None
    product: ExpectedProduct | None = Field(
        None, description="A communication product answering this inject"
    )
    action: Text | None = Field(None, description="An action observed by the evaluator")
    within: Duration | None = Field(None, description="Time allowed after delivery")
    objective: Slug | None = None

    @model_validator(mode="after")
    def _says_what(self) -> ExpectedAction:
        said = [x for x in (self.option, self.measure, self.product, self.action) if x is not None]
        if not said:
            raise ValueError(
                phrase("an expected action names an option, a measure, a product or an action")
            )
        if self.product is not None and (self.option is not None or self.measure is not None):
            raise ValueError(
                phrase("an expected product is an action of its own: no option or measure")
            )
        if (
            self.product is not None
            and self.product.role is not None
            and self.role is not None
            and self.product.role != self.role
        ):
            raise ValueError(phrase("the product's role and the expected action's role differ"))
        return self

    @property
    def product_role(self) -> str | None:
        """Who is expected to issue the product (None: any role)."""
        if self.product is None:
            return None
        return self.product.role or self.role


class ApprovalRule(Model):
    """Products that need a role's approval before release (e.g. the NKC approves press
    releases and NL-Alerts): of these kinds (all when empty) from these roles (every role
    but the approver when empty)."""

    by: Slug = Field(description="The role that approves")
    kinds: ProductKinds = Field((), description="Product kinds it approves; all when empty")
    roles: Recipients = Field((), description="Roles whose products it approves; all when empty")

    def applies(self, role: str, kind: ProductKind) -> bool:
        if role == self.by:
            return False  # the approver's own products go out as they are
        return (not self.kinds or kind in self.kinds) and (not self.roles or role in self.roles)


class Communication(Model):
    """How communication products are coordinated in this scenario."""

    approval: tuple[ApprovalRule, ...] = Field(
        (), max_length=MAX_APPROVAL_RULES, description="The first rule that applies decides"
    )

    def approver(self, role: str, kind: ProductKind) -> str | None:
        """The role that must approve a product of `kind` from `role`, or None."""
        for rule in self.approval:
            if rule.applies(role, kind):
                return rule.by
        return None


class Media(Model):
    """What makes an inject an item of the simulated news and social feed, which every
    player sees. Reach is a scale (`reach`: 1 local .. 5 national and beyond) or a number
    of people (`people`), or both."""

    kind: MediaKind
    outlet: Title = Field(description="The newspaper, broadcaster, account or channel")
    reach: int | None = Field(
        None, ge=1, le=5, description="1 local, 2 regional, 3 national niche, 4 national, 5 viral"
    )
    people: int | None = Field(None, ge=1, le=MAX_MAGNITUDE, description="People reached")


Percent = Annotated[float, Field(ge=0, le=100)]


class Narrative(Model):
    """A claim that spreads through the media environment (MSEL: its growth, what answers
    it and its effects are exercise control's; players see the claim and its reach).

    Reach is the share of the public that has met the claim, in percent. It starts at
    `start` when the first of its `from` injects is delivered, grows by `growth` points
    an hour up to `ceiling`, in steps every `every` of scenario time; once a product
    answers it (one carrying an element of `answered_by`, answering one of its delivered
    `from` injects) it falls by `decline` points an hour down to `floor`. Each point of
    reach gained moves the indicators by `effects` (and each point lost moves them back)."""

    id: Slug
    claim: Title = Field(description="What the narrative says, as people repeat it")
    starts_from: Starters = Field(
        alias="from", min_length=1, description="The media injects that start it"
    )
    start: Percent = Field(5, description="Reach when it starts, percent of the public")
    growth: Percent = Field(10, description="Reach points gained per hour while unanswered")
    ceiling: Percent = Field(100, description="The most reach it gets")
    decline: Percent | None = Field(
        None, description="Reach points lost per hour once answered (default: its growth)"
    )
    floor: Percent = Field(0, description="The reach it keeps once answered")
    every: Duration = Field(900.0, description="How often its reach moves (default 15m)")
    answered_by: CommsList = Field(
        min_length=1, description="The communication elements that answer it"
    )
    effects: Effects = Field(
        default_factory=dict,
        max_length=MAX_INDICATORS,
        description="Indicator change per point of reach, e.g. {public-trust: -0.5}",
    )
    notes: Text | None = Field(None, description="Controller and evaluator notes (MSEL only)")

    @model_validator(mode="after")
    def _in_order(self) -> Narrative:
        if self.start > self.ceiling:
            raise ValueError(
                phrase(
                    "start {start} is above the ceiling {ceiling}",
                    start=f"{self.start:g}",
                    ceiling=f"{self.ceiling:g}",
                )
            )
        if self.floor > self.ceiling:
            raise ValueError(
                phrase(
                    "floor {floor} is above the ceiling {ceiling}",
                    floor=f"{self.floor:g}",
                    ceiling=f"{self.ceiling:g}",
                )
            )
        return self

    @property
    def falls(self) -> float:
        """Reach points lost per hour once answered."""
        return self.growth if self.decline is None else self.decline


class InjectTemplate(Model):
    """An inject without timing or recipients: the catalogue entry a scenario can `use`."""

    id: Slug
    title: Title
    text: Text
    sender: Title | None = Field(
        None, alias="from", description="Simulated sender (text, or {en: ..., nl: ...})"
    )
    method: Method = Method.OTHER
    pillars: Pillars = Field(min_length=1)
    nato: NatoList = ()
    domains: Domains = ()
    attribution: Attribution | None = None
    severity: int | None = Field(None, ge=1, le=5)
    source: str | None = Field(
        None,
        max_length=MAX_SOURCE,
        description="Public source of the real-world analogue, or scenario-derived",
    )
    decision: DecisionPoint | None = None
    expected: tuple[ExpectedAction, ...] = Field((), max_length=MAX_EXPECTED)
    contingency: bool = Field(False, description="Released when an expected action fails")
    notes: Text | None = Field(None, description="Controller and evaluator notes (MSEL only)")
    media: Media | None = Field(
        None, description="An item of the news and social feed, which every player sees"
    )

    @property
    def severe(self) -> bool:
        """A disruption (severity 4 or more): the debrief measures communication on it."""
        return self.severity is not None and self.severity >= SEVERE


class Inject(InjectTemplate):
    # A scenario's inject may come without pillars (an imported MSEL does not say them):
    # lint points at it (`no-pillar`); a catalogue template must name them.
    pillars: Pillars = ()
    use: Slug | None = Field(None, description="Catalogue template this inject starts from")
    at: Duration | None = Field(None, description="Delivery time on the timeline")
    when: Condition | None = Field(None, description="Release condition")
    after: Duration | None = Field(None, description="Delay after the condition or the release")
    to: Recipients = Field(min_length=1, description="Recipient roles")

    @model_validator(mode="after")
    def _one_trigger(self) -> Inject:
        if self.at is not None and self.when is not None:
            raise ValueError(
                phrase("an inject is either on the timeline (at) or conditional (when)")
            )
        if self.at is not None and self.after is not None:
            raise ValueError(phrase("'after' is the delay of a conditional inject; use 'at' alone"))
        return self

    @property
    def decider(self) -> str | None:
        if self.decision is None:
            return None
        return self.decision.role or self.to[0]

    @property
    def on_timeline(self) -> bool:
        return self.at is not None


class Scenario(Model):
    format: Literal[1] = Field(description="Version of the scenario format")
    id: Slug
    title: Title
    description: Text | None = None
    threat: Text | None = Field(None, description="The threat picture, for the AAR overview")
    language: Literal["en", "nl"] = "en"
    classification: ShortString = DEFAULT_CLASSIFICATION
    start: datetime | None = Field(None, description="Calendar time of T+0")
    duration: Duration
    speed: float = Field(1.0, gt=0, le=3600, description="Scenario seconds per wall second")
    pause_on_phase: bool = Field(
        False,
        description="In the session UI, pause the clock when a new phase begins "
        "(run/resume --no-pause-on-phase overrides it; headless play never pauses)",
    )
    objectives: tuple[Objective, ...] = Field((), max_length=MAX_OBJECTIVES)
    phases: tuple[Phase, ...] = Field(min_length=1, max_length=MAX_PHASES)
    roles: tuple[Role, ...] = Field(min_length=1, max_length=MAX_ROLES)
    indicators: tuple[Indicator, ...] = Field((), max_length=MAX_INDICATORS)
    injects: tuple[Inject, ...] = Field((), max_length=MAX_INJECTS)
    measures: tuple[Measure, ...] = Field((), max_length=MAX_MEASURES)
    feedback: tuple[FeedbackQuestion, ...] = Field(
        (),
        max_length=MAX_QUESTIONS,
        description="The participants' feedback form after play; without it, the default "
        "form (strengths, areas for improvement, realism 1-5, what to change)",
    )
    narratives: tuple[Narrative, ...] = Field((), max_length=MAX_NARRATIVES)
    communication: Communication = Field(
        default_factory=Communication,
        description="Coordination of communication products (approval before release)",
    )

    @field_validator("start")
    @classmethod
    def _start_in_calendar(cls, start: datetime | None) -> datetime | None:
        if start is not None and not EARLIEST_START <= start.year <= LATEST_START:
            raise ValueError(
                phrase(
                    "the year {year} is out of range: T+0 must lie between {earliest} and {latest}",
                    year=str(start.year),
                    earliest=str(EARLIEST_START),
                    latest=str(LATEST_START),
                )
            )
        return start

    @cached_property
    def inject_map(self) -> dict[str, Inject]:
        return {i.id: i for i in self.injects}

    @cached_property
    def role_map(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def phase_map(self) -> dict[str, Phase]:
        return {p.id: p for p in self.phases}

    @cached_property
    def indicator_map(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators}

    @cached_property
    def measure_map(self) -> dict[str, Measure]:
        return {m.id: m for m in self.measures}

    @cached_property
    def media_injects(self) -> list[Inject]:
        """The injects that are items of the news and social feed, in scenario order."""
        return [i for i in self.injects if i.media is not None]

    @cached_property
    def narrative_map(self) -> dict[str, Narrative]:
        return {n.id: n for n in self.narratives}

    @cached_property
    def objective_map(self) -> dict[str, Objective]:
        return {o.id: o for o in self.objectives}

    @cached_property
    def released_by(self) -> dict[str, list[tuple[str, str]]]:
        """For each inject an option releases: the (inject, option) pairs that release it."""
        found: dict[str, list[tuple[str, str]]] = {}
        for inject in self.injects:
            if inject.decision:
                for option in inject.decision.options:
                    for target in option.release:
                        found.setdefault(target, []).append((inject.id, option.id))
        return found

    def phase_at(self, seconds: float) -> Phase:
        """The timed phase in force at a scenario time (ignores phases entered by options)."""
        current = self.phases[0]
        for phase in self.phases:
            if phase.at is not None and phase.at <= seconds:
                current = phase
        return current


class Catalogue(Model):
    """One file of the inject catalogue."""

    format: Literal[1]
    theme: Title | None = None
    templates: tuple[InjectTemplate, ...] = Field(min_length=1, max_length=MAX_INJECTS)
