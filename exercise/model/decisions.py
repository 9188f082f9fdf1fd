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
```
"""

from __future__ import annotations

from pydantic import Field

from .doctrine import CommsElement, Pillar
from .scenario import Model
from .types import Duration, Slug


class PlannedDecision(Model):
    inject: Slug
    option: Slug
    role: Slug | None = Field(None, description="Default: the role that decides the inject")
    after: Duration = Field(60.0, description="Delay after delivery")
    rationale: str = ""


class PlannedInitiative(Model):
    at: Duration
    role: Slug
    text: str = Field(min_length=1)
    pillars: tuple[Pillar, ...] = ()
    comms: tuple[CommsElement, ...] = ()


class PlannedMeasure(Model):
    at: Duration
    role: Slug
    measure: Slug
    rationale: str = ""


class DecisionsFile(Model):
    format: int = Field(1, ge=1, le=1)
    scenario: Slug | None = Field(None, description="The scenario these decisions are for")
    decisions: tuple[PlannedDecision, ...] = ()
    initiatives: tuple[PlannedInitiative, ...] = ()
    measures: tuple[PlannedMeasure, ...] = ()
