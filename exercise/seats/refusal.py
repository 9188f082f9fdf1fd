"""What a seat is told when the engine refuses its command.

The engine's reasons are for exercise control: "'police-data-theft' has not been delivered
yet" or "only nctv can take 'convene-iccb'" tell a player what the MSEL holds. A player or
observer seat is therefore told one neutral reason, whatever the cause, while the journal
keeps the precise one. The one refusal a player is told plainly is a decision on its own
role's inject that another seat of the role took first: it has seen that inject, and needs
to know that the decision stands.
"""

from __future__ import annotations

from collections.abc import Callable

from ..language import N_, text
from ..model.events import Kind
from ..model.timing import format_clock
from ..sim import commands as c
from ..sim.engine import Outcome
from ..sim.state import SessionState

NEUTRAL = N_("not something this seat can do now")
NOT_RECORDED = N_("not recorded: the session has stopped")

# Who took a decision, by its command id's client id ("" when not known to the host).
Labeller = Callable[[str | None], str]


def seat_reason(
    command: c.Command,
    outcome: Outcome,
    state: SessionState,
    label: Labeller | None = None,
    lang: str = "en",
) -> str:
    """The reason to tell the seat that sent `command` ("" when it was applied), in `lang`."""
    if outcome.accepted:
        return ""
    if command.seat_kind in (c.SeatKind.FACILITATOR, c.SeatKind.EVALUATOR):
        return outcome.explain(lang)  # exercise control and evaluators see the MSEL anyway
    if not outcome.repeat and not any(
        event.kind == Kind.COMMAND_REJECTED for event in outcome.events
    ):
        return text(lang, NOT_RECORDED)  # the engine never saw it (the session stopped or failed)
    if isinstance(command, c.Decide):
        decision = state.decisions.get(command.inject)
        if (
            decision is not None
            and decision.role == command.actor
            and decision.decided_at is not None
            and decision.command_id != command.key
        ):
            who = label(decision.command_id) if label is not None else ""
            when = format_clock(decision.decided_at)
            return text(
                lang, "already decided by {who} at {time}", who=who or decision.role, time=when
            )
    return text(lang, NEUTRAL)
