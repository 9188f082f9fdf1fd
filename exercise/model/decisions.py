"""The decisions file: what simulated players do in a headless rehearsal.

```yaml
format: 1
scenario: demo                  # optional: refuse to play these against another scenario
decisions:                      # answers to decision points, a delay after delivery
  - {inject: deepfake-pm, option: rebut, after: 5m, rationale: Counter it at once}
initiatives:                    # self-initiated decisions at a scenario time
  - {at: 30m, role: nctv, text: Convene the ICCb, pillars: [democracy-rule-of-law]}
measures:                       # playbook measures at a scenario time
  - {at: 95m, role: nctv, measure: activate-lcp-md}
lifts:                          # lasting measures lifted, accounted for or not
  - {at: 170m, role: mccb, measure: emergency-powers, informed: true}
products:                       # communication products issued at a scenario time
  - at: 40m
    role: nkc
    kind: press-release
    audience: Public
    channel: rijksoverheid.nl
    elements: [threat-info, action-perspective]
    text: What happened and what you can do.
    answers: [deepfake-pm]      # delivered injects it answers
    approve_after: 5m           # where the scenario wants approval: the approver's delay
```

Every value is bounded here as the engine's commands bound it, so a file that loads never
fails half-way through a rehearsal, after its journal was started.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from .doctrine import ProductKind
from .scenario import CommsList, Model, Pillars
from .types import MAX_INJECTS, MAX_MEASURES, MAX_TITLE, Duration, Slug, unique_list

MAX_RATIONALE = 10_000  # characters of a rationale or initiative: as the engine's commands
MAX_INITIATIVES = 1_000
MAX_ANSWERS = 50  # injects one product answers: as the engine's command

if TYPE_CHECKING:
    Answers = tuple[str, ...]
else:
    Answers = unique_list(Slug, MAX_ANSWERS)


class PlannedDecision(Model):
    inject: Slug
    option: Slug
    role: Slug | None = Field(None, description="Default: the role that decides the inject")
    after: Duration = Field(60.0, description="Delay after delivery")
    rationale: str = Field("", max_length=MAX_RATIONALE)


class PlannedInitiative(Model):
    at: Duration
    role: Slug
    text: str = Field(min_length=1, max_length=MAX_RATIONALE)
    pillars: Pillars = ()
    comms: CommsList = ()


class PlannedMeasure(Model):
    at: Duration
    role: Slug
    measure: Slug
    rationale: str = Field("", max_length=MAX_RATIONALE)


class PlannedLift(Model):
    at: Duration
    role: Slug
    measure: Slug
    rationale: str = Field("", max_length=MAX_RATIONALE)
    informed: bool = Field(False, description="Accounted for to parliament or the council")


class PlannedProduct(Model):
    at: Duration
    role: Slug
    kind: ProductKind
    audience: str = Field(min_length=1, max_length=MAX_TITLE)
    channel: str = Field("", max_length=MAX_TITLE)
    elements: CommsList = ()
    text: str = Field(min_length=1, max_length=MAX_RATIONALE)
    answers: Answers = Field((), description="Delivered injects it answers")
    approve_after: Duration = Field(
        300.0, description="Where approval is required: the approving role's delay"
    )


class DecisionsFile(Model):
    format: int = Field(1, ge=1, le=1)
    scenario: Slug | None = Field(None, description="The scenario these decisions are for")
    decisions: tuple[PlannedDecision, ...] = Field((), max_length=MAX_INJECTS)
    initiatives: tuple[PlannedInitiative, ...] = Field((), max_length=MAX_INITIATIVES)
    measures: tuple[PlannedMeasure, ...] = Field((), max_length=MAX_MEASURES)
    lifts: tuple[PlannedLift, ...] = Field((), max_length=MAX_MEASURES)
    products: tuple[PlannedProduct, ...] = Field((), max_length=MAX_INITIATIVES)
