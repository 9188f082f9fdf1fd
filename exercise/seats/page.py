"""The browser seat's files, shipped in the package and served by the host itself: a
seat works on a network with no internet (no font, script or style from elsewhere).

The page's words come in its language from `/words-LANG.json` (made here from the
catalogues: the page's English text is the msgid, see docs/translating.md), with the
statuses and delivery methods the host sends as codes."""

from __future__ import annotations

from functools import cache
from importlib import resources

import orjson

from ..language import N_, languages, text
from ..model import CommsElement, Method, ProductKind
from .words import code

_FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/seat.js": ("seat.js", "text/javascript; charset=utf-8"),
    "/seat.css": ("seat.css", "text/css; charset=utf-8"),
}


@cache
def _read(name: str) -> bytes:
    return resources.files("exercise.seats").joinpath("web", name).read_bytes()


# Every word of the page (index.html's `data-w` and seat.js's `w("...")`), in English.
PAGE_WORDS = (
    N_("exercise seat"),
    N_("not connected"),
    N_("Join code"),
    N_("Your name (optional)"),
    N_("Join"),
    N_("Inbox"),
    N_("Inject"),
    N_("Rationale (optional)"),
    N_("Decide"),
    N_("Measures"),
    N_("Own initiative"),
    N_("Send"),
    N_("History"),
    N_("Media"),
    N_("Live feed"),
    N_("answered"),
    N_("connecting"),
    N_("connected"),
    N_("reconnecting"),
    N_("closed"),
    N_("the host closed this seat"),
    N_("this page shows a player's or the wall's view; exercise control uses the console"),
    N_("Done."),
    N_("Take"),
    N_("Take {title}?"),
    N_("Lift"),
    N_("Lift {title}?"),
    N_("Lift {title}, accounted for to parliament or the council?"),
    N_("accounted for to parliament or the council"),
    N_("deadline {time}"),
    N_("paused"),
    N_("ended"),
    N_("choose an option first"),
    N_("Decide {title}?"),
    N_("type the initiative first"),
    N_("Send: {text}?"),
    # communication products (the kinds and elements come as codes)
    N_("Communication"),
    N_("Kind of product"),
    N_("Audience"),
    N_("Channel (optional)"),
    N_("Elements it carries"),
    N_("Text"),
    N_("Injects it answers"),
    N_("Issue product"),
    N_("Issue {kind} for {audience}?"),
    N_("Choose the kind of product."),
    N_("Say who it is for."),
    N_("Write the text first."),
    N_("waiting for {role}"),
    N_("returned: {note}"),
    N_("issued"),
    N_("from {role}: waiting for your approval"),
    N_("Approve and issue"),
    N_("Approve and issue {product}?"),
    N_("Return"),
    N_("Return {product}?"),
    N_("Note (needed to return it)"),
    N_("Say why it goes back."),
    # the feedback form after the end (the hot wash)
    N_("Feedback on the exercise"),
    N_(
        "The session has ended. Tell exercise control how it went; every question is "
        "optional. The form is recorded in the journal and shown in the debrief."
    ),
    N_("Send feedback"),
    N_("no answer"),
    N_("Answer at least one question."),
    N_("The answers are too long to send: shorten them."),
    N_("Not connected: send it again in a moment."),
    N_("Record this feedback form for {role}?"),
    N_("Sending…"),
    N_("Feedback recorded, thank you."),
    N_("Not recorded: {reason}"),
    N_("the connection dropped while sending: ask exercise control whether the form was recorded"),
)
_STATUSES = ("open", "taken", "missed", "available", "locked", "in-force", "lifted")


@cache
def words(lang: str) -> bytes:
    """The page's words in `lang`, and the codes the host sends as people read them."""
    from ..ui.i18n import comms_name, method_name

    codes = {status: code(status, lang) for status in _STATUSES}
    codes.update({method.value: method_name(method.value, lang) for method in Method})
    # The product form's choices: kinds and elements by code, with their labels in codes.
    kinds = [kind.value for kind in ProductKind]
    elements = [element.value for element in CommsElement]
    codes.update({kind.value: kind.label(lang) for kind in ProductKind})
    codes.update({element: comms_name(element, lang) for element in elements})
    return orjson.dumps(
        {
            "words": {msgid: text(lang, msgid) for msgid in PAGE_WORDS},
            "codes": codes,
            "kinds": kinds,
            "elements": elements,
        }
    )


def asset(path: str) -> tuple[bytes, str] | None:
    """The body and content type served at `path`, or None."""
    if path.startswith("/words-") and path.endswith(".json"):
        lang = path.removeprefix("/words-").removesuffix(".json")
        return (words(lang), "application/json") if lang in languages() else None
    found = _FILES.get(path)
    if found is None:
        return None
    name, content_type = found
    return _read(name), content_type


def names() -> list[str]:
    return sorted({name for name, _type in _FILES.values()})
