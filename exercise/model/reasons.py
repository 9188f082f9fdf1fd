"""Why the engine refused a command, ended a session or counted an expected action as
missed: a code with parameters, kept in the journal, and put into words where it is shown.

A journal event with a reason holds `code`, `params` (ids and times, never words) and
`reason`, the English sentence, for readers that know no codes (an export, an older
version). `reason_text(lang, payload)` shows it in `lang`; a journal from before the codes
(only `reason`, in English) shows that English translated when it is one of the fixed
sentences, else as it was written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..language import N_, text
from .events import ReasonFields

# code: the English sentence, whose placeholders are the parameters.
REASONS: dict[str, str] = {
    # ending a session, and expected actions it leaves missed
    "time-up": N_("scenario time is up"),
    "ended-by-facilitator": N_("ended by the facilitator"),
    "end-of-session": N_("not done before the end of the session"),
    "deadline-passed": N_("the deadline passed"),
    "other-option": N_("{option} was chosen"),
    # refused commands
    "not-for-seat": N_("'{actor}' ({seat}) may not send '{command}'"),
    "session-ended": N_("the session has ended"),
    "internal-error": N_("internal error while applying the command: {error}"),
    "not-a-role": N_("'{role}' is not a role of this scenario"),
    "not-a-player": N_("'{role}' is not a player role"),
    "no-decision": N_("'{inject}' has no decision to take"),
    "not-delivered": N_("'{inject}' has not been delivered yet"),
    "already-decided": N_("'{inject}' was already decided by {role} at {time}"),
    "decision-deadline-passed": N_("the deadline of '{inject}' passed at {time}"),
    "not-your-decision": N_("only {role} decides '{inject}', not {actor}"),
    "not-an-option": N_("'{option}' is not an option of '{inject}'"),
    "not-a-measure": N_("'{measure}' is not a measure of this scenario"),
    "not-your-measure": N_("only {role} can take '{measure}'"),
    "measure-level": N_("'{measure}' is available at {level}; the session is at {current}"),
    "not-your-lift": N_("only {role} can lift '{measure}'"),
    "not-lasting": N_("'{measure}' is not a lasting measure: there is nothing to lift"),
    "not-taken": N_("'{measure}' has not been taken"),
    "already-lifted": N_("'{measure}' was already lifted"),
    "measure-taken": N_("'{measure}' was already taken"),
    "already-paused": N_("the session is already paused"),
    "not-paused": N_("the session is not paused"),
    "nothing-waiting": N_("no inject is waiting to be delivered"),
    "already-delivered": N_("'{inject}' was already delivered"),
    "not-inject-or-template": N_(
        "'{inject}' is neither an inject of this scenario nor a catalogue template"
    ),
    "no-recipients": N_("say who receives the inject"),
    "not-a-template": N_("'{template}' is not a catalogue template of this session"),
    "decider-not-recipient": N_("'{role}' decides but does not receive the inject"),
    "not-an-inject": N_("'{inject}' is not an inject of this scenario"),
    "already-held": N_("'{inject}' is already held"),
    "not-held": N_("'{inject}' is not held"),
    "not-an-objective": N_("'{objective}' is not an objective of this scenario"),
    "not-delivered-to": N_("'{inject}' was not delivered to {role}"),
    "not-a-product": N_("'{product}' is not a communication product of this session"),
    "not-your-approval": N_("only {role} approves '{product}'"),
    "product-not-waiting": N_("'{product}' is not waiting for approval"),
    # commands the journal could not record
    "not-recorded": N_("not recorded: {error}"),
    "not-recorded-ended": N_("not recorded: the session has ended"),
    "not-recorded-stopped": N_("not recorded: the session has stopped"),
}


@dataclass(frozen=True)
class Reason:
    """A reason by its code, with the parameters its sentence names."""

    code: str
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def english(self) -> str:
        return reason_text("en", {"code": self.code, "params": dict(self.params)})

    def payload(self) -> ReasonFields:
        """The journal's fields of this reason."""
        return {"reason": self.english, "code": self.code, "params": dict(self.params)}


def reason(code: str, /, **params: object) -> Reason:
    if code not in REASONS:
        raise KeyError(code)  # a code the catalogue has no sentence for is a bug here
    return Reason(code, {name: str(value) for name, value in params.items()})


def reason_text(lang: str, payload: Mapping[str, Any]) -> str:
    """The reason of a journal event (or outcome) in `lang`; see the module's note."""
    code = payload.get("code")
    params = payload.get("params")
    if isinstance(code, str) and code in REASONS:
        values = params if isinstance(params, Mapping) else {}
        try:
            return text(lang, REASONS[code], **{str(k): str(v) for k, v in values.items()})
        except (KeyError, IndexError, ValueError):
            pass  # parameters that do not fit (a damaged journal): the English as written
    written = payload.get("reason")
    return text(lang, written) if isinstance(written, str) and written else ""
