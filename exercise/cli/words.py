"""argparse's own words ("usage:", "options", its error messages) in the user's language.

argparse says them through gettext's default domain, which reads the language from the
environment and a catalogue of its own. Here they are message ids of our catalogue, and
`speaking` points argparse's two gettext functions (module globals it looks up on every
call) at the catalogue of the language the command line was asked for, while the parser
is built (its group titles) and while it parses (usage, help, errors), and then puts
them back: a program that imports exercise keeps its own argparse words. The msgids are
argparse's, spelled exactly as it spells them; `tests/test_cli_language.py` checks them
against the argparse that runs, so a Python whose argparse words change is noticed.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from contextlib import contextmanager

from ..language import N_, N_plural, translations

# The words a user meets: help, usage and the errors of a command line typed wrongly
# (argparse's errors about a parser built wrongly are for us, and stay English).
ARGPARSE = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
)
ARGPARSE_PLURAL = (N_plural("expected %s argument", "expected %s arguments"),)


# argparse fills its words in with `%`: a translation with other placeholders would crash it
_PERCENT = re.compile(r"%(?:\([^)]*\))?[a-z%]")


def placeholders(message: str) -> list[str]:
    """The `%` placeholders of an argparse message, in a fixed order."""
    return sorted(_PERCENT.findall(message))


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse says its words in `lang` inside (English: the message ids themselves, and
    for a translation whose placeholders do not fit, as for every message)."""
    catalogue = translations(lang)

    def gettext(message: str) -> str:
        said = catalogue.gettext(message)
        return said if placeholders(said) == placeholders(message) else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        said, english = catalogue.ngettext(singular, plural, n), singular if n == 1 else plural
        return said if placeholders(said) == placeholders(english) else english

    names = vars(argparse)
    saved = names["_"], names["ngettext"]
    names["_"], names["ngettext"] = gettext, ngettext
    try:
        yield
    finally:
        names["_"], names["ngettext"] = saved
