"""`exercise feedback JOURNAL`: enter the participants' paper feedback forms after play."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .errors import EXIT_OK, UsageError

if TYPE_CHECKING:
    from ..model import Scenario


def feedback(args: argparse.Namespace) -> int:
    from ..debrief.evaluation import InputError
    from ..debrief.feedback import append, feedback_event, load_answers, player_roles
    from ..journal import open_verified
    from ..language import ntext, phrase, session_language, text
    from ..model.events import Kind
    from ..sim.replay import load_frozen

    # The journal's one writer while the forms go in: a live session or a review holding
    # it is named and refused here, and a damaged chain is never written onto.
    if args.file and args.role:
        raise UsageError(
            phrase("--role is for typing in one form: the file names each form's role")
        )
    journal, _checked = open_verified(args.journal, readonly=False)
    with journal:
        scenario = load_frozen(journal)
        lang = session_language(args.lang, journal.session.meta)
        if args.role is not None and args.role not in player_roles(scenario):
            roles = ", ".join(player_roles(scenario))
            raise UsageError(
                phrase(
                    "--role {value}: not a player role (roles: {roles})",
                    value=repr(args.role),
                    roles=roles,
                )
            )
        by = (args.by or "").strip()
        if args.file:
            events = load_answers(args.file, scenario, lang, by or "paper form")
        else:
            answers = _ask(scenario, lang, args.role)
            if answers is None:
                return EXIT_OK
            role, given, who = answers
            try:
                events = [feedback_event(scenario, lang, role, given, who or by or role, 0.0)]
            except InputError as err:
                raise UsageError(*err.args) from None
        append(journal, events)
        ended = any(e.kind == Kind.SESSION_ENDED for e in journal.events())
    if not ended:
        # A session that stopped (a crash, a laptop closed) and was not resumed to its end:
        # the room held its hot wash anyway, so its forms are kept, with a word that
        # `exercise resume` would now continue the play after them.
        warning = text(
            lang,
            "warning: this session never ended (it stopped and was not resumed to its end): "
            "the forms are recorded at its last scenario time; resuming it would continue "
            "the play after them",
        )
        print(warning, file=sys.stderr)
    print(ntext(lang, "{n} feedback form recorded", "{n} feedback forms recorded", len(events)))
    return EXIT_OK


def _ask(
    scenario: Scenario, lang: str, role: str | None
) -> tuple[str, dict[str, object], str] | None:
    """One form typed in at the terminal; None when the input ends before it is done
    (nothing is recorded then)."""
    from ..debrief.evaluation import InputError
    from ..debrief.feedback import answer_value, player_roles, questions
    from ..language import N_, text
    from ..model import localize
    from ..safetext import clean

    try:
        if role is None:
            roles = player_roles(scenario)
            for n, rid in enumerate(roles, 1):
                title = localize(scenario.role_map[rid].title, lang, scenario.language)
                print(clean(f"  {n}. {title} ({rid})"))
            while role is None:
                picked = input(text(lang, "Role (number or id): ")).strip()
                if picked.isdigit() and 1 <= int(picked) <= len(roles):
                    role = roles[int(picked) - 1]
                elif picked in roles:
                    role = picked
        who = input(text(lang, "Your name (optional): ")).strip()
        print(text(lang, "Leave an answer empty to skip the question."))
        given: dict[str, object] = {}
        for question in questions(scenario, lang):
            while True:
                # a scale question says its range, unless its text does already
                scale = question.kind == "scale" and "5" not in question.text
                hint = " (1-5)" if scale else ""
                raw = input(clean(f"{question.text}{hint}\n> "))
                try:
                    value = answer_value(question, raw)
                except InputError:
                    again = (
                        N_("Give a whole number from 1 to 5, or leave the answer empty.")
                        if question.kind == "scale"
                        else N_("That answer is too long.")
                    )
                    print(text(lang, again), file=sys.stderr)
                    continue
                if value is not None:
                    given[question.id] = value
                break
    except EOFError:
        print(text(lang, "Input ended: nothing recorded."), file=sys.stderr)
        return None
    return role, given, who
