"""Journal event types: everything that happens in a session is one of these.

An event is a plain record (sequence number, scenario time, wall time, kind, actor,
payload). The session state is a pure function of the events (see `exercise.sim.state`),
which is what makes replay and resume exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Kind:
    """The event kinds, as plain strings (they are stored as text and compared often)."""

    SESSION_STARTED = "session-started"  # {scenario, seed, speed}
    SESSION_RESUMED = "session-resumed"  # {}
    SESSION_ENDED = "session-ended"  # {reason}
    PHASE_ENTERED = "phase-entered"  # {phase, level, cause}
    INJECT_SCHEDULED = "inject-scheduled"  # {inject, due, cause}  conditional, released, held
    INJECT_DELIVERED = "inject-delivered"  # {inject, to, cause}
    INJECT_HELD = "inject-held"  # {inject}
    INJECT_UNHELD = "inject-unheld"  # {inject}
    ADHOC_INJECT = "adhoc-inject"  # {inject, title, text, to, pillars, method, template?,
    #                                 decision?: {role, prompt, options, deadline, default}}
    DECISION_OPENED = "decision-opened"  # {inject, role, deadline}
    DECISION_TAKEN = "decision-taken"  # {inject, role, option, rationale, latency}
    DECISION_MISSED = "decision-missed"  # {inject, role, default}
    INDICATOR_CHANGED = "indicator-changed"  # {indicator, value, delta, cause}
    EXPECTED_MET = "expected-met"  # {inject, index, role, late}
    EXPECTED_MISSED = "expected-missed"  # {inject, index, role, reason}
    MEASURE_TAKEN = "measure-taken"  # {measure, role, rationale}
    SELF_DECISION = "self-decision"  # {role, text, pillars, comms}
    OBSERVATION = "observation"  # {pillar, objective, kind, text, root_cause?, seat?, at?}
    PAUSED = "paused"  # {}
    RESUMED = "resumed"  # {}
    SPEED_SET = "speed-set"  # {speed}
    JUMPED = "jumped"  # {to}
    COMMAND_REJECTED = "command-rejected"  # {command, reason}
    # Evaluator input, appended after play by `exercise review` (the core ignores them):
    RATING = "rating"  # {scope: pillar|objective, target, rating: P|S|M|U, note}
    IP_ROW = "improvement-item"  # {pillar, objective, capability, issue, action, element,
    #                               organisation, contact, start, due}
    EXPECTED_JUDGED = "expected-judged"  # {inject, index, status: met|late|missed, note}
    PARTICIPANT = "participant"  # {role, name, organisation}
    REPORT_FINAL = "report-final"  # {by}
    WITHDRAWN = "withdrawn"  # {ref: IP-n|OBS-n, reason}  the item stays out of the report


@dataclass(slots=True)
class NewEvent:
    """An event the core emitted and the journal has not yet committed (not frozen: one
    is made for every event, and a frozen dataclass is several times slower to build)."""

    t: float
    kind: str
    actor: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


class Event(NamedTuple):
    """A committed event, with its place in the hash chain (a named tuple: immutable, and
    cheap to build when a journal of a hundred thousand events is read)."""

    seq: int
    t: float
    wall: float
    kind: str
    actor: str | None
    payload: dict[str, Any]
    prev_hash: str
    hash: str
