"""The entry point: parse the arguments, import the one command asked for, run it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib import import_module

from .errors import Command, run
from .parser import build_parser

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module, name = args.run.split(":")  # set by the parser: "module:function"
    command: Command = getattr(import_module(f"{__package__}.{module}"), name)
    return run(command, args)


if __name__ == "__main__":
    sys.exit(main())
