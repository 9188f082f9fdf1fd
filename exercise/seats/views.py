"""What each seat may see, computed on the host from the session state.

A player seat gets its role's panel (inbox, open decisions, measures, history, its
communication products with those waiting for its approval, the feedback form's
questions once the session has ended, and the
media: the news and social feed and the narratives that started, the same for every
player) built by
`exercise.ui.view` from player-facing fields only: never expected actions, controller
notes, conditions, contingencies or attribution, never another role's injects, never the
scenario itself. An observer (a projector on the wall) gets the clock, the phase, the
threat level, the same media and narratives, and a public feed of the phases entered and
the media items delivered. Facilitator and evaluator seats get the journal's events (see
`exercise.seats.host`) and exercise control's view: the MSEL with its controller fields,
the decisions and the live feed, as the console on the host shows them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import asdict
from typing import Any

from ..debrief.feedback import questions
from ..language import text
from ..model import Scenario, localize
from ..model.events import Event, Kind
from ..sim.clock import VirtualClock
from ..sim.describe import Describer
from ..sim.state import SessionState
from ..ui import view


def _common(state: SessionState, scenario: Scenario, lang: str) -> dict[str, Any]:
    phase = scenario.phase_map.get(state.phase)
    return {
        "phase": localize(phase.title, lang) if phase is not None else "",
        "level": state.level.value,
        "ended": state.ended,
    }


def player_view(state: SessionState, scenario: Scenario, role: str, lang: str) -> dict[str, Any]:
    """The panel of one player role, as plain JSON-ready data."""
    spec = scenario.role_map[role]
    return {
        "role": role,
        "title": localize(spec.title, lang),
        **_common(state, scenario, lang),
        "inbox": [asdict(item) for item in view.role_inbox(state, scenario, role, lang)],
        "measures": [asdict(row) for row in view.role_measures(state, scenario, role, lang)],
        "history": [list(item) for item in view.role_history(state, scenario, role, lang)],
        "media": [asdict(item) for item in view.media_feed(state, scenario, lang)],
        "narratives": [asdict(row) for row in view.narrative_rows(state, scenario, lang)],
        "products": [asdict(row) for row in view.role_products(state, scenario, role, lang)],
        "answerable": [list(pair) for pair in view.role_answerable(state, scenario, role, lang)],
        # The hot wash's questions once the session has ended (nothing from the MSEL).
        "feedback": [asdict(q) for q in questions(scenario, lang)] if state.ended else [],
    }


def observer_view(state: SessionState, scenario: Scenario, lang: str) -> dict[str, Any]:
    """The wall view: what anyone in the room may see. Beside the phase and the level, the
    media and the narratives that started (what every player sees) and the public feed."""
    media = view.media_feed(state, scenario, lang)
    return {
        "title": localize(scenario.title, lang),
        **_common(state, scenario, lang),
        "media": [asdict(item) for item in media],
        "narratives": [asdict(row) for row in view.narrative_rows(state, scenario, lang)],
        "feed": [list(line) for line in public_feed(state, scenario, lang, media)],
    }


PUBLIC_FEED = 40  # lines


def public_feed(
    state: SessionState,
    scenario: Scenario,
    lang: str,
    media: Iterable[view.MediaItem] | None = None,
) -> list[tuple[float, str]]:
    """The wall's feed, oldest first: each phase entered with its threat level, and each
    media item delivered (outlet and title), the latest PUBLIC_FEED of them. Nothing else:
    no other inject, decision, measure or command, and no word of why a phase began. Made
    from the state, so a resumed host or a wall that joins late has all of it."""
    lines: list[tuple[float, int, str]] = []
    for t, phase_id in state.phase_log:
        phase = scenario.phase_map.get(phase_id)
        if phase is not None:
            title, level = localize(phase.title, lang), phase.level.value
            said = text(lang, "Phase {title}, threat level {level}", title=title, level=level)
            lines.append((t, 0, said))
    for item in view.media_feed(state, scenario, lang) if media is None else media:
        lines.append((item.received, 1, f"{item.outlet}: {item.title}"))
    lines.sort(key=lambda line: line[:2])
    return [(t, said) for t, _, said in lines[-PUBLIC_FEED:]]


def control_view(
    state: SessionState, scenario: Scenario, lang: str, feed: Iterable[tuple[float, str]] = ()
) -> dict[str, Any]:
    """Exercise control's view (facilitator and evaluator seats): every inject of the MSEL
    with its status and its controller lines (expected actions, notes, conditions), every
    decision, the player roles, and the latest lines of the live feed."""
    msel = [
        {
            **asdict(row),
            "detail": [list(line) for line in view.msel_detail(state, scenario, row.key, lang)],
        }
        for row in view.msel_rows(state, scenario, lang)
    ]
    roles = [[r, localize(scenario.role_map[r].title, lang)] for r in view.player_roles(scenario)]
    return {
        "title": localize(scenario.title, lang),
        **_common(state, scenario, lang),
        "msel": msel,
        "decisions": [asdict(row) for row in view.decision_rows(state, scenario, lang)],
        "roles": roles,
        "feed": [list(line) for line in feed],
    }


class Feed:
    """The latest lines of the live feed in one language, for exercise control's seats."""

    SIZE = 40

    def __init__(self, scenario: Scenario, lang: str, events: Iterable[Event] = ()) -> None:
        self._describer = Describer(scenario, lang)
        self.lines: deque[tuple[float, str]] = deque(maxlen=self.SIZE)
        self.add(events)

    def add(self, events: Iterable[Event]) -> None:
        for event in events:
            text = self._describer.text(event.kind, event.actor, event.payload)
            if text is not None:
                self.lines.append((event.t, text))


def clock_view(clock: VirtualClock, now: float) -> dict[str, Any]:
    """The clock as a seat runs it on between frames: scenario time now, and its speed."""
    return {"now": round(now, 3), "speed": clock.speed, "paused": clock.paused}


# Events that change no seat's view (exercise control's and the evaluators' business).
_NO_VIEW = frozenset(
    {
        Kind.INDICATOR_CHANGED,
        Kind.EXPECTED_MET,
        Kind.EXPECTED_MISSED,
        Kind.OBSERVATION,
        Kind.COMMAND_REJECTED,
        Kind.INJECT_SCHEDULED,
        Kind.INJECT_HELD,
        Kind.INJECT_UNHELD,
        Kind.ADHOC_INJECT,  # seen when it is delivered (inject-delivered)
    }
)
# Events that change the view of the roles in their payload's `role`, or `to`.
_OF_ROLE = frozenset(
    {
        Kind.DECISION_OPENED,
        Kind.DECISION_TAKEN,
        Kind.DECISION_MISSED,
        Kind.MEASURE_TAKEN,
        Kind.MEASURE_LIFTED,
        Kind.SELF_DECISION,
    }
)


def touched_roles(
    events: Iterable[Event], media: AbstractSet[str] = frozenset()
) -> set[str] | None:
    """The player roles whose view these events may have changed, or None for every seat
    (a new phase, the clock, the end, a media inject (`media`: their ids) or a narrative,
    and any kind not known here: when unsure, all)."""
    roles: set[str] = set()
    for event in events:
        kind, payload = event.kind, event.payload
        if kind in _NO_VIEW:
            continue
        if (
            kind == Kind.INJECT_DELIVERED
            and isinstance(payload.get("to"), list)
            and payload.get("inject") not in media
        ):
            roles.update(str(role) for role in payload["to"])
        elif kind in _OF_ROLE and isinstance(payload.get("role"), str):
            roles.add(payload["role"])
        else:
            return None
    return roles
