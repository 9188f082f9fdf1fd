"""The seats' own words in the seat's language: key descriptions, and the codes the host
sends (a decision's or a measure's status, the kind of a seat) as people read them.

The msgids are the English (see docs/translating.md); a code the table does not know is
shown as it came, never dropped."""

from __future__ import annotations

from .. import keys
from ..language import N_, default_language, text

# Key descriptions of the seats' apps and the Seats tab (the English is the msgid).
KEYS = frozenset(
    {
        N_("leave"),
        N_("decide"),
        N_("take measure"),
        N_("lift measure"),
        N_("send initiative"),
        N_("issue product"),
        N_("approve product"),
        N_("return product"),
        N_("send feedback"),
        N_("yes"),
        N_("no"),
        N_("pause/resume"),
        N_("speed"),
        N_("next inject"),
        N_("fire"),
        N_("hold/release"),
        N_("ad-hoc inject"),
        N_("observation"),
        N_("end session"),
        N_("leave field"),
        N_("revoke seat"),
    }
)

_CODES = {
    # a decision's status
    "open": N_("open"),
    "taken": N_("taken"),
    "missed": N_("missed"),
    # a measure's status
    "available": N_("available"),
    "locked": N_("locked"),
    "in-force": N_("in force"),
    "lifted": N_("lifted"),
    # an inject's status in the MSEL
    "delivered": N_("delivered"),
    "held": N_("held"),
    "scheduled": N_("scheduled"),
    "upcoming": N_("upcoming"),
    "conditional": N_("conditional"),
    "waiting": N_("waiting"),
    "adhoc": N_("ad-hoc"),
    # the kind of a seat
    "facilitator": N_("facilitator"),
    "evaluator": N_("evaluator"),
    "player": N_("player"),
    "observer": N_("observer"),
}


def say(msgid: str, lang: str) -> str:
    return text(lang, msgid)


def code(value: object, lang: str) -> str:
    """A status or kind the host sent, in `lang` (as sent when not known)."""
    value = str(value)
    return text(lang, _CODES[value]) if value in _CODES else value


class TranslatedBindings(keys.TranslatedBindings):
    """Bindings described by the seats' key words, in the instance's `lang`."""

    WORDS = keys.KeyWords(KEYS, say, default_language)
