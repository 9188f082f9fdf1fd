"""The `exercise` command line: one package, one parser, one place for shared options.

- `parser`: every command, its arguments and help, naming the function that runs it; it
  imports none of them, so `exercise --help` starts in a blink;
- `options`: the options several commands share (language, speed, journal, catalogue,
  players, --force, --damaged), defined and validated once;
- `errors`: exit statuses, `UsageError`, and how any failure becomes one line and a status;
- one module per group of commands: `content` (validate, lint, schema, list), `journals`
  (verify, export, replay), `setup` (what play, run and resume share), `sessions` (play,
  resume), `screen` (run, and the session UI), `trainers` (debrief, review), `msel`
  (import, msel, handouts).

Exit status: 0 success, 1 a check found problems (lint --strict, a damaged journal), 2 bad
input or usage, 130 interrupted, 70 an internal error (a bug; never a traceback).
"""

from __future__ import annotations

from .app import build_parser, main

__all__ = ["build_parser", "main"]
