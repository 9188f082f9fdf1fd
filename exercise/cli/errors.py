"""Exit statuses, and how every failure becomes one line for people and a status."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 70, 130

Command = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A command used wrongly: printed as one line, exit status 2 (a `language.Phrase` is
    said in the command's language). Several arguments are several lines (every output
    a command refuses to write, `outputs.OutputRefused`)."""


def error(text: str) -> None:
    """An error for people on stderr. File names and values in it come from the command
    line or from files: their control characters are shown by code, never interpreted."""
    from ..safetext import clean

    print(f"exercise: {clean(text)}", file=sys.stderr)


def language(args: argparse.Namespace) -> str:
    """The language of a command's messages: its --lang, else the environment's."""
    from ..language import languages, session_language

    asked = getattr(args, "lang", None)
    return session_language(asked if asked in languages() else None)


def run(command: Command, args: argparse.Namespace) -> int:
    """Run a command; whatever goes wrong ends as a message and an exit status."""
    # Imported here, not at the top: `exercise --help` must not pay for them.
    from ..content.problems import ContentError
    from ..journal.errors import DamagedJournal, JournalError
    from ..language import say

    try:
        return command(args)
    except ContentError as err:
        lang = language(args)
        for problem in err.problems:  # control characters shown by code
            print(problem.shown(lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    except DamagedJournal as err:  # a check found damage: exit 1, like a failed verify
        error(f"{err.path}: {say(language(args), err.message)}")
        return EXIT_FINDINGS
    except JournalError as err:
        error(f"{err.path}: {say(language(args), err.message)}")
        return EXIT_BAD_INPUT
    except UsageError as err:
        lang = language(args)
        lines = [line for line in err.args if isinstance(line, str)] or [str(err)]
        for line in lines:
            error(say(lang, line))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head); nothing more to say
        return EXIT_OK
    except FileExistsError as err:  # a journal that would be overwritten: a phrase
        said = err.args[0] if len(err.args) == 1 and isinstance(err.args[0], str) else str(err)
        error(say(language(args), said))
        return EXIT_BAD_INPUT
    except OSError as err:  # a folder that cannot be written, a full disk
        where = f"{err.filename}: " if err.filename else ""
        error(f"{where}{err.strerror or err}")
        return EXIT_BAD_INPUT
    except Exception as err:  # never a raw traceback for the people in the room
        if os.environ.get("EXERCISE_DEBUG"):
            raise
        from ..language import text

        error(
            text(
                language(args),
                "internal error: {error}\nPlease report this with the command you ran; set "
                "EXERCISE_DEBUG=1 for details.",
                error=f"{type(err).__name__}: {err}",
            )
        )
        return EXIT_INTERNAL
