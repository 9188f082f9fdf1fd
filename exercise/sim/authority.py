"""Who may do what: checked by the engine for every command, whoever sends it.

A command carries its actor and, from a seat, the kind of that seat. Facilitator commands
(the clock, firing, holding, ad-hoc injects, the end) come only from exercise control; a
player takes decisions and measures, whose role the engine then checks against the inject
or the measure; an evaluator adds observations; an observer only watches. A facilitator
may also act for a role, as on the single screen that holds every role's panel.
"""

from __future__ import annotations

from ..model import RoleKind, Scenario
from ..model.reasons import Reason, reason
from .commands import Command, SeatKind

SYSTEM = "system"  # the actor of the realtime driver's own commands (a pause at a new phase)

FACILITATOR_COMMANDS = frozenset(
    {"pause", "resume", "set-speed", "jump-next", "fire", "adhoc", "hold", "release", "end"}
)
PLAYER_COMMANDS = frozenset(
    {
        "decide",
        "self-decision",
        "take-measure",
        "lift-measure",
        "issue-product",
        "approve-product",
        "return-product",
    }
)

_ALLOWED: dict[SeatKind, frozenset[str]] = {
    SeatKind.FACILITATOR: FACILITATOR_COMMANDS | PLAYER_COMMANDS | {"observe"},
    SeatKind.PLAYER: PLAYER_COMMANDS,
    SeatKind.EVALUATOR: frozenset({"observe"}),
    SeatKind.OBSERVER: frozenset(),
}

# The seat kind of a command made in this process, from the kind of the role it names.
_OF_ROLE = {
    RoleKind.PLAYER: SeatKind.PLAYER,
    RoleKind.FACILITATOR: SeatKind.FACILITATOR,
    RoleKind.SIMCELL: SeatKind.FACILITATOR,  # the simulation cell is part of exercise control
    RoleKind.EVALUATOR: SeatKind.EVALUATOR,
    RoleKind.OBSERVER: SeatKind.OBSERVER,
}


def seat_kind(command: Command, scenario: Scenario) -> SeatKind:
    """The kind of seat the command counts as coming from."""
    if command.seat_kind is not None:
        return command.seat_kind
    if command.actor in ("facilitator", SYSTEM):
        return SeatKind.FACILITATOR
    role = scenario.role_map.get(command.actor)
    if role is None:
        return SeatKind.OBSERVER  # an actor nobody knows may do nothing
    return _OF_ROLE[role.kind]


def refusal(command: Command, scenario: Scenario) -> Reason | None:
    """Why this actor may not send this command at all, or None when it may."""
    kind = seat_kind(command, scenario)
    if command.type in _ALLOWED[kind]:
        return None
    return reason("not-for-seat", actor=command.actor, seat=kind.value, command=command.type)
