"""The entry point: parse the arguments, import the one command asked for, run it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib import import_module

from .errors import Command, run
from .options import command_line_language
from .parser import build_parser
from .words import speaking

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    lang = command_line_language(words)
    with speaking(lang):  # usage, help and argparse's errors in the user's language
        args = build_parser(lang).parse_args(words)
    module, name = args.run.split(":")  # set by the parser: "module:function"
    command: Command = getattr(import_module(f"{__package__}.{module}"), name)
    return run(command, args)


if __name__ == "__main__":
    sys.exit(main())
